"""The ingest: inbox sources → page bundles, as an ordered list of plain stages.

    discover → select changed → read (decode, detect, read, normalize, tag candidates) → tags (site-wide)
    → duplicates (site-wide) → images → write pages → remove pages of deleted sources → term pages
    → save state

Site-wide stages see every article through the facts the state index keeps for it (tag candidates,
a MinHash signature), so an unchanged article is read again only when its page must change.

A source that fails is reported and skipped; its previous page (if any) stays as it was. Nothing an
editor wrote is overwritten: hand-written pages have no marker, hand-edited ones fail their checksum.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from . import __version__, dedupe
from .config import Config
from .decode import decode
from .discover import Found, discover
from .errors import ReadError
from .images import find_images, find_local_images
from .lock import release_inherited
from .mhtml import is_mhtml, saved_images
from .mhtml import unpack as unpack_mhtml
from .model import Article
from .normalize import normalize
from .readers import detect_kind, read_text
from .render import render_page
from .report import Problem, Report
from .state import Entry, State, article_meta, load_state, read_generated_page, save_state, sweep_state_temp
from .tagger import (
    TagChooser,
    TagInputs,
    _segmenter_for,
    candidate_keywords,
    choose_tags,
    keyword_text,
    rule_tags,
)
from .taxonomy import TermEntry, TermPlan, label_rows, plan_term_pages, plan_term_updates
from .write import INDEX, apply_plan, batched_writes, remove_bundle, sweep_temp_files, sync_bundle, write_text

if TYPE_CHECKING:  # httpx and the image code load only when a run has articles to localize
    from .localize import Asset

ERRORS_FILE = ".newsroom-errors.txt"
#: Present while a run is writing; found at the start of a run, it means the last one was killed.
RUNNING = "running"
#: Called as ``progress(stage, done, total)``; ``total`` 0 means "stage started".
Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


#: Keywords written for Hugo's related-content index when the source gives none (top tag candidates).
KEYWORDS = 8
#: Articles whose rows are written to the index's derived tables at once by a run that counts the whole site.
DERIVED_BATCH = 2000


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
    duplicates: list[str] = field(default_factory=list)
    """Sources not published because another file carries the same story (keep-first policy)."""
    kept: list[str] = field(default_factory=list)
    """Pages not overwritten or removed because an editor changed them by hand."""
    deferred: list[str] = field(default_factory=list)
    """Sources left for another pass because the run reached its memory limit."""
    images: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    passes: int = 1

    def merge(self, later: Summary) -> None:
        """Fold in the summary of a later pass over the same site (a source counts once, first outcome first)."""
        seen = {s for k in ("added", "updated", "removed", "failed", "duplicates", "kept") for s in getattr(self, k)}
        for key in ("added", "updated", "removed", "failed", "duplicates", "kept"):
            getattr(self, key).extend(s for s in getattr(later, key) if s not in seen)
        self.unchanged = [s for s in later.unchanged if s not in seen]
        self.deferred = later.deferred
        for name, n in later.images.items():
            self.images[name] = self.images.get(name, 0) + n
        self.seconds += later.seconds
        self.passes += later.passes

    def counts(self) -> dict[str, int]:
        """Number of sources in each outcome."""
        keys = ("added", "updated", "unchanged", "removed", "failed", "duplicates", "kept")
        return {k: len(getattr(self, k)) for k in keys}


@dataclass(slots=True)
class Work:
    """One source selected for (re)processing."""

    found: Found
    data: bytes
    digest: str
    article: Article | None = None
    assets: tuple[Asset, ...] = ()
    facts: dict[str, Any] = field(default_factory=dict)
    """Per-article inputs of the site-wide stages, kept in the state index for the next run."""


def source_digest(data: bytes) -> str:
    """Identity of a source version."""
    return hashlib.sha256(data).hexdigest()[:16]


def read_article(source: str, data: bytes, config: Config, report: Report, existing_slug: str = "") -> Article:
    """(unpack a single-file page →) decode → detect → read → normalize one source; ``ReadError`` when it cannot
    become a page."""
    saved = unpack_mhtml(data)
    text = decode(saved.html if saved else data)
    kind = "html" if saved else detect_kind(text)
    article = read_text(source, text, kind, config.tz, report, page_url=saved.url if saved else "")
    return normalize(article, config, report, existing_slug)


#: Memory is checked every this many articles read (reading /proc/self/statm costs ~10 µs).
MEMORY_CHECK_EVERY = 16
#: A pass reads at least this many sources, so a limit set below what the site itself needs still
#: finishes in a bounded number of passes (each pass redoes the site-wide stages).
MIN_PASS = 256
#: Below this many sources the read stage stays in this process (a worker costs ~0.1 s to start).
PARALLEL_MIN = 32
ReadResult = tuple[Article | None, tuple[str, str, str] | None, dict[str, Any], list[Problem]]
"""One read, as data that crosses a process boundary: the article, or the ReadError's (where, message,
hint); the facts for the site-wide stages; the problems reported while reading, in order."""
_worker_config: Config | None = None


def _init_worker(config: Config) -> None:
    global _worker_config
    _worker_config = config


def _start_worker(parent: int) -> None:
    """First thing in a forked read worker: die with the parent, and never hold the site lock.

    A worker outliving a SIGKILLed run would block forever on a full result pipe, holding memory
    and (through its copy of the descriptor) the site lock, so the next run could not start.
    """
    if sys.platform == "linux":
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    release_inherited()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


ReadJob = tuple[str, bytes | None, str, str]
"""(source, its bytes or None/empty to read them from the path, existing slug, path)."""


def _read_job(job: ReadJob) -> ReadResult:
    """Read one source and compute its facts, in a worker process or in this one.

    Pool jobs carry the path, not the bytes: the parent never holds every source at once.
    """
    source, data, slug, path = job
    config = _worker_config
    if config is None:
        raise RuntimeError("_init_worker was not called")
    report = Report()
    if not data:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            return None, ("", f"cannot be read: {exc.strerror}", "check the file's permissions"), {}, []
    try:
        article = read_article(source, data, config, report, slug)
    except ReadError as exc:
        return None, (exc.where, exc.message, exc.hint), {}, report.problems
    cfg = config.taxonomy
    text = keyword_text(article)
    facts = {
        "candidates": list(candidate_keywords(article, cfg, config.state_dir / "cache", text)),
        "source_tags": list(article.tags),
        "rule_tags": list(rule_tags(article, cfg, text)),
        "signature": dedupe.signature(f"{article.title}\n{article.body}"),
    }
    return article, None, facts, report.problems


def read_all(config: Config, jobs: list[ReadJob], workers: int = 0) -> Generator[ReadResult, None, None]:
    """Read every job, results in input order; spread over the cores when there are enough jobs.

    Reading is pure CPU (decode, readers, normalize, keywords, MinHash) and every source is
    independent. Results come back in input order, so reports and pages never depend on the number
    of workers. The segmenter is built before the fork, so the workers share it instead of each
    building its own.
    """
    workers = workers or min(os.cpu_count() or 1, 8)
    _init_worker(config)
    if workers <= 1 or len(jobs) < PARALLEL_MIN or os.name != "posix":
        yield from map(_read_job, jobs)
        return
    _segmenter_for(config.state_dir / "cache", config.taxonomy.tags.words)
    chunk = max(1, min(16, len(jobs) // (workers * 8)))
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(os.getpid(),))
    try:
        yield from pool.map(_read_job, jobs, chunksize=chunk)
    finally:  # a caller that stops early (memory limit) must not wait for every queued job
        pool.shutdown(wait=True, cancel_futures=True)


def rss_mb() -> float:
    """This process's resident memory now (Linux), else its peak so far."""
    try:
        pages = int(Path("/proc/self/statm").read_bytes().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Ingest:
    """One run over a site. ``run()`` executes ``self.stages`` in order."""

    def __init__(
        self, config: Config, report: Report, options: Options | None = None, progress: Progress | None = None
    ) -> None:
        self.config = config
        self.progress: Progress = progress or _no_progress
        self.report = report
        self.options = options or Options()
        self.summary = Summary()
        self.state = State()
        self.found: list[Found] = []
        self.by_source: dict[str, Found] = {}
        self.present: set[str] = set()
        """Sources in the inbox (set by ``discover``)."""
        self.work: list[Work] = []
        self.fingerprint = f"{__version__}:{config.digest}"
        self.touched = False
        """An index entry changed without being re-read (a touched but identical source)."""
        self.uses_ok = False
        """The index's ``uses`` table describes the site (else the ``tags`` stage does every article)."""
        self.labels_ok = False
        """The index's ``labels`` table describes the site (else the ``terms`` stage does every term)."""
        self.stages: list[tuple[str, Callable[[], None]]] = [
            ("discover", self.discover),
            ("select", self.select_changed),
            ("read", self.read_sources),
            ("tags", self.choose_tags),
            ("duplicates", self.find_duplicates),
            ("images", self.localize),
            ("write", self.write_pages),
            ("remove", self.remove_deleted),
            ("terms", self.write_term_pages),
            ("finish", self.finish),
        ]

    def run(self) -> Summary:
        """Run every stage; return the summary."""
        started = time.perf_counter()
        for key, message in self.config.warnings:
            self.report.warn("config.toml", key, message)
        try:
            for name, stage in self.stages:
                self.progress(name, 0, 0)
                stage()
        finally:  # a run that fails (or is interrupted) leaves the index as it was and unlocked
            self.state.close()
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    # -- stages -------------------------------------------------------------------------------

    def discover(self) -> None:
        """List the inbox and load the state index; after an interrupted run, sweep its temp files."""
        self.state = load_state(self.config.state_dir, self.config.section_dir)
        if self.options.write:
            self.state.home = self.config.state_dir
        valid = self.state.derived_valid(self.fingerprint) and not self.options.force
        self.uses_ok = self.labels_ok = valid
        self.found = list(discover(self.config.inbox, self.report))
        self.by_source = {f.source: f for f in self.found}
        self.present = set(self.by_source)
        marker = self.config.state_dir / RUNNING
        if self.options.write:
            if marker.exists():  # the last run was killed: its temp files are litter (we hold the lock)
                sweep_temp_files(self.config.content_dir)
                sweep_state_temp(self.config.state_dir)
            write_text(marker, "a run started and has not finished\n")

    def select_changed(self) -> None:
        """Keep only sources that are new or changed (by size+mtime, then by content digest)."""
        full = self.options.force or self.state.fingerprint != self.fingerprint
        present = self.present
        orphaned = {  # copies of a story whose published keeper left the inbox: publish one of them now
            s for s, e in self.state.entries.items() if e.duplicate_of and e.duplicate_of not in present
        }
        for found in self.found:
            entry = self.state.entries.get(found.source)
            if found.source in orphaned:
                self._select(found)
                continue
            if found.size > self.config.max_file_bytes:
                self._fail(
                    found.source,
                    "",
                    f"is {found.size:,} bytes, over the {self.config.max_file_bytes:,}-byte limit",
                    "split it, or raise newsroom.max_file_bytes in config.toml",
                )
                continue
            retry_images = bool(entry and entry.remote_images) and not self.options.offline
            if (
                not full
                and entry
                and not entry.failed
                and not retry_images
                and (entry.size, entry.mtime_ns) == (found.size, found.mtime_ns)
            ):
                self.summary.unchanged.append(found.source)
                continue
            data = self._read_bytes(found)
            if data is None:
                continue
            digest = source_digest(data)
            if (
                not full
                and entry
                and entry.digest == digest
                and not entry.failed
                and not retry_images
                and (self._page_present(entry) or entry.duplicate_of)
            ):
                entry.size, entry.mtime_ns = found.size, found.mtime_ns
                self.touched = True
                self.summary.unchanged.append(found.source)
                continue
            # Only the digest is kept: the reader opens the file again (from the page cache), so a cold
            # run over 50,000 sources does not hold 400 MB of source bytes.
            self.work.append(Work(found, b"", digest))

    def read_sources(self) -> None:
        """Turn each selected source into a normalized Article; failures are reported and skipped."""
        total = len(self.work)
        jobs: list[ReadJob] = []
        for w in self.work:
            jobs.append((w.found.source, None, self._existing_slug(w.found.source), w.found.where))
            w.data = b""  # the worker reads the file again (from the page cache): bytes are not held here
        limit = self.config.max_memory_mb if self.options.write else 0
        results = read_all(self.config, jobs)
        done = 0
        try:
            for work, result in zip(self.work, results, strict=False):
                self._apply_read(work, result)
                done += 1
                self.progress("read", done, total)
                at_check = done % MEMORY_CHECK_EVERY == 0 and MIN_PASS <= done < total
                if limit and at_check and rss_mb() > limit:
                    self._defer(self.work[done:], done, limit)
                    break
        finally:
            results.close()

    def _defer(self, rest: list[Work], done: int, limit: int) -> None:
        """Leave ``rest`` for another pass: this one stops growing at the memory limit."""
        self.work = self.work[:done]
        self.summary.deferred = [w.found.source for w in rest]
        self.report.warn(
            self.config.inbox.name,
            "",
            f"memory limit of {limit} MB (newsroom.max_memory_mb) reached after reading {done} new or changed "
            f"files; the other {len(rest)} are published by the next pass of this run",
            "nothing to do; raise newsroom.max_memory_mb in config.toml for fewer, larger passes",
        )

    def choose_tags(self) -> None:
        """Final tags for every article: source tags, rule tags, and keywords common enough across the site.

        A keyword's document frequency is counted over the whole site, so a new article can change the
        tags of articles already published; only those are read again and re-rendered. With the index's
        ``uses`` table valid, only the keys the changed articles use are counted again, and only the
        articles using a key whose standing changed are looked at; otherwise every article is.
        """
        if not self._working():
            return
        chooser = TagChooser(self.config.taxonomy)
        chosen = self._tags_incremental(chooser) if self.uses_ok else None
        if chosen is None:
            chosen = self._tags_full(chooser)
        working = set(self._working())
        for source, tags in chosen.items():
            entry = self.state.entries.get(source)
            if source not in working and entry is not None and tuple(entry.meta.get("tags", ())) != tags:
                self._reread(source)
        for source, work in self._working().items():
            if work.article is not None:
                article = work.article
                keywords = article.keywords or tuple(work.facts["candidates"][:KEYWORDS])
                work.article = replace(article, tags=chosen.get(source, article.tags), keywords=keywords)

    def _tags_full(self, chooser: TagChooser) -> dict[str, tuple[str, ...]]:
        """Tags of every published article; the ``uses`` table written again."""
        published = self._published_entries()
        missing = [s for s, e in published.items() if "candidates" not in e.meta and s not in self._working()]
        for source in missing:  # an index rebuilt from the pages lacks the facts: read those sources once
            self._reread(source)
        working = self._working()
        cands: dict[str, tuple[str, ...]] = {}
        own: dict[str, tuple[str, ...]] = {}
        rules: dict[str, tuple[str, ...]] = {}
        for source, entry in self._published_entries().items():
            if source not in working:
                cands[source], own[source], rules[source] = _tag_facts(entry.meta)
        for source, work in working.items():
            cands[source], own[source], rules[source] = _tag_facts(work.facts)
        inputs: dict[str, TagInputs] = {}
        chosen = choose_tags(cands, own, rules, self.config.taxonomy, chooser, inputs)
        del cands, own, rules
        self.state.clear_uses()
        order = sorted(inputs)
        for start in range(0, len(order), DERIVED_BATCH):  # in batches: 50,000 articles' rows at once were 100 MB
            self.state.set_uses({s: sorted(inputs[s].terms()) for s in order[start : start + DERIVED_BATCH]})
        self.state.tag_sources = len(inputs)
        self.uses_ok = True
        return chosen

    def _tags_incremental(self, chooser: TagChooser) -> dict[str, tuple[str, ...]] | None:
        """Tags of the changed articles and of those whose tags they can change; None when the minimum
        keyword frequency itself changes (a site smaller than ``min_df``): then every article is looked at."""
        state, working = self.state, self._working()
        published = self._published_entries()
        now = set(published) | set(working)
        if chooser.min_df(state.tag_sources) != chooser.min_df(len(now)):
            return None
        before_sources = state.use_sources()
        changed = set(working) | (before_sources - now) | {s for s in now - before_sources if s not in working}
        inputs: dict[str, TagInputs] = {}
        for source in sorted(changed & now):
            facts = working[source].facts if source in working else published[source].meta
            inputs[source] = chooser.inputs(*_tag_facts(facts))
        old = state.uses_of(changed)
        touched = {k for items in old.values() for _, k in items}
        touched |= {k for inp in inputs.values() for _, k in inp.terms()}
        before = state.key_stats(touched)
        state.set_uses({s: sorted(inputs[s].terms()) if s in inputs else [] for s in changed})
        after = state.key_stats(touched)
        state.tag_sources = len(now)
        min_df = chooser.min_df(len(now))
        moved = {
            k
            for k in touched
            if (before[k].df >= min_df) != (after[k].df >= min_df) or before[k].display != after[k].display
        }
        affected = (state.sources_using(moved) & set(published)) - set(working)
        for source in sorted(affected):
            inputs[source] = chooser.inputs(*_tag_facts(published[source].meta))
        looked_at = affected | set(working)
        stats = state.key_stats({k for s in looked_at for _, k in inputs[s].terms()})
        df = {k: v.df for k, v in stats.items()}
        display = {k: v.display for k, v in stats.items()}
        return {s: chooser.tags(inputs[s], df, display, min_df) for s in sorted(looked_at)}

    def find_duplicates(self) -> None:
        """The same story from two publishers (or the same URL twice) is published once (by policy).

        MinHash signatures kept in the index find candidate copies among all articles; the exact
        shingle comparison of ``dedupe.find_duplicates`` confirms them and picks the keeper.
        """
        working = self._working()
        if not working:
            return
        cfg = self.config.taxonomy.duplicates
        wanted = f"{dedupe.scheme()}{cfg.threshold}"
        if self.uses_ok and self.state.bands_valid(wanted):
            near_rows, urls = self._near_from_bands(cfg.threshold)
        else:
            near_rows, urls = self._near_from_matrix(cfg.threshold)
            self.state.bands_for, self.state.bands_rebuild = wanted, True
        working = self._working()
        related: set[str] = set()
        for source, work in sorted(working.items()):
            if work.article is None:
                continue
            near = set(near_rows.get(source, ()))
            same_url = urls.get(dedupe.url_key(work.article.source_url)) if work.article.source_url else None
            if same_url and same_url != source:
                near.add(same_url)
            if near:
                related |= near | {source}
            if key := dedupe.url_key(work.article.source_url):
                urls.setdefault(key, source)
        if not related:
            return
        for source in sorted(related - set(working)):
            self._reread(source)
        working = self._working()
        members = [w.article for s, w in sorted(working.items()) if s in related and w.article is not None]
        groups = dedupe.find_duplicates([dedupe.DedupeDoc.from_article(a) for a in members], cfg.threshold)
        if not groups:
            return
        kept = {a.source: a for a in dedupe.apply_policy(members, groups, cfg.policy, self.report)}
        keeper_of = {copy: group[0] for group in groups for copy in group[1:]}
        for source in related & set(working):
            work = working[source]
            if source in kept:
                work.article = kept[source]
            else:
                work.facts["duplicate_of"] = keeper_of[source]
                work.article = None
                self.summary.duplicates.append(source)

    def _near_from_matrix(self, threshold: float) -> tuple[dict[str, set[str]], dict[str, str]]:
        """Candidate copies of each working article among all signatures (LSH over one matrix), and the
        first source (by name) of each original URL; stale signatures are made again first."""
        working = self._working()
        present = self.present
        packed: dict[str, str] = {}
        urls: dict[str, str] = {}
        stale: list[str] = []
        others = [s for s, e in self.state.entries.items() if s in present and s not in working and not e.failed]
        signatures = self.state.column("signature", None if len(others) > len(working) else others)
        source_urls = self.state.column("source_url", None if len(others) > len(working) else others)
        for source in sorted(others):
            value = str(signatures.get(source, ""))
            if not dedupe.signature_current(value):
                stale.append(source)  # made by another MinHash scheme: read the source again
            elif value:
                packed[source] = value
            if key := dedupe.url_key(str(source_urls.get(source, ""))):
                urls.setdefault(key, source)
        for source in sorted(stale):
            self._reread(source)
        working = self._working()
        for source, work in working.items():
            if work.facts.get("signature"):
                packed[source] = str(work.facts["signature"])
        order = sorted(packed)
        row = {source: i for i, source in enumerate(order)}
        queries = [row[s] for s in working if s in row]
        near_rows: dict[str, set[str]] = {}
        for i, j in dedupe.near_pairs(dedupe.signature_matrix([packed[s] for s in order]), queries, threshold):
            near_rows.setdefault(order[i], set()).add(order[j])
        return near_rows, urls

    def _near_from_bands(self, threshold: float) -> tuple[dict[str, set[str]], dict[str, str]]:
        """What ``_near_from_matrix`` finds, from the index's ``bands`` and ``url_key`` columns: only the
        working articles' own bands and URLs are looked up, so it costs the same at any site size."""
        state = self.state
        for source in sorted(state.stale_signatures(dedupe.scheme()) & self.present):
            self._reread(source)
        working = self._working()
        present = self.present

        def usable(source: str) -> bool:
            entry = state.entries.get(source)
            return source in present and source not in working and entry is not None and not entry.failed

        near_rows: dict[str, set[str]] = {}
        by_band: dict[tuple[int, int], list[str]] = {}
        for source, work in sorted(working.items()):
            packed = str(work.facts.get("signature") or "")
            if not packed:
                continue
            keys = dedupe.band_keys(packed, threshold)
            others = {s for s in state.sharing_bands(keys) if usable(s)}
            for key in keys:
                by_band.setdefault(key, []).append(source)
            if others:
                near_rows.setdefault(source, set()).update(others)
        for group in by_band.values():  # working articles sharing a band with each other
            for a in group:
                near_rows.setdefault(a, set()).update(b for b in group if b != a)
        near_rows = {s: n for s, n in near_rows.items() if n}
        urls: dict[str, str] = {}
        for work in working.values():
            if work.article is not None and (url := dedupe.url_key(work.article.source_url)):
                first = next((s for s in state.same_url(url) if usable(s)), None)
                if first is not None:
                    urls[url] = first
        return near_rows, urls

    def localize(self) -> None:
        """Download remote images into the cache and point the articles at bundle files.

        ``check`` never downloads (it writes nothing); images already cached still count as local.
        """
        work = [w for w in self.work if w.article is not None]
        if not any(
            find_images(w.article) or find_local_images(w.article) or w.article.thumbnail.startswith("img-")
            for w in work
            if w.article
        ):
            return  # nothing to fetch or reuse: the image code and httpx (0.1 s of imports) are not loaded
        from .localize import localize_images

        cache = self.config.state_dir / "cache" / "images"
        articles = [w.article for w in work if w.article]
        results = localize_images(
            articles,
            self.config.images,
            cache,
            self.report,
            offline=self.options.offline,
            write=self.options.write,
            saved=self._saved_images,
        )
        for w, (article, assets) in zip(work, results, strict=True):
            w.article, w.assets = article, assets
        counts = self.summary.images
        counts["local"] = counts.get("local", 0) + sum(len(a) for _, a in results)
        counts["remote"] = counts.get("remote", 0) + sum(len(a.images) for a, _ in results)

    def _saved_images(self, article: Article) -> dict[str, bytes]:
        """The images the article's source brings, by the link it uses: those a page saved as MHTML carries, and
        the files its relative links name beside it in the inbox (``images/a.jpg``, ``页面_files/b.png``)."""
        source = self.config.inbox / article.source
        images: dict[str, bytes] = {}
        try:
            with source.open("rb") as handle:
                if is_mhtml(handle.read(16384)):
                    images.update(saved_images(source.read_bytes()))
        except OSError:
            return images
        inbox = self.config.inbox.resolve()
        for url in find_local_images(article):
            path = (source.parent / unquote(url.split("#")[0].split("?")[0])).resolve()
            try:
                if (
                    path.is_relative_to(inbox)
                    and path.is_file()
                    and path.stat().st_size <= self.config.images.max_bytes
                ):
                    images[url] = path.read_bytes()
            except OSError:
                continue
        return images

    def write_pages(self) -> None:
        """Render and write each article's bundle, unless a person owns the page at that path."""
        with batched_writes():  # fsyncs grouped; each page still all-or-nothing and durable before its rename
            self._write_pages()

    def _write_pages(self) -> None:
        section = self.config.section_dir
        self._resolve_slug_clashes()
        for work in self.work:
            if work.facts.get("duplicate_of"):
                self._record_duplicate(work)
                continue
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

    def write_term_pages(self) -> None:
        """Term ``_index.md`` pages and ``data/taxonomies.json`` for every tag and category in use.

        With the index's ``labels`` table valid, only the pages of terms whose articles changed are
        planned; otherwise every term page of the site is.
        """
        if not self.options.write or not (self.work or self.summary.removed):
            return
        published = self._published_entries()
        if self.labels_ok:
            plan = self._term_plan_incremental(published)
        else:
            entries = [_term_entry(source, entry) for source, entry in sorted(published.items())]
            plan = plan_term_pages(entries, self.config.content_dir)
            self.state.clear_labels()
            for start in range(0, len(entries), DERIVED_BATCH):
                self.state.set_labels({e.source: label_rows(e) for e in entries[start : start + DERIVED_BATCH]})
            self.state.set_pages((), plan.terms)
            self.labels_ok = True
        apply_plan(plan.files, plan.remove)
        for taxonomy, path, spellings in plan.collisions:
            self.report.warn(
                f"content/{taxonomy}/{path}", "", f"{len(spellings)} spellings share one page: {', '.join(spellings)}",
                "add a synonym in [newsroom.tags] so one spelling is used",
            )  # fmt: skip

    def _term_plan_incremental(self, published: dict[str, Entry]) -> TermPlan:
        state = self.state
        listed = state.label_sources()
        now = set(published)
        changed = {s for s in now if published[s].dirty} | (listed - now) | (now - listed)
        rows = {s: label_rows(_term_entry(s, published[s])) if s in now else [] for s in sorted(changed)}
        pages = state.labels_of(changed) | {(r[0], r[1]) for items in rows.values() for r in items}
        old = state.pages_of(pages)
        state.set_labels(rows)
        new = state.term_infos(pages)
        state.set_pages(pages, new)
        return plan_term_updates(old, new, state.pages(), self.config.content_dir)

    def remove_deleted(self) -> None:
        """Pages whose source left the inbox are removed (unless edited by hand)."""
        present = self.present
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
            self.state.close()  # ``check``: whatever the stages counted is dropped
            return
        derived = self.fingerprint if self.uses_ok and self.labels_ok else ""
        # A no-op run leaves the index file as it was (not even its change counter moves).
        if (
            self.work
            or self.summary.removed
            or self.touched
            or self.state.fingerprint != self.fingerprint
            or self.state.derived != derived
            or self.state.connection is None
        ):
            self.state.fingerprint, self.state.derived = self.fingerprint, derived
            save_state(self.state, self.config.state_dir)
        self.state.close()
        (self.config.state_dir / RUNNING).unlink(missing_ok=True)
        errors = [p for p in self.report.errors if p.file in self.present]
        lines = [str(p) for p in errors]
        path = self.config.inbox / ERRORS_FILE
        if lines:
            write_text(path, "# Files newsroom could not publish; fix them and run again.\n" + "\n".join(lines) + "\n")
        elif path.exists():
            path.unlink()

    # -- helpers --------------------------------------------------------------------------------

    def _read_bytes(self, found: Found) -> bytes | None:
        try:
            return found.path.read_bytes()
        except OSError as exc:
            self._fail(found.source, "", f"cannot be read: {exc.strerror}", "check the file's permissions")
            return None

    def _select(self, found: Found) -> Work | None:
        data = self._read_bytes(found)
        if data is None:
            return None
        work = Work(found, data, source_digest(data))
        self.work.append(work)
        return work

    def _existing_slug(self, source: str) -> str:
        entry = self.state.entries.get(source)
        return entry.slug if entry else ""

    def _read(self, work: Work) -> None:
        """Read one selected source here and compute its facts for the site-wide stages."""
        _init_worker(self.config)
        job = (work.found.source, work.data, self._existing_slug(work.found.source), work.found.where)
        self._apply_read(work, _read_job(job))

    def _apply_read(self, work: Work, result: ReadResult) -> None:
        article, error, facts, problems = result
        work.data = b""  # read: the bytes are not needed again, and 50,000 of them would be held to the end
        for problem in problems:
            self.report.add(problem)
        if error is not None:
            self._fail(work.found.source, *error, work)
            return
        work.article, work.facts = article, facts

    def _reread(self, source: str) -> None:
        """Bring an unchanged source back into this run (its page must change because of others)."""
        if source in self._working():
            return
        found = self.by_source.get(source)
        if found is None:
            return
        if source in self.summary.unchanged:
            self.summary.unchanged.remove(source)
        work = self._select(found)
        if work is not None:
            self._read(work)

    def _working(self) -> dict[str, Work]:
        """Selected sources that read successfully, by source."""
        return {w.found.source: w for w in self.work if w.article is not None}

    def _published_entries(self) -> dict[str, Entry]:
        """Index entries of sources still in the inbox whose page is (or will be) published."""
        present = self.present
        return {s: e for s, e in self.state.entries.items() if s in present and e.slug and not e.duplicate_of}

    def _record_duplicate(self, work: Work) -> None:
        """A copy that is not published: remember whose copy it is; remove a page it had before."""
        source = work.found.source
        old = self.state.entries.get(source)
        if old is not None and old.slug and self.options.write:
            page = read_generated_page(self.config.section_dir / old.slug)
            if page is not None and page.source == source and page.intact:
                remove_bundle(self.config.section_dir / old.slug)
        found = work.found
        facts = dict(work.facts.items())
        self.state.entries[source] = Entry(
            source=source, slug="", digest=work.digest, size=found.size, mtime_ns=found.mtime_ns, meta=facts
        )

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
            **article_meta(article),
            "remote_images": len(article.images),
            **{k: v for k, v in work.facts.items() if k != "duplicate_of"},
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
            if owner != article.source and owner in self.present:
                self._fail(
                    article.source,
                    "source_url",
                    f"is the same article as {owner} (same original URL {article.source_url or article.slug})",
                    f"remove one of the two files; {owner} is the one published",
                    work,
                )


def ingest(config: Config, report: Report, options: Options | None = None, progress: Progress | None = None) -> Summary:
    """Run the whole ingest over a site: more than one pass when the memory limit leaves sources for later."""
    summary = Ingest(config, report, options, progress).run()
    while summary.deferred:
        before = len(summary.deferred)
        summary.merge(Ingest(config, report, options, progress).run())
        if len(summary.deferred) >= before:  # no progress (cannot happen: a pass reads at least a few)
            break
    return summary


def _parse_iso(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _tag_facts(facts: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(keyword candidates, source tags, rule tags) kept for an article."""
    return (
        tuple(facts.get("candidates", ())),
        tuple(facts.get("source_tags", ())),
        tuple(facts.get("rule_tags", ())),
    )


def _term_entry(source: str, entry: Entry) -> TermEntry:
    meta = entry.meta
    return TermEntry(
        source=source,
        title=str(meta.get("title", "")),
        date=_parse_iso(str(meta.get("date", ""))),
        tags=tuple(meta.get("tags", ())),
        categories=tuple(meta.get("categories", ())),
    )
