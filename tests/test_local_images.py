"""Pictures an editor brings with the source: a page saved as "Webpage, Complete" (``页面.html`` + ``页面_files/``)
and markdown linking an image beside it. They are stored into the bundle like downloaded ones, without a network."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from generator.config import load_config
from generator.discover import discover
from generator.pipeline import Options, ingest
from generator.report import Report


def _png(width: int = 4, height: int = 3) -> bytes:
    raw = b"".join(b"\x00" + b"\x80\xa0\x40" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


_PARAGRAPHS = (
    "市府今天宣布，三座新建公园将在国庆前向市民开放，公园内设有步道、球场和儿童游乐设施，预计吸引大批人潮。",
    "园林部门表示，公园建设坚持生态优先，保留了原有的大树和水系，并增加了多处休憩座椅，方便长者使用。",
    "市民对新公园普遍表示期待，不少家长说，周末终于有地方带孩子亲近自然，也希望市府做好后续维护。",
)


def _saved_complete(inbox: Path, canonical: str = "") -> None:
    """What a browser writes for "Save as Webpage, Complete": the page, and its files in ``<name>_files/``."""
    folder = inbox / "某市新建三座公园_files"
    folder.mkdir(parents=True)
    (folder / "park.png").write_bytes(_png())
    (folder / "site.css").write_text("body { font-family: sans-serif }", encoding="utf-8")
    (folder / "app.js").write_text("var x = 1; function f() { return x; }", encoding="utf-8")
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    page = (
        f'<html><head><meta charset="utf-8"><title>某市新建三座公园_某某网</title>{link}'
        '<link rel="stylesheet" href="./某市新建三座公园_files/site.css"></head><body>'
        "<div class='nav'><a href='/'>首页</a> <a href='/news/'>新闻</a></div>"
        "<h1>某市新建三座公园</h1><div>2024-05-01 10:00 来源：某某日报</div>"
        "<p><img src='./%E6%9F%90%E5%B8%82%E6%96%B0%E5%BB%BA%E4%B8%89%E5%BA%A7%E5%85%AC%E5%9B%AD_files/park.png'"
        " alt='公园一景'></p>" + "".join(f"<p>{p}</p>" for p in _PARAGRAPHS) + "<div>版权所有 某某网</div>"
        "<script src='./某市新建三座公园_files/app.js'></script></body></html>"
    )
    (inbox / "某市新建三座公园.html").write_text(page, encoding="utf-8")


def _only_page(site: Path, marker: str) -> Path:
    pages = [p for p in (site / "content" / "posts").glob("*/index.md") if marker in p.read_text(encoding="utf-8")]
    assert len(pages) == 1
    return pages[0]


def test_a_page_saved_complete_is_one_source_whose_picture_is_its_own(site: Path) -> None:
    _saved_complete(site / "inbox", canonical="https://news.example.com/a/1.html")
    found = [f.source for f in discover(site / "inbox", Report())]
    assert "某市新建三座公园.html" in found and not [s for s in found if "_files/" in s]
    report = Report()
    summary = ingest(load_config(site), report, Options(offline=True))
    assert "某市新建三座公园.html" in summary.added and not report.errors
    page = _only_page(site, "某市新建三座公园")
    images = sorted(page.parent.glob("img-*"))
    assert len(images) == 1 and f"]({images[0].name})" in page.read_text(encoding="utf-8")
    # The saved copy is the page's: never resolved against the page's address, never "left remote".
    assert "news.example.com/a/" not in page.read_text(encoding="utf-8").split("---")[-1]
    assert not [p for p in report.warnings if p.file == "某市新建三座公园.html" and p.where == "images"]


def test_markdown_links_a_picture_beside_it(site: Path) -> None:
    inbox = site / "inbox"
    (inbox / "images").mkdir()
    (inbox / "images" / "park photo.png").write_bytes(_png(5, 4))
    body = "\n\n".join(_PARAGRAPHS)
    for sample in inbox.iterdir():  # no other article needs the images stage: these alone must start it
        if sample.is_file():
            sample.unlink()
    pictures = ("![公园](images/park%20photo.png)", "![没有](images/none.png)")
    (inbox / "park.md").write_text(
        f"# 某市新建三座公园\n\n2024-05-01 10:00\n\n{pictures[0]}\n\n{body}\n\n{pictures[1]}\n", encoding="utf-8"
    )
    bridge = "新桥连接两岸，全长八百米，设有双向四车道和人行道，预计年底通车，将大大缩短两岸居民的出行时间。"
    (inbox / "escape.md").write_text(f"# 某市新建一座桥梁\n\n![桥](../secret.png)\n\n{bridge}\n", encoding="utf-8")
    (site / "secret.png").write_bytes(_png())
    report = Report()
    summary = ingest(load_config(site), report, Options(offline=True))
    assert {"park.md", "escape.md"} <= set(summary.added)
    assert not [s for s in summary.failed if s.startswith("images/")]  # the picture is not a source of its own
    text = _only_page(site, "某市新建三座公园").read_text(encoding="utf-8")
    assert "images/park%20photo.png" not in text and "](img-" in text
    missing = [p.message for p in report.warnings if p.file == "park.md" and p.where == "images"]
    assert missing == ["image images/none.png is not in the inbox beside the source"]
    # A link out of the inbox is never read.
    assert not list(_only_page(site, "某市新建一座桥梁").parent.glob("img-*"))
    assert [p.message for p in report.warnings if p.file == "escape.md" and p.where == "images"] == [
        "image ../secret.png is not in the inbox beside the source"
    ]
