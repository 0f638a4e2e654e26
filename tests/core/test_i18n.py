"""Choosing the language, falling back to English per string, and Babel's formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerhaven.core import i18n, localized
from peerhaven.core.i18n import _, current_language, ngettext, use_language

PO = """\
msgid ""
msgstr ""
"Language: xx\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Sent."
msgstr "Xent."

msgid "Saved; goes out when a relay is reachable."
msgstr ""

#, fuzzy
msgid "Nothing new for you."
msgstr "Half done."

msgid "{count} draft"
msgid_plural "{count} drafts"
msgstr[0] "{count} xraft"
msgstr[1] "{count} xrafts"
"""


@pytest.fixture
def partial_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A language "xx" whose catalog translates some strings and not others (no .mo yet)."""
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "peerhaven.po").write_text(PO, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_compiled", {})
    return "xx"


def test_a_missing_translation_reads_in_english_one_string_at_a_time(
    partial_language: str,
) -> None:
    use_language(partial_language)
    assert current_language() == "xx"
    assert _("Sent.") == "Xent."
    assert _("Saved; goes out when a relay is reachable.") == (
        "Saved; goes out when a relay is reachable."
    )
    assert _("Nothing new for you.") == "Nothing new for you."  # fuzzy: not trusted yet
    assert _("A string no catalog has heard of.") == "A string no catalog has heard of."
    assert ngettext("{count} draft", "{count} drafts", 1).format(count=1) == "1 xraft"
    assert ngettext("{count} post", "{count} posts", 2).format(count=2) == "2 posts"


def test_a_language_without_a_catalog_reads_english() -> None:
    use_language("fr")
    assert current_language() == "en"
    assert _("Sent.") == "Sent."


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "de_AT.UTF-8"}, "de"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "es_MX.UTF-8"}, "es"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
    ],
)
def test_the_environment_chooses_when_the_setting_says_auto(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    use_language("auto")
    assert current_language() == expected


def test_the_setting_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    use_language("es")
    assert _("Sent.") == "Enviado."
    use_language("en")
    assert _("Sent.") == "Sent."


def test_dates_and_numbers_follow_the_language() -> None:
    moment = 1_794_830_400  # Mon 16 Nov 2026, 12:00 UTC
    use_language("en")
    assert localized.when(moment, localized.WEEKDAY, utc=True) == "Mon 16 Nov"
    assert localized.number(12345.5) == "12,345.5"
    use_language("de")
    assert localized.when(moment, localized.WEEKDAY, utc=True) == "Mo., 16. Nov."
    assert localized.number(12345.5) == "12.345,5"
    assert localized.span(7200) == "2 Stunden"
    use_language("es")
    assert localized.when(moment, localized.DAY_YEAR, utc=True) == "16 nov 2026"
