"""Robustness probes of the readers on labelled folders: ``python bench/probes.py FOLDER [FOLDER ...]``.

Each probe changes the labelled pages the way an editor's copy or a saving tool can, and counts what the readers
do with the changed pages (the labels say what is right):

- encodings: page text saved as GB18030 (UTF-16 with a BOM when the text has traditional characters), HTML
  re-encoded to GB18030 with its ``<meta charset>`` changed: fields that read differently from the original;
- no dateline: the lines above the story's end that show the labelled date removed: pages that still get a date
  (the page shows it nowhere else near the story, so any date read is taken from the wrong place, or from a second
  display of the same date), and pages whose headline is then missed (with no dateline to anchor the header);
- no headline: every line showing the headline removed: pages reported (``no headline``) and pages published
  under another line (a menu item, a site name);
- pasted pairs: two pages' texts in one file: pairs reported as several stories; single pages reported so;
- inserted line: one line of furniture (ad marker, caption, app prompt, one related link, button, loading notice)
  between two paragraphs mid-story: page-insert pairs whose body it spoils;
- brief: the story cut to its first two paragraphs, the page around it kept: briefs whose headline or body is
  missed;
- bare HTML: ``class`` and ``id`` attributes stripped (some saving tools do): HTML body-clean pages lost;
- selection: only the story copied, from its headline to its last paragraph (no page around it): pages read right
  whole whose headline, body, or a date or byline the selection shows, is then missed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import TZ, evaluate, score

from generator.decode import decode
from generator.errors import ReadError
from generator.readers.html import read_html
from generator.readers.page_text import read_page_text
from generator.report import Report

_TRADITIONAL = re.compile(r"[們這來說時於與個為會學國實]")
_META_CHARSET = re.compile(r'(<meta[^>]*charset\s*=\s*["\']?)utf-?8', re.IGNORECASE)
_ATTRIBUTE = re.compile(r'\s(?:class|id)\s*=\s*(?:"[^"]*"|\'[^\']*\'|[^\s>]+)', re.IGNORECASE)


def norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _truth(folder: Path) -> dict[str, dict[str, Any]]:
    return dict(json.loads((folder / "truth.json").read_text(encoding="utf-8")))


def _texts(folder: Path) -> dict[str, str]:
    return {p.stem: decode(p.read_bytes()) for p in sorted((folder / "text").glob("*.txt"))}


def _pages(folder: Path) -> list[tuple[str, dict[str, Any], str]]:
    """(stem, label, page text) of every labelled page that has a text file."""
    truth, texts = _truth(folder), _texts(folder)
    return [(stem, label, texts[stem]) for stem, label in truth.items() if stem in texts]


def _copy(folder: Path, out: Path, truth: dict[str, dict[str, Any]]) -> Path:
    """An empty labelled folder (text/, html/, truth.json) under ``out``."""
    target = out / folder.name
    (target / "text").mkdir(parents=True)
    (target / "html").mkdir()
    (target / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return target


def _utf8(page: Path) -> str | None:
    """The page's text when it is stored as UTF-8 (the probes rewrite only those), else None."""
    try:
        return page.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None


def _body_span(lines: list[str], label: dict[str, Any]) -> tuple[int | None, int | None]:
    """Indexes of the lines holding the labelled body's first and last sentences (None where not found)."""
    first, last = norm(label["body_first"])[:20], norm(label["body_last"])[-20:]
    start = next((i for i, line in enumerate(lines) if first and first in norm(line)), None)
    end = next((i for i, line in enumerate(lines) if last and last in norm(line)), None)
    return start, end


def _date_forms(date: str) -> list[str]:
    year, month, day = date[:10].split("-")
    m, d = int(month), int(day)
    return [
        f"{year}-{month}-{day}",
        f"{year}-{m}-{d}",
        f"{year}年{month}月{day}日",
        f"{year}年{m}月{d}日",
        f"{year}/{month}/{day}",
        f"{year}/{m}/{d}",
        f"{year}.{month}.{day}",
        f"{month}/{day}/{year}",
        f"{month}-{day}-{year}",
    ]


