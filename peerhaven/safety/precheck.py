"""The one check every post, reply and profile passes before it leaves the device.

The CLI (``peerhaven post``, ``peerhaven persona profile``) and the terminal app's
composer both call ``check_before_publish`` and act on the same answer: personal
details found by the oversharing guard (the author chooses to edit or to publish
anyway) and a crisis signal (the author, and only the author, is offered crisis
lines). Keeping the check in one place means the two front ends cannot drift apart:
a detail the CLI refuses is a detail the app highlights.

Nothing here stores, logs or sends the text or the result; a ``Precheck`` lives as
long as the screen or command that asked for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerhaven.safety.crisis_detect import CrisisSignal, detect_crisis_language
from peerhaven.safety.findings import Finding, describe
from peerhaven.safety.pii import find_personal_details

__all__ = ["Precheck", "check_before_publish"]


@dataclass(frozen=True, slots=True)
class Precheck:
    """What the author should see before publishing ``text``.

    ``findings`` is empty when the author already chose to publish personal
    details anyway; ``crisis`` is ``None`` when nothing sounded like a crisis or
    the author turned the crisis prompt off.
    """

    text: str
    findings: tuple[Finding, ...]
    crisis: CrisisSignal | None

    @property
    def has_personal_details(self) -> bool:
        """The guard found something the author should look at first."""
        return bool(self.findings)

    @property
    def offers_crisis_support(self) -> bool:
        """Crisis lines should be offered to the author (never a reason to block)."""
        return self.crisis is not None

    @property
    def clear(self) -> bool:
        """Nothing to show: publish straight away."""
        return not self.findings and self.crisis is None

    def describe_findings(self) -> str:
        """One sentence naming the kinds found, never the details themselves."""
        return describe(self.findings)


def check_before_publish(
    text: str,
    *,
    allow_personal: bool = False,
    crisis_prompt: bool = True,
    language: str | None = None,
) -> Precheck:
    """Run the oversharing guard and crisis detection over text about to be published.

    ``allow_personal`` is the author's "publish anyway" (``--allow-personal``, or the
    guard's button): the guard is skipped. ``crisis_prompt`` is the author's
    ``crisis_prompt`` setting: off means no offer, ever. ``language`` is the post's
    language when the caller knows it; by default the member's is read (the guard
    reads every language it knows at once, the crisis detector English and that one).
    """
    findings = () if allow_personal else tuple(find_personal_details(text))
    crisis = detect_crisis_language(text, language) if crisis_prompt else None
    return Precheck(text, findings, crisis)
