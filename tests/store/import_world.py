"""A store with one of everything an export carries, and a way to see if a store changed.

Shared by the import tests and the import fuzz test: the source store is built
with the real store functions (a joined community, a published post, journal,
drafts, relays, blocks, mutes, settings), then exported as a plaintext document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from peerhaven.core import Keypair, builders
from peerhaven.core.event import Event
from peerhaven.store import Store, create_store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.drafts import save_draft
from peerhaven.store.export import FORMAT, VERSION, collect
from peerhaven.store.filter_prefs import block, mute
from peerhaven.store.journal import add_entry
from peerhaven.store.personas import create_persona
from peerhaven.store.publish import publish_post
from peerhaven.store.relays import add_relay
from peerhaven.store.settings import set_setting
from tests.fixtures.store import PASSPHRASE

SLUG = "calm-corner"
RELAY = "http://relay.example.org"
OWNER = Keypair.from_secret(bytes([41]) * 32)
ATTACKER = Keypair.from_secret(bytes([42]) * 32)
STRANGER = Keypair.from_secret(bytes([43]) * 32)
#: every table an import may write to, or that a write could touch through a trigger
TABLES = (
    "personas",
    "journal",
    "drafts",
    "settings",
    "relays",
    "communities",
    "community_relays",
    "memberships",
    "blocks",
    "mutes",
    "events",
    "reactions",
    "threads",
    "trust_warnings",
    "moderation",
)


def definition(
    keys: Keypair = OWNER, *, name: str = "Calm corner", at: int = 1_700_000_000
) -> Event:
    """A community definition for ``SLUG`` signed by ``keys``."""
    return builders.community(keys, SLUG, name, "A quiet place", rules=["Be kind"], created_at=at)


def joined(store: Store, event: Event | None = None) -> None:
    """Join ``SLUG`` as a relay would have offered it (pins the owner of ``event``)."""
    record_offers(store, RELAY, [(event or definition()).to_wire()])
    join(store, SLUG)


def build_source(path: Path) -> Store:
    """A store holding one of everything."""
    store = create_store(path, PASSPHRASE)
    create_persona(store, label="me", default=True)
    add_relay(store, RELAY)
    joined(store)
    publish_post(store, SLUG, "a first post about lanterns", cw=["grief"])
    add_entry(store, "a private thought", 4, ["calm", "night"])
    save_draft(store, "an unsent reply", community=SLUG, cw=["loss", "grief"])
    block(store, STRANGER.pubkey, "spam")
    mute(store, "word", "Parking")
    set_setting(store, "go_gently", True)
    return store


def document(data: dict[str, Any]) -> dict[str, Any]:
    """A plaintext export document around ``data``."""
    return {"format": FORMAT, "version": VERSION, "encrypted": False, "data": data}


def exported(store: Store) -> dict[str, Any]:
    """The store's export as a plaintext document (a deep copy, safe to mutate)."""
    result: dict[str, Any] = json.loads(json.dumps(document(collect(store))))
    return result


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row an import could have written, to compare before and after."""
    return {
        table: sorted(
            (tuple(row) for row in store.execute(f"SELECT * FROM {table}").fetchall()), key=repr
        )
        for table in TABLES
    }
