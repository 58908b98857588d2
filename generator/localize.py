"""The images stage: every remote image of a run fetched once, checked, stored and linked locally.

All articles of a run are batched so the download pool is shared and a URL used by many articles
is fetched once. Images live in one content-addressed cache (``site/.newsroom/cache/images``);
each article gets back the list of files its bundle needs, which ``write.py`` hard-links (or
copies) into the bundle. A failed image never fails its article: the link stays remote, the
report says why, and the next run tries again.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .fetch import Fetcher, FetchError, Resolver, UnsafeTargetError, host_of, run_pool, system_resolver, url_key
from .imagefile import ImageOptions, ImageRejectedError, PixelBudget, make_thumbnail, process_image, supported_formats
from .images import ImagesConfig, find_body_images, find_images, find_local_images, rewrite_images
from .imagestore import Entry, ImageStore
from .model import Article
from .report import Report

#: Hints of the "image left remote" warning: only a download that failed is tried again on the next run.
_HINT_RETRY = "the link stays remote for now and is retried on the next run"
_HINT_REFUSED = (
    "the link stays remote and is never fetched: only http(s) images on public hosts are downloaded; "
    "link such an image or remove this one"
)
_HINT_DATA = "the embedded (data:) image stays in the text as it is; insert the picture as an image file instead"
_HINT_REJECTED = "the link stays remote: what it serves is not a usable image; link another image or remove this one"
_HINT_OFFLINE = "the link stays remote; a run without --offline downloads it"
#: Longest URL shown in a message (characters); longer ones keep scheme and host, then "…" and their end.
_URL_SHOWN = 100
_URL_HEAD = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//[^/?#]*|data:[^,]{0,40},|[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Asset:
    """One file to place in a bundle."""

    name: str
    """Bundle-relative file name, e.g. ``img-3fa9c2d1e07b.jpg``."""
    path: Path
    """The processed file in the cache store."""


@dataclass(frozen=True, slots=True)
class _Job:
    key: str
    url: str
    article_url: str
    host: str


def image_options(cfg: ImagesConfig) -> ImageOptions:
    """The Pillow side of the config; formats this Pillow cannot handle are dropped."""
    usable = supported_formats()
    return ImageOptions(
        formats=tuple(f for f in cfg.formats if f in usable),
        max_pixels=cfg.max_pixels,
        max_frames=cfg.max_frames,
        max_width=cfg.max_width,
        quality=cfg.quality,
        convert_to=cfg.convert_to,
    )


class _Worker:
    """Fetch + check + store for one URL; runs in the pool's threads."""

    def __init__(self, cfg: ImagesConfig, store: ImageStore, fetcher: Fetcher) -> None:
        self.cfg = cfg
        self.store = store
        self.fetcher = fetcher
        self.opts = image_options(cfg)
        # Two full-size images at a time: peak memory stays near 2 × max_pixels × 4 bytes
        # whatever the pool size, and small images (the usual case) never wait.
        self.budget = PixelBudget(2 * cfg.max_pixels)

    def __call__(self, job: _Job) -> str:
        cached = self.store.get(job.key)
        try:
            result = self.fetcher.fetch(
                job.url,
                article_url=job.article_url,
                etag=cached.etag if cached else "",
                last_modified=cached.last_modified if cached else "",
            )
        except FetchError:
            if cached is not None:
                # Stale beats remote: the server is down or the image is gone, our copy is still good.
                return cached.name
            raise
        if result.not_modified:
            if cached is None:
                raise FetchError("server answered 304 Not Modified to an unconditional request")
            return self.store.touch(job.key, cached, result.etag, result.last_modified).name
        assert result.path is not None  # noqa: S101  (a 200 always has a body file)
        try:
            processed = process_image(result.path, self.store.tmp, self.opts, self.budget)
        finally:
            result.path.unlink(missing_ok=True)
        name = self.store.add(processed)
        self.store.put(job.key, Entry(name, result.etag, result.last_modified, time.time(), result.sha256))
        return name


