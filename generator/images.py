"""Image references in an article, found and rewritten without any I/O; and the ``[newsroom.images]`` config.

Three forms are recognised in the markdown body: inline ``![alt](url "title")``, reference-style
``![alt][label]`` with its ``[label]: url`` definition, and raw HTML ``<img src="...">``
(``srcset`` candidates too). Code spans and fenced code blocks are skipped: an image written as
code is text, not an image.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .model import Article
from .tables import typed_value

# --------------------------------------------------------------------------------------------------
# Finding image references
# --------------------------------------------------------------------------------------------------

#: A URL scheme: two letters at least, so ``C:\photo.jpg`` is not mistaken for one.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)

# Destination: ``<anything but > or newline>`` or a run without spaces, allowing one level of
# balanced parentheses (Wikipedia-style URLs).
_DEST = r"(?P<dest><[^<>\n]*>|(?:[^\s()<>]|\((?:[^\s()])*\))+)"
_TITLE = r"""(?:\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?"""
_INLINE = re.compile(r"!\[(?P<alt>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]\(\s*" + _DEST + _TITLE + r"\s*\)")
_REF_USE = re.compile(r"!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\](?:\[(?P<label>(?:[^\[\]\\]|\\.)*)\])?(?!\()")
_REF_DEF = re.compile(r"^ {0,3}\[(?P<label>(?:[^\[\]\\]|\\.)+)\]:[ \t]*\n?[ \t]*" + _DEST, re.M)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
#: Every image reference contains one of these (``![`` inline or by reference, an ``<img>`` tag).
_MAY_HAVE_IMAGE = re.compile(r"!\[|<img\b", re.I)
_ATTR = re.compile(r"""\b(?P<name>src|srcset)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+))""", re.I)


def _mask_code(text: str) -> str:
    """The text with code blocks and spans blanked out, same length, so match offsets still apply."""

    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def _normalize_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def is_remote(url: str) -> bool:
    """True for an absolute URL (any scheme, incl. ``data:``) or a protocol-relative ``//host/...``.

    Bundle-relative names such as ``img-3fa9c2d1e07b.jpg`` are local. Schemes we will refuse
    (``file:``, ``javascript:``) count as remote so that the fetcher can refuse them by name.
    """
    url = url.strip()
    return url.startswith("//") or bool(_SCHEME.match(url))


@dataclass(frozen=True, slots=True)
class _Ref:
    """One URL occurrence in the body: the span of the URL text and the URL it stands for."""

    start: int
    end: int
    url: str
    kind: str  # "md" (markdown destination) or "html" (attribute value, entity-encoded)


def _srcset_urls(value: str, base: int) -> Iterator[tuple[int, int]]:
    """Spans of the URL part of each ``srcset`` candidate (``url 2x, url 640w``)."""
    for m in re.finditer(r"\s*([^\s,][^\s]*?)(?:\s+[^,]*)?(?:,|$)", value):
        if m.group(1):
            yield base + m.start(1), base + m.end(1)


def _body_refs(body: str) -> list[_Ref]:
    """Every image URL occurrence in a markdown body, in document order."""
    if not _MAY_HAVE_IMAGE.search(body):  # most bodies: no image syntax at all, nothing to mask or match
        return []
    masked = _mask_code(body)
    refs: list[_Ref] = []

    def add_dest(m: re.Match[str]) -> None:
        start, end = m.span("dest")
        dest = body[start:end]
        if dest.startswith("<"):
            start, end = start + 1, end - 1
        refs.append(_Ref(start, end, body[start:end], "md"))

    inline_spans: list[tuple[int, int]] = []
    for m in _INLINE.finditer(masked):
        add_dest(m)
        inline_spans.append(m.span())

    definitions: dict[str, re.Match[str]] = {}
    for m in _REF_DEF.finditer(masked):
        # The first definition of a label wins (CommonMark).
        definitions.setdefault(_normalize_label(m.group("label")), m)
    used: set[str] = set()
    for m in _REF_USE.finditer(masked):
        if any(s <= m.start() < e for s, e in inline_spans):
            continue
        label = m.group("label") or m.group("alt")
        key = _normalize_label(label)
        if key in definitions:
            used.add(key)
    for key in used:
        add_dest(definitions[key])

    for tag in _IMG_TAG.finditer(masked):
        for attr in _ATTR.finditer(tag.group(0)):
            group = next(g for g in ("dq", "sq", "bare") if attr.group(g) is not None)
            vstart = tag.start() + attr.start(group)
            vend = tag.start() + attr.end(group)
            if attr.group("name").lower() == "src":
                refs.append(_Ref(vstart, vend, html.unescape(body[vstart:vend]), "html"))
            else:
                for s, e in _srcset_urls(body[vstart:vend], vstart):
                    refs.append(_Ref(s, e, html.unescape(body[s:e]), "html"))
    refs.sort(key=lambda r: r.start)
    return refs


def find_body_images(body: str) -> tuple[str, ...]:
    """Remote image URLs of a markdown body, in order of first use, de-duplicated."""
    seen: dict[str, None] = {}
    for ref in _body_refs(body):
        url = ref.url.strip()
        if url and is_remote(url):
            seen.setdefault(url, None)
    return tuple(seen)


def find_images(article: Article) -> tuple[str, ...]:
    """Remote image URLs the article uses: the thumbnail first, then the body's, de-duplicated."""
    urls: dict[str, None] = {}
    thumb = article.thumbnail.strip()
    if thumb and is_remote(thumb):
        urls[thumb] = None
    for url in find_body_images(article.body):
        urls.setdefault(url, None)
    return tuple(urls)


