"""Reader for Hugo markdown that already carries front matter (YAML ``---``, TOML ``+++`` or JSON ``{``).

The metadata merge order is Pelican's: config defaults (applied later by normalize) → this file's
front matter → what the reader lifts from the body (only where the front matter is silent).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from ..errors import ReadError
from ..model import SIDEBAR_SIDES, WIDGETS, Article
from ..report import Report
from .common import parse_date_value, split_source_link

#: Keys of the schema and our additions, mapped to the Article field they fill.
_STRING_KEYS = {
    "title": "title",
    "summary": "summary",
    "menu": "menu",
    "thumbnail": "thumbnail",
    "lead": "lead",
    "author": "author",
    "editor": "editor",
    "publisher": "publisher",
    "source_url": "source_url",
    "original_title": "original_title",
    "slug": "slug",
}
_LIST_KEYS = ("categories", "tags", "keywords", "lang", "translations", "aliases")
_BOOL_KEYS = ("comments", "authorbox", "pager", "toc", "mathjax", "draft")
#: Keys we write ourselves; a source that carries them (a page copied back into the inbox) is not warned about.
_OURS = {"newsroom", "date", "sidebar", "widgets", "also_published_by", "site"}
#: Front-matter keys Hugo itself acts on (compared lower-case: Hugo's keys are case-insensitive). Article
#: content must not change how Hugo builds the site (``url: /`` replaces the home page, ``markup: html``
#: bypasses the raw-HTML policy, ``cascade``/``build``/``outputs``/``expiryDate`` hide or reshape pages), so
#: an unknown key with one of these names is dropped with a warning instead of being passed through. Keys that
#: only change presentation (``weight``, ``description``, ``linkTitle``) are kept when their type is right.
_HUGO_KEYS = frozenset(
    {
        "_build", "build", "cascade", "content", "expirydate", "headless", "iscjklanguage", "kind", "lastmod",
        "layout", "markup", "menus", "outputs", "params", "path", "publishdate", "resources", "sitemap", "sites",
        "translationkey", "type", "unpublishdate", "url",
    }
)  # fmt: skip
#: Presentation keys Hugo reads with a fixed type: kept only with that type (``weight: "x"`` fails the build).
_HUGO_TYPED: dict[str, type] = {"weight": int, "description": str, "linktitle": str}
#: A document with more YAML aliases than this is refused: the "billion laughs" bomb expands aliases.
_MAX_ALIASES = 50
#: Deepest nesting of lists/maps kept in an unknown key.
_MAX_DEPTH = 20


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader (no ``!!python/...`` tags) that also refuses alias bombs."""

    aliases_seen = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases_seen += 1
            if self.aliases_seen > _MAX_ALIASES:
                raise yaml.YAMLError(f"more than {_MAX_ALIASES} YAML aliases (*name); refusing a possible alias bomb")
        return super().compose_node(parent, index)


#: Every key the reader understands, lower-case (``Title`` next to ``title`` would reach Hugo as a second title).
_KNOWN_KEYS = frozenset({*_STRING_KEYS, *_LIST_KEYS, *_BOOL_KEYS, *_OURS})

_FENCES = {"---": "yaml", "+++": "toml"}
#: libyaml's safe loader when PyYAML was built with it (about 10x faster than the pure-Python one).
_FastLoader: Any = getattr(yaml, "CSafeLoader", None)


