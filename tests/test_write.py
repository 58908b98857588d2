from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.write import apply_plan, atomic_write, remove_bundle, sync_bundle


@dataclass(frozen=True)
class Asset:
    name: str
    path: Path


def test_atomic_write_skips_identical_bytes_and_keeps_mtime(tmp_path: Path) -> None:
    target = tmp_path / "a" / "index.md"
    assert atomic_write(target, b"one") is True
    before = target.stat().st_mtime_ns
    assert atomic_write(target, b"one") is False
    assert target.stat().st_mtime_ns == before
    assert atomic_write(target, b"two") is True and target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["index.md"]  # no temp files left


def test_sync_bundle_places_assets_and_drops_stale_ones(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "a").write_bytes(b"AAAA")
    (store / "b").write_bytes(b"BB")
    bundle = tmp_path / "posts" / "x"
    assert sync_bundle(bundle, b"page", [Asset("img-0123456789ab.jpg", store / "a")]) == "added"
    (bundle / "notes.txt").write_text("editor's file")
    assert sync_bundle(bundle, b"page", [Asset("img-0123456789ab.jpg", store / "a")]) == "unchanged"
    assert sync_bundle(bundle, b"page", [Asset("img-ba9876543210.png", store / "b")]) == "updated"
    assert sorted(p.name for p in bundle.iterdir()) == ["img-ba9876543210.png", "index.md", "notes.txt"]
    remove_bundle(bundle)
    assert sorted(p.name for p in bundle.iterdir()) == ["notes.txt"]  # never delete what we did not write


def test_apply_plan_writes_and_removes(tmp_path: Path) -> None:
    keep = tmp_path / "tags" / "a" / "_index.md"
    gone = tmp_path / "tags" / "b" / "_index.md"
    gone.parent.mkdir(parents=True)
    gone.write_text("old")
    assert apply_plan({keep: b"new"}, [gone]) == 2
    assert keep.read_bytes() == b"new" and not gone.parent.exists()
    assert apply_plan({keep: b"new"}, [gone]) == 0


def test_batched_writes_rename_after_the_group_fsync(tmp_path: Path) -> None:
    from generator.write import batched_writes

    (tmp_path / "a.md").write_text("old", encoding="utf-8")
    with batched_writes():
        assert atomic_write(tmp_path / "a.md", b"new")
        assert atomic_write(tmp_path / "sub" / "b.md", b"bee")
        assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old"  # not renamed before the commit
        assert not (tmp_path / "sub" / "b.md").exists()
    assert (tmp_path / "a.md").read_bytes() == b"new" and (tmp_path / "sub" / "b.md").read_bytes() == b"bee"
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_failed_batch_renames_nothing_and_leaves_no_temp_files(tmp_path: Path) -> None:
    from generator.write import batched_writes

    (tmp_path / "a.md").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), batched_writes():
        atomic_write(tmp_path / "a.md", b"new")
        raise RuntimeError("the run failed")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old"
    assert not list(tmp_path.rglob("*.tmp"))


def test_batched_writes_commit_in_bounded_groups(tmp_path: Path) -> None:
    from generator import write

    with write.batched_writes():
        for i in range(write.BATCH_FILES + 3):
            write.atomic_write(tmp_path / f"{i}.md", b"x")
        assert len(list(tmp_path.glob("*.md"))) == write.BATCH_FILES  # the first group is already in place
        assert len(list(tmp_path.glob(".*.tmp"))) == 3
    assert len(list(tmp_path.glob("*.md"))) == write.BATCH_FILES + 3


def test_atomic_write_chunks_streams_and_skips_identical_bytes(tmp_path: Path) -> None:
    from generator.write import atomic_write_chunks

    target = tmp_path / "state.json"
    assert atomic_write_chunks(target, iter([b"{", b'"a": 1', b"}"]))
    assert target.read_bytes() == b'{"a": 1}'
    mtime = target.stat().st_mtime_ns
    assert not atomic_write_chunks(target, iter([b'{"a"', b": 1}"]))  # same bytes, other pieces
    assert target.stat().st_mtime_ns == mtime
    assert atomic_write_chunks(target, iter([b'{"a": 2}']))  # same size, other bytes
    assert target.read_bytes() == b'{"a": 2}'

    def failing() -> Iterator[bytes]:
        yield b"half"
        raise RuntimeError("the encoder failed")

    with pytest.raises(RuntimeError):
        atomic_write_chunks(target, failing())
    assert target.read_bytes() == b'{"a": 2}' and not list(tmp_path.glob(".*.tmp"))
