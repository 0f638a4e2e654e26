"""Knowing a feed's version without asking the database, on PostgreSQL.

A cached page is served only if its feed's version is unchanged, and on SQLite
reading the version costs microseconds. On PostgreSQL it is a round trip per
pull, so each process LISTENs on a channel that every write transaction
NOTIFYs with the slugs it touched (delivered at commit), and remembers
versions it read until told they changed. Its own commits forget everything
at once, before their requests are answered, so a client always sees its own
writes; another process's writes reach the memory within the notification's
delivery time (well under a millisecond on one host). While the listening
connection is down nothing is remembered and every pull asks the database.

A version read concurrently with a notification is not remembered (the
per-feed generation changed meanwhile), so a stale version can never stick.
Staleness never makes a reader miss an event: a page is a prefix of what
follows its cursor, and ``next`` only moves past events the reader received.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import psycopg

log = logging.getLogger("peerhaven.relay")

CHANNEL = "peerhaven_feeds"
#: the payload meaning "too many feeds to list: forget them all" (not a valid slug)
EVERY_FEED = "*"


class FeedVersions:
    """Remembered feed versions, valid while notifications flow."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self._known: dict[str, int] = {}
        self._generation: dict[str, int] = {}
        self._epoch = 0
        self._listening = False
        self._task: asyncio.Task[None] | None = None
        #: called when another process changed feeds (live streams check theirs)
        self.on_change: Callable[[], None] = lambda: None

    @property
    def listening(self) -> bool:
        """Whether other processes' writes reach this process as notifications now."""
        return self._listening

    def start(self) -> None:
        """Begin listening (PostgreSQL only; otherwise every lookup asks the store)."""
        if self.url is not None:
            self._task = asyncio.get_running_loop().create_task(self._listen())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def get(self, community: str, read: Callable[[], Awaitable[int]]) -> int:
        """The feed's version, from memory when it is known to be current."""
        if self._listening:
            known = self._known.get(community)
            if known is not None:
                return known
        epoch, generation = self._epoch, self._generation.get(community, 0)
        version = await read()
        if (
            self._listening
            and epoch == self._epoch
            and generation == self._generation.get(community, 0)
        ):
            self._known[community] = version
        return version

    def forget_all(self) -> None:
        """A write whose feeds we do not know: nothing remembered may be trusted."""
        self._epoch += 1
        self._known.clear()

    def _changed(self, community: str) -> None:
        self._generation[community] = self._generation.get(community, 0) + 1
        self._known.pop(community, None)

    async def _listen(self) -> None:
        assert self.url is not None
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    self.url, autocommit=True, connect_timeout=10
                ) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self.forget_all()
                    self._listening = True
                    async for note in conn.notifies():
                        if note.payload == EVERY_FEED:
                            self.forget_all()
                        else:
                            for community in note.payload.split("\n"):
                                self._changed(community)
                        self.on_change()
            except psycopg.Error as exc:
                log.warning("feed notifications interrupted: %s", type(exc).__name__)
            finally:
                self._listening = False
                self.forget_all()
            await asyncio.sleep(1.0)
