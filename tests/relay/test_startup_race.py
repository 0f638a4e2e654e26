"""Several relay processes starting at once on one SQLite file all open it."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from peerhaven.relay.storage.sqlite import SqliteStorage


def _open(path: str, barrier: object, results: object) -> None:
    storage = SqliteStorage(Path(path))
    barrier.wait()  # type: ignore[attr-defined]
    try:
        storage.open()
        results.put("ok")  # type: ignore[attr-defined]
    except Exception as exc:  # reported to the test, which names it
        results.put(f"{type(exc).__name__}: {exc}")  # type: ignore[attr-defined]
    finally:
        storage.close()


def test_simultaneous_starts_never_see_a_locked_database(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    outcomes: list[str] = []
    for trial in range(6):
        path = tmp_path / f"relay-{trial}.sqlite3"
        barrier, results = context.Barrier(4), context.Queue()
        procs = [
            context.Process(target=_open, args=(str(path), barrier, results)) for _ in range(4)
        ]
        for proc in procs:
            proc.start()
        outcomes += [results.get(timeout=60) for _ in procs]
        for proc in procs:
            proc.join(timeout=60)
    assert outcomes == ["ok"] * 24
