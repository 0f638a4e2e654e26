"""Circles in an export file: what is written out, the rules each row must meet, and import.

An export carries every circle this device takes part in, with its epoch keys
(they open the posts, so a plaintext export must be kept as safe as the device),
its posts with their outer events, and on the owner's device its invites and
members' reports. Nothing in a file is taken on trust: an epoch key must be 32
bytes and is re-derived (the mailbox is never read from the file); a post is
taken only when its kept outer event opens with the epoch's key and its author's
signature verifies, and its words, author and time are those the event proves,
never the file's; an invite's id must be its secret's hash. A circle already on
this device keeps its own state: the file adds only what is missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from peerhaven.core.circles.control import (
    MAX_MEMBERS,
    MAX_NAME_CHARS,
    MAX_REASON_CHARS,
    MAX_RULES_CHARS,
    REFUSALS,
)
from peerhaven.core.circles.epoch import CIRCLE_ID_RE, KEY_BYTES, EpochKeys
from peerhaven.core.circles.errors import CircleError
from peerhaven.core.circles.invite import SECRET_BYTES, invite_id
from peerhaven.core.circles.post import open_post
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import Event
from peerhaven.core.i18n import N_, _
from peerhaven.store.circles import STATES
from peerhaven.store.database import Store
from peerhaven.store.import_checks import RowRefused, hex64, maybe_when, text, when, whole

#: the export's circle sections, in the order they are written
SECTIONS = ("circles", "circle_epochs", "circle_posts", "circle_invites", "circle_reports")
_BIG = 2**63 - 1
#: the longest outer event taken from a file (the largest bucket, in base64 and JSON)
MAX_EVENT_CHARS = 16_384 + 2_048


def _rows(store: Store, sql: str) -> list[dict[str, Any]]:
    cursor = store.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def collect_circles(store: Store) -> dict[str, Any]:
    """The circle sections of an export."""
    circles = _rows(
        store,
        "SELECT id, persona, owner, name, rules, relay, epoch, state, refusal, created_at,"
        " updated_at FROM circles ORDER BY created_at, id",
    )
    epochs = _rows(
        store,
        "SELECT circle, epoch, key, members, started_at FROM circle_epochs ORDER BY circle, epoch",
    )
    for row in epochs:
        row["key"] = bytes(row["key"]).hex()
        row["members"] = json.loads(row["members"])
    posts = _rows(
        store, "SELECT circle, epoch, event, received_at FROM circle_posts ORDER BY rowid"
    )
    for row in posts:
        row["event"] = json.loads(row["event"])
    invites = _rows(
        store,
        "SELECT id, circle, secret, created_at, expires_at, used_at, used_by FROM circle_invites",
    )
    for row in invites:
        row["secret"] = bytes(row["secret"]).hex()
    reports = _rows(store, "SELECT circle, post, reporter, reason, received_at FROM circle_reports")
    return {
        "circles": circles,
        "circle_epochs": epochs,
        "circle_posts": posts,
        "circle_invites": invites,
        "circle_reports": reports,
    }


def _obj(row: Any) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise RowRefused(_("it is not a JSON object"))
    return row


def _circle_id(value: Any) -> str:
    if type(value) is not str or not CIRCLE_ID_RE.fullmatch(value):
        raise RowRefused(_("its circle is not a circle's id"))
    return value


def _bytes(value: Any, what: str, size: int) -> bytes:
    refused = RowRefused(_("its {what} is not {size} bytes of hex").format(what=_(what), size=size))
    if type(value) is not str or len(value) != size * 2:
        raise refused
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise refused from None


def circle_row(row: Any) -> tuple[Any, ...]:
    """A circle: ids and keys well formed, a known state, bounded words."""
    row = _obj(row)
    state = row.get("state")
    if state not in STATES:
        raise RowRefused(_("its state is not one PeerHaven knows"))
    epoch = row.get("epoch")
    return (
        _circle_id(row.get("id")),
        hex64(row.get("persona"), N_("persona")),
        hex64(row.get("owner"), N_("owner")),
        text(row.get("name"), N_("name"), limit=MAX_NAME_CHARS, one_line=True),
        text(row.get("rules"), N_("rules"), limit=MAX_RULES_CHARS),
        text(row.get("relay"), N_("relay"), limit=2000, one_line=True),
        None if epoch is None else whole(epoch, N_("epoch"), 0, _BIG),
        state,
        row.get("refusal") if row.get("refusal") in REFUSALS else None,
        when(row.get("created_at"), N_("creation time")),
        when(row.get("updated_at"), N_("change time")),
    )


def circle_epoch_row(row: Any) -> tuple[str, int, bytes, list[str], int]:
    """An epoch: a 32-byte key and its members (the mailbox is derived, never read)."""
    row = _obj(row)
    members = row.get("members")
    if not isinstance(members, list) or not 0 < len(members) <= MAX_MEMBERS:
        raise RowRefused(_("its members are not a list of personas"))
    return (
        _circle_id(row.get("circle")),
        whole(row.get("epoch"), N_("epoch"), 0, _BIG),
        _bytes(row.get("key"), N_("key"), KEY_BYTES),
        [hex64(member, N_("member")) for member in members],
        when(row.get("started_at"), N_("start time")),
    )


def circle_post_row(row: Any) -> tuple[str, int, Event, int]:
    """A post's outer event (opened at import, with the epoch's key on this device)."""
    row = _obj(row)
    raw = row.get("event")
    if not isinstance(raw, dict) or len(json.dumps(raw)) > MAX_EVENT_CHARS:
        raise RowRefused(_("its event is not a circle event"))
    try:
        event = Event.from_wire(raw)
    except InvalidEvent:
        raise RowRefused(_("its event is not a circle event")) from None
    return (
        _circle_id(row.get("circle")),
        whole(row.get("epoch"), N_("epoch"), 0, _BIG),
        event,
        when(row.get("received_at"), N_("arrival time")),
    )


def circle_invite_row(row: Any) -> tuple[Any, ...]:
    """An owner's invite: its id must be its secret's hash."""
    row = _obj(row)
    secret = _bytes(row.get("secret"), N_("secret"), SECRET_BYTES)
    if row.get("id") != invite_id(secret):
        raise RowRefused(_("its id is not its secret's"))
    used_by = row.get("used_by")
    return (
        invite_id(secret),
        _circle_id(row.get("circle")),
        secret,
        when(row.get("created_at"), N_("creation time")),
        when(row.get("expires_at"), N_("expiry")),
        maybe_when(row.get("used_at"), N_("use time")),
        None if used_by is None else hex64(used_by, N_("user")),
    )


def circle_report_row(row: Any) -> tuple[Any, ...]:
    """A member's report kept on the owner's device."""
    row = _obj(row)
    return (
        _circle_id(row.get("circle")),
        hex64(row.get("post"), N_("post")),
        hex64(row.get("reporter"), N_("reporter")),
        text(row.get("reason"), N_("reason"), limit=MAX_REASON_CHARS, one_line=True),
        when(row.get("received_at"), N_("arrival time")),
    )


CHECKS = {
    "circles": circle_row,
    "circle_epochs": circle_epoch_row,
    "circle_posts": circle_post_row,
    "circle_invites": circle_invite_row,
    "circle_reports": circle_report_row,
}


@dataclass
class CirclePlan:
    """The circle rows of a file that passed their checks, by section."""

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)


def write_circles(conn: Any, plan: CirclePlan, personas: set[str], took: Any, refuse: Any) -> None:
    """Insert the checked rows inside the import's transaction; nothing here is replaced.

    A circle already on this device keeps its own epochs and keys; the file may
    still add posts that open with them, invites and reports.

    ``took(section, new)`` and ``refuse(section, reason)`` count into the import's report.
    """
    imported: set[str] = set()
    for row in plan.rows.get("circles", []):
        if row[1] not in personas:
            refuse("circles", _("its persona is neither in the file nor on this device"))
            continue
        new = (
            conn.execute(
                "INSERT OR IGNORE INTO circles (id, persona, owner, name, rules, relay, epoch,"
                " state, refusal, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            ).rowcount
            > 0
        )
        if new:
            imported.add(row[0])
        took("circles", new)

    here = {row[0] for row in conn.execute("SELECT id FROM circles")}

    def ours(section: str, circle: str) -> bool:
        if circle in here:
            return True
        refuse(section, _("its circle is neither in the file nor on this device"))
        return False

    for circle, epoch, key, members, started_at in plan.rows.get("circle_epochs", []):
        if circle not in imported:
            if ours("circle_epochs", circle):
                took("circle_epochs", False)  # a circle already here keeps its own keys
            continue
        mailbox = EpochKeys.derive(circle, epoch, key).mailbox_pubkey
        took(
            "circle_epochs",
            conn.execute(
                "INSERT OR IGNORE INTO circle_epochs (circle, epoch, key, mailbox, members,"
                " started_at) VALUES (?, ?, ?, ?, ?, ?)",
                (circle, epoch, key, mailbox, json.dumps(members), started_at),
            ).rowcount
            > 0,
        )
    for circle, epoch, event, received_at in plan.rows.get("circle_posts", []):
        if not ours("circle_posts", circle):
            continue
        found = conn.execute(
            "SELECT key, members FROM circle_epochs WHERE circle = ? AND epoch = ?",
            (circle, epoch),
        ).fetchone()
        try:
            if found is None:
                raise CircleError(_("no key"))
            keys = EpochKeys.derive(circle, epoch, bytes(found[0]))
            post = open_post(event, keys, json.loads(found[1]))
        except CircleError:
            refuse("circle_posts", _("it does not open with its circle's key and author"))
            continue
        took(
            "circle_posts",
            conn.execute(
                "INSERT OR IGNORE INTO circle_posts (id, circle, epoch, author, text, cw,"
                " reply_to, sent_at, received_at, signature, event)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    post.id,
                    circle,
                    epoch,
                    post.author,
                    post.text,
                    post.cw,
                    post.reply_to,
                    post.sent_at,
                    received_at,
                    post.signature,
                    event.to_json(),
                ),
            ).rowcount
            > 0,
        )
    for row in plan.rows.get("circle_invites", []):
        if ours("circle_invites", row[1]):
            took(
                "circle_invites",
                conn.execute(
                    "INSERT OR IGNORE INTO circle_invites (id, circle, secret, created_at,"
                    " expires_at, used_at, used_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    row,
                ).rowcount
                > 0,
            )
    for row in plan.rows.get("circle_reports", []):
        if ours("circle_reports", row[0]):
            took(
                "circle_reports",
                conn.execute(
                    "INSERT OR IGNORE INTO circle_reports (circle, post, reporter, reason,"
                    " received_at) VALUES (?, ?, ?, ?, ?)",
                    row,
                ).rowcount
                > 0,
            )
