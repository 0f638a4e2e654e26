"""One app window per store: the second is told so; the lock goes with the process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from peerhaven.store.instance import AlreadyOpen, InstanceLock, lock_path


def test_a_second_claim_on_the_same_store_is_refused_in_words(tmp_path: Path) -> None:
    store = tmp_path / "home" / "peerhaven.db"
    first = InstanceLock(store)
    first.acquire()
    assert lock_path(store).exists()
    with pytest.raises(AlreadyOpen, match="already open in another window"):
        InstanceLock(store).acquire()
    InstanceLock(tmp_path / "other.db").acquire()  # another store is another matter
    first.release()
    with InstanceLock(store) as again:
        assert again.held


def test_the_lock_goes_when_its_process_ends_however_it_ends(tmp_path: Path) -> None:
    store = tmp_path / "peerhaven.db"
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from peerhaven.store.instance import InstanceLock\n"
        f"InstanceLock(Path({str(store)!r})).acquire()\n"
        "print('held', flush=True)\n"
        "sys.stdin.readline()\n"
        "os._exit(9)\n"  # no clean-up at all, as in a crash
    )
    with subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdin is not None and holder.stdout is not None
        try:
            assert holder.stdout.readline().strip() == "held"
            with pytest.raises(AlreadyOpen):
                InstanceLock(store).acquire()
        finally:
            holder.stdin.write("\n")
            holder.stdin.flush()
            holder.wait(timeout=30)
    with InstanceLock(store) as mine:
        assert mine.held
