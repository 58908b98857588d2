"""The ingest: inbox sources → page bundles, as an ordered list of plain stages.

    discover → select changed → read (decode, detect, read, normalize) → site-wide (tags, duplicates)
    → images → write pages → remove pages of deleted sources → taxonomy pages → save state

A source that fails is reported and skipped; its previous page (if any) stays as it was. Nothing an
editor wrote is overwritten: hand-written pages have no marker, hand-edited ones fail their checksum.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from . import __version__
from .config import Config
from .decode import decode
from .discover import Found, discover
from .errors import ReadError
from .localize import Asset, localize_images
from .model import Article
from .normalize import normalize
from .readers import detect_kind, read_text
from .render import render_page
from .report import Report
from .state import Entry, State, load_state, read_generated_page, save_state
from .write import INDEX, remove_bundle, sync_bundle, write_text

ERRORS_FILE = ".newsroom-errors.txt"


@dataclass(frozen=True, slots=True)
class Options:
    """How a run behaves."""

    offline: bool = False
    """No network: remote images stay remote."""
    force: bool = False
    """Re-read every source and overwrite hand-edited pages."""
    write: bool = True
    """False for ``check``: read and validate everything, write nothing."""


@dataclass(slots=True)
class Summary:
    """What a run did, by source file."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Pages not overwritten or removed because an editor changed them by hand."""
    images: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        """Number of sources in each outcome."""
        keys = ("added", "updated", "unchanged", "removed", "failed", "kept")
        return {k: len(getattr(self, k)) for k in keys}


@dataclass(slots=True)
class Work:
    """One source selected for (re)processing."""

    found: Found
    data: bytes
    digest: str
    article: Article | None = None
    assets: tuple[Asset, ...] = ()


def source_digest(data: bytes) -> str:
    """Identity of a source version."""
    return hashlib.sha256(data).hexdigest()[:16]


def read_article(source: str, data: bytes, config: Config, report: Report, existing_slug: str = "") -> Article:
    """decode → detect → read → normalize one source; ``ReadError`` when it cannot become a page."""
    text = decode(data)
    kind = detect_kind(text)
    article = read_text(source, text, kind, config.tz, report)
    return normalize(article, config, report, existing_slug)


