"""Opening, creating and re-keying the one SQLCipher file that holds everything.

Why these pragmas:
- ``cipher_log_level = NONE`` first, or SQLCipher prints decryption failures
  (a wrong passphrase) to stderr behind our one-sentence error;
- WAL with ``synchronous = FULL``: a killed process or a power cut leaves the
  last committed transaction intact, and readers never block the writer;
- ``secure_delete`` zeroes freed pages, so deleted text is gone from the file
  and not merely unlinked; ``temp_store = MEMORY`` keeps sorts and temporary
  indexes off the disk, where they would not be encrypted.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlcipher3 import dbapi2

from peerhaven.core import inputs
from peerhaven.core.i18n import _, ngettext
from peerhaven.core.sentences import clause
from peerhaven.store.errors import (
    BadInput,
    DiskFull,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreNotFound,
    WrongPassphrase,
)
from peerhaven.store.migrations import migrate

PAGE_SIZE = 4096
BUSY_TIMEOUT_MS = 10_000
_REKEY_SUFFIX = ".rekey-tmp"
_INIT_SUFFIX = ".init-tmp"

DatabaseError = dbapi2.DatabaseError


def _quote(passphrase: str) -> str:
    # PRAGMA key takes no bound parameters; a quoted literal is the documented form.
    return "'" + passphrase.replace("'", "''") + "'"


#: below this much free space, an I/O error while writing is the disk being full
LOW_SPACE_BYTES = 1024 * 1024


def disk_nearly_full(path: Path) -> bool:
    """Whether the file system holding ``path`` has (almost) no space left for us."""
    where = path if path.is_dir() else path.parent
    while not where.exists() and where != where.parent:
        where = where.parent
    try:
        stats = os.statvfs(where)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < LOW_SPACE_BYTES


def _disk_full(path: Path) -> DiskFull:
    return DiskFull(
        _(
            "The disk holding {path} is full; the last change was not saved and everything "
            "saved before it is intact."
        ).format(path=path)
    )


def translate(exc: BaseException, path: Path) -> StoreError:
    """Turn a driver error into the one sentence a person can act on.

    A full disk does not always say so: SQLite reports a failed write of its
    journal or shared-memory file as "disk I/O error", so an I/O error with no
    space left is told as the full disk it is.
    """
    message = str(exc).lower()
    if "full" in message or ("i/o error" in message and disk_nearly_full(path)):
        return _disk_full(path)
    if "locked" in message or "busy" in message:
        return StoreBusy(
            _("Another PeerHaven process is writing to the store; try again in a moment.")
        )
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return StoreDamaged(
            _("The store at {path} is damaged and cannot be read; it was left as it is.").format(
                path=path
            )
        )
    return StoreError(
        _("The store at {path} could not be used: {error}.").format(
            path=path, error=clause(str(exc))
        )
    )


def translate_os_error(exc: OSError, path: Path) -> StoreError:
    """A file-system refusal while creating or replacing the store, in words."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _disk_full(path)
    reason = exc.strerror or "the file system refused"
    return StoreError(
        _("The store at {path} could not be written ({reason}); nothing was changed.").format(
            path=path, reason=reason
        )
    )


