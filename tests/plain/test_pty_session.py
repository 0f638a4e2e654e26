"""A member's day in plain mode, typed through a real terminal (a pty) against a real relay.

The whole session is one ``peerhaven --plain`` process: crisis lines before
unlocking, a wrong passphrase, browse, join with the rules read out, observe,
sync with its announcement, a thread under a content warning opened on request,
a reaction, a reply, a post stopped by the oversharing guard and kept as a
draft, a post that brings the crisis offer, withdrawing, activity, reporting,
muting, blocking, the journal's trend in words, drafts, search, settings,
relays, crisis lines from home, locking and unlocking, quitting. Everything it
wrote is then checked: no escape byte at all (no colour, no cursor movement, no
alternate screen) and the words in the order they were meant to be read.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from peerhaven.core.event import Event
from peerhaven.store import Store, open_store
from peerhaven.store.feed import thread
from peerhaven.store.journal import add_entry
from peerhaven.store.publish import publish_post
from peerhaven.sync import Syncer
from peerhaven.sync.send import send_now
from tests.fixtures.relay import RelayLauncher
from tests.sync.helpers import PASSPHRASE, join_via, member

pytestmark = pytest.mark.slow

CHOICE = "(! for crisis lines):"
WEEK = 7 * 86_400


def community(data: Path, slug: str, name: str, rules: list[str]) -> None:
    """The relay operator's own command, with a rules file."""
    rules_file = data.parent / f"{slug}-rules.txt"
    rules_file.write_text("\n".join(rules) + "\n")
    subprocess.run(
        [sys.executable, "-m", "peerhaven", "relay", "community", "create", slug,
         "--data", str(data), "--name", name, "--description", "for tests",
         "--rules-file", str(rules_file)],
        check=True, capture_output=True,
    )  # fmt: skip


