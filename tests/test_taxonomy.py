"""Term paths agree with Hugo 0.168, term pages are planned deterministically, orphans go, hand-written pages stay."""

from __future__ import annotations

import base64
import html
import json
import subprocess
import unicodedata
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from generator.build import hugo_binary
from generator.taxonomy import (
    HUGO_RELATED_TOML,
    TermEntry,
    collect_terms,
    hugo_term_key,
    hugo_term_path,
    is_generated,
    plan_term_pages,
    render_term_index,
    term_url,
)
from generator.terms import default_taxonomy_config, normalize_terms

ROOT = Path(__file__).resolve().parent.parent
HUGO = hugo_binary()  # the pinned binary of the installed hugo package, wherever the venv is
FIXTURES = Path(__file__).parent / "fixtures" / "taxonomy"
TRICKY = json.loads((FIXTURES / "hugo_tricky_terms.json").read_text(encoding="utf-8"))
BJ = timezone(timedelta(hours=8))

# (term, folder) pairs read off a real Hugo 0.168 build (see the hugo-marked tests, which re-check them all).
KNOWN = [
    ("DeepSeek", "deepseek"),
    ("百度", "百度"),
    ("AI/ML", "ai/ml"),
    ("C++", "c++"),
    ("C#", "c#"),
    ("Node.js", "node.js"),
    ("GPT-4.5", "gpt-4.5"),
    ("开源，闭源", "开源闭源"),
    ("“引号”", "引号"),
    ("Hello World", "hello-world"),
    ("  spaced  out ", "--spaced--out-"),
    ("a\u3000b", "a-b"),
    ("a\u3000 b", "a-b"),
    ("a - - b", "a-----b"),
    ("emoji🚀", "emoji"),
    ("〇一", "一"),
    ("Q&A", "qa"),
    ("50%", "50"),
    ("%E4", "%e4"),
    ("é café", "é-café"),
    ("İstanbul", "istanbul"),
    ("ΣΑΣ", "σασ"),
    ("Ｆｕｌｌ", "ｆｕｌｌ"),
    ("ⅰroman", "roman"),
    ("a/../b", "b"),
    ("a//b", "a/b"),
    ("・", ""),
]


@pytest.mark.parametrize(("term", "folder"), KNOWN)
def test_hugo_term_path_known(term: str, folder: str) -> None:
    assert hugo_term_path(term) == folder


@pytest.mark.parametrize(
    ("term", "key"),
    [("Q&A", "q&a"), ("开源,闭源", "开源,闭源"), ("Hello World", "hello-world"), ("İstanbul", "istanbul"),
     ("ΣΑΣ", "σασ"), ("emoji🚀", "emoji🚀"), ("Ⅻ", "ⅻ"), ("°C温度", "°c温度"), ("a\u3000b", "a\u3000b")],
)  # fmt: skip
def test_hugo_term_key(term: str, key: str) -> None:
    assert hugo_term_key(term) == key


def test_hugo_term_path_keeps_case_when_asked() -> None:
    assert hugo_term_path("DeepSeek R1", lower=False) == "DeepSeek-R1"


def _entries() -> list[TermEntry]:
    return [
        TermEntry("a.md", "A", datetime(2025, 2, 14, 12, 0, tzinfo=BJ), ("DeepSeek", "百度", "C++"), ("腾讯新闻",)),
        TermEntry("b.md", "B", datetime(2025, 2, 13, 10, 0, tzinfo=BJ), ("deepseek", "OpenAI"), ("腾讯新闻",)),
        TermEntry("c.md", "C", None, ("DeepSeek",), ("网易",)),
    ]


def test_plan_counts_titles_and_json(tmp_path: Path) -> None:
    content = tmp_path / "content"
    plan = plan_term_pages(_entries(), content)
    deepseek = plan.files[content / "tags" / "deepseek" / "_index.md"].decode()
    assert 'title: "DeepSeek"' in deepseek  # the most used spelling wins, not the first read
    assert "count: 3" in deepseek
    assert "generated: true" in deepseek
    assert 'latest: "2025-02-14T12:00:00+08:00"' in deepseek
    assert content / "tags" / "百度" / "_index.md" in plan.files
    assert content / "tags" / "c++" / "_index.md" in plan.files
    assert content / "categories" / "腾讯新闻" / "_index.md" in plan.files
    assert content / "tags" / "_index.md" in plan.files
    data = json.loads(plan.files[tmp_path / "data" / "taxonomies.json"])
    assert data["tags"][0] == {
        "count": 3,
        "latest": "2025-02-14T12:00:00+08:00",
        "key": "deepseek",
        "path": "deepseek",
        "term": "DeepSeek",
        "url": "/tags/deepseek/",
    }
    assert [c["term"] for c in data["categories"]] == ["腾讯新闻", "网易"]
    assert ("tags", "deepseek", ("DeepSeek", "deepseek")) in plan.collisions


