"""The relay's policy over HTTP, on both backends: communities, moderation, bans, deletions,
hiding, expiry, reports and ciphertext."""

from __future__ import annotations

import time

import httpx

from peerhaven.core import Keypair, builders
from peerhaven.relay.operator_key import load_operator_key
from tests.fixtures.relay import RelayProcess
from tests.relay.helpers import ids, make_community, operator, publish, pull_all, statuses


def test_events_for_unknown_communities_are_refused(shared_relay: RelayProcess) -> None:
    keys = Keypair.generate()
    assert statuses(shared_relay, builders.post(keys, "nowhere", "hello")) == [
        "rejected:unknown-community"
    ]
    # closed relay: nobody but the operator creates communities
    definition = builders.community(keys, "mine-now", "Mine")
    assert statuses(shared_relay, definition) == ["rejected:unknown-community"]


def test_definitions_belong_to_their_owner(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "owned")
    owner = load_operator_key(shared_relay.data_dir)
    intruder = builders.community(Keypair.generate(), "owned", "Taken over")
    assert statuses(shared_relay, intruder) == ["rejected:not-owner"]
    older = builders.community(owner, "owned", "Old name", created_at=1_000_000)
    assert statuses(shared_relay, older) == ["rejected:outdated"]
    newer = builders.community(owner, "owned", "New name", created_at=int(time.time()) + 5)
    assert statuses(shared_relay, newer) == ["accepted"]
    listed = httpx.get(f"{shared_relay.url}/v1/communities").json()["communities"]
    assert newer.id in ids(listed)


def test_only_owner_and_moderators_moderate(shared_relay: RelayProcess) -> None:
    mod, member, stranger = Keypair.generate(), Keypair.generate(), Keypair.generate()
    make_community(shared_relay, "modded", mod.pubkey)
    post = builders.post(member, "modded", "please hide me")
    publish(shared_relay, post)
    assert statuses(shared_relay, builders.moderate(stranger, "modded", "hide", post.id)) == [
        "rejected:not-moderator"
    ]
    assert statuses(shared_relay, builders.moderate(mod, "modded", "hide", post.id)) == ["accepted"]
    assert post.id not in ids(pull_all(shared_relay, "modded"))
    gone = httpx.get(f"{shared_relay.url}/v1/events/{post.id}")
    assert gone.status_code == 410 and gone.json()["error"] == "hidden"
    owner = load_operator_key(shared_relay.data_dir)
    assert statuses(shared_relay, builders.moderate(owner, "modded", "restore", post.id)) == [
        "accepted"
    ]
    assert post.id in ids(pull_all(shared_relay, "modded"))
    assert httpx.get(f"{shared_relay.url}/v1/events/{post.id}").status_code == 200


def test_moderator_added_by_the_operator_cli_may_moderate(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "late-mod")
    mod = Keypair.generate()
    post = builders.post(Keypair.generate(), "late-mod", "hmm")
    publish(shared_relay, post)
    hide = builders.moderate(mod, "late-mod", "hide", post.id)
    assert statuses(shared_relay, hide) == ["rejected:not-moderator"]
    code, _, err = operator(shared_relay, "community", "add-moderator", "late-mod", mod.pubkey)
    assert code == 0, err
    again = builders.moderate(mod, "late-mod", "hide", post.id, reason="second try")
    assert statuses(shared_relay, again) == ["accepted"]


def test_community_bans_and_unbans(shared_relay: RelayProcess) -> None:
    mod, troll = Keypair.generate(), Keypair.generate()
    make_community(shared_relay, "banning", mod.pubkey)
    make_community(shared_relay, "elsewhere")
    publish(shared_relay, builders.moderate(mod, "banning", "ban", troll.pubkey))
    assert statuses(shared_relay, builders.post(troll, "banning", "let me in")) == [
        "rejected:banned"
    ]
    assert statuses(shared_relay, builders.post(troll, "elsewhere", "fine here")) == ["accepted"]
    publish(shared_relay, builders.moderate(mod, "banning", "unban", troll.pubkey))
    assert statuses(shared_relay, builders.post(troll, "banning", "sorry")) == ["accepted"]
    owner = load_operator_key(shared_relay.data_dir)
    assert statuses(shared_relay, builders.moderate(mod, "banning", "ban", owner.pubkey)) == [
        "rejected:protected"
    ]


