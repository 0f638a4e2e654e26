"""What a reader chooses not to see: content warnings, mutes and blocks, decided per event.

The feed calls ``decide(view, rules, now)`` for every event it is about to draw and
gets back ``show``, ``collapse`` (with a reason to print on the fold) or ``hide``.
All of it is pure: the store persists the lists (``FilterRules.to_dict``), the feed
builds one ``FilterRules`` when they change, and ``decide`` does set look-ups and at
most two searches with a regex compiled once for all mute words.

Order of the checks, first match wins::

    your own event ............ show (your own words are never filtered from you)
    blocked author ............ hide
    muted author / thread ..... hide   (while the mute lasts)
    muted word in text or cw .. hide
    reply to a blocked persona  collapse
    content warnings .......... per label: your policy, else the community's
                                default, else collapse; the strictest label wins;
                                "go gently" turns every show into collapse
    otherwise ................. show
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from peerhaven.core.event import Event
from peerhaven.core.i18n import _

__all__ = [
    "DAY",
    "SHOWN",
    "WEEK",
    "Action",
    "EventView",
    "FilterRules",
    "Mute",
    "Visibility",
    "decide",
    "folding",
    "mute_for",
    "normalise_label",
]

DAY = 86_400
WEEK = 7 * DAY
UNLABELLED = "unlabelled"


class Action(StrEnum):
    """What the feed does with an event (also a content-warning policy)."""

    SHOW = "show"
    COLLAPSE = "collapse"
    HIDE = "hide"


_SEVERITY = {Action.SHOW: 0, Action.COLLAPSE: 1, Action.HIDE: 2}


@dataclass(frozen=True, slots=True)
class Visibility:
    """The decision for one event; ``reason`` is a sentence for the fold or a tooltip."""

    action: Action
    reason: str = ""


SHOWN = Visibility(Action.SHOW)


@dataclass(frozen=True, slots=True)
class EventView:
    """The few facts about an event that filtering needs, independent of the store."""

    id: str
    author: str
    content: str
    community: str = ""
    cw: tuple[str, ...] = ()
    #: the first post of the thread (``None`` for a first post)
    root: str | None = None
    #: the author of the event this one replies to, when the store knows it
    parent_author: str | None = None

    @property
    def thread(self) -> str:
        """The thread this event belongs to: its root, or itself when it starts one."""
        return self.root or self.id

    @classmethod
    def from_event(cls, event: Event, parent_author: str | None = None) -> EventView:
        """The view of a ``post`` (or any event with content and tags)."""
        return cls(
            id=event.id,
            author=event.pubkey,
            content=event.content,
            community=event.community,
            cw=tuple(event.tag_values("cw")),
            root=event.root or event.parent,
            parent_author=parent_author,
        )


@dataclass(frozen=True, slots=True)
class Mute:
    """A muted word, persona or thread; ``until`` is a Unix time, ``None`` for good."""

    value: str
    until: int | None = None

    def active(self, now: int) -> bool:
        """True while the mute lasts."""
        return self.until is None or now < self.until


def mute_for(value: str, duration: Literal["day", "week", "forever"], now: int) -> Mute:
    """A mute lasting a day, a week or for good, the three choices the UI offers."""
    until = {"day": now + DAY, "week": now + WEEK, "forever": None}[duration]
    return Mute(value, until)


def normalise_label(label: str) -> str:
    """Content-warning labels compare case-insensitively with spacing collapsed."""
    return " ".join(label.split()).casefold() or UNLABELLED


def _normalise_word(word: str) -> str:
    return " ".join(word.replace("’", "'").split()).casefold()


def _word_pattern(word: str) -> str:
    """A whole-word, whitespace- and apostrophe-tolerant pattern for one muted word."""
    parts = [re.escape(part).replace("'", "['’]") for part in word.split(" ")]
    return r"\s+".join(parts)


@dataclass(frozen=True)
class FilterRules:
    """Everything one reader has chosen, ready for fast repeated decisions.

    Build it with the constructor (keyword arguments) whenever a list changes;
    the mute-word regex is compiled once here, not per event.
    """

    me: str | None = None
    muted_words: tuple[Mute, ...] = ()
    muted_personas: tuple[Mute, ...] = ()
    muted_threads: tuple[Mute, ...] = ()
    blocked: frozenset[str] = frozenset()
    #: the reader's policy per content-warning label (labels normalised on build)
    cw_policy: Mapping[str, Action] = field(default_factory=dict)
    #: default policy per community slug, for labels the reader has no policy for
    community_defaults: Mapping[str, Action] = field(default_factory=dict)
    default_cw: Action = Action.COLLAPSE
    go_gently: bool = False
    _words: dict[str, Mute] = field(init=False, repr=False, compare=False)
    _word_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _personas: dict[str, Mute] = field(init=False, repr=False, compare=False)
    _threads: dict[str, Mute] = field(init=False, repr=False, compare=False)
    _cw: dict[str, Action] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words: dict[str, Mute] = {}
        for mute in self.muted_words:
            key = _normalise_word(mute.value)
            if key:
                words[key] = _longer(words.get(key), mute)
        patterns = sorted(words, key=len, reverse=True)
        word_re = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(_word_pattern, patterns)) + r")(?!\w)", re.I)
            if patterns
            else None
        )
        object.__setattr__(self, "_words", words)
        object.__setattr__(self, "_word_re", word_re)
        object.__setattr__(self, "_personas", _by_value(self.muted_personas))
        object.__setattr__(self, "_threads", _by_value(self.muted_threads))
        cw = {normalise_label(label): Action(action) for label, action in self.cw_policy.items()}
        object.__setattr__(self, "_cw", cw)

    # -- queries used by decide ----------------------------------------------------------

    def muted_word_in(self, text: str, now: int) -> str | None:
        """The first muted word still in force that ``text`` contains, as the reader wrote it."""
        if self._word_re is None:
            return None
        for match in self._word_re.finditer(text):
            mute = self._words.get(_normalise_word(match.group()))
            if mute is not None and mute.active(now):
                return mute.value
        return None

    def persona_muted(self, pubkey: str, now: int) -> bool:
        """True while a mute on ``pubkey`` lasts."""
        mute = self._personas.get(pubkey)
        return mute is not None and mute.active(now)

    def thread_muted(self, thread: str, now: int) -> bool:
        """True while a mute on the thread lasts."""
        mute = self._threads.get(thread)
        return mute is not None and mute.active(now)

    def cw_action(self, label: str, community: str) -> Action:
        """The policy for one label: the reader's, else the community's default, else global."""
        return self._cw.get(
            normalise_label(label), self.community_defaults.get(community, self.default_cw)
        )

    # -- persistence helpers ---------------------------------------------------------------

    def without_expired(self, now: int) -> FilterRules:
        """The same rules minus mutes that have run out (for the store to prune)."""
        return FilterRules(
            me=self.me,
            muted_words=tuple(m for m in self.muted_words if m.active(now)),
            muted_personas=tuple(m for m in self.muted_personas if m.active(now)),
            muted_threads=tuple(m for m in self.muted_threads if m.active(now)),
            blocked=self.blocked,
            cw_policy=self.cw_policy,
            community_defaults=self.community_defaults,
            default_cw=self.default_cw,
            go_gently=self.go_gently,
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data for the store."""

        def mutes(items: Iterable[Mute]) -> list[dict[str, Any]]:
            return [{"value": m.value, "until": m.until} for m in items]

        return {
            "me": self.me,
            "muted_words": mutes(self.muted_words),
            "muted_personas": mutes(self.muted_personas),
            "muted_threads": mutes(self.muted_threads),
            "blocked": sorted(self.blocked),
            "cw_policy": {k: str(v) for k, v in self.cw_policy.items()},
            "community_defaults": {k: str(v) for k, v in self.community_defaults.items()},
            "default_cw": str(self.default_cw),
            "go_gently": self.go_gently,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FilterRules:
        """The inverse of ``to_dict``; unknown policy names raise ``ValueError``."""

        def mutes(items: Iterable[Mapping[str, Any]]) -> tuple[Mute, ...]:
            return tuple(Mute(str(m["value"]), m.get("until")) for m in items)

        return cls(
            me=data.get("me"),
            muted_words=mutes(data.get("muted_words", ())),
            muted_personas=mutes(data.get("muted_personas", ())),
            muted_threads=mutes(data.get("muted_threads", ())),
            blocked=frozenset(data.get("blocked", ())),
            cw_policy={k: Action(v) for k, v in data.get("cw_policy", {}).items()},
            community_defaults={
                k: Action(v) for k, v in data.get("community_defaults", {}).items()
            },
            default_cw=Action(data.get("default_cw", Action.COLLAPSE)),
            go_gently=bool(data.get("go_gently", False)),
        )


def _longer(old: Mute | None, new: Mute) -> Mute:
    """Of two mutes on the same thing, the one that lasts longer."""
    if old is None or new.until is None:
        return new
    if old.until is None:
        return old
    return new if new.until > old.until else old


def _by_value(mutes: Iterable[Mute]) -> dict[str, Mute]:
    table: dict[str, Mute] = {}
    for mute in mutes:
        table[mute.value] = _longer(table.get(mute.value), mute)
    return table


def decide(view: EventView, rules: FilterRules, now: int) -> Visibility:
    """Show, collapse or hide one event for one reader at time ``now`` (Unix seconds)."""
    if rules.me is not None and view.author == rules.me:
        return SHOWN
    if view.author in rules.blocked:
        return Visibility(Action.HIDE, "You blocked this persona.")
    if rules.persona_muted(view.author, now):
        return Visibility(Action.HIDE, "You muted this persona.")
    if rules.thread_muted(view.thread, now):
        return Visibility(Action.HIDE, "You muted this thread.")
    word = rules.muted_word_in(view.content, now)
    if word is None and view.cw:
        word = rules.muted_word_in("\n".join(view.cw), now)
    if word is not None:
        return Visibility(Action.HIDE, f"Contains a word you muted: “{word}”.")
    return folding(view, rules)


def folding(view: EventView, rules: FilterRules) -> Visibility:
    """The folds alone (a reply to a blocked persona, content warnings), without mutes.

    ``decide`` ends here; the feed also calls it for the reader's own posts, which
    no mute or block hides but whose warning folds them like anyone's. A reply to
    a blocked persona folds whatever its labels say, and its fold names its
    warning too, so opening it is never a surprise.
    """
    warned = _warning(view, rules)
    if view.parent_author is None or view.parent_author not in rules.blocked:
        return warned
    if warned.action is Action.HIDE:
        return warned
    also = f" {warned.reason}" if warned.reason else ""
    return Visibility(Action.COLLAPSE, _("A reply to a persona you blocked.") + also)


def _warning(view: EventView, rules: FilterRules) -> Visibility:
    """The strictest policy among a post's warning labels (shown when it has none)."""
    if not view.cw:
        return SHOWN
    action = Action.SHOW
    for label in view.cw:
        candidate = rules.cw_action(label, view.community)
        if _SEVERITY[candidate] > _SEVERITY[action]:
            action = candidate
    if rules.go_gently and action is Action.SHOW:
        action = Action.COLLAPSE
    labels = ", ".join(dict.fromkeys(label.strip() or UNLABELLED for label in view.cw))
    return Visibility(action, _("Content warning: {labels}.").format(labels=labels))