#: A file name this tool gives an image in a bundle.
_BUNDLE_NAME = re.compile(r"^img-[0-9a-f]{12}\.\w+$")


def find_local_images(article: Article) -> tuple[str, ...]:
    """Relative image links of the article (``images/a.jpg``, ``页面_files/b.png``): files beside its source.

    Site-absolute paths (``/images/logo.png``, the site's own) and this tool's bundle names are not among them.
    """
    urls: dict[str, None] = {}
    for url in (article.thumbnail.strip(), *(ref.url.strip() for ref in _body_refs(article.body))):
        if url and not is_remote(url) and not url.startswith(("/", "#", "?")) and not _BUNDLE_NAME.match(url):
            urls.setdefault(url, None)
    return tuple(urls)


def rewrite_body(body: str, mapping: Mapping[str, str]) -> str:
    """The body with every image URL found in ``mapping`` replaced by its bundle file name."""
    out: list[str] = []
    pos = 0
    for ref in _body_refs(body):
        name = mapping.get(ref.url.strip())
        if name is None:
            continue
        out.append(body[pos : ref.start])
        out.append(html.escape(name) if ref.kind == "html" else name)
        pos = ref.end
    out.append(body[pos:])
    return "".join(out)


def rewrite_images(article: Article, mapping: Mapping[str, str]) -> Article:
    """The article with the remote image URLs in ``mapping`` replaced by bundle file names.

    URLs not in the mapping stay remote; ``images`` is left listing exactly those.
    """
    if not mapping:  # nothing to rewrite (most articles; every one in an offline run without a cache)
        return replace(article, images=find_images(article))
    body = rewrite_body(article.body, mapping)
    thumb = article.thumbnail
    thumb = mapping.get(thumb.strip(), thumb)
    new = replace(article, body=body, thumbnail=thumb)
    return replace(new, images=find_images(new))


# --------------------------------------------------------------------------------------------------
# [newsroom.images]
# --------------------------------------------------------------------------------------------------

#: A current desktop browser's User-Agent: several Chinese CDNs refuse unknown agents.
DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)

#: Referer policies: ``auto`` (none first, article origin on 401/403/placeholder), ``none`` (never),
#: ``origin`` (always the article origin) or a URL (none first, that URL on refusal).
REFERER_POLICIES = ("auto", "none", "origin")


@dataclass(frozen=True, slots=True)
class HostRule:
    """Request headers for one host and its subdomains."""

    referer: str = "auto"
    """``auto``, ``none``, ``origin`` or an ``https://`` URL used as the fallback Referer."""
    user_agent: str = ""
    """Overrides the global User-Agent when not empty."""
    headers: tuple[tuple[str, str], ...] = ()
    """Extra request headers."""


#: Defaults for the CDNs the sample sources use. All of them serve images without a Referer; the
#: fallback is what their own pages send, which they accept when a bare request is refused.
DEFAULT_HOSTS: tuple[tuple[str, HostRule], ...] = (
    ("gtimg.com", HostRule(referer="https://new.qq.com/")),  # inews.gtimg.com: Tencent news
    ("qpic.cn", HostRule(referer="https://mp.weixin.qq.com/")),  # mmbiz.qpic.cn: WeChat articles
    ("sinaimg.cn", HostRule(referer="https://news.sina.com.cn/")),
    ("126.net", HostRule(referer="https://www.163.com/")),  # nimg.ws.126.net / dingyue.ws.126.net
    ("163.com", HostRule(referer="https://www.163.com/")),
    ("sohucs.com", HostRule(referer="https://www.sohu.com/")),  # *.cdn.sohucs.com
    ("sohu.com", HostRule(referer="https://www.sohu.com/")),
)

