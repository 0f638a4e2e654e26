"""The prekey bundle each persona publishes so others can start a conversation with it.

A bundle is made and its secrets and signed ``prekeys`` event saved in one
transaction; each relay that keeps mailboxes gets it during the next sync, right
after this device read its mailboxes there (``sync.dm``; the relay keeps only the
newest per persona). It does not go through the outbox: a relay without mailboxes
would refuse its kind, and a bundle is the device's, not an action of the member
to report as sent. ``dm_bundle_relays`` records which relay has the newest one.
A new bundle is made when a
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
    """Make a new bundle for ``persona`` when it needs one (or ``force``), to be published.

    Returns its ``prekeys`` event, or None when the current one still serves.
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
        save_bundle(conn, persona.pubkey, bundle, secrets, event, at)
    return event


def unpublished(store: Store, relay_url: str) -> list[Event]:
    """The newest bundles this relay does not have yet."""
    rows = store.execute(
        "SELECT p.bundle FROM dm_prekeys p WHERE NOT EXISTS (SELECT 1 FROM dm_bundle_relays r"
        " WHERE r.persona = p.persona AND r.relay_url = ? AND r.made_at = p.made_at)"
        " ORDER BY p.persona",
        (relay_url,),
    ).fetchall()
    return [Event.from_json(row[0]) for row in rows]


def published(store: Store, relay_url: str, event: Event) -> None:
    """Record that ``relay_url`` took this bundle (it is the persona's newest)."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO dm_bundle_relays (persona, relay_url, made_at) SELECT persona, ?,"
            " made_at FROM dm_prekeys WHERE persona = ? AND made_at = ? ON CONFLICT"
            " (persona, relay_url) DO UPDATE SET made_at = excluded.made_at",
            (relay_url, event.pubkey, event.created_at),
        )
