"""One app window per store: a lock file next to the store, held while the app runs.

Why: two app windows on one store each keep an open draft, a settings screen and a sync
of their own; the second would silently overwrite what the first saves, and a passphrase
change in one pulls the file from under the other. So the app takes an exclusive,
non-blocking ``flock`` on ``<store>.lock`` when it starts and keeps it until it exits; a
second app finds it taken and says so in one sentence.

The CLI does not take this lock: its commands are short, and SQLite's own locking (WAL,
a busy timeout) keeps every write whole alongside the open app, so ``peerhaven journal
add`` works while the app is open (the app shows the entry when its list next loads).
The one exception is ``peerhaven passphrase change``, which replaces the file: it asks
for the lock too and refuses while the app is open.

The lock is the operating system's: it goes when the process ends, however it ends, so a
crash never leaves a stale lock behind. The file itself holds nothing and is left in
place (removing it while another process waits on it would let two hold "the" lock).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from peerhaven.core.i18n import N_, _
from peerhaven.store.errors import StoreError

#: said by the app and by ``passphrase change`` when the app holds the store
ALREADY_OPEN = N_(
    "PeerHaven is already open in another window on this store; switch to that window, "
    "or quit it (Ctrl+Q) and start PeerHaven again here."
)


class AlreadyOpen(StoreError):
    """Another app window holds this store."""


def lock_path(store_file: Path) -> Path:
    """The lock file beside the store (``peerhaven.db.lock``)."""
    return store_file.with_name(store_file.name + ".lock")


class InstanceLock:
    """The app's claim on one store; ``acquire`` raises ``AlreadyOpen`` when it is taken."""

    def __init__(self, store_file: Path) -> None:
        self.path = lock_path(store_file)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this process holds the lock now."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock without waiting (the folder is created if it is not there yet)."""
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise AlreadyOpen(_(ALREADY_OPEN)) from exc
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        """Let go (closing the descriptor drops the lock)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
