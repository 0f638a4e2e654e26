"""Communities: what relays offer, what you joined, and the owner key pinned on joining.

Joining pins the owner of the definition you saw (trust on first use). From then
on only that key can redefine the community on this device; a definition signed
by anyone else is refused and shown as a warning. Leaving keeps the pin, so a
relay cannot swap the owner between a leave and a re-join.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from peerhaven.core.community import CommunityDefinition, parse_definition
from peerhaven.core.errors import InvalidEvent, Reason
from peerhaven.core.event import Event
from peerhaven.core.persona import Persona
from peerhaven.core.validate import validate
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput, NotFound, StoreError
from peerhaven.store.personas import create_persona, default_persona, load_persona
from peerhaven.store.settings import get_setting


class TrustError(StoreError):
    """A definition that contradicts the owner pinned on joining."""


@dataclass(frozen=True, slots=True)
class Offer:
    """A community as one relay offers it."""

    relay_url: str
    definition: CommunityDefinition
    event: Event


@dataclass(frozen=True, slots=True)
class Membership:
    """A joined community and the persona you speak as there."""

    slug: str
    name: str
    persona: str
    observer: bool
    joined_at: int
    relays: tuple[str, ...]
    keep_offline: bool
    keep_days: int | None
    rules: tuple[str, ...]
    rules_accepted_at: int | None


def record_offers(store: Store, relay_url: str, events: list[object]) -> tuple[int, int]:
    """Store the definitions a relay serves; returns (kept, refused as invalid)."""
    kept, refused = 0, 0
    at = now()
    with store.transaction() as conn:
        conn.execute("DELETE FROM relay_offers WHERE relay_url = ?", (relay_url,))
        for raw in events:
            try:
                event = Event.from_wire(raw)
                validate(event)
                if event.kind != "community":
                    raise InvalidEvent(Reason.UNKNOWN_KIND, "Not a community definition.")
                definition = parse_definition(event)
            except InvalidEvent:
                refused += 1
                continue
            conn.execute(
                "INSERT OR REPLACE INTO relay_offers"
                " (relay_url, slug, owner, name, description, definition, seen_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    relay_url,
                    event.community,
                    event.pubkey,
                    definition.name,
                    definition.description,
                    event.to_json(),
                    at,
                ),
            )
            kept += 1
    return kept, refused


def offers(store: Store, slug: str | None = None) -> list[Offer]:
    """What relays offer (optionally for one slug), newest definitions first."""
    sql = "SELECT relay_url, definition FROM relay_offers"
    params: tuple[str, ...] = ()
    if slug is not None:
        sql += " WHERE slug = ?"
        params = (slug,)
    rows = store.execute(sql + " ORDER BY slug, relay_url", params).fetchall()
    result = []
    for relay_url, definition in rows:
        event = Event.from_json(definition)
        result.append(Offer(relay_url, parse_definition(event), event))
    return result


def pinned_owner(store: Store, slug: str) -> str | None:
    """The owner key pinned for a community, if it was ever joined."""
    row = store.execute("SELECT owner FROM communities WHERE slug = ?", (slug,)).fetchone()
    return row[0] if row else None


def join(
    store: Store,
    slug: str,
    *,
    relay_url: str | None = None,
    persona: str | None = None,
    observer: bool = False,
) -> Membership:
    """Join (or observe) a community from the offers on record; pins the owner key.

    Without ``persona``, a fresh persona is made for the community (unless the
    ``persona_per_community`` setting is off), so relays cannot link one person's
    communities through a shared key.
    """
    candidates = [o for o in offers(store, slug) if relay_url is None or o.relay_url == relay_url]
    if not candidates:
        where = f" on {relay_url}" if relay_url else ""
        raise NotFound(
            f"No relay{where} is known to offer {slug!r}; run `peerhaven communities` "
            "while online to see what relays offer."
        )
    pin = pinned_owner(store, slug)
    owners = {o.event.pubkey for o in candidates}
    if pin is not None:
        trusted = [o for o in candidates if o.event.pubkey == pin]
        if not trusted:
            raise TrustError(
                f"The definition of {slug!r} offered now is signed by a different key than "
                "the owner you trusted before; refusing it."
            )
        candidates = trusted
    elif len(owners) > 1:
        raise TrustError(f"Relays disagree about who owns {slug!r}; choose one with --relay URL.")
    newest = max(candidates, key=lambda o: (o.event.created_at, o.event.id))
    if store.execute("SELECT 1 FROM memberships WHERE slug = ?", (slug,)).fetchone():
        raise BadInput(f"You have already joined {slug!r}.")
    chosen = _persona_for_join(store, persona)
    at = now()
    definition = newest.definition
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO communities (slug, owner, name, description, definition, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET name = excluded.name,"
            " description = excluded.description, definition = excluded.definition,"
            " updated_at = excluded.updated_at WHERE excluded.updated_at >= updated_at",
            (
                slug,
                newest.event.pubkey,
                definition.name,
                definition.description,
                newest.event.to_json(),
                newest.event.created_at,
            ),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO community_relays (slug, relay_url) VALUES (?, ?)",
            [(slug, o.relay_url) for o in candidates],
        )
        conn.execute(
            "INSERT INTO memberships (slug, persona, joined_at, observer) VALUES (?, ?, ?, ?)",
            (slug, chosen.pubkey, at, int(observer)),
        )
    return membership(store, slug)


def _persona_for_join(store: Store, persona: str | None) -> Persona:
    if persona is not None:
        return load_persona(store, persona)
    if get_setting(store, "persona_per_community"):
        return create_persona(store, default=False)
    return default_persona(store)


def accept_rules(store: Store, slug: str) -> None:
    """Record that the member read and accepted the rules."""
    with store.transaction() as conn:
        conn.execute("UPDATE memberships SET rules_accepted_at = ? WHERE slug = ?", (now(), slug))


def leave(store: Store, slug: str) -> int:
    """Leave a community: its feed is erased from this device (your own posts stay).

    Returns how many events were erased. The pinned owner stays on record.
    """
    membership(store, slug)
    with store.transaction() as conn:
        erased = conn.execute(
            "DELETE FROM events WHERE community = ?"
            " AND pubkey NOT IN (SELECT pubkey FROM personas)",
            (slug,),
        ).rowcount
        for table in ("memberships", "read_marks", "report_dismissals"):
            conn.execute(f"DELETE FROM {table} WHERE slug = ?", (slug,))
        conn.execute("DELETE FROM cursors WHERE community = ?", (slug,))
        conn.execute("DELETE FROM threads WHERE slug = ?", (slug,))
        conn.execute("DELETE FROM held_posts WHERE community = ?", (slug,))
    store.scrub()
    return int(erased)


def membership(store: Store, slug: str) -> Membership:
    """One joined community."""
    for member in memberships(store):
        if member.slug == slug:
            return member
    raise NotFound(f"You have not joined {slug!r}; `peerhaven join {slug}` joins it.")


def community_crisis_lines(store: Store, slug: str) -> list[dict[str, Any]] | None:
    """The crisis lines a pinned community definition carries (``extra["crisis_resources"]``),
    unchecked: ``safety.crisis.resources_for`` validates them and says why any was left out."""
    row = store.execute("SELECT definition FROM communities WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        raise NotFound(f"You have not joined {slug!r}, so its own lines are not known here.")
    extra = parse_definition(Event.from_json(row[0])).extra.get("crisis_resources")
    return extra if isinstance(extra, list) else None


def memberships(store: Store) -> list[Membership]:
    """Every joined community, by name."""
    rows = store.execute(
        "SELECT m.slug, c.name, m.persona, m.observer, m.joined_at, m.keep_offline, m.keep_days,"
        " c.definition, m.rules_accepted_at,"
        " (SELECT group_concat(relay_url, ' ') FROM community_relays r WHERE r.slug = m.slug)"
        " FROM memberships m JOIN communities c ON c.slug = m.slug ORDER BY c.name, m.slug"
    ).fetchall()
    result = []
    for slug, name, persona, observer, joined, keep, days, definition, accepted, relays in rows:
        rules = json.loads(Event.from_json(definition).content).get("rules", [])
        result.append(
            Membership(
                slug=slug,
                name=name,
                persona=persona,
                observer=bool(observer),
                joined_at=joined,
                relays=tuple(sorted((relays or "").split())),
                keep_offline=bool(keep),
                keep_days=days,
                rules=tuple(rules),
                rules_accepted_at=accepted,
            )
        )
    return result


def set_offline_policy(
    store: Store, slug: str, *, keep_offline: bool | None = None, keep_days: int | None = None
) -> None:
    """Choose whether a community is kept for offline reading, and how far back."""
    membership(store, slug)
    with store.transaction() as conn:
        if keep_offline is not None:
            conn.execute(
                "UPDATE memberships SET keep_offline = ? WHERE slug = ?", (int(keep_offline), slug)
            )
        if keep_days is not None:
            if keep_days < 1:
                raise BadInput("Keep at least one day of a community, or choose not to keep it.")
            conn.execute("UPDATE memberships SET keep_days = ? WHERE slug = ?", (keep_days, slug))


def trust_warnings(store: Store) -> list[tuple[str, str | None, str, int]]:
    """(slug, relay, impostor key, when) for every refused definition."""
    return [
        (slug, relay, pubkey, seen)
        for slug, relay, pubkey, seen in store.execute(
            "SELECT slug, relay_url, pubkey, seen_at FROM trust_warnings ORDER BY seen_at DESC"
        )
    ]
