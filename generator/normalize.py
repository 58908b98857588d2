"""Fill the schema: defaults from config, summary, language, categories, slug. Pure: no I/O."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from markdown_it import MarkdownIt

from .config import Config
from .errors import ReadError
from .images import find_images
from .model import Article
from .report import Report
from .slugs import bundle_slug, is_safe_slug

#: Titles longer than this are cut (a whole paragraph pasted as a title is a mistake, not a headline).
MAX_TITLE_LENGTH = 200
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-z]")
#: Control characters (C0, C1, DEL, line/paragraph separators) never belong in one-line fields.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
#: A paragraph that is only a photo credit, e.g. （图片来源：unsplash）, is not the start of a summary.
_CREDIT = re.compile(r"^[（(]?\s*(图片来源|图源|来源|图|摄影|视频来源)[:：].{0,40}[)）]?$")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


def clean_line(text: str) -> str:
    """One-line field text: NFC, control characters removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def paragraphs_of(markdown: str) -> list[str]:
    """Plain text of each paragraph of a markdown body (headings, images and markup left out)."""
    result: list[str] = []
    tokens = _markdown().parse(markdown)
    for previous, token in zip([None, *tokens], tokens, strict=False):
        if token.type != "inline" or not token.children or previous is None or previous.type != "paragraph_open":
            continue
        parts = [child.content for child in token.children if child.type in {"text", "code_inline"}]
        text = clean_line("".join(parts))
        if text:
            result.append(text)
    return result


def make_summary(markdown: str, length: int) -> str:
    """First paragraphs as plain text, cut at ``length`` characters with ``...`` when cut."""
    text = ""
    for paragraph in paragraphs_of(markdown):
        if not text and _CREDIT.match(paragraph):
            continue
        text += paragraph
        if len(text) > length:
            break
    if len(text) > length:
        return text[:length].rstrip() + "..."
    return text


def detect_lang(text: str, default: str) -> str:
    """``zh-CN`` when Han characters carry the text, ``en`` when Latin letters do, else the default."""
    sample = text[:4000]
    cjk = len(_CJK.findall(sample))
    latin_words = len(re.findall(r"[A-Za-z]+", sample))
    if cjk == 0 and latin_words == 0:
        return default
    if cjk >= latin_words:
        if re.search(r"[\u3040-\u30ff]", sample):
            return "ja"
        if re.search(r"[\uac00-\ud7af]", sample):
            return "ko"
        return "zh-CN"
    return "en"


def slug_identity(article: Article) -> str:
    """What a slug hashes: the original URL when known (a re-submission maps to the same page), else the file."""
    return article.source_url or article.source


def normalize(article: Article, config: Config, report: Report, existing_slug: str = "") -> Article:
    """Return the article with every schema field set; raise ``ReadError`` if it has no usable title or body."""
    d = config.defaults
    title = clean_line(article.title)
    if not title:
        raise ReadError(
            "title", "no title found", "start the file with a '# Title' line or add title: to the front matter"
        )
    if len(title) > MAX_TITLE_LENGTH:
        report.warn(
            article.source, "title", f"title is {len(title)} characters; cut to {MAX_TITLE_LENGTH}", "shorten it"
        )
        title = title[:MAX_TITLE_LENGTH].rstrip() + "…"
    if not article.body.strip():
        raise ReadError("body", "no article text found", "check that the file holds the article, not only its title")
    if article.date is None:
        report.warn(
            article.source,
            "date",
            "no publication date found; the page is published without one",
            'add a date line such as 2025-02-14 12:46 or date: "2025-02-14 12:46:28" in front matter',
        )
    date = article.date if article.date is None or article.date.tzinfo else article.date.replace(tzinfo=config.tz)
    summary = clean_line(article.summary) or make_summary(article.body, config.summary_length)
    lang = article.lang or (detect_lang(title + "\n" + article.body, d.lang),)
    categories = article.categories or ((article.site or clean_line(article.publisher) or d.category),)
    slug = existing_slug or article.slug
    if slug and not is_safe_slug(slug):
        report.warn(
            article.source, "slug", f"slug {slug!r} is not a safe URL part; made a new one", "use a-z, 0-9 and -"
        )
        slug = ""
    article = replace(
        article,
        title=title,
        date=date,
        summary=summary,
        author=clean_line(article.author),
        editor=clean_line(article.editor),
        publisher=clean_line(article.publisher),
        original_title=clean_line(article.original_title),
        categories=_unique(clean_line(c) for c in categories),
        tags=_unique(clean_line(t) for t in article.tags),
        keywords=_unique(clean_line(k) for k in article.keywords),
        lang=lang,
        translations=article.translations or lang,
        menu=d.menu if article.menu is None else article.menu,
        lead=clean_line(article.lead) or d.lead,
        comments=d.comments if article.comments is None else article.comments,
        authorbox=d.authorbox if article.authorbox is None else article.authorbox,
        pager=d.pager if article.pager is None else article.pager,
        toc=d.toc if article.toc is None else article.toc,
        mathjax=d.mathjax if article.mathjax is None else article.mathjax,
        sidebar=d.sidebar if article.sidebar is None else article.sidebar,
        widgets=d.widgets if article.widgets is None else article.widgets,
        slug=slug or bundle_slug(title, slug_identity(article)),
    )
    return replace(article, images=find_images(article))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)
