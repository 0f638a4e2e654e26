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
            "4",  # journal
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
