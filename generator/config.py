"""``site/config.toml``: Hugo's config and ours in one file; ours is the top-level ``[newsroom]`` table.

Every problem is collected and reported together (``ConfigError``), each naming its key; unknown
``[newsroom]`` keys are warnings, not errors, so a typo never silently changes behaviour unnoticed.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ConfigError
from .images import ImagesConfig, parse_images_config
from .model import SIDEBAR_SIDES, WIDGETS
from .tables import Issues, typed_value
from .terms import TaxonomyConfig, default_taxonomy_config, parse_taxonomy_config

CONFIG_NAME = "config.toml"


@dataclass(frozen=True, slots=True)
class Defaults:
    """Front-matter values used when a source does not set them."""

    comments: bool = False
    authorbox: bool = False
    pager: bool = True
    toc: bool = False
    mathjax: bool = False
    sidebar: str | bool = "right"
    widgets: tuple[str, ...] = ("search", "recent", "taglist")
    menu: str = ""
    lead: str = ""
    lang: str = "zh-CN"
    """Language written when detection is not sure."""
    category: str = "news"
    """Category of an article whose site and publisher are both unknown."""


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a run needs from ``site/config.toml``."""

    site_dir: Path
    """The Hugo site folder (holds config.toml, inbox/, content/)."""
    inbox: Path
    """Where editors drop source files."""
    section: str = "posts"
    """Content section the article bundles are written into."""
    timezone: str = "Asia/Shanghai"
    """Zone of dates that carry no offset of their own."""
    summary_length: int = 120
    """Characters of a generated summary, before the ``...``."""
    max_file_bytes: int = 20_000_000
    """Inbox files larger than this are refused."""
    max_memory_mb: int = 1024
    """Resident memory a run may reach while reading; past it, the rest of the inbox waits for another pass."""
    defaults: Defaults = field(default_factory=Defaults)
    """Front-matter defaults."""
    images: ImagesConfig = field(default_factory=ImagesConfig)
    """``[newsroom.images]``: fetching, safety and processing of remote images."""
    taxonomy: TaxonomyConfig = field(default_factory=default_taxonomy_config)
    """``[newsroom.tags]``, ``[newsroom.categories]``, ``[newsroom.duplicates]``."""
    tables: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Raw sub-tables of ``[newsroom]`` (``images``, ``taxonomy``, ...) for the stages that parse their own."""
    hugo: Mapping[str, Any] = field(default_factory=dict)
    """Hugo's own top-level keys, read-only (baseURL, title, ...)."""
    digest: str = ""
    """Hash of the config file's bytes: a change re-renders every page."""
    warnings: tuple[tuple[str, str], ...] = ()
    """(key, message) for unknown or doubtful keys."""

    @property
    def content_dir(self) -> Path:
        """``site/content``."""
        return self.site_dir / "content"

    @property
    def section_dir(self) -> Path:
        """``site/content/<section>``: where the article bundles go."""
        return self.content_dir / self.section

    @property
    def state_dir(self) -> Path:
        """``site/.newsroom``: state index, caches and the last report (never published)."""
        return self.site_dir / ".newsroom"

    @property
    def tz(self) -> ZoneInfo:
        """The configured zone as an object."""
        return ZoneInfo(self.timezone)


def _check_sidebar(value: Any) -> str:
    if value is True:
        return 'expected "right", "left" or false'
    if isinstance(value, str) and value not in SIDEBAR_SIDES:
        return f'expected "right", "left" or false, got "{value}"'
    return ""


def _check_widgets(value: Any) -> str:
    unknown = [w for w in value if not isinstance(w, str) or w not in WIDGETS]
    if unknown:
        return f"unknown widget(s) {unknown}; known: {', '.join(WIDGETS)}"
    if len(set(value)) != len(value):
        return "a widget is listed twice"
    return ""


def _check_positive(value: Any) -> str:
    return "" if value > 0 else f"expected a number above 0, got {value}"


def _check_zone(value: Any) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return f"unknown time zone {value!r}; use an IANA name such as Asia/Shanghai"
    return ""


_NEWSROOM_KEYS = {"inbox", "section", "timezone", "summary_length", "max_file_bytes", "max_memory_mb", "defaults"}
#: Sub-tables read by their own stage (images.py, taxonomy.py, ...); listed so they are not warned about.
SUBTABLES = {"images", "taxonomy", "categories", "tags", "reading", "duplicates", "build", "search", "limits"}
_DEFAULT_KEYS = set(Defaults.__dataclass_fields__)


