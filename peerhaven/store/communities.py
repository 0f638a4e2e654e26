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
from peerhaven.core.i18n import _
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
                    raise InvalidEvent(Reason.UNKNOWN_KIND, _("Not a community definition."))
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


def definition(store: Store, slug: str) -> CommunityDefinition:
    """The definition a person should read: the one kept on joining, else the newest a
    relay offers (from the pinned owner only, when one is pinned).

    The app shows rules from here before joining and any time after.
    """
    row = store.execute("SELECT definition FROM communities WHERE slug = ?", (slug,)).fetchone()
    if row is not None and row[0]:
        try:
            return parse_definition(Event.from_json(row[0]))
        except (InvalidEvent, ValueError):
            pass  # a placeholder row: fall back to what relays offer
    pin = pinned_owner(store, slug)
    found = [o for o in offers(store, slug) if pin is None or o.event.pubkey == pin]
    if not found:
        raise NotFound(
            _(
                "Nothing is known about {slug!r} yet; refresh the list of communities while online."
            ).format(slug=slug)
        )
    return max(found, key=lambda o: (o.event.created_at, o.event.id)).definition


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
    communities through a shared key. Joining a community you observe makes you a
    member of it (the caller shows and records its rules, as for any join).
    """
    existing = store.execute("SELECT observer FROM memberships WHERE slug = ?", (slug,)).fetchone()
    if existing is not None:
        if existing[0] and not observer:
            return _promote(store, slug, persona)
        if existing[0]:
            raise BadInput(_("You already observe {slug!r}.").format(slug=slug))
        raise BadInput(_("You have already joined {slug!r}.").format(slug=slug))
    candidates = [o for o in offers(store, slug) if relay_url is None or o.relay_url == relay_url]
    if not candidates:
        where = f" on {relay_url}" if relay_url else ""
        raise NotFound(
            _(
                "No relay{where} is known to offer {slug!r}; run `peerhaven communities` while "
                "online to see what relays offer."
            ).format(where=where, slug=slug)
        )
    pin = pinned_owner(store, slug)
    owners = {o.event.pubkey for o in candidates}
    if pin is not None:
        trusted = [o for o in candidates if o.event.pubkey == pin]
        if not trusted:
            raise TrustError(
                _(
                    "The definition of {slug!r} offered now is signed by a different key than the "
                    "owner you trusted before; refusing it."
                ).format(slug=slug)
            )
        candidates = trusted
    elif len(owners) > 1:
        raise TrustError(
            _("Relays disagree about who owns {slug!r}; choose one with --relay URL.").format(
                slug=slug
            )
        )
    newest = max(candidates, key=lambda o: (o.event.created_at, o.event.id))
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


def _promote(store: Store, slug: str, persona: str | None) -> Membership:
    """An observer becomes a member; nothing was published as the observer, so the
    persona may still be swapped for a chosen one."""
    chosen = load_persona(store, persona).pubkey if persona is not None else None
    with store.transaction() as conn:
        conn.execute(
            "UPDATE memberships SET observer = 0, persona = coalesce(?, persona) WHERE slug = ?",
            (chosen, slug),
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
    raise NotFound(
        _("You have not joined {slug!r}; `peerhaven join {slug}` joins it.").format(slug=slug)
    )


def community_crisis_lines(store: Store, slug: str) -> list[dict[str, Any]] | None:
    """The crisis lines a pinned community definition carries (``extra["crisis_resources"]``),
    unchecked: ``safety.crisis.resources_for`` validates them and says why any was left out."""
    row = store.execute("SELECT definition FROM communities WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        raise NotFound(
            _("You have not joined {slug!r}, so its own lines are not known here.").format(
                slug=slug
            )
        )
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
                raise BadInput(_("Keep at least one day of a community, or choose not to keep it."))
            conn.execute("UPDATE memberships SET keep_days = ? WHERE slug = ?", (keep_days, slug))


def trust_warnings(store: Store) -> list[tuple[str, str | None, str, int]]:
    """(slug, relay, impostor key, when) for every refused definition."""
    return [
        (slug, relay, pubkey, seen)
        for slug, relay, pubkey, seen in store.execute(
            "SELECT slug, relay_url, pubkey, seen_at FROM trust_warnings ORDER BY seen_at DESC"
        )
    ]


@dataclass(frozen=True, slots=True)
class Listing:
    """One community as the browse screen shows it: offered, joined, or both."""

    slug: str
    name: str
    description: str
    rules: tuple[str, ...]
    #: relays carrying the definition shown (the trusted owner's, once joined)
    relays: tuple[str, ...]
    joined: bool
    observer: bool
    #: trust problems in words: a relay serving another owner's definition, disagreement
    warnings: tuple[str, ...]
    #: relays disagree about the owner of a community not joined: joining is refused
    disputed: bool = False


def _warnings(
    slug: str, found: list[Offer], pin: str | None, refused: list[tuple[str | None, str, int]]
) -> list[str]:
    from peerhaven.core.persona import fingerprint

    notes = []
    for offer in found:
        if pin is not None and offer.event.pubkey != pin:
            key = fingerprint(offer.event.pubkey)
            notes.append(
                _(
                    "{relay_url} serves a definition signed by {key}, not by the owner you trusted "
                    "on joining; it is ignored."
                ).format(relay_url=offer.relay_url, key=key)
            )
    owners = {o.event.pubkey for o in found}
    if pin is None and len(owners) > 1:
        claims = "; ".join(f"{o.relay_url} says {fingerprint(o.event.pubkey)}" for o in found)
        notes.append(
            _(
                "Relays disagree about who owns {slug!r} ({claims}); joining is refused until "
                "they agree, so no relay can choose the owner for you."
            ).format(slug=slug, claims=claims)
        )
    for relay, pubkey, _seen in refused:
        notes.append(
            _(
                "{value} served a definition signed by {fingerprint}, not by the owner you "
                "trusted; it was refused."
            ).format(value=relay or "A relay", fingerprint=fingerprint(pubkey))
        )
    return notes


def listings(store: Store) -> list[Listing]:
    """Every community relays offer or you joined, by name, with trust warnings in words."""
    by_slug: dict[str, list[Offer]] = {}
    for offer in offers(store):
        by_slug.setdefault(offer.definition.slug, []).append(offer)
    members = {m.slug: m for m in memberships(store)}
    refused: dict[str, list[tuple[str | None, str, int]]] = {}
    for slug, relay, pubkey, seen in trust_warnings(store):
        refused.setdefault(slug, []).append((relay, pubkey, seen))
    result = []
    for slug in sorted(set(by_slug) | set(members)):
        found = by_slug.get(slug, [])
        pin = pinned_owner(store, slug)
        trusted = [o for o in found if pin is None or o.event.pubkey == pin]
        member = members.get(slug)
        try:
            shown = definition(store, slug)
        except NotFound:
            continue  # a pinned owner whose definition no relay offers and none was kept
        relays = tuple(o.relay_url for o in trusted) or (member.relays if member else ())
        result.append(
            Listing(
                slug=slug,
                name=shown.name,
                description=shown.description,
                rules=shown.rules,
                relays=relays,
                joined=member is not None,
                observer=bool(member and member.observer),
                warnings=tuple(_warnings(slug, found, pin, refused.get(slug, []))),
                disputed=pin is None and len({o.event.pubkey for o in found}) > 1,
            )
        )
    return sorted(result, key=lambda item: (item.name.casefold(), item.slug))