def probe_encodings(folder: Path, out: Path) -> dict[str, int]:
    """Fields of text and HTML that read differently once the files are saved in another encoding."""
    truth = _truth(folder)
    target = _copy(folder, out, truth)
    for stem, text in _texts(folder).items():
        data = b"\xff\xfe" + text.encode("utf-16-le") if _TRADITIONAL.search(text) else text.encode("gb18030")
        (target / "text" / f"{stem}.txt").write_bytes(data)
    for page in sorted((folder / "html").glob("*.html")):
        html = _utf8(page)
        if html is not None and _META_CHARSET.search(html):
            html = _META_CHARSET.sub(r"\1gb18030", html, count=1)
            (target / "html" / page.name).write_bytes(html.encode("gb18030", "xmlcharrefreplace"))
        else:
            shutil.copy(page, target / "html" / page.name)  # a legacy-encoded page stays as it is
    changed = 0
    for kind, reader, suffix in (("text", read_page_text, ".txt"), ("html", read_html, ".html")):
        before = evaluate(folder, kind, reader, suffix)[1]
        after = evaluate(target, kind, reader, suffix)[1]
        changed += len(set(after) ^ set(before))
    return {"pages": len(truth), "changed_fields": changed}


def probe_no_dateline(folder: Path, out: Path) -> dict[str, int]:
    """Pages whose dateline was removed that still get a date."""
    dated = still = missed = 0
    for stem, label, page in _pages(folder):
        if not label.get("date"):
            continue
        lines = page.split("\n")
        start, end = _body_span(lines, label)
        if start is None:
            continue
        end = len(lines) - 1 if end is None else end
        forms = _date_forms(label["date"])
        drop = {
            i
            for i, line in enumerate(lines[: end + 1])
            if len(norm(line)) <= 80 and any(f in norm(line) for f in forms)
        }
        if not drop:
            continue
        dated += 1
        text = "\n".join(line for i, line in enumerate(lines) if i not in drop)
        try:
            article = read_page_text(f"{stem}.txt", text, TZ, Report())
        except ReadError:
            missed += 1
            continue
        still += article.date is not None
        missed += norm(article.title) != norm(label["title"])
    return {"pages": dated, "dated_anyway": still, "headline_missed": missed}


def probe_no_headline(folder: Path, out: Path) -> dict[str, int]:
    """Pages whose headline lines were removed: reported, or published under another line."""
    reported = other = 0
    for stem, label, page in _pages(folder):
        title = norm(label["title"])
        kept = [line for line in page.split("\n") if not (title in norm(line) and len(norm(line)) <= len(title) + 12)]
        try:
            read_page_text(f"{stem}.txt", "\n".join(kept), TZ, Report())
            other += 1
        except ReadError as error:
            reported += "headline" in error.message
    return {"pages": reported + other, "reported": reported, "other_title": other}


def _several(text: str) -> bool:
    report = Report()
    try:
        read_page_text("pasted.txt", text, TZ, report)
    except ReadError:
        return False
    return any("stories" in problem.message for problem in report.warnings)


def probe_pasted_pairs(folder: Path, out: Path) -> dict[str, int]:
    """Consecutive pages' texts pasted into one file: reported as several stories; single pages reported so."""
    texts = list(_texts(folder).values())
    pairs = list(zip(texts[::2], texts[1::2], strict=False))
    return {
        "pairs": len(pairs),
        "pairs_flagged": sum(_several(a + "\n" + b) for a, b in pairs),
        "singles": len(texts),
        "singles_flagged": sum(_several(t) for t in texts),
    }


def probe_bare_html(folder: Path, out: Path) -> dict[str, int]:
    """HTML body-clean pages lost when ``class`` and ``id`` attributes are stripped."""
    truth = _truth(folder)
    target = _copy(folder, out, truth)
    for page in sorted((folder / "html").glob("*.html")):
        html = _utf8(page)
        if html is None:
            shutil.copy(page, target / "html" / page.name)
        else:
            (target / "html" / page.name).write_text(_ATTRIBUTE.sub("", html), encoding="utf-8")
    before = evaluate(folder, "html", read_html, ".html")[0]["body_clean"]
    after = evaluate(target, "html", read_html, ".html")[0]["body_clean"]
    return {"pages": len(truth), "body_clean_lost": round((before - after) * len(truth))}


_INSERTS = (
    "广告",
    "▲图为活动现场。（记者 张三 摄）",
    "扫码下载某某新闻客户端，阅读更多精彩内容",
    "相关阅读：某地发生一起交通事故 三人受伤",
    "点击查看大图",
    "视频加载中...",
)


