"""Reports: a member flags a post to the community's moderators, and to no one else.

The reason is sealed to the pinned owner and the moderators that owner named,
so relays and other members cannot read it; only the target's id and the fact
of a report travel in the clear. A moderator's device opens the reports
addressed to its personas to fill the moderation queue.

A report of a direct message (``store.dm_report``) carries, inside the seal,
the proof that its sender wrote it; a moderator's device checks it with
``core.dm.report.verify_report`` and leaves out a report that fails (a forged
one), one not made by the message's recipient, or one about a message that
says the two met in another community.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from peerhaven.core import builders
from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.franking import DirectMessage
from peerhaven.core.dm.report import Report, verify_report
from peerhaven.core.event import Event
from peerhaven.core.i18n import _
from peerhaven.core.persona import pseudonym
from peerhaven.core.sealing import SealError, seal, unseal
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.events import get_event, store_verified
from peerhaven.store.moderation import pinned
from peerhaven.store.outbox import queue
from peerhaven.store.personas import load_persona
from peerhaven.store.publish import speaking_persona

MAX_REASON = 1000


@dataclass(frozen=True, slots=True)
class OpenReport:
    """A report as its moderator reads it."""

    id: str
    community: str
    target: str
    reporter: str
    reason: str
    created_at: int
    #: the reported direct message, proven to be its sender's (None for a post)
    message: DirectMessage | None = None


def _reported_message(body: dict[str, object], reporter: str, slug: str) -> DirectMessage:
    """The direct message a report proves, or ``DmError`` when the proof fails."""
    message = verify_report(Report.from_json(json.dumps(body["dm"])), reporter=reporter)
    if message.community != slug:
        raise DmError(_("This report was sent to the moderators of another community."))
    return message


def publish_report(store: Store, event_id: str, reason: str) -> Event:
    """Seal a reason to the community's moderators and queue the report."""
    clean = reason.strip()
    if not clean:
        raise BadInput(_("Say briefly why you are reporting this post; only moderators read it."))
    if len(clean) > MAX_REASON:
        raise BadInput(
            _("Keep the reason under {MAX_REASON} characters.").format(MAX_REASON=MAX_REASON)
        )
    target = get_event(store, event_id)
    if target is None:
        raise NotFound(
            _("There is no event {event_id} on this device.").format(event_id=event_id[:12])
        )
    pin = pinned(store.conn, target.community)
    if pin is None:
        raise NotFound(_("You have not joined {community!r}.").format(community=target.community))
    owner, moderators = pin
    recipients = [owner, *sorted(moderators)]
    persona = speaking_persona(store, target.community)
    body = seal(json.dumps({"reason": clean}).encode(), recipients)
    tags = [("target", target.id), *(("to", pubkey) for pubkey in recipients)]
    report = builders.sign_event(persona.keys, "report", target.community, body, tags)
    store_verified(store, [report], on_commit=lambda conn: queue(conn, report))
    return report


def open_reports(store: Store, slug: str) -> list[OpenReport]:
    """Reports in a community addressed to one of this device's personas, newest first."""
    mine = {row[0] for row in store.execute("SELECT pubkey FROM personas")}
    rows = store.execute(
        "SELECT id FROM events WHERE community = ? AND kind = 'report' ORDER BY created_at DESC",
        (slug,),
    ).fetchall()
    opened = []
    for (eid,) in rows:
        event = get_event(store, eid)
        if event is None:
            continue
        for recipient in event.tag_values("to"):
            if recipient not in mine or event.pubkey in mine:
                continue
            try:
                body = json.loads(unseal(event.content, load_persona(store, recipient).keys))
            except (SealError, ValueError):
                continue
            if not isinstance(body, dict):
                break
            message = None
            if "dm" in body:
                try:
                    message = _reported_message(body, event.pubkey, slug)
                except DmError:
                    break  # forged or misdirected: never shown as a report
            opened.append(
                OpenReport(
                    id=event.id,
                    community=slug,
                    target=event.target or "",
                    reporter=pseudonym(event.pubkey),
                    reason=str(body.get("reason", "")),
                    created_at=event.created_at,
                    message=message,
                )
            )
            break
    return opened
