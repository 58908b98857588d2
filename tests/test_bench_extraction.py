"""The reader benchmark's scoring and its copied-from-the-headline variant (bench/extraction.py)."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # bench/ is a folder of scripts, not a package

from extraction import from_headline, main, score  # noqa: E402

TRUTH: dict[str, Any] = {
    "title": "某市新建三座公园",
    "date": "2024-05-01 10:00",
    "author": "王小明",
    "publisher": None,
    "body_first": "市府今天宣布，三座新建公园将在国庆前向市民开放，公园内设有步道和球场。",
    "body_last": "市民对新公园普遍表示期待，希望市府做好后续维护。",
    "must_include": ["三座新建公园", "步道和球场", "后续维护"],
    "must_exclude": ["热门新闻", "版权所有", "其他新闻标题"],
}
PAGE = "\n".join(
    [
        "首页 > 新闻 > 正文",
        "某市新建三座公园",
        "2024-05-01 10:00 作者：王小明",
        "（原标题：某市新建三座公园）",
        "市府今天宣布，三座新建公园将在国庆前向市民开放，公园内设有步道和球场。",
        "市民对新公园普遍表示期待，希望市府做好后续维护。",
        "热门新闻",
        "其他新闻标题",
        "版权所有",
    ]
)


def test_from_headline_drops_what_is_above_the_headline_not_the_original_title_line() -> None:
    cut = from_headline(PAGE, TRUTH)
    assert cut is not None and cut.startswith("某市新建三座公园\n2024-05-01")
    assert from_headline(PAGE.replace("某市新建三座公园", "另一个标题"), TRUTH) is None


def test_the_benchmark_scores_a_labelled_folder_in_both_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "html").mkdir()
    (tmp_path / "text" / "park_1.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "truth.json").write_text(json.dumps({"park_1": TRUTH}, ensure_ascii=False), encoding="utf-8")
    assert main([str(tmp_path), "--from-headline"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["text"]["title"] == 1.0 and figures["text"]["body_clean"] == 1.0
    assert figures["text↓"]["title"] == 1.0 and figures["text↓"]["date"] == 1.0
    assert figures["html"]["title"] == 0.0  # no HTML copy of the page: not counted as read


def test_score_needs_every_include_and_no_exclude() -> None:
    from generator.model import Article

    body = TRUTH["body_first"] + "\n\n热门新闻\n\n" + TRUTH["body_last"]
    article = Article(source="p", kind="page-text", title="某市新建三座公园", body=body)
    result = score(article, TRUTH)
    assert result["title"][0] and result["body_first"][0]
    assert not result["excludes"][0] and not result["body_clean"][0]


def test_probes_count_what_the_readers_do_with_changed_pages(tmp_path: Path) -> None:
    from probes import run

    folder = tmp_path / "set"
    (folder / "text").mkdir(parents=True)
    (folder / "html").mkdir()
    (folder / "text" / "park_1.txt").write_text(PAGE, encoding="utf-8")
    (folder / "truth.json").write_text(json.dumps({"park_1": TRUTH}, ensure_ascii=False), encoding="utf-8")
    totals = run([folder])
    assert totals["encodings"] == {"pages": 1, "changed_fields": 0}
    assert totals["no dateline"] == {"pages": 1, "dated_anyway": 0, "headline_missed": 0}
    assert totals["no headline"] == {"pages": 1, "reported": 1, "other_title": 0}
    assert totals["pasted pairs"]["singles_flagged"] == 0
    assert totals["selection"] == {"pages": 1, "missed": 0}  # headline to last paragraph: still read right


def test_selection_probe_counts_a_field_the_selection_shows_but_the_reader_then_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import probes

    real = probes.read_page_text  # type: ignore[attr-defined]

    def forgets_the_date_without_a_page_around(source: str, text: str, tz: Any, report: Any) -> Any:
        article = real(source, text, tz, report)
        return article if text.startswith("首页") else dataclasses.replace(article, date=None)

    monkeypatch.setattr(probes, "read_page_text", forgets_the_date_without_a_page_around)
    folder = tmp_path / "set"
    (folder / "text").mkdir(parents=True)
    (folder / "text" / "park_1.txt").write_text(PAGE, encoding="utf-8")
    (folder / "truth.json").write_text(json.dumps({"park_1": TRUTH}, ensure_ascii=False), encoding="utf-8")
    assert probes.probe_selection(folder, tmp_path) == {"pages": 1, "missed": 1}


def test_inserted_line_probe_puts_furniture_between_paragraphs(tmp_path: Path) -> None:
    from probes import _INSERTS, probe_inserted

    middle = ["园林部门表示，公园建设坚持生态优先，保留了原有的大树和水系，并增加了多处休憩座椅，方便长者使用。"] * 2
    lines = [*PAGE.split("\n")[:4], TRUTH["body_first"], *middle, TRUTH["body_last"], *PAGE.split("\n")[6:]]
    folder = tmp_path / "set"
    (folder / "text").mkdir(parents=True)
    (folder / "text" / "park_1.txt").write_text("\n\n".join(lines), encoding="utf-8")
    (folder / "truth.json").write_text(json.dumps({"park_1": TRUTH}, ensure_ascii=False), encoding="utf-8")
    assert probe_inserted(folder, tmp_path) == {"pages": len(_INSERTS), "spoiled": 0}
    from probes import probe_brief

    assert probe_brief(folder, tmp_path) == {"pages": 1, "missed": 0}  # the first two paragraphs, read right
