"""Property-based fuzzing (hypothesis) of the decoder, every reader, normalize, and the front-matter renderer.

Any bytes in → an Article or a ``ReadError``, nothing else. Any Article out → front matter that YAML and our own
front-matter reader parse back to the same values. Bounded: a few hundred examples each, well under a minute.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from typing import Any, get_args
from zoneinfo import ZoneInfo

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.config import Config, load_config
from generator.decode import decode
from generator.errors import ReadError
from generator.model import SIDEBAR_SIDES, WIDGETS, Article, Kind
from generator.normalize import normalize
from generator.readers import detect_kind, read_text
from generator.readers.front_matter import read_front_matter, split_front_matter
from generator.render import render_page
from generator.report import Report

from .conftest import SITE

TZ = ZoneInfo("Asia/Shanghai")
KINDS: tuple[Kind, ...] = get_args(Kind)
CONFIG: Config = load_config(SITE)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- inputs that look like what editors drop, broken in random ways --------------------------------------------
_words = st.sampled_from(
    ["标题", "记者", "2025-02-14 12:46", "来源：新华社", "责任编辑：张三", "相关推荐", "。", "，", "---", "+++", "#",
     "# ", "<p>", "</p>", "<script>", "<a href='javascript:x'>", "<img src=x onerror=y>", "{{< x >}}", "![](http://a/b.jpg)",
     "title: ", "date: ", "tags: ", '"', "'", ":", "\n", "\n\n", "&amp;", "\x00", "\u2028", "\ufeff", "　", "👍"]
)  # fmt: skip
_texty = st.lists(st.one_of(_words, st.text(max_size=20)), max_size=40).map("".join)
_encodings = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "gb18030", "big5hkscs", "utf-8-sig", "utf-32"])


@st.composite
def source_bytes(draw: st.DrawFn) -> bytes:
    """Random bytes, or text in some encoding with random damage."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=600))
    text = draw(_texty)
    data = text.encode(draw(_encodings), errors="ignore")
    if data and draw(st.booleans()):
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at + 1 :]
    return data


@st.composite
def front_matter_text(draw: st.DrawFn) -> str:
    """Front matter with random keys, values and fences."""
    fence = draw(st.sampled_from(["---", "+++", "{"]))
    keys = st.sampled_from(
        ["title", "date", "tags", "categories", "widgets", "sidebar", "slug", "aliases", "draft", "url", "x", "Title"]
    )
    values = st.one_of(
        _texty, st.integers(), st.booleans(), st.just("[a, b]"), st.just("{a: 1}"), st.just("&a [1]"), st.just("*a")
    )
    lines = [
        f"{draw(keys)}{draw(st.sampled_from([': ', ' = ', ':']))}{draw(values)}" for _ in range(draw(st.integers(0, 6)))
    ]
    close = draw(st.sampled_from(["---", "+++", "}", ""]))
    return "\n".join([fence, *lines, close, "", draw(_texty)])


def _read_any(text: str, kind: Kind) -> None:
    report = Report()
    try:
        article = read_text("fuzz.md", text, kind, TZ, report)
    except ReadError as error:
        assert isinstance(error.message, str) and error.message
        return
    assert isinstance(article, Article)
    try:
        normalized = normalize(article, CONFIG, report)
    except ReadError:
        return
    assert normalized.title and normalized.slug
    assert all(p.file == "fuzz.md" for p in report)


@FAST
@given(source_bytes())
def test_decode_gives_text_or_a_read_error(data: bytes) -> None:
    try:
        text = decode(data)
    except ReadError as error:
        assert error.message and error.hint
        return
    assert isinstance(text, str) and "\r" not in text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decode_any_bytes(data: bytes) -> None:
    with contextlib.suppress(ReadError):
        decode(data)


@FAST
@given(_texty, st.sampled_from(KINDS))
def test_every_reader_takes_any_text(text: str, kind: Kind) -> None:
    _read_any(text, kind)


@FAST
@given(front_matter_text())
def test_front_matter_reader_takes_any_front_matter(text: str) -> None:
    assert detect_kind(text) in KINDS
    _read_any(text, "front-matter")


@settings(max_examples=60, deadline=None)
@given(_texty.map(lambda t: f"<!doctype html><html><head><title>{t[:30]}</title></head><body><p>{t}</p></body></html>"))
def test_html_reader_takes_any_page(text: str) -> None:
    _read_any(text, "html")


