"""Crisis lines: the shipped directory, lines a community adds, and the text the CLI prints.

The directory is package data (``data/crisis_resources.json``) so it works offline
and is reviewed like code. A community owner can add lines of their own in the
community definition, under ``extra["crisis_resources"]``::

    [{"name": "Our moderators' warm line", "contact": "+44 20 7946 0000",
      "hours": "evenings", "source": "https://example.org/about"}]

``name``, ``contact`` and ``source`` are required text, ``hours`` is optional. An
entry that breaks the shape is left out with a reason (never fatal: a bad entry
must not hide the good ones, nor the shipped lines).

Each shipped line says which languages it answers in. The lines that speak the
member's language come first: someone in Switzerland who reads German should not
have to read past a line in Italian to find one that will understand them. With no
country's lines to show (none chosen, or none shipped for it), the lines in the
member's language (other than English, spoken by most of the list) are shown from
every country we ship, each with its country, so that help before unlocking is
already in their language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources as importlib_resources
from typing import Any

from peerhaven.core.i18n import N_, _
from peerhaven.safety.checksums import digits_of
from peerhaven.safety.language import country_name, language_name, member_language

#: module constants are marked ``N_`` and translated where shown (the language may change)
EMERGENCY_SENTENCE = N_("If you are in immediate danger, call your local emergency number.")
COMPLEMENT_SENTENCE = N_(
    "Peer support complements professional help; it does not replace it. "
    "Talking to a trained listener, a doctor or someone you trust can help."
)
#: limits for lines a community adds (keeps a hostile definition from flooding the screen)
MAX_COMMUNITY_LINES = 10
_FIELD_LIMITS = {"name": 80, "contact": 120, "hours": 80, "source": 200}


@dataclass(frozen=True, slots=True)
class CrisisLine:
    """One service: how to reach it and who says so."""

    name: str
    phone: str = ""
    text: str = ""
    chat: str = ""
    hours: str = ""
    source: str = ""
    #: ISO 639-1 codes of the languages the line answers in; empty when not known
    languages: tuple[str, ...] = ()

    def speaks(self, language: str) -> bool:
        """Whether the line answers in ``language`` (a two-letter code)."""
        return language in self.languages

    def contact(self) -> str:
        """ "call 116 123 · text SHOUT to 85258 · chat samaritans.org", whatever applies."""
        parts = []
        if self.phone:
            parts.append(_("call {number}").format(number=self.phone))
        if self.text:
            parts.append(_("text {number}").format(number=self.text))
        if self.chat:
            parts.append(_("online {address}").format(address=self.chat))
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class CrisisResources:
    """What ``format_resources`` shows for one country and one community."""

    country: str | None
    country_name: str | None
    lines: tuple[CrisisLine, ...]
    community_lines: tuple[CrisisLine, ...]
    international: tuple[CrisisLine, ...]
    #: why community entries were left out, one sentence each
    ignored: tuple[str, ...] = field(default=())
    #: the member's language (two letters): its lines come first, and names are in it
    language: str = "en"
    #: with no country's lines to show: (country name, line) for every shipped line in
    #: the member's language, when that language is not English
    in_language: tuple[tuple[str, CrisisLine], ...] = field(default=())


def _line(raw: dict[str, Any]) -> CrisisLine:
    return CrisisLine(
        name=raw["name"],
        phone=raw.get("phone", ""),
        text=raw.get("text", ""),
        chat=raw.get("chat", ""),
        hours=raw.get("hours", ""),
        source=raw.get("source", ""),
        languages=tuple(raw.get("languages", ())),
    )


def _language_first(lines: tuple[CrisisLine, ...], language: str) -> tuple[CrisisLine, ...]:
    """The lines that speak ``language`` first, each group in the directory's order."""
    return tuple(sorted(lines, key=lambda line: not line.speaks(language)))


@cache
def _directory() -> dict[str, Any]:
    """The shipped JSON, read once."""
    ref = importlib_resources.files("peerhaven.safety").joinpath("data/crisis_resources.json")
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return data


