"""What the oversharing guard reports: a kind, where it is, and words for a person.

Kinds are plain strings (not an enum) because they also label the corpus and may
be stored as the CLI's "I know, post anyway" choices; ``KINDS`` is the closed list.
The words for a person are in the member's language (``peerhaven.core.i18n``), read
when a finding is made, so they follow a change of language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peerhaven.core.i18n import _

#: every kind the guard can report, in the order ``label`` lists them
KINDS: tuple[str, ...] = (
    "e-mail",
    "phone",
    "street-address",
    "date-of-birth",
    "card-number",
    "iban",
    "national-id",
    "identifying-link",
)


def label(kind: str) -> str:
    """The words ``describe`` and the app use for ``kind``, in the member's language."""
    labels = {
        "e-mail": _("an e-mail address"),
        "phone": _("a phone number"),
        "street-address": _("a street address"),
        "date-of-birth": _("a date of birth"),
        "card-number": _("a card number"),
        "iban": _("a bank account number (IBAN)"),
        "national-id": _("an ID number"),
        "identifying-link": _("a link that may identify someone"),
    }
    return labels[kind]


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
        return cls(kind, start, end, source[start:end], label(kind))

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
        return _("This text does not seem to contain personal details.")
    if len(labels) == 1:
        listed = labels[0]
    else:
        listed = _("{first} and {last}").format(first=", ".join(labels[:-1]), last=labels[-1])
    return _("This text seems to contain {details}.").format(details=listed)
