"""The relay's own rules on top of core validation: who may write what, where.

``decide`` is pure: the storage fetches the facts it needs (which ids exist,
which are tombstoned, who wrote a target) inside its write transaction and
applies the verdict. Keeping the rules out of SQL lets both backends share
them and lets tests read them as plain code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from peerhaven.core.community import CommunityDefinition
from peerhaven.core.event import EDIT_WINDOW, GLOBAL_KINDS, Event


class RelayReason(StrEnum):
    """Refusal codes the relay adds to core's ``Reason``."""

    UNKNOWN_COMMUNITY = "unknown-community"
    NOT_OWNER = "not-owner"
    NOT_MODERATOR = "not-moderator"
    NOT_AUTHOR = "not-author"
    WRONG_COMMUNITY = "wrong-community"
    OUTDATED = "outdated"
    PROTECTED = "protected"
    BANNED = "banned"
    EXPIRED = "expired"
    RATE_LIMITED = "rate-limited"
    DELETED = "deleted"
    UNKNOWN_TARGET = "unknown-target"
    EDIT_WINDOW_CLOSED = "edit-window-closed"


RELAY_WIDE = ""
"""The community value of an operator's relay-wide ban."""


@dataclass
class PolicyState:
    """Current community definitions and bans, as the writer sees them in its transaction."""

    communities: dict[str, CommunityDefinition] = field(default_factory=dict)
    #: (community or RELAY_WIDE, pubkey)
    bans: set[tuple[str, str]] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Target:
    """What the store knows about an event another event points at."""

    pubkey: str
    community: str
    kind: str
    created_at: int = 0
    #: served to readers (a post held for approval is not)
    public: bool = True


@dataclass
class Facts:
    """What the store holds about the ids a batch mentions."""

    existing: set[str] = field(default_factory=set)
    #: deleted id -> pubkey of the author who deleted it
    tombstones: dict[str, str] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rules:
    """The per-relay switches the decision depends on."""

    operators: frozenset[str]
    open_communities: bool = False
    #: seconds after a post in which its author's ``edit`` is accepted
    edit_window: int = EDIT_WINDOW
    #: seconds a mailbox event is kept at most (its ``expires`` tag may say sooner)
    mailbox_retention: int = 30 * 86_400
    #: mailbox events one key may receive per UTC day
    mailbox_per_recipient: int = 1_000


def decide(
    event: Event, state: PolicyState, facts: Facts, rules: Rules, now: int
) -> RelayReason | None:
    """Why the relay refuses a valid, new event, or ``None`` to accept it."""
    stamp = facts.tombstones.get(event.id)
    if stamp is not None and stamp == event.pubkey:
        return RelayReason.DELETED
    expires = event.expires_at
    if expires is not None and expires <= now:
        return RelayReason.EXPIRED
    if (RELAY_WIDE, event.pubkey) in state.bans:
        return RelayReason.BANNED
    if event.kind in GLOBAL_KINDS:
        return None
    current = state.communities.get(event.community)
    if event.kind == "community":
        return _decide_definition(event, current, rules)
    if current is None:
        return RelayReason.UNKNOWN_COMMUNITY
    if event.pubkey != current.owner and (event.community, event.pubkey) in state.bans:
        return RelayReason.BANNED
    if event.kind == "moderate":
        return _decide_moderation(event, current, facts)
    if event.kind == "delete":
        return _decide_deletion(event, facts)
    if event.kind == "edit":
        return _decide_edit(event, facts, rules)
    return None


def _decide_definition(
    event: Event, current: CommunityDefinition | None, rules: Rules
) -> RelayReason | None:
    if current is None:
        if rules.open_communities or event.pubkey in rules.operators:
            return None
        return RelayReason.UNKNOWN_COMMUNITY
    if event.pubkey != current.owner:
        return RelayReason.NOT_OWNER
    if (event.created_at, event.id) <= (current.created_at, current.event_id):
        return RelayReason.OUTDATED
    return None


def _decide_moderation(
    event: Event, current: CommunityDefinition, facts: Facts
) -> RelayReason | None:
    if not current.is_moderator(event.pubkey):
        return RelayReason.NOT_MODERATOR
    target = event.target or ""
    if event.content in ("ban", "unban"):
        if target == current.owner:
            return RelayReason.PROTECTED
        return None
    known = facts.targets.get(target)
    if known is not None and known.community != event.community:
        return RelayReason.WRONG_COMMUNITY
    return None


def _decide_deletion(event: Event, facts: Facts) -> RelayReason | None:
    known = facts.targets.get(event.target or "")
    if known is None:
        return None  # the target may arrive later; its tombstone will refuse it
    if known.pubkey != event.pubkey:
        return RelayReason.NOT_AUTHOR
    if known.kind == "community":
        return RelayReason.PROTECTED
    return None


def _decide_edit(event: Event, facts: Facts, rules: Rules) -> RelayReason | None:
    """An edit needs its post here and public, the post's author, and the window open.

    Unlike a delete, an edit of a post the relay does not serve is refused: it
    would carry words nobody could check against a post, and a held post's
    edit would publish what a moderator has not approved.
    """
    known = facts.targets.get(event.target or "")
    if known is None or known.kind != "post" or not known.public:
        return RelayReason.UNKNOWN_TARGET
    if known.community != event.community:
        return RelayReason.WRONG_COMMUNITY
    if known.pubkey != event.pubkey:
        return RelayReason.NOT_AUTHOR
    if not known.created_at <= event.created_at <= known.created_at + rules.edit_window:
        return RelayReason.EDIT_WINDOW_CLOSED
    return None
