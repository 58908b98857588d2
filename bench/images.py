"""Benchmark the images stage: N unique images (+20 % repeated URLs) from a local server with latency.

Run: ``.venv/bin/python bench/images.py [--count 1000] [--latency 0.1] [--pool 8] [--per-host 4] [--hosts 4]``

The server runs in a separate process (so its work does not compete with the client for the GIL),
on 127.0.0.1 only, and counts requests per path. The ideal time is ``latency × unique / pool``;
the target is ≤ 1.3× that, every unique URL fetched exactly once, and memory bounded (bodies are
streamed to disk, never held all at once).
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import random
import resource
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from generator.images import ImagesConfig
from generator.localize import localize_images
from generator.model import Article
from generator.report import Report


def _make_images(count: int, seed: int = 7) -> list[bytes]:
    """Distinct JPEGs of a realistic-ish size (noise does not compress: ~20-30 KB each)."""
    rng = random.Random(seed)
    images = []
    for _ in range(count):
        im = Image.frombytes("RGB", (160, 90), rng.randbytes(160 * 90 * 3))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=80)
        images.append(buf.getvalue())
    return images


def _serve(count: int, latency: float, conn: Connection) -> None:
    images = _make_images(count)
    hits: Counter[str] = Counter()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; with Nagle on, the body waits for the client's
        # delayed ACK (~40 ms) and the benchmark would measure the kernel, not the pool.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            if self.path == "/__stats":
                body = json.dumps(hits).encode()
                ctype = "application/json"
            else:
                hits[self.path] += 1
                time.sleep(latency)
                body = images[int(self.path.rsplit("/", 1)[1])]
                ctype = "application/octet-stream"  # deliberately not image/*: the bytes decide
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    conn.send(server.server_address[1])
    server.serve_forever()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="unique images")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds the server waits per image")
    parser.add_argument("--pool", type=int, default=8, help="pool size")
    parser.add_argument("--per-host", type=int, default=ImagesConfig().per_host, help="connections per host")
    parser.add_argument("--hosts", type=int, default=4, help="distinct image host names")
    args = parser.parse_args()

    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=_serve, args=(args.count, args.latency, child), daemon=True)
    server.start()
    port = parent.recv()
    base = f"http://127.0.0.1:{port}"

    rng = random.Random(42)
    # Several CDN host names (all resolved to 127.0.0.1 by the resolver hook), as real articles
    # draw from several hosts; each host gets at most ``per_host`` connections (politeness).
    hosts = [f"img{h}.bench.test" for h in range(args.hosts)]
    urls = [f"http://{hosts[i % len(hosts)]}:{port}/om_bt/{i}" for i in range(args.count)]
    uses = urls + [rng.choice(urls) for _ in range(args.count // 5)]  # +20 % repeated URLs
    rng.shuffle(uses)
    per_article = 12
    articles = [
        Article(
            source=f"{n:04d}.txt",
            kind="markdown",
            body="\n\n".join(f"![图片]({u})\n\n第{n}篇文章的段落。" for u in uses[i : i + per_article]),
            source_url="https://new.qq.com/rain/a/x",
        )
        for n, i in enumerate(range(0, len(uses), per_article))
    ]
    cfg = ImagesConfig(pool_size=args.pool, per_host=args.per_host, allow_private_hosts=True)

    def resolver(host: str, port: int) -> list[str]:
        assert host.endswith(".bench.test") or host == "127.0.0.1", host
        return ["127.0.0.1"]

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory(prefix="bench-images-") as tmp:
        report = Report()
        start = time.perf_counter()
        out = localize_images(articles, cfg, Path(tmp), report, resolver=resolver)
        elapsed = time.perf_counter() - start
        stored = sum(1 for _ in (Path(tmp) / "files").iterdir())
        start = time.perf_counter()
        localize_images(articles, cfg, Path(tmp), Report(), resolver=resolver)
        rerun = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with urllib.request.urlopen(f"{base}/__stats") as resp:  # noqa: S310  (our own 127.0.0.1 server)
        hits: dict[str, int] = json.load(resp)
    server.terminate()

    ideal = args.latency * args.count / args.pool
    localized = sum(len(assets) for _, assets in out)
    print(f"articles            {len(articles)} ({len(uses)} image uses, {args.count} unique URLs)")
    print(f"pool / per host     {args.pool} / {cfg.per_host}, {args.hosts} host names")
    print(f"server latency      {args.latency * 1000:.0f} ms per image")
    print(f"elapsed             {elapsed:.2f} s")
    print(f"ideal               {ideal:.2f} s  (latency × unique / pool)")
    print(f"ratio               {elapsed / ideal:.3f}× ideal (target ≤ 1.3×)")
    print(f"requests            {sum(hits.values())} for {len(hits)} URLs; max per URL {max(hits.values(), default=0)}")
    print(f"stored files        {stored}; bundle assets listed {localized}; warnings {len(report.warnings)}")
    print(f"re-run (cached)     {rerun:.2f} s, no requests")
    print(f"peak RSS            {rss_after / 1024:.1f} MiB (before the run {rss_before / 1024:.1f} MiB)")
    ok = len(hits) == args.count and max(hits.values()) == 1 and not report.warnings
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
