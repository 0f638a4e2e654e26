"""The oversharing guard: find personal details in a text before it leaves the device.

It runs on the author's device only, on the draft, and nothing it sees is stored,
logged or sent: its one job is to let a person notice "I was about to post my
phone number" before a community of strangers can read it. It favours precision
(support posts are full of numbers that are not contact details) and names what
it found in words (``describe``) with offsets for highlighting.

When two detectors claim the same characters, the more specific one wins (an
IBAN over the phone-like digits inside it); ``PRIORITY`` is that order.
"""

from __future__ import annotations

from collections.abc import Iterable

from peerhaven.safety.findings import KINDS, Finding, describe, label
from peerhaven.safety.pii_contact import find_emails, find_links, find_phones
from peerhaven.safety.pii_numbers import find_cards, find_ibans, find_national_ids
from peerhaven.safety.pii_places import find_addresses, find_birth_dates
from peerhaven.safety.resources import is_public_service_number

__all__ = ["KINDS", "PRIORITY", "Finding", "describe", "find_personal_details", "label"]

#: which kind keeps a span claimed by several detectors, most specific first
PRIORITY: tuple[str, ...] = (
    "identifying-link",
    "e-mail",
    "iban",
    "card-number",
    "national-id",
    "date-of-birth",
    "phone",
    "street-address",
)
_RANK = {kind: rank for rank, kind in enumerate(PRIORITY)}
_JOINABLE = ",; \t\n"


def find_personal_details(text: str) -> list[Finding]:
    """Every personal detail in ``text``, in reading order, without overlaps.

    Adjacent pieces of one address ("12 Baker Street, London NW1 6XE") come back
    as one finding so a highlight covers the whole address.
    """
    candidates: list[Finding] = [
        *find_links(text),
        *find_emails(text),
        *find_ibans(text),
        *find_cards(text),
        *find_national_ids(text),
        *find_birth_dates(text),
        *find_phones(text, is_public=is_public_service_number),
        *find_addresses(text),
    ]
    kept = _resolve_overlaps(candidates)
    return _join_addresses(text, kept)


def _resolve_overlaps(candidates: Iterable[Finding]) -> list[Finding]:
    """Keep the most specific kind, then the longest span, for each contested region."""
    ordered = sorted(candidates, key=lambda f: (_RANK[f.kind], -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for finding in ordered:
        if not any(finding.overlaps(other) for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def _join_addresses(text: str, findings: list[Finding]) -> list[Finding]:
    """Merge street-address findings separated only by commas and spaces."""
    joined: list[Finding] = []
    for finding in findings:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == finding.kind == "street-address"
            and _gap_is_joinable(text, previous.end, finding.start)
        ):
            joined[-1] = Finding.make("street-address", text, previous.start, finding.end)
        else:
            joined.append(finding)
    return joined


def _gap_is_joinable(text: str, end: int, start: int) -> bool:
    """A gap of separators, or of one capitalised town name between street and postcode."""
    gap = text[end:start]
    if all(ch in _JOINABLE for ch in gap):
        return True
    words = gap.strip(_JOINABLE).split()
    return 0 < len(words) <= 2 and all(w[:1].isupper() for w in words) and len(gap) <= 30