def probe_inserted(folder: Path, out: Path) -> dict[str, int]:
    """One line of furniture (an ad marker, a caption, an app prompt, one related link, a button, a loading
    notice) set between two paragraphs in the middle of the story: pages whose body it spoils (body clean lost,
    or the line kept as a paragraph)."""
    pages = spoiled = 0
    for stem, label, page in _pages(folder):
        lines = page.split("\n")
        start, end = _body_span(lines, label)
        if start is None or end is None:
            continue
        gaps = [i for i in range(start + 1, end) if len(norm(lines[i])) > 40 and not norm(lines[i - 1])]
        if not gaps:
            continue
        at = gaps[len(gaps) // 2]
        try:
            before = read_page_text(f"{stem}.txt", page, TZ, Report())
        except ReadError:
            continue
        clean = score(before, label)["body_clean"][0]
        for line in _INSERTS:
            pages += 1
            text = "\n".join([*lines[:at], line, "", *lines[at:]])
            try:
                article = read_page_text(f"{stem}.txt", text, TZ, Report())
            except ReadError:
                spoiled += 1
                continue
            kept = norm(line) in {norm(p) for p in article.body.split("\n\n")}
            spoiled += kept or (clean and not score(article, label)["body_clean"][0])
    return {"pages": pages, "spoiled": spoiled}


def probe_brief(folder: Path, out: Path) -> dict[str, int]:
    """The story cut to its first two paragraphs (a brief, as many news flashes are), the page around it kept:
    briefs whose headline or body is then missed although the whole story's were read right."""
    pages = missed = 0
    for stem, label, page in _pages(folder):
        lines = page.split("\n")
        start, end = _body_span(lines, label)
        if start is None or end is None:
            continue
        prose = [i for i in range(start, end + 1) if len(norm(lines[i])) >= 30]
        if len(prose) < 3:
            continue
        try:
            whole = read_page_text(f"{stem}.txt", page, TZ, Report())
        except ReadError:
            continue
        if not (score(whole, label)["title"][0] and score(whole, label)["body_first"][0]):
            continue  # missed on the whole page already: not this probe's to count
        pages += 1
        brief = "\n".join([*lines[: prose[1] + 1], *lines[end + 1 :]])
        expected = dict(label, body_last=lines[prose[1]].strip())
        try:
            article = read_page_text(f"{stem}.txt", brief, TZ, Report())
        except ReadError:
            missed += 1
            continue
        result = score(article, expected)
        missed += not (result["title"][0] and result["body_first"][0] and result["body_last"][0])
    return {"pages": pages, "missed": missed}


_SELECTION_FIELDS = ("title", "date", "author", "body_first", "body_last", "includes", "excludes")


def _shows(selection: str, label: dict[str, Any], field: str) -> bool:
    """Whether the selected text shows the labelled date or every labelled author (else missing it is no miss)."""
    if field == "date" and label["date"]:
        return any(form in selection for form in _date_forms(label["date"]))
    if field == "author":
        return all(norm(name) in selection for name in re.split(r"[\s,、，]+", label["author"] or "") if name)
    return True


def probe_selection(folder: Path, out: Path) -> dict[str, int]:
    """Only the story copied (headline to last paragraph): pages read right whole that lose a field it shows."""
    pages = missed = 0
    for stem, label, page in _pages(folder):
        lines = page.split("\n")
        start, end = _body_span(lines, label)
        heads = [i for i in range(start or 0) if norm(lines[i]) == norm(label["title"])]
        if start is None or end is None or not heads:
            continue
        try:
            whole = score(read_page_text(f"{stem}.txt", page, TZ, Report()), label)
        except ReadError:
            continue
        if not all(whole[field][0] for field in ("title", "body_first", "body_last")):
            continue  # missed on the whole page already: not this probe's to count
        pages += 1
        selection = "\n".join(lines[heads[-1] : end + 1])
        try:
            result = score(read_page_text(f"{stem}.txt", selection, TZ, Report()), label)
        except ReadError:
            missed += 1
            continue
        missed += any(
            whole[field][0] and not result[field][0] and _shows(norm(selection), label, field)
            for field in _SELECTION_FIELDS
        )
    return {"pages": pages, "missed": missed}


PROBES = {
    "encodings": probe_encodings,
    "no dateline": probe_no_dateline,
    "no headline": probe_no_headline,
    "pasted pairs": probe_pasted_pairs,
    "inserted line": probe_inserted,
    "brief": probe_brief,
    "bare html": probe_bare_html,
    "selection": probe_selection,
}


def run(folders: list[Path]) -> dict[str, dict[str, int]]:
    """Every probe over every folder, the counts summed."""
    totals: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory(prefix="probes-") as tmp:
        for index, folder in enumerate(folders):
            for name, probe in PROBES.items():
                out = Path(tmp) / f"{index}-{name.replace(' ', '-')}"
                out.mkdir()
                for key, value in probe(folder, out).items():
                    totals.setdefault(name, {}).setdefault(key, 0)
                    totals[name][key] += value
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+")
    args = parser.parse_args(argv)
    totals = run(args.folders)
    for name, counts in totals.items():
        print(f"{name:14}" + "  ".join(f"{key} {value}" for key, value in counts.items()))
    print(json.dumps(totals, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
