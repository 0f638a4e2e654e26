"""Worker processes that verify batches for ``Verifier(processes=True)``.

Why processes: Ed25519 verification itself releases the GIL, but parsing and
shape checks do not, and during a bulk ingest the writer needs the GIL too.
Verifying in other processes leaves this one's GIL to the writer, and only
plain data crosses: decoded JSON (or ``Event``s) out, flat rows or reason
codes back.

Why ``forkserver``: forking a process that runs threads (the sync thread, the
TUI) can copy a lock held mid-operation into the child; a fork server is a
clean single-threaded process that forks the workers instead.

Workers leave with their owner: a worker blocks reading its task queue, whose
writing end it also holds, so it would outlive an owner killed with SIGKILL
(and keep the fork server alive); each worker watches the owner's pid and
exits when it ends.

The pool is an accelerator, never a judge: if a worker dies or its task fails,
that share of the batch is verified again in the calling process with the same
function, so a verdict never depends on the pool. A pool that broke is
replaced at the next batch, at most ``RESTARTS`` times, then batches are
verified in this process for the rest of the verifier's life.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from peerhaven.core.batch import Verdict, flatten
from peerhaven.core.validate import Limits

#: pools started again after one broke, before giving up on processes
RESTARTS = 3


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        # the server imports what workers need once; workers fork ready to verify
        context.set_forkserver_preload(["peerhaven.core.batch"])
    return context


def _exit_with(owner: int) -> None:
    """Worker initializer: end this process as soon as ``owner`` ends."""
    try:
        handle: int | None = os.pidfd_open(owner)
    except (AttributeError, OSError):  # not Linux 5.3+, or the owner is already gone
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])  # readable once the process has exited
        else:
            while _alive(owner):
                time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process now holds the number
        return False
    return True


class _Gathered:
    """One batch's parts in flight; ``result`` joins them, redoing any part that failed."""

    def __init__(
        self,
        owner: VerifyProcesses,
        executor: ProcessPoolExecutor,
        parts: list[Sequence[Any]],
        futures: list[Future[list[Verdict]]],
        now: int | None,
        limits: Limits,
    ) -> None:
        self._owner = owner
        self._executor = executor
        self._parts = parts
        self._futures = futures
        self._now = now
        self._limits = limits

    def result(self) -> list[Verdict]:
        """The verdicts in input order."""
        verdicts: list[Verdict] = []
        for part, future in zip(self._parts, self._futures, strict=True):
            try:
                verdicts.extend(future.result())
            except BrokenProcessPool:
                self._owner.broke(self._executor)
                verdicts.extend(flatten(part, self._now, self._limits))
            except Exception:
                # e.g. an item that cannot be sent, or a worker out of memory: the
                # same function here gives the same verdict, or raises for real
                verdicts.extend(flatten(part, self._now, self._limits))
        return verdicts


class VerifyProcesses:
    """Up to ``workers`` verifying processes, started on first use."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._restarts = 0
        self._given_up = False

    def submit(self, items: Sequence[Any], now: int | None, limits: Limits) -> _Gathered | None:
        """Send a batch to the workers, split evenly; None when processes are given up."""
        size = -(-len(items) // self.workers)
        parts = [items[i : i + size] for i in range(0, len(items), size)]
        with self._lock:
            executor = self._running()
            if executor is None:
                return None
            try:
                futures = [executor.submit(flatten, part, now, limits) for part in parts]
            except BrokenProcessPool:
                self._broke_locked(executor)
                return None
        return _Gathered(self, executor, parts, futures, now, limits)

    def _running(self) -> ProcessPoolExecutor | None:
        if self._executor is None and not self._given_up:
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=_context(),
                initializer=_exit_with,
                initargs=(os.getpid(),),
            )
        return self._executor

    def broke(self, executor: ProcessPoolExecutor) -> None:
        """Drop a pool that lost a worker; the next batch starts a new one (or none)."""
        with self._lock:
            self._broke_locked(executor)

    def _broke_locked(self, executor: ProcessPoolExecutor) -> None:
        if executor is not self._executor:
            return  # already replaced: another batch noticed first
        self._executor = None
        executor.shutdown(wait=False, cancel_futures=True)
        self._restarts += 1
        if self._restarts > RESTARTS:
            self._given_up = True

    @property
    def given_up(self) -> bool:
        """Whether batches are now verified in this process only."""
        return self._given_up

    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        with self._lock:
            if self._executor is None:
                return []
            # the executor keeps its processes by pid; there is no public accessor
            return list(self._executor._processes or {})

    def close(self) -> None:
        """Stop the workers and wait for them."""
        with self._lock:
            executor, self._executor = self._executor, None
            self._given_up = True
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
