"""The shipped crisis directory, community-added lines, and the text the CLI prints."""

from __future__ import annotations

import json
import re
from importlib import resources as importlib_resources
from typing import Any

import pytest

from peerhaven.core.community import definition_content
from peerhaven.safety.checksums import digits_of
from peerhaven.safety.crisis import (
    COMPLEMENT_SENTENCE,
    EMERGENCY_SENTENCE,
    MAX_COMMUNITY_LINES,
    countries,
    format_resources,
    is_public_service_number,
    lines_for_country,
    parse_community_lines,
    resources_for,
)
from peerhaven.safety.language import member_language


def raw_directory() -> dict[str, Any]:
    ref = importlib_resources.files("peerhaven.safety").joinpath("data/crisis_resources.json")
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return data


def test_directory_covers_many_countries_with_sourced_lines() -> None:
    data = raw_directory()
    assert len(data["countries"]) >= 25
    assert data["international"]
    for code, entry in data["countries"].items():
        assert re.fullmatch(r"[A-Z]{2}", code)
        assert entry["country"] and entry["lines"]
        for line in entry["lines"]:
            assert line["name"] and line["source"] and line["hours"], (code, line)
            assert line.get("phone") or line.get("text") or line.get("chat"), (code, line)
            assert set(line) <= {"name", "phone", "text", "chat", "hours", "source", "languages"}
            assert line["languages"], (code, line)
            assert all(re.fullmatch(r"[a-z]{2,3}", lang) for lang in line["languages"])


@pytest.mark.parametrize(
    ("code", "number"),
    [("US", "988"), ("GB", "116 123"), ("IE", "116 123"), ("AU", "13 11 14"), ("CA", "988")],
)
def test_well_known_lines_are_there(code: str, number: str) -> None:
    assert number in [line.phone for line in lines_for_country(code)]


def test_every_rendering_starts_with_the_emergency_sentence() -> None:
    for country in (None, "GB", "gb", "ZZ", ""):
        text = format_resources(resources_for(country))
        assert text.startswith(EMERGENCY_SENTENCE)
        assert COMPLEMENT_SENTENCE in text
        assert "findahelpline.com" in text


def test_country_rendering_names_lines_hours_and_sources() -> None:
    text = format_resources(resources_for("gb"))
    assert "Crisis lines in United Kingdom (GB):" in text
    assert "Samaritans: call 116 123 (24/7)" in text
    assert "source: https://www.samaritans.org" in text


def test_uk_is_read_as_gb() -> None:
    assert resources_for("uk").country == "GB"
    assert "Samaritans" in format_resources(resources_for(" UK "))


def test_unknown_country_points_to_the_directories() -> None:
    text = format_resources(resources_for("ZZ"))
    assert "no lines for ZZ yet" in text


def test_countries_lists_names() -> None:
    assert countries()["NZ"] == "New Zealand"


GOOD = {"name": "Warm line", "contact": "+44 20 7946 0000", "hours": "evenings", "source": "x.org"}


def test_community_lines_are_shown_and_marked_as_unchecked() -> None:
    res = resources_for("GB", [GOOD])
    assert [line.name for line in res.community_lines] == ["Warm line"]
    text = format_resources(res)
    assert "Added by this community (not checked by PeerHaven):" in text
    assert "Warm line: call +44 20 7946 0000 (evenings)" in text
    assert text.index("Samaritans") < text.index("Warm line")


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("a string", "it is not an object"),
        ({"contact": "1", "source": "x"}, "it has no name"),
        ({**GOOD, "contact": "  "}, "it has no contact"),
        ({k: v for k, v in GOOD.items() if k != "source"}, "it has no source"),
        ({**GOOD, "url": "x"}, "unknown field 'url'"),
        ({**GOOD, "hours": 24}, "its hours are not text"),
        ({**GOOD, "name": "x" * 81}, "its name is longer than 80 characters"),
        ({**GOOD, "name": "Line\x1b[31m"}, "its name contains control characters"),
    ],
)
def test_invalid_community_entries_are_ignored_with_a_reason(entry: Any, reason: str) -> None:
    lines, reasons = parse_community_lines([entry, GOOD])
    assert [line.name for line in lines] == ["Warm line"]
    assert len(reasons) == 1 and reason in reasons[0] and "line 1" in reasons[0]


