"""Two members on two stores, through a real relay process: posts, reactions, deletions."""

from __future__ import annotations

from pathlib import Path

from peerhaven.store.events import get_event
from peerhaven.store.feed import thread, threads, unread_count
from peerhaven.store.outbox import pending_count
from peerhaven.store.publish import publish_delete, publish_post, publish_reaction
from peerhaven.store.relays import relay_statuses
from peerhaven.sync import Syncer
from tests.fixtures.relay import RelayLauncher
from tests.sync.helpers import create_community, join_via, member


def test_two_members_exchange_posts_reactions_and_deletions(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    data = tmp_path / "relay"
    create_community(data, "grief-circle")
    relay = relay_process(data_dir=data)
    alice = member(tmp_path / "alice.db", relay.url)
    bob = member(tmp_path / "bob.db", relay.url)
    join_via(alice, "grief-circle", relay.url)
    join_via(bob, "grief-circle", relay.url)

    first = publish_post(alice, "grief-circle", "Six months today.", cw=["loss"])
    with Syncer(alice) as sync:
        assert sync.sync().pushed == 1
    with Syncer(bob) as sync:
        sync.sync()
    [summary] = threads(bob, "grief-circle")
    assert summary.post.content == "Six months today."
    assert summary.post.content_warnings == ("loss",)
    assert unread_count(bob, "grief-circle") == 1

    publish_reaction(bob, first.id, "sending-support")
    reply = publish_post(bob, "grief-circle", "Holding you in my thoughts.", reply_to=first.id)
    with Syncer(bob) as sync:
        assert sync.sync().pushed == 2
    with Syncer(alice) as sync:
        sync.sync()
    root = thread(alice, first.id)
    assert root.reactions["sending-support"] == 1
    assert [r.id for r in root.replies] == [reply.id]

    publish_delete(alice, first.id)
    with Syncer(alice) as sync:
        sync.sync()
    with Syncer(bob) as sync:
        sync.sync()
    withdrawn = get_event(bob, first.id)
    assert withdrawn is not None and withdrawn.content == ""
    assert thread(bob, first.id).deleted
    for store in (alice, bob):
        assert pending_count(store) == 0
        [status] = relay_statuses(store)
        assert status.state == "online"
        store.close()


def test_observer_reads_but_cannot_post(tmp_path: Path, relay_process: RelayLauncher) -> None:
    import pytest

    from peerhaven.store.errors import BadInput

    data = tmp_path / "relay"
    create_community(data, "calm-minds")
    relay = relay_process(data_dir=data)
    carol = member(tmp_path / "carol.db", relay.url)
    join_via(carol, "calm-minds", relay.url, observer=True)
    with pytest.raises(BadInput, match="observing"):
        publish_post(carol, "calm-minds", "hello")
    assert pending_count(carol) == 0
    carol.close()


def test_each_community_gets_its_own_persona(tmp_path: Path, relay_process: RelayLauncher) -> None:
    from peerhaven.store.communities import membership

    data = tmp_path / "relay"
    create_community(data, "sleep-help")
    create_community(data, "new-parents")
    relay = relay_process(data_dir=data)
    dana = member(tmp_path / "dana.db", relay.url)
    join_via(dana, "sleep-help", relay.url)
    join_via(dana, "new-parents", relay.url)
    a = publish_post(dana, "sleep-help", "up at 3am again")
    b = publish_post(dana, "new-parents", "up at 3am again, with the baby")
    assert a.pubkey != b.pubkey, "relays could link one person's communities"
    assert membership(dana, "sleep-help").persona == a.pubkey
    dana.close()
