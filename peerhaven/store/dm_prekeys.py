"""The prekey bundle each persona publishes so others can start a conversation with it.

A bundle is made, its secrets saved and its signed ``prekeys`` event queued in
the outbox in one transaction; the outbox sends it to every relay this device
uses (the relay keeps only the newest per persona). A new bundle is made when a
persona has none, when its signed prekey has a week left, or when fewer than a
quarter of its one-time prekeys are left unused (each request uses one up).
Secrets of earlier bundles are kept, so a request started from an older bundle
still opens: the newest ``KEEP_SIGNED`` signed prekeys and ``KEEP_ONE_TIME``
one-time keys, which outlast a relay's mailbox retention at any ordinary pace.
"""

from __future__ import annotations

from peerhaven.core.dm.prekeys import ONE_TIME_PREKEYS, new_prekeys, prekeys_event
from peerhaven.core.event import Event
from peerhaven.core.persona import Persona
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.dm_state import load_prekeys, save_bundle
from peerhaven.store.outbox import queue

#: a signed prekey is replaced when it has less than this left (seconds)
RENEW_BEFORE = 7 * 86_400
#: a bundle is replenished when fewer one-time keys than this are left
LOW_ONE_TIME = ONE_TIME_PREKEYS // 4
KEEP_SIGNED = 3
KEEP_ONE_TIME = 300


def needs_new_bundle(store: Store, persona: str, *, at: int) -> bool:
    """Whether ``persona``'s published bundle is missing, expiring or nearly used up."""
    row = store.execute(
        "SELECT spk_expires, otpk_first, otpk_count FROM dm_prekeys WHERE persona = ?",
        (persona,),
    ).fetchone()
    if row is None:
        return True
    expires, first, count = (int(v) for v in row)
    if expires - at < RENEW_BEFORE:
        return True
    held = load_prekeys(store.conn, persona)
    if held is None:
        return True
    left = sum(1 for otpk_id in held.one_time if first <= otpk_id < first + count)
    return left < LOW_ONE_TIME


def publish_prekeys(store: Store, persona: Persona, *, force: bool = False) -> Event | None:
    """Make and queue a new bundle for ``persona`` when it needs one (or ``force``).

    Returns the queued ``prekeys`` event, or None when the published one still serves.
    """
    at = now()
    with store.transaction() as conn:
        if not force and not needs_new_bundle(store, persona.pubkey, at=at):
            return None
        held = load_prekeys(conn, persona.pubkey)
        bundle, secrets = new_prekeys(persona.keys, now=at, held=held)
        for old in sorted(secrets.signed)[:-KEEP_SIGNED]:
            del secrets.signed[old]
        for old in sorted(secrets.one_time)[:-KEEP_ONE_TIME]:
            del secrets.one_time[old]
        event = prekeys_event(persona.keys, bundle, created_at=at)
        save_bundle(conn, persona.pubkey, bundle, secrets, at)
        queue(conn, event)
    return event