#: Formats accepted by default (Pillow names). SVG is never accepted: it can carry scripts.
DEFAULT_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
KNOWN_FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "AVIF", "BMP")


@dataclass(frozen=True, slots=True)
class ImagesConfig:
    """How images are fetched, checked and stored; ``[newsroom.images]`` in config.toml."""

    enabled: bool = True
    """False leaves every image remote (no network)."""
    pool_size: int = 8
    """Images downloaded at once."""
    per_host: int = 4
    """Downloads at once from one host (politeness)."""
    connect_timeout: float = 5.0
    """Seconds to resolve and connect."""
    read_timeout: float = 15.0
    """Seconds a read may stall."""
    total_timeout: float = 60.0
    """Seconds for one image, all redirects and retries included."""
    max_bytes: int = 20_000_000
    """Largest image body accepted."""
    max_redirects: int = 5
    """Redirect hops followed, each one checked."""
    retries: int = 2
    """Extra attempts after a 429, 5xx, timeout or connection error."""
    backoff: float = 0.5
    """First retry delay in seconds, doubled each time (when the server gives no Retry-After)."""
    max_retry_after: float = 30.0
    """A longer Retry-After gives up for this run instead of waiting."""
    revalidate_days: float = 30.0
    """Cached images older than this are re-checked with a conditional request; 0 re-checks every run."""
    allow_private_hosts: bool = False
    """Allow loopback/private/link-local targets (intranets, tests). Multicast is never allowed."""
    user_agent: str = DEFAULT_USER_AGENT
    """Default User-Agent."""
    hosts: tuple[tuple[str, HostRule], ...] = DEFAULT_HOSTS
    """Per-host header rules by domain suffix; the longest matching suffix wins."""
    placeholder_hashes: frozenset[str] = frozenset()
    """SHA-256 (hex) of known "no hotlinking" placeholder images: treated as a refusal."""
    formats: tuple[str, ...] = DEFAULT_FORMATS
    """Accepted image formats (Pillow names)."""
    max_pixels: int = 40_000_000
    """Largest width × height accepted (decompression-bomb guard)."""
    max_frames: int = 1000
    """Most frames in an animated image."""
    max_width: int = 0
    """Resize still images wider than this; 0 keeps the size."""
    quality: int = 85
    """JPEG/WebP quality when re-encoding."""
    convert_to: str = ""
    """Re-encode still images to ``jpeg`` or ``webp``; ``""`` keeps the format."""
    thumbnail_width: int = 0
    """Width of a separate small thumbnail for list pages; 0 uses the full image."""
    max_per_article: int = 100
    """Images localized per article; the rest stay remote with a warning."""

    def rule_for(self, host: str) -> HostRule:
        """The header rule of ``host``: the longest matching domain suffix, else the default."""
        host = host.lower().rstrip(".")
        best: tuple[int, HostRule] | None = None
        for suffix, rule in self.hosts:
            if (host == suffix or host.endswith("." + suffix)) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), rule)
        return best[1] if best else HostRule()


_P = "newsroom.images."


def _number(
    table: Mapping[str, Any],
    key: str,
    default: float,
    problems: list[tuple[str, str]],
    *,
    integer: bool,
    minimum: float,
) -> Any:
    if key not in table:
        return default
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or (integer and not isinstance(value, int)):
        problems.append((_P + key, f"expected {'an integer' if integer else 'a number'}, got {value!r}"))
        return default
    if value < minimum:
        problems.append((_P + key, f"expected a number of at least {minimum:g}, got {value}"))
        return default
    return value if integer else float(value)


def _parse_hosts(
    value: Any, problems: list[tuple[str, str]], warnings: list[tuple[str, str]]
) -> tuple[tuple[str, HostRule], ...]:
    """Merge ``[newsroom.images.hosts."<suffix>"]`` tables over the defaults."""
    rules = dict(DEFAULT_HOSTS)
    if not isinstance(value, Mapping):
        problems.append((_P + "hosts", 'expected a table such as [newsroom.images.hosts."example.com"]'))
        return DEFAULT_HOSTS
    for host, sub in value.items():
        key = f"{_P}hosts.{host}"
        if not isinstance(sub, Mapping):
            problems.append((key, "expected a table with referer / user_agent / headers"))
            continue
        for k in sub:
            if k not in ("referer", "user_agent", "headers"):
                warnings.append((f"{key}.{k}", "unknown key ignored; known: headers, referer, user_agent"))
        referer = sub.get("referer", "auto")
        if not isinstance(referer, str) or not (
            referer in REFERER_POLICIES or referer.startswith(("http://", "https://"))
        ):
            problems.append((f"{key}.referer", f'expected "auto", "none", "origin" or an http(s) URL, got {referer!r}'))
            referer = "auto"
        agent = sub.get("user_agent", "")
        if not isinstance(agent, str):
            problems.append((f"{key}.user_agent", f"expected a string, got {agent!r}"))
            agent = ""
        headers = sub.get("headers", {})
        if not isinstance(headers, Mapping) or not all(isinstance(v, str) for v in headers.values()):
            problems.append((f"{key}.headers", "expected a table of header = string"))
            headers = {}
        rules[str(host).lower().strip(".")] = HostRule(referer, agent, tuple((str(k), v) for k, v in headers.items()))
    return tuple(rules.items())


