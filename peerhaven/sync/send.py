"""Sending one event right after it was made, and saying truthfully what happened.

A post is stored and queued first (offline is normal), then pushed to its
community's relays. What the member reads afterwards must match what the relays
answered *for this event*: "Sent." only once a relay accepted it, the relay's
refusal with its reason when one refused it, and "Saved" when none answered.
The CLI prints ``Delivery.sentence()``; nothing else decides the wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from peerhaven.core.event import GLOBAL_KINDS, Event
from peerhaven.core.i18n import N_, _
from peerhaven.core.inert import inert_line
from peerhaven.store.database import Store
from peerhaven.store.held import is_waiting
from peerhaven.store.outbox import answers_for, reason_words
from peerhaven.store.relays import relay_urls
from peerhaven.sync.engine import Syncer

SENT = N_("Sent.")
SAVED = N_("Saved; goes out when a relay is reachable.")
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
    #: a relay holds it for a moderator's approval (a new member's first post)
    held: bool = False

    def sentence(self) -> str:
        """One or two sentences for the member; relay-supplied words are made inert."""
        parts = [_(SENT)] if self.accepted else []
        parts += [
            _("Refused by {url}: {reason}.").format(
                url=inert_line(url), reason=reason_words(reason)
            )
            for url, reason in sorted(self.refused.items())
        ]
        if not self.accepted and (self.unanswered or not self.refused):
            parts.append(_(SAVED))
        return " ".join(parts)


def relays_for(store: Store, event: Event) -> list[str]:
    """Where an event goes: its community's relays; profiles, prekey bundles and DMs
    (which belong to no community) to every relay."""
    if event.kind in GLOBAL_KINDS or not event.community:
        return relay_urls(store)
    rows = store.execute(
        "SELECT relay_url FROM community_relays WHERE slug = ? ORDER BY relay_url",
        (event.community,),
    ).fetchall()
    return [row[0] for row in rows]


def send_now(store: Store, event: Event, proxy: str | None = None) -> Delivery:
    """Push the outbox to the event's relays now and report their answers for ``event``."""
    return send_events(store, [event], proxy)


def send_events(
    store: Store,
    events: Sequence[Event],
    proxy: str | None = None,
    *,
    syncer: Syncer | None = None,
) -> Delivery:
    """Push the outbox to the relays of every event now and report their answers.

    Several events come from one action (withdrawing everything a persona wrote); a
    relay counts as having accepted the action only when it accepted every event it
    was sent, and its first refusal is the one quoted. A relay that answered for
    none of them, or only for some, leaves the rest in the outbox and counts as
    unanswered, so nothing is called "Sent" that is still waiting.

    ``syncer``: a long-lived one on ``store`` (the app's, whose live streams write through
    the same connection: every store read here takes its turn with them).
    """
    if syncer is None:
        with Syncer(store, proxy=proxy, timeout=TIMEOUT) as own:
            return _send(own, events)
    return _send(syncer, events)


def _send(syncer: Syncer, events: Sequence[Event]) -> Delivery:
    store = syncer.store
    relays: list[str] = []
    with syncer.turns.holding():
        for event in events:
            relays += [url for url in relays_for(store, event) if url not in relays]
    for url in relays:
        syncer.sync_relay_push_only(url)
    with syncer.turns.holding():
        return _answers(store, events, relays)


def _answers(store: Store, events: Sequence[Event], relays: list[str]) -> Delivery:
    """What the relays answered, as recorded in the outbox."""
    answers = [(answers_for(store, event.id), relays_for(store, event)) for event in events]
    accepted: list[str] = []
    refused: dict[str, str] = {}
    unanswered: list[str] = []
    for url in relays:
        statuses = [
            answer.get(url, "").partition(":") for answer, wanted in answers if url in wanted
        ]
        rejected = [
            reason or "no reason given" for status, _, reason in statuses if status == "rejected"
        ]
        if rejected:
            refused[url] = rejected[0] or "no reason given"
        elif all(status in ("accepted", "duplicate") for status, _, _ in statuses):
            accepted.append(url)
        else:
            unanswered.append(url)
    held = any(is_waiting(store, event.id) for event in events)
    return Delivery(tuple(accepted), refused, tuple(unanswered), held)
