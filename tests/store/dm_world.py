"""Two members who met in one community, each with a real SQLCipher store, for DM tests.

No relay: what one device queues in its outbox is handed to the other device's
``receive_dm`` by hand, so tests choose the order, duplicate or alter what
arrives. The relay's side is tested with real relays in tests/sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.core.dm.prekeys import PrekeyBundle, verify_bundle
from peerhaven.core.event import Event
from peerhaven.core.persona import Persona
from peerhaven.store import Store, create_store
from peerhaven.store.clock import now
from peerhaven.store.communities import join, membership, record_offers
from peerhaven.store.dm_prekeys import publish_prekeys
from peerhaven.store.dm_receive import Received, receive_dm
from peerhaven.store.events import ingest
from peerhaven.store.personas import create_persona, load_persona
from peerhaven.store.publish import publish_post
from tests.fixtures.store import PASSPHRASE

SLUG = "night-owls"
OWNER_SECRET = bytes([41]) * 32


def definition(moderators: list[str] | None = None) -> dict[str, object]:
    """The community both members joined."""
    owner = Keypair.from_secret(OWNER_SECRET)
    return builders.community(owner, SLUG, "Night owls", moderators=moderators or []).to_wire()


@dataclass
class Member:
    """A device: its store and the persona it uses in the community."""

    store: Store
    persona: Persona

    @property
    def pubkey(self) -> str:
        """The persona's public key."""
        return self.persona.pubkey

    def bundle(self) -> PrekeyBundle:
        """Publish (queue) a fresh prekey bundle and return it as a sender verifies it."""
        event = publish_prekeys(self.store, self.persona, force=True)
        assert event is not None
        return verify_bundle(event, now=now())

    def queued_dms(self) -> list[Event]:
        """The ``dm`` events waiting in this device's outbox, oldest first."""
        rows = self.store.execute(
            'SELECT event FROM outbox WHERE event LIKE \'%"kind":"dm"%\' ORDER BY rowid'
        ).fetchall()
        return [Event.from_json(row[0]) for row in rows]

    def receive(self, event: Event) -> Received:
        """Hand one delivered event to this device."""
        return receive_dm(self.store, self.persona, event)


def member(path: Path, moderators: list[str] | None = None, secret: bytes | None = None) -> Member:
    """A new device that joined the community."""
    store = create_store(path, PASSPHRASE)
    if secret is not None:
        keys = Keypair.from_secret(secret)
        store.execute(
            "INSERT INTO personas (pubkey, secret, created_at, is_default) VALUES (?, ?, 0, 1)",
            (keys.pubkey, keys.secret_bytes()),
        )
        store.conn.commit()
    else:
        create_persona(store)
    record_offers(store, "http://relay.test", [definition(moderators)])
    join(store, SLUG, persona=keys.pubkey if secret is not None else None)
    return Member(store, load_persona(store, membership(store, SLUG).persona))


def meet(*members: Member) -> None:
    """Each member posts once and every device holds every post: they share a community."""
    posts = [publish_post(m.store, SLUG, f"hello from {m.persona.pseudonym}") for m in members]
    with Verifier(1) as verifier:
        for m in members:
            ingest(m.store, posts, verifier)
