"""fetch.py against servers started on 127.0.0.1 (pytest-httpserver), plus the address checks.

Loopback is not a public address, so these tests enable ``allow_private_hosts``; the SSRF tests
check that without it loopback/private targets are refused. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import shutil
import ssl
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from generator import fetch as fetch_module
from generator.fetch import (
    Fetcher,
    FetchError,
    UnsafeTargetError,
    address_problem,
    check_url,
    parse_retry_after,
    resolve_checked,
    run_pool,
    url_key,
)
from generator.images import ImagesConfig

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

CFG = ImagesConfig(
    allow_private_hosts=True,
    connect_timeout=1.0,
    read_timeout=1.0,
    total_timeout=3.0,
    retries=2,
    backoff=0.01,
    max_retry_after=2.0,
)


@pytest.fixture
def fetcher(tmp_path: Path) -> Iterator[Fetcher]:
    with Fetcher(CFG, tmp_path) as f:
        yield f


def make(tmp_path: Path, **changes: object) -> Fetcher:
    return Fetcher(replace(CFG, **changes), tmp_path)  # type: ignore[arg-type]


# --- address and URL checks (no network) ----------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "0x7f000001",
        "2130706433",
        "127.1",
        "0177.0.0.1",
        "::1",
        "::ffff:127.0.0.1",
        "::7f00:1",
        "64:ff9b::7f00:1",
        "64:ff9b:1::1",
        "2002:7f00:1::",
        "2002:a00:1::",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "169.254.169.254",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.1.1",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104  (an address under test, not a bind)
        "::",
        "fe80::1",
        "fc00::1",
        "224.0.0.1",
        "239.255.255.250",
        "ff02::1",
    ],
)
def test_non_global_addresses_refused(host: str) -> None:
    with pytest.raises(UnsafeTargetError):
        resolve_checked(host, 80, allow_private=False)


@pytest.mark.parametrize("ip", ["8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::"])
def test_public_addresses_allowed(ip: str) -> None:
    assert address_problem(ipaddress.ip_address(ip)) == ""


def test_multicast_refused_even_with_private_allowed() -> None:
    assert address_problem(ipaddress.ip_address("224.0.0.1"), allow_private=True)
    assert address_problem(ipaddress.ip_address("ff02::1"), allow_private=True)
    assert address_problem(ipaddress.ip_address("127.0.0.1"), allow_private=True) == ""


def test_any_bad_address_refuses_the_host() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "127.0.0.1"]

    with pytest.raises(UnsafeTargetError, match=r"127\.0\.0\.1"):
        resolve_checked("rebind.example", 80, allow_private=False, resolver=resolver)


@pytest.mark.parametrize(
    ("url", "match"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.com/a.jpg", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http://user@example.com/a.jpg", "user name"),
        ("http://user:pw@example.com/a.jpg", "user name"),
        ("img-1.jpg", "only http and https"),
    ],
)
def test_url_refusals(url: str, match: str) -> None:
    with pytest.raises(UnsafeTargetError, match=match):
        check_url(url)


def test_refused_schemes_through_fetch(fetcher: Fetcher) -> None:
    with pytest.raises(UnsafeTargetError):
        fetcher.fetch("file:///etc/passwd")
    assert fetcher.requests == 0


def test_url_key_normalizes_spellings() -> None:
    assert url_key("HTTP://Example.COM:80/a.jpg#frag") == url_key("http://example.com/a.jpg")
    assert url_key("//example.com/a.jpg") == "https://example.com/a.jpg"
    assert url_key("http://example.com/a.jpg?x=1") != url_key("http://example.com/a.jpg?x=2")


def test_retry_after_parsing() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


# --- against a local server -------------------------------------------------------------------------


def test_loopback_refused_without_allow_private(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/a").respond_with_data(PNG)
    with make(tmp_path, allow_private_hosts=False) as f, pytest.raises(UnsafeTargetError, match=r"127\.0\.0\.1"):
        f.fetch(httpserver.url_for("/a"))
    assert len(httpserver.log) == 0


def test_redirect_to_private_address_refused(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first hop is treated as public (a test stand-in for a real CDN); the redirect target is checked."""
    real = fetch_module.resolve_checked

    def fake(host: str, port: int, *, allow_private: bool, resolver: fetch_module.Resolver) -> list[str]:
        if host == "cdn.test":
            return ["127.0.0.1"]
        return real(host, port, allow_private=allow_private, resolver=resolver)

    monkeypatch.setattr(fetch_module, "resolve_checked", fake)
    port = httpserver.port
    httpserver.expect_request("/start").respond_with_response(
        Response(status=302, headers={"Location": f"http://127.0.0.1:{port}/secret"})
    )
    httpserver.expect_request("/secret").respond_with_data("internal")
    with make(tmp_path, allow_private_hosts=False) as f, pytest.raises(UnsafeTargetError, match="not a public"):
        f.fetch(f"http://cdn.test:{port}/start")
    assert [r.path for r, _ in httpserver.log] == ["/start"]


