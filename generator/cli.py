"""The ``newsroom`` command: parse arguments, load the config, run, map errors to exit codes.

Exit codes: 0 ok · 1 content errors (or warnings with --strict) · 2 usage or config errors · 3 hugo failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .build import hugo_command, run_hugo
from .config import Config, load_config
from .errors import BuildError, ConfigError, LockError
from .lock import site_lock
from .pipeline import Options, Summary, ingest
from .progress import Display
from .report import Report
from .search import run_pagefind
from .slugs import words_of
from .write import write_text

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_BUILD = 0, 1, 2, 3
REPORT_FILE = "report.json"

_EPILOG = """\
examples:
  newsroom build                       read site/inbox, write site/content, build site/public
  newsroom ingest --offline            only write the pages; leave remote images remote
  newsroom check --strict              read everything, write nothing; fail on any warning (the CI gate)
  newsroom watch                       re-ingest whenever a file in the inbox changes
  newsroom serve                       watch + hugo's live-reloading server on http://localhost:1313/
  newsroom new "大模型再启降价潮"        create site/inbox/<date>-<pinyin>.md to fill in
  newsroom new --html ~/saved.html     copy a saved web page into the inbox under a proper name
  newsroom report --json               the last run's problems, machine-readable

exit codes: 0 ok, 1 content errors (or warnings with --strict), 2 usage/config errors, 3 hugo failed
"""


def default_site() -> Path:
    """``./site`` when it holds a config.toml, else the current folder if it does, else ``./site``."""
    cwd = Path.cwd()
    if (cwd / "site" / "config.toml").is_file():
        return cwd / "site"
    if (cwd / "config.toml").is_file():
        return cwd
    return cwd / "site"


def parser() -> argparse.ArgumentParser:
    """The argument parser (also documents every command in --help)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--site", type=Path, default=None, help="the Hugo site folder (default: ./site)")
    common.add_argument("--offline", action="store_true", help="no network: remote images stay remote")
    common.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    common.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    common.add_argument("--force", action="store_true", help="re-read every source; overwrite hand-edited pages")
    verbosity = common.add_mutually_exclusive_group()
    verbosity.add_argument("-v", "--verbose", action="store_true", help="also show notes")
    verbosity.add_argument("-q", "--quiet", action="store_true", help="only show errors")
    top = argparse.ArgumentParser(
        prog="newsroom",
        description="Turn the articles in site/inbox into a published Hugo site.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"newsroom {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=summary, description=description)

    add(
        "build",
        "ingest the inbox, then build site/public with hugo",
        "Ingest the inbox, write term pages, run hugo (strict) into site/public. Example: newsroom build",
    )
    add(
        "ingest",
        "only write site/content from the inbox",
        "Read the inbox and write the page bundles; do not run hugo. Example: newsroom ingest --offline",
    )
    add(
        "check",
        "read and validate everything; write nothing",
        "Read every inbox file as a build would and report problems; writes nothing. Example: newsroom check --strict",
    )
    add(
        "watch",
        "re-ingest whenever the inbox changes",
        "Ingest once, then again within a second of any change in the inbox. Stop with Ctrl-C.",
    )
    serve = add(
        "serve",
        "watch the inbox and run hugo's live-reloading server",
        "watch + `hugo server` on localhost with live reload. Example: newsroom serve --port 1313",
    )
    serve.add_argument("--port", type=int, default=1313, help="port of the local server (default 1313)")
    new = add(
        "new",
        "create a source file in the inbox",
        'From a title: newsroom new "标题" ; from a saved page: newsroom new --html page.html',
    )
    new.add_argument("title", nargs="?", help="the article's title")
    new.add_argument("--html", type=Path, help="a saved .html (or single-file .mhtml) page to copy into the inbox")
    add("report", "show the last run's report", "Print the problems of the last run. Example: newsroom report --json")
    return top  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    site: Path = (args.site or default_site()).resolve()
    try:
        config = load_config(site)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "report":
            return show_last_report(config, args)
        if args.command == "new":
            return create_source(config, args)
        if args.command in {"watch", "serve"}:
            return watch_site(config, args)
        with site_lock(config.state_dir):
            return run(config, args)
    except LockError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def run(config: Config, args: argparse.Namespace) -> int:
    """One ``build``, ``ingest`` or ``check``."""
    report = Report()
    options = Options(offline=args.offline, force=args.force, write=args.command != "check")
    display = Display(verbose=args.verbose, quiet=args.quiet or args.json)
    failure: BuildError | None = None
    with display.running():
        summary = ingest(config, report, options, display)
        if args.command == "build" and not report.errors:
            try:
                display("hugo", 0, 0)
                run_hugo(config.site_dir)
                display("search", 0, 0)
                run_pagefind(config.site_dir / "public")
            except BuildError as exc:
                failure = exc
    if failure is not None:
        report.error("hugo", "", failure.message, "see hugo's lines below; `hugo build` in the site shows the same")
        _finish(config, report, summary, args, display)
        print(failure.detail, file=sys.stderr)
        return EXIT_BUILD
    _finish(config, report, summary, args, display)
    if args.command == "build" and not report.errors and not args.json:
        print(f"Site built: {config.site_dir / 'public'}")
    return _content_code(report, args.strict)


def _content_code(report: Report, strict: bool) -> int:
    if report.errors or (strict and report.warnings):
        return EXIT_CONTENT
    return EXIT_OK


def _finish(
    config: Config, report: Report, summary: Summary, args: argparse.Namespace, display: Display | None = None
) -> None:
    doc = report_document(report, summary, args.command)
    if args.command != "check":
        write_text(config.state_dir / REPORT_FILE, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for problem in report:
        if (problem.severity == "info" and not args.verbose) or (problem.severity == "warning" and args.quiet):
            continue
        print(problem, file=sys.stderr)
    if display is not None:
        display.summary(summary.counts(), summary.images, summary.seconds)
    elif not args.quiet:
        counts = ", ".join(f"{n} {k}" for k, n in summary.counts().items() if n)
        print(f"{counts or 'nothing to do'} ({summary.seconds:.2f} s)")


def report_document(report: Report, summary: Summary, command: str) -> dict[str, Any]:
    """The JSON report: what happened per outcome, and every problem."""
    return {
        "command": command,
        "version": __version__,
        "summary": summary.counts(),
        "sources": {k: getattr(summary, k) for k in ("added", "updated", "removed", "failed", "kept")},
        "images": summary.images,
        "seconds": round(summary.seconds, 3),
        "problems": json.loads(report.to_json()),
    }


def show_last_report(config: Config, args: argparse.Namespace) -> int:
    """``newsroom report``: print the last run's report."""
    path = config.state_dir / REPORT_FILE
    if not path.exists():
        print("error: no run has been recorded for this site yet; run `newsroom build` first", file=sys.stderr)
        return EXIT_USAGE
    doc = json.loads(path.read_text(encoding="utf-8"))
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"last run: newsroom {doc['command']} — " + ", ".join(f"{n} {k}" for k, n in doc["summary"].items() if n))
    for p in doc["problems"]:
        where = f" [{p['where']}]" if p["where"] else ""
        hint = f" — {p['hint']}" if p["hint"] else ""
        print(f"{p['severity']}: {p['file']}{where}: {p['message']}{hint}")
    return EXIT_OK


def create_source(config: Config, args: argparse.Namespace) -> int:
    """``newsroom new``: a correctly named file in the inbox, from a title or a saved HTML page."""
    today = dt.datetime.now(config.tz)
    if args.html:
        source: Path = args.html
        if not source.is_file():
            print(f"error: {source} is not a file", file=sys.stderr)
            return EXIT_USAGE
        stem = "-".join(words_of(args.title or source.stem)[:8]) or "page"
        target = config.inbox / f"{today:%Y%m%d}-{stem}{source.suffix.lower() or '.html'}"
        files = source.with_name(f"{source.stem}_files")  # "Webpage, Complete": the page's pictures beside it
        if files.is_dir():
            target = config.inbox / source.name  # its links name that folder: both keep their names
        if target.exists() or (files.is_dir() and (config.inbox / files.name).exists()):
            print(f"error: {target} already exists; nothing was overwritten", file=sys.stderr)
            return EXIT_USAGE
        config.inbox.mkdir(parents=True, exist_ok=True)
        if files.is_dir():
            shutil.copytree(files, config.inbox / files.name)
        shutil.copyfile(source, target)
    else:
        if not args.title or not args.title.strip():
            print('error: give a title (newsroom new "标题") or --html PAGE', file=sys.stderr)
            return EXIT_USAGE
        stem = "-".join(words_of(args.title)[:8]) or "article"
        target = config.inbox / f"{today:%Y%m%d}-{stem}.md"
        if target.exists():
            print(f"error: {target} already exists; nothing was overwritten", file=sys.stderr)
            return EXIT_USAGE
        title = json.dumps(args.title.strip(), ensure_ascii=False)
        write_text(
            target,
            f'---\ntitle: {title}\ndate: "{today:%Y-%m-%d %H:%M:%S}"\nauthor: ""\npublisher: ""\n'
            f'source_url: ""\ntags: []\n---\n\n在这里写正文。\n',
        )
    print(f"created {target}")
    return EXIT_OK


def watch_site(config: Config, args: argparse.Namespace) -> int:
    """``newsroom watch`` / ``serve``: ingest on every inbox change (and run hugo's server for serve)."""
    from .watch import watch  # watchdog is only needed here

    stop = threading.Event()
    server: subprocess.Popen[bytes] | None = None

    def run_once() -> None:
        report = Report()
        try:
            with site_lock(config.state_dir):
                summary = ingest(config, report, Options(offline=args.offline, force=False))
        except LockError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return
        _finish(config, report, summary, argparse.Namespace(**{**vars(args), "command": "watch"}))
        sys.stdout.flush()

    def ready() -> None:
        print(f"watching {config.inbox} (Ctrl-C to stop)", flush=True)

    def interrupt(_signum: int, _frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, interrupt)
    run_once()
    if args.command == "serve":
        command = hugo_command(config.site_dir)
        command[1] = "server"
        command = [c for c in command if c not in {"--panicOnWarning"}]
        command += ["--port", str(args.port), "--bind", "127.0.0.1", "--disableFastRender"]
        server = subprocess.Popen(command)
        print(f"serving on http://localhost:{args.port}/", flush=True)
    try:
        watch(config.inbox, run_once, stop, ready)
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    return EXIT_OK
