"""Store benchmark: the encrypted store beside plain SQLite, same schema, same work.

Prints ingest of signed posts with verification (events/s), FTS latency
(median and p95 over 200 queries), open-and-unlock time and file size.
Run: ``.venv/bin/python bench/store.py [--posts N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import queries, signed_posts  # noqa: E402
from bench.cpu import cpu_seconds  # noqa: E402
from peerhaven.core import Verifier  # noqa: E402
from peerhaven.store import Store, create_store, open_store  # noqa: E402
from peerhaven.store.database import _configure  # noqa: E402
from peerhaven.store.events import ingest_pages  # noqa: E402
from peerhaven.store.migrations import migrate  # noqa: E402
from peerhaven.store.search import search  # noqa: E402

PASSPHRASE = "bench passphrase for the store"
PAGE = 500  # events per relay page, as a pull would deliver them


def plain_store(path: Path) -> Store:
    """The same schema and pragmas with no key: what encryption is measured against."""
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(path), check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    _configure(conn)
    migrate(conn)
    return Store(conn, path)


def reopen_plain(path: Path) -> Store:
    """Open the plain file the way ``open_store`` opens an encrypted one."""
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(path), check_same_thread=False)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    _configure(conn)
    migrate(conn)
    return Store(conn, path)


def load_average() -> str:
    """The 1-minute load before the run: above ~0.3 the figures are shared with others."""
    return f"{os.getloadavg()[0]:.2f}"


def file_size(path: Path) -> int:
    """Main file plus WAL, as it sits on disk."""
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def run(
    kind: str, pages: list[bytes], words: list[str], workers: int, processes: bool
) -> dict[str, float]:
    """Ingest, query, reopen; return the figures for one kind of store."""
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{kind}-"))
    path = tmp / "peerhaven.db"
    store = create_store(path, PASSPHRASE) if kind == "encrypted" else plain_store(path)
    with Verifier(workers, processes=processes) as verifier:
        cpu_start = cpu_seconds()
        start = time.perf_counter()
        report = ingest_pages(store, (json.loads(page) for page in pages), verifier)
        total = report.accepted
        ingest_s = time.perf_counter() - start
        # workers start during the run, so all of their time belongs to it
        ingest_cpu = cpu_seconds(verifier.worker_pids()) - cpu_start
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    latencies = []
    for word in words[:20]:
        search(store, word, sources=("post",))  # warm the page cache as a session would
    for word in words:
        t = time.perf_counter()
        search(store, word, sources=("post",))
        latencies.append((time.perf_counter() - t) * 1000)
    store.close()
    size = file_size(path)
    opens = []
    for _ in range(5):
        t = time.perf_counter()
        reopened = open_store(path, PASSPHRASE) if kind == "encrypted" else reopen_plain(path)
        opens.append((time.perf_counter() - t) * 1000)
        reopened.close()
    latencies.sort()
    return {
        "events": total,
        "ingest_per_s": total / ingest_s,
        "ingest_s": ingest_s,
        "cpu_us_per_event": ingest_cpu / total * 1e6,
        "fts_median_ms": statistics.median(latencies),
        "fts_p95_ms": latencies[int(len(latencies) * 0.95) - 1],
        "open_ms": statistics.median(opens),
        "size_mb": size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--threads",
        action="store_true",
        help="verify on threads in this process instead of worker processes, for comparison",
    )
    args = parser.parse_args()
    processes = not args.threads

    t = time.perf_counter()
    events = signed_posts(args.posts)
    wire = [e.to_wire() for e in events]
    pages = [
        json.dumps(wire[i : i + PAGE], ensure_ascii=False).encode()
        for i in range(0, len(wire), PAGE)
    ]
    print(
        f"generated and signed {len(events):,} posts in {time.perf_counter() - t:.1f} s "
        f"({sum(len(p) for p in pages) / 1e6:.1f} MB of JSON); "
        f"{os.cpu_count()} cores, verification on {args.workers} "
        f"{'processes' if processes else 'threads'}, "
        f"load average {load_average()}"
    )
    words = queries(args.queries)
    results = {
        kind: run(kind, pages, words, args.workers, processes) for kind in ("plain", "encrypted")
    }
    plain, enc = results["plain"], results["encrypted"]
    rows = [
        ("ingest with verification (events/s)", "ingest_per_s", "{:,.0f}"),
        ("  CPU per event, all threads+workers (us)", "cpu_us_per_event", "{:.1f}"),
        ("FTS query median (ms)", "fts_median_ms", "{:.2f}"),
        ("FTS query p95 (ms)", "fts_p95_ms", "{:.2f}"),
        ("open and unlock (ms)", "open_ms", "{:.1f}"),
        ("file size (MB)", "size_mb", "{:.1f}"),
    ]
    print(f"\n{'':40}{'plain SQLite':>14}{'SQLCipher':>14}{'ratio':>8}")
    for label, key, fmt in rows:
        ratio = enc[key] / plain[key] if plain[key] else float("nan")
        print(f"{label:40}{fmt.format(plain[key]):>14}{fmt.format(enc[key]):>14}{ratio:>8.2f}")
    cost = plain["ingest_per_s"] / enc["ingest_per_s"]
    cores = os.cpu_count() or 1
    print(
        f"\nCPU bound on {cores} idle cores: "
        f"{cores * 1e6 / enc['cpu_us_per_event']:,.0f} events/s encrypted "
        f"(CPU per event x cores; what the wall-clock rate reaches when nothing else runs)"
    )
    print(
        f"\ntargets: ingest >= 12,000/s encrypted: {enc['ingest_per_s']:,.0f} "
        f"{'ok' if enc['ingest_per_s'] >= 12_000 else 'MISSED'}; "
        f"encryption cost <= 1.3x: {cost:.2f}x {'ok' if cost <= 1.3 else 'MISSED'}; "
        f"FTS p95 < 3 ms: {enc['fts_p95_ms']:.2f} {'ok' if enc['fts_p95_ms'] < 3 else 'MISSED'}; "
        f"unlock < 150 ms: {enc['open_ms']:.0f} {'ok' if enc['open_ms'] < 150 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
