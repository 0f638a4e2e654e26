"""Direct messages door to door through a real relay: bundle, request, consent, answer."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from peerhaven.core.persona import Persona
from peerhaven.store import Store
from peerhaven.store.communities import membership
from peerhaven.store.dm import accept_request, conversations, messages, requests
from peerhaven.store.personas import load_persona
from peerhaven.store.publish import publish_post
from peerhaven.sync import Syncer
from peerhaven.sync.dm import send_dm, send_message
from peerhaven.sync.send import send_now
from tests.fixtures.relay import RelayLauncher
from tests.sync.helpers import create_community, join_via, member
from tests.sync.test_mailbox import on_relay

SLUG = "night-owls"


def _persona(store: Store) -> Persona:
    return load_persona(store, membership(store, SLUG).persona)


def _sync(store: Store) -> None:
    with Syncer(store) as syncer:
        report = syncer.sync(force=True)
    assert not any(r.error for r in report.relays), [r.error for r in report.relays]


def test_a_request_answered_through_a_real_relay(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    relay = relay_process(args=["--pubkey-rate", "0"])
    create_community(relay.data_dir, SLUG)
    ana, ben = member(tmp_path / "ana.db", relay.url), member(tmp_path / "ben.db", relay.url)
    for store in (ana, ben):
        join_via(store, SLUG, relay.url)
        publish_post(store, SLUG, "hello, night owls")
    _sync(ana)
    _sync(ben)  # publishes Ben's prekey bundle and fetches Ana's post
    _sync(ana)  # Ana holds Ben's post: they share a community
    ana_p, ben_p = _persona(ana), _persona(ben)

    sent = send_dm(ana, ana_p, ben_p.pubkey, "me too. can I message you?", community=SLUG)
    assert sent.sentence() == "Sent."
    assert len(on_relay(relay, ben_p.keys)) == 1
    with closing(sqlite3.connect(relay.data_dir / "relay.sqlite3")) as db:
        [(body,)] = db.execute("SELECT body FROM mailbox").fetchall()
    assert ana_p.pubkey not in body and "can I message" not in body, "sealed sender"
    _sync(ben)
    assert on_relay(relay, ben_p.keys) == [], "a stored message is deleted from the relay"
    [request] = requests(ben)
    assert (request.peer, request.opening) == (ana_p.pubkey, "me too. can I message you?")
    accept_request(ben, ben_p.pubkey, ana_p.pubkey)
    # the app's way: the store only through its store_call, then its own push
    answer = send_message(
        lambda fn, *args, **kwargs: fn(ben, *args, **kwargs),
        ben_p.pubkey,
        ana_p.pubkey,
        "yes, of course",
    )
    assert send_now(ben, answer.event).sentence() == "Sent."
    _sync(ana)
    [row] = conversations(ana)
    assert (row.peer, row.unread, row.last_text) == (ben_p.pubkey, 1, "yes, of course")
    texts = [m.text for m in messages(ana, ana_p.pubkey, ben_p.pubkey)]
    assert texts == ["me too. can I message you?", "yes, of course"]
    ana.close()
    ben.close()


def test_offline_a_message_waits_in_the_outbox(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    relay = relay_process(args=["--pubkey-rate", "0"])
    create_community(relay.data_dir, SLUG)
    ana, ben = member(tmp_path / "ana.db", relay.url), member(tmp_path / "ben.db", relay.url)
    for store in (ana, ben):
        join_via(store, SLUG, relay.url)
        publish_post(store, SLUG, "hello")
    _sync(ana)
    _sync(ben)
    _sync(ana)
    ana_p, ben_p = _persona(ana), _persona(ben)
    assert send_dm(ana, ana_p, ben_p.pubkey, "first", community=SLUG).sentence() == "Sent."
    relay.stop()
    waiting = send_dm(ana, ana_p, ben_p.pubkey, "sent while offline")
    assert waiting.sentence() == "Saved; goes out when a relay is reachable."
    assert messages(ana, ana_p.pubkey, ben_p.pubkey)[-1].delivery == "not sent yet"
    relay.start()
    _sync(ana)
    assert messages(ana, ana_p.pubkey, ben_p.pubkey)[-1].delivery == ""
    _sync(ben)
    [request] = requests(ben)
    assert request.count == 2
    ana.close()
    ben.close()


def test_a_first_message_through_the_app_path_fetches_the_bundle(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    relay = relay_process(args=["--pubkey-rate", "0"])
    create_community(relay.data_dir, SLUG)
    ana, ben = member(tmp_path / "ana.db", relay.url), member(tmp_path / "ben.db", relay.url)
    for store in (ana, ben):
        join_via(store, SLUG, relay.url)
        publish_post(store, SLUG, "hello")
    _sync(ben)
    _sync(ana)
    ana_p, ben_p = _persona(ana), _persona(ben)
    sent = send_message(
        lambda fn, *args, **kwargs: fn(ana, *args, **kwargs),
        ana_p.pubkey,
        ben_p.pubkey,
        "hi from the app",
        community=SLUG,
    )
    assert messages(ana, ana_p.pubkey, ben_p.pubkey)[-1].delivery == "not sent yet"
    assert send_now(ana, sent.event).sentence() == "Sent."
    _sync(ben)
    assert [r.opening for r in requests(ben)] == ["hi from the app"]
    ana.close()
    ben.close()