@FAST
@given(source_bytes())
def test_whole_read_path_from_bytes(data: bytes) -> None:
    try:
        text = decode(data)
    except ReadError:
        return
    _read_any(text, detect_kind(text))


# --- the renderer: any Article round-trips through its front matter -------------------------------------------

#: One-line field text as normalize leaves it: stripped, no control characters.
_line = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40).map(str.strip)
_term = _line.filter(bool)
_offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
_dates = st.builds(
    lambda d, tz: d.replace(microsecond=0, tzinfo=tz),
    st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 1, 1)),
    _offsets,
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False) | _line,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_term, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    terms = st.lists(_term, max_size=4, unique=True).map(tuple)
    extra_keys = st.lists(_term.map(lambda k: "x_" + k), max_size=3, unique=True)
    return Article(
        source=draw(_term),
        kind="front-matter",
        title=draw(_term),
        date=draw(st.none() | _dates),
        summary=draw(_line),
        body=draw(st.text(max_size=80)),
        author=draw(_line),
        editor=draw(_line),
        publisher=draw(_line),
        source_url=draw(_line),
        original_title=draw(_line),
        categories=draw(terms),
        tags=draw(terms),
        keywords=draw(terms),
        lang=draw(terms),
        translations=draw(terms),
        menu=draw(_line),
        thumbnail=draw(_line),
        lead=draw(_line),
        comments=draw(st.booleans()),
        authorbox=draw(st.booleans()),
        pager=draw(st.booleans()),
        toc=draw(st.booleans()),
        mathjax=draw(st.booleans()),
        sidebar=draw(st.sampled_from([*SIDEBAR_SIDES, False])),  # type: ignore[arg-type]
        widgets=tuple(draw(st.lists(st.sampled_from(WIDGETS), unique=True))),
        slug=draw(_line),
        aliases=draw(terms),
        draft=draw(st.booleans()),
        extra=tuple((k, draw(_json)) for k in draw(extra_keys)),
    )


def _same(a: Any, b: Any) -> bool:
    """Equal as data; floats compare by value (YAML may write 1e16 back as 1.0e+16)."""
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, int | float) and isinstance(b, int | float) and math.isclose(a, b, rel_tol=0, abs_tol=0)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b) and type(a) is type(b)


@settings(max_examples=200, deadline=None)
@given(articles())
@example(
    Article(
        "s",
        "front-matter",
        title="t",
        menu="",
        comments=False,
        authorbox=False,
        pager=False,
        toc=False,
        mathjax=False,
        sidebar=False,
        widgets=(),
        extra=(("x_big", 1e16), ("x_small", [1e-7]), ("x_int", 2**53)),
    )
)
def test_rendered_front_matter_round_trips(article: Article) -> None:
    page = render_page(article, "0123456789abcdef")
    _kind, fm, _body, _ = split_front_matter(page)
    meta = yaml.safe_load(fm)
    assert meta["title"] == article.title
    assert meta.get("date") == (article.date.isoformat() if article.date else None)
    for key in (
        "summary",
        "author",
        "editor",
        "publisher",
        "source_url",
        "original_title",
        "thumbnail",
        "lead",
        "slug",
    ):
        assert meta[key] == getattr(article, key), key
    for key in ("categories", "tags", "keywords", "lang", "translations", "aliases", "widgets"):
        assert tuple(meta[key]) == tuple(getattr(article, key) or ()), key
    for key in ("comments", "authorbox", "pager", "toc", "mathjax", "draft", "sidebar"):
        assert meta[key] == getattr(article, key), key
    assert meta.get("menu", "") == article.menu  # an empty menu is left out (Hugo would file the page under "")
    for key, value in article.extra:
        assert _same(meta[key], value), (key, value, meta[key])
    assert meta["newsroom"]["source"] == article.source

    back = read_front_matter("back.md", page, TZ, Report())
    for key in ("title", "date", "summary", "author", "editor", "publisher", "original_title", "lead", "slug"):
        assert getattr(back, key) == getattr(article, key), key
    for key in ("categories", "tags", "keywords", "lang", "translations", "aliases", "widgets", "sidebar", "draft"):
        assert getattr(back, key) == getattr(article, key), key
    if article.date is not None:
        assert back.date is not None and back.date.utcoffset() == article.date.utcoffset()
    assert all(_same(dict(back.extra)[k], v) for k, v in article.extra)
