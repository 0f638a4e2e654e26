"""How strong a passphrase is, in words a person can act on.

The store's key comes from the passphrase alone (there is no account and no
recovery), so we refuse the trivially guessable and explain the rest.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

from peerhaven.core import inputs
from peerhaven.core.i18n import N_, _
from peerhaven.store.errors import BadInput

MIN_LENGTH = 8
_COMMON = frozenset(
    {
        "password", "passw0rd", "password1", "12345678", "123456789", "1234567890", "qwertyui",
        "qwerty123", "iloveyou", "sunshine", "princess", "football", "baseball", "welcome1",
        "letmein1", "trustno1", "abcdefgh", "abc12345", "11111111", "00000000", "peerhaven",
    }
)  # fmt: skip
LABELS = (N_("very weak"), N_("weak"), N_("fair"), N_("strong"), N_("very strong"))


@dataclass(frozen=True, slots=True)
class Strength:
    """A 0–4 score, its label, and one piece of advice."""

    score: int
    bits: float
    advice: str

    @property
    def label(self) -> str:
        """The score in words."""
        return _(LABELS[self.score])


def assess(passphrase: str) -> Strength:
    """Estimate guessing resistance from length, variety and repetition."""
    if not passphrase:
        return Strength(0, 0.0, _("Choose a passphrase: several unrelated words work well."))
    pool = 0
    for chars, size in (
        (string.ascii_lowercase, 26),
        (string.ascii_uppercase, 26),
        (string.digits, 10),
        (string.punctuation + " ", 33),
    ):
        if any(ch in chars for ch in passphrase):
            pool += size
    if any(ord(ch) > 127 for ch in passphrase):
        pool += 100
    distinct = len(set(passphrase))
    effective = min(len(passphrase), distinct * 2)
    bits = effective * math.log2(max(pool, 2))
    if passphrase.lower() in _COMMON:
        bits = min(bits, 10.0)
    words = len(passphrase.split())
    if words >= 4:
        bits = max(bits, words * 11.0)
    score = 0 if bits < 28 else 1 if bits < 40 else 2 if bits < 60 else 3 if bits < 80 else 4
    if len(passphrase) < MIN_LENGTH:
        score = 0
        advice = _(
            "Use at least {MIN_LENGTH} characters; four unrelated words are easy to remember."
        ).format(MIN_LENGTH=MIN_LENGTH)
    elif score < 2:
        advice = _("Add more words or characters; length helps more than symbols.")
    elif score < 3:
        advice = _("Good; one or two more words would make it strong.")
    else:
        advice = _("Strong. Keep it somewhere safe: it cannot be recovered.")
    return Strength(score, bits, advice)


def require_acceptable(passphrase: str) -> None:
    """Refuse passphrases that anyone could guess in seconds, or that cannot be typed back.

    Eight spaces are eight characters but no passphrase: length counts without
    the spaces around it. Invalid UTF-8 and NUL are refused by the border first.
    """
    try:
        inputs.passphrase(passphrase)
    except inputs.InputRefused as exc:
        raise BadInput(exc.for_field(_("The passphrase"))) from exc
    strength = assess(passphrase)
    if len(passphrase.strip()) < MIN_LENGTH or passphrase.strip().lower() in _COMMON:
        raise BadInput(
            _("That passphrase is too easy to guess. {advice}").format(advice=strength.advice)
        )
