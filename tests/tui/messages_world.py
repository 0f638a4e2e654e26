"""Private conversations and a circle on the app's store, made by real devices.

The member (the ``tui_store`` persona) and three others who met in Night owls,
each with a real SQLCipher store. What a device queues in its outbox is handed to
the other device's ``receive_dm`` / ``circle_inbox.receive`` by hand (the relay's
part is tested in tests/sync and tests/relay), so every message on screen was
sealed, ratcheted and opened by the real code:

- Ruth wrote first; the member accepted by answering. Ruth's second message is
  new; the member's answer still waits in the outbox ("not sent yet").
- Sam asked to talk, with the content warning "loss": a request.
- Lee asked too, without a warning: a second request.
- The member owns "Tuesday circle"; Ruth joined it with an invite code and posted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from peerhaven.core import Event, Verifier
from peerhaven.core.dm.prekeys import verify_bundle
from peerhaven.core.persona import Persona
from peerhaven.store import Store, open_store
from peerhaven.store.circle_actions import create_circle, join_circle, make_invite, post_to_circle
from peerhaven.store.circle_inbox import receive as receive_circle
from peerhaven.store.communities import join, membership, record_offers
from peerhaven.store.dm import accept_request
from peerhaven.store.dm_prekeys import publish_prekeys
from peerhaven.store.dm_receive import receive_dm
from peerhaven.store.dm_send import seal_and_queue
from peerhaven.store.events import ingest
from peerhaven.store.personas import load_persona
from peerhaven.store.publish import publish_post
from peerhaven.store.relays import add_relay
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW
from tests.store.dm_world import SLUG, definition, member

MINUTE = 60
RELAY = "http://relay.test"
#: the store modules that read the time; the world moves their clock by hand
CLOCKED = (
    "clock",
    "dm",
    "dm_send",
    "dm_receive",
    "dm_prekeys",
    "circle_actions",
    "circle_inbox",
    "outbox",
    "events",
    "communities",
    "relays",
    "filter_prefs",
)


class Clock:
    """A settable "now" for every store module, so dates on screen never move."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = NOW
        for module in CLOCKED:
            monkeypatch.setattr(f"peerhaven.store.{module}.now", self)

    def __call__(self) -> int:
        return self.at


@dataclass
class World:
    """What tests look for."""

    me: str
    ruth: str
    sam: str
    lee: str
    circle: str


@contextmanager
def _mine(path: Path) -> Iterator[tuple[Store, Persona]]:
    with open_store(path, PASSPHRASE) as store:
        yield store, load_persona(store, membership(store, SLUG).persona)


def _queued(store: Store, kind: str) -> list[Event]:
    """Events of ``kind`` in a device's outbox, oldest first."""
    rows = store.execute("SELECT event FROM outbox ORDER BY rowid").fetchall()
    events = [Event.from_json(row[0]) for row in rows]
    return [event for event in events if event.kind == kind]


def _bundle(store: Store, persona: Persona):  # type: ignore[no-untyped-def]
    event = publish_prekeys(store, persona, force=True)
    assert event is not None
    return verify_bundle(event, now=NOW)


def build(path: Path, tmp: Path, clock: Clock) -> World:
    """The member's store at ``path`` (made by ``tui_store``), and the others' devices."""
    with open_store(path, PASSPHRASE) as store:
        record_offers(store, RELAY, [definition()])
        join(store, SLUG)
        add_relay(store, RELAY)
    ruth = member(tmp / "ruth.db", secret=bytes([61]) * 32)
    sam = member(tmp / "sam.db", secret=bytes([62]) * 32)
    lee = member(tmp / "lee.db", secret=bytes([63]) * 32)
    with _mine(path) as (store, me):
        bundle = _bundle(store, me)
        # everyone posted in Night owls once, and the member's device holds it
        clock.at = NOW - 3 * 60 * MINUTE
        posts = [
            publish_post(m.store, SLUG, f"hello from {m.persona.pseudonym}")
            for m in (ruth, sam, lee)
        ]
        with Verifier(1) as verifier:
            ingest(store, posts, verifier)
        # Ruth writes first; the member accepts and answers (not sent yet); Ruth again
        clock.at = NOW - 2 * 60 * MINUTE
        first = seal_and_queue(
            ruth.store, ruth.persona, me.pubkey,
            "Hi, I saw your post about the nights. Me too. Can I message you?",
            community=SLUG, bundle=bundle,
        ).event  # fmt: skip
        receive_dm(store, me, first)
        accept_request(store, me.pubkey, ruth.pubkey)
        clock.at = NOW - 90 * MINUTE
        answer = seal_and_queue(
            store, me, ruth.pubkey, "Of course. Nights are the hardest for me too."
        ).event
        ruth.receive(answer)
        clock.at = NOW - 30 * MINUTE
        again = seal_and_queue(
            ruth.store, ruth.persona, me.pubkey,
            "Thank you. Does a walk before bed help you?", community=SLUG,
        ).event  # fmt: skip
        receive_dm(store, me, again)
        # Sam's request, behind a warning; Lee's, without one
        bundle = _bundle(store, me)
        clock.at = NOW - 20 * MINUTE
        asked = seal_and_queue(
            sam.store, sam.persona, me.pubkey,
            "My father died in March.\nYour post made me feel less alone.",
            cw="loss", community=SLUG, bundle=bundle,
        ).event  # fmt: skip
        receive_dm(store, me, asked)
        bundle = _bundle(store, me)
        clock.at = NOW - 10 * MINUTE
        hello = seal_and_queue(
            lee.store, lee.persona, me.pubkey, "Hello! Could we talk about sleep?",
            community=SLUG, bundle=bundle,
        ).event  # fmt: skip
        receive_dm(store, me, hello)
        # the circle: the member owns it, Ruth joins with a code and posts
        clock.at = NOW - 60 * MINUTE
        circle = create_circle(store, "Tuesday circle", rules="What is said here stays here.")
        code = make_invite(store, circle.id).code
        join_circle(ruth.store, code)
        for event in _queued(ruth.store, "circle"):
            receive_circle(store, event)
        for event in _queued(store, "circle"):
            receive_circle(ruth.store, event)
        clock.at = NOW - 40 * MINUTE
        post_to_circle(store, circle.id, "Welcome, both. Tuesdays at eight, as agreed.")
        clock.at = NOW - 5 * MINUTE
        event, _view = post_to_circle(ruth.store, circle.id, "Thank you for starting this.")
        receive_circle(store, event)
        world = World(me.pubkey, ruth.pubkey, sam.pubkey, lee.pubkey, circle.id)
    for device in (ruth, sam, lee):
        device.store.close()
    return world


def outbox_kinds(path: Path) -> list[str]:
    """The kinds waiting in the member's outbox."""
    with open_store(path, PASSPHRASE) as store:
        rows = store.execute("SELECT event FROM outbox ORDER BY rowid").fetchall()
    return [json.loads(row[0])["kind"] for row in rows]
