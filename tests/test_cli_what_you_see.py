"""`peerhaven search` and `peerhaven read` show what the feed shows: after a block, nothing
of that persona's; counts of what is in sight; your own post's warning and state."""

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

OWNER = Keypair.from_secret(bytes([71]) * 32)
RUTH = Keypair.from_secret(bytes([72]) * 32)
SAM = Keypair.from_secret(bytes([73]) * 32)
SLUG = "night-owls"


def _community(cli: Cli) -> dict[str, str]:
    """Ruth asks; Sam answers unkindly; Ruth and you answer Sam."""
    assert cli("init").code == 0
    with open_store(store_path(cli.home), PASSPHRASE) as store:
        definition = builders.community(OWNER, SLUG, "Night owls")
        record_offers(store, "http://relay.test", [definition.to_wire()])
        join(store, SLUG)
        root = builders.post(RUTH, SLUG, "awake again at three", created_at=1_790_000_010)
        sams = builders.post(SAM, SLUG, "owls never sleep, get over it", reply_to=root,
                             created_at=1_790_000_011)  # fmt: skip
        ruths = builders.post(RUTH, SLUG, "owls can be kind", reply_to=sams,
                              created_at=1_790_000_012)  # fmt: skip
        with Verifier(1) as verifier:
            ingest(store, [root, sams, ruths], verifier)
        mine = publish_post(store, SLUG, "owls of the world unite", reply_to=sams.id)
        warned = publish_post(store, SLUG, "the night she died", cw=["loss"])
    return {"root": root.id, "sams": sams.id, "ruths": ruths.id, "mine": mine.id,
            "warned": warned.id}  # fmt: skip


def test_search_leaves_out_a_blocked_persona(cli: Cli) -> None:
    ids = _community(cli)
    before = cli("search", "owls", "--in", "post", "--json")
    assert before.code == 0, before.err
    refs = {hit["ref"] for hit in json.loads(before.out)["post"]}
    assert ids["sams"] in refs
    assert cli("block", pseudonym(SAM.pubkey)).code == 0
    after = cli("search", "owls", "--in", "post")
    assert after.code == 0, after.err
    assert ids["sams"][:12] not in after.out
    assert "get over it" not in after.out
    assert ids["ruths"][:12] in after.out and ids["mine"][:12] in after.out


def test_read_counts_what_is_in_sight_and_marks_your_own_state(cli: Cli) -> None:
    ids = _community(cli)
    assert cli("block", pseudonym(SAM.pubkey)).code == 0
    feed = cli("read", SLUG)
    assert feed.code == 0, feed.err
    # Sam's reply is gone; Ruth's and yours answer him: two replies, one of them new
    assert "2 replies, 1 new" in feed.out
    assert "(you) · not sent yet" in feed.out
    assert "Content warning: loss" in feed.out and "the night she died" not in feed.out
    assert "0 new" not in cli("read", SLUG).out and "1 new" not in cli("read", SLUG).out
    thread = cli("read", SLUG, "--thread", ids["root"][:12])
    assert thread.code == 0, thread.err
    assert "get over it" not in thread.out
    assert thread.out.count(" · to a persona you blocked") == 2
    assert thread.out.count("[A reply to a persona you blocked — --show-cw opens it]") == 2
    assert pseudonym(SAM.pubkey) not in thread.out


def test_read_says_when_every_thread_is_out_of_sight(cli: Cli) -> None:
    ids = _community(cli)
    assert cli("block", pseudonym(RUTH.pubkey)).code == 0
    assert cli("mute", "thread", ids["warned"][:12]).code == 0
    feed = cli("read", SLUG)
    assert feed.code == 0, feed.err
    assert "Nothing here yet" not in feed.out
    assert "0 most active threads" in feed.out
    assert "Every thread here is out of sight" in feed.out
    one = cli("unmute", "thread", ids["warned"][:12])
    assert one.code == 0, one.err
    assert "— 1 most active thread\n" in cli("read", SLUG).out


def test_outbox_counts_one_event_in_the_singular(cli: Cli) -> None:
    assert cli("init").code == 0
    with open_store(store_path(cli.home), PASSPHRASE) as store:
        definition = builders.community(OWNER, SLUG, "Night owls")
        record_offers(store, "http://relay.test", [definition.to_wire()])
        join(store, SLUG)
        publish_post(store, SLUG, "awake again")
    shown = cli("outbox")
    assert shown.code == 0, shown.err
    assert shown.out.splitlines()[0] == "1 event waiting to be sent."