def parse_defaults(table: Mapping[str, Any], problems: Issues, warnings: Issues) -> Defaults:
    """Read ``[newsroom.defaults]``."""
    p = "newsroom.defaults."
    base = Defaults()
    for key in table:
        if key not in _DEFAULT_KEYS:
            warnings.append((p + key, f"unknown key ignored; known: {', '.join(sorted(_DEFAULT_KEYS))}"))
    widgets = typed_value(table, "widgets", p, list, list(base.widgets), problems, _check_widgets)
    return Defaults(
        comments=typed_value(table, "comments", p, bool, base.comments, problems),
        authorbox=typed_value(table, "authorbox", p, bool, base.authorbox, problems),
        pager=typed_value(table, "pager", p, bool, base.pager, problems),
        toc=typed_value(table, "toc", p, bool, base.toc, problems),
        mathjax=typed_value(table, "mathjax", p, bool, base.mathjax, problems),
        sidebar=typed_value(table, "sidebar", p, (str, bool), base.sidebar, problems, _check_sidebar),
        widgets=tuple(widgets),
        menu=typed_value(table, "menu", p, str, base.menu, problems),
        lead=typed_value(table, "lead", p, str, base.lead, problems),
        lang=typed_value(table, "lang", p, str, base.lang, problems),
        category=typed_value(table, "category", p, str, base.category, problems),
    )


def parse_config(data: bytes, site_dir: Path, path: str = CONFIG_NAME) -> Config:
    """Build a ``Config`` from the bytes of config.toml; raise ``ConfigError`` listing every problem."""
    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(path, [("", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, [("", f"not valid TOML: {exc}")]) from None
    problems: Issues = []
    warnings: Issues = []
    table = doc.get("newsroom", {})
    if not isinstance(table, dict):
        raise ConfigError(path, [("newsroom", "expected a table: [newsroom]")])
    for key in table:
        if key not in _NEWSROOM_KEYS and key not in SUBTABLES:
            warnings.append((f"newsroom.{key}", "unknown key ignored"))
    p = "newsroom."
    inbox = typed_value(table, "inbox", p, str, "inbox", problems)
    section = typed_value(table, "section", p, str, "posts", problems, _check_section)
    timezone = typed_value(table, "timezone", p, str, doc.get("timeZone", "Asia/Shanghai"), problems, _check_zone)
    summary_length = typed_value(table, "summary_length", p, int, 120, problems, _check_positive)
    max_file_bytes = typed_value(table, "max_file_bytes", p, int, 20_000_000, problems, _check_positive)
    max_memory_mb = typed_value(table, "max_memory_mb", p, int, 1024, problems, _check_positive)
    defaults_table = typed_value(table, "defaults", p, dict, {}, problems)
    defaults = parse_defaults(defaults_table, problems, warnings)
    tables: dict[str, Mapping[str, Any]] = {}
    for name in SUBTABLES:
        sub = typed_value(table, name, p, dict, {}, problems)
        tables[name] = sub
    images = parse_images_config(tables["images"], problems, warnings)
    taxonomy = parse_taxonomy_config(tables, problems, warnings)
    if not isinstance(doc.get("timeZone", ""), str):
        problems.append(("timeZone", "expected a string such as Asia/Shanghai"))
    if problems:
        raise ConfigError(path, problems)
    hugo = {k: v for k, v in doc.items() if k != "newsroom"}
    return Config(
        site_dir=site_dir,
        inbox=(site_dir / inbox),
        section=section,
        timezone=timezone,
        summary_length=summary_length,
        max_file_bytes=max_file_bytes,
        max_memory_mb=max_memory_mb,
        defaults=defaults,
        images=images,
        taxonomy=taxonomy,
        tables=tables,
        hugo=hugo,
        digest=hashlib.sha256(data).hexdigest()[:16],
        warnings=tuple(warnings),
    )


def _check_section(value: Any) -> str:
    if not value or "/" in value or "\\" in value or value.startswith(".") or value in {"tags", "categories"}:
        return f"expected a plain folder name such as posts, got {value!r}"
    return ""


def load_config(site_dir: Path) -> Config:
    """Read ``<site_dir>/config.toml``."""
    path = site_dir / CONFIG_NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(str(path), [("", "file not found; is --site pointing at the Hugo site folder?")]) from None
    except OSError as exc:
        raise ConfigError(str(path), [("", f"cannot be read: {exc.strerror}")]) from None
    return parse_config(data, site_dir, str(path))
