"""The ingest as a whole: idempotence, incremental paths, and never losing an editor's work."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.config import load_config
from generator.pipeline import ERRORS_FILE, Options, Summary, ingest
from generator.report import Report
from generator.state import STATE_FILE

OFFLINE = Options(offline=True)


def run(site: Path, options: Options = OFFLINE) -> tuple[Summary, Report]:
    report = Report()
    return ingest(load_config(site), report, options), report


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def bundles(site: Path) -> list[Path]:
    return sorted(p.parent for p in (site / "content" / "posts").glob("*/index.md"))


def test_samples_publish_and_a_second_run_writes_nothing(site: Path) -> None:
    inbox_before = snapshot(site / "inbox")
    summary, report = run(site)
    assert summary.failed == [] and report.errors == []
    assert len(summary.added) == 5 and len(bundles(site)) == 5
    content = snapshot(site / "content")
    state = snapshot(site / ".newsroom")
    summary2, _ = run(site)
    assert summary2.counts()["unchanged"] == 5 and summary2.added == summary2.updated == []
    assert snapshot(site / "content") == content  # same bytes, same mtimes
    assert snapshot(site / ".newsroom") == state
    assert snapshot(site / "inbox") == inbox_before  # the inbox is never modified


def test_a_new_file_adds_exactly_one_page(site: Path) -> None:
    run(site)
    before = snapshot(site / "content")
    (site / "inbox" / "new.md").write_text(
        "# 新文章标题\n\n2025-03-01 10:00\n\n这是正文的第一段，内容足够长。\n", encoding="utf-8"
    )
    summary, _ = run(site)
    assert summary.added == ["new.md"] and len(summary.unchanged) == 5
    after = snapshot(site / "content")
    assert set(after) - set(before) == {f"posts/{b.name}/index.md" for b in bundles(site)} - set(before)
    assert len(set(after) - set(before)) == 1
    # Other articles are untouched (term pages and counts may change: the new article has categories).
    assert all(after[k] == v for k, v in before.items() if k.startswith("posts/"))


def test_editing_a_source_updates_its_page_and_keeps_its_url(site: Path) -> None:
    run(site)
    source = site / "inbox" / "000_605ee777b25788bd.txt"
    slugs = {b.name for b in bundles(site)}
    text = source.read_text(encoding="utf-8").replace("百度变调", "百度转向")
    source.write_text(text, encoding="utf-8")
    summary, _ = run(site)
    assert summary.updated == ["000_605ee777b25788bd.txt"]
    assert {b.name for b in bundles(site)} == slugs  # the title changed, the URL did not
    assert any("百度转向" in (b / "index.md").read_text(encoding="utf-8") for b in bundles(site))


def test_removing_a_source_removes_its_page(site: Path) -> None:
    run(site)
    (site / "inbox" / "002_58871934bb24c490.txt").unlink()
    summary, _ = run(site)
    assert summary.removed == ["002_58871934bb24c490.txt"]
    assert len(bundles(site)) == 4


def test_hand_edited_page_is_kept_unless_forced(site: Path) -> None:
    run(site)
    [bundle] = [b for b in bundles(site) if "000_605ee777b25788bd.txt" in (b / "index.md").read_text("utf-8")]
    page = bundle / "index.md"
    edited = page.read_text(encoding="utf-8") + "\n编辑手工补充的一段。\n"
    page.write_text(edited, encoding="utf-8")
    source = site / "inbox" / "000_605ee777b25788bd.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("百度变调", "百度转向"), encoding="utf-8")
    summary, report = run(site)
    assert page.read_text(encoding="utf-8") == edited
    assert summary.kept == ["000_605ee777b25788bd.txt"]
    assert any("edited by hand" in p.message and p.hint for p in report.warnings)
    run(site, Options(offline=True, force=True))
    text = page.read_text(encoding="utf-8")
    assert "编辑手工补充" not in text and "百度转向" in text


def test_hand_written_pages_are_never_touched(site: Path) -> None:
    about = site / "content" / "about.md"
    original = about.read_bytes()
    bundle = site / "content" / "posts" / "hand-made"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("---\ntitle: 手写\n---\n\n手写页面。\n", encoding="utf-8")
    run(site)
    (site / "inbox" / "000_605ee777b25788bd.txt").unlink()
    run(site)
    assert about.read_bytes() == original
    assert (bundle / "index.md").read_text(encoding="utf-8") == "---\ntitle: 手写\n---\n\n手写页面。\n"


def test_bad_file_is_reported_kept_and_does_not_stop_the_others(site: Path) -> None:
    bad = site / "inbox" / "broken.md"
    bad.write_text('---\ntitle: "未闭合\ndate: tomorrow\n', encoding="utf-8")
    summary, report = run(site)
    assert summary.failed == ["broken.md"] and len(summary.added) == 5
    [error] = report.errors
    assert error.file == "broken.md" and error.hint
    assert bad.exists()
    listed = (site / "inbox" / ERRORS_FILE).read_text(encoding="utf-8")
    assert "broken.md" in listed
    bad.write_text("---\ntitle: 修好了\n---\n\n正文。\n", encoding="utf-8")
    summary, report = run(site)
    assert summary.added == ["broken.md"] and not (site / "inbox" / ERRORS_FILE).exists()


def test_a_failing_update_keeps_the_previous_page(site: Path) -> None:
    run(site)
    source = site / "inbox" / "000_605ee777b25788bd.txt"
    before = snapshot(site / "content")
    source.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    summary, _ = run(site)
    assert summary.failed == ["000_605ee777b25788bd.txt"]
    assert snapshot(site / "content") == before


def test_lost_state_is_rebuilt_from_the_pages(site: Path) -> None:
    run(site)
    before = snapshot(site / "content")
    (site / ".newsroom" / STATE_FILE).unlink()
    summary, _ = run(site)
    assert summary.counts()["unchanged"] == 5
    assert snapshot(site / "content") == before


def test_a_corrupt_index_is_rebuilt_from_the_pages(site: Path) -> None:
    run(site)
    before = snapshot(site / "content")
    (site / ".newsroom" / STATE_FILE).write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    summary, report = run(site)
    assert summary.counts()["unchanged"] == 5 and report.errors == []
    assert snapshot(site / "content") == before
    summary, _ = run(site)  # and the rebuilt index is a good one
    assert summary.counts()["unchanged"] == 5


def test_a_json_index_of_version_2_is_imported_once(site: Path) -> None:
    import json
    import sqlite3

    from generator.state import LEGACY_FILE, load_state

    run(site)
    config = load_config(site)
    state = load_state(config.state_dir, config.section_dir)
    entries = {
        e.source: {"source": e.source, "slug": e.slug, "digest": e.digest, "size": e.size, "mtime_ns": e.mtime_ns,
                   "meta": e.meta, "failed": e.failed}
        for e in state
    }  # fmt: skip
    doc = {"entries": entries, "fingerprint": state.fingerprint, "version": 2}
    state.close()
    (site / ".newsroom" / STATE_FILE).unlink()
    (site / ".newsroom" / LEGACY_FILE).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = snapshot(site / "content")
    summary, _ = run(site)
    assert summary.counts()["unchanged"] == 5  # nothing read again: the old index was taken over
    assert snapshot(site / "content") == before
    assert not (site / ".newsroom" / LEGACY_FILE).exists()
    db = sqlite3.connect(site / ".newsroom" / STATE_FILE)
    assert db.execute("SELECT COUNT(*) FROM entries").fetchone() == (5,)
    db.close()


def test_config_change_rerenders_every_page(site: Path) -> None:
    run(site)
    config = site / "config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('sidebar = "right"', 'sidebar = "left"'), "utf-8")
    summary, _ = run(site)
    # Every source is re-read; pages that rely on the default change, pages that set sidebar keep theirs.
    assert sorted(summary.updated) == [
        "001_98a3f47a70bc6afb.txt",
        "002_58871934bb24c490.txt",
        "004_4b1556189501f475.txt",
    ]
    assert sorted(summary.unchanged) == ["000_605ee777b25788bd.txt", "003_2f8dfb8055731b57.txt"]
    sides = sorted((b / "index.md").read_text(encoding="utf-8").count('sidebar: "left"') for b in bundles(site))
    assert sides == [0, 0, 1, 1, 1]


def test_check_writes_nothing(site: Path) -> None:
    before = snapshot(site)
    summary, _ = run(site, Options(offline=True, write=False))
    assert len(summary.added) == 5
    assert snapshot(site) == before


def test_check_on_a_built_site_leaves_the_index_as_it_was(site: Path) -> None:
    # ``check`` runs the site-wide stages against the index (they write its tables inside a transaction), and
    # must roll all of it back: the index file, the pages and the inbox stay byte for byte.
    run(site)
    (site / "inbox" / "new.md").write_text(
        "# 新文章标题\n\n2025-03-01 10:00\n\n这是正文的第一段，内容足够长，讲述新开源模型的发布与评测。\n",
        encoding="utf-8",
    )
    before = snapshot(site)
    summary, _ = run(site, Options(offline=True, write=False))
    assert summary.added == ["new.md"]
    assert snapshot(site) == before
    summary, _ = run(site)  # and the real run that follows still sees the file as new
    assert summary.added == ["new.md"]


def test_a_run_that_fails_midway_leaves_the_index_unlocked_and_as_it_was(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ``newsroom watch`` runs many ingests in one process: a failed one must not keep the index's write lock.
    run(site)
    index = site / ".newsroom" / STATE_FILE
    before = index.read_bytes()
    (site / "inbox" / "new.md").write_text(
        "# 新文章标题\n\n2025-03-01 10:00\n\n这是正文的第一段，内容足够长，讲述新开源模型的发布与评测。\n",
        encoding="utf-8",
    )

    def boom(self: pipeline.Ingest) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline.Ingest, "write_term_pages", boom)
    with pytest.raises(RuntimeError):
        run(site)
    assert index.read_bytes() == before  # the tags stage's counting was rolled back
    holder = pipeline.Ingest(load_config(site), Report())  # kept alive: only an explicit close frees its lock
    with pytest.raises(RuntimeError):
        holder.run()
    monkeypatch.undo()
    summary, report = run(site)  # not blocked by the failed runs (their identical page is taken over)
    assert report.errors == [] and summary.failed == [] and len(bundles(site)) == 6
    assert run(site)[0].counts() == {**summary.counts(), "added": 0, "updated": 0, "unchanged": 6}


def test_symlink_out_of_the_inbox_is_refused(site: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("# 机密文件XYZ\n\n不该发布。\n", encoding="utf-8")
    (site / "inbox" / "link.txt").symlink_to(secret)
    _summary, report = run(site)
    assert "link.txt" in {p.file for p in report.errors}
    assert not any("机密文件XYZ" in (b / "index.md").read_text(encoding="utf-8") for b in bundles(site))


def test_same_original_url_twice_publishes_once(site: Path) -> None:
    shutil.copy(site / "inbox" / "000_605ee777b25788bd.txt", site / "inbox" / "zzz_copy.txt")
    _summary, report = run(site)
    assert len(bundles(site)) == 5
    assert "zzz_copy.txt" in {p.file for p in report}


def test_a_resyndicated_copy_publishes_once_and_names_the_other_publisher(site: Path) -> None:
    original = (site / "inbox" / "000_605ee777b25788bd.txt").read_text(encoding="utf-8")
    body = original.split("\n---\n", 1)[1].split("[qq](", 1)[0]
    body = body.replace("。", "．", 3).replace("截至记者发稿，百度港股涨超1%。", "")  # small edits
    copy = (
        '---\ntitle: "百度宣布：文心大模型4.5系列6月30日起开源"\ndate: "2025-0214 15:00:00"\n'
        'publisher: "新浪科技"\nsource_url: "https://finance.sina.com.cn/tech/2025-02-14/doc-abc.shtml"\n---\n'
        f"分享到微博 | 微信\n\n{body}\n相关阅读：百度股价\n"
    ).replace('date: "2025-0214 15:00:00"', 'date: "2025-02-14 15:00:00"')
    (site / "inbox" / "zz_sina_copy.md").write_text(copy, encoding="utf-8")
    summary, report = run(site)
    assert summary.duplicates == ["zz_sina_copy.md"]
    assert len(bundles(site)) == 5
    [keeper] = [b for b in bundles(site) if "000_605ee777b25788bd.txt" in (b / "index.md").read_text("utf-8")]
    text = (keeper / "index.md").read_text(encoding="utf-8")
    assert 'publisher: "新浪科技"' in text and "finance.sina.com.cn" in text
    assert any(p.file == "zz_sina_copy.md" for p in report)
    # Unchanged next time; and when the keeper leaves the inbox, the copy is published instead.
    assert run(site)[0].counts()["unchanged"] == 6
    (site / "inbox" / "000_605ee777b25788bd.txt").unlink()
    summary, _ = run(site)
    assert summary.added == ["zz_sina_copy.md"] and len(bundles(site)) == 5


def test_temp_files_of_a_killed_run_are_swept_by_the_next(site: Path) -> None:
    run(site)
    litter = bundles(site)[0] / ".index.md.k1ll3d.tmp"
    litter.write_text("half a page", encoding="utf-8")
    half_index = site / ".newsroom" / ".state.sqlite.k1ll3d.tmp"  # a new index a killed run was building
    half_index.write_bytes(b"SQLite format 3\x00")
    run(site)
    assert litter.exists()  # a finished run leaves other files alone
    (site / ".newsroom" / "running").write_text("killed\n", encoding="utf-8")  # as a SIGKILLed run leaves it
    run(site)
    assert not litter.exists() and not (site / ".newsroom" / "running").exists()
    assert not half_index.exists()


def test_a_rebuilt_index_holds_the_same_facts_as_a_live_one(site: Path) -> None:
    from generator.state import META_KEYS, load_state, rebuild_state

    run(site)
    config = load_config(site)
    live = load_state(config.state_dir, config.section_dir)
    rebuilt = rebuild_state(config.section_dir)
    assert set(live.entries) == set(rebuilt.entries)
    for source, entry in live.entries.items():
        assert {k: entry.meta.get(k) for k in META_KEYS} == {k: rebuilt.entries[source].meta.get(k) for k in META_KEYS}


def test_an_index_from_another_minhash_scheme_is_signed_again(site: Path) -> None:
    import sqlite3

    run(site)
    db = sqlite3.connect(site / ".newsroom" / STATE_FILE)
    rows = db.execute("SELECT source, signature FROM entries").fetchall()
    with db:  # as version 1 stored them: no scheme prefix
        db.executemany("UPDATE entries SET signature = ? WHERE source = ?", [(g.split(":", 1)[-1], s) for s, g in rows])
    db.close()
    original = (site / "inbox" / "000_605ee777b25788bd.txt").read_text(encoding="utf-8")
    body = original.split("\n---\n", 1)[1].split("[qq](", 1)[0]
    copy = f'---\ntitle: "百度：文心大模型将开源"\npublisher: "新浪科技"\n---\n{body}\n'
    (site / "inbox" / "zz_copy.md").write_text(copy, encoding="utf-8")
    summary, _ = run(site)
    assert summary.duplicates == ["zz_copy.md"]  # found although the keeper's stored signature was stale
    db = sqlite3.connect(site / ".newsroom" / STATE_FILE)
    signatures = [g for (g,) in db.execute("SELECT signature FROM entries WHERE failed = ''")]
    db.close()
    assert signatures and all(sig.startswith("rensa") for sig in signatures)


def test_the_memory_limit_splits_a_big_inbox_into_passes(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MIN_PASS", 16)  # small passes, so a small inbox needs several
    config_file = site / "config.toml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace("[newsroom]\n", "[newsroom]\nmax_memory_mb = 1\n", 1),
        encoding="utf-8",
    )
    for i in range(60):  # enough for the worker pool; every article a different text (no duplicates)
        rng = random.Random(i)  # noqa: S311 (test text, not secrets)
        body = "。".join("".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(30)) for _ in range(10))
        (site / "inbox" / f"batch_{i:02d}.md").write_text(f"# 新区公园开放第{i}期\n\n{body}\n", encoding="utf-8")
    summary, report = run(site)
    assert summary.passes >= 2 and summary.deferred == []
    assert len(summary.added) == 65 and summary.failed == [] and len(bundles(site)) == 65
    warnings = [p for p in report.warnings if "max_memory_mb" in p.message]
    assert warnings and "next pass" in warnings[0].message
    again, _ = run(site)
    assert again.passes == 1 and len(again.unchanged) == 65 and again.added == again.updated == []
