"""Verifying many events at once, on every core.

Two shapes of answer. ``Verifier.check`` returns ``Event`` objects (the relay
keeps them); ``Verifier.submit`` returns each valid event as one flat tuple
ready to bind into an INSERT (the local store's bulk ingest), which is cheap to
send back from a worker process.

Ed25519 verification in ``cryptography`` releases the GIL, so plain threads
scale it (measured: 14,300/s on one thread, 27,900/s on two) as long as nothing
else wants the GIL. During a bulk ingest the writer does: parsing, shape checks
and building rows hold the GIL for ~20 us an event, so with
``processes=True`` batches are verified in worker processes instead, and the
writer's thread only binds rows (see ``peerhaven.core.processes``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import MAX_CREATED_AT, Event
from peerhaven.core.validate import DEFAULT_LIMITS, Limits, validate

#: A valid event flattened for storage: id, pubkey, created_at, kind, community,
#: tags as compact JSON, content, sig, then what its tags say: parent, root,
#: target and expires_at (None when absent).
Flat = tuple[str, str, int, str, str, str, str, str, str | None, str | None, str | None, int | None]
#: one input's verdict from ``flatten``: the flat event, or the refusal reason's code
Verdict = Flat | str

#: fewer items than this are verified in the calling thread: a hand-off costs more
INLINE = 64
#: fewer items than this stay on threads even with ``processes=True``: a small
#: pull is done before a worker would have started
PROCESS_MIN = 1_000

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass(frozen=True, slots=True)
class Checked:
    """One input's verdict: the event when valid, else the refusal."""

    event: Event | None
    error: InvalidEvent | None


def _check_one(obj: Any, now: int | None, limits: Limits) -> Checked:
    try:
        event = obj if isinstance(obj, Event) else Event.from_wire(obj)
        validate(event, now=now, limits=limits)
    except InvalidEvent as exc:
        return Checked(None, exc)
    return Checked(event, None)


def flat(event: Event) -> Flat:
    """The event as a storage row (see ``Flat``); the event is assumed valid."""
    parent = root = target = expires = None
    for tag in event.tags:
        if len(tag) < 2:
            continue
        name = tag[0]
        # the first tag of each name wins, as in ``Event.tag``
        if name == "parent":
            parent = parent if parent is not None else tag[1]
        elif name == "root":
            root = root if root is not None else tag[1]
        elif name == "target":
            target = target if target is not None else tag[1]
        elif name == "expires" and expires is None:
            expires = tag[1]
    return (
        event.id,
        event.pubkey,
        event.created_at,
        event.kind,
        event.community,
        _dumps(event.tags),  # tuples encode as arrays: the same text as lists
        event.content,
        event.sig,
        parent,
        root,
        target,
        _expiry(expires),
    )


def _expiry(value: str | None) -> int | None:
    # the same reading as ``Event.expires_at``: digits only, else absent
    if value is None or not value.isascii() or not value.isdigit():
        return None
    try:
        when = int(value)
    except ValueError:  # more digits than int() converts
        return None
    return when if when <= MAX_CREATED_AT else None  # beyond any storable time: never


def unflat(row: Sequence[Any]) -> Event:
    """The ``Event`` a flat row was made from (for the few kinds that need the object)."""
    return Event(
        id=row[0],
        pubkey=row[1],
        created_at=row[2],
        kind=row[3],
        community=row[4],
        tags=tuple(tuple(tag) for tag in json.loads(row[5])),
        content=row[6],
        sig=row[7],
    )


def flatten(items: Sequence[Any], now: int | None, limits: Limits) -> list[Verdict]:
    """Validate decoded events (or ``Event``s) in order: a flat row or a reason code each.

    Module-level and made of plain data both ways, so a worker process can run it.
    """
    out: list[Verdict] = []
    append = out.append
    for obj in items:
        try:
            event = obj if isinstance(obj, Event) else Event.from_wire(obj)
            validate(event, now=now, limits=limits)
        except InvalidEvent as exc:
            append(exc.reason.value)
            continue
        append(flat(event))
    return out


class Pending(Protocol):
    """Verdicts on the way: ``result()`` waits for them, in input order."""

    def result(self) -> list[Verdict]:
        """Wait for and return the verdicts."""
        ...


class Verifier:
    """A reusable pool that validates batches in order, on up to ``workers`` threads.

    With ``processes=True``, ``submit`` uses that many worker processes for
    batches of at least ``PROCESS_MIN`` items; the processes start on first use and
    live until ``close``. If one dies or fails, its share of the batch is
    verified in this process, so the answer is the same whatever happens to
    the pool.
    """

    def __init__(self, workers: int | None = None, *, processes: bool = False) -> None:
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self._pool = ThreadPoolExecutor(self.workers) if self.workers > 1 else None
        self._ahead: ThreadPoolExecutor | None = None
        self._processes: Any = None
        if processes:
            from peerhaven.core.processes import VerifyProcesses

            self._processes = VerifyProcesses(self.workers)

    def check(
        self,
        items: Sequence[Any],
        *,
        now: int | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> list[Checked]:
        """Validate decoded events (or ``Event`` objects); results keep the input order."""
        one: Callable[[Any], Checked] = lambda obj: _check_one(obj, now, limits)  # noqa: E731
        if self._pool is None or len(items) < INLINE:
            return [one(obj) for obj in items]
        size = -(-len(items) // self.workers)
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        results: list[Checked] = []
        for part in self._pool.map(lambda chunk: [one(obj) for obj in chunk], chunks):
            results.extend(part)
        return results

    def flatten(
        self,
        items: Sequence[Any],
        *,
        now: int | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> list[Verdict]:
        """``flatten`` on this verifier's threads (no processes); results keep input order."""
        if self._pool is None or len(items) < INLINE:
            return flatten(items, now, limits)
        size = -(-len(items) // self.workers)
        parts = [items[i : i + size] for i in range(0, len(items), size)]
        results: list[Verdict] = []
        for part in self._pool.map(lambda chunk: flatten(chunk, now, limits), parts):
            results.extend(part)
        return results

    def submit(
        self,
        items: Sequence[Any],
        *,
        now: int | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> Pending:
        """Start verifying a batch in the background; its verdicts keep the input order."""
        if self._processes is not None and len(items) >= PROCESS_MIN:
            pending: Pending | None = self._processes.submit(items, now, limits)
            if pending is not None:
                return pending
        if self._ahead is None:
            self._ahead = ThreadPoolExecutor(1, thread_name_prefix="verify-ahead")
        future: Future[list[Verdict]] = self._ahead.submit(
            self.flatten, items, now=now, limits=limits
        )
        return future

    def worker_pids(self) -> list[int]:
        """The worker processes' ids (none without ``processes=True``), for measurement."""
        return [] if self._processes is None else self._processes.pids()

    def close(self) -> None:
        """Stop the worker threads and processes."""
        if self._processes is not None:
            self._processes.close()
        if self._ahead is not None:
            self._ahead.shutdown(wait=True)
        if self._pool is not None:
            self._pool.shutdown(wait=True)

    def __enter__(self) -> Verifier:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
