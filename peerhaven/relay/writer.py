"""Group commit: one writer thread turns many concurrent publishes into one transaction.

A commit costs the same for one event as for a thousand (one lock, one fsync
or round trip), so the writer takes every batch that queued up while the
previous transaction ran and commits them together. It gathers them only once
its transaction holds the store's write lock: while another relay process
commits, this one's requests keep joining the group that waits for the lock.
Each request is answered only after the transaction holding its events
committed, so an acknowledged event is never lost, not even on SIGTERM:
shutdown drains the queue first.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from peerhaven.core.event import Event
from peerhaven.relay.policy import Rules
from peerhaven.relay.storage.base import Outcome, Storage

log = logging.getLogger("peerhaven.relay")

T = TypeVar("T")

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
        # Appended on the event loop, taken on the writer thread (deque operations
        # are atomic), so a transaction can gather its group once it holds the lock.
        self._pending: deque[_Job] = deque()
        self._wakeup = asyncio.Event()
        self._closing = False
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
        self._pending.append(_Job(events, done))
        self._wakeup.set()
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

    async def run(self, work: Callable[[], T]) -> T:
        """Run one small write of its own (a mailbox deletion, a prekey claim) on the
        writer thread, so every write of this process uses the one write connection."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, work)

    def _gather(self, taken: list[_Job]) -> list[Event]:
        """The group: jobs already taken (a retried attempt keeps them), plus every
        job queued since, up to ``MAX_GROUP`` events. Runs on the writer thread."""
        count = sum(len(job.events) for job in taken)
        while self._pending and (not taken or count < MAX_GROUP):
            job = self._pending.popleft()
            taken.append(job)
            count += len(job.events)
        return [event for job in taken for event in job.events]

    async def _apply_group(self, taken: list[_Job]) -> list[Outcome]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._thread,
            self.storage.apply_gathered,
            lambda: self._gather(taken),
            int(time.time()),
            self.rules,
        )

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
            self._closing = True
            self._wakeup.set()
            await self._task
            self._task = None
        self._thread.shutdown(wait=True)

    async def _run(self) -> None:
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            while self._pending:
                await self._commit_group()
            if self._closing:
                return

    async def _commit_group(self) -> None:
        jobs: list[_Job] = []
        try:
            outcomes = await self._apply_group(jobs)
        except Exception as exc:
            if not jobs:  # it failed before gathering: the queued requests get the error
                self._gather(jobs)
            if len(jobs) <= 1:
                self._fail(jobs, exc)
                return
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
            return
        self.transactions += 1
        self.on_commit()  # before any request is answered: read-your-writes
        start = 0
        for job in jobs:
            end = start + len(job.events)
            if not job.done.done():
                job.done.set_result(outcomes[start:end])
            start = end
