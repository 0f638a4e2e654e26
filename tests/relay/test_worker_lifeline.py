"""``relay serve --workers 2`` leaves nothing behind when its parent is SIGKILLed."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fixtures.relay import RelayLauncher

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads processes from /proc"
)

#: how long the orphans may take to notice and stop (they have no requests in flight)
GRACE = 15.0


def children(pid: int) -> list[int]:
    """Direct children of a live process."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()]


def running(pid: int) -> bool:
    """Whether a process exists and is not a zombie (orphans' reaper may be slow)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def port_is_free(port: int) -> bool:
    """Whether a socket without SO_REUSEPORT can bind the port (no one listens on it)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise
    return True


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_workers_exit_when_the_parent_is_killed(relay_process: RelayLauncher) -> None:
    relay = relay_process(workers=2)
    assert relay.proc is not None
    parent = relay.proc.pid
    workers = children(parent)
    assert len([pid for pid in workers if running(pid)]) >= 2  # two relays (and a tracker)
    assert not port_is_free(relay.port)

    relay.proc.send_signal(signal.SIGKILL)
    relay.proc.wait()
    try:
        assert wait_for(lambda: not any(running(pid) for pid in workers), GRACE), [
            pid for pid in workers if running(pid)
        ]
        assert wait_for(lambda: port_is_free(relay.port), GRACE)
    finally:
        for pid in workers:  # never leave a stray relay behind a failed test
            if running(pid):
                os.kill(pid, signal.SIGKILL)
    relay.proc = None


def test_without_the_kernel_s_help_the_child_polls(tmp_path: Path) -> None:
    # The portable fallback: a child whose parent dies gets the signal by polling.
    script = tmp_path / "orphan.py"
    pidfile = tmp_path / "child.pid"
    script.write_text(
        f"""
import os, signal, sys, time
import peerhaven.core.lifeline as lifeline
lifeline._ask_kernel = lambda signum: False
lifeline.POLL_INTERVAL = 0.05
parent = os.getpid()
child = os.fork()
if child == 0:
    lifeline.follow_parent(parent, signal.SIGTERM)
    with open({str(pidfile)!r} + ".tmp", "w") as out:
        out.write(str(os.getpid()))
    os.rename({str(pidfile)!r} + ".tmp", {str(pidfile)!r})
    time.sleep(60)
    os._exit(3)
while not os.path.exists({str(pidfile)!r}):
    time.sleep(0.01)
os._exit(0)  # the parent ends without a word to its child
"""
    )
    subprocess.run([sys.executable, str(script)], check=True, timeout=30)
    child = int(pidfile.read_text())
    ended = wait_for(lambda: not running(child), GRACE)
    if not ended:
        os.kill(child, signal.SIGKILL)
    assert ended