def _load_yaml(fm: str) -> Any:
    """Safe-load YAML, refusing alias bombs.

    Without a ``*`` there can be no alias, so the alias guard has nothing to count and libyaml may parse
    it. Any error, or a ``*``, goes to the guarded pure-Python loader, so problems are reported exactly
    as before (same messages and line numbers).
    """
    if _FastLoader is not None and "*" not in fm:
        try:
            return yaml.load(fm, Loader=_FastLoader)  # noqa: S506  (CSafeLoader: safe tags only)
        except yaml.YAMLError:
            pass
    loader = _GuardedLoader(fm)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def split_front_matter(text: str) -> tuple[str, str, str, int]:
    """Split into (format, front matter text, body, line number where the body starts).

    Raises ``ReadError`` naming the line when the front matter is never closed.
    """
    stripped = text.lstrip("\ufeff")
    lines = stripped.split("\n")
    first = lines[0].strip() if lines else ""
    if first in _FENCES:
        for number, line in enumerate(lines[1:], start=2):
            if line.rstrip() == first:
                return _FENCES[first], "\n".join(lines[1 : number - 1]), "\n".join(lines[number:]), number + 1
        raise ReadError(
            "line 1",
            f"front matter opened with {first!r} on line 1 is never closed",
            f"add a line with only {first} after the last front-matter key",
        )
    if first.startswith("{"):
        decoder = json.JSONDecoder()
        try:
            _, end = decoder.raw_decode(stripped)
        except json.JSONDecodeError as exc:
            raise ReadError(
                f"line {exc.lineno}", f"JSON front matter is not valid JSON: {exc.msg}", "fix the JSON"
            ) from None
        body_start = stripped.count("\n", 0, end) + 2
        return "json", stripped[:end], stripped[end:].lstrip("\n"), body_start
    raise ReadError("line 1", "no front matter found", "start the file with a line containing only ---")


def load_metadata(kind: str, fm: str) -> dict[str, Any]:
    """Parse the front-matter text; errors name the line in the source file."""
    try:
        if kind == "yaml":
            data = _load_yaml(fm)
        elif kind == "toml":
            data = tomllib.loads(fm)
        else:
            data = json.loads(fm)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 2 if exc.problem_mark else 1
        raise ReadError(
            f"line {line}", f"YAML front matter cannot be read: {exc.problem}", "fix the YAML syntax"
        ) from None
    except yaml.YAMLError as exc:
        raise ReadError("front matter", f"YAML front matter refused: {exc}", "remove the aliases or tags") from None
    except tomllib.TOMLDecodeError as exc:
        raise ReadError("front matter", f"TOML front matter cannot be read: {exc}", "fix the TOML syntax") from None
    except json.JSONDecodeError as exc:
        raise ReadError(f"line {exc.lineno}", f"JSON front matter cannot be read: {exc.msg}", "fix the JSON") from None
    except RecursionError:
        raise ReadError("front matter", "front matter is nested too deeply", "flatten the front matter") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReadError(
            "front matter",
            f"front matter is a {type(data).__name__}, expected key: value pairs",
            "write one key: value pair per line, e.g. title: ...",
        )
    return data


