"""The shared backend: PostgreSQL through psycopg 3, for several relay processes or machines.

Every write transaction first takes one transaction-level advisory lock, so
writers run one at a time across all processes. That is what makes cursors
safe: ``seq`` values are drawn inside the lock and the lock is released only
after the commit is visible, so a transaction that becomes visible later
always carries larger ``seq`` values, and a reader that saw ``seq`` N can never
later find a new row below N. Group commit keeps the lock cheap: one
transaction carries every event that arrived while the previous one ran.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import psycopg

from peerhaven.relay.storage.base import Cursor, Storage

#: the advisory lock key every PeerHaven relay writer takes ("PHRL")
WRITE_LOCK_KEY = 0x5048524C


@lru_cache(maxsize=256)
def _placeholders(text: str) -> str:
    return text.replace("?", "%s")


class PostgresStorage(Storage):
    """A relay store in a PostgreSQL database shared by any number of relay processes."""

    kind = "postgresql"
    inline_reads = False
    seq_type = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
    _reconnect_on_retry = True

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def _connect(self, *, writer: bool) -> psycopg.Connection[Any]:
        return psycopg.connect(self.url, autocommit=not writer, connect_timeout=10)

    def _begin_write(self, cur: Cursor) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))

    def _retryable(self, exc: BaseException) -> bool:
        return isinstance(exc, psycopg.OperationalError)

    def _sql(self, text: str) -> str:
        return _placeholders(text)

    def _in(self, column: str, values: Sequence[str]) -> tuple[str, list[Any]]:
        return f"{column} = ANY(%s)", [list(values)]
