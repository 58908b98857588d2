"""localize.py: the images stage end to end, against a server on 127.0.0.1."""

from __future__ import annotations

import base64
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from generator.images import ImagesConfig
from generator.localize import Asset, localize_images
from generator.model import Article
from generator.report import Report

CFG = ImagesConfig(
    allow_private_hosts=True,
    connect_timeout=1.0,
    read_timeout=1.0,
    total_timeout=3.0,
    retries=0,
    backoff=0.01,
)
NAME = re.compile(r"^img-[0-9a-f]{12}\.(jpg|png|gif|webp)$")


def image_bytes(
    fmt: str = "PNG", color: tuple[int, int, int] = (10, 120, 200), size: tuple[int, int] = (16, 9)
) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt)
    return buf.getvalue()


def art(source: str, body: str, thumbnail: str = "", source_url: str = "https://new.qq.com/rain/a/1") -> Article:
    return Article(source=source, kind="front-matter", body=body, thumbnail=thumbnail, source_url=source_url)


def warnings_of(report: Report) -> list[str]:
    return [f"{p.file}: {p.message}" for p in report.warnings]


def test_extensionless_urls_wrong_content_type_localized(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/om_ls/thumb/0").respond_with_data(image_bytes("JPEG"), content_type="text/html")
    httpserver.expect_request("/om_bt/body/641").respond_with_data(image_bytes("PNG"), content_type="image/jpeg")
    thumb, body_url = httpserver.url_for("/om_ls/thumb/0"), httpserver.url_for("/om_bt/body/641")
    a = art("000.txt", f"![图片]({body_url})\n\n百度宣布将开源下一代文心大模型。", thumbnail=thumb)
    report = Report()
    [(new, assets)] = localize_images([a], CFG, tmp_path / "cache", report)
    assert not report.problems
    assert NAME.match(new.thumbnail)
    assert new.thumbnail.endswith(".jpg")  # from the bytes, not from the URL or Content-Type
    body_name = re.search(r"!\[图片\]\((.*?)\)", new.body).group(1)  # type: ignore[union-attr]
    assert NAME.match(body_name)
    assert body_name.endswith(".png")
    assert new.images == ()
    assert {x.name for x in assets} == {new.thumbnail, body_name}
    for asset in assets:
        assert isinstance(asset, Asset)
        assert asset.path.is_file()
        assert asset.path.name == asset.name


def test_each_url_fetched_once_and_same_bytes_stored_once(httpserver: HTTPServer, tmp_path: Path) -> None:
    data = image_bytes()
    httpserver.expect_request("/a").respond_with_data(data)
    httpserver.expect_request("/b").respond_with_data(data)
    a_url, b_url = httpserver.url_for("/a"), httpserver.url_for("/b")
    articles = [
        art("1.txt", f"![x]({a_url})\n![y]({a_url}#again)"),
        art("2.txt", f"![x]({a_url})", thumbnail=a_url),
        art("3.txt", f"![z]({b_url})"),
    ]
    out = localize_images(articles, CFG, tmp_path / "cache", Report())
    paths = [r.path for r, _ in httpserver.log]
    assert sorted(paths) == ["/a", "/b"]  # the same image under two URLs: one fetch per URL
    names = {asset.name for _, assets in out for asset in assets}
    assert len(names) == 1  # ... and one stored file
    assert len(list((tmp_path / "cache" / "files").iterdir())) == 1


def test_failures_leave_links_remote_and_are_reported(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/html").respond_with_data("<!DOCTYPE html><title>403</title>", content_type="image/jpeg")
    httpserver.expect_request("/missing").respond_with_data("nope", status=404)
    httpserver.expect_request("/ok").respond_with_data(image_bytes())
    html_url, missing, ok = (httpserver.url_for(p) for p in ("/html", "/missing", "/ok"))
    body = f"![a]({html_url})\n![b]({missing})\n![c]({ok})\n![d](file:///etc/passwd)"
    report = Report()
    [(new, assets)] = localize_images([art("bad.txt", body)], CFG, tmp_path / "cache", report)
    assert html_url in new.body
    assert missing in new.body
    assert ok not in new.body
    assert new.images == (html_url, missing, "file:///etc/passwd")
    assert len(assets) == 1
    messages = warnings_of(report)
    assert any(m.startswith("bad.txt:") and html_url in m and "HTML" in m for m in messages)
    assert any(missing in m and "HTTP 404" in m for m in messages)
    assert any("file:///etc/passwd" in m and "only http" in m for m in messages)
    assert all(p.where == "images" for p in report.warnings)


def test_first_good_body_image_becomes_thumbnail(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/broken").respond_with_data("x", status=500)
    httpserver.expect_request("/good").respond_with_data(image_bytes())
    body = f"![a]({httpserver.url_for('/broken')})\n![b]({httpserver.url_for('/good')})"
    [(new, assets)] = localize_images([art("t.txt", body)], CFG, tmp_path / "cache", Report())
    assert NAME.match(new.thumbnail)
    assert [a.name for a in assets] == [new.thumbnail]


def test_rerun_uses_cache_then_conditional_request(httpserver: HTTPServer, tmp_path: Path) -> None:
    def conditional(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(image_bytes(), headers={"ETag": '"v1"'})

    httpserver.expect_request("/img").respond_with_handler(conditional)
    articles = [art("r.txt", f"![x]({httpserver.url_for('/img')})")]
    cache = tmp_path / "cache"
    first = localize_images(articles, CFG, cache, Report())
    assert len(httpserver.log) == 1
    second = localize_images(articles, CFG, cache, Report())  # fresh: no request at all
    assert len(httpserver.log) == 1
    third = localize_images(articles, replace(CFG, revalidate_days=0), cache, Report())
    assert len(httpserver.log) == 2
    assert httpserver.log[1][1].status_code == 304
    assert first == second == third


def test_stale_copy_used_when_revalidation_fails(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_ordered_request("/img").respond_with_data(image_bytes())
    httpserver.expect_ordered_request("/img").respond_with_data("down", status=503)
    articles = [art("s.txt", f"![x]({httpserver.url_for('/img')})")]
    cfg = replace(CFG, revalidate_days=0)
    first = localize_images(articles, cfg, tmp_path / "cache", Report())
    report = Report()
    second = localize_images(articles, cfg, tmp_path / "cache", report)
    assert first == second
    assert not report.warnings


def test_failed_image_retried_next_run(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_ordered_request("/later").respond_with_data("down", status=500)
    httpserver.expect_ordered_request("/later").respond_with_data(image_bytes())
    url = httpserver.url_for("/later")
    articles = [art("l.txt", f"![x]({url})")]
    [(first, _)] = localize_images(articles, CFG, tmp_path / "cache", Report())
    assert url in first.body
    [(second, assets)] = localize_images(articles, CFG, tmp_path / "cache", Report())
    assert url not in second.body
    assert len(assets) == 1


def test_offline_uses_cache_only(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/cached").respond_with_data(image_bytes())
    cached, fresh = httpserver.url_for("/cached"), httpserver.url_for("/new")
    cache = tmp_path / "cache"
    localize_images([art("o.txt", f"![x]({cached})")], CFG, cache, Report())
    report = Report()
    [(new, assets)] = localize_images(
        [art("o.txt", f"![x]({cached})\n![y]({fresh})")], replace(CFG, revalidate_days=0), cache, report, offline=True
    )
    assert len(httpserver.log) == 1
    assert cached not in new.body
    assert fresh in new.body
    assert len(assets) == 1
    assert any("offline" in m and fresh in m for m in warnings_of(report))


def test_private_targets_refused_by_default(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x").respond_with_data(image_bytes())
    url = httpserver.url_for("/x")
    report = Report()
    [(new, _)] = localize_images([art("p.txt", f"![x]({url})")], ImagesConfig(), tmp_path / "cache", report)
    assert url in new.body
    assert len(httpserver.log) == 0
    assert any("not a public address" in m for m in warnings_of(report))


def test_exif_gps_removed_end_to_end(httpserver: HTTPServer, tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 1.0)}
    buf = io.BytesIO()
    Image.new("RGB", (20, 10), (1, 2, 3)).save(buf, "JPEG", exif=exif)
    httpserver.expect_request("/photo").respond_with_data(buf.getvalue())
    [(_, [asset])] = localize_images([art("e.txt", f"![x]({httpserver.url_for('/photo')})")], CFG, tmp_path, Report())
    with Image.open(asset.path) as im:
        assert not im.getexif()
    assert b"SecretCam" not in asset.path.read_bytes()


def test_pixel_bomb_reported(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/bomb").respond_with_data(image_bytes(size=(300, 300)))
    report = Report()
    url = httpserver.url_for("/bomb")
    [(new, assets)] = localize_images([art("b.txt", f"![x]({url})")], replace(CFG, max_pixels=10_000), tmp_path, report)
    assert url in new.body
    assert assets == ()
    assert any("over the limit" in m for m in warnings_of(report))


def test_data_url_localized(tmp_path: Path) -> None:
    url = "data:image/png;base64," + base64.b64encode(image_bytes()).decode()
    [(new, assets)] = localize_images([art("d.txt", f"![x]({url})")], CFG, tmp_path, Report())
    assert "data:" not in new.body
    assert len(assets) == 1


def test_index_persisted_and_no_temp_files_left(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/i").respond_with_data(image_bytes())
    httpserver.expect_request("/h").respond_with_data("<html>")
    body = f"![x]({httpserver.url_for('/i')})\n![y]({httpserver.url_for('/h')})"
    cache = tmp_path / "cache"
    localize_images([art("i.txt", body)], CFG, cache, Report())
    doc = json.loads((cache / "index.json").read_text(encoding="utf-8"))
    assert list(doc["urls"]) == [httpserver.url_for("/i")]
    assert list((cache / "tmp").iterdir()) == []
    assert [p.name for p in cache.iterdir() if p.name.startswith(".")] == []


def test_thumbnail_size(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/wide").respond_with_data(image_bytes("JPEG", size=(800, 400)))
    url = httpserver.url_for("/wide")
    [(new, assets)] = localize_images(
        [art("w.txt", f"![x]({url})", thumbnail=url)], replace(CFG, thumbnail_width=200), tmp_path, Report()
    )
    by_name = {a.name: a.path for a in assets}
    with Image.open(by_name[new.thumbnail]) as im:
        assert im.size == (200, 100)
    assert len(assets) == 2  # the full image in the body, the small one as thumbnail


def test_max_per_article(httpserver: HTTPServer, tmp_path: Path) -> None:
    for i in range(3):
        httpserver.expect_request(f"/{i}").respond_with_data(image_bytes(color=(i, i, i)))
    body = "\n".join(f"![x]({httpserver.url_for(f'/{i}')})" for i in range(3))
    report = Report()
    [(new, assets)] = localize_images([art("m.txt", body)], replace(CFG, max_per_article=2), tmp_path, report)
    assert len(assets) == 2
    assert len(new.images) == 1
    assert any("only the first 2" in m for m in warnings_of(report))


@pytest.mark.parametrize("enabled", [False])
def test_disabled_does_nothing(tmp_path: Path, enabled: bool) -> None:
    a = art("n.txt", "![x](https://example.com/a.jpg)")
    assert localize_images([a], replace(CFG, enabled=enabled), tmp_path, Report()) == [(a, ())]


SAMPLES = Path(__file__).resolve().parent.parent / "site" / "inbox"  # the project's own copies


@pytest.mark.parametrize("name", ["000_605ee777b25788bd.txt", "003_2f8dfb8055731b57.txt"])
def test_sample_articles_fully_localized(httpserver: HTTPServer, tmp_path: Path, name: str) -> None:
    """The samples' extensionless gtimg URLs, served from 127.0.0.1 under the same paths."""
    path = SAMPLES / name
    text = path.read_text(encoding="utf-8").replace("https://inews.gtimg.com", httpserver.url_for("").rstrip("/"))
    front, _, body = text.partition("\n---\n")
    thumb = re.search(r'^thumbnail: "(.*)"$', front, re.M).group(1)  # type: ignore[union-attr]
    counter = iter(range(1000))
    httpserver.expect_request(re.compile(r"^/om_.*")).respond_with_handler(
        lambda request: Response(image_bytes("JPEG", color=(next(counter), 0, 0)), content_type="image/webp")
    )
    report = Report()
    [(new, assets)] = localize_images([art(name, body, thumbnail=thumb)], CFG, tmp_path, report)
    assert not report.problems
    assert new.images == ()
    assert NAME.match(new.thumbnail)
    assert "http" not in "".join(re.findall(r"!\[[^\]]*\]\(([^)]*)\)", new.body))
    assert len(assets) == len({*re.findall(r"!\[[^\]]*\]\(([^)]*)\)", new.body), new.thumbnail})


# --- the "image left remote" warning: short URLs, "retried" only after a real download failure -----------------

_RETRY_WORDS = re.compile(r"retr|again|next run", re.IGNORECASE)


def left_remote(report: Report, url_part: str) -> tuple[str, str]:
    [problem] = [p for p in report.warnings if "image left remote" in p.message and url_part in p.message]
    return problem.message, problem.hint


def test_only_failed_downloads_are_said_to_be_retried(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/down").respond_with_data("down", status=503)
    httpserver.expect_request("/page").respond_with_data("<!DOCTYPE html><title>x</title>", content_type="image/png")
    down, page = httpserver.url_for("/down"), httpserver.url_for("/page")
    body = f"![a]({down})\n![b](file:///etc/passwd)\n![c](data:image/png;base64)\n![d]({page})"
    report = Report()
    localize_images([art("h.txt", body)], CFG, tmp_path / "cache", report)
    message, hint = left_remote(report, down)
    assert "HTTP 503" in message and "retried on the next run" in hint
    for refused in ("file:///etc/passwd", "data:image/png;base64", page):  # never fetched, or not an image
        message, hint = left_remote(report, refused)
        assert hint and not _RETRY_WORDS.search(f"{message} {hint}"), (message, hint)


def test_refused_private_host_is_not_said_to_be_retried(httpserver: HTTPServer, tmp_path: Path) -> None:
    url = httpserver.url_for("/x")
    report = Report()
    localize_images([art("p.txt", f"![x]({url})")], ImagesConfig(retries=0), tmp_path / "cache", report)
    message, hint = left_remote(report, url)
    assert "not a public address" in message
    assert "never fetched" in hint and not _RETRY_WORDS.search(f"{message} {hint}")


def test_offline_hint_says_how_to_download(tmp_path: Path) -> None:
    report = Report()
    localize_images([art("o.txt", "![x](https://example.com/a.jpg)")], CFG, tmp_path, report, offline=True)
    _, hint = left_remote(report, "https://example.com/a.jpg")
    assert "without --offline" in hint and not _RETRY_WORDS.search(hint)


def test_long_urls_are_cut_keeping_scheme_host_and_end(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(re.compile("^/long/.*")).respond_with_data("gone", status=404)
    url = httpserver.url_for("/long/" + "a" * 300 + "/end.jpg?x=" + "q" * 200 + "&tail=1")
    pixel = "data:image/png;base64," + "A" * 100_000  # decodes, but is not an image
    report = Report()
    localize_images([art("u.txt", f"![x]({url})\n\n![y]({pixel})")], CFG, tmp_path / "cache", report)
    origin = httpserver.url_for("/").removesuffix("/")
    for message in (p.message for p in report.warnings):
        shown = message.removeprefix("image left remote ").split(": ", 1)[0]
        assert len(shown) <= 100 and "…" in shown, shown
    message, _ = left_remote(report, origin + "…")
    assert "q&tail=1: HTTP 404" in message
    message, hint = left_remote(report, "data:image/png;base64,…AAAA")
    assert "not an image" in message and "data:" in hint and not _RETRY_WORDS.search(hint)