def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → country name, for every country we ship lines for."""
    return {code: entry["country"] for code, entry in sorted(_directory()["countries"].items())}


def international_lines() -> tuple[CrisisLine, ...]:
    """Directories that cover many countries; shown to everyone."""
    return tuple(_line(raw) for raw in _directory()["international"])


#: codes people type that are not ISO 3166-1 alpha-2 ("UK" is reserved, "EL" is the EU's)
_ALIASES = {"UK": "GB", "EL": "GR"}


def country_code(country: str) -> str:
    """The ISO code for what someone typed: upper-cased, trimmed, "UK" read as "GB"."""
    code = country.strip().upper()
    return _ALIASES.get(code, code)


def lines_for_country(country: str, language: str | None = None) -> tuple[CrisisLine, ...]:
    """The shipped lines for one country code (case-insensitive); empty when we have none.

    With a ``language``, the lines that answer in it come first.
    """
    entry = _directory()["countries"].get(country_code(country))
    if entry is None:
        return ()
    lines = tuple(_line(raw) for raw in entry["lines"])
    return _language_first(lines, language) if language else lines


def lines_in_language(language: str) -> tuple[tuple[str, CrisisLine], ...]:
    """(country code, line) for every shipped line that answers in ``language``."""
    return tuple(
        (code, line)
        for code in sorted(_directory()["countries"])
        for line in lines_for_country(code)
        if line.speaks(language)
    )


def parse_community_lines(raw: Any) -> tuple[list[CrisisLine], list[str]]:
    """Read ``extra["crisis_resources"]`` of a community definition.

    Returns the valid lines and, for each entry left out, a sentence saying why.
    """
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], ["The community's crisis_resources is not a list, so it was ignored."]
    lines: list[CrisisLine] = []
    reasons: list[str] = []
    for index, entry in enumerate(raw, start=1):
        problem = _entry_problem(entry)
        if problem is None and len(lines) >= MAX_COMMUNITY_LINES:
            problem = f"only the first {MAX_COMMUNITY_LINES} community lines are shown"
        if problem is not None:
            reasons.append(f"Community crisis line {index} was ignored: {problem}.")
            continue
        lines.append(
            CrisisLine(
                name=entry["name"].strip(),
                phone=entry["contact"].strip(),
                hours=entry.get("hours", "").strip(),
                source=entry["source"].strip(),
            )
        )
    return lines, reasons


def _entry_problem(entry: Any) -> str | None:
    """Why one community entry cannot be shown, or None when it can."""
    if not isinstance(entry, dict):
        return "it is not an object"
    for key in ("name", "contact", "source"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            return f"it has no {key}"
    unknown = sorted(set(entry) - set(_FIELD_LIMITS))
    if unknown:
        return f"it has an unknown field {unknown[0]!r}"
    if "hours" in entry and not isinstance(entry["hours"], str):
        return "its hours are not text"
    for key, limit in _FIELD_LIMITS.items():
        value = entry.get(key, "")
        if len(value) > limit:
            return f"its {key} is longer than {limit} characters"
        if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in value):
            return f"its {key} contains control characters"
    return None


def resources_for(
    country: str | None,
    community_extra: list[dict[str, Any]] | None = None,
    language: str | None = None,
) -> CrisisResources:
    """The lines to show: the country's (when known), the community's own, and directories.

    ``community_extra`` is the value of ``CommunityDefinition.extra["crisis_resources"]``.
    ``language`` is the member's (two letters, or the ``language`` setting); by default
    the language the app speaks now (``safety.language.member_language``). Lines that
    speak it come first; with no country's lines, the lines in it from every country
    are added (for any language but English).
    """
    speaks = member_language(language)
    code = country_code(country) if country and country.strip() else None
    community, ignored = parse_community_lines(community_extra)
    lines = lines_for_country(code, speaks) if code else ()
    named = countries()
    in_language: tuple[tuple[str, CrisisLine], ...] = ()
    if not lines and speaks != "en":
        in_language = tuple(
            (country_name(where, speaks, named[where]), line)
            for where, line in lines_in_language(speaks)
        )
    return CrisisResources(
        country=code,
        country_name=country_name(code, speaks, named[code]) if code in named else None,
        lines=lines,
        community_lines=tuple(community),
        international=international_lines(),
        ignored=tuple(ignored),
        language=speaks,
        in_language=in_language,
    )


CHOOSE_COUNTRY_CLI = N_(
    "Choose your country (--country with a two-letter code, e.g. GB) to see\n"
    "its lines; the directories below list services in most countries."
)


def format_resources(resources: CrisisResources, choose_hint: str | None = None) -> str:
    """Plain text for ``peerhaven help crisis [--country CC]``; always starts with the
    emergency sentence, so even a truncated screen shows the most important line."""
    out = [_(EMERGENCY_SENTENCE), ""]
    if resources.lines:
        out.append(
            _("Crisis lines in {country} ({code}):").format(
                country=resources.country_name, code=resources.country
            )
        )
        out.extend(_format_line(line, resources.language) for line in resources.lines)
    elif resources.country:
        out.append(
            _(
                "PeerHaven has no lines for {code} yet; "
                "the directories below list services in most countries."
            ).format(code=resources.country)
        )
    else:
        out.append(_(CHOOSE_COUNTRY_CLI) if choose_hint is None else choose_hint)
    if resources.in_language:
        out += [
            "",
            _("Lines that answer in {language}:").format(
                language=language_name(resources.language, resources.language)
            ),
        ]
        out.extend(
            _format_line(line, resources.language, where=where)
            for where, line in resources.in_language
        )
    if resources.community_lines:
        out += ["", _("Added by this community (not checked by PeerHaven):")]
        out.extend(_format_line(line) for line in resources.community_lines)
    out += ["", _("Directories of helplines worldwide:")]
    out.extend(_format_line(line) for line in resources.international)
    out += ["", _(COMPLEMENT_SENTENCE)]
    return "\n".join(out)


def _format_line(line: CrisisLine, language: str = "en", where: str = "") -> str:
    details = line.contact()
    name = f"{line.name} ({where})" if where else line.name
    text = f"  • {name}" + (f": {details}" if details else "")
    if line.hours:
        text += f" ({line.hours})"
    if line.languages:
        names = ", ".join(language_name(code, language) for code in line.languages)
        text += " — " + _("in {languages}").format(languages=names)
    if line.source:
        text += "\n      " + _("source: {source}").format(source=line.source)
    return text


@cache
def _public_numbers() -> frozenset[str]:
    """Digits of every shipped phone or text number long enough to look like a phone."""
    numbers: set[str] = set()
    for entry in _directory()["countries"].values():
        for raw in entry["lines"]:
            for key in ("phone", "text"):
                digits = digits_of(raw.get(key, "")).lstrip("0")
                if len(digits) >= 6:
                    numbers.add(digits)
    return frozenset(numbers)


def is_public_service_number(digits: str) -> bool:
    """True when ``digits`` is (or ends with, after a country code) a shipped helpline.

    The oversharing guard uses it: telling someone "call Lifeline on 13 11 14" is
    kindness, not oversharing.
    """
    digits = digits.lstrip("0")
    return any(digits.endswith(number) for number in _public_numbers())
