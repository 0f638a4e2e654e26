"""The evening circle (``feed_world``) with things that concern you: Ruth answers your
reply, Sam reacts to it, and a muted persona's answer that must never show."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peerhaven.core import Event, Keypair, Verifier, builders
from peerhaven.store import open_store
from peerhaven.store.events import ingest
from peerhaven.store.filter_prefs import mute
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW
from tests.tui.feed_world import HOUR, RUTH, SAM, SLUG, build

#: a persona the member muted: its answer to you never appears in Activity
MUTED = Keypair.from_secret(bytes([44]) * 32)


@dataclass
class Concerns:
    """The ids a test needs."""

    mine: Event
    answer: Event
    hug: Event


def build_concerns(path: Path) -> Concerns:
    """The feed world, then an answer and a reaction to your reply (and a muted answer)."""
    world = build(path)
    answer = builders.post(
        RUTH, SLUG, "Walking helps me too. Where do you go?", reply_to=world.mine,
        created_at=NOW - 60 * 60,
    )  # fmt: skip
    hug = builders.reaction(SAM, world.mine, "sending-support", created_at=NOW - HOUR // 2)
    muted = builders.post(
        MUTED, SLUG, "you should not be seeing this", reply_to=world.mine,
        created_at=NOW - 10 * 60,
    )  # fmt: skip
    with open_store(path, PASSPHRASE) as store:
        with Verifier(1) as verifier:
            ingest(store, [answer, hug, muted], verifier)
        mute(store, "persona", MUTED.pubkey)
    return Concerns(world.mine, answer, hug)
