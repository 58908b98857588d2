"""The readers: one per input kind, chosen from the file's content (never its name).

``detect_kind`` looks at the text; ``read_text`` hands it to the matching reader.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from ..model import Article, Kind
from ..report import Report

_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<meta\s|<body[\s>])", re.I | re.S
)
_HTML_TAG = re.compile(r"<(?:p|div|span|a|br|img|h[1-6]|li|table|section|article|script)[\s>/]", re.I)
_ATX_TITLE = re.compile(r"^\s{0,3}#\s+\S")
_MD_STRUCTURE = re.compile(r"^\s{0,3}(?:#{1,6}\s+\S|!\[[^\]]*\]\(|>\s|[-*+]\s+\S|\d+\.\s+\S|```|={3,}\s*$|-{3,}\s*$)")


def detect_kind(text: str) -> Kind:
    """The kind of a decoded source, from its content: front-matter, html, markdown or page-text."""
    head = text.lstrip("\ufeff")
    stripped = head.lstrip()
    first_line = stripped.split("\n", 1)[0].strip()
    if first_line in ("---", "+++") or (stripped.startswith("{") and re.match(r"\{\s*\"", stripped)):
        return "front-matter"
    if _HTML_START.match(head[:2000]) or len(_HTML_TAG.findall(head[:5000])) >= 5:
        return "html"
    lines = [line for line in head.split("\n") if line.strip()]
    if any(_ATX_TITLE.match(line) for line in lines[:10]):
        return "markdown"
    structure = sum(1 for line in lines[:200] if _MD_STRUCTURE.match(line))
    if structure >= 3 and structure >= len(lines[:200]) // 10:
        return "markdown"
    return "page-text"


def read_text(source: str, text: str, kind: Kind, tz: ZoneInfo, report: Report, page_url: str = "") -> Article:
    """Read decoded text of the given kind into an Article (``ReadError`` when it cannot be one). ``page_url`` is
    where an HTML page was saved from, when the file says so outside the page (MHTML)."""
    if kind == "front-matter":
        from .front_matter import read_front_matter  # written alongside; imported late so the others work alone

        return read_front_matter(source, text, tz, report)
    if kind == "html":
        from .html import read_html  # trafilatura is only loaded when a page needs it

        return read_html(source, text, tz, report, page_url)
    if kind == "markdown":
        from .markdown import read_markdown

        return read_markdown(source, text, tz, report)
    from .page_text import read_page_text

    return read_page_text(source, text, tz, report)


__all__ = ["detect_kind", "read_text"]
