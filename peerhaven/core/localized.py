"""Dates, times, numbers and spans of time in the member's language, through Babel.

One place turns a timestamp or a count into words, so "5 Dec" reads "5 dic" in
Spanish and "5. Dez." in German and 12,345 reads 12.345 where that is the custom.
The patterns are CLDR patterns (``d MMM``, ``HH:mm``) that keep the shape PeerHaven
always used in English; Babel fills in the month and day names and the separators
of the language ``core.i18n`` is reading. Timestamps are seconds since the epoch,
shown in local time as the rest of the app does.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from babel.dates import format_datetime, format_timedelta
from babel.numbers import format_decimal

from peerhaven.core.i18n import N_, _, current_language

#: the shapes in use, by what they show (English examples); a catalog may reorder one for
#: its language ("d. MMM" in German), so each is a msgid
DAY: Final = N_("d MMM")  # 5 Dec
DAY_YEAR: Final = N_("d MMM y")  # 5 Dec 2026
WEEKDAY: Final = N_("EEE d MMM")  # Sat 5 Dec
WEEKDAY_YEAR_TIME: Final = N_("EEE d MMM y HH:mm")  # Sat 5 Dec 2026 14:05
WEEKDAY_TIME: Final = N_("EEE d MMM, HH:mm")  # Sat 5 Dec, 14:05
DAY_TIME: Final = N_("d MMM HH:mm")  # 5 Dec 14:05
DAY_YEAR_TIME: Final = N_("d MMM y HH:mm")  # 5 Dec 2026 14:05
ISO_MINUTE: Final = "yyyy-MM-dd HH:mm"  # 2026-12-05 14:05 (the same in every language)
CLOCK: Final = "HH:mm"  # 14:05
CLOCK_SECONDS: Final = "HH:mm:ss"  # 14:05:09


def _locale() -> str:
    return current_language()


def when(timestamp: float, pattern: str, *, utc: bool = False) -> str:
    """``timestamp`` in ``pattern``, in local time (or UTC), in the member's language."""
    moment = dt.datetime.fromtimestamp(timestamp, dt.UTC if utc else None)
    return format_datetime(moment, _(pattern), locale=_locale())


def number(value: float) -> str:
    """A count or a measure with the language's grouping and decimal marks: 12,345.6."""
    return format_decimal(value, locale=_locale())


def tenths(value: float) -> str:
    """A measure to one decimal in the language's marks ("5.2", "5,2"), as a mood average."""
    return format_decimal(round(value, 1), format="0.0", locale=_locale())


def span(seconds: float) -> str:
    """A span of time in words, rounded as people say it: "3 minutes", "2 días"."""
    return format_timedelta(dt.timedelta(seconds=seconds), locale=_locale())