def test_redirect_to_other_scheme_refused(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/r").respond_with_response(Response(status=301, headers={"Location": "file:///etc/x"}))
    with pytest.raises(UnsafeTargetError, match="only http"):
        fetcher.fetch(httpserver.url_for("/r"))


def test_redirect_followed(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/old").respond_with_response(Response(status=301, headers={"Location": "/new"}))
    httpserver.expect_request("/new").respond_with_data(PNG, content_type="text/plain")
    result = fetcher.fetch(httpserver.url_for("/old"))
    assert result.final_url.endswith("/new")
    assert result.path is not None
    assert result.path.read_bytes() == PNG


def test_redirect_loop(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/a").respond_with_response(Response(status=302, headers={"Location": "/b"}))
    httpserver.expect_request("/b").respond_with_response(Response(status=302, headers={"Location": "/a"}))
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.fetch(httpserver.url_for("/a"))


def test_too_many_redirects(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    for i in range(8):
        httpserver.expect_request(f"/r{i}").respond_with_response(
            Response(status=307, headers={"Location": f"/r{i + 1}"})
        )
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.fetch(httpserver.url_for("/r0"))
    assert len(httpserver.log) == 6


def test_404_not_retried(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.fetch(httpserver.url_for("/gone"))
    assert len(httpserver.log) == 1


def test_500_retried_then_ok(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_ordered_request("/flaky").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request("/flaky").respond_with_data("oops", status=503)
    httpserver.expect_ordered_request("/flaky").respond_with_data(PNG)
    result = fetcher.fetch(httpserver.url_for("/flaky"))
    assert result.path is not None
    assert len(httpserver.log) == 3


def test_500_gives_up_after_retries(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/down").respond_with_data("oops", status=500)
    with pytest.raises(FetchError, match=r"HTTP 500.*3 attempts"):
        fetcher.fetch(httpserver.url_for("/down"))


def test_429_honours_retry_after(httpserver: HTTPServer, tmp_path: Path) -> None:
    slept: list[float] = []
    f = Fetcher(CFG, tmp_path, sleep=slept.append)
    httpserver.expect_ordered_request("/busy").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "1"})
    )
    httpserver.expect_ordered_request("/busy").respond_with_data(PNG)
    with f:
        assert f.fetch(httpserver.url_for("/busy")).path is not None
    assert slept == [1.0]


def test_429_with_long_retry_after_gives_up_for_this_run(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/busy").respond_with_response(
        Response("later", status=429, headers={"Retry-After": "3600"})
    )
    with pytest.raises(FetchError, match="retry after 3600 s"):
        fetcher.fetch(httpserver.url_for("/busy"))
    assert len(httpserver.log) == 1


def test_slow_server_times_out(httpserver: HTTPServer, tmp_path: Path) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response(PNG)

    httpserver.expect_request("/slow").respond_with_handler(slow)
    start = time.monotonic()
    with make(tmp_path, read_timeout=0.2, retries=0) as f, pytest.raises(FetchError, match="timed out"):
        f.fetch(httpserver.url_for("/slow"))
    assert time.monotonic() - start < 0.6


def test_total_time_cap(httpserver: HTTPServer, tmp_path: Path) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response(PNG)

    httpserver.expect_request("/slow").respond_with_handler(slow)
    start = time.monotonic()
    with make(tmp_path, read_timeout=5.0, total_timeout=0.3, retries=3) as f, pytest.raises(FetchError):
        f.fetch(httpserver.url_for("/slow"))
    assert time.monotonic() - start < 0.6


def test_oversize_with_content_length(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/big").respond_with_data(b"\xff" * 5000)
    with make(tmp_path, max_bytes=1000) as f, pytest.raises(FetchError, match="too large"):
        f.fetch(httpserver.url_for("/big"))
    assert not list(tmp_path.iterdir())  # the partial download is gone


def test_oversize_streamed_without_content_length(httpserver: HTTPServer, tmp_path: Path) -> None:
    def stream(request: Request) -> Response:
        return Response(iter([b"\xff" * 600] * 10), direct_passthrough=True)

    httpserver.expect_request("/stream").respond_with_handler(stream)
    with make(tmp_path, max_bytes=1000) as f, pytest.raises(FetchError, match="too large: over"):
        f.fetch(httpserver.url_for("/stream"))
    assert not list(tmp_path.iterdir())


def test_browser_like_headers_and_no_referer_first(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/h").respond_with_data(PNG)
    fetcher.fetch(httpserver.url_for("/h"), article_url="https://news.example.com/a/1.html")
    request = httpserver.log[0][0]
    assert "Mozilla/5.0" in request.headers["User-Agent"]
    assert request.headers["Accept"].startswith("image/webp")
    assert "Referer" not in request.headers
    assert request.headers["Accept-Encoding"] == "identity"


def test_hotlink_403_retried_with_article_origin_and_remembered(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    origin = "https://news.example.com/"

    def guarded(request: Request) -> Response:
        if request.headers.get("Referer") != origin:
            return Response("forbidden", status=403)
        return Response(PNG, content_type="image/png")

    httpserver.expect_request("/p1").respond_with_handler(guarded)
    httpserver.expect_request("/p2").respond_with_handler(guarded)
    result = fetcher.fetch(httpserver.url_for("/p1"), article_url="https://news.example.com/a/1.html?x=1")
    assert result.used_referer
    assert len(httpserver.log) == 2
    assert "localhost" in fetcher.referer_hosts
    fetcher.fetch(httpserver.url_for("/p2"), article_url="https://news.example.com/a/2.html")
    assert len(httpserver.log) == 3  # this host now gets the Referer straight away


def test_placeholder_image_triggers_referer_retry(httpserver: HTTPServer, tmp_path: Path) -> None:
    placeholder = b"GIF89a placeholder: no hotlinking"

    def guarded(request: Request) -> Response:
        return Response(PNG if request.headers.get("Referer") else placeholder)

    httpserver.expect_request("/w").respond_with_handler(guarded)
    digest = hashlib.sha256(placeholder).hexdigest()
    with make(tmp_path, placeholder_hashes=frozenset({digest})) as f:
        result = f.fetch(httpserver.url_for("/w"), article_url="https://mp.example.com/s/1")
    assert result.path is not None
    assert result.path.read_bytes() == PNG


def test_conditional_request_304(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    def conditional(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(PNG, headers={"ETag": '"v1"', "Last-Modified": "Wed, 21 Oct 2015 07:28:00 GMT"})

    httpserver.expect_request("/c").respond_with_handler(conditional)
    first = fetcher.fetch(httpserver.url_for("/c"))
    assert (first.etag, first.last_modified) == ('"v1"', "Wed, 21 Oct 2015 07:28:00 GMT")
    second = fetcher.fetch(httpserver.url_for("/c"), etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified
    assert second.path is None
    assert httpserver.log[1][0].headers["If-Modified-Since"] == "Wed, 21 Oct 2015 07:28:00 GMT"


def test_data_url_decoded_locally_with_size_cap(tmp_path: Path) -> None:
    url = "data:image/png;base64," + base64.b64encode(PNG).decode()
    with make(tmp_path) as f:
        result = f.fetch(url)
        assert result.path is not None
        assert result.path.read_bytes() == PNG
        assert f.requests == 0
    with make(tmp_path, max_bytes=10) as f, pytest.raises(FetchError, match="too large"):
        f.fetch(url)


def test_run_pool_limits() -> None:
    lock = threading.Lock()
    now: Counter[str] = Counter()
    peak: Counter[str] = Counter()
    total = [0, 0]

    def work(item: tuple[str, int]) -> int:
        host = item[0]
        with lock:
            now[host] += 1
            total[0] += 1
            peak[host] = max(peak[host], now[host])
            total[1] = max(total[1], total[0])
        time.sleep(0.02)
        with lock:
            now[host] -= 1
            total[0] -= 1
        if item[1] == 3:
            raise ValueError("boom")
        return item[1]

    items = [(h, i) for h in ("a", "b", "c") for i in range(6)]
    results = run_pool(items, lambda it: it[0], work, pool_size=5, per_host=2)
    assert len(results) == 18
    assert isinstance(results[("a", 3)], ValueError)
    assert results[("b", 5)] == 5
    assert max(peak.values()) <= 2
    assert total[1] <= 5


def test_connects_to_checked_address_keeping_host_header(httpserver: HTTPServer, tmp_path: Path) -> None:
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"] if host == "img.test" else []

    httpserver.expect_request("/x").respond_with_data(PNG)
    with Fetcher(CFG, tmp_path, resolver=resolver) as f:
        f.fetch(f"http://img.test:{httpserver.port}/x")
    assert calls == ["img.test"]  # resolved once, by the checking backend
    assert httpserver.log[0][0].headers["Host"] == f"img.test:{httpserver.port}"


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HTTPServer, ssl.SSLContext]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for img.test (made by openssl)."""
    assert shutil.which("openssl"), "the TLS test needs the openssl command (.ci/run installs it)"
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=img.test",
         "-addext", "subjectAltName=DNS:img.test", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    server = HTTPServer(host="127.0.0.1", ssl_context=server_ctx)
    server.start()
    client_ctx = ssl.create_default_context(cafile=str(cert))
    yield server, client_ctx
    server.clear()
    server.stop()


def test_tls_verifies_the_hostname_not_the_ip(tls_server: tuple[HTTPServer, ssl.SSLContext], tmp_path: Path) -> None:
    server, ctx = tls_server
    server.expect_request("/x").respond_with_data(PNG)

    def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    with Fetcher(CFG, tmp_path, resolver=resolver, ssl_context=ctx) as f:
        result = f.fetch(f"https://img.test:{server.port}/x")
        assert result.path is not None
        assert result.path.read_bytes() == PNG
        with pytest.raises(FetchError, match="certificate"):
            f.fetch(f"https://other.test:{server.port}/x")  # same IP, wrong name: refused


def test_compressed_response_refused(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    import gzip

    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(b"\x00" * 100_000), headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="gzip-compressed"):
        fetcher.fetch(httpserver.url_for("/gz"))
