"""Sending one event right after it was made, and saying truthfully what happened.

A post is stored and queued first (offline is normal), then pushed to its
community's relays. What the member reads afterwards must match what the relays
answered *for this event*: "Sent." only once a relay accepted it, the relay's
refusal with its reason when one refused it, and "Saved" when none answered.
The CLI prints ``Delivery.sentence()``; nothing else decides the wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peerhaven.core.event import GLOBAL_KINDS, Event
from peerhaven.core.inert import inert_line
from peerhaven.store.database import Store
from peerhaven.store.outbox import answers_for, reason_words
from peerhaven.store.relays import relay_urls
from peerhaven.sync.engine import Syncer

SENT = "Sent."
SAVED = "Saved; goes out when a relay is reachable."
#: seconds to wait for a relay before leaving the event in the outbox
TIMEOUT = 8.0


@dataclass(frozen=True, slots=True)
class Delivery:
    """What the relays of one event answered for it just now."""

    #: relays that accepted it (or already had it)
    accepted: tuple[str, ...] = ()
    #: relay URL to the reason it gave for refusing
    refused: dict[str, str] = field(default_factory=dict)
    #: relays that gave no answer (unreachable, slow, or none configured)
    unanswered: tuple[str, ...] = ()

    def sentence(self) -> str:
        """One or two sentences for the member; relay-supplied words are made inert."""
        parts = [SENT] if self.accepted else []
        parts += [
            f"Refused by {inert_line(url)}: {reason_words(reason)}."
            for url, reason in sorted(self.refused.items())
        ]
        if not self.accepted and (self.unanswered or not self.refused):
            parts.append(SAVED)
        return " ".join(parts)


def relays_for(store: Store, event: Event) -> list[str]:
    """Where an event goes: its community's relays; profiles and DMs to every relay."""
    if event.kind in GLOBAL_KINDS:
        return relay_urls(store)
    rows = store.execute(
        "SELECT relay_url FROM community_relays WHERE slug = ? ORDER BY relay_url",
        (event.community,),
    ).fetchall()
    return [row[0] for row in rows]


def send_now(store: Store, event: Event, proxy: str | None = None) -> Delivery:
    """Push the outbox to the event's relays now and report their answers for ``event``."""
    relays = relays_for(store, event)
    if relays:
        with Syncer(store, proxy=proxy, timeout=TIMEOUT) as syncer:
            for url in relays:
                syncer.sync_relay_push_only(url)
    answers = answers_for(store, event.id)
    accepted: list[str] = []
    refused: dict[str, str] = {}
    unanswered: list[str] = []
    for url in relays:
        status, _, reason = answers.get(url, "").partition(":")
        if status in ("accepted", "duplicate"):
            accepted.append(url)
        elif status == "rejected":
            refused[url] = reason or "no reason given"
        else:
            unanswered.append(url)
    return Delivery(tuple(accepted), refused, tuple(unanswered))
