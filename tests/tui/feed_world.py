"""A joined community with threads, replies, a content warning and reactions, for the
feed and thread tests and snapshots. Keys and times are fixed, so pseudonyms, ages
and order never move."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peerhaven.core import Event, Keypair, Verifier, builders
from peerhaven.store import Store, open_store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.events import ingest
from peerhaven.store.personas import list_personas, load_persona
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW

SLUG = "evening-circle"
NAME = "Evening circle"
OWNER = Keypair.from_secret(bytes([41]) * 32)
RUTH = Keypair.from_secret(bytes([42]) * 32)
SAM = Keypair.from_secret(bytes([43]) * 32)
HOUR = 3600


@dataclass
class World:
    """The ids a test needs."""

    me: str
    evenings: Event
    reply: Event
    nested: Event
    mine: Event
    folded: Event
    warned: Event
    older: list[Event]


def join_community(store: Store, *, observer: bool, moderator: bool) -> str:
    me = list_personas(store)[0].pubkey
    owner = load_persona(store, me).keys if moderator else OWNER
    definition = builders.community(
        owner,
        SLUG,
        NAME,
        "Evenings are hard; we keep each other company.",
        rules=("Be kind.", "No advice unless asked."),
        created_at=NOW - 100 * HOUR,
    )
    record_offers(store, "https://relay.example.org", [definition.to_wire()])
    join(store, SLUG, persona=me, observer=observer)
    return me


def build(
    path: Path, *, observer: bool = False, moderator: bool = False, extra_threads: int = 0
) -> World:
    """Join the community and store its posts (and ``extra_threads`` older threads)."""
    with open_store(path, PASSPHRASE) as store:
        me = join_community(store, observer=observer, moderator=moderator)
        my_keys = load_persona(store, me).keys
        evenings = builders.post(
            RUTH,
            SLUG,
            "Does anyone else find the evenings the hardest part?\n"
            "The house goes quiet and everything comes back at once.",
            created_at=NOW - 5 * HOUR,
        )
        reply = builders.post(
            SAM, SLUG, "Every evening, yes. I keep a lamp on and a podcast going.",
            reply_to=evenings, created_at=NOW - 4 * HOUR,
        )  # fmt: skip
        nested = builders.post(
            RUTH, SLUG, "A lamp is a good idea. Thank you.", reply_to=reply,
            created_at=NOW - 3 * HOUR,
        )  # fmt: skip
        mine = builders.post(
            my_keys, SLUG, "Walking after dinner helps me a little.", reply_to=evenings,
            created_at=NOW - 2 * HOUR,
        )  # fmt: skip
        folded = builders.post(
            OWNER, SLUG, "My new tablets make evenings foggy too; ask about the timing.",
            reply_to=reply, cw=["medication"], created_at=NOW - 150 * 60,
        )  # fmt: skip
        warned = builders.post(
            SAM, SLUG, "It was a year ago today that we lost her.", cw=["loss"],
            created_at=NOW - 90 * 60,
        )  # fmt: skip
        older = [
            builders.post(
                RUTH if i % 2 else SAM, SLUG, f"Older thread number {i} about sleep and tea.",
                created_at=NOW - 24 * HOUR - i * 60,
            )
            for i in range(extra_threads)
        ]  # fmt: skip
        reactions = [
            builders.reaction(SAM, evenings, "me-too", created_at=NOW - 4 * HOUR),
            builders.reaction(OWNER, evenings, "me-too", created_at=NOW - 4 * HOUR),
            builders.reaction(OWNER, evenings, "sending-support", created_at=NOW - 4 * HOUR),
            builders.reaction(RUTH, reply, "thank-you", created_at=NOW - 3 * HOUR),
        ]
        with Verifier(1) as verifier:
            posts = [evenings, reply, nested, folded, mine, warned, *older]
            ingest(store, [*posts, *reactions], verifier)
    return World(me, evenings, reply, nested, mine, folded, warned, older)
