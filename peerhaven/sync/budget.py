"""What one relay may cost a sync: time, pace, pages, events and bytes.

A relay is never trusted, and that includes its manners: one that answers a
byte a second, serves pages without end or sends a gigabyte must cost this
device a bounded amount of time and memory, and must not hold up the other
relays. ``RoundBudget`` holds the limits (the ``sync`` command's ``--deadline``
and ``--min-rate`` set the first two); ``Round`` counts one relay's round
against them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from peerhaven.core.i18n import _
from peerhaven.sync.errors import RelayOverBudget, RelayTooSlow

#: seconds one relay may take for a whole sync round (push, pull, moderation lists)
DEADLINE = 120.0
#: bytes a second an answer must average once it has had ``RATE_AFTER`` seconds
MIN_RATE = 1024
#: seconds an answer may run before its pace is judged (small answers never are)
RATE_AFTER = 10.0
#: pages and events one relay may serve in one round; the rest waits for the next
MAX_PAGES = 2_000
MAX_EVENTS = 100_000
#: bytes one answer may have, as sent and once inflated. 500 ordinary posts are about
#: 0.5 MB; a page of the largest posts over the cap is asked for again with fewer. The
#: cap also bounds memory: 4 MB of the tiniest JSON values parse into about 100 MB.
MAX_BODY = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RoundBudget:
    """The limits every relay's round is held to."""

    deadline: float = DEADLINE
    min_rate: int = MIN_RATE
    rate_after: float = RATE_AFTER
    max_pages: int = MAX_PAGES
    max_events: int = MAX_EVENTS
    max_body: int = MAX_BODY


DEFAULT_BUDGET = RoundBudget()


class Round:
    """One relay's round: its deadline on the monotonic clock, and the pages and events so far.

    Shared by the threads that serve one relay (the round's own and its page
    fetcher), which only add to the counts from the fetcher; a count read a
    page late only lets one more page in.
    """

    def __init__(self, url: str, budget: RoundBudget) -> None:
        self.url = url
        self.budget = budget
        self.ends_at = time.monotonic() + budget.deadline
        self.pages = 0
        self.events = 0

    def remaining(self) -> float:
        """Seconds left before the deadline (negative once it passed)."""
        return self.ends_at - time.monotonic()

    def check_time(self) -> None:
        """Raise ``RelayTooSlow`` once the deadline has passed."""
        if self.remaining() <= 0:
            raise RelayTooSlow(overtime_words(self.url, self.budget))

    def next_page(self) -> None:
        """Before asking for another page: raise once this round had all it may have."""
        self.check_time()
        if self.pages >= self.budget.max_pages or self.events >= self.budget.max_events:
            raise RelayOverBudget(
                _(
                    "{url} offered more than {max_events:,} events or {max_pages:,} pages in one "
                    "sync; what arrived is kept and the rest waits for the next sync."
                ).format(
                    url=self.url, max_events=self.budget.max_events, max_pages=self.budget.max_pages
                )
            )

    def took(self, events: int) -> None:
        """Count a page that arrived."""
        self.pages += 1
        self.events += events


def overtime_words(url: str, budget: RoundBudget) -> str:
    """The sentence for a relay that ran out of time."""
    return _(
        "{url} did not finish within {deadline:g} s; what arrived is kept and the rest "
        "waits for the next sync."
    ).format(url=url, deadline=budget.deadline)
