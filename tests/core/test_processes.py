"""``Verifier(processes=True)``: the same verdicts as in-process, whatever happens to the pool."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from peerhaven.core import Event, Reason, Verifier
from peerhaven.core.batch import PROCESS_MIN, Verdict, flat, flatten
from peerhaven.core.processes import RESTARTS
from peerhaven.core.validate import DEFAULT_LIMITS
from tests.core.factory import NOW, wire
from tests.core.test_batch import mixed_batch

SIZE = PROCESS_MIN + 201
BAD = {0, 1, 333, 334, 600, 601, SIZE - 1}


def expected_verdicts(items: list[Any], bad: dict[int, Reason]) -> list[Verdict]:
    return [
        bad[i].value
        if i in bad
        else flat(item if isinstance(item, Event) else Event.from_wire(item))
        for i, item in enumerate(items)
    ]


class WorkerBomb(Mapping[str, Any]):
    """A wire event that reads normally here but raises in any other process."""

    def __init__(self, data: dict[str, Any], home: int | None = None) -> None:
        self._data = data
        self._home = os.getpid() if home is None else home

    def __reduce__(self) -> tuple[Any, ...]:
        return (WorkerBomb, (self._data, self._home))

    def __getitem__(self, key: str) -> Any:
        if os.getpid() != self._home:
            raise RuntimeError("a bug that only shows in a worker")
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def kill_workers(verifier: Verifier) -> None:
    pids = verifier.worker_pids()
    assert pids, "the pool has no workers to kill"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)


def test_process_verdicts_match_in_process_ones() -> None:
    items, bad = mixed_batch(SIZE, BAD)
    with Verifier(2, processes=True) as verifier:
        verdicts = verifier.submit(items, now=NOW).result()
        assert verifier.worker_pids(), "a large batch did not use worker processes"
        again = verifier.submit(items, now=NOW).result()
    assert verdicts == expected_verdicts(items, bad)
    assert again == verdicts
    assert verdicts == flatten(items, NOW, DEFAULT_LIMITS)


def test_a_small_batch_stays_in_this_process() -> None:
    items, bad = mixed_batch(PROCESS_MIN - 1, {5})
    with Verifier(2, processes=True) as verifier:
        assert verifier.submit(items, now=NOW).result() == expected_verdicts(items, bad)
        assert verifier.worker_pids() == []


def test_a_killed_pool_is_replaced_and_loses_no_verdict() -> None:
    items, bad = mixed_batch(SIZE, BAD)
    with Verifier(2, processes=True) as verifier:
        verifier.submit(items, now=NOW).result()
        first = set(verifier.worker_pids())
        in_flight = verifier.submit(items, now=NOW)
        kill_workers(verifier)
        assert in_flight.result() == expected_verdicts(items, bad)
        assert verifier.submit(items, now=NOW).result() == expected_verdicts(items, bad)
        replaced = set(verifier.worker_pids())
    assert replaced and not replaced & first, "the broken pool was not replaced"


def test_after_repeated_deaths_batches_stay_in_this_process() -> None:
    items, bad = mixed_batch(SIZE, BAD)
    with Verifier(2, processes=True) as verifier:
        for _ in range(RESTARTS + 1):
            verifier.submit(items, now=NOW).result()
            pending = verifier.submit(items, now=NOW)
            kill_workers(verifier)
            assert pending.result() == expected_verdicts(items, bad)
        assert verifier.submit(items, now=NOW).result() == expected_verdicts(items, bad)
        assert verifier.worker_pids() == [], "processes were not given up"


def test_a_worker_that_raises_costs_only_a_redo_here() -> None:
    items, bad = mixed_batch(SIZE, BAD)
    items[700] = WorkerBomb(items[700] if isinstance(items[700], dict) else items[700].to_wire())
    expected = expected_verdicts(
        [dict(item) if isinstance(item, WorkerBomb) else item for item in items], bad
    )
    with Verifier(2, processes=True) as verifier:
        assert verifier.submit(items, now=NOW).result() == expected
        pids = verifier.worker_pids()
        assert pids, "the pool did not survive a task that raised"
        assert verifier.submit(items, now=NOW).result() == expected
        assert verifier.worker_pids() == pids


def test_a_real_bug_still_raises_after_the_redo() -> None:
    class Broken(dict[str, Any]):
        def __getitem__(self, key: str) -> Any:
            raise RuntimeError("broken everywhere")

    items: list[Any] = [*mixed_batch(SIZE, set())[0][:-1], Broken(wire())]
    with Verifier(2, processes=True) as verifier, pytest.raises(RuntimeError, match="everywhere"):
        verifier.submit(items, now=NOW).result()


OWNER = """
import sys, time
from peerhaven.core import Verifier
from peerhaven.core.batch import PROCESS_MIN

verifier = Verifier(2, processes=True)
verifier.submit(["not an event"] * PROCESS_MIN).result()
print(*verifier.worker_pids(), flush=True)
time.sleep(600)
"""


def _running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped has finished)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_and_their_fork_server_end_with_a_killed_owner() -> None:
    owner = subprocess.Popen([sys.executable, "-c", OWNER], stdout=subprocess.PIPE, text=True)
    assert owner.stdout is not None
    workers = [int(pid) for pid in owner.stdout.readline().split()]
    owner.stdout.close()
    assert workers, "the owner started no workers"
    servers = {_parent(pid) for pid in workers} - {owner.pid}
    owner.send_signal(signal.SIGKILL)
    owner.wait(timeout=30)
    # a bounded wait for an event, not a speed assertion: they go within a moment
    deadline = time.monotonic() + 60
    left = [pid for pid in [*workers, *servers] if _running(pid)]
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = [pid for pid in left if _running(pid)]
    assert not left, "verifying processes outlived their owner"
