"""The embedded backend: one SQLite file in the data directory, in WAL mode.

Writers take the write lock up front (``BEGIN IMMEDIATE``) so two writers
never deadlock upgrading a read lock, wait up to ``busy_timeout`` for each
other, and the shared write path retries a busy store; a client never sees
"database is locked". ``secure_delete`` overwrites deleted content on disk,
so a deletion or an expiry really removes the words.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from peerhaven.relay.storage.base import Cursor, Storage


def _enable_wal(conn: sqlite3.Connection, patience: float = 30.0) -> None:
    """Switch a file to WAL, waiting out other processes doing the same.

    SQLite does not call the busy handler for a journal-mode change, so several
    relay processes opening a new file at once saw "database is locked" here.
    """
    deadline = time.monotonic() + patience
    nap = 0.001
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(nap)
            nap = min(nap * 2, 0.05)


class SqliteStorage(Storage):
    """A relay store in one SQLite file; several processes may share it."""

    kind = "sqlite"
    seq_type = "INTEGER PRIMARY KEY AUTOINCREMENT"

    def __init__(self, path: Path, *, synchronous: str = "NORMAL") -> None:
        super().__init__()
        self.path = path
        if synchronous.upper() not in ("NORMAL", "FULL"):
            raise ValueError("synchronous is NORMAL or FULL")
        self.synchronous = synchronous.upper()

    def _connect(self, *, writer: bool) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        conn.execute("PRAGMA busy_timeout = 30000")
        _enable_wal(conn)
        # NORMAL (the default): a commit survives the process being killed, not a
        # power cut, and costs no fsync; FULL adds one fsync per transaction (group
        # commit shares it between every request in the transaction).
        conn.execute(f"PRAGMA synchronous = {self.synchronous}")
        conn.execute("PRAGMA secure_delete = ON")
        if writer:
            # The writer retries a busy store itself (see Storage._write) with much
            # shorter naps than SQLite's busy handler, which sleeps up to 100 ms.
            conn.execute("PRAGMA busy_timeout = 0")
        return conn

    def _after_purge(self) -> None:
        # secure_delete zeroes the row in the database file, but the page as it was
        # before may still sit in the write-ahead log; a truncating checkpoint
        # copies the log back and empties it (best effort if a reader holds a snapshot).
        self._conn(writer=True).execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _begin_write(self, cur: Cursor) -> None:
        cur.execute("BEGIN IMMEDIATE")

    def _retryable(self, exc: BaseException) -> bool:
        if not isinstance(exc, sqlite3.OperationalError):
            return False
        text = str(exc).lower()
        return "locked" in text or "busy" in text

    def _sql(self, text: str) -> str:
        return text

    def _in(self, column: str, values: Sequence[str]) -> tuple[str, list[Any]]:
        marks = ",".join("?" * len(values))
        return f"{column} IN ({marks})", list(values)
