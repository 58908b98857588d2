"""The only network code: downloading one image safely, and running many downloads in a bounded pool.

Safety (SSRF): only http/https without userinfo; every hop of a redirect is checked again; the
host is resolved once, *every* address must be global (IPv4-mapped, IPv4-compatible, 6to4, Teredo
and NAT64 addresses are unwrapped and their IPv4 checked too; multicast is always refused), and the
connection goes to one of those checked addresses. That happens inside the transport's network
backend, so no other code path (keep-alive reconnects, redirects) can reach an unchecked address and
DNS rebinding between "check" and "connect" is impossible. TLS still verifies the hostname (SNI).
"""

from __future__ import annotations

import base64
import contextlib
import email.utils
import hashlib
import ipaddress
import os
import random
import socket
import ssl
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote_to_bytes

import httpcore
import httpx

from .images import HostRule, ImagesConfig

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Resolves (host, port) to IP address strings. Tests pass their own to map names to 127.0.0.1.
Resolver = Callable[[str, int], list[str]]

_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
_CHUNK = 64 * 1024
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215 local-use: embedding unknown, refuse
_IPV4_COMPAT = ipaddress.ip_network("::/96")


class FetchError(Exception):
    """An image could not be downloaded; ``str()`` is the reason shown in the report."""

    retryable = False


class UnsafeTargetError(FetchError):
    """The URL or an address it resolves to is not allowed (scheme, userinfo, private address...)."""


class RefusedError(FetchError):
    """The server refused us (401/403) or answered with a known placeholder: try with a Referer."""


class TransientError(FetchError):
    """A failure worth retrying (429, 5xx, timeout, connection reset)."""

    retryable = True

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


# --------------------------------------------------------------------------------------------------
# Address and URL checks
# --------------------------------------------------------------------------------------------------


def _wrapped_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address merely wraps (mapped, NAT64, IPv4-compatible): packets go there."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64 or (ip in _IPV4_COMPAT and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _tunnelled_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 endpoints of a 6to4 or Teredo address, which the tunnel really reaches."""
    found: list[ipaddress.IPv4Address] = []
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)  # (server, client)
    return found


def address_problem(ip: IPAddress, *, allow_private: bool = False) -> str:
    """Why connecting to ``ip`` is not allowed, or ``""`` when it is."""
    if ip.is_multicast:
        return f"{ip} is a multicast address"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return f"{ip} is a scoped (link-local) address"
        if ip in _NAT64_LOCAL and not allow_private:
            return f"{ip} is a local-use NAT64 address"
        wrapped = _wrapped_ipv4(ip)
        if wrapped is not None:
            # The IPv6 form is only an envelope (on DNS64 networks every IPv4 host looks like
            # 64:ff9b::a.b.c.d): judge by the IPv4 address inside.
            problem = address_problem(wrapped, allow_private=allow_private)
            return f"{ip} embeds {wrapped}: {problem}" if problem else ""
        for inner in _tunnelled_ipv4(ip):
            if problem := address_problem(inner, allow_private=allow_private):
                return f"{ip} embeds {inner}: {problem}"
    if allow_private:
        return ""
    if ip.is_unspecified or ip.is_loopback or ip.is_link_local or ip.is_private or ip.is_reserved:
        return f"{ip} is not a public address (loopback, private, link-local or reserved)"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return ""


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (numeric forms like ``127.1`` included)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def resolve_checked(host: str, port: int, *, allow_private: bool, resolver: Resolver = system_resolver) -> list[str]:
    """The addresses of ``host``, all of them checked; raise ``UnsafeTargetError`` if ANY is not allowed.

    One bad address refuses the host: otherwise an attacker's DNS could list a public and a private
    address and let the connection fall through to the private one.
    """
    addresses = resolver(host, port)
    if not addresses:
        raise FetchError(f"{host} has no address")
    for text in addresses:
        if "%" in text:
            raise UnsafeTargetError(f"{host} refused: {text} is a scoped (link-local) address")
        try:
            ip = ipaddress.ip_address(text)
        except ValueError:
            raise UnsafeTargetError(f"{host} resolved to an unreadable address {text!r}") from None
        if problem := address_problem(ip, allow_private=allow_private):
            raise UnsafeTargetError(f"{host} refused: {problem}")
    return addresses


def check_url(url: str | httpx.URL) -> httpx.URL:
    """Parse an image URL and refuse what must never be fetched: other schemes, userinfo, no host."""
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise UnsafeTargetError(f"not a valid URL ({exc})") from None
    scheme = parsed.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeTargetError(f"{scheme or 'relative'}: URLs are not fetched (only http and https)")
    if parsed.userinfo:
        raise UnsafeTargetError("URLs with a user name or password (user@host) are refused")
    if not parsed.host:
        raise UnsafeTargetError("URL has no host")
    return parsed.copy_with(fragment=None)