class Store:
    """An unlocked store: one connection, kept for the whole run (unlocking costs ~80 ms)."""

    def __init__(self, conn: dbapi2.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn)
        #: transactions open on this connection, and the thread that opened the outer one
        self._depth = 0
        self._thread = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[dbapi2.Connection]:
        """One atomic unit of work: committed entirely or not at all.

        A transaction opened inside another joins it (the outer one commits or
        rolls back everything), so a use case made of other use cases, such as
        an import that stores events, stays all or nothing. Only the same thread
        joins: another thread's work is never folded into this one.
        """
        if self._depth and self._thread == threading.get_ident():
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self._depth, self._thread = 1, threading.get_ident()
        try:
            with self.conn:
                yield self.conn
        except DatabaseError as exc:
            raise translate(exc, self.path) from exc
        finally:
            self._depth = 0

    def execute(self, sql: str, params: Any = ()) -> dbapi2.Cursor:
        """Run one statement, with driver errors turned into store errors."""
        try:
            return self.conn.execute(sql, params)
        except DatabaseError as exc:
            raise translate(exc, self.path) from exc

    def scrub(self) -> None:
        """Fold the WAL into the main file and truncate it, so deleted rows leave no frames."""
        self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def verify_integrity(self) -> None:
        """Check every page's HMAC and the b-tree structure; raise ``StoreDamaged`` on damage.

        Too slow to run on every unlock (it reads the whole file), so it backs
        ``peerhaven check`` and runs after imports, not at start-up.
        """
        problems = [row[0] for row in self.execute("PRAGMA cipher_integrity_check").fetchall()]
        if not problems:
            problems = [
                row[0] for row in self.execute("PRAGMA quick_check").fetchall() if row[0] != "ok"
            ]
        if not problems:
            # the posts index covers only posts and their edits, so it is checked on its own;
            # journal and drafts indexes are checked against their tables too
            for table, against_content in (
                ("posts_fts", 0),
                ("journal_fts", 1),
                ("drafts_fts", 1),
                ("dm_fts", 1),
            ):
                try:
                    self.conn.execute(
                        f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', ?)",
                        (against_content,),
                    )
                except DatabaseError as exc:
                    problems.append(f"search index {table}: {exc}")
        if problems:
            raise StoreDamaged(
                ngettext(
                    "The store at {path} is damaged ({count} problem: {problems}); it was left "
                    "as it is.",
                    "The store at {path} is damaged ({count} problems, first: {problems}); it "
                    "was left as it is.",
                    len(problems),
                ).format(path=self.path, count=len(problems), problems=problems[0])
            )

    def close(self) -> None:
        """Close the connection; SQLite removes the WAL when the last connection goes."""
        with contextlib.suppress(DatabaseError):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path, passphrase: str) -> dbapi2.Connection:
    conn = dbapi2.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {_quote(passphrase)}")
    return conn


def _configure(conn: dbapi2.Connection) -> None:
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA synchronous = FULL")


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size == 0 or size % PAGE_SIZE:
        raise StoreDamaged(
            _(
                "The store at {path} is truncated or is not a PeerHaven store; it was left as it "
                "is."
            ).format(path=path)
        )


def _unlock(path: Path, passphrase: str, *, exclusive: bool) -> dbapi2.Connection:
    """A keyed connection whose first read succeeded (proof of the right passphrase)."""
    conn = _connect(path, passphrase)
    try:
        if exclusive:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError:
        conn.close()
        raise
    return conn


def _unlock_error(exc: BaseException, path: Path) -> StoreError:
    if "not a database" in str(exc).lower():
        return WrongPassphrase(
            _(
                "That passphrase does not unlock the store (or its first page is damaged); "
                "nothing was changed."
            )
        )
    return translate(exc, path)


def open_store(path: Path, passphrase: str) -> Store:
    """Unlock an existing store and bring its schema up to date.

    A wrong passphrase and a damaged file are told apart as far as SQLCipher
    allows: page 1 failing its HMAC is a wrong passphrase (or a damaged first
    page, which the message admits); anything later is damage.
    """
    _cleanup_rekey_leftover(path)
    try:
        inputs.passphrase(passphrase)
    except inputs.InputRefused as exc:
        raise BadInput(exc.for_field("The passphrase")) from exc
    if not path.exists():
        raise StoreNotFound(
            _("There is no store at {path} yet; run `peerhaven init` first.").format(path=path)
        )
    _check_size(path)
    try:
        conn = _unlock(path, passphrase, exclusive=False)
    except DatabaseError as exc:
        if not disk_nearly_full(path) or "not a database" in str(exc).lower():
            raise _unlock_error(exc, path) from exc
        # No room for the shared-memory index: in exclusive locking mode SQLite keeps it
        # in memory, so the store can still be read (and what does not fit is refused).
        try:
            conn = _unlock(path, passphrase, exclusive=True)
        except DatabaseError as again:
            raise _unlock_error(again, path) from again
    try:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        _configure(conn)
        migrate(conn)
    except DatabaseError as exc:
        conn.close()
        raise translate(exc, path) from exc
    return Store(conn, path)


