"""What the oversharing guard reports: a kind, where it is, and words for a person.

Kinds are plain strings (not an enum) because they also label the corpus and may
be stored as the CLI's "I know, post anyway" choices; ``KINDS`` is the closed list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: every kind the guard can report, with the words ``describe`` uses for it
LABELS: dict[str, str] = {
    "e-mail": "an e-mail address",
    "phone": "a phone number",
    "street-address": "a street address",
    "date-of-birth": "a date of birth",
    "card-number": "a card number",
    "iban": "a bank account number (IBAN)",
    "national-id": "an ID number",
    "identifying-link": "a link that may identify someone",
}
KINDS: tuple[str, ...] = tuple(LABELS)


@dataclass(frozen=True, slots=True)
class Finding:
    """One personal detail: ``text[start:end]`` of the checked text is ``text``."""

    kind: str
    start: int
    end: int
    text: str
    label: str

    @classmethod
    def make(cls, kind: str, source: str, start: int, end: int) -> Finding:
        """A finding over ``source[start:end]``, with the label that belongs to ``kind``."""
        return cls(kind, start, end, source[start:end], LABELS[kind])

    def overlaps(self, other: Finding) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


def describe(findings: Iterable[Finding]) -> str:
    """One sentence naming each kind found, in order of first appearance.

    The CLI prints it when it refuses to post; it names kinds, never the text
    itself, so the sentence is safe to show on a shared screen.
    """
    labels: list[str] = []
    for finding in findings:
        if finding.label not in labels:
            labels.append(finding.label)
    if not labels:
        return "This text does not seem to contain personal details."
    if len(labels) == 1:
        listed = labels[0]
    else:
        listed = ", ".join(labels[:-1]) + " and " + labels[-1]
    return f"This text seems to contain {listed}."