def url_key(url: str) -> str:
    """The cache key of a URL: normalized (host case, default port, no fragment) so spellings of one URL share it."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    if url[:5].lower() == "data:":
        return "data:sha256:" + hashlib.sha256(url.encode()).hexdigest()
    try:
        return str(httpx.URL(url).copy_with(fragment=None))
    except (httpx.InvalidURL, TypeError, ValueError):
        return url


def host_of(url: str) -> str:
    """Lower-case host of a URL, ``""`` when there is none (data:, broken URLs)."""
    try:
        return httpx.URL(url.strip()).host.lower()
    except (httpx.InvalidURL, TypeError, ValueError):
        return ""


# --------------------------------------------------------------------------------------------------
# A transport that can only connect to checked addresses
# --------------------------------------------------------------------------------------------------


class _CheckedBackend(httpcore.NetworkBackend):
    """Resolves and checks the host itself, then connects to a checked IP (never re-resolving)."""

    def __init__(self, *, allow_private: bool, resolver: Resolver) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private
        self._resolver = resolver

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_checked(host, port, allow_private=self._allow_private, resolver=self._resolver)
        last: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None  # noqa: S101  (addresses is never empty)
        raise last

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise UnsafeTargetError("unix sockets are not used")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


_EXC_MAP: tuple[tuple[type[Exception], type[Exception]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
)


@contextlib.contextmanager
def _mapped() -> Iterator[None]:
    """httpcore exceptions as httpx ones, so callers see a single family."""
    try:
        yield
    except Exception as exc:
        for core, public in _EXC_MAP:
            if isinstance(exc, core):
                raise public(str(exc)) from exc
        raise


class _Stream(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with _mapped():
            yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


class CheckedTransport(httpx.BaseTransport):
    """An httpx transport whose every connection goes through the address checks."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        resolver: Resolver = system_resolver,
        max_connections: int = 16,
        ssl_context: ssl.SSLContext | None = None,
    ):
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context or ssl.create_default_context(),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            network_backend=_CheckedBackend(allow_private=allow_private, resolver=resolver),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send one request (no redirects are followed here)."""
        assert isinstance(request.stream, httpx.SyncByteStream)  # noqa: S101  (httpx contract)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _mapped():
            response = self._pool.handle_request(core_request)
        assert isinstance(response.stream, Iterable)  # noqa: S101  (sync pool returns a sync stream)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Stream(response.stream),
            extensions=response.extensions,
        )

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()


# --------------------------------------------------------------------------------------------------
# Fetching one image
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One successful answer: a downloaded body in a temp file, or "not modified"."""

    url: str
    final_url: str
    path: Path | None
    """The raw body (the caller deletes it); None when not modified."""
    not_modified: bool = False
    etag: str = ""
    last_modified: str = ""
    sha256: str = ""
    size: int = 0
    used_referer: bool = False


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date), None when absent/unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """True when ``kind`` is anywhere in the exception's cause/context chain."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _origin(url: str) -> str:
    """Scheme + host of an article URL, as a Referer (``https://new.qq.com/``)."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return ""
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return ""
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.scheme}://{parsed.host}{port}/"