def _link_into_place(tmp: Path, path: Path) -> None:
    """Give the finished file its name; unlike a rename, a hard link never replaces a store."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        if path.exists():  # no hard links on this file system: check, then rename
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from exc
        os.rename(tmp, path)


def _not_created(error: StoreError, path: Path) -> StoreError:
    """An init that failed for lack of space says so, and that nothing was created."""
    if isinstance(error, DiskFull):
        return DiskFull(
            _("The disk holding {path} is full; no store was created.").format(path=path)
        )
    return error


def has_store(path: Path) -> bool:
    """Whether a store is at ``path``: an empty file left by a failed init does not count."""
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def _remove_with_sidecars(path: Path) -> None:
    for leftover in (path, *_sidecars(path)):
        leftover.unlink(missing_ok=True)


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def create_store(
    path: Path, passphrase: str, *, prepare: Callable[[Store], object] | None = None
) -> Store:
    """Create a new store, all or nothing, and return it open.

    The store is built in a private temporary file (mode 0600 from its first
    byte), ``prepare`` runs in it (``init`` makes the first persona there), and
    only a complete, closed, fsynced file is linked into place; any failure (a
    passphrase SQLCipher refuses, a full disk, an exception in ``prepare``)
    removes the temporary file and leaves no store behind. An existing store is
    never touched; an empty file left by a failed init of an older version is
    replaced.
    """
    if not passphrase:
        raise BadInput(_("The passphrase cannot be empty."))
    try:
        inputs.passphrase(passphrase)
    except inputs.InputRefused as exc:
        raise BadInput(exc.for_field("The passphrase")) from exc
    if has_store(path):
        raise StoreExists(
            _("A store already exists at {path}; nothing was changed.").format(path=path)
        )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + _INIT_SUFFIX)
    _remove_with_sidecars(tmp)  # a killed init's half-built file
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        conn = _connect(tmp, passphrase)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            _configure(conn)
            migrate(conn)
            if prepare is not None:
                prepare(Store(conn, tmp))
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        _fsync_file(tmp)
        if path.exists() and not has_store(path):
            path.unlink()  # the empty leftover of an older failed init
        _link_into_place(tmp, path)
    except FileExistsError as exc:
        raise StoreExists(
            _("A store already exists at {path}; nothing was changed.").format(path=path)
        ) from exc
    except DatabaseError as exc:
        raise _not_created(translate(exc, path), path) from exc
    except OSError as exc:
        raise _not_created(translate_os_error(exc, path), path) from exc
    finally:
        _remove_with_sidecars(tmp)
    _fsync_dir(path.parent)
    return open_store(path, passphrase)


def change_passphrase(store: Store, new_passphrase: str) -> Store:
    """Re-encrypt the store under a new passphrase and return it reopened.

    The new file is written beside the old one and swapped in with an atomic
    rename, so a process killed at any instant leaves either the old store with
    the old passphrase or the new one with the new, never a half-rekeyed file.
    """
    if not new_passphrase:
        raise BadInput(_("The new passphrase cannot be empty."))
    try:
        inputs.passphrase(new_passphrase)
    except inputs.InputRefused as exc:
        raise BadInput(exc.for_field("The new passphrase")) from exc
    path = store.path
    tmp = path.with_name(path.name + _REKEY_SUFFIX)
    tmp.unlink(missing_ok=True)
    conn = store.conn
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY {_quote(new_passphrase)}", (str(tmp),))
        conn.execute("SELECT sqlcipher_export('rekeyed')")
        conn.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        conn.execute("DETACH DATABASE rekeyed")
    except DatabaseError as exc:
        tmp.unlink(missing_ok=True)
        raise translate(exc, path) from exc
    store.close()
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(tmp, path)
    _fsync_dir(path.parent)
    return open_store(path, new_passphrase)


def _cleanup_rekey_leftover(path: Path) -> None:
    # A rekey killed before its rename leaves a partial copy; the original is intact.
    path.with_name(path.name + _REKEY_SUFFIX).unlink(missing_ok=True)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
