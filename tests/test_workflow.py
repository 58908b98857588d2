"""The deploy workflow is parsed and checked (actionlint's PyPI wrapper downloads its binary at build
time, which CI cannot do, so the checks that matter are written here)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "deploy.yml"


def load() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def steps(doc: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    return doc["jobs"][job]["steps"]  # type: ignore[no-any-return]


def test_runs_on_push_to_main_with_pages_permissions() -> None:
    doc = load()
    triggers = doc["on"] if "on" in doc else doc[True]  # YAML 1.1 reads a bare `on` key as true
    assert triggers["push"]["branches"] == ["main"]
    assert doc["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_build_job_gates_on_strict_check_then_builds_and_uploads_public() -> None:
    doc = load()
    build = steps(doc, "build")
    runs = [s.get("run", "") for s in build]
    assert runs.index("newsroom check --strict") < next(i for i, r in enumerate(runs) if r.startswith("newsroom build"))
    uses = [s.get("uses", "") for s in build]
    assert any(u.startswith("actions/cache@") for u in uses)
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/public"
    cache = next(s for s in build if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "site/.newsroom/cache"


def test_only_official_pinned_actions_are_used() -> None:
    doc = load()
    for job in doc["jobs"]:
        for step in steps(doc, job):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]


def test_deploy_job_needs_build_and_uses_the_pages_environment() -> None:
    deploy = load()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert steps(load(), "deploy")[0]["uses"].startswith("actions/deploy-pages@")
