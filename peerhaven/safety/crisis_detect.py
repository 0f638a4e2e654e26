"""Notice crisis language in what someone is about to post, so the app can *offer*
support lines to that person, gently and privately.

The signal is never used to block a post, never reported to moderators or a relay,
never stored and never sent anywhere: it only decides whether the author sees a
short "if you want to talk to someone now" card with the lines for their country.

How it reads a draft, in three steps:

1. ``crisis_text`` puts the draft in one canonical spelling (lowercase, no
   apostrophes, leetspeak and common misspellings undone), remembering where each
   word came from;
2. the rules of ``crisis_rules`` look for the published warning signs (ideation,
   method, intent, plan, preparation, burden, hopelessness, feeling trapped,
   unbearable pain, self-harm, goodbyes, slang) as combinations of words from the
   lists in ``crisis_lexicon`` within a few words of each other;
3. this module keeps a match only if the writer means it of themselves, here and
   now: not negated ("I'm not suicidal"), not said of someone else ("my friend says
   she wants to kill herself"), not quoted, not a joke marked as one ("lol"), not a
   figure of speech ("I could kill myself for forgetting"), and not recovery told in
   the past ("I used to self-harm but I'm 2 years clean") unless something in the
   same clause says *now* ("the urges to cut are back"). For someone telling the group
   how far they have come, a crisis card reads as not being listened to.

Every answer can be explained: the signal names the warning sign (``cue``) and the
words of the draft that showed it.

Each language has its own rules and its own words for those questions (a
``crisis_rule.Reading``: English here, Spanish in ``crisis_rules_es``, German in
``crisis_rules_de``); the English rules always run, and the post's or the member's
language's rules run with them (``safety.language.reading_languages``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peerhaven.safety.crisis_lexicon import LAUGHTER, ME, OTHERS
from peerhaven.safety.crisis_rule import Reading
from peerhaven.safety.crisis_rules import RULES, CrisisCategory, Rule
from peerhaven.safety.crisis_rules_de import GERMAN
from peerhaven.safety.crisis_rules_es import SPANISH
from peerhaven.safety.crisis_text import Canonical, canonical, canonical_text
from peerhaven.safety.language import reading_languages

__all__ = ["CrisisCategory", "CrisisSignal", "detect_crisis_language"]


@dataclass(frozen=True, slots=True)
class CrisisSignal:
    """The most urgent warning sign found; offsets point into the original text."""

    category: CrisisCategory
    start: int
    end: int
    phrase: str
    #: the warning sign the phrase shows ("method", "burden", "self-harm", ...)
    cue: str = ""


#: how far either side of a match the checks read, in characters
_REACH = 300
#: the clause a phrase belongs to ends at a sentence end, a "but" or ", and"
_CLAUSE_BREAK = re.compile(r"[.?]|\bbut\b|, and\b|\band now\b|\bnow\b(?= i\b)|\bthough\b")
_NEGATED = re.compile(
    r"\b(?:not|never|no longer|dont|wont|wouldnt|didnt|isnt|wasnt|arent|no intention of|"
    r"no plans? to|stopped|quit|asked (?:me )?(?:if|whether)|ask (?:me )?(?:if|whether)|"
    r"asks (?:me )?(?:if|whether)|if i was|without|less|no(?! one))(?: \w+){0,4} $"
)
_PAST = re.compile(
    r"\bused to\b|\byears? ago\b|\bmonths? ago\b|\bin the past\b|\bback (?:then|in)\b|"
    r"\bwhen i was (?:a |younger|little|\d)|\bas a (?:teen|teenager|kid|child|student)\b|"
    r"\bin (?:19|20)\d\d\b|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|a few|"
    r"many) (?:years?|months?|weeks?|days?) (?:clean|free|sober|without|since)\b|"
    r"\b(?:clean|free|recovered) (?:from|of)\b|\bhavent (?:self harmed|cut|hurt|harmed)\b|"
    r"\bsurvived\b|\bmy (?:old|former) self\b|\b(?:years|months) since\b|"
    r"\bwas (?:suicidal|self harming|cutting)\b|\bwhen i was at my worst\b|"
    r"\b(?<!im )(?<!i am )in my (?:teens|twenties|thirties|forties|fifties|20s|30s|40s|50s|"
    r"early \w+|late \w+|youth)\b"
)
_NOW = re.compile(
    r"\b(?:again|tonight|right now|still|these days|lately|are back|is back|came back|"
    r"coming back|returned|relapsed)\b"
)
_QUOTED = re.compile(r"(?:^|\s)['\"“‘][^'\"”’.?!]*$")
_HYPERBOLE = re.compile(
    r"\b(?:could|would|nearly|almost|gonna|going to) (?:have |just )?(?:kill(?:ed)? myself|"
    r"die) (?:for|laughing|on|tripping|falling|of|from|if (?:i|he|she|they|my|this|that|"
    r"the) (?:have to|hear|see|eat|do|get))\b"
)
_LAUGHING = re.compile(rf"(?:^|\s)(?<!not )(?<!not even ){LAUGHTER}(?:\s|$)")
#: told of a book, a film, a song: "the suicide note in that novel"
_MEDIA = re.compile(
    r"\b(?:novel|book|film|movie|show|series|documentary|song|lyrics|poem|article|podcast|"
    r"character|episode|play|story|the news|training|course|lecture|campaign)\b"
)
_ABOUT_ME = re.compile(r"\b(?:myself|kms|my life|my own life|me)\b")
#: a moment already weathered: "I felt the urge to cut but I called a friend and it passed"
_COPED = re.compile(
    r"\b(?:(?:and )?it passed|(?:rode|ride|riding) (?:it|them) out|resisted|didnt act|did not "
    r"act|called (?:a friend|my \w+|the (?:helpline|crisis line))|instead|ice cube|"
    r"distracted myself|flushed|got rid of|threw (?:them|it) away|handed (?:them|it) (?:in|"
    r"over))\b"
)
#: the cues whose subject must be the writer ("my kids would be better off without me"
#: is about the writer however it is phrased)
_SUBJECT_CUES = frozenset(
    {"ideation", "self-harm", "method", "intent", "plan", "hopelessness", "indirect", "slang"}
)
_ME = re.compile(rf"^{ME}$")
_OTHERS = re.compile(rf"^{OTHERS}$")
_OTHER_SUBJECT_INSIDE = re.compile(
    r"\b(?:he|she|they|hes|shes|theyre|hed|someone|somebody|friend|son|daughter|"
    r"sister|brother|mum|mom|dad|husband|wife|partner|boyfriend|girlfriend|teenager|who)\b"
)


ENGLISH = Reading(
    language="en",
    rules=RULES,
    clause_break=_CLAUSE_BREAK,
    negated=_NEGATED,
    past=_PAST,
    now=_NOW,
    hyperbole=_HYPERBOLE,
    laughing=_LAUGHING,
    media=_MEDIA,
    about_me=_ABOUT_ME,
    coped=_COPED,
    me=_ME,
    others=_OTHERS,
    other_subject_inside=_OTHER_SUBJECT_INSIDE,
)
#: every language with rules of its own; English always runs (see ``detect_crisis_language``)
READINGS = {reading.language: reading for reading in (ENGLISH, SPANISH, GERMAN)}


def _clause(reading: Reading, text: str, start: int, end: int) -> tuple[str, str]:
    """The parts of the phrase's clause before and after it."""
    begin = 0
    for match in reading.clause_break.finditer(text, max(0, start - 200), start):
        begin = match.end()
    after = reading.clause_break.search(text, end, end + 200)
    stop = after.start() if after else min(len(text), end + 200)
    return text[max(begin, start - 200) : start], text[end:stop]


