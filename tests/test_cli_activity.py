"""`peerhaven activity`: what concerns you, new first; read marks; others' words inert."""

from __future__ import annotations

import json

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.core.persona import pseudonym
from peerhaven.store import open_store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.events import ingest
from peerhaven.store.paths import store_path
from peerhaven.store.publish import publish_post
from tests.fixtures.store import PASSPHRASE, Cli

OWNER = Keypair.from_secret(bytes([81]) * 32)
RUTH = Keypair.from_secret(bytes([82]) * 32)
SLUG = "night-owls"


def _replied(cli: Cli) -> dict[str, str]:
    """You post; Ruth answers (with a terminal escape in her words) and reacts."""
    assert cli("init").code == 0
    with open_store(store_path(cli.home), PASSPHRASE) as store:
        definition = builders.community(OWNER, SLUG, "Night owls")
        record_offers(store, "http://relay.test", [definition.to_wire()])
        join(store, SLUG)
        mine = publish_post(store, SLUG, "awake again at three")
        reply = builders.post(RUTH, SLUG, "me too \x1b[2J friend", reply_to=mine,
                              created_at=1_790_000_010)  # fmt: skip
        hug = builders.reaction(RUTH, mine, "sending-support", created_at=1_790_000_020)
        with Verifier(1) as verifier:
            ingest(store, [reply, hug], verifier)
    return {"mine": mine.id, "reply": reply.id, "hug": hug.id}


def test_lists_new_items_newest_first_with_others_words_inert(cli: Cli) -> None:
    ids = _replied(cli)
    shown = cli("activity")
    assert shown.code == 0, shown.err
    assert "\x1b" not in shown.out
    lines = shown.out.splitlines()
    assert "reacted “sending support”" in lines[0] and ids["mine"][:12] in lines[0]
    assert f"{pseudonym(RUTH.pubkey)} replied to you in {SLUG}" in lines[1]
    assert ids["reply"][:12] in lines[1]
    assert "me too" in lines[2] and "friend" in lines[2]
    assert pseudonym(RUTH.pubkey) not in lines[0]  # a reaction never says who
    assert "2 new for you" in shown.out


def test_mark_read_empties_the_new_list_and_all_still_shows_them(cli: Cli) -> None:
    ids = _replied(cli)
    marked = cli("activity", "--mark-read")
    assert marked.code == 0, marked.err
    assert "Marked as read." in marked.out
    assert cli("activity").out.strip() == "Nothing new for you."
    listed = cli("activity", "--all", "--json")
    assert listed.code == 0, listed.err
    records = json.loads(listed.out)
    assert [(r["kind"], r["id"], r["unread"]) for r in records] == [
        ("reaction", ids["hug"], False),
        ("reply", ids["reply"], False),
    ]
    assert records[1]["opens"] == ids["reply"] and records[1]["target"] == ids["mine"]
    assert "rowid" not in records[0]


def test_mark_read_with_a_limit_leaves_the_rest_new(cli: Cli) -> None:
    _replied(cli)
    marked = cli("activity", "--limit", "1", "--mark-read")
    assert marked.code == 0, marked.err
    assert "Marked as read; 1 more still new." in marked.out
    assert len(json.loads(cli("activity", "--json").out)) == 1


def test_a_bad_limit_is_one_sentence(cli: Cli) -> None:
    assert cli("init").code == 0
    refused = cli("activity", "--limit", "0")
    assert refused.code == 2
    assert refused.err.startswith("peerhaven: --limit takes a whole number from 1 to 10000")
    assert len(refused.err.strip().splitlines()) == 1
