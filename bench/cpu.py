"""CPU time for benchmarks: this process and the verifying workers it uses.

Verification workers are forked by a fork server, not by the benchmark, so their
time never shows in the benchmark's children's totals; it is read from /proc
while they are alive (Linux).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def cpu_seconds(workers: Iterable[int] = ()) -> float:
    """CPU time of this process (all threads) plus that of the given live processes."""
    times = os.times()
    return times.user + times.system + sum(process_cpu(pid) for pid in workers)


def process_cpu(pid: int) -> float:
    """User + system seconds of a live process (0 when it is gone or /proc is absent)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
