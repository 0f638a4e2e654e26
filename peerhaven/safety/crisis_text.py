"""The crisis detector's view of a draft: one canonical spelling, mapped back to the original.

People in distress type fast, in lowercase, without apostrophes, with typos and
with spellings meant to get past platform filters ("su1c1dal", "k!ll myself").
The rules in ``crisis_rules`` are written once against a canonical form instead
of being repeated for every spelling:

- words are lowercased, accents dropped and umlauts and ß written out ("más" -> ``mas``,
  "müde" -> ``muede``, "Straße" -> ``strasse``), and their apostrophes dropped ("I'm",
  "Im", "I’m" -> ``im``;
  "don't" -> ``dont``), so a rule spells each contraction one way;
- a word that only becomes a crisis word once digits or symbols are read as letters
  ("k1ll", "su!cide", "$uicidal") is read that way; other words with digits
  ("20mg", "b4") are left alone unless they are common shorthand ("2" -> ``to``,
  "rn" -> ``right now``);
- common misspellings of the few words the rules hinge on are corrected
  ("suicde", "myslef", "anymre"), and letters held down are shortened
  ("dieee" -> ``die``) when that yields a word the rules know;
- sentence ends and blank lines become ``.`` (``?`` is kept; a single line break is
  a space, as phones wrap and people press Enter mid-sentence), commas, brackets and
  dashes become
  ``,``, hyphens and other symbols are dropped: the rules read clauses, never
  across a full stop.

Tokens are joined by single spaces. Each token remembers the span of the original
text it came from, so a match in the canonical text points back into what the
member typed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"[\w@$]+(?:[!'’ʼ`´]+[\w@$]+)*|\n[^\S\n]*\n|[^\s\w]")
_APOSTROPHES = str.maketrans("", "", "'’ʼ`´")
#: Spanish and German letters in one spelling: accents dropped (people in a hurry drop
#: them anyway: "asi", "mas"), umlauts and ß as German writes them without the keys
#: ("muede", "strasse"), so that each rule spells a word once
_FOLD = str.maketrans({
    "á": "a", "à": "a", "â": "a", "é": "e", "è": "e", "ê": "e", "í": "i", "ì": "i", "î": "i",
    "ó": "o", "ò": "o", "ô": "o", "ú": "u", "ù": "u", "û": "u", "ñ": "n", "ç": "c",
    "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss",
})  # fmt: skip
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                       "@": "a", "$": "s", "!": "i"})  # fmt: skip
_KEPT_SYMBOLS = frozenset("😂🤣😅💀")
_HELD_LETTER = re.compile(r"([a-z])\1{2,}")
#: "my self harm" stays two words; "kill my self" becomes "kill myself"
_HARM_NEXT = re.compile(r"[\s-]*harm", re.IGNORECASE)

#: the words whose disguised or misspelt forms are worth recovering
_CRISIS_WORDS = frozenset(
    "kill killing killed kms kys myself self harm harming suicide suicidal die dying dead "
    "death unalive cut cutting overdose hang hurt end life want wanna live alive pills "
    "sewerslide anymore".split()
)
#: "-ing" words the rules hinge on, typed without their "g" ("feelin", "thinkin")
_DROPPED_G = frozenset(
    "feeling thinking killing ending cutting hurting going wanting planning hoping wishing "
    "praying trying dying living saving looking taking burning harming jumping hanging "
    "overdosing saying giving writing getting starting".split()
)
#: misspellings and shorthand seen in support posts, to the word the rules use
_SPELLINGS = {
    "suicde": "suicide", "sucide": "suicide", "suiside": "suicide", "suicid": "suicide",
    "suacide": "suicide", "suiscide": "suicide", "sucicide": "suicide",
    "sucidal": "suicidal", "suicdal": "suicidal", "suicidle": "suicidal",
    "suicidial": "suicidal", "sucidial": "suicidal", "suisidal": "suicidal",
    "suicidel": "suicidal", "suicial": "suicidal", "sucicidal": "suicidal",
    "kil": "kill", "kll": "kill", "killin": "killing", "kiling": "killing",
    "myslef": "myself", "mysef": "myself", "myselfe": "myself", "meself": "myself",
    "mysel": "myself", "myslf": "myself", "msyelf": "myself",
    "dei": "die", "diee": "die", "ded": "dead",
    "wnat": "want", "wnt": "want", "whant": "want", "wan": "want", "wamt": "want",
    "wana": "wanna", "wannna": "wanna",
    "dnt": "dont", "didnt": "didnt", "cnt": "cant", "cannot": "cant",
    "anymre": "anymore", "anymoore": "anymore", "anymor": "anymore", "anymroe": "anymore",
    "nemore": "anymore", "anymo": "anymore", "nomore": "no more",
    "lfe": "life", "lyf": "life", "lif": "life",
    "thinkin": "thinking", "thinkng": "thinking", "thiking": "thinking",
    "endin": "ending", "cuttin": "cutting", "cuting": "cutting", "hurtin": "hurting",
    "selfharm": "self harm", "selfharming": "self harming", "selfharmed": "self harmed",
    "slef": "self", "sh": "sh",
    "rn": "right now", "atm": "right now", "tn": "tonight",
    "2nite": "tonight", "2night": "tonight", "tonite": "tonight", "2day": "today",
    "2moro": "tomorrow", "2morrow": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow",
    "tomoz": "tomorrow", "tomorow": "tomorrow", "tommorow": "tomorrow",
    "2": "to", "u": "you", "ur": "your", "b4": "before", "bc": "because",
    "cuz": "because", "coz": "because", "cos": "because",
    "imma": "im going to", "ima": "im going to", "finna": "going to", "tryna": "trying to",
    "gunna": "gonna", "goin": "going", "somthing": "something", "evryone": "everyone",
    "everyones": "everyone", "every1": "everyone", "any1": "anyone", "no1": "no one",
    "noone": "no one", "some1": "someone", "alot": "a lot",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Canonical:
    """A draft in canonical form, and where each of its tokens came from."""

    text: str
    token_starts: tuple[int, ...]  # offsets into ``text``
    spans: tuple[tuple[int, int], ...]  # offsets into the original

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that canonical ``text[start:end]`` came from."""
        first = bisect_right(self.token_starts, start) - 1
        last = bisect_right(self.token_starts, max(start, end - 1)) - 1
        return self.spans[max(first, 0)][0], self.spans[max(last, 0)][1]


