"""The index's derived tables: a run that looks only at what changed gives the same site as one that looks
at everything.

Two copies of a site go through the same history (a batch, single new files, an edit, removals, a copy of a
story). One uses the ``uses``/``labels`` tables as usual; in the other they are never valid, so its
``tags`` and ``terms`` stages do every article and every term page each run (the way every run worked before
the tables existed). After every step both sites must hold exactly the same files, and at the end the same as
a cold run over the final inbox.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from generator import state as state_module
from generator.config import load_config
from generator.pipeline import Options, Summary, ingest
from generator.report import Report
from generator.state import STATE_FILE

from .conftest import ROOT, copy_site

sys.path.insert(0, str(ROOT / "bench"))
import corpus

OFFLINE = Options(offline=True)
KINDS = ("front-matter", "page-text", "markdown", "html")


def run(site: Path) -> Summary:
    report = Report()
    summary = ingest(load_config(site), report, OFFLINE)
    assert report.errors == [], [str(p) for p in report.errors]
    return summary


def published(site: Path) -> dict[str, bytes]:
    """Every generated file of the site: pages, term pages, the term data."""
    out: dict[str, bytes] = {}
    for folder in ("content/posts", "content/tags", "content/categories"):
        for path in sorted((site / folder).rglob("*")):
            if path.is_file():
                out[path.relative_to(site).as_posix()] = path.read_bytes()
    out["data/taxonomies.json"] = (site / "data" / "taxonomies.json").read_bytes()
    return out


def add(site: Path, index: int) -> str:
    name, text = corpus.article(index, KINDS[index % len(KINDS)], 7, "http://127.0.0.1:9/img")
    (site / "inbox" / name).write_text(text, encoding="utf-8")
    return name


@pytest.fixture
def twins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    live = copy_site(tmp_path / "live")
    full = copy_site(tmp_path / "full")
    real = state_module.State.derived_valid

    def never_for_full(self: state_module.State, fingerprint: str) -> bool:
        connection = self.connection
        name = connection.execute("PRAGMA database_list").fetchone()[2] if connection is not None else ""
        return False if str(full) in str(name) else real(self, fingerprint)

    monkeypatch.setattr(state_module.State, "derived_valid", never_for_full)
    return live, full


def test_looking_only_at_what_changed_gives_the_same_site(twins: tuple[Path, Path], tmp_path: Path) -> None:
    live, full = twins

    def step(change: object) -> list[Summary]:
        summaries = []
        for site in (live, full):
            if callable(change):
                change(site)
            summaries.append(run(site))
        assert published(live) == published(full)
        return summaries

    names = [corpus.article(i, KINDS[i % len(KINDS)], 7, "http://127.0.0.1:9/img")[0] for i in range(31)]
    step(lambda site: [add(site, i) for i in range(24)])
    for index in range(24, 30):  # one new file at a time: df of shared keywords crosses min_df
        live_summary, _ = step(lambda site, i=index: add(site, i))
        assert len(live_summary.added) == 1
    edited = names[3]

    def edit(site: Path) -> None:
        path = site / "inbox" / edited
        path.write_text(path.read_text(encoding="utf-8") + "\n补充报道：记者随后了解到更多细节。\n", encoding="utf-8")

    step(edit)
    step(lambda site: [(site / "inbox" / n).unlink() for n in names[5:8]])  # removals only
    step(lambda site: add(site, 30))  # a change after removals: their keywords are counted out

    def copy_story(site: Path) -> None:
        shutil.copy(site / "inbox" / names[10], site / "inbox" / "zz_copy_of_10.txt")

    live_summary, _ = step(copy_story)
    assert live_summary.duplicates == ["zz_copy_of_10.txt"]
    step(lambda site: (site / "inbox" / names[10]).unlink())  # the keeper leaves: its copy is published

    cold = copy_site(tmp_path / "cold")
    shutil.rmtree(cold / "inbox")
    shutil.copytree(live / "inbox", cold / "inbox")
    run(cold)
    live_pages, cold_pages = published(live), published(cold)
    assert live_pages.keys() == cold_pages.keys()
    differ = [k for k in live_pages if live_pages[k] != cold_pages[k]]
    assert differ == []

    db = sqlite3.connect(live / ".newsroom" / STATE_FILE)
    derived = dict(db.execute("SELECT k, v FROM info"))["derived"]
    db.close()
    assert derived  # the live site kept its tables valid all along