class Plain:
    """Types into plain mode like a member: wait for the question, answer it."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child

    def see(self, text: str) -> None:
        self.child.expect_exact(text)

    def number(self, words: str) -> str:
        """The number read out with an option holding ``words``."""
        self.child.expect(r"(\d+)\. [^\r\n]*" + re.escape(words))
        return str(self.child.match.group(1))

    def choose(self, words: str) -> None:
        """Wait for the option, then for the question, then type its number."""
        number = self.number(words)
        self.answer(number)

    def answer(self, text: str, prompt: str = CHOICE) -> None:
        self.child.expect_exact(prompt)
        self.child.sendline(text)

    def write(self, *lines: str) -> None:
        """Several lines of writing, ended by a full stop alone."""
        for line in (*lines, "."):
            self.child.expect_exact("> ")
            self.child.sendline(line)


def in_order(text: str, *phrases: str) -> None:
    at = 0
    for phrase in phrases:
        found = text.find(phrase, at)
        assert found >= 0, f"{phrase!r} not found after position {at}"
        at = found + len(phrase)


@pytest.fixture
def world(tmp_path: Path, relay_process: RelayLauncher) -> tuple[str, Path, Store, Event]:
    """A relay with two communities; B wrote a thread under a warning; A is ready to start."""
    data = tmp_path / "relay"
    community(data, "grief", "Grief and loss", ["Be gentle.", "No advice unless asked."])
    community(data, "quiet", "Quiet room", ["Whisper."])
    relay = relay_process(data_dir=data, args=["--pubkey-rate", "0"])
    other = member(tmp_path / "b.db", relay.url)
    join_via(other, "grief", relay.url)
    root = publish_post(
        other, "grief", "My mother died in spring and tea with her sister helps.", cw=["loss"]
    )
    send_now(other, root)
    home = tmp_path / "home"
    mine = member(home / "peerhaven.db", relay.url)
    at = int(__import__("time").time())
    add_entry(mine, "a hard week", 4, created_at=at - WEEK - 86_400)
    add_entry(mine, "a better day", 5, created_at=at - 3600)
    mine.close()
    return relay.url, home, other, root


def test_a_whole_day_in_plain_mode_reads_in_order_without_one_escape_byte(
    world: tuple[str, Path, Store, Event],
) -> None:
    url, home, other, root = world
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERHAVEN_")}
    env.pop("NO_COLOR", None)
    # a colour terminal: plain mode must stay plain even where escapes would work
    env.update(PEERHAVEN_HOME=str(home), TERM="xterm-256color", COLUMNS="80", LINES="24")
    transcript = io.StringIO()
    child = pexpect.spawn(
        sys.executable,
        ["-m", "peerhaven", "--plain"],
        env=env,
        timeout=int(os.environ.get("PLAIN_TIMEOUT", "60")),
        dimensions=(24, 80),
        encoding="utf-8",
    )
    child.logfile_read = transcript
    plain = Plain(child)
    try:
        # before unlocking: crisis lines, then a wrong passphrase, then the right one
        plain.answer("!", "! for crisis lines):")
        plain.see("call your local emergency number")
        plain.answer("not the passphrase", "! for crisis lines):")
        plain.see("That passphrase does not open the store; try again.")
        plain.answer(PASSPHRASE, "! for crisis lines):")

        # browse: join grief (rules read out, accepted), observe quiet
        plain.choose("Browse communities")
        plain.choose("Grief and loss")
        plain.choose("Join it")
        plain.see("Rule 2: No advice unless asked.")
        plain.answer("y", "Enter for no):")
        plain.choose("A new persona")
        plain.see("Joined Grief and loss as")
        plain.choose("Quiet room")
        plain.choose("Observe it")
        plain.see("Observing Quiet room")
        plain.answer("b")

        # sync: B's thread arrives and is announced on its own line
        plain.choose("Sync now")
        plain.see("received")
        plain.see("1 new post in Grief and loss")

        # read the community: the thread is folded under its warning, opened on request
        plain.choose("Your communities")
        plain.choose("Grief and loss")
        plain.choose("folded: Content warning: loss")
        plain.see("Folded: Content warning: loss")
        plain.answer("1")
        plain.answer("y", "Enter for no):")
        plain.see("Content warning: loss.")
        plain.see("My mother died in spring")
        plain.choose("React to it")
        plain.choose("sending support")
        plain.see("Reacted “sending support”. Sent.")

        # reply to the first post
        plain.answer("r")
        plain.write("I am so sorry. Tea with family helps me too.")
        plain.answer("", "Enter for none:")
        plain.see("Reply saved. Sent.")
        plain.answer("b")

        # a post with an e-mail address: the guard stops it; kept as a draft
        plain.answer("n")
        plain.write("You can email me at sam.jones@example.com")
        plain.answer("", "Enter for none:")
        plain.see("This text seems to contain an e-mail address.")
        plain.choose("Keep it as a draft")
        plain.see("Kept as a draft")

        # a post that sounds like a crisis: the lines are offered, the post still goes
        plain.answer("n")
        plain.write("Some nights I want to end my life.")
        plain.answer("", "Enter for none:")
        plain.see("It sounds like things may be very hard right now.")
        plain.see("call your local emergency number")
        plain.choose("Publish it")
        plain.see("Post saved. Sent.")

        # withdraw that post again
        plain.choose("Some nights I want to end my life")
        plain.see("Post 1, by")
        plain.answer("1")
        plain.choose("Withdraw it")
        plain.answer("y", "Enter for no):")
        plain.see("Withdrawn here")
        plain.answer("b")
        plain.answer("b")

        # search finds the reply and opens its thread
        plain.choose("Search")
        plain.answer("tea", "Enter to go back:")
        plain.see("Posts: ")
        plain.choose("in grief")
        plain.see("A thread of")
        plain.answer("b")

        # B answers A's reply; a sync brings it and Activity tells A
        with Syncer(other) as syncer:
            syncer.sync(force=True)
        reply = thread(other, root.id).replies[0]
        send_now(other, publish_post(other, "grief", "Thank you, truly.", reply_to=reply.id))
        plain.choose("Sync now")
        plain.see("1 new thing for you in Activity")
        plain.choose("Activity")
        plain.see("new: ")
        plain.answer("a")
        plain.see("Everything here is marked read.")
        plain.choose("Activity")
        plain.choose("replied to you in grief")
        plain.see("Thank you, truly.")

        # from the thread: report B's post, mute B, block B
        plain.answer("1")
        plain.answer("n", "Enter for no):")  # the first post stays folded under its warning
        plain.choose("Report it")
        plain.answer("It gives advice nobody asked for.", "can read this:")
        plain.see("Reported to the moderators of grief; only they can read why.")
        plain.answer("1")
        plain.answer("n", "Enter for no):")
        plain.choose("Mute its author")
        plain.see("Muted ")
        plain.answer("1")
        plain.see("This post is folded: ")  # muted now: folded, whatever its warning says
        plain.answer("n", "Enter for no):")
        plain.choose("Block its author")
        plain.answer("y", "Enter for no):")
        plain.see("Blocked ")
        plain.answer("b")

        # the journal: a new entry with a mood, the trend in words, the entries read back
        plain.choose("Journal")
        plain.see("Average 5.0 this week (1 entry), up from 4.0.")
        plain.choose("Write an entry")
        plain.write("Walked by the river.")
        plain.answer("7", "(good):")
        plain.answer("river, walk", "Enter for none:")
        plain.see("Saved, mood 7")
        plain.see("Average 6.0 this week (2 entries), up from 4.0.")
        plain.choose("Read your entries")
        plain.see("Walked by the river.")
        plain.answer("b")

        # drafts: the guarded post waits there; read back, then deleted
        plain.choose("Drafts")
        plain.choose("grief")
        plain.see("sam.jones@example.com")
        plain.choose("Delete it")
        plain.answer("y", "Enter for no):")
        plain.see("Draft deleted.")
        plain.see("No drafts.")

        # settings: lock time, the relays, the blocks and mutes
        plain.choose("Settings")
        plain.choose("lock_after_minutes")
        plain.answer("15", "to keep it):")
        plain.see("lock_after_minutes is now 15.")
        plain.choose("Relays")
        plain.see(url)
        plain.answer("b")
        plain.choose("Lift a block or a mute")
        plain.choose("Blocked:")
        plain.see("Lifted.")
        plain.answer("b")

        # crisis lines from home, lock, unlock, quit
        plain.choose("Crisis lines")
        plain.see("call your local emergency number")
        plain.answer("l")
        plain.see("Locked; your passphrase opens it again.")
        plain.answer(PASSPHRASE, "! for crisis lines):")
        plain.see("Home.")
        plain.answer("q")
        plain.see("Goodbye; everything is saved.")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
        other.close()
        print(transcript.getvalue())  # shown when the test fails
    assert child.exitstatus == 0
    raw = transcript.getvalue()
    # no ESC at all: no colour, no cursor movement, no alternate screen, no title
    assert "\x1b" not in raw, raw[max(0, raw.find("\x1b") - 200) : raw.find("\x1b") + 50]
    text = raw.replace("\r\n", "\n")
    in_order(
        text,
        "PeerHaven, plain mode.",
        "call your local emergency number",
        "That passphrase does not open the store",
        "Home.",
        "The rules of Grief and loss:",
        "Rule 1: Be gentle.",
        "Rule 2: No advice unless asked.",
        "Joined Grief and loss as",
        "Observing Quiet room",
        "\n1 new post in Grief and loss\n",
        "Grief and loss, community grief.",
        "Folded: Content warning: loss",
        "Content warning: loss.",
        "Reacted “sending support”. Sent.",
        "Reply saved. Sent.",
        "This text seems to contain an e-mail address.",
        "Kept as a draft",
        "It sounds like things may be very hard right now.",
        "Post saved. Sent.",
        "Withdrawn here",
        "\n1 new thing for you in Activity\n",
        "replied to you in grief",
        "Reported to the moderators of grief",
        "Average 5.0 this week (1 entry), up from 4.0.",
        "Average 6.0 this week (2 entries), up from 4.0.",
        "Draft deleted.",
        "lock_after_minutes is now 15.",
        "Locked; your passphrase opens it again.",
        "Goodbye; everything is saved.",
    )
    # what was done reached the store the app and the CLI read
    store = open_store(home / "peerhaven.db", PASSPHRASE)
    try:
        from peerhaven.store.settings import get_setting

        assert get_setting(store, "lock_after_minutes") == 15
    finally:
        store.close()