def _word(raw: str) -> str:
    word = raw.lower().translate(_FOLD)
    if not word.isalpha() or "'" in word:
        stripped = word.translate(_APOSTROPHES)
        if stripped.isalpha() or not stripped:
            word = stripped
        else:
            leet = stripped.translate(_LEET)
            if leet in _CRISIS_WORDS or _SPELLINGS.get(leet, "") in _CRISIS_WORDS:
                word = leet
            else:
                word = stripped
    if word in _SPELLINGS:
        return _SPELLINGS[word]
    if word.endswith("in") and word + "g" in _DROPPED_G:
        return word + "g"
    if len(word) > 3 and _HELD_LETTER.search(word):
        for repeat in (r"\1\1", r"\1"):
            shorter = _HELD_LETTER.sub(repeat, word)
            shorter = _SPELLINGS.get(shorter, shorter)
            if shorter in _CRISIS_WORDS:
                return shorter
    return word


@lru_cache(maxsize=8192)
def _token(raw: str) -> str:
    """One token as the rules read it: a canonical word, ``.``, ``?``, ``,``, a laughing
    emoji, or nothing (other symbols, and hyphens: "self-harm" reads "self harm")."""
    first = raw[0]
    if first.isalnum() or first in "_@$":
        return _word(raw)
    if first == "?":
        return "?"
    if first in ".!;:\n…":
        return "."
    if first in ',—–(){}[]"“”':
        return ","
    return raw if raw in _KEPT_SYMBOLS else ""


_PUNCTUATION_RUN = re.compile(r"[.,?](?: [.,])+")
_MY_SELF = re.compile(r"\bmy self\b(?! harm)")


def _merge_punctuation(run: re.Match[str]) -> str:
    text = run.group()
    return text[0] if text[0] != "," or "." not in text else "."


def canonical_text(text: str) -> str:
    """The canonical form alone: what the rules read, without the way back.

    The detector reads every draft on every debounced keystroke, and most drafts
    never need an offset; ``canonical`` builds the same text with the offsets.
    """
    joined = " ".join(filter(None, map(_token, _TOKEN.findall(text))))
    if "my self" in joined:
        joined = _MY_SELF.sub("myself", joined)
    return _PUNCTUATION_RUN.sub(_merge_punctuation, joined)


def canonical(text: str) -> Canonical:
    """``text`` as the rules read it (see the module docstring), with its offsets."""
    parts: list[str] = []
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    for match in _TOKEN.finditer(text):
        token = _token(match.group())
        if not token:
            continue
        if (
            token == "self"
            and parts
            and parts[-1] == "my"
            and not _HARM_NEXT.match(text, match.end())
        ):
            parts[-1] = "myself"
            spans[-1] = (spans[-1][0], match.end())
            offset += len("self")
            continue
        if token in ".," and parts and parts[-1] in ".,?":
            if token == "." and parts[-1] == ",":
                parts[-1] = "."
            spans[-1] = (spans[-1][0], match.end())
            continue
        starts.append(offset)
        spans.append(match.span())
        parts.append(token)
        offset += len(token) + 1
    return Canonical(" ".join(parts), tuple(starts), tuple(spans))