def test_plan_is_deterministic(tmp_path: Path) -> None:
    first = plan_term_pages(_entries(), tmp_path / "content")
    second = plan_term_pages(list(reversed(_entries())), tmp_path / "content")
    assert first.files == second.files
    assert list(first.files) == sorted(first.files)


def test_orphans_removed_and_hand_written_kept(tmp_path: Path) -> None:
    content = tmp_path / "content"
    old = content / "tags" / "gone" / "_index.md"
    old.parent.mkdir(parents=True)
    old.write_bytes(render_term_index(collect_terms([TermEntry("x", "X", None, ("gone",))])[0]))
    mine = content / "tags" / "百度" / "_index.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("---\ntitle: 百度（手写）\n---\n人写的介绍。\n", encoding="utf-8")
    unused_mine = content / "tags" / "历史" / "_index.md"
    unused_mine.parent.mkdir(parents=True)
    unused_mine.write_text("---\ntitle: 历史\n---\n", encoding="utf-8")
    plan = plan_term_pages(_entries(), content)
    assert plan.remove == (old,)
    assert mine not in plan.files
    assert mine in plan.kept
    assert unused_mine not in plan.remove


def test_is_generated() -> None:
    assert is_generated(b"---\ntitle: x\nnewsroom:\n  generated: true\n---\n")
    assert not is_generated(b"---\ntitle: x\n---\n")
    assert not is_generated(b"no front matter")
    assert not is_generated(b"---\n: [bad\n---\n")


# ----------------------------------------------------------------------------- real Hugo builds

_LAYOUTS = {
    "baseof.html": '{{ block "main" . }}{{ end }}',
    "home.html": '{{ define "main" }}home{{ end }}',
    "section.html": '{{ define "main" }}{{ .Title }}{{ end }}',
    "page.html": '{{ define "main" }}{{ .Title }}\n'
    "{{ range first 5 (.Site.RegularPages.Related .) }}RELATED={{ .Title }}\n{{ end }}{{ end }}",
    "taxonomy.html": '{{ define "main" }}TAXONOMY={{ .Title }}{{ end }}',
    "term.html": '{{ define "main" }}RAW={{ .Data.Term | base64Encode }}\n'
    "KEY={{ .Path | base64Encode }}\nURL={{ .RelPermalink | base64Encode }}\n"
    "FILE={{ with .File }}{{ .Path }}{{ end }}\nTITLE={{ .Title }}\nCOUNT={{ .Params.count }}\n"
    "{{ range .Pages }}PAGE={{ .Title }}\n{{ end }}{{ end }}",
}


def _make_site(root: Path, posts: Mapping[str, Mapping[str, object]]) -> Path:
    site = root / "site"
    (site / "layouts").mkdir(parents=True)
    (site / "content" / "posts").mkdir(parents=True)
    config = (
        'baseURL = "https://example.org/"\ntitle = "t"\nlocale = "zh-CN"\ntimeZone = "Asia/Shanghai"\n'
        'hasCJKLanguage = true\n[taxonomies]\ntag = "tags"\ncategory = "categories"\n'
    )
    (site / "hugo.toml").write_text(config + HUGO_RELATED_TOML, encoding="utf-8")
    for name, text in _LAYOUTS.items():
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    for name, meta in posts.items():
        # JSON is YAML: exact strings whatever characters the terms hold.
        front = json.dumps(meta, ensure_ascii=False)
        (site / "content" / "posts" / f"{name}.md").write_text(f"---\n{front}\n---\nbody\n", encoding="utf-8")
    return site


