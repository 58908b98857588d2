"""The benchmark corpus (bench/corpus.py): deterministic from its seed, in the requested proportions."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # bench/ is a folder of scripts, not a package

from corpus import DEFAULT_MIX, KINDS, TAGS, generate, kinds_for  # noqa: E402

from generator.readers import detect_kind  # noqa: E402


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "site" / "inbox").iterdir())}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a", 24, seed=3)
    generate(tmp_path / "b", 24, seed=3)
    generate(tmp_path / "c", 24, seed=4)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
    assert (tmp_path / "a" / "site" / "config.toml").read_bytes() == (
        tmp_path / "b" / "site" / "config.toml"
    ).read_bytes()


def test_proportions_are_exact_and_each_file_is_detected_as_its_kind(tmp_path: Path) -> None:
    n = 40
    paths = generate(tmp_path, n, seed=1)
    detected = Counter(detect_kind(p.read_text(encoding="utf-8")) for p in paths)
    expected = Counter(kinds_for(n, DEFAULT_MIX, 1))
    assert detected == expected
    assert expected == {kind: round(share * n) for kind, share in zip(KINDS, DEFAULT_MIX, strict=True)}


def test_custom_mix_and_tag_vocabulary() -> None:
    assert Counter(kinds_for(10, (0.5, 0.0, 0.5, 0.0), 1)) == {"front-matter": 5, "page-text": 5}
    assert len(TAGS) == len(set(TAGS)) == 500


def test_site_skeleton_points_at_the_theme(tmp_path: Path) -> None:
    generate(tmp_path, 2, seed=1)
    config = (tmp_path / "site" / "config.toml").read_text(encoding="utf-8")
    assert f'themesDir = "{(ROOT / "themes").resolve()}"' in config
