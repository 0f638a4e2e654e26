"""What the operator CLI does, as plain functions on settings (tests call them directly).

Community definitions are signed by the operator's key and go through the
same write path and policy as published events, so a definition made here
syncs to members exactly like one published over HTTP.
"""

from __future__ import annotations

import time
from pathlib import Path

from peerhaven.core import builders
from peerhaven.core.community import (
    HOLD_KEY,
    MAX_HOLD_FIRST_POSTS,
    MAX_RULE,
    MAX_RULES,
    CommunityDefinition,
)
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import HEX64_RE, SLUG_RE, Event
from peerhaven.core.validate import validate
from peerhaven.relay.errors import OperatorError
from peerhaven.relay.held import held_count, purge_banned
from peerhaven.relay.operator_key import load_operator_key
from peerhaven.relay.policy import Rules
from peerhaven.relay.settings import RelaySettings
from peerhaven.relay.storage import Storage, open_storage


def open_for_operator(settings: RelaySettings) -> Storage:
    """The store, created if missing (the CLI works before the first ``serve``)."""
    load_operator_key(settings.data_dir)
    return open_storage(settings)


#: the most a rules file may hold: MAX_RULES rules of MAX_RULE characters of up to 4 bytes
MAX_RULES_FILE_BYTES = MAX_RULES * (MAX_RULE * 4 + 1)


def read_rules(path: Path) -> list[str]:
    """One rule per non-empty line; read with a cap, so /dev/zero or a huge file cannot hang."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_RULES_FILE_BYTES + 1)
        if len(data) > MAX_RULES_FILE_BYTES:
            raise OperatorError(
                f"The rules file {path} is larger than {MAX_RULES} rules can be "
                f"({MAX_RULES_FILE_BYTES:,} bytes)."
            )
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OperatorError(f"The rules file {path} cannot be read.") from exc
    return [line.strip() for line in text.splitlines() if line.strip()]


def _check_pubkey(pubkey: str) -> None:
    if not HEX64_RE.fullmatch(pubkey):
        raise OperatorError("A pubkey is 64 lowercase hex characters.")


def _publish(settings: RelaySettings, storage: Storage, event: Event) -> None:
    operator = load_operator_key(settings.data_dir)
    try:
        validate(event, limits=settings.limits)
    except InvalidEvent as exc:
        raise OperatorError(str(exc)) from exc
    rules = Rules(operators=frozenset({operator.pubkey}), open_communities=False)
    (outcome,) = storage.apply([event], int(time.time()), rules)
    if outcome.status != "accepted":
        what = "the definition" if event.kind == "community" else f"the {event.kind}"
        raise OperatorError(f"The relay refused {what} ({outcome.reason}).")


def publish_events(settings: RelaySettings, events: list[Event]) -> None:
    """Store events signed elsewhere (a local relay's sample posts), in order, through the
    same validation, write path and policy as events published over HTTP."""
    storage = open_for_operator(settings)
    try:
        for event in events:
            _publish(settings, storage, event)
    finally:
        storage.close()


def create_community(
    settings: RelaySettings,
    slug: str,
    name: str,
    description: str,
    rules: list[str],
    moderators: list[str],
    hold_first_posts: int = 0,
) -> str:
    """Create a community owned by the operator; returns the definition's id.

    With ``hold_first_posts`` N > 0, each persona's first N posts there wait
    for a moderator's approval (``peerhaven.relay.held``).
    """
    if not SLUG_RE.fullmatch(slug):
        raise OperatorError("A slug is 2 to 40 lowercase letters, digits and hyphens.")
    _check_hold(hold_first_posts)
    for pubkey in moderators:
        _check_pubkey(pubkey)
    storage = open_for_operator(settings)
    try:
        if storage.community(slug) is not None:
            raise OperatorError(f"The community {slug} already exists.")
        keys = load_operator_key(settings.data_dir)
        extra = {HOLD_KEY: hold_first_posts} if hold_first_posts else {}
        event = builders.community(keys, slug, name, description, rules, moderators, **extra)
        _publish(settings, storage, event)
        return event.id
    finally:
        storage.close()


def _check_hold(count: int) -> None:
    if not 0 <= count <= MAX_HOLD_FIRST_POSTS:
        raise OperatorError(
            f"The number of first posts to hold is 0 (off) to {MAX_HOLD_FIRST_POSTS}."
        )


def _redefine(
    settings: RelaySettings,
    slug: str,
    moderators: set[str] | None = None,
    extra: dict[str, object] | None = None,
) -> str:
    """Sign a newer definition that changes only what is given; returns its id."""
    storage = open_for_operator(settings)
    try:
        current = storage.community(slug)
        if current is None:
            raise OperatorError(f"There is no community {slug}.")
        keys = load_operator_key(settings.data_dir)
        if current.owner != keys.pubkey:
            raise OperatorError(f"The community {slug} belongs to someone else.")
        event = builders.community(
            keys,
            slug,
            current.name,
            current.description,
            list(current.rules),
            sorted(current.moderators if moderators is None else moderators),
            created_at=max(int(time.time()), current.created_at + 1),
            **{**current.extra, **(extra or {})},
        )
        _publish(settings, storage, event)
        return event.id
    finally:
        storage.close()


def add_moderator(settings: RelaySettings, slug: str, pubkey: str) -> str:
    """Sign a newer definition with one more moderator; returns its id."""
    _check_pubkey(pubkey)
    storage = open_for_operator(settings)
    try:
        current = storage.community(slug)
    finally:
        storage.close()
    moderators = set(current.moderators) if current is not None else set()
    return _redefine(settings, slug, moderators=moderators | {pubkey})


def set_hold_first_posts(settings: RelaySettings, slug: str, count: int) -> str:
    """Sign a newer definition holding each persona's first ``count`` posts (0: off).

    Raising the hold counts what members already published as approved, so
    only newcomers wait; posts held now stay held until a moderator decides.
    """
    _check_hold(count)
    return _redefine(settings, slug, extra={HOLD_KEY: count})


def list_communities(settings: RelaySettings) -> list[CommunityDefinition]:
    """Every community's current definition, by slug."""
    storage = open_for_operator(settings)
    try:
        found = [storage.community(slug) for slug in _slugs(storage)]
        return [definition for definition in found if definition is not None]
    finally:
        storage.close()


def _slugs(storage: Storage) -> list[str]:
    return [Event.from_json(body).community for body in storage.community_bodies()]


def set_ban(settings: RelaySettings, pubkey: str, community: str, banned: bool) -> bool:
    """Ban or unban relay-wide (``community`` ``""``) or in one community."""
    _check_pubkey(pubkey)
    storage = open_for_operator(settings)
    try:
        if community and storage.community(community) is None:
            raise OperatorError(f"There is no community {community}.")
        changed = storage.set_ban(pubkey, community, banned)
        if banned:
            purge_banned(storage, pubkey, community)
        return changed
    finally:
        storage.close()


def stats(settings: RelaySettings) -> dict[str, int]:
    """Counts of what the store holds."""
    storage = open_for_operator(settings)
    try:
        return {**storage.stats(), "held": storage.run(held_count())}
    finally:
        storage.close()
