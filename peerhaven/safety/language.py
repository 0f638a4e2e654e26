"""Which language the safety layer reads and speaks: the post's, else the member's.

Crisis lines that speak the member's language are listed first, and the crisis
detector runs the rules of the post's language (when the caller knows it) or of the
member's, with the English rules always running too: people write in English in
communities whose app speaks Spanish, and the reverse. Only languages with rules of
their own (``RULE_LANGUAGES``) change what the detector reads.
"""

from __future__ import annotations

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
    post_language: str | None = None, member: str | None = None
) -> tuple[str, ...]:
    """The rule sets to run on a post: English always, and the post's language when known,
    otherwise the member's, when the detector has rules for it."""
    chosen = member_language(post_language) if post_language else member_language(member)
    if chosen != "en" and chosen in RULE_LANGUAGES:
        return ("en", chosen)
    return ("en",)


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