class Ingest:
    """One run over a site. ``run()`` executes ``self.stages`` in order."""

    def __init__(self, config: Config, report: Report, options: Options | None = None) -> None:
        self.config = config
        self.report = report
        self.options = options or Options()
        self.summary = Summary()
        self.state = State()
        self.found: list[Found] = []
        self.work: list[Work] = []
        self.fingerprint = f"{__version__}:{config.digest}"
        self.stages: list[tuple[str, Callable[[], None]]] = [
            ("discover", self.discover),
            ("select", self.select_changed),
            ("read", self.read_sources),
            ("images", self.localize),
            ("write", self.write_pages),
            ("remove", self.remove_deleted),
            ("finish", self.finish),
        ]

    def run(self) -> Summary:
        """Run every stage; return the summary."""
        started = time.perf_counter()
        for key, message in self.config.warnings:
            self.report.warn("config.toml", key, message)
        for _name, stage in self.stages:
            stage()
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    # -- stages -------------------------------------------------------------------------------

    def discover(self) -> None:
        """List the inbox and load the state index."""
        self.state = load_state(self.config.state_dir, self.config.section_dir)
        self.found = list(discover(self.config.inbox, self.report))

    def select_changed(self) -> None:
        """Keep only sources that are new or changed (by size+mtime, then by content digest)."""
        full = self.options.force or self.state.fingerprint != self.fingerprint
        for found in self.found:
            entry = self.state.entries.get(found.source)
            if found.size > self.config.max_file_bytes:
                self._fail(
                    found.source,
                    "",
                    f"is {found.size:,} bytes, over the {self.config.max_file_bytes:,}-byte limit",
                    "split it, or raise newsroom.max_file_bytes in config.toml",
                )
                continue
            retry_images = bool(entry and entry.meta.get("remote_images")) and not self.options.offline
            if (
                not full
                and entry
                and not entry.failed
                and not retry_images
                and (entry.size, entry.mtime_ns) == (found.size, found.mtime_ns)
            ):
                self.summary.unchanged.append(found.source)
                continue
            try:
                data = found.path.read_bytes()
            except OSError as exc:
                self._fail(found.source, "", f"cannot be read: {exc.strerror}", "check the file's permissions")
                continue
            digest = source_digest(data)
            if (
                not full
                and entry
                and entry.digest == digest
                and not entry.failed
                and not retry_images
                and self._page_present(entry)
            ):
                entry.size, entry.mtime_ns = found.size, found.mtime_ns
                self.summary.unchanged.append(found.source)
                continue
            self.work.append(Work(found, data, digest))

    def read_sources(self) -> None:
        """Turn each selected source into a normalized Article; failures are reported and skipped."""
        for work in self.work:
            entry = self.state.entries.get(work.found.source)
            try:
                work.article = read_article(
                    work.found.source, work.data, self.config, self.report, entry.slug if entry else ""
                )
            except ReadError as exc:
                self._fail(work.found.source, exc.where, exc.message, exc.hint, work)
        self._resolve_slug_clashes()

    def localize(self) -> None:
        """Download remote images into the cache and point the articles at bundle files.

        ``check`` never downloads (it writes nothing); images already cached still count as local.
        """
        work = [w for w in self.work if w.article is not None]
        if not work:
            return
        cache = self.config.state_dir / "cache" / "images"
        articles = [w.article for w in work if w.article]
        results = localize_images(
            articles, self.config.images, cache, self.report, offline=self.options.offline, write=self.options.write
        )
        for w, (article, assets) in zip(work, results, strict=True):
            w.article, w.assets = article, assets
        counts = self.summary.images
        counts["local"] = counts.get("local", 0) + sum(len(a) for _, a in results)
        counts["remote"] = counts.get("remote", 0) + sum(len(a.images) for a, _ in results)

    def write_pages(self) -> None:
        """Render and write each article's bundle, unless a person owns the page at that path."""
        section = self.config.section_dir
        for work in self.work:
            article = work.article
            if article is None:
                continue
            bundle = section / article.slug
            source = article.source
            if (bundle / INDEX).exists():
                page = read_generated_page(bundle)
                if page is None:
                    self._fail(
                        source,
                        "slug",
                        f"{bundle / INDEX} exists and was not generated by newsroom; not overwritten",
                        "give the article another slug in its front matter, or move the hand-written page",
                        work,
                    )
                    continue
                if not page.intact and not self.options.force:
                    self.report.warn(
                        source,
                        "",
                        f"{bundle / INDEX} was edited by hand; kept, not regenerated",
                        "re-run with --force to overwrite it, or delete it to regenerate",
                    )
                    self.summary.kept.append(source)
                    self._remember(work, article)
                    continue
            text = render_page(article, work.digest)
            if self.options.write:
                outcome = sync_bundle(bundle, text.encode("utf-8"), work.assets)
            else:
                outcome = "updated" if (bundle / INDEX).exists() else "added"
            getattr(self.summary, outcome).append(source)
            self._remember(work, article)

    def remove_deleted(self) -> None:
        """Pages whose source left the inbox are removed (unless edited by hand)."""
        present = {f.source for f in self.found}
        for source in sorted(set(self.state.entries) - present):
            entry = self.state.entries[source]
            bundle = self.config.section_dir / entry.slug
            page = read_generated_page(bundle) if entry.slug else None
            if page is not None and not page.intact and not self.options.force:
                self.report.warn(
                    source,
                    "",
                    f"source removed, but {bundle / INDEX} was edited by hand; kept",
                    "delete the page yourself if it should go",
                )
                self.summary.kept.append(source)
                continue
            if page is not None and page.source == source and self.options.write:
                remove_bundle(bundle)
            self.summary.removed.append(source)
            del self.state.entries[source]

    def finish(self) -> None:
        """Save the state index and the inbox error list."""
        if not self.options.write:
            return
        self.state.fingerprint = self.fingerprint
        save_state(self.state, self.config.state_dir)
        errors = [p for p in self.report.errors if p.file in {f.source for f in self.found}]
        lines = [str(p) for p in errors]
        path = self.config.inbox / ERRORS_FILE
        if lines:
            write_text(path, "# Files newsroom could not publish; fix them and run again.\n" + "\n".join(lines) + "\n")
        elif path.exists():
            path.unlink()

    # -- helpers --------------------------------------------------------------------------------

    def _page_present(self, entry: Entry) -> bool:
        return bool(entry.slug) and (self.config.section_dir / entry.slug / INDEX).exists()

    def _fail(self, source: str, where: str, message: str, hint: str, work: Work | None = None) -> None:
        self.report.error(source, where, message, hint)
        self.summary.failed.append(source)
        if work is not None:
            work.article = None
            entry = self.state.entries.get(source)
            if entry is not None:
                entry.failed = work.digest

    def _remember(self, work: Work, article: Article) -> None:
        meta = {
            "title": article.title,
            "date": article.date.isoformat() if article.date else "",
            "tags": list(article.tags),
            "categories": list(article.categories),
            "keywords": list(article.keywords),
            "publisher": article.publisher,
            "source_url": article.source_url,
            "summary": article.summary,
            "remote_images": len(article.images),
        }
        found = work.found
        self.state.entries[found.source] = Entry(
            source=found.source,
            slug=article.slug,
            digest=work.digest,
            size=found.size,
            mtime_ns=found.mtime_ns,
            meta=meta,
        )

    def _resolve_slug_clashes(self) -> None:
        """Two sources for one page (same original URL): the first by file name keeps it, the other is reported."""
        owners = {e.slug: e.source for e in self.state.entries.values()}
        for work in self.work:
            article = work.article
            if article is None:
                continue
            owner = owners.setdefault(article.slug, article.source)
            if owner != article.source and owner in {f.source for f in self.found}:
                self._fail(
                    article.source,
                    "source_url",
                    f"is the same article as {owner} (same original URL {article.source_url or article.slug})",
                    f"remove one of the two files; {owner} is the one published",
                    work,
                )


def ingest(config: Config, report: Report, options: Options | None = None) -> Summary:
    """Run the whole ingest over a site."""
    return Ingest(config, report, options).run()
