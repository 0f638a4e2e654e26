"""A child process that ends when its parent ends, however the parent ends.

Why: ``relay serve --workers N`` runs N processes that each listen on the port.
A parent killed with SIGKILL (an OOM killer, a naive supervisor) cannot forward
anything, and its workers used to go on serving; the next start then shared the
port and the database with those orphans.

How: on Linux the child asks the kernel to send it a signal when its parent
ends (``prctl(PR_SET_PDEATHSIG)``). That request only covers a parent alive at
the time of the call, so the child then checks that its parent is still the
original one (``getppid``) and signals itself if not. Elsewhere, or if the call
fails, a daemon thread polls ``getppid`` once a second instead.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

#: from <linux/prctl.h>
_PR_SET_PDEATHSIG = 1
#: seconds between two looks at the parent, where the kernel cannot tell us
POLL_INTERVAL = 1.0


def follow_parent(parent: int, signum: int = signal.SIGTERM) -> None:
    """Send ``signum`` to this process once ``parent`` (its parent's pid) has ended.

    Call it first thing in the child, before it takes any resource worth freeing.
    """
    if not _ask_kernel(signum):
        threading.Thread(
            target=_watch, args=(parent, signum), name="parent-watch", daemon=True
        ).start()
    if os.getppid() != parent:  # it ended before the kernel was asked
        os.kill(os.getpid(), signum)


def _ask_kernel(signum: int) -> bool:
    """Whether the kernel now signals this process when its parent ends."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int, signum: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_INTERVAL)
    os.kill(os.getpid(), signum)