def test_community_lines_that_are_not_a_list_are_ignored() -> None:
    lines, reasons = parse_community_lines({"name": "x"})
    assert lines == [] and "not a list" in reasons[0]
    assert parse_community_lines(None) == ([], [])


def test_community_lines_are_capped() -> None:
    lines, reasons = parse_community_lines([GOOD] * (MAX_COMMUNITY_LINES + 2))
    assert len(lines) == MAX_COMMUNITY_LINES and len(reasons) == 2


def test_community_definition_carries_lines_in_extra() -> None:
    content = definition_content("Grief circle", "", [], crisis_resources=[GOOD])
    extra = {k: v for k, v in json.loads(content).items() if k not in ("name", "description")}
    res = resources_for("IE", extra["crisis_resources"])
    assert res.community_lines[0].source == "x.org"


@pytest.mark.parametrize(
    ("code", "number", "language"),
    [
        ("ES", "024", "es"),
        ("MX", "800 911 2000", "es"),
        ("AR", "135", "es"),
        ("CL", "*4141", "es"),
        ("DE", "0800 111 0 111", "de"),
        ("DE", "0800 111 0 222", "de"),
        ("AT", "142", "de"),
        ("CH", "143", "de"),
        ("US", "988", "es"),
    ],
)
def test_lines_say_the_languages_they_answer_in(code: str, number: str, language: str) -> None:
    line = next(line for line in lines_for_country(code) if line.phone == number)
    assert line.speaks(language)


def test_lines_in_the_members_language_come_first() -> None:
    # Belgium: the Dutch-speaking line is listed first in the directory
    assert lines_for_country("BE")[0].speaks("nl")
    french = resources_for("BE", language="fr")
    assert french.lines[0].name == "Centre de Prévention du Suicide"
    dutch = resources_for("BE", language="nl")
    assert dutch.lines[0].name == "Zelfmoordlijn 1813"
    # the same lines either way, only the order changes
    assert set(french.lines) == set(dutch.lines)


def test_the_language_setting_wins_and_auto_follows_the_app() -> None:
    assert resources_for("BE", language="fr-BE").lines[0].speaks("fr")
    assert member_language("de") == "de"
    assert member_language("es_MX") == "es"
    assert member_language("auto") == member_language(None)


def test_rendering_names_each_lines_languages_in_the_members_language() -> None:
    assert "(24/7) — in German" in format_resources(resources_for("DE", language="en"))
    german = format_resources(resources_for("CH", language="de"))
    assert "Schweiz (CH)" in german
    assert "Deutsch, Französisch, Italienisch" in german


def test_with_no_country_lines_in_the_members_language_are_offered() -> None:
    spanish = resources_for(None, language="es")
    where = {name for name, _line in spanish.in_language}
    assert {"España", "México", "Argentina", "Chile", "Estados Unidos"} <= where
    assert all(line.speaks("es") for _name, line in spanish.in_language)
    text = format_resources(spanish)
    assert text.startswith(EMERGENCY_SENTENCE)
    assert "Línea 024 de atención a la conducta suicida (España): call 024" in text
    german = {name for name, _line in resources_for("", language="de").in_language}
    assert {"Deutschland", "Österreich", "Schweiz"} <= german
    # English is spoken by most of the list: no country still means choose one
    assert resources_for(None, language="en").in_language == ()


def test_a_country_with_lines_does_not_add_other_countries() -> None:
    assert resources_for("ES", language="es").in_language == ()


def test_new_helpline_numbers_are_never_reported_by_the_guard() -> None:
    assert is_public_service_number(digits_of("(011) 5275-1135"))
    assert is_public_service_number(digits_of("+54 11 5275 1135"))