def _as_string(key: str, value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        raise ReadError(key, f"expected text, got {value!r}", f'write {key}: "..." or remove the key')
    if isinstance(value, int | float):
        return str(value)
    raise ReadError(key, f"expected text, got a {type(value).__name__}", f'write {key}: "..."')


def _as_list(key: str, value: Any, source: str, report: Report) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts = [p.strip() for p in re.split(r"[,，、]", value) if p.strip()]
        if len(parts) > 1:
            report.warn(
                source, key, f"expected a list, got the text {value!r}; read it as {parts}", f"write {key} as a list"
            )
        return tuple(parts)
    if isinstance(value, list | tuple):
        items: list[str] = []
        for item in value:
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                if str(item).strip():
                    items.append(str(item).strip())
            else:
                raise ReadError(key, f"list items must be text, got {item!r}", f'write {key}: ["a", "b"]')
        return tuple(items)
    raise ReadError(key, f"expected a list of text, got {value!r}", f'write {key}: ["a", "b"]')


def _as_bool(key: str, value: Any, source: str, report: Report) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false", "yes", "no"}:
        result = value.strip().lower() in {"true", "yes"}
        report.warn(source, key, f"expected true or false, got the text {value!r}; read it as {result}", "")
        return result
    raise ReadError(key, f"expected true or false, got {value!r}", f"write {key}: true or {key}: false")


def _as_sidebar(value: Any) -> str | bool:
    if value is False or (isinstance(value, str) and value in SIDEBAR_SIDES):
        return value
    if isinstance(value, str) and value.strip().lower() == "false":
        return False
    raise ReadError("sidebar", f'expected "right", "left" or false, got {value!r}', 'write sidebar: "right"')


def _as_widgets(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ReadError(
            "widgets", f"expected a list of widget names, got {value!r}", f"choose from {', '.join(WIDGETS)}"
        )
    unknown = [w for w in value if not isinstance(w, str) or w not in WIDGETS]
    if unknown:
        raise ReadError("widgets", f"unknown widget(s) {unknown}", f"choose from {', '.join(WIDGETS)}")
    return tuple(dict.fromkeys(value))


def article_from_metadata(source: str, meta: Mapping[str, Any], body: str, tz: ZoneInfo, report: Report) -> Article:
    """Build an Article from parsed front matter and body; wrong types raise ``ReadError`` naming the key."""
    fields: dict[str, Any] = {}
    extra: list[tuple[str, object]] = []
    for key, value in meta.items():
        if not isinstance(key, str):
            raise ReadError("front matter", f"key {key!r} is not text", "quote the key")
        if key in _STRING_KEYS:
            fields[_STRING_KEYS[key]] = _as_string(key, value).strip()
        elif key in _LIST_KEYS:
            fields[key] = _as_list(key, value, source, report)
        elif key in _BOOL_KEYS:
            fields[key] = _as_bool(key, value, source, report)
        elif key == "date":
            fields["date"] = _read_date(value, tz)
        elif key == "sidebar":
            fields["sidebar"] = _as_sidebar(value)
        elif key == "widgets":
            fields["widgets"] = _as_widgets(value)
        elif key == "site":
            fields["site"] = _as_string(key, value).strip()
        elif key in _OURS:
            continue
        elif key.lower() in _HUGO_KEYS or key.lower() in _KNOWN_KEYS:
            report.warn(
                source,
                key,
                f"{key!r} is a Hugo setting (or another spelling of a schema key); dropped, not passed to Hugo",
                "remove the key; article files cannot change how the site is built",
            )
        elif (typed := _HUGO_TYPED.get(key.lower())) and (not isinstance(value, typed) or isinstance(value, bool)):
            report.warn(
                source,
                key,
                f"Hugo reads {key!r} as {typed.__name__}, got {value!r}; dropped",
                f"fix the value of {key} or remove it",
            )
        else:
            extra.append((key, _plain(key, value)))
    body, link_label, link_url = split_source_link(body)
    if link_url and not fields.get("source_url"):
        fields["source_url"] = link_url
    if link_label and not fields.get("site") and re.fullmatch(r"[A-Za-z0-9.-]{1,20}", link_label):
        fields["site"] = link_label.lower()
    explicit = frozenset(k for k, v in fields.items() if v not in ("", ()))
    return Article(
        source=source, kind="front-matter", body=body.strip("\n"), extra=tuple(extra), explicit=explicit, **fields
    )


def _read_date(value: Any, tz: ZoneInfo) -> dt.datetime | None:
    if value is None or value == "":
        return None
    parsed = parse_date_value(value, tz)
    if parsed is None:
        raise ReadError(
            "date",
            f"cannot read the date {value!r}",
            'write it as "2025-02-14 12:46:28" or "2025-02-14T12:46:28+08:00"',
        )
    return parsed


def _plain(key: str, value: Any, depth: int = 0) -> object:
    """Unknown keys are kept, but only as plain JSON-like data (so they render back the same)."""
    if depth > _MAX_DEPTH:
        # Deeper data would overflow the stack here, in the renderer and in Hugo; no article needs it.
        raise ReadError(key, f"the value is nested more than {_MAX_DEPTH} levels deep", f"flatten or remove {key}")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(key, v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(key, v, depth + 1) for k, v in value.items()}
    return str(value)


def read_front_matter(source: str, text: str, tz: ZoneInfo, report: Report) -> Article:
    """Read markdown with YAML/TOML/JSON front matter into an Article."""
    kind, fm, body, _ = split_front_matter(text)
    meta = load_metadata(kind, fm)
    return article_from_metadata(source, meta, body, tz, report)
