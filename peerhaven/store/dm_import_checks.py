"""The rules an export's direct-message rows must meet: conversations, messages, prekeys.

The ratchet state and the prekey secrets are what let this device read and write
a conversation, so a file that could alter them is checked hard: each must parse
exactly as ``core/dm`` wrote it and belong to the row's personas; a received
message must carry the proof it was read with (``verify_report`` passes, and the
proven message is the row's words, sender, recipient and time), so an import
cannot put words in someone's mouth. The importer adds a conversation only where
this device has none with that persona: two live copies of one ratchet would
fork, and the one here is never replaced.
"""

from __future__ import annotations

from typing import Any

from peerhaven.core.dm.conversation import Conversation
from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.franking import MAX_CW_CHARS
from peerhaven.core.dm.prekeys import PrekeySecrets
from peerhaven.core.dm.report import Report, verify_report
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import Event
from peerhaven.core.i18n import N_, _
from peerhaven.core.validate import check_integrity
from peerhaven.store.import_checks import (
    RowRefused,
    flag,
    hex64,
    maybe_when,
    slug,
    text,
    when,
    whole,
)

STATUSES = ("request", "accepted", "declined")
_BIG = 2**63 - 1
#: the longest saved state taken from a file (a conversation keeps five sessions)
MAX_STATE_CHARS = 4_000_000


def _obj(row: Any) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise RowRefused(_("it is not a JSON object"))
    return row


def _community(value: Any) -> str:
    return "" if value == "" else slug(value)


def dm_prekeys_row(row: Any) -> tuple[str, bytes, int, int, int, int, str]:
    """A persona's prekey secrets, exactly as ``PrekeySecrets`` writes them, and its
    newest bundle, a ``prekeys`` event the persona signed (which relays get again)."""
    row = _obj(row)
    persona = hex64(row.get("persona"), N_("persona"))
    raw = text(row.get("secrets"), N_("prekey secrets"), limit=MAX_STATE_CHARS, one_line=True)
    try:
        secrets = PrekeySecrets.from_bytes(raw.encode())
    except DmError:
        raise RowRefused(_("its prekey secrets are damaged")) from None
    try:
        bundle = Event.from_wire(row.get("bundle"))
        check_integrity(bundle)
    except (InvalidEvent, ValueError, TypeError):
        raise RowRefused(_("its prekey bundle is not a signed event")) from None
    if bundle.kind != "prekeys" or bundle.pubkey != persona:
        raise RowRefused(_("its prekey bundle is not its persona's"))
    return (
        persona,
        secrets.to_bytes(),
        when(row.get("spk_expires"), N_("expiry")),
        whole(row.get("otpk_first"), N_("first one-time key"), 0, _BIG),
        whole(row.get("otpk_count"), N_("one-time key count"), 0, 100),
        when(row.get("made_at"), N_("date")),
        bundle.to_json(),
    )


def dm_conversation_row(row: Any) -> tuple[str, str, bytes | None, str, str, int, int, int]:
    """A conversation with its ratchet state, which must be with the row's peer."""
    row = _obj(row)
    persona, peer = hex64(row.get("persona"), N_("persona")), hex64(row.get("peer"), N_("peer"))
    if persona == peer:
        raise RowRefused(_("it is a conversation of a persona with itself"))
    state: bytes | None = None
    if row.get("state") is not None:
        raw = text(row.get("state"), N_("ratchet state"), limit=MAX_STATE_CHARS, one_line=True)
        try:
            conversation = Conversation.from_bytes(raw.encode())
        except DmError:
            raise RowRefused(_("its ratchet state is damaged")) from None
        if conversation.peer != peer:
            raise RowRefused(_("its ratchet state is with another persona"))
        state = conversation.to_bytes()
    status = row.get("status")
    if status not in STATUSES:
        raise RowRefused(_("its status is not one of {states}").format(states=", ".join(STATUSES)))
    return (
        persona,
        peer,
        state,
        str(status),
        _community(row.get("community")),
        flag(row.get("seen"), N_("seen choice")),
        when(row.get("created_at"), N_("date")),
        when(row.get("updated_at"), N_("date")),
    )


def dm_message_row(row: Any) -> tuple[Any, ...]:
    """A message; one received must carry a proof that its sender wrote exactly it."""
    row = _obj(row)
    event_id = hex64(row.get("event_id"), N_("event id"))
    persona, peer = hex64(row.get("persona"), N_("persona")), hex64(row.get("peer"), N_("peer"))
    outgoing = flag(row.get("outgoing"), N_("direction"))
    words = text(row.get("text"), N_("text"))
    cw = row.get("cw")
    if cw is not None:
        cw = text(cw, N_("content warning"), limit=MAX_CW_CHARS, one_line=True)
        if not cw.strip():
            raise RowRefused(_("its content warning is empty"))
    community = _community(row.get("community"))
    sent_at = when(row.get("sent_at"), N_("date"))
    evidence = row.get("evidence")
    if outgoing:
        if evidence is not None:
            raise RowRefused(_("a message you sent carries no proof"))
    else:
        raw = text(evidence, N_("proof"), limit=MAX_STATE_CHARS, one_line=True)
        try:
            report = Report.from_json(raw)
            message = verify_report(report, reporter=persona)
        except DmError:
            raise RowRefused(_("its proof does not show that its sender wrote it")) from None
        said = (message.sender, message.text, message.cw, message.community, message.sent_at)
        if said != (peer, words, cw, community, sent_at) or report.event.id != event_id:
            raise RowRefused(_("its words differ from what its sender signed"))
        evidence = report.to_json()
    return (
        event_id,
        persona,
        peer,
        outgoing,
        words,
        cw,
        community,
        sent_at,
        whole(row.get("position"), N_("position"), 0, _BIG),
        when(row.get("received_at"), N_("date")),
        flag(row.get("read"), N_("read mark")),
        maybe_when(row.get("seen_at"), N_("seen date")) if outgoing else None,
        evidence,
    )
