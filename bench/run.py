"""The ingest benchmark: one command, every figure measured in the same run.

    .venv/bin/python bench/run.py --n 10000 [--seed 1] [--images] [--keep DIR] [--json-only]

Steps, each in its own process (wall time, the generator's own time, and that process's peak RSS from
``os.wait4``): generate the corpus (``bench/corpus.py``), cold ingest (offline), ``hugo build`` of the result
(the strict flags of ``generator.build``), no-op re-run, one new file added, one file edited. The generator's
own time is ``Summary.seconds`` (the ingest, without interpreter start-up and imports); the ratio is cold ingest
over hugo. A local image server (127.0.0.1, a separate process) serves the corpus's image URLs during the run;
``--images`` adds the figures of ``bench/images.py``. Prints a table, then ONE JSON object on the last line.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

IMAGE_PORT = 8765
TARGETS = {"ratio": 1.0, "noop_s": 1.0, "one_new_s": 1.0, "peak_rss_mb": 300.0}


@dataclass(slots=True)
class Step:
    """One measured step."""

    name: str
    wall_s: float
    own_s: float | None = None
    """The generator's own time (``Summary.seconds``); None for steps that are not an ingest."""
    cpu_s: float = 0.0
    """User + system CPU of the process and the children it waited for (less sensitive to machine load)."""
    peak_rss_mb: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)


# -- the child side: one ingest in this process --------------------------------------------------------


def _ingest_child(site: Path) -> int:
    """Run one offline ingest of ``site``; print its summary as JSON."""
    from generator.config import load_config
    from generator.pipeline import Options, ingest
    from generator.report import Report

    report = Report()
    summary = ingest(load_config(site), report, Options(offline=True))
    counts, errors = summary.counts(), len(report.errors)
    out = {"seconds": summary.seconds, "counts": counts, "errors": errors, "passes": summary.passes}
    print(json.dumps(out))
    return 0


# -- the parent side ------------------------------------------------------------------------------------


def _run(name: str, argv: list[str], env: dict[str, str] | None = None) -> tuple[Step, str]:
    """Run ``argv`` as a child; its wall time and its own peak RSS (``wait4`` gives one child's rusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed ({proc.returncode}):\n{output[-3000:]}")
    return Step(name, wall, cpu_s=usage.ru_utime + usage.ru_stime, peak_rss_mb=usage.ru_maxrss / 1024), output


def _ingest(name: str, site: Path) -> Step:
    step, output = _run(name, [sys.executable, __file__, "--ingest-child", str(site)])
    result = json.loads(output.strip().splitlines()[-1])
    step.own_s = result["seconds"]
    step.detail = {"counts": {k: v for k, v in result["counts"].items() if v}, "errors": result["errors"]}
    if result.get("passes", 1) > 1:  # the memory limit split the run (newsroom.max_memory_mb)
        step.detail["passes"] = result["passes"]
    return step


def _hugo(site: Path) -> Step:
    from generator.build import hugo_command

    env = dict(os.environ, NO_COLOR="1", HUGO_CACHEDIR=str(site / ".newsroom" / "hugo-cache"))
    step, output = _run("hugo build", hugo_command(site), env)
    pages = re.search(r"Pages\s*│\s*(\d+)", output)
    step.detail = {"pages": int(pages.group(1)) if pages else None}
    public = site / "public"
    step.detail["public_mb"] = round(sum(p.stat().st_size for p in public.rglob("*") if p.is_file()) / 1e6, 1)
    return step


def _serve_images(conn: Connection) -> None:
    """The corpus's image host: any ``/img/<n>.jpg`` is a small JPEG (one, generated once)."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (640, 360), (180, 40, 50)).save(buf, "JPEG", quality=80)
    body = buf.getvalue()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            self.send_response(200 if self.path.startswith("/img/") else 404)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    try:  # the corpus's placeholder port, so two runs generate the same bytes; any free port otherwise
        server = ThreadingHTTPServer(("127.0.0.1", IMAGE_PORT), Handler)
    except OSError:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    conn.send(server.server_address[1])
    server.serve_forever()


