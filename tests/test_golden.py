"""Golden files: each sample input beside the ``index.md`` it must become (offline build of all five).

Regenerate after an intended change with ``NEWSROOM_REGEN_GOLDEN=1 pytest tests/test_golden.py`` and
review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.config import load_config
from generator.pipeline import Options, ingest
from generator.report import Report
from generator.state import generated_pages

GOLDEN = Path(__file__).parent / "golden"
INPUTS = sorted(GOLDEN.glob("*.txt"))
REGENERATE = os.environ.get("NEWSROOM_REGEN_GOLDEN") == "1"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    site = tmp_path_factory.mktemp("golden") / "site"
    (site / "inbox").mkdir(parents=True)
    shutil.copy(Path(__file__).parent.parent / "site" / "config.toml", site / "config.toml")
    for source in INPUTS:
        shutil.copy(source, site / "inbox" / source.name)
    config = load_config(site)
    ingest(config, Report(), Options(offline=True))
    return {p.source: (p.bundle / "index.md").read_text(encoding="utf-8") for p in generated_pages(config.section_dir)}


def test_every_input_has_a_golden_file() -> None:
    assert len(INPUTS) == 5
    if not REGENERATE:
        assert all(p.with_suffix(".expected.md").exists() for p in INPUTS)


@pytest.mark.parametrize("source", INPUTS, ids=lambda p: p.stem)
def test_sample_matches_its_golden_page(source: Path, pages: dict[str, str]) -> None:
    expected = source.with_suffix(".expected.md")
    actual = pages[source.name]
    if REGENERATE:
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")
