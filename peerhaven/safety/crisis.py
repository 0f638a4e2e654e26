"""Crisis support in one place: the lines to offer and the language that prompts the offer.

The CLI's ``peerhaven help crisis [--country CC]`` prints
``format_resources(resources_for(country, definition.extra.get("crisis_resources")))``;
the composer calls ``detect_crisis_language(draft)`` and, when it returns a signal,
shows the author (and only the author) the same lines. Nothing is blocked,
reported, stored or sent because of a signal.
"""

from __future__ import annotations

from peerhaven.safety.crisis_detect import CrisisCategory, CrisisSignal, detect_crisis_language
from peerhaven.safety.resources import (
    COMPLEMENT_SENTENCE,
    EMERGENCY_SENTENCE,
    MAX_COMMUNITY_LINES,
    CrisisLine,
    CrisisResources,
    countries,
    country_code,
    format_resources,
    international_lines,
    is_public_service_number,
    lines_for_country,
    lines_in_language,
    parse_community_lines,
    resources_for,
)

__all__ = [
    "COMPLEMENT_SENTENCE",
    "EMERGENCY_SENTENCE",
    "MAX_COMMUNITY_LINES",
    "CrisisCategory",
    "CrisisLine",
    "CrisisResources",
    "CrisisSignal",
    "countries",
    "country_code",
    "detect_crisis_language",
    "format_resources",
    "international_lines",
    "is_public_service_number",
    "lines_for_country",
    "lines_in_language",
    "parse_community_lines",
    "resources_for",
]
