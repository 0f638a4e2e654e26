"""The catalogs hold every string the code marks, Spanish and German are complete, each
translation keeps its placeholders, and each shipped .mo is its .po compiled."""

from __future__ import annotations

import gettext
import re
import string
from collections.abc import Iterator

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from peerhaven.core import i18n

PACKAGE = i18n.LOCALE_DIR.parent
TRANSLATED = [language for language in i18n.SHIPPED if language != i18n.SOURCE_LANGUAGE]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
#: Rich markup in a few strings ([b]…[/b]) is not a placeholder
MARKUP = re.compile(r"\[/?[a-z ]+\]")


def _catalog(language: str) -> Catalog:
    with i18n.catalog_path(language).open("rb") as file:
        return read_po(file, locale=language)


def _extracted() -> Iterator[str | tuple[str, str]]:
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        yield message if isinstance(message, str) else (message[0], message[1])


def _fields(text: str) -> set[str]:
    """The named placeholders of a format string ("{count:,}" counts as "count")."""
    return {
        name.split("!")[0].split(".")[0].split("[")[0]
        for _literal, name, _spec, _conversion in string.Formatter().parse(text)
        if name is not None
    }


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_marked_string_is_in_the_catalog(language: str) -> None:
    known = {message.id for message in _catalog(language) if message.id}
    missing = [message for message in set(_extracted()) if message not in known]
    assert not missing, f"run `make catalogs` and translate: {missing[:10]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalog_is_complete_and_nothing_is_fuzzy(language: str) -> None:
    catalog = _catalog(language)
    untranslated = [
        m.id
        for m in catalog
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert not untranslated, untranslated[:10]
    assert not [m.id for m in catalog if m.id and m.fuzzy]
    assert catalog.num_plurals == 2
    assert catalog.plural_expr == "(n != 1)"


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_translation_keeps_the_placeholders_of_its_message(language: str) -> None:
    wrong = []
    for message in _catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_fields(MARKUP.sub("", text)) for text in ids))
        for text in strings:
            if _fields(MARKUP.sub("", text)) != wanted:
                wrong.append((message.id, text))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_shipped_mo_is_its_po_compiled(language: str) -> None:
    with i18n.catalog_path(language, ".mo").open("rb") as file:
        shipped = gettext.GNUTranslations(file)
    compiled = i18n.compile_po(i18n.catalog_path(language), language)
    assert shipped._catalog == compiled._catalog, "run `make catalogs` to compile it again"  # type: ignore[attr-defined]