def localize_images(
    articles: Sequence[Article],
    cfg: ImagesConfig,
    cache_dir: Path,
    report: Report,
    *,
    offline: bool = False,
    resolver: Resolver = system_resolver,
    write: bool = True,
    saved: Callable[[Article], Mapping[str, bytes]] | None = None,
) -> list[tuple[Article, tuple[Asset, ...]]]:
    """Fetch every remote image of ``articles`` into ``cache_dir`` and rewrite the links.

    Returns each article (links rewritten, thumbnail too; the first good body image becomes the
    thumbnail when there is none) with the assets its bundle needs. ``offline`` uses cached images
    only. ``resolver`` is for tests that serve a host name from 127.0.0.1. ``write=False`` (for
    ``check``) reads the cache and nothing else: no network, no new files. ``saved`` gives the images an
    article's source file carries itself (a page saved as MHTML), by URL: those are stored without a download,
    also offline.
    """
    if not cfg.enabled:
        return [(a, ()) for a in articles]
    offline = offline or not write
    store = ImageStore(cache_dir, create=write)
    if write:
        store.clean_tmp()
    now = time.time()
    fresh_for = cfg.revalidate_days * 86400

    # 1. Which URLs each article uses, and which need the network.
    per_article: list[tuple[str, ...]] = []
    key_of: dict[str, str] = {}  # url -> url key (normalizing a URL is not free; many articles share some)
    jobs: dict[str, _Job] = {}
    names: dict[str, str] = {}  # url key -> stored file name
    failures: dict[str, tuple[str, str]] = {}  # url key -> (reason, hint)
    in_file: set[str] = set()  # url keys a source file carries, when nothing may be written
    local_names: list[dict[str, str]] = []  # per article: relative link -> stored name ("" when not stored)
    # What each source brings itself, read only when one of its links needs it (most never do).
    carry: Callable[[Article], Mapping[str, bytes]] = saved if saved is not None else lambda _article: {}
    for article in articles:
        carried: Mapping[str, bytes] | None = None
        local: dict[str, str] = {}
        for url in find_local_images(article) if saved is not None else ():
            carried = carried if carried is not None else carry(article)
            if url not in carried:
                report.warn(
                    article.source,
                    "images",
                    f"image {_short(url)} is not in the inbox beside the source",
                    "put the image file there (the link is relative to the source's folder), or link it by its "
                    "web address",
                )
            elif not write:
                local[url] = ""  # ``check``: a run stores it from the file
            else:
                data = carried[url]
                try:
                    local[url] = _store_carried(store, f"file:{hashlib.sha256(data).hexdigest()}", data, cfg)
                except ImageRejectedError as error:
                    report.warn(article.source, "images", f"image {_short(url)} not used: {error}", _HINT_REJECTED)
        local_names.append(local)
        urls = find_images(article)
        if len(urls) > cfg.max_per_article:
            report.warn(
                article.source,
                "images",
                f"{len(urls)} images; only the first {cfg.max_per_article} are localized",
                "raise newsroom.images.max_per_article to localize them all",
            )
            urls = urls[: cfg.max_per_article]
        per_article.append(urls)
        for url in urls:
            if url not in key_of:
                key_of[url] = url_key(url)
            key = key_of[url]
            if key in names or key in failures or key in jobs:
                continue
            entry = store.get(key)
            if entry is not None and (offline or now - entry.checked < fresh_for):
                names[key] = entry.name
                continue
            carried = carried if carried is not None else carry(article)
            if url in carried and not write:
                in_file.add(key)  # ``check``: a run would store it from the file; nothing to report
                continue
            if url in carried:
                try:
                    names[key] = _store_carried(store, key, carried[url], cfg)
                except ImageRejectedError as error:
                    failures[key] = (str(error), _HINT_REJECTED)
                continue
            if offline:
                failures[key] = ("not downloaded yet and --offline is set", _HINT_OFFLINE)
            else:
                jobs[key] = _Job(key, url, article.source_url, host_of(url))

    # 2. Download what is missing or due for a conditional re-check, in one shared pool.
    if jobs:
        with Fetcher(cfg, store.tmp, resolver=resolver, referer_hosts=store.referer_hosts) as fetcher:
            worker = _Worker(cfg, store, fetcher)
            results = run_pool(
                list(jobs.values()), lambda j: j.host, worker, pool_size=cfg.pool_size, per_host=cfg.per_host
            )
            store.referer_hosts = set(fetcher.referer_hosts)
        for job, outcome in results.items():
            if isinstance(outcome, str):
                names[job.key] = outcome
            elif isinstance(outcome, FetchError | ImageRejectedError):
                failures[job.key] = (str(outcome), _hint(job.url, outcome))
            else:
                failures[job.key] = (f"unexpected {type(outcome).__name__}: {outcome}", _HINT_RETRY)

    # 3. Rewrite each article and list its assets.
    out: list[tuple[Article, tuple[Asset, ...]]] = []
    for article, urls, local in zip(articles, per_article, local_names, strict=True):
        mapping: dict[str, str] = {url: name for url, name in local.items() if name}
        for url in urls:
            key = key_of[url]
            if key in names:
                mapping[url] = names[key]
            elif key not in in_file:
                reason, hint = failures.get(key, ("not processed", _HINT_RETRY))
                report.warn(article.source, "images", f"image left remote {_short(url)}: {reason}", hint)
        new = rewrite_images(article, mapping)
        if not article.thumbnail.strip() and mapping:
            first = next((mapping[u] for u in find_body_images(article.body) if u in mapping), "")
            new = replace(new, thumbnail=first)
        if write and cfg.thumbnail_width and new.thumbnail.startswith("img-"):
            new = replace(new, thumbnail=_thumbnail(store, new.thumbnail, cfg, article, report))
        referenced = [n for n in mapping.values() if n in new.body] + [new.thumbnail]
        used = [n for n in dict.fromkeys(referenced) if n.startswith("img-") and store.path(n).is_file()]
        out.append((new, tuple(Asset(n, store.path(n)) for n in used)))
    if write:
        store.save()
    return out


