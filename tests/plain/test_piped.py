"""Plain mode over a pipe (a script, or a screen reader's own line input): the same words."""

from __future__ import annotations

import io
import os
import pty

import pytest

from peerhaven.plain.console import Console, Idle
from tests.fixtures.store import PASSPHRASE, Cli


def test_without_a_store_it_says_how_to_make_one(cli: Cli) -> None:
    result = cli("--plain")
    assert result.code == 1
    assert "There is no store on this device yet; `peerhaven init` makes one" in result.out


def test_a_piped_session_unlocks_writes_in_the_journal_and_leaves_at_the_end_of_input(
    cli: Cli,
) -> None:
    assert cli("init", PEERHAVEN_NEW_PASSPHRASE=PASSPHRASE).code == 0
    typed = "\n".join(
        [
            "!",  # crisis lines before unlocking
            "not it",
            PASSPHRASE,
            "6",  # journal
            "1",  # write an entry
            "Slept well.",
            ".",
            "0",  # not a mood
            "5",
            "sleep",
            "b",
        ]
    )
    result = cli("--plain", stdin=typed + "\n")  # input ends without q
    assert result.code == 0, result.err
    out = result.out
    assert "\x1b" not in out
    assert out.index("call your local emergency number") < out.index("Opening…")
    assert "That passphrase does not open the store; try again." in out
    assert "Type a whole number from 1 to 10." in out
    assert "Average 5.0 this week (1 entry); none the week before." in out
    assert out.rstrip().endswith("Goodbye; everything is saved.")


def test_an_unanswered_prompt_at_a_terminal_raises_idle() -> None:
    """The session locks on ``Idle``; a pipe has no idle time (a script may be slow)."""
    leader, follower = pty.openpty()
    try:
        with os.fdopen(follower, "r", closefd=False) as reader:
            console = Console(reader, io.StringIO(), lambda: "")
            console.idle_seconds = 0.01
            with pytest.raises(Idle):
                console.ask("Anything:")
            os.write(leader, b"7\n")
            assert console.ask("Anything:") == "7"
    finally:
        os.close(leader)
        os.close(follower)


def test_a_session_left_alone_locks_and_the_passphrase_opens_it_again(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock time, shortened: Idle closes the store and asks for the passphrase again."""
    import threading
    import time

    from peerhaven.plain import run as plain_run
    from peerhaven.store.paths import store_path

    assert cli("init", PEERHAVEN_NEW_PASSPHRASE=PASSPHRASE).code == 0
    path = store_path(cli.home)
    opened: list[object] = []
    original = plain_run._open

    def open_once_briefly(console: Console, store: object) -> object:
        session = original(console, store)  # type: ignore[arg-type]
        if not opened:
            console.idle_seconds = 0.05  # the first session only: lock almost at once
        opened.append(store)
        return session

    monkeypatch.setattr(plain_run, "_open", open_once_briefly)
    leader, follower = pty.openpty()
    out = io.StringIO()
    codes: list[int] = []
    with os.fdopen(follower, "r", closefd=False) as reader:
        worker = threading.Thread(
            target=lambda: codes.append(plain_run.run(path, reader=reader, writer=out))
        )
        worker.start()

        def until(text: str, times: int = 1) -> None:
            deadline = time.monotonic() + 30
            while out.getvalue().count(text) < times:
                assert time.monotonic() < deadline, out.getvalue()
                time.sleep(0.01)

        os.write(leader, (PASSPHRASE + "\n").encode())
        until("Locked after a while without input")
        os.write(leader, (PASSPHRASE + "\n").encode())
        until("Type 1 to 11, l or q", times=2)  # home again, after the second unlock
        os.write(leader, b"q\n")
        worker.join(30)
    os.close(leader)
    os.close(follower)
    assert codes == [0]
    text = out.getvalue()
    assert text.count("Opening…") == 2 and len(opened) == 2
    assert opened[0] is not opened[1]  # a new connection: the first was closed on locking
    assert text.rstrip().endswith("Goodbye; everything is saved.")
