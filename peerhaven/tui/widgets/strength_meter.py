"""A passphrase strength meter that reads in shapes and words, not colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from peerhaven.core.i18n import N_, _

if TYPE_CHECKING:
    from peerhaven.store.passphrase_policy import Strength

SEGMENTS = 5
EMPTY = N_("Several unrelated words are easy to remember and hard to guess.")


class StrengthMeter(Static):
    """``Strength: ■■■□□ fair`` and one line of advice."""

    DEFAULT_CSS = """
    StrengthMeter {
        height: auto;
        min-height: 2;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(_(EMPTY), id=id)
        self.score: int | None = None

    def show(self, strength: Strength | None) -> None:
        """Draw the meter for a passphrase's assessed strength (``None``: nothing typed)."""
        if strength is None:
            self.score = None
            self.update(_(EMPTY))
            return
        self.score = strength.score
        filled = strength.score + 1
        bar = "■" * filled + "□" * (SEGMENTS - filled)
        self.update(
            _("Strength: {bar} {label}\n{advice}").format(
                bar=bar, label=strength.label, advice=strength.advice
            )
        )
