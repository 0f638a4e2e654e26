"""Activity on a large store: listing, the unread count, and what the author index costs.

On a copy of ``bench/tui.py``'s store (100,000 posts, one persona that joined the
first community), the persona writes 500 posts; others answer each five times and
react three times, and a moderator hides 50 of them. Measured:

- ``activity(limit=50)``: the Activity screen's list (every item judged);
- ``unread_activity`` with nothing read, and after "mark all read" plus 20 new
  replies (what home and the header count after each sync);
- the query plan of each lookup (``EXPLAIN QUERY PLAN``: every one an index search);
- ingest of 5,000 posts with and without ``events_author`` (the index migration 7 adds).

Run: ``.venv/bin/python bench/activity.py [--posts N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MINE = 500
REPLIES_EACH = 5
REACTIONS_EACH = 3
HIDDEN = 50


def _timed(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and worst of ``runs`` timings, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def _populate(store: object, slug: str) -> tuple[object, list[object]]:
    from peerhaven.core import Keypair, Verifier, builders
    from peerhaven.store.personas import list_personas, load_persona

    me = load_persona(store, list_personas(store)[0].pubkey).keys  # type: ignore[arg-type]
    owner = Keypair.from_secret(bytes([99]) * 32)
    others = [Keypair.from_secret(bytes([120 + i]) * 32) for i in range(8)]
    base = int(time.time()) - 50_000
    mine = [builders.post(me, slug, f"my post {i}", created_at=base + i) for i in range(MINE)]
    answers = []
    for i, post in enumerate(mine):
        for j in range(REPLIES_EACH):
            answers.append(
                builders.post(
                    others[j],
                    slug,
                    f"answer {j}",
                    reply_to=post,
                    created_at=base + 1_000 + i * 10 + j,
                )  # fmt: skip
            )
        for j, which in enumerate(("me-too", "been-there", "thank-you")[:REACTIONS_EACH]):
            answers.append(builders.reaction(others[j], post, which, created_at=base + 9_000 + i))
    hides = [
        builders.moderate(owner, slug, "hide", post.id, reason="bench", created_at=base + 20_000)
        for post in mine[:HIDDEN]
    ]
    from peerhaven.store.events import ingest

    with Verifier() as verifier:
        ingest(store, [*mine, *answers, *hides], verifier)  # type: ignore[arg-type]
    return me, mine


def _plans(store: object) -> list[str]:
    """The plan of each lookup ``store.activity`` makes, with one id bound where ids go."""
    from peerhaven.store.visibility import VISIBLE_SQL

    probe = "0" * 64
    queries = {
        "own posts": "SELECT e.id FROM personas p JOIN events e ON e.pubkey = p.pubkey"
        " AND e.kind = 'post'",
        "replies": "SELECT e.id FROM events e WHERE e.root IN (:r0) AND e.kind = 'post'"
        f" AND e.deleted = 0 AND e.rowid > :since AND {VISIBLE_SQL}",
        "reactions": "SELECT r.event_id FROM reactions r JOIN events e ON e.id = r.event_id"
        f" WHERE r.target IN (:r0) AND e.rowid > :since AND {VISIBLE_SQL}",
        "moderation": "SELECT id FROM events WHERE target IN (:r0) AND kind = 'moderate'",
    }
    lines = []
    for name, sql in queries.items():
        rows = store.execute(  # type: ignore[attr-defined]
            f"EXPLAIN QUERY PLAN {sql}", {"r0": probe, "since": 0, "now": 0}
        ).fetchall()
        lines.append(f"  {name}: " + " | ".join(str(row[3]) for row in rows))
    return lines


def _ingest_cost(count: int) -> tuple[float, float]:
    """Seconds to ingest ``count`` posts into a fresh store, with and without the index."""
    from bench.corpus import signed_posts
    from peerhaven.core import Verifier
    from peerhaven.store import create_store
    from peerhaven.store.events import ingest

    events = [event.to_wire() for event in signed_posts(count)]
    took = []
    for keep in (True, False):
        with tempfile.TemporaryDirectory() as tmp:
            with create_store(Path(tmp) / "s.db", "bench passphrase") as store:
                if not keep:
                    with store.transaction() as conn:
                        conn.execute("DROP INDEX events_author")
                with Verifier() as verifier:
                    start = time.perf_counter()
                    for i in range(0, count, 500):
                        ingest(store, events[i : i + 500], verifier)
                    took.append(time.perf_counter() - start)
    return took[0], took[1]


def main() -> None:
    """Build, measure, print."""
    from bench.machine import machine_line
    from bench.tui import PASSPHRASE, cached_store
    from peerhaven.store import open_store
    from peerhaven.store.activity import activity, mark_all_read, unread_activity

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(machine_line())
    source = cached_store(args.posts)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        shutil.copytree(source, home)
        with open_store(home / "peerhaven.db", PASSPHRASE) as store:
            from bench.corpus import COMMUNITIES

            me, mine = _populate(store, COMMUNITIES[0])
            total = store.execute("SELECT count(*) FROM events").fetchone()[0]
            items = len(activity(store))
            print(f"store: {total:,} events; {MINE} posts of yours; {items:,} activity items")
            listed = _timed(lambda: activity(store, limit=50), args.runs)
            print(f"activity(limit=50): median {listed[0]:.1f} ms, worst {listed[1]:.1f} ms")
            counted = _timed(lambda: unread_activity(store), args.runs)
            print(
                f"unread_activity, nothing read ({unread_activity(store):,}): "
                f"median {counted[0]:.1f} ms, worst {counted[1]:.1f} ms"
            )
            mark_all_read(store)
            from peerhaven.core import Keypair, Verifier, builders
            from peerhaven.store.events import ingest

            late = Keypair.from_secret(bytes([140]) * 32)
            fresh = [builders.post(late, COMMUNITIES[0], "late", reply_to=post) for post in
                     mine[HIDDEN : HIDDEN + 20]]  # fmt: skip
            with Verifier(1) as verifier:
                ingest(store, fresh, verifier)
            after = _timed(lambda: unread_activity(store), args.runs)
            print(
                f"unread_activity after mark all read + 20 new ({unread_activity(store)}): "
                f"median {after[0]:.1f} ms, worst {after[1]:.1f} ms"
            )
            print("query plans:")
            print("\n".join(_plans(store)))
            del me
    with_index, without = _ingest_cost(5_000)
    print(
        f"ingest 5,000 posts: {with_index:.2f} s with events_author, {without:.2f} s without "
        f"({(with_index / without - 1) * 100:+.0f} %)"
    )


if __name__ == "__main__":
    main()
