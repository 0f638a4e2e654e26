"""Two members talk privately in plain mode, each in a real terminal (a pty), over a real relay.

Ana and Ben met in Grief and loss. Ana writes to Ben from his post (a request
for Ben), Ben hears the request announced at home, reads it (the opening folded
behind its warning until asked), accepts and answers; Ana hears the answer
announced and reads the conversation in order. Then Ana starts a circle and reads
an invite code out; Ben joins with it, and once Ana's device has let him in he
posts there and Ana reads it. Both transcripts hold no escape byte and read in
order.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pexpect
import pytest

from peerhaven.store.communities import membership
from peerhaven.store.dm import conversations, messages
from peerhaven.store.publish import publish_post
from peerhaven.sync import Syncer
from tests.fixtures.relay import RelayLauncher
from tests.plain.test_pty_session import Plain, community, in_order
from tests.sync.helpers import PASSPHRASE, join_via, member

pytestmark = pytest.mark.slow

SLUG = "grief"


def _sync(home: Path) -> None:
    from peerhaven.store import open_store

    with open_store(home / "peerhaven.db", PASSPHRASE) as store, Syncer(store) as syncer:
        report = syncer.sync(force=True)
    assert not any(relay.error for relay in report.relays)


@pytest.fixture
def homes(tmp_path: Path, relay_process: RelayLauncher) -> tuple[Path, Path]:
    """A relay with one community; Ana and Ben joined it and each posted once."""
    data = tmp_path / "relay"
    community(data, SLUG, "Grief and loss", ["Be gentle."])
    relay = relay_process(data_dir=data, args=["--pubkey-rate", "0"])
    homes = (tmp_path / "ana", tmp_path / "ben")
    for home, words in zip(
        homes, ("Ana here; evenings are the hardest.", "Ben. Same here."), strict=True
    ):
        store = member(home / "peerhaven.db", relay.url)
        join_via(store, SLUG, relay.url)
        publish_post(store, SLUG, words)
        store.close()
    for home in (*homes, homes[0]):  # Ben's keys for messages reach the relay; Ana sees his post
        _sync(home)
    return homes


def _spawn(home: Path, transcript: io.StringIO) -> Plain:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERHAVEN_")}
    env.pop("NO_COLOR", None)
    env.update(PEERHAVEN_HOME=str(home), TERM="xterm-256color", COLUMNS="80", LINES="24")
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
    plain.answer(PASSPHRASE, "! for crisis lines):")
    plain.see("Home.")
    return plain


def test_a_request_accepted_answered_and_read_then_a_circle_joined_in_plain_mode(
    homes: tuple[Path, Path],
) -> None:
    ana_home, ben_home = homes
    ana_said, ben_said = io.StringIO(), io.StringIO()
    ana = _spawn(ana_home, ana_said)
    ben: Plain | None = None
    try:
        # Ana writes to Ben from his post, under a content warning
        ana.choose("Your communities")
        ana.choose("Grief and loss")
        ana.choose("Ben. Same here.")
        ana.answer("1")
        ana.choose("Write privately to its author")
        ana.see("Your first message reaches")
        ana.answer("w")
        ana.write("Your post stayed with me.", "Can we talk?")
        ana.answer("loss", "Enter for none:")
        ana.see("Message saved. Sent.")
        ana.answer("b")  # the conversation
        ana.answer("b")  # the thread
        ana.answer("b")  # the community

        # Ben: the request is announced at home, read (folded until asked), accepted, answered
        ben = _spawn(ben_home, ben_said)
        ben.choose("Sync now")
        ben.see("Messages: 1 request")
        ben.choose("Messages: 1 request")
        ben.answer("r")
        ben.choose("met in grief")
        ben.see("The opening is folded: content warning “loss”.")
        ben.answer("y", "Enter for no):")
        ben.see("Can we talk?")
        ben.choose("Accept")
        ben.see("You accepted")
        ben.see("Message 1, from")
        ben.answer("w")
        ben.write("Yes. Evenings are hard for me too.")
        ben.answer("", "Enter for none:")
        ben.see("Message saved. Sent.")
        ben.see("Message 2, from you")
        ben.answer("b")  # the conversation; no request is left, so Messages
        ben.answer("b")  # messages

        # Ana: the answer is announced, then read in order, the warning announced first
        ana.choose("Sync now")
        ana.see("Messages: 1 new message from 1 person")
        ana.choose("Messages: 1 new message")
        ana.choose("1 new")
        ana.see("Message 1, from you")
        ana.see("Folded: content warning “loss”.")
        ana.see("Message 2, from")
        ana.see("Yes. Evenings are hard for me too.")
        ana.answer("b")

        # Ana starts a circle and reads an invite code out once
        ana.answer("c")
        ana.answer("s")
        ana.answer("Tuesday evenings", "Enter to go back:")
        ana.write("Be kind.")
        ana.see("Tuesday evenings is started")
        ana.choose("Tuesday evenings")
        ana.answer("i")
        ana.see("The invite code, read out once:")
        ana.child.expect(r"\r\n(\S+)\r\n")
        code = str(ana.child.match.group(1))
        ana.see("Pass this code on privately")

        # Ben joins with it
        ben.choose("Circles")
        ben.answer("j")
        ben.answer(code, "Enter to go back:")
        ben.see("Your request to join is on its way")
        ben.answer("b")

        # Ana's device lets Ben in at its sync; Ben's sync opens the circle; he posts
        ana.answer("b")  # the circle
        ana.answer("b")  # circles
        ana.answer("b")  # messages
        ana.choose("Sync now")
        ana.see("Home.")  # the sync and the welcome it asked for are done
        ben.choose("Sync now")
        ben.choose("Circles")
        ben.choose("Tuesday evenings")
        ben.see("You are a member.")
        ben.answer("n")
        ben.write("Glad to be here.")
        ben.answer("", "Enter for none:")
        ben.see("Post saved. Sent.")
        ben.answer("b")
        ben.answer("b")
        ben.answer("q")
        ben.see("Goodbye; everything is saved.")
        ben.child.expect(pexpect.EOF)

        # Ana hears it and reads it
        ana.choose("Sync now")
        ana.see("1 new post in the circle Tuesday evenings")
        ana.choose("Circles")
        ana.choose("Tuesday evenings")
        ana.see("Glad to be here.")
        ana.answer("m")
        ana.see("2 members:")
        ana.answer("b")
        ana.answer("b")
        ana.answer("q")
        ana.see("Goodbye; everything is saved.")
        ana.child.expect(pexpect.EOF)
    finally:
        ana.child.close(force=True)
        if ben is not None:
            ben.child.close(force=True)
        print(ana_said.getvalue())  # shown when the test fails
        print(ben_said.getvalue())
    assert ana.child.exitstatus == 0 and ben is not None and ben.child.exitstatus == 0
    for raw in (ana_said.getvalue(), ben_said.getvalue()):
        assert "\x1b" not in raw, raw[max(0, raw.find("\x1b") - 200) : raw.find("\x1b") + 50]
    in_order(
        ana_said.getvalue().replace("\r\n", "\n"),
        "Home.",
        "Message saved. Sent.",
        "\nMessages: 1 new message from 1 person\n",
        "Message 1, from you",
        "Folded: content warning “loss”.",
        "Message 2, from",
        "Yes. Evenings are hard for me too.",
        "The invite code, read out once:",
        "Pass this code on privately",
        "\n1 new post in the circle Tuesday evenings\n",
        "Glad to be here.",
        "Goodbye; everything is saved.",
    )
    in_order(
        ben_said.getvalue().replace("\r\n", "\n"),
        "Home.",
        "\nMessages: 1 request\n",
        "The opening is folded: content warning “loss”.",
        "Your post stayed with me.",
        "Can we talk?",
        "You accepted",
        "Message 1, from",
        "Message saved. Sent.",
        "Your request to join is on its way",
        "You are a member.",
        "Post saved. Sent.",
        "Goodbye; everything is saved.",
    )
    # what plain mode did is what the CLI and the app read
    from peerhaven.store import open_store

    with open_store(ana_home / "peerhaven.db", PASSPHRASE) as store:
        mine = membership(store, SLUG).persona
        [row] = conversations(store)
        texts = [m.text for m in messages(store, mine, row.peer)]
    assert texts == [
        "Your post stayed with me.\nCan we talk?",
        "Yes. Evenings are hard for me too.",
    ]
