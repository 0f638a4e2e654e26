"""A store ready for composing: a joined community with its own crisis line, a community
observed only, and a post by someone else (under a content warning) to reply to."""

from __future__ import annotations

from pathlib import Path

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.core.event import Event
from peerhaven.store import open_store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.events import ingest
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW

OWNER = Keypair.from_secret(bytes([71]) * 32)
UMA = Keypair.from_secret(bytes([72]) * 32)
SLUG = "grief-support"
OBSERVED = "quiet-readers"
WARM_LINE = {
    "name": "Our moderators' warm line",
    "contact": "+44 20 7946 0000",
    "hours": "evenings",
    "source": "https://example.org/about",
}
RELAY = "http://relay.test"


def prepare(path: Path) -> Event:
    """Join ``SLUG``, observe ``OBSERVED``; returns the post to reply to (cw: grief)."""
    definitions = [
        builders.community(
            OWNER, SLUG, "Grief support", "for tests", created_at=NOW - 7200,
            crisis_resources=[WARM_LINE],
        ),
        builders.community(OWNER, OBSERVED, "Quiet readers", created_at=NOW - 7200),
    ]  # fmt: skip
    parent = builders.post(
        UMA,
        SLUG,
        "It has been a year since my mother died and the evenings are still the hardest.",
        cw=["grief"],
        created_at=NOW - 3600,
    )
    with open_store(path, PASSPHRASE) as store:
        record_offers(store, RELAY, [event.to_wire() for event in definitions])
        join(store, SLUG)
        join(store, OBSERVED, observer=True)
        with Verifier(1) as verifier:
            ingest(store, [parent], verifier)
    return parent
