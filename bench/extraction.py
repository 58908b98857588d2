"""Evaluate the page-text and HTML readers on a labelled corpus: ``python bench/extraction.py CORPUS [-v]``.

CORPUS holds ``text/<stem>.txt``, ``html/<stem>.html`` and ``truth.json`` (see the corpus README). Fields are
compared after Unicode NFKC and whitespace removal. Scoring rules, stated so the figures can be read:

- title: exact; date: same minute (a date-only truth needs the same day; a null truth needs no date);
- author / publisher: same names whatever the separators (``、``, ``&``, spaces); null truth needs empty;
- body first: the body starts with ``body_first`` after at most 40 characters (a byline or lead line);
- body last: the body ends with ``body_last`` followed by at most 40 characters (a credit line);
- includes: every ``must_include`` phrase is in the body; excludes: no ``must_exclude`` phrase is;
- body clean: first, last, includes and excludes all OK.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.decode import decode
from generator.errors import ReadError
from generator.model import Article
from generator.readers.html import read_html
from generator.readers.page_text import read_page_text
from generator.report import Report

TZ = ZoneInfo("Asia/Shanghai")
FIELDS = ("title", "date", "author", "publisher", "body_first", "body_last", "includes", "excludes", "body_clean")
#: Characters of slack allowed before ``body_first`` and after ``body_last``.
SLACK = 40


def norm(text: str | None) -> str:
    """NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def names(text: str | None) -> str:
    """A name list without separators, for order-preserving comparison."""
    return re.sub(r"[、,，&/]", "", norm(text))