def parse_images_config(
    table: Mapping[str, Any], problems: list[tuple[str, str]], warnings: list[tuple[str, str]]
) -> ImagesConfig:
    """Read ``[newsroom.images]``; bad values are problems, unknown keys warnings (both name the key)."""
    base = ImagesConfig()
    known = set(ImagesConfig.__dataclass_fields__)
    for key in table:
        if key not in known:
            warnings.append((_P + key, f"unknown key ignored; known: {', '.join(sorted(known))}"))

    def num(key: str, *, integer: bool = False, minimum: float = 0) -> Any:
        return _number(table, key, getattr(base, key), problems, integer=integer, minimum=minimum)

    formats = base.formats
    if "formats" in table:
        raw = table["formats"]
        if not isinstance(raw, list) or not all(isinstance(f, str) for f in raw) or not raw:
            problems.append((_P + "formats", f"expected a list such as {[f.lower() for f in DEFAULT_FORMATS]}"))
        else:
            wanted = tuple(dict.fromkeys(f.upper().replace("JPG", "JPEG") for f in raw))
            bad = [f for f in wanted if f not in KNOWN_FORMATS]
            if bad:
                problems.append((_P + "formats", f"unknown format(s) {bad}; known: {', '.join(KNOWN_FORMATS).lower()}"))
            else:
                formats = wanted

    hashes = base.placeholder_hashes
    if "placeholder_hashes" in table:
        raw = table["placeholder_hashes"]
        if not isinstance(raw, list) or not all(
            isinstance(h, str) and re.fullmatch(r"[0-9a-fA-F]{64}", h) for h in raw
        ):
            problems.append((_P + "placeholder_hashes", "expected a list of SHA-256 hex digests (64 hex digits)"))
        else:
            hashes = frozenset(h.lower() for h in raw)

    convert_to = typed_value(table, "convert_to", _P, str, base.convert_to, problems).lower()
    if convert_to not in ("", "jpeg", "jpg", "webp"):
        problems.append((_P + "convert_to", f'expected "", "jpeg" or "webp", got {convert_to!r}'))
        convert_to = ""
    quality = num("quality", integer=True, minimum=1)
    if quality > 100:
        problems.append((_P + "quality", f"expected 1 to 100, got {quality}"))
        quality = base.quality

    return ImagesConfig(
        enabled=typed_value(table, "enabled", _P, bool, base.enabled, problems),
        pool_size=num("pool_size", integer=True, minimum=1),
        per_host=num("per_host", integer=True, minimum=1),
        connect_timeout=num("connect_timeout", minimum=0.01),
        read_timeout=num("read_timeout", minimum=0.01),
        total_timeout=num("total_timeout", minimum=0.01),
        max_bytes=num("max_bytes", integer=True, minimum=1),
        max_redirects=num("max_redirects", integer=True),
        retries=num("retries", integer=True),
        backoff=num("backoff"),
        max_retry_after=num("max_retry_after"),
        revalidate_days=num("revalidate_days"),
        allow_private_hosts=typed_value(table, "allow_private_hosts", _P, bool, base.allow_private_hosts, problems),
        user_agent=typed_value(table, "user_agent", _P, str, base.user_agent, problems) or base.user_agent,
        hosts=_parse_hosts(table["hosts"], problems, warnings) if "hosts" in table else base.hosts,
        placeholder_hashes=hashes,
        formats=formats,
        max_pixels=num("max_pixels", integer=True, minimum=1),
        max_frames=num("max_frames", integer=True, minimum=1),
        max_width=num("max_width", integer=True),
        quality=quality,
        convert_to="jpeg" if convert_to == "jpg" else convert_to,
        thumbnail_width=num("thumbnail_width", integer=True),
        max_per_article=num("max_per_article", integer=True),
    )


#: Kept for callers that want to iterate configuration keys (documentation, `newsroom config`).
IMAGES_KEYS: tuple[str, ...] = tuple(ImagesConfig.__dataclass_fields__)
