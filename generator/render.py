"""Article → ``index.md`` text: keys in one fixed order, deterministic bytes.

Strings are written double-quoted with JSON escapes (a subset of YAML's double-quoted style), so any
text, including quotes, colons, ``#`` and control characters, round-trips through any YAML parser.
The page ends its front matter with a ``newsroom:`` marker naming its source and a checksum of the
page; a page whose checksum no longer matches was edited by hand and is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable

from .model import Article

#: The generator's name in the page marker.
GENERATOR = "newsroom"
#: Schema keys first (the samples' order), then ours.
KEY_ORDER: tuple[str, ...] = (
    "title", "date", "summary", "categories", "lang", "translations", "tags", "menu", "thumbnail", "lead",
    "comments", "authorbox", "pager", "toc", "mathjax", "sidebar", "widgets",
    "author", "editor", "publisher", "source_url", "original_title", "slug", "aliases", "draft", "keywords",
    "also_published_by",
)  # fmt: skip
_CHECKSUM_LINE = re.compile(r'^  checksum: "([0-9a-f]{16})"\n', re.MULTILINE)


def _yaml_unsafe(char: str) -> bool:
    """Characters YAML would not take literally inside a double-quoted scalar."""
    code = ord(char)
    if code in (0x85, 0x2028, 0x2029, 0xFEFF):  # YAML line breaks / BOM
        return True
    return not (
        code in (0x09, 0x0A, 0x0D)
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


#: Exactly the characters ``_yaml_unsafe`` refuses, as one regex (a search, not a Python call per character).
_UNSAFE = re.compile("[^\t\n\r -~\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")


def _escape_unsafe(match: re.Match[str]) -> str:
    # Lone surrogates cannot be written in any encoding: drop them; escape the rest.
    code = ord(match.group(0))
    return "" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04x}"


def quote(text: str) -> str:
    """A YAML double-quoted scalar for ``text``."""
    encoded = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(_escape_unsafe, encoded) if _UNSAFE.search(encoded) else encoded


def _list(key: str, items: Iterable[str]) -> list[str]:
    values = list(items)
    if not values:
        return [f"{key}: []"]
    return [f"{key}:", *(f"  - {quote(v)}" for v in values)]


def _flow(value: object) -> str:
    """Unknown keys' values as JSON flow (valid YAML), escaped like ``quote``."""
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, bool) or value is None:
        return "null" if value is None else str(value).lower()
    if isinstance(value, int | float):
        try:
            number = json.dumps(value, allow_nan=False)
        except ValueError:
            return quote(str(value))
        mantissa, e, exponent = number.partition("e")
        # YAML 1.1 (PyYAML, so our own state reader) reads ``1e+16`` as text; ``1.0e+16`` is a float in 1.1 and 1.2.
        return f"{mantissa}.0e{exponent}" if e and "." not in mantissa else number
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{quote(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    return quote(str(value))


def _bool(value: bool | None) -> str:
    return "true" if value else "false"


def front_matter_lines(article: Article) -> list[str]:
    """The schema and our keys, in ``KEY_ORDER``, then unknown keys kept from the source."""
    a = article
    lines = [f"title: {quote(a.title)}"]
    if a.date is not None:
        lines.append(f"date: {quote(a.date.isoformat(timespec='seconds'))}")
    lines.append(f"summary: {quote(a.summary)}")
    lines += _list("categories", a.categories)
    lines += _list("lang", a.lang)
    lines += _list("translations", a.translations)
    lines += _list("tags", a.tags)
    if a.menu:
        # Hugo puts a page with ``menu: "x"`` into menu x, and with ``menu: ""`` into a menu named "",
        # where two equal titles collide and fail the build: "no menu" is said by leaving the key out.
        lines.append(f"menu: {quote(a.menu)}")
    lines.append(f"thumbnail: {quote(a.thumbnail)}")
    lines.append(f"lead: {quote(a.lead)}")
    for key in ("comments", "authorbox", "pager", "toc", "mathjax"):
        lines.append(f"{key}: {_bool(getattr(a, key))}")
    lines.append(f"sidebar: {quote(a.sidebar) if isinstance(a.sidebar, str) else 'false'}")
    lines += _list("widgets", a.widgets or ())
    for key in ("author", "editor", "publisher", "source_url", "original_title", "slug"):
        lines.append(f"{key}: {quote(getattr(a, key))}")
    lines += _list("aliases", a.aliases)
    lines.append(f"draft: {_bool(a.draft)}")
    lines += _list("keywords", a.keywords)
    if a.also_published_by:
        lines.append("also_published_by:")
        for publisher, url in a.also_published_by:
            lines += [f"  - publisher: {quote(publisher)}", f"    url: {quote(url)}"]
    else:
        lines.append("also_published_by: []")
    taken = set(KEY_ORDER) | {GENERATOR}
    for key, value in a.extra:
        if key not in taken:
            lines.append(f"{quote(key)}: {_flow(value)}")
    return lines


#: What Hugo's content lexer takes for a shortcode: ``{{<`` or ``{{%``, nothing between (``{{ <`` is text).
_OPENER = re.compile(r"\{\{([<%])")
_CLOSERS = {"<": ">}}", "%": "%}}"}
#: An unclosed opener still needs its closing delimiter; it goes at the end of the page inside a link reference
#: definition, which renders as nothing. The label is ours alone (checked: it must not change the rendering).
_HIDDEN_LABEL = "[newsroom-shortcode-end]: #"
_FENCE_PREFIX = re.compile(r"[^>]")


def escape_body(body: str) -> str:
    """Article text may contain Hugo shortcode syntax; it must be shown exactly, never executed.

    Hugo replaces shortcodes before Markdown is rendered, inside code spans and fenced blocks too, so only
    Hugo's own escape works everywhere: ``{{</* text */>}}`` is shown as ``{{< text >}}``. Every opener
    ``{{<`` (``{{%``) is paired with the next ``>}}`` (``%}}``) and the comment markers are put inside the
    pair, whatever is between (malformed names, nested openers and line breaks included). An opener with no
    closer after it gets the closer at the end of the page, hidden in a link reference definition (the
    trailer also closes a fenced block left open, which renders the same). What Hugo hands to Markdown is
    the original text, plus that invisible trailer at most.
    """
    parts: list[str] = []
    pos = 0
    cannot_hide: set[str] = set()
    while (match := _OPENER.search(body, pos)) is not None:
        closer = _CLOSERS[match.group(1)]
        start = match.end()
        end = body.find(closer, start)
        if end == -1:
            trailer = None if closer in cannot_hide else _hidden_trailer(body, closer)
            if trailer is None:  # cannot be hidden (never seen): shown as entities, correct outside code
                cannot_hide.add(closer)
                parts.append(body[pos : match.start()] + "&#123;&#123;")
                pos = match.start() + 2
                continue
            parts += [body[pos:start], "/*", body[start:], trailer, "*/", closer, '"']
            return "".join(parts)
        parts += [body[pos:start], "/*", body[start:end], "*/", closer]
        pos = end + len(closer)
    parts.append(body[pos:])
    return "".join(parts)


def _hidden_trailer(body: str, closer: str) -> str | None:
    """Text to end ``body`` with so that ``closer`` (written after it, then ``"``) renders as nothing."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")

    def render(text: str) -> str:  # a closed block ends its code with a newline, an unclosed one may not
        return str(md.render(text)).replace("\n</code></pre>", "</code></pre>")

    wanted = render(body)
    trailer = f'\n\n{_HIDDEN_LABEL} "{closer}'
    if render(f'{body}{trailer}{closer}"') == wanted:
        return trailer
    # A fenced block still open at the end would show the trailer: close it as the end of the page would.
    lines = body.split("\n")
    newline = "" if body.endswith("\n") else "\n"
    for token in reversed(md.parse(body)):
        if token.type == "fence" and token.map is not None and token.map[1] >= len(lines) - (not newline):
            opening = lines[token.map[0]]
            indent = _FENCE_PREFIX.sub(" ", opening[: opening.find(token.markup)])
            closed = f"{newline}{indent}{token.markup}{trailer}"
            if render(f'{body}{closed}{closer}"') == wanted:
                return closed
            break
    return None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def checksum(page: str) -> str:
    """Hash of a page's text with its (first) checksum line removed."""
    return _digest(_CHECKSUM_LINE.sub("", page, count=1))


def render_page(article: Article, source_digest: str) -> str:
    """The complete ``index.md`` text for an article."""
    lines = ["---", *front_matter_lines(article)]
    lines += [
        f"{GENERATOR}:",
        "  generated: true",
        f"  source: {quote(article.source)}",
        f"  source_digest: {quote(source_digest)}",
    ]
    body = escape_body(article.body.strip("\n"))
    text = "\n".join([*lines, "---", "", body, ""])
    # The checksum line goes last in the marker; it hashes the page as it would read without that line.
    head, fence, rest = text.partition("\n---\n")
    return f'{head}\n  checksum: "{_digest(text)}"{fence}{rest}'


def page_checksum_ok(text: str) -> bool | None:
    """True if a generated page is as we wrote it, False if edited since, None if it carries no checksum."""
    match = _CHECKSUM_LINE.search(text)
    if match is None:
        return None
    return checksum(text) == match.group(1)
