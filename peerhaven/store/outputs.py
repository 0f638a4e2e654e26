"""Writing a file a member asked for (an export, a saved report) without ever harming the store.

An output path is the one place where a typo can destroy everything: an export
written over ``peerhaven.db`` replaces the encrypted store with plaintext. So a
path is refused when it is the store, its ``-wal``/``-shm`` companions, or
anything inside the data home (followed through symlinks and hard links). The
bytes go to a temporary file in the target's own folder, are fsynced and only
then take the target's name, so a killed run never leaves half a file; the file
is private (mode 0600) and an existing file is replaced only when asked.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from peerhaven.core.i18n import _
from peerhaven.store.errors import BadInput
from peerhaven.store.paths import data_home, store_path

#: the store's companions SQLite creates beside it in WAL mode
_COMPANIONS = ("", "-wal", "-shm", "-journal")


def _protected(home: Path) -> list[Path]:
    store = store_path(home)
    return [store.with_name(store.name + suffix) for suffix in _COMPANIONS]


def check_output_path(out: Path, *, force: bool = False, home: Path | None = None) -> Path:
    """The absolute path to write, or ``BadInput`` naming why this one may not be written."""
    home = (home or data_home()).expanduser()
    target = Path(os.path.abspath(out.expanduser()))
    resolved = target.resolve()
    real_home = home.resolve()
    if resolved == real_home or real_home in resolved.parents:
        raise BadInput(
            _(
                "{out} is inside PeerHaven's data folder ({home}); write it somewhere else so it "
                "can never replace the store."
            ).format(out=out, home=home)
        )
    for protected in _protected(home):
        with contextlib.suppress(OSError):
            if resolved.exists() and protected.exists() and resolved.samefile(protected):
                raise BadInput(
                    _("{out} is PeerHaven's own store; write it somewhere else.").format(out=out)
                )
    if resolved.is_dir():
        raise BadInput(_("{out} is a folder; give the name of a file to write.").format(out=out))
    if target.parent.exists() and not target.parent.is_dir():
        raise BadInput(
            _("{parent} is a file, not a folder to write {name} in.").format(
                parent=target.parent, name=target.name
            )
        )
    if not target.parent.is_dir():
        # a missing folder is far more often a typo than a wish: never made silently
        raise BadInput(
            _(
                "The folder {parent} does not exist; create it first or write somewhere else."
            ).format(parent=target.parent)
        )
    if target.exists() and not force:
        raise BadInput(_("{out} already exists; add --force to replace it.").format(out=out))
    return target


def write_output(out: Path, data: bytes, *, force: bool = False, home: Path | None = None) -> Path:
    """Write ``data`` to ``out`` atomically with mode 0600; returns the path written.

    Without ``force`` an existing file is never replaced, even one that appears
    between the check and the rename (the rename is a hard link, which refuses
    an existing name; on file systems without hard links the check stands).
    """
    target = check_output_path(out, force=force, home=home)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp_name, target)
        else:
            _link_new(tmp_name, target, out)
    finally:
        Path(tmp_name).unlink(missing_ok=True)
    _fsync_dir(target.parent)
    return target


def _link_new(tmp_name: str, target: Path, shown: Path) -> None:
    """Give the temporary file the target's name, refusing a name that now exists."""
    try:
        os.link(tmp_name, target)
    except FileExistsError as exc:
        raise BadInput(
            _("{shown} already exists; add --force to replace it.").format(shown=shown)
        ) from exc
    except OSError:
        # no hard links here (some FAT and network file systems): the earlier check stands
        if target.exists():
            raise BadInput(
                _("{shown} already exists; add --force to replace it.").format(shown=shown)
            ) from None
        os.replace(tmp_name, target)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