def _store_carried(store: ImageStore, key: str, data: bytes, cfg: ImagesConfig) -> str:
    """Check and store an image the source file carried (no download); its stored name."""
    if (known := store.get(key)) is not None and key.startswith("file:") and store.path(known.name).is_file():
        return known.name  # a file beside a source, stored before: its key is its content's hash
    with tempfile.NamedTemporaryFile(dir=store.tmp, delete=False) as raw:
        raw.write(data)
    try:
        processed = process_image(Path(raw.name), store.tmp, image_options(cfg))
    finally:
        Path(raw.name).unlink(missing_ok=True)
    name = store.add(processed)
    store.put(key, Entry(name, checked=time.time(), sha256=hashlib.sha256(data).hexdigest()))
    return name


def _thumbnail(store: ImageStore, name: str, cfg: ImagesConfig, article: Article, report: Report) -> str:
    """The small list-page copy of a stored image (made once, cached like a URL)."""
    key = f"thumb:{cfg.thumbnail_width}:{name}"
    entry = store.get(key)
    if entry is not None:
        return entry.name
    try:
        small = make_thumbnail(store.path(name), store.tmp, cfg.thumbnail_width, cfg.quality)
    except (OSError, ValueError) as exc:
        report.warn(article.source, "thumbnail", f"cannot make a thumbnail of {name}: {exc}", "the full image is used")
        return name
    thumb = store.add(small)
    store.put(key, Entry(thumb, checked=time.time()))
    return thumb


def _hint(url: str, error: Exception) -> str:
    """What to say about a failed image: retried next run only if a download was tried and failed."""
    if isinstance(error, UnsafeTargetError):
        return _HINT_REFUSED  # refused scheme, user@host, private or unresolvable-to-public address
    if url.strip()[:5].lower() == "data:":
        return _HINT_DATA  # decoded locally: nothing to download again
    if isinstance(error, ImageRejectedError):
        return _HINT_REJECTED
    return _HINT_RETRY


def _short(url: str) -> str:
    """A URL in a message: at most ``_URL_SHOWN`` characters, keeping scheme and host, and the end (data:
    URLs can be megabytes, and tracking queries hundreds of characters)."""
    if len(url) <= _URL_SHOWN:
        return url
    match = _URL_HEAD.match(url)
    head = match.group() if match else ""
    head = head[: _URL_SHOWN // 2]
    return f"{head}…{url[len(url) - (_URL_SHOWN - len(head) - 1) :]}"