def _build(site: Path) -> None:
    result = subprocess.run(
        [str(HUGO), "build", "--quiet", "--source", str(site)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def _term_pages(site: Path, taxonomy: str) -> dict[str, tuple[str, str]]:
    """Raw term → (folder, rendered page text), read from public/."""
    found: dict[str, tuple[str, str]] = {}
    for page in (site / "public" / taxonomy).rglob("index.html"):
        text = html.unescape(page.read_text(encoding="utf-8"))
        if text.startswith("RAW="):
            raw = base64.b64decode(text.split("\n", 1)[0][4:]).decode("utf-8")
            found[raw] = (page.parent.relative_to(site / "public" / taxonomy).as_posix(), text)
    return found


def _sweep_terms() -> list[str]:
    ranges = [
        (0x20, 0x7F), (0xA0, 0x250), (0x300, 0x370), (0x370, 0x400), (0x2000, 0x2070), (0x2100, 0x2200),
        (0x2460, 0x24FF), (0x3000, 0x3040), (0xFE30, 0xFE70), (0xFF00, 0xFFEF), (0x1F300, 0x1F310),
        (0x4E00, 0x4E08), (0x0E00, 0x0E40), (0x0900, 0x0910),
    ]  # fmt: skip
    chars = sorted(
        {chr(c) for lo, hi in ranges for c in range(lo, hi)} | set("\t\u200b\u200d\ufeff\xad\u2028\u3000\xa0")
    )
    chars = [c for c in chars if unicodedata.category(c) not in ("Cs", "Cn") and c not in "\n\r"]
    return [f"t{i}x{c}y" for i, c in enumerate(chars)] + [f"e{i}q{t}q" for i, t in enumerate(TRICKY)]


@pytest.mark.hugo
def test_hugo_term_path_matches_hugo_for_every_character(tmp_path: Path) -> None:
    """Each character (and each tricky term) inside a term: Hugo's folder equals ``hugo_term_path``."""
    terms = _sweep_terms()
    posts = {
        f"p{k}": {"title": f"p{k}", "date": "2025-01-01T00:00:00+08:00", "tags": terms[k : k + 200]}
        for k in range(0, len(terms), 200)
    }
    site = _make_site(tmp_path, posts)
    _build(site)
    pages = _term_pages(site, "tags")
    mismatches = {t: (pages[t][0], hugo_term_path(t)) for t in terms if t in pages and pages[t][0] != hugo_term_path(t)}
    assert not mismatches
    assert len(pages) == len(terms)
    keys = {
        t: base64.b64decode(text.split("KEY=", 1)[1].split("\n", 1)[0]).decode("utf-8").removeprefix("/tags/")
        for t, (_, text) in pages.items()
    }
    wrong_keys = {t: (keys[t], hugo_term_key(t)) for t in terms if "/" not in t and keys[t] != hugo_term_key(t)}
    assert not wrong_keys
    urls = {t: base64.b64decode(text.split("URL=", 1)[1].split("\n", 1)[0]).decode() for t, (_, text) in pages.items()}
    wrong_urls = {
        t: (urls[t], term_url("tags", hugo_term_path(t)))
        for t in terms
        if "/" not in t and urls[t] != term_url("tags", hugo_term_path(t))
    }
    assert not wrong_urls


@pytest.mark.hugo
def test_every_generated_index_lands_on_the_term_page(tmp_path: Path) -> None:
    """Plan pages for tricky normalized terms, build, and check Hugo used each ``_index.md`` on the listing page."""
    cfg = default_taxonomy_config().tags
    tags = normalize_terms(TRICKY, cfg)
    assert "AI-ML" in tags and "C++" in tags and "开源,闭源" in tags  # NFKC made the comma half-width
    half = len(tags) // 2
    entries = [
        TermEntry("one", "第一篇", datetime(2025, 2, 14, tzinfo=BJ), (*tags[:half], "DeepSeek"), ("腾讯新闻",)),
        TermEntry("two", "第二篇", datetime(2025, 2, 13, tzinfo=BJ), (*tags[half:], "DeepSeek"), ("C++ 语言",)),
    ]
    posts = {
        e.source: {
            "title": e.title,
            "date": e.date.isoformat() if e.date else "",
            "tags": list(e.tags),
            "categories": list(e.categories),
            "keywords": ["DeepSeek"],
        }
        for e in entries
    }
    site = _make_site(tmp_path, posts)
    # A generated page for a term nobody uses any more, and a hand-written one that must survive.
    stale = site / "content" / "tags" / "stale" / "_index.md"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(render_term_index(collect_terms([TermEntry("x", "X", None, ("stale",))])[0]))
    hand = site / "content" / "tags" / "deepseek" / "_index.md"
    hand.parent.mkdir(parents=True)
    hand.write_text("---\ntitle: 深度求索 DeepSeek\n---\n", encoding="utf-8")

    plan = plan_term_pages(entries, site / "content")
    assert plan.remove == (stale,)
    assert plan.kept == (hand,)
    for path in plan.remove:
        path.unlink()
    for path, data in plan.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    _build(site)

    for taxonomy in ("tags", "categories"):
        pages = _term_pages(site, taxonomy)
        used = {text.split("FILE=", 1)[1].split("\n", 1)[0] for _, text in pages.values()}
        generated = [p for p in plan.files if p.name == "_index.md" and p.parent.parent.name == taxonomy]
        for index in generated:
            rel = index.relative_to(site / "content").as_posix()
            assert rel in used, f"Hugo ignored {rel}"
        for info in (t for t in plan.terms if t.taxonomy == taxonomy):
            raw = next(r for r in pages if hugo_term_path(r) == info.path)
            folder, text = pages[raw]
            assert folder == info.path
            assert f"COUNT={info.count}" in text or info.path == "deepseek"
            assert text.count("PAGE=") == info.count
    assert "TITLE=深度求索 DeepSeek" in _term_pages(site, "tags")["DeepSeek"][1]
    assert not (site / "public" / "tags" / "stale").exists()
    assert "TAXONOMY=标签" in (site / "public" / "tags" / "index.html").read_text(encoding="utf-8")
    # Related content: the two posts share a keyword and a tag, so each lists the other.
    one = (site / "public" / "posts" / "one" / "index.html").read_text(encoding="utf-8")
    assert "RELATED=第二篇" in one