def _image_figures() -> dict[str, Any]:
    """Run ``bench/images.py`` (its own server and defaults) and keep its figures."""
    step, output = _run("images", [sys.executable, str(ROOT / "bench" / "images.py")])
    figures: dict[str, Any] = {"wall_s": round(step.wall_s, 2), "peak_rss_mb": round(step.peak_rss_mb, 1)}
    for line in output.splitlines():
        key, _, value = line.partition("  ")
        if value.strip():
            figures[key.strip().replace(" ", "_").replace("/", "")] = value.strip()
    return figures


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--n", type=int, default=10_000, help="articles in the corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--images", action="store_true", help="also run bench/images.py and include its figures")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it (default: a temp folder)")
    parser.add_argument("--ingest-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.ingest_child:
        return _ingest_child(args.ingest_child)

    sys.path.insert(0, str(ROOT / "bench"))  # a folder of scripts, not a package
    import corpus

    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=_serve_images, args=(child,), daemon=True)
    server.start()
    image_base = f"http://127.0.0.1:{parent.recv()}"
    out = args.keep or Path(tempfile.mkdtemp(prefix="bench-run-"))
    if args.keep and out.exists():
        shutil.rmtree(out)
    load_before = _load()
    steps: list[Step] = []
    try:
        started = time.perf_counter()
        corpus.generate(out, args.n, args.seed, image_base)
        steps.append(Step("generate corpus", time.perf_counter() - started))
        site = out / "site"
        steps.append(_ingest("cold ingest", site))
        steps.append(_hugo(site))
        steps.append(_ingest("no-op re-run", site))
        name, text = corpus.article(args.n, "page-text", args.seed, image_base)
        (site / "inbox" / name).write_text(text, encoding="utf-8")
        steps.append(_ingest("one new file", site))
        edited = sorted((site / "inbox").glob("000000_*"))[0]
        edited.write_text(
            edited.read_text(encoding="utf-8") + "\n补充报道：记者随后了解到更多细节。\n", encoding="utf-8"
        )
        steps.append(_ingest("one file edited", site))
        images = _image_figures() if args.images else None
    finally:
        server.terminate()
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)

    by = {s.name: s for s in steps}
    cold, hugo = by["cold ingest"], by["hugo build"]
    ratio = (cold.own_s or 0) / hugo.wall_s
    # The RSS target is the generator's; hugo's own peak is reported beside it.
    peak = max(s.peak_rss_mb for s in steps if s.own_s is not None)
    result: dict[str, Any] = {
        "n": args.n,
        "seed": args.seed,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_before": load_before},
        "steps": [asdict(s) for s in steps],
        "ratio_ingest_hugo": round(ratio, 3),
        "peak_rss_generator_mb": round(peak, 1),
        "peak_rss_hugo_mb": round(hugo.peak_rss_mb, 1),
        "targets": {
            "ratio": ratio <= TARGETS["ratio"],
            "noop_s": (by["no-op re-run"].own_s or 0) <= TARGETS["noop_s"],
            "one_new_s": (by["one new file"].own_s or 0) <= TARGETS["one_new_s"],
            "peak_rss_mb": peak <= TARGETS["peak_rss_mb"],
        },
        "load_after": _load(),
    }
    if images is not None:
        result["images"] = images

    print(f"N = {args.n:,}  seed {args.seed}  cpus {os.cpu_count()}  load {load_before} -> {result['load_after']}")
    print(f"{'step':<18}{'wall s':>9}{'own s':>9}{'cpu s':>9}{'ms/article':>12}{'peak RSS MB':>13}  detail")
    for s in steps:
        own = f"{s.own_s:9.2f}" if s.own_s is not None else f"{'':9}"
        per = f"{(s.own_s or s.wall_s) * 1000 / args.n:12.2f}" if s.name in ("cold ingest", "hugo build") else " " * 12
        detail = json.dumps(s.detail, ensure_ascii=False)
        print(f"{s.name:<18}{s.wall_s:9.2f}{own}{s.cpu_s:9.2f}{per}{s.peak_rss_mb:13.1f}  {detail}")
    print(f"ratio ingest/hugo {ratio:.2f} (target <= 1.0); generator peak RSS {peak:.0f} MB (target <= 300)")
    print(f"targets met: {result['targets']}")
    if images is not None:
        print("images:", json.dumps(images, ensure_ascii=False))
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
