"""Starting plain mode: crisis lines before anything, the passphrase, home, locking, leaving.

``run`` is ``peerhaven --plain``. It claims the store like the app does (one
window per store), asks for the passphrase with echo off (``!`` instead reads the
crisis lines: help never waits behind a passphrase), then reads home until the
member quits. After ``lock_after_minutes`` without an answer, or when the member
types ``l``, the store is closed and the passphrase asked again, as in the app.
``run_opened`` takes over a store the app already unlocked (the ``plain`` setting).
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from peerhaven.core.i18n import _
from peerhaven.plain.console import CRISIS_KEY, Console, Idle, Leave
from peerhaven.plain.session import Session, crisis_text

if TYPE_CHECKING:
    from peerhaven.store import Store

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def _console(reader: TextIO | None, writer: TextIO | None) -> Console:
    return Console(
        reader if reader is not None else sys.stdin,
        writer if writer is not None else sys.stdout,
        lambda: crisis_text(None),
    )


def run(
    path: Path | None = None, *, reader: TextIO | None = None, writer: TextIO | None = None
) -> int:
    """``peerhaven --plain``: unlock, then home, until the member quits."""
    from peerhaven.store.paths import store_path

    console = _console(reader, writer)
    store_file = path if path is not None else store_path()
    console.say(_("PeerHaven, plain mode."))
    console.say(_("Type ! then Enter at any prompt, now too, to hear crisis lines."))
    if not store_file.exists():
        console.say(
            _(
                "There is no store on this device yet; `peerhaven init` makes one, asking "
                "in plain lines too."
            )
        )
        return EXIT_ERROR
    return _claimed(console, store_file, None)


def run_opened(store: Store) -> int:
    """Carry on in plain mode with a store the app has just unlocked."""
    console = _console(None, None)
    console.say(_("PeerHaven, plain mode (your setting)."))
    console.say(_("Type ! then Enter at any prompt to hear crisis lines."))
    return _claimed(console, store.path, store)


def _claimed(console: Console, store_file: Path, store: Store | None) -> int:
    from peerhaven.store.instance import AlreadyOpen, InstanceLock

    lock = InstanceLock(store_file)
    try:
        lock.acquire()
    except AlreadyOpen as exc:
        console.say(str(exc))
        if store is not None:
            store.close()
        return EXIT_ERROR
    try:
        return _sessions(console, store_file, store)
    except KeyboardInterrupt:
        console.say()
        console.say(_("Interrupted; nothing saved was lost."))
        return EXIT_INTERRUPTED
    finally:
        lock.release()


def _sessions(console: Console, store_file: Path, store: Store | None) -> int:
    """Unlock, home, and again after each lock, until the member leaves."""
    from peerhaven.plain.home import Lock, home

    while True:
        try:
            if store is None:
                store = unlock(console, store_file)
            session = _open(console, store)
            home(session)
            console.say(_("Goodbye; everything is saved."))
            return EXIT_OK
        except Leave:
            console.say()
            console.say(_("Goodbye; everything is saved."))
            return EXIT_OK
        except Idle:
            console.say()
            console.say(_("Locked after a while without input; your passphrase opens it again."))
        except Lock:
            console.say(_("Locked; your passphrase opens it again."))
        finally:
            console.idle_seconds = None
            console.crisis_text = lambda: crisis_text(None)
            if store is not None:
                store.close()
                store = None


def _open(console: Console, store: Store) -> Session:
    """A session over the unlocked store, in the member's language and lock time."""
    from peerhaven.store.settings import all_settings

    session = Session(store, console, all_settings(store))
    language = session.settings.get("language")
    if language:
        from peerhaven.core.i18n import use_language

        use_language(str(language))
    console.crisis_text = session.crisis_text
    minutes = session.settings.get("lock_after_minutes")
    console.idle_seconds = float(minutes) * 60 if minutes else None
    return session


def unlock(console: Console, store_file: Path) -> Store:
    """Ask for the passphrase until it opens the store; ``!`` reads the crisis lines."""
    from peerhaven.store import open_store
    from peerhaven.store.errors import WrongPassphrase

    while True:
        passphrase = _passphrase(console)
        if passphrase == CRISIS_KEY:
            console.crisis()
            continue
        if not passphrase:
            console.say(_("The passphrase cannot be empty."))
            continue
        console.say(_("Opening…"))
        try:
            return open_store(store_file, passphrase)
        except WrongPassphrase:
            console.say(_("That passphrase does not open the store; try again."))


def _passphrase(console: Console) -> str:
    """Typed with echo off at a terminal; a line of piped input otherwise."""
    prompt = _("Passphrase (not shown as you type; ! for crisis lines):") + " "
    if console.reader is sys.stdin and sys.stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except EOFError as exc:
            raise Leave from exc
    console.writer.write(prompt)
    console.writer.flush()
    line = console.reader.readline()
    if not line:
        raise Leave
    return line.rstrip("\r\n")
