"""The words a member or an operator reads, in their language.

Every user-visible string goes through ``_`` (or ``ngettext`` when it counts), so the
catalogs under ``peerhaven/locale/`` can translate it and a string without a
translation falls back to English one by one. Placeholders are named and filled
after translation (``_("Sent {title}.").format(title=...)``): an f-string would be
translated after it was filled, which no catalog can match.

The language is chosen once per process (``use_language``) from the member's setting
or, failing that, ``LC_ALL``/``LC_MESSAGES``/``LANG``. Each language ships its ``.po``
source and the ``.mo`` that ``make catalogs`` compiles from it (docs/translating.md
says why): gettext reads a ``.mo`` in a few milliseconds, where compiling the ``.po``
with Babel cost 46 to 250 ms (measured) before the app's first frame. A test keeps
every ``.mo`` equal to its ``.po``; a ``.po`` without its ``.mo`` (a volunteer's new
language, before ``make catalogs``) is compiled in memory instead. Reading the
catalog file is the only I/O here, done lazily on first use.
"""

from __future__ import annotations

import gettext
import io
import os
from pathlib import Path

DOMAIN = "peerhaven"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: the language every msgid is written in
SOURCE_LANGUAGE = "en"
#: the languages PeerHaven ships complete, in the order the settings offer them
SHIPPED = ("en", "es", "de")
#: what the ``language`` setting takes: ``auto`` follows the environment
LANGUAGE_CHOICES = ("auto", *SHIPPED)

_translations: gettext.NullTranslations | None = None
_language: str | None = None
_current_code = SOURCE_LANGUAGE
_compiled: dict[str, gettext.NullTranslations | None] = {}


def _from_environment() -> list[str]:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith(("C.", "POSIX.")):
            return [part.split(".")[0].split("@")[0] for part in value.split(":") if part]
    return []


def _candidates(languages: list[str]) -> list[str]:
    """``es_MX`` is tried as itself, then as ``es``: a catalog per country is rare."""
    tried: list[str] = []
    for language in languages:
        for code in (language, language.split("_")[0].split("-")[0]):
            if code and code not in tried:
                tried.append(code)
    return tried


def catalog_path(language: str, suffix: str = ".po") -> Path:
    """Where the catalog of ``language`` lives (it may not exist): ``.po`` or ``.mo``."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def compile_po(path: Path, language: str) -> gettext.GNUTranslations:
    """A ``.po`` file compiled in memory with Babel, as ``make catalogs`` would write it.

    Untranslated and fuzzy entries are left out, so ``gettext`` answers them in English.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def compile_catalog(language: str) -> gettext.NullTranslations | None:
    """The catalog of ``language``, or None when none ships; read once per process."""
    if language in _compiled:
        return _compiled[language]
    compiled, source = catalog_path(language, ".mo"), catalog_path(language)
    translations: gettext.NullTranslations | None = None
    if compiled.is_file():
        with compiled.open("rb") as file:
            translations = gettext.GNUTranslations(file)
    elif source.is_file():
        translations = compile_po(source, language)
    _compiled[language] = translations
    return translations


def use_language(language: str | None) -> None:
    """Read from now on in ``language`` (such as ``"es"``), or from the environment when None.

    ``"auto"`` is the same as None. A language with no catalog reads in English.
    """
    global _translations, _language, _current_code
    chosen = None if language in (None, "", "auto") else language
    wanted = [chosen] if chosen else _from_environment()
    _translations, _current_code = gettext.NullTranslations(), SOURCE_LANGUAGE
    for code in _candidates(wanted):
        if code == SOURCE_LANGUAGE:
            break
        found = compile_catalog(code)
        if found is not None:
            _translations, _current_code = found, code
            break
    _language = chosen


def current_language() -> str:
    """The code of the language being read (``"en"`` when nothing else applies)."""
    _current()
    return _current_code


def _current() -> gettext.NullTranslations:
    if _translations is None:
        use_language(_language)
    assert _translations is not None
    return _translations


def _(message: str) -> str:
    """``message`` in the member's language, or in English when no translation has it."""
    return _current().gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs where it is defined; ``_`` translates it where shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted sentence that fits ``count`` in the member's language."""
    return _current().ngettext(singular, plural, count)