class Fetcher:
    """Downloads images one URL at a time; safe to share between threads."""

    def __init__(
        self,
        cfg: ImagesConfig,
        tmp_dir: Path,
        *,
        resolver: Resolver = system_resolver,
        referer_hosts: Iterable[str] = (),
        sleep: Callable[[float], None] = time.sleep,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """``resolver``, ``sleep`` and ``ssl_context`` (the CAs trusted) exist for tests."""
        self.cfg = cfg
        self.tmp_dir = tmp_dir
        tmp_dir.mkdir(parents=True, exist_ok=True)
        self._sleep = sleep
        self._lock = threading.Lock()
        self.referer_hosts: set[str] = set(referer_hosts)
        """Hosts that only answered once a Referer was sent: later URLs send it straight away."""
        self.requests = 0
        """HTTP requests sent (every hop and retry counts)."""
        self._client = httpx.Client(
            transport=CheckedTransport(
                allow_private=cfg.allow_private_hosts,
                resolver=resolver,
                max_connections=2 * cfg.pool_size,
                ssl_context=ssl_context,
            ),
            follow_redirects=False,
            trust_env=False,  # an environment proxy would connect to addresses we never checked
            timeout=httpx.Timeout(cfg.read_timeout, connect=cfg.connect_timeout),
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, *, article_url: str = "", etag: str = "", last_modified: str = "") -> FetchResult:
        """Download ``url`` (redirects, retries and the Referer strategy included); raise ``FetchError``."""
        url = url.strip()
        if url.startswith("//"):
            url = "https:" + url
        if url[:5].lower() == "data:":
            return self._decode_data(url)
        deadline = time.monotonic() + self.cfg.total_timeout
        parsed = check_url(url)
        host = parsed.host.lower()
        rule = self.cfg.rule_for(host)
        plan = self._referer_plan(rule, _origin(article_url), host)
        for i, referer in enumerate(plan):
            try:
                result = self._with_retries(parsed, rule, referer, deadline, etag, last_modified)
            except RefusedError:
                if i + 1 < len(plan):
                    continue
                raise
            if referer and i > 0:
                with self._lock:
                    self.referer_hosts.add(host)
            return result
        raise AssertionError("unreachable: the plan is never empty")

    def _referer_plan(self, rule: HostRule, origin: str, host: str) -> list[str]:
        """Referers to try in order; ``""`` means none."""
        if rule.referer == "none":
            return [""]
        if rule.referer == "origin":
            return [origin]
        fallback = origin if rule.referer == "auto" else rule.referer
        if not fallback:
            return [""]
        with self._lock:
            remembered = host in self.referer_hosts
        return [fallback, ""] if remembered else ["", fallback]

    def _headers(self, rule: HostRule, referer: str, etag: str, last_modified: str) -> dict[str, str]:
        accept = ["image/avif"] if "AVIF" in self.cfg.formats else []
        accept += ["image/webp"] if "WEBP" in self.cfg.formats else []
        headers = {
            "User-Agent": rule.user_agent or self.cfg.user_agent,
            "Accept": ",".join([*accept, "image/*"]),
            "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
            # Images gain nothing from gzip, and a decoded chunk can inflate ~1000× before the size
            # cap sees it: ask for the bytes as they are.
            "Accept-Encoding": "identity",
        }
        headers.update(rule.headers)
        if referer:
            headers["Referer"] = referer
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def _with_retries(
        self, url: httpx.URL, rule: HostRule, referer: str, deadline: float, etag: str, last_modified: str
    ) -> FetchResult:
        headers = self._headers(rule, referer, etag, last_modified)
        attempt = 0
        while True:
            try:
                return self._follow(url, headers, deadline, used_referer=bool(referer))
            except TransientError as exc:
                if attempt >= self.cfg.retries:
                    raise FetchError(f"{exc} (gave up after {attempt + 1} attempts)") from None
                delay = exc.retry_after
                if delay is None:
                    # Jitter spreads the retries of many images that failed together.
                    delay = self.cfg.backoff * (2**attempt) * (0.75 + random.random() / 2)  # noqa: S311
                elif delay > self.cfg.max_retry_after:
                    raise FetchError(f"{exc}; server asks to retry after {delay:.0f} s, trying next run") from None
                if time.monotonic() + delay >= deadline:
                    raise FetchError(f"{exc}; no time left to retry within {self.cfg.total_timeout:g} s") from None
                self._sleep(delay)
                attempt += 1

    def _follow(self, url: httpx.URL, headers: dict[str, str], deadline: float, *, used_referer: bool) -> FetchResult:
        """GET with redirects followed by hand, each hop checked before it is requested."""
        seen = {str(url)}
        current = url
        for _hop in range(self.cfg.max_redirects + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError(f"took longer than {self.cfg.total_timeout:g} s")
            timeout = httpx.Timeout(
                min(self.cfg.read_timeout, remaining), connect=min(self.cfg.connect_timeout, remaining)
            )
            with self._lock:
                self.requests += 1
            try:
                with self._client.stream("GET", current, headers=headers, timeout=timeout) as response:
                    status = response.status_code
                    if status in _REDIRECTS:
                        location = response.headers.get("Location", "")
                        if not location:
                            raise FetchError(f"HTTP {status} redirect without a Location")
                        target = check_url(current.join(location))
                        if str(target) in seen:
                            raise FetchError(f"redirect loop at {target}")
                        seen.add(str(target))
                        current = target
                        continue
                    return self._answer(url, current, response, deadline, used_referer=used_referer)
            except httpx.TimeoutException as exc:
                raise TransientError(f"timed out ({type(exc).__name__})") from None
            except httpx.TransportError as exc:
                if _caused_by(exc, ssl.SSLCertVerificationError):
                    raise FetchError(f"TLS certificate not valid for {current.host}") from None
                raise TransientError(f"connection failed ({exc or type(exc).__name__})") from None
        raise FetchError(f"more than {self.cfg.max_redirects} redirects")

    def _answer(
        self, url: httpx.URL, final: httpx.URL, response: httpx.Response, deadline: float, *, used_referer: bool
    ) -> FetchResult:
        status = response.status_code
        etag = response.headers.get("ETag", "")
        last_modified = response.headers.get("Last-Modified", "")
        if status == 304:
            return FetchResult(str(url), str(final), None, True, etag, last_modified, used_referer=used_referer)
        if status in (401, 403):
            raise RefusedError(f"HTTP {status} (hotlink protection?)")
        if status in _RETRY_STATUS:
            raise TransientError(f"HTTP {status}", parse_retry_after(response.headers.get("Retry-After")))
        if status != 200:
            raise FetchError(f"HTTP {status}")
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.cfg.max_bytes:
            raise FetchError(f"too large: {int(length):,} bytes (limit {self.cfg.max_bytes:,})")
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise FetchError(f"server sent the image {encoding}-compressed although asked not to")
        # Raw bytes: nothing is decompressed in memory, so the size cap bounds what we hold.
        path, size, digest = self._save(response.iter_raw(_CHUNK), deadline)
        if digest in self.cfg.placeholder_hashes:
            path.unlink(missing_ok=True)
            raise RefusedError("the server sent its 'no hotlinking' placeholder image")
        return FetchResult(str(url), str(final), path, False, etag, last_modified, digest, size, used_referer)

    def _save(self, chunks: Iterable[bytes], deadline: float | None) -> tuple[Path, int, str]:
        """Stream chunks to a temp file, enforcing the size cap and the deadline; memory stays one chunk."""
        fd, name = tempfile.mkstemp(dir=self.tmp_dir, prefix=".raw-")
        path = Path(name)
        size = 0
        sha = hashlib.sha256()
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in chunks:
                    size += len(chunk)
                    if size > self.cfg.max_bytes:
                        raise FetchError(f"too large: over {self.cfg.max_bytes:,} bytes")
                    if deadline is not None and time.monotonic() > deadline:
                        raise FetchError(f"took longer than {self.cfg.total_timeout:g} s")
                    sha.update(chunk)
                    fh.write(chunk)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path, size, sha.hexdigest()

    def _decode_data(self, url: str) -> FetchResult:
        """A ``data:`` URL, decoded locally under the same size cap (no network)."""
        meta, sep, payload = url[5:].partition(",")
        if not sep:
            raise FetchError("malformed data: URL (no comma)")
        is_b64 = meta.lower().endswith(";base64")
        # Refuse before decoding: base64 shrinks by 3/4, percent-encoding by up to 1/3.
        if (len(payload) * 3 // 4 if is_b64 else len(payload)) > self.cfg.max_bytes + 3:
            raise FetchError(f"too large: data: URL over {self.cfg.max_bytes:,} bytes")
        try:
            data = base64.b64decode(unquote_to_bytes(payload), validate=False) if is_b64 else unquote_to_bytes(payload)
        except ValueError as exc:
            raise FetchError(f"malformed data: URL ({exc})") from None
        path, size, digest = self._save([data], None)
        return FetchResult(url, url, path, False, sha256=digest, size=size)


# --------------------------------------------------------------------------------------------------
# The pool
# --------------------------------------------------------------------------------------------------

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")


def run_pool(
    items: Sequence[K],
    host: Callable[[K], str],
    work: Callable[[K], R],
    *,
    pool_size: int,
    per_host: int,
) -> dict[K, R | BaseException]:
    """Run ``work`` on every item with at most ``pool_size`` at once and ``per_host`` per host.

    The scheduler only hands a worker an item whose host has room, so a slow host never holds
    threads that other hosts could use. Exceptions are returned, not raised.
    """
    queues: dict[str, deque[K]] = {}
    for item in items:
        queues.setdefault(host(item), deque()).append(item)
    busy: dict[str, int] = dict.fromkeys(queues, 0)
    results: dict[K, R | BaseException] = {}
    running: dict[Future[R], tuple[K, str]] = {}
    order = deque(queues)  # round-robin over hosts keeps one big host from starving the others
    with ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix="images") as pool:
        while queues or running:
            started = True
            while started and len(running) < pool_size:
                started = False
                for _ in range(len(order)):
                    h = order[0]
                    order.rotate(-1)
                    if h in queues and busy[h] < per_host:
                        item = queues[h].popleft()
                        if not queues[h]:
                            del queues[h]
                            order.remove(h)
                        busy[h] += 1
                        running[pool.submit(work, item)] = (item, h)
                        started = True
                        break
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                item, h = running.pop(future)
                busy[h] -= 1
                exc = future.exception()
                results[item] = exc if exc is not None else future.result()
    return results
