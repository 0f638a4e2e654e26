"""Everything the reader chose not to see, gathered for one screen or one listing.

``store.filter_prefs`` changes the choices and builds the rules the feed uses;
this module reads them back with the words a person needs: which warning labels
exist and what each does, every community's default, what is muted until when,
and who is blocked. Like the choices themselves, nothing here leaves the device.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerhaven.core import localized
from peerhaven.core.persona import pseudonym
from peerhaven.safety.filters import Action, normalise_label
from peerhaven.store import clock
from peerhaven.store.database import Store
from peerhaven.store.settings import get_setting

#: how many labels seen in posts are offered (the most recent posts' labels win)
SEEN_LABELS = 200


@dataclass(frozen=True, slots=True)
class LabelChoice:
    """A content-warning label and the reader's own choice for it (``None``: the default)."""

    label: str
    action: Action | None


@dataclass(frozen=True, slots=True)
class CommunityChoice:
    """A joined community and the reader's default for its labels (``None``: collapse)."""

    slug: str
    name: str
    action: Action | None


@dataclass(frozen=True, slots=True)
class MutedItem:
    """One mute still in force, ready to be shown and lifted."""

    kind: str
    value: str
    #: what to show: the word, a pseudonym, or the first words of a thread
    shown: str
    until: int | None


@dataclass(frozen=True, slots=True)
class BlockedPersona:
    """One blocked persona."""

    pubkey: str
    since: int

    @property
    def pseudonym(self) -> str:
        """The name the reader knew them by."""
        return pseudonym(self.pubkey)


@dataclass(frozen=True, slots=True)
class FilterOverview:
    """All the reader's filters at one moment."""

    go_gently: bool
    labels: tuple[LabelChoice, ...]
    communities: tuple[CommunityChoice, ...]
    mutes: tuple[MutedItem, ...]
    blocks: tuple[BlockedPersona, ...]
    at: int


def expiry_words(until: int | None, at: int) -> str:
    """How long a mute lasts, in words: "for good", "until Tue 17 Nov, 12:00 (in 23 hours)"."""
    if until is None:
        return "for good"
    left = max(0, until - at)
    if left >= 86_400:
        span = f"{left // 86_400} day{'s' if left // 86_400 != 1 else ''}"
    elif left >= 3_600:
        span = f"{left // 3_600} hour{'s' if left // 3_600 != 1 else ''}"
    else:
        span = f"{max(1, left // 60)} minute{'s' if left // 60 > 1 else ''}"
    when = localized.when(until, localized.WEEKDAY_TIME)
    return f"until {when} (in {span})"


def _seen_labels(store: Store) -> list[str]:
    """Warning labels on posts this device holds, newest posts first."""
    rows = store.execute(
        "SELECT json_extract(j.value, '$[1]') FROM events, json_each(events.tags) j"
        " WHERE events.kind = 'post' AND events.deleted = 0"
        " AND json_extract(j.value, '$[0]') = 'cw' ORDER BY events.created_at DESC LIMIT ?",
        (SEEN_LABELS * 5,),
    ).fetchall()
    labels: dict[str, None] = {}
    for (label,) in rows:
        labels.setdefault(normalise_label(str(label or "")), None)
        if len(labels) >= SEEN_LABELS:
            break
    return list(labels)


def _thread_words(store: Store, root: str) -> str:
    row = store.execute("SELECT content FROM events WHERE id = ?", (root,)).fetchone()
    first = " ".join(str(row[0]).split()) if row and row[0] else ""
    if not first:
        return f"thread {root[:12]}"
    return f"thread “{first[:40]}{'…' if len(first) > 40 else ''}”"


def _shown(store: Store, kind: str, value: str) -> str:
    """A muted thing as a person recognises it."""
    if kind == "word":
        return f"word “{value}”"
    if kind == "persona":
        return f"persona {pseudonym(value)}"
    return _thread_words(store, value)


def filter_overview(store: Store) -> FilterOverview:
    """The reader's filters: labels (own choices first, then labels seen), communities,
    mutes still in force and blocks."""
    at = clock.now()
    chosen = get_setting(store, "cw_policy") or {}
    policy = {normalise_label(label): Action(action) for label, action in chosen.items()}
    seen = [label for label in _seen_labels(store) if label not in policy]
    labels = tuple(
        [LabelChoice(label, policy[label]) for label in sorted(policy)]
        + [LabelChoice(label, None) for label in sorted(seen)]
    )
    defaults = get_setting(store, "cw_community_defaults") or {}
    communities = tuple(
        CommunityChoice(slug, name, Action(defaults[slug]) if slug in defaults else None)
        for slug, name in store.execute(
            "SELECT m.slug, c.name FROM memberships m JOIN communities c ON c.slug = m.slug"
            " ORDER BY c.name, m.slug"
        ).fetchall()
    )
    mutes = []
    for kind, value, until in store.execute(
        "SELECT kind, value, until FROM mutes WHERE until IS NULL OR until > ?"
        " ORDER BY CASE kind WHEN 'word' THEN 0 WHEN 'persona' THEN 1 ELSE 2 END, created_at, id",
        (at,),
    ).fetchall():
        mutes.append(MutedItem(kind, value, _shown(store, kind, value), until))
    blocks = tuple(
        BlockedPersona(pubkey, int(since))
        for pubkey, since in store.execute(
            "SELECT pubkey, created_at FROM blocks ORDER BY created_at, pubkey"
        ).fetchall()
    )
    return FilterOverview(
        go_gently=bool(get_setting(store, "go_gently")),
        labels=labels,
        communities=communities,
        mutes=tuple(mutes),
        blocks=blocks,
        at=at,
    )
