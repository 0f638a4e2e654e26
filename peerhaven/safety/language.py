"""Which language the safety layer reads and speaks: the post's, else the member's.

Crisis lines that speak the member's language are listed first, and the crisis
detector runs the rules of the post's language (when the caller knows it) or of the
member's, with the English rules always running too: people write in English in
communities whose app speaks Spanish, and the reverse. Only languages with rules of
their own (``RULE_LANGUAGES``) change what the detector reads.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError

from peerhaven.core.i18n import current_language

#: languages the crisis detector and the oversharing guard have rules and figures for
RULE_LANGUAGES = ("en", "es", "de")


def member_language(setting: str | None = None) -> str:
    """The member's language as a two-letter code: ``setting`` when it names one (the
    ``language`` setting, "auto" meaning none), else the language the app speaks now."""
    if setting and setting.strip().lower() not in ("", "auto"):
        return setting.strip().replace("-", "_").split("_")[0].lower()
    return current_language()


def reading_languages(
    post_language: str | None = None, member: str | None = None, text: str = ""
) -> tuple[str, ...]:
    """The rule sets to run on a post: English always, and the post's language when known,
    otherwise the member's, when the detector has rules for it.

    When the caller does not know the post's language, ``text`` may say it: a post that
    plainly reads Spanish or German (``guess_language``) gets those rules as well as the
    member's, so a Spanish post written in an app that speaks English is still read.
    """
    if post_language:
        chosen = [member_language(post_language)]
    else:
        chosen = [member_language(member)]
        guessed = guess_language(text) if text else None
        if guessed is not None:
            chosen.append(guessed)
    codes = ["en"]
    for code in chosen:
        if code in RULE_LANGUAGES and code not in codes:
            codes.append(code)
    return tuple(codes)


#: short words each language uses all the time and the others do not (or rarely), in
#: lower case without accents; "me", "he", "es", "die" and "a" are left out: shared
_COMMON_WORDS = {
    "en": frozenset(
        "the and i to is my it not you that want im dont of in this just have be so but "
        "what with feel for was".split()
    ),
    "es": frozenset(
        "que de la el los las y no mi mis yo pero para por muy ya mas todo nada esta este "
        "con sin una hoy porque como cuando se lo le nadie todos todas vez otra hace "
        "nunca manana anoche solo asi salida vida".split()
    ),
    "de": frozenset(
        "und der das ist ein eine zu sich wenn dass nichts keiner alle mit auch aber noch "
        "nur heute mehr es gibt fuer leben sinn lieber als so wieder".split()
    ),
}
#: words that are the writer speaking in that language: one is enough
_OWN_WORDS = {
    "es": frozenset(
        "quiero kiero estoy tengo voy ojala siento puedo sigo soy necesito prefiero merezco "
        "perdonadme gustaria tome hice".split()
    ),
    "de": frozenset("ich mich mir nicht bin habe hab will kann mein meine meinen meinem".split()),
}
#: Spanish verbs carrying the writer as a clitic: "suicidarme", "cortarme", "queriendo"
_SPANISH_FORMS = re.compile(r"(?:arme|erme|irme|arse|erse|irse|ndome|iendo|ando)$")
_WORD = re.compile(r"[^\W\d_]+")
_FOLD = str.maketrans({"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ñ": "n",
                       "ü": "ue", "ä": "ae", "ö": "oe", "ß": "ss"})  # fmt: skip


def guess_language(text: str) -> str | None:
    """ "es" or "de" when ``text`` plainly reads Spanish or German, else None.

    Scores each language by its everyday short words and, counting double, words that
    are the writer speaking in it ("quiero", "suicidarme"; "ich", "mich"); a score of
    two, above English's and the other's, is enough. A guess, only ever used to run more
    rules (never fewer): English rules run on every post whatever it says.
    """
    words = _WORD.findall(text.lower().translate(_FOLD))
    score = {
        code: sum(1 for word in words if word in common) for code, common in _COMMON_WORDS.items()
    }
    for code, own in _OWN_WORDS.items():
        score[code] += 2 * sum(1 for word in words if word in own)
    score["es"] += 2 * sum(1 for word in words if len(word) > 5 and _SPANISH_FORMS.search(word))
    best, other = ("es", "de") if score["es"] >= score["de"] else ("de", "es")
    if score[best] >= 2 and score[best] > score["en"] and score[best] > score[other]:
        return best
    return None


@cache
def language_name(code: str, in_language: str) -> str:
    """``code``'s name written in ``in_language`` ("Spanish", "español", "Spanisch"), from
    the CLDR data Babel ships; the code itself when CLDR has no name for it."""
    try:
        locale = Locale.parse(in_language)
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    name: str = locale.languages.get(code, code)
    return name


@cache
def country_name(code: str, in_language: str, fallback: str) -> str:
    """A country's name in ``in_language`` (CLDR), or ``fallback`` in English or when unknown."""
    if in_language == "en":
        return fallback
    try:
        name: str = Locale.parse(in_language).territories.get(code, fallback)
        return name
    except (UnknownLocaleError, ValueError):
        return fallback
