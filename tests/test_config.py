from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config, parse_config
from generator.errors import ConfigError

from .conftest import SITE


def test_shipped_config_loads_with_defaults() -> None:
    config = load_config(SITE)
    assert config.section == "posts"
    assert config.timezone == "Asia/Shanghai"
    assert config.defaults.widgets == ("search", "recent", "taglist")
    assert config.defaults.sidebar == "right"
    assert config.inbox == SITE / "inbox"
    assert config.warnings == ()
    assert config.hugo["timeZone"] == "Asia/Shanghai"


def test_every_problem_is_reported_together_naming_its_key(tmp_path: Path) -> None:
    toml = b"""
[newsroom]
summary_length = "long"
timezone = "Mars/Olympus"
[newsroom.defaults]
comments = "yes"
sidebar = "middle"
widgets = ["search", "weather"]
"""
    with pytest.raises(ConfigError) as caught:
        parse_config(toml, tmp_path)
    keys = [key for key, _ in caught.value.problems]
    assert keys == [
        "newsroom.timezone",
        "newsroom.summary_length",
        "newsroom.defaults.widgets",
        "newsroom.defaults.comments",
        "newsroom.defaults.sidebar",
    ]
    text = str(caught.value)
    assert "weather" in text and "Mars/Olympus" in text and "5 problem(s)" in text


def test_unknown_keys_are_warnings_not_errors(tmp_path: Path) -> None:
    config = parse_config(b'[newsroom]\ninbx = "x"\n[newsroom.defaults]\ncomment = true\n', tmp_path)
    assert ("newsroom.inbx", "unknown key ignored") in config.warnings
    assert any(key == "newsroom.defaults.comment" for key, _ in config.warnings)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("title = \n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert "config.toml" in str(caught.value) and "not valid TOML" in str(caught.value)


def test_missing_config_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--site"):
        load_config(tmp_path / "nowhere")


def test_true_is_not_an_integer(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="summary_length"):
        parse_config(b"[newsroom]\nsummary_length = true\n", tmp_path)


def test_digest_changes_with_the_file(tmp_path: Path) -> None:
    a = parse_config(b"[newsroom]\nsummary_length = 100\n", tmp_path)
    b = parse_config(b"[newsroom]\nsummary_length = 101\n", tmp_path)
    assert a.digest != b.digest and a.summary_length == 100