def test_operator_bans_relay_wide_and_per_community(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "op-bans")
    spammer = Keypair.generate()
    assert operator(shared_relay, "ban", spammer.pubkey)[0] == 0
    assert statuses(
        shared_relay, builders.post(spammer, "op-bans", "buy"), builders.profile(spammer, "x")
    ) == ["rejected:banned", "rejected:banned"]
    assert operator(shared_relay, "unban", spammer.pubkey)[0] == 0
    assert operator(shared_relay, "ban", spammer.pubkey, "--community", "op-bans")[0] == 0
    assert statuses(
        shared_relay, builders.post(spammer, "op-bans", "buy"), builders.profile(spammer, "x")
    ) == ["rejected:banned", "accepted"]


def test_delete_purges_content_and_keeps_a_tombstone(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "deleting")
    author, other = Keypair.generate(), Keypair.generate()
    secret = "my-very-identifiable-words-" + author.pubkey[:16]
    post = builders.post(author, "deleting", secret)
    publish(shared_relay, post)
    assert statuses(shared_relay, builders.delete(other, "deleting", post.id)) == [
        "rejected:not-author"
    ]
    deletion = builders.delete(author, "deleting", post.id)
    assert statuses(shared_relay, deletion) == ["accepted"]
    served = ids(pull_all(shared_relay, "deleting"))
    assert post.id not in served and deletion.id in served
    gone = httpx.get(f"{shared_relay.url}/v1/events/{post.id}")
    assert gone.status_code == 410
    assert gone.json()["error"] == "deleted" and gone.json()["deletion"] == deletion.id
    assert statuses(shared_relay, post) == ["rejected:deleted"]
    if shared_relay.database_url is None:
        for path in shared_relay.data_dir.glob("relay.sqlite3*"):
            assert secret.encode() not in path.read_bytes(), path.name
    else:
        import psycopg

        with psycopg.connect(shared_relay.database_url) as conn:
            row = conn.execute("SELECT count(*) FROM events WHERE body LIKE %s", (f"%{secret}%",))
            assert row.fetchone() == (0,)


def test_expired_events_are_refused_and_stop_being_served(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "expiring")
    keys = Keypair.generate()
    stale = builders.post(keys, "expiring", "old news", expires_at=int(time.time()) - 1)
    assert statuses(shared_relay, stale) == ["rejected:expired"]
    expires = int(time.time()) + 3
    brief = builders.post(keys, "expiring", "soon gone", expires_at=expires)
    lasting = builders.post(keys, "expiring", "stays")
    publish(shared_relay, brief, lasting)
    assert brief.id in ids(pull_all(shared_relay, "expiring"))
    time.sleep(max(0.0, expires + 0.2 - time.time()))
    served = ids(pull_all(shared_relay, "expiring"))
    assert brief.id not in served and lasting.id in served
    assert httpx.get(f"{shared_relay.url}/v1/events/{brief.id}").json()["error"] == "expired"


def test_reports_are_stored_but_never_served_publicly(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "reporting")
    post = builders.post(Keypair.generate(), "reporting", "something harmful")
    report = builders.report(Keypair.generate(), post, "harassment")
    assert statuses(shared_relay, post, report) == ["accepted", "accepted"]
    assert report.id not in ids(pull_all(shared_relay, "reporting"))
    assert httpx.get(f"{shared_relay.url}/v1/events/{report.id}").status_code == 404
    assert statuses(shared_relay, report) == ["duplicate"]


def test_sealed_ciphertext_is_stored_and_served_as_given(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "private-room")
    sealed = builders.sign_event(Keypair.generate(), "sealed", "private-room", "AAECAwQ=.nonce")
    assert statuses(shared_relay, sealed) == ["accepted"]
    served = pull_all(shared_relay, "private-room")
    assert served[-1] == sealed.to_wire()
