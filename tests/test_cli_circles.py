"""`peerhaven circle ...` on one device: what each command says, and what it refuses.

Two devices talking through a real relay are in tests/sync/test_cli_circles_relay.py.
"""

from __future__ import annotations

import json

from peerhaven.core.circles.invite import Invite
from peerhaven.core.keys import Keypair
from tests.fixtures.store import Cli

UNREACHABLE = "http://127.0.0.1:9"


def _owner(cli: Cli) -> str:
    assert cli("init").code == 0
    assert cli("relays", "add", UNREACHABLE).code == 0
    made = cli("circle", "create", "Morning group", "--rules", "Be kind.\nNo advice.")
    assert made.code == 0, made.err
    assert "Morning group" in made.out and "you own it" in made.out
    listed = json.loads(cli("circle", "list", "--json").out)
    return str(listed[0]["id"])


def test_create_invite_post_and_read(cli: Cli) -> None:
    circle = _owner(cli)
    invite = cli("circle", "invite", circle[:8], "--hours", "2")
    assert invite.code == 0, invite.err
    code = invite.out.splitlines()[0]
    assert Invite.from_code(code).circle == circle
    assert "privately" in invite.out
    posted = cli("circle", "post", "Morning group", "six months today", "--cw", "milestone",
                 "--no-sync")  # fmt: skip
    assert posted.code == 0, posted.err
    assert "sealed to the circle's members" in posted.out
    post_id = posted.out.split()[1]
    replied = cli("circle", "post", circle[:8], "well done", "--reply-to", post_id, "--no-sync")
    assert replied.code == 0 and replied.out.startswith("Reply "), replied.err
    read = cli("circle", "read", circle[:8])
    assert read.code == 0, read.err
    assert "You own this circle." in read.out and "Be kind.\nNo advice." in read.out
    assert read.out.index("six months today") < read.out.index("well done")
    assert "[cw: milestone]" in read.out and f"reply to {post_id}" in read.out
    posts = json.loads(cli("circle", "read", circle[:8], "--json").out)
    assert [p["text"] for p in posts] == ["six months today", "well done"]
    assert posts[1]["reply_to"].startswith(post_id)


def test_the_guard_and_the_crisis_offer_run_before_a_circle_post(cli: Cli) -> None:
    circle = _owner(cli)
    refused = cli("circle", "post", circle[:8], "call me on 07700 900123", "--no-sync")
    assert refused.code == 1
    assert "Nothing was posted" in refused.err
    assert json.loads(cli("circle", "read", circle[:8], "--json").out) == []
    hard = cli("circle", "post", circle[:8], "I want to end my life tonight", "--no-sync")
    assert hard.code == 0, hard.err
    assert "people are there to talk to" in hard.err


def test_refusals_are_one_sentence(cli: Cli) -> None:
    assert cli("init").code == 0
    no_relay = cli("circle", "create", "Closed")
    assert no_relay.err.strip() == (
        "peerhaven: A circle needs a relay to meet on; add one with `peerhaven relays add URL`."
    )
    garbled = cli("circle", "join", "circle-nonsense")
    assert garbled.err.strip() == "peerhaven: This is not a PeerHaven circle invite code."
    owner = Keypair.generate()
    expired = Invite.make("ab" * 16, owner.pubkey, UNREACHABLE, 1_000).code()
    late = cli("circle", "join", expired)
    assert late.code == 1
    assert late.err.strip() == (
        "peerhaven: That invite code has expired; ask the owner for a new one."
    )
    missing = cli("circle", "read", "nowhere")
    assert missing.err.strip() == "peerhaven: There is no circle nowhere on this device."
    assert cli("circle", "list").out.startswith("No circles yet")


def test_only_the_owner_invites_and_the_owner_cannot_leave(cli: Cli) -> None:
    circle = _owner(cli)
    leave = cli("circle", "leave", circle[:8])
    assert leave.err.strip() == (
        "peerhaven: The owner cannot leave their own circle; remove its members instead."
    )
    assert cli("circle", "invite", circle[:8], "--hours", "721").code == 2
