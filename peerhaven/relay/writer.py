"""Group commit: one writer thread turns many concurrent publishes into one transaction.

A commit costs the same for one event as for a thousand (one lock, one fsync
or round trip), so the writer takes every batch that queued up while the
previous transaction ran and commits them together. Each request is answered
only after the transaction holding its events committed, so an acknowledged
event is never lost, not even on SIGTERM: shutdown drains the queue first.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from peerhaven.core.event import Event
from peerhaven.relay.policy import Rules
from peerhaven.relay.storage.base import Outcome, Storage

log = logging.getLogger("peerhaven.relay")

#: events per transaction at most; more wait for the next one
MAX_GROUP = 2000


@dataclass
class _Job:
    events: Sequence[Event]
    done: asyncio.Future[list[Outcome]] = field(repr=False)


class GroupWriter:
    """Owns the write connection (on its one thread) and the queue feeding it."""

    def __init__(
        self, storage: Storage, rules: Rules, on_commit: Callable[[], None] | None = None
    ) -> None:
        self.storage = storage
        self.rules = rules
        self.on_commit = on_commit or (lambda: None)
        self._queue: asyncio.Queue[_Job | None] = asyncio.Queue()
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="relay-writer")
        self._task: asyncio.Task[None] | None = None
        self.transactions = 0

    def start(self) -> None:
        """Begin taking jobs on the running loop."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def submit(self, events: Sequence[Event]) -> list[Outcome]:
        """Store events; returns once their transaction committed."""
        if not events:
            return []
        done: asyncio.Future[list[Outcome]] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Job(events, done))
        return await done

    async def purge_expired(self) -> int:
        """Purge on the writer thread, between groups."""
        loop = asyncio.get_running_loop()
        removed = await loop.run_in_executor(
            self._thread, self.storage.purge_expired, int(time.time())
        )
        if removed:
            self.on_commit()
        return removed

    async def _apply(self, events: Sequence[Event]) -> list[Outcome]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._thread, self.storage.apply, events, int(time.time()), self.rules
        )

    def _fail(self, jobs: list[_Job], exc: Exception) -> None:
        log.error("A write transaction failed: %s", type(exc).__name__)
        for job in jobs:
            if not job.done.done():
                job.done.set_exception(exc)

    async def close(self) -> None:
        """Commit everything queued, then stop the thread."""
        if self._task is not None:
            self._queue.put_nowait(None)
            await self._task
            self._task = None
        self._thread.shutdown(wait=True)

    async def _run(self) -> None:
        stopping = False
        while not stopping:
            first = await self._queue.get()
            if first is None:
                break
            jobs = [first]
            count = len(first.events)
            while count < MAX_GROUP and not self._queue.empty():
                job = self._queue.get_nowait()
                if job is None:
                    stopping = True
                    break
                jobs.append(job)
                count += len(job.events)
            events = [event for job in jobs for event in job.events]
            try:
                outcomes = await self._apply(events)
            except Exception as exc:
                if len(jobs) == 1:
                    self._fail(jobs, exc)
                    continue
                # One request must not sink the others it happened to share a
                # transaction with: retry each on its own, failing only its own.
                for job in jobs:
                    try:
                        result = await self._apply(job.events)
                    except Exception as own:
                        self._fail([job], own)
                    else:
                        self.transactions += 1
                        self.on_commit()
                        if not job.done.done():
                            job.done.set_result(result)
                continue
            self.transactions += 1
            self.on_commit()  # before any request is answered: read-your-writes
            start = 0
            for job in jobs:
                end = start + len(job.events)
                if not job.done.done():
                    job.done.set_result(outcomes[start:end])
                start = end
