"""The data that flows through the pipeline: one frozen ``Article`` per source file.

Every stage takes an ``Article`` and returns a new one made with ``dataclasses.replace``; nothing
mutates an article in place. Fields that the schema allows to be "unset, use the site default" are
``None`` until ``normalize`` fills them from the config.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

#: The kinds of source file the readers recognise, detected from content, never from the name.
Kind = Literal["front-matter", "markdown", "page-text", "html"]

#: Widget names the theme knows, in the schema's spelling.
WIDGETS: tuple[str, ...] = ("search", "recent", "categories", "taglist", "languages")

#: Valid ``sidebar`` values: a side, or ``False`` for no sidebar.
SIDEBAR_SIDES: tuple[str, ...] = ("right", "left")


@dataclass(frozen=True, slots=True)
class Source:
    """One file found in the inbox, before it is decoded."""

    path: str
    """Path relative to the inbox, POSIX separators (``000_605ee777b25788bd.txt``)."""
    data: bytes
    """The file's raw bytes."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article on its way from a source file to a Hugo page bundle."""

    source: str
    """Inbox-relative path of the file this article came from; the article's identity."""
    kind: Kind
    """Which reader produced it."""
    title: str = ""
    """The headline, one line, never empty once normalized."""
    date: datetime | None = None
    """Publication time, timezone-aware (Beijing time unless the source says otherwise); None if unknown."""
    summary: str = ""
    """Plain-text summary: from the source, else generated from the first paragraph."""
    body: str = ""
    """The article text as Markdown, without title, byline or page chrome."""
    author: str = ""
    """Byline person(s), ``、``-separated when several."""
    editor: str = ""
    """责任编辑, when the page names one."""
    publisher: str = ""
    """来源 / the publishing organisation or account (``搜狐科技``)."""
    site: str = ""
    """Short key of the site the article was taken from (``qq``, ``163``, ``sohu``); drives the default category."""
    source_url: str = ""
    """The original article URL, when known."""
    original_title: str = ""
    """The ``（原标题：…）`` line, when the page carries one."""
    categories: tuple[str, ...] = ()
    """Category terms; empty until normalize applies the default."""
    tags: tuple[str, ...] = ()
    """Tag terms from the source (normalize and the tagger extend them)."""
    keywords: tuple[str, ...] = ()
    """Keywords for Hugo's related-content index."""
    lang: tuple[str, ...] = ()
    """Language codes (``zh-CN``); detected when the source has none."""
    translations: tuple[str, ...] = ()
    """Languages this article exists in."""
    menu: str | None = None
    """Menu name, ``""`` for none; None means the config default."""
    thumbnail: str = ""
    """Thumbnail image: a remote URL until images are localized, then a bundle-relative file name."""
    lead: str = ""
    """Lead (standfirst) text shown under the title."""
    comments: bool | None = None
    """Show comments; None means the config default."""
    authorbox: bool | None = None
    """Show the author box; None means the config default."""
    pager: bool | None = None
    """Show previous/next links; None means the config default."""
    toc: bool | None = None
    """Show a table of contents; None means the config default."""
    mathjax: bool | None = None
    """Load MathJax; None means the config default."""
    sidebar: str | bool | None = None
    """``"right"``, ``"left"`` or ``False``; None means the config default."""
    widgets: tuple[str, ...] | None = None
    """Ordered widget names; None means the config default."""
    slug: str = ""
    """URL slug of the page bundle; set by normalize, stable once published."""
    aliases: tuple[str, ...] = ()
    """Other URLs that redirect to this page."""
    draft: bool = False
    """Drafts are written but not published by Hugo."""
    images: tuple[str, ...] = ()
    """Remote image URLs the article uses (thumbnail and body), in order of first use, de-duplicated."""
    also_published_by: tuple[tuple[str, str], ...] = ()
    """Other (publisher, url) pairs that ran the same story (filled by duplicate detection)."""
    extra: tuple[tuple[str, object], ...] = ()
    """Front-matter keys the schema does not know, kept as (key, value) in source order."""
    explicit: frozenset[str] = field(default_factory=frozenset)
    """Names of the fields the source set itself (so normalize knows what not to override)."""