def _said_of_someone_else(reading: Reading, before: str, phrase: str, rule: Rule) -> bool:
    """Whether the nearest subject before the phrase (or one inside it) is not the writer."""
    words = before.split()
    for index in range(len(words) - 1, max(-1, len(words) - 9), -1):
        word = words[index]
        if reading.me.match(word):
            break
        if reading.others.match(word):
            following = words[index + 1] if index + 1 < len(words) else ""
            if word in ("anyone", "anybody", "someone", "somebody") and following == "else":
                continue
            return True
    if rule.cue in ("ideation", "self-harm"):
        return bool(reading.other_subject_inside.search(phrase))
    return False


def _sentences(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """Each sentence's span (from the end of the one before, so that rules can see where
    it starts) and its words: a rule is only run on sentences that have a word it needs."""
    spans: list[tuple[int, int, frozenset[str]]] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        spans.append((max(0, start - 2), end.end(), frozenset(text[start : end.end()].split())))
        start = end.end() + 1
    if start < len(text):
        spans.append((max(0, start - 2), len(text), frozenset(text[start:].split())))
    return spans


_SENTENCE_END = re.compile(r"[.?](?= |$)")


class _Draft:
    """A draft as the rules read it; the way back to the original is built only when needed."""

    __slots__ = ("original", "text", "words", "sentences", "_view")

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = canonical_text(original)
        self.words = frozenset(self.text.split())
        self.sentences = _sentences(self.text)
        self._view: Canonical | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if self._view is None:
            self._view = canonical(self.original)
        return self._view.original_span(start, end)


def _counts(
    draft: _Draft, reading: Reading, rule: Rule, match: re.Match[str], begin: int, stop: int
) -> bool:
    """Whether a rule's match is meant, here and now, by the writer.

    ``begin`` and ``stop`` bound the match's sentence; what is read around the match
    is bounded too (``_REACH``), so a long paste costs time in proportion to its length.
    """
    canon = draft.text
    start, end = match.span()
    sentence = canon[max(begin, start - _REACH) : min(stop, end + _REACH)]
    if rule.unless is not None:
        reach = rule.unless_reach
        around = canon[max(0, start - reach) : end + reach] if reach else sentence
        if rule.unless.search(around):
            return False
    if rule.near is not None and not rule.near.search(
        canon, max(0, start - rule.window), min(len(canon), end + rule.window)
    ):
        return False
    before, after = _clause(reading, canon, start, end)
    if reading.negated.search(before):
        return False
    if rule.cue in _SUBJECT_CUES and _said_of_someone_else(reading, before, match.group(), rule):
        return False
    if reading.media.search(sentence) and not reading.about_me.search(match.group()):
        return False
    if reading.coped.search(sentence):
        return False
    original_start, _ = draft.original_span(start, end)
    text = draft.original
    if _QUOTED.search(text[max(0, original_start - 25) : original_start]):
        return False
    if reading.laughing.search(sentence) or reading.hyperbole.search(
        canon, max(0, start - 30), end + 40
    ):
        return False
    clause = before + match.group() + after
    return not (reading.past.search(clause) and not reading.now.search(clause))


def _first_meant(
    draft: _Draft, reading: Reading, rule: Rule, begin: int, end: int
) -> re.Match[str] | None:
    for match in rule.pattern.finditer(draft.text, begin, end):
        if _counts(draft, reading, rule, match, begin, end):
            return match
    return None


def detect_crisis_language(text: str, language: str | None = None) -> CrisisSignal | None:
    """The most urgent warning sign in ``text``, or None.

    ``language`` is the post's language when the caller knows it; otherwise the
    member's (``safety.language.member_language``) is read, and the post's own words
    when they plainly read Spanish or German (``safety.language.guess_language``). The
    English rules always run; Spanish or German rules run too when one of those
    languages is Spanish or German.
    Immediate danger outranks suicidal ideation, which outranks self-harm; within
    a category the first phrase in reading order wins.
    """
    draft = _Draft(text)
    if not draft.text:
        return None
    found: dict[CrisisCategory, tuple[int, int, Rule]] = {}
    readings = [READINGS[code] for code in reading_languages(language, text=text)]
    for reading, rule in ((each, rule) for each in readings for rule in each.rules):
        if rule.needs.isdisjoint(draft.words):
            continue
        known = found.get(rule.category)
        for begin, end, words in draft.sentences:
            if known is not None and begin >= known[0]:
                break
            if rule.needs.isdisjoint(words):
                continue
            match = _first_meant(draft, reading, rule, begin, end)
            if match is not None:
                if known is None or match.start() < known[0]:
                    found[rule.category] = known = (match.start(), match.end(), rule)
                break
    for category in CrisisCategory:
        if category in found:
            start, end, rule = found[category]
            first, last = draft.original_span(start, end)
            return CrisisSignal(category, first, last, text[first:last], rule.cue)
    return None
