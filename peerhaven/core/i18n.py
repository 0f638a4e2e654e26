"""The words a member or an operator reads, in their language.

Every user-visible string goes through ``_`` (or ``ngettext`` when it counts), so the
catalogs under ``peerhaven/locale/`` can translate it and a string without a
translation falls back to English one by one. Placeholders are named and filled
after translation (``_("Sent {title}.").format(title=...)``): an f-string would be
translated after it was filled, which no catalog can match.

The language is chosen once per process (``use_language``) from the member's setting
or, failing that, ``LC_ALL``/``LC_MESSAGES``/``LANG``; reading the catalog files is
the only I/O here, done lazily on first use.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "peerhaven"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_translations: gettext.NullTranslations | None = None
_language: str | None = None


def _from_environment() -> list[str]:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX"):
            return [part.split(".")[0] for part in value.split(":") if part]
    return []


def use_language(language: str | None) -> None:
    """Read from now on in ``language`` (such as ``"es"``), or from the environment when None."""
    global _translations, _language
    languages = [language] if language else _from_environment()
    _translations = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=languages or ["en"], fallback=True
    )
    _language = language


def _current() -> gettext.NullTranslations:
    if _translations is None:
        use_language(_language)
    assert _translations is not None
    return _translations


def _(message: str) -> str:
    """``message`` in the member's language, or in English when no translation has it."""
    return _current().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted sentence that fits ``count`` in the member's language."""
    return _current().ngettext(singular, plural, count)


def current_language() -> str:
    """The two-letter code of the language chosen (``"es"``), else the environment's, else "en".

    The safety layer reads it to put crisis lines in the member's language first and to
    pick the crisis detector's rules; it is only a code, never sent anywhere.
    """
    chosen = [_language] if _language else _from_environment()
    for value in chosen:
        code = value.replace("-", "_").split("_")[0].lower()
        if code.isalpha() and 2 <= len(code) <= 3:
            return code
    return "en"