def _plain(markdown: str) -> str:
    """The body without markdown image/link syntax and heading marks, so phrases match the page text."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    return text.replace("\\", "").replace("**", "").replace("`", "")


def score(article: Article | None, truth: dict[str, Any]) -> dict[str, tuple[bool, str, str]]:
    """Per field: (ok, expected, got)."""
    result: dict[str, tuple[bool, str, str]] = {}
    if article is None:
        return dict.fromkeys(FIELDS, (False, "", "<no article>"))
    result["title"] = (norm(article.title) == norm(truth["title"]), truth["title"], article.title)
    got_date = article.date.astimezone(TZ).strftime("%Y-%m-%d %H:%M") if article.date else ""
    want = truth.get("date") or ""
    ok_date = got_date == want if len(want) > 10 or not want else got_date[:10] == want
    result["date"] = (ok_date, want, got_date)
    for name in ("author", "publisher"):
        result[name] = (
            names(getattr(article, name)) == names(truth.get(name)),
            truth.get(name) or "",
            getattr(article, name),
        )
    body = norm(_plain(article.body))
    first = norm(truth["body_first"])
    position = body.find(first)
    result["body_first"] = (0 <= position <= SLACK, truth["body_first"], _plain(article.body)[:60])
    last = norm(truth["body_last"])
    position = body.rfind(last)
    result["body_last"] = (
        position >= 0 and len(body) - position - len(last) <= SLACK,
        truth["body_last"],
        _plain(article.body).rstrip()[-60:],
    )
    missing = [p for p in truth["must_include"] if norm(p) not in body]
    result["includes"] = (not missing, " / ".join(truth["must_include"]), "missing: " + " / ".join(missing))
    present = [p for p in truth["must_exclude"] if norm(p) in body]
    result["excludes"] = (
        not present,
        "none of: " + " / ".join(truth["must_exclude"]),
        "present: " + " / ".join(present),
    )
    clean = all(result[n][0] for n in ("body_first", "body_last", "includes", "excludes"))
    result["body_clean"] = (clean, "", "")
    return result


Reader = Callable[[str, str, ZoneInfo, Report], Article]


def from_headline(text: str, truth: dict[str, Any]) -> str | None:
    """The page text as an editor copies it who selects from the headline down: the lines above the headline
    dropped (the topmost line showing it within 12 lines above the body's first sentence, an ``原标题`` line
    aside; else the nearest above); ``None`` when no line shows the headline."""
    title, first = norm(truth["title"]), norm(truth["body_first"])[:20]
    lines = text.split("\n")
    body = next((i for i, line in enumerate(lines) if first and first in norm(line)), -1)
    heads = [
        i
        for i, line in enumerate(lines[: body + 1])
        if title and title in norm(line) and len(norm(line)) <= len(title) + 12 and "原标题" not in line
    ]
    near = [i for i in heads if i >= body - 12]
    return "\n".join(lines[(near or heads)[0 if near else -1] :]) if heads else None


def evaluate(
    corpus: Path, kind: str, reader: Reader, suffix: str, cut: bool = False
) -> tuple[dict[str, float], list[tuple[str, str, str, str]]]:
    """Accuracy per field for one input kind, and the failures (``cut``: copied from the headline down)."""
    truth: dict[str, dict[str, Any]] = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    counts = dict.fromkeys(FIELDS, 0)
    failures: list[tuple[str, str, str, str]] = []
    for stem, expected in sorted(truth.items()):
        path = corpus / kind / f"{stem}{suffix}"
        if not path.exists():
            continue
        article: Article | None
        try:
            text = decode(path.read_bytes())
            if cut and (headed := from_headline(text, expected)) is not None:
                text = headed
            elif cut:
                failures.append((stem, "read", "", "the headline is on no line of the page text: not cut"))
            article = reader(path.name, text, TZ, Report())
        except ReadError as error:
            article = None
            failures.append((stem, "read", "", error.message))
        for name, (ok, want, got) in score(article, expected).items():
            counts[name] += ok
            if not ok and article is not None:
                failures.append((stem, name, want, got))
    total = len(truth)
    return {name: round(counts[name] / total, 3) for name in FIELDS}, failures


def _with_body(body_of: Callable[[str], str]) -> Reader:
    """The HTML reader's metadata with another extractor's body: isolates the body extractor in the comparison."""

    def reader(source: str, text: str, tz: ZoneInfo, report: Report) -> Article:
        import dataclasses

        return dataclasses.replace(read_html(source, text, tz, report), body=body_of(text))

    return reader


def _trafilatura_only(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, output_format="markdown", include_comments=False, favor_recall=True) or ""


def _readability_only(html: str) -> str:
    import lxml.html
    from trafilatura.readability_lxml import Document

    summary = Document(lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))).summary()
    root = lxml.html.fromstring(summary) if summary.strip() else None
    return "\n\n".join(p.text_content() for p in root.iter("p", "div") if p.text) if root is not None else ""


def _justext_only(html: str) -> str:
    import justext  # only the bench uses it (shipped with trafilatura)

    # jusText ships no Chinese stoplist; its length/link-density rules alone decide here.
    paragraphs = justext.justext(html.encode("utf-8"), frozenset(), stopwords_low=0, stopwords_high=0)
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def main(argv: list[str] | None = None) -> int:
    """Print the per-field accuracy table and a JSON summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failure")
    parser.add_argument(
        "--compare", action="store_true", help="also score body extractors alone (trafilatura, readability, jusText)"
    )
    parser.add_argument(
        "--from-headline",
        action="store_true",
        help="also read the page text as copied from the headline down (column text↓; a date shown above the "
        "headline is then not in the text)",
    )
    args = parser.parse_args(argv)
    results: dict[str, dict[str, float]] = {}
    runs: list[tuple[str, str, Reader, str]] = [
        ("text", "text", read_page_text, ".txt"),
        ("html", "html", read_html, ".html"),
    ]
    if args.from_headline:
        runs.append(("text↓", "text", read_page_text, ".txt"))
    if args.compare:
        runs += [
            ("trafil.", "html", _with_body(_trafilatura_only), ".html"),
            ("readab.", "html", _with_body(_readability_only), ".html"),
            ("jusText", "html", _with_body(_justext_only), ".html"),
        ]
    for label, kind, reader, suffix in runs:
        figures, failures = evaluate(args.corpus, kind, reader, suffix, cut=label == "text↓")
        results[label] = figures
        if args.verbose:
            for stem, name, want, got in failures:
                print(f"  {label:5} {stem:18} {name:10} expected={want[:70]!r} got={got[:70]!r}")
    print(f"{'field':12}" + "".join(f"{kind:>8}" for kind in results))
    for name in FIELDS:
        print(f"{name:12}" + "".join(f"{results[kind][name]:>8.1%}" for kind in results))
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
