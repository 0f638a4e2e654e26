"""Reporting one direct message to moderators, verifiably, and checking such a report.

A report is the outer ``dm`` event exactly as the relay delivered it, the
message, its franking key and the sender's persona signature (all of which the
recipient's device kept when it read the message). ``verify_report`` is what a
moderator's device runs; it accepts a report only when:

1. the outer event is intact (id and one-time signature) and is a ``dm`` to the
   message's recipient;
2. the message's franking commitment under the franking key equals the one the
   outer event carries, and the outer event was signed by the one-time key the
   message names;
3. the sender's persona key signed the message together with that commitment and
   that one-time key.

A recipient cannot forge a report: without the sender's persona secret there is
no signature (3) for a message the sender did not write, and a real signature
cannot be moved to other text, since it covers the message bytes themselves.
The relay learns nothing from reporting: the report goes to moderators sealed
(``core/sealing.py``), and the commitment it stored reveals nothing without the
franking key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from peerhaven.core.dm.envelope import KIND, OuterContent
from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.franking import DirectMessage, SignedMessage
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import Event
from peerhaven.core.i18n import _
from peerhaven.core.validate import check_integrity

_FORGED = "This report does not prove that its sender wrote this message."


@dataclass(frozen=True, slots=True)
class Report:
    """What a member hands to moderators to report one direct message."""

    event: Event
    evidence: SignedMessage

    def to_json(self) -> str:
        """The report as JSON, to be sealed to the moderators."""
        document = {
            "event": self.event.to_wire(),
            "message": self.evidence.to_json(),
        }
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        """Parse a report, refusing any other shape."""
        try:
            document: Any = json.loads(text)
            event = Event.from_wire(document["event"])
            evidence = SignedMessage.from_json(document["message"])
        except (ValueError, KeyError, TypeError, RecursionError, InvalidEvent, DmError) as exc:
            raise DmError(_("This report is malformed.")) from exc
        return cls(event, evidence)


def verify_report(report: Report, *, reporter: str | None = None) -> DirectMessage:
    """The reported message, once the report proves its sender wrote and sent it."""
    event, evidence = report.event, report.evidence
    message = evidence.message
    if event.kind != KIND or event.tags != (("to", message.recipient),):
        raise DmError(_FORGED)
    if reporter is not None and reporter != message.recipient:
        raise DmError(_("Only the recipient of a direct message can report it."))
    try:
        check_integrity(event)
    except InvalidEvent as exc:
        raise DmError(_FORGED) from exc
    outer = OuterContent.of(event)
    if event.pubkey != evidence.one_time_key or evidence.commitment != outer.commitment:
        raise DmError(_FORGED)
    try:
        evidence.verify()
    except DmError as exc:
        raise DmError(_FORGED) from exc
    return message
