"""What a crisis rule is: one warning sign, as the words that show it.

A rule names the warning sign it stands for (its ``cue``, after the Columbia scale
and the signs crisis lines publish) and is written against the canonical text of
``crisis_text`` with the word lists of ``crisis_lexicon``. It is a pattern,
optionally with a second pattern that must occur within ``window`` characters
(either side) and a pattern that, in the same sentence (or within ``unless_reach``
characters), means it is something else (``unless``). A rule is only tried on
sentences holding one of the words it ``needs``: most sentences hold none, which
keeps the detector fast enough for every keystroke. Whether the writer means it of
themselves, here and now, is decided once for every rule in ``crisis_detect``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class CrisisCategory(StrEnum):
    """What kind of crisis language was found, most urgent first."""

    IMMEDIATE_DANGER = "immediate-danger"
    SUICIDAL = "suicidal-ideation"
    SELF_HARM = "self-harm"


@dataclass(frozen=True, slots=True)
class Rule:
    """One warning sign, as the words that show it."""

    category: CrisisCategory
    cue: str
    #: the rule is only tried on a draft that has one of these words (speed: most
    #: drafts have none, and the rules are many)
    needs: frozenset[str]
    pattern: re.Pattern[str]
    near: re.Pattern[str] | None = None
    window: int = 0
    unless: re.Pattern[str] | None = None
    #: how far either side of the match ``unless`` reads; 0: the match's sentence
    unless_reach: int = 0


@dataclass(frozen=True, slots=True)
class Reading:
    """One language's rules, and how that language says a phrase is not meant here and now.

    ``crisis_detect`` asks the same questions of every match (negated? someone else?
    past? a joke? a film? weathered?); each language answers them with its own words.
    """

    language: str
    rules: tuple[Rule, ...]
    #: a clause ends at a sentence end or a word like "but" ("pero", "aber")
    clause_break: re.Pattern[str]
    #: a negation within a few words before the phrase, at the end of the text before it
    negated: re.Pattern[str]
    #: recovery told in the past ("used to", "hace tres años", "früher")
    past: re.Pattern[str]
    #: ... unless the same clause says now ("again", "otra vez", "wieder")
    now: re.Pattern[str]
    #: a figure of speech around the phrase ("I'd kill myself for a coffee")
    hyperbole: re.Pattern[str]
    laughing: re.Pattern[str]
    media: re.Pattern[str]
    #: a phrase about a film still counts when it names the writer
    about_me: re.Pattern[str]
    coped: re.Pattern[str]
    #: one word that is the writer, one that is someone else (the nearest subject wins)
    me: re.Pattern[str]
    others: re.Pattern[str]
    #: someone else named inside an ideation or self-harm phrase
    other_subject_inside: re.Pattern[str]


def rule(
    category: CrisisCategory,
    cue: str,
    needs: str,
    pattern: str,
    *,
    near: str | None = None,
    window: int = 120,
    unless: str | None = None,
    unless_reach: int = 0,
) -> Rule:
    """A rule from its parts written as text: ``needs`` is space-separated words, the
    patterns are compiled once, here, when the rules are loaded."""
    return Rule(
        category,
        cue,
        frozenset(needs.split()),
        re.compile(pattern),
        re.compile(_bounded(near)) if near else None,
        window if near else 0,
        re.compile(_bounded(unless)) if unless else None,
        unless_reach,
    )


def _bounded(pattern: str) -> str:
    r"""``\ba|b|c\b`` bounds only the first and last word: bound every one of them."""
    if pattern.startswith(r"\b") and pattern.endswith(r"\b"):
        return rf"\b(?:{pattern[2:-2]})\b"
    return pattern
