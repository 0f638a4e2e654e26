"""Reporting one direct message to the moderators of the community where you met.

The report is the member's choice and reveals exactly one message and who sent
it: the evidence kept when it was read (the outer event as delivered, the
message, its franking key and the sender's persona signature, ``core/dm/report``)
goes inside an ordinary ``report`` event, sealed to the community's pinned owner
and moderators (``core/sealing``), so the relay reads nothing. The report's
target is a random id, not the message's event id, so a relay cannot tell which
stored message was reported. On a moderator's device ``store.reports`` checks
the evidence with ``verify_report`` and drops a report that does not prove its
sender wrote the message: a recipient cannot forge one.
"""

from __future__ import annotations

import json
import secrets

from peerhaven.core import builders
from peerhaven.core.event import Event
from peerhaven.core.i18n import _
from peerhaven.core.sealing import seal
from peerhaven.core.validate import DEFAULT_LIMITS
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.events import store_verified
from peerhaven.store.moderation import pinned
from peerhaven.store.outbox import queue
from peerhaven.store.personas import load_persona
from peerhaven.store.reports import MAX_REASON


def report_message(store: Store, message_id: int, reason: str) -> Event:
    """Seal one received message with its proof to the moderators where you met, and queue it."""
    clean = reason.strip()
    if not clean:
        raise BadInput(
            _("Say briefly why you are reporting this message; only moderators read it.")
        )
    if len(clean) > MAX_REASON:
        raise BadInput(_("Keep the reason under {limit} characters.").format(limit=MAX_REASON))
    row = store.execute(
        "SELECT persona, community, evidence FROM dm_messages WHERE id = ? AND outgoing = 0",
        (message_id,),
    ).fetchone()
    if row is None or row[2] is None:
        raise NotFound(
            _("There is no received message {number} on this device.").format(number=message_id)
        )
    persona, community, evidence = str(row[0]), str(row[1]), str(row[2])
    if not community:
        raise BadInput(
            _(
                "This message names no community where you met, so no moderators can receive "
                "a report of it; you can block its sender."
            )
        )
    pin = pinned(store.conn, community)
    if pin is None:
        raise NotFound(
            _("You have not joined {community}, where this message says you met.").format(
                community=community
            )
        )
    owner, moderators = pin
    recipients = [owner, *sorted(moderators)]
    body = seal(json.dumps({"reason": clean, "dm": json.loads(evidence)}).encode(), recipients)
    if len(body.encode()) > DEFAULT_LIMITS.max_content_bytes:
        raise BadInput(
            _(
                "This message is too long to send to moderators with its proof; "
                "you can block its sender."
            )
        )
    tags = [("target", secrets.token_hex(32)), *(("to", pubkey) for pubkey in recipients)]
    keys = load_persona(store, persona).keys
    report = builders.sign_event(keys, "report", community, body, tags)
    store_verified(store, [report], on_commit=lambda conn: queue(conn, report))
    return report
