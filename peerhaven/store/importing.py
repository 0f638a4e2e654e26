"""Importing an export file: everything checked first, then one transaction.

The file may have been written by anyone, so nothing in it is taken on trust:
events and community definitions must carry a valid id and signature, every
other row must meet ``store.import_checks``, and a community whose owner is
already pinned here is never redefined by another key (an import is not a way
round trust on first use). Checking happens before the store is touched;
writing happens in one transaction, so a failure at any point leaves the store
exactly as it was. A row that breaks a rule is refused and counted with its
reason, and the report says so: nothing is dropped silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from peerhaven.core.batch import Flat, Verifier
from peerhaven.core.community import parse_definition
from peerhaven.core.errors import InvalidEvent, Reason
from peerhaven.core.event import Event
from peerhaven.core.i18n import N_, _
from peerhaven.core.validate import validate
from peerhaven.store.circle_import import CHECKS as CIRCLE_CHECKS
from peerhaven.store.circle_import import SECTIONS as CIRCLE_SECTIONS
from peerhaven.store.circle_import import CirclePlan, write_circles
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.dm_import_checks import (
    dm_conversation_row,
    dm_message_row,
    dm_prekeys_row,
)
from peerhaven.store.errors import ExportError
from peerhaven.store.events import IngestReport, store_rows
from peerhaven.store.export import is_sealed, unseal
from peerhaven.store.import_checks import (
    RowRefused,
    block_row,
    community_relay_row,
    draft_row,
    journal_row,
    membership_row,
    mute_row,
    persona_row,
    relay_url,
    setting_row,
)
from peerhaven.store.moderation import newer_definition, pinned

#: the sections of an export's data, in the order they are written (personas
#: before what refers to them, communities before memberships)
SECTIONS = (
    "personas",
    "journal",
    "drafts",
    "settings",
    "relays",
    "communities",
    "community_relays",
    "memberships",
    "blocks",
    "mutes",
    "events",
    "dm_prekeys",
    "dm_conversations",
    "dm_messages",
    *CIRCLE_SECTIONS,
)
#: an event refused by verification, in words
EVENT_REASONS = {
    Reason.MALFORMED.value: N_("it is not a well-formed event"),
    Reason.BAD_HEX.value: N_("its id, key or signature is not hex of the right length"),
    Reason.WRONG_ID.value: N_("its id does not match its content"),
    Reason.BAD_SIGNATURE.value: N_("its signature does not verify"),
    Reason.CONTENT_TOO_LARGE.value: N_("its text is larger than events may be"),
    Reason.BAD_SLUG.value: N_("its community name is not valid"),
    Reason.UNKNOWN_KIND.value: N_("its kind is not known"),
    Reason.MALFORMED_TAGS.value: N_("its tags are malformed"),
    Reason.BAD_CONTENT.value: N_("its content is not valid for its kind"),
    Reason.CLOCK_SKEW.value: N_("it is dated in the future"),
    Reason.INSUFFICIENT_POW.value: N_("it lacks the required proof of work"),
    "not-owner": N_("it redefines a community whose owner you trusted is another key"),
}
NOT_YOURS = N_("it is not signed by one of your personas")
IMPOSTOR = N_(
    "it is signed by a different key than the owner you trusted before, "
    "so the community keeps its owner"
)

Row = TypeVar("Row")


@dataclass
class ImportReport:
    """What an import took, what it already had, and what it refused and why, per section."""

    added: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)
    refused: dict[str, Counter[str]] = field(default_factory=dict)

    def total(self) -> int:
        """Everything added."""
        return sum(self.added.values())

    def refused_total(self) -> int:
        """Everything refused."""
        return sum(sum(reasons.values()) for reasons in self.refused.values())

    def refuse(self, section: str, reason: str, count: int = 1) -> None:
        """Count one refused row of ``section``; ``reason`` is a clause marked ``N_`` (or
        already translated), read out in the member's language."""
        self.refused.setdefault(section, Counter())[_(reason)] += count

    def took(self, section: str, new: bool) -> None:
        """Count one row as added or as already here."""
        target = self.added if new else self.present
        target[section] = target.get(section, 0) + 1


@dataclass
class _Plan:
    """Every row that passed its checks, ready to insert."""

    personas: list[tuple[str, bytes, str, int, bool]] = field(default_factory=list)
    journal: list[tuple[Any, ...]] = field(default_factory=list)
    drafts: list[tuple[Any, ...]] = field(default_factory=list)
    settings: list[tuple[str, str]] = field(default_factory=list)
    relays: list[str] = field(default_factory=list)
    communities: list[Event] = field(default_factory=list)
    community_relays: list[tuple[str, str]] = field(default_factory=list)
    memberships: list[tuple[Any, ...]] = field(default_factory=list)
    blocks: list[tuple[Any, ...]] = field(default_factory=list)
    mutes: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[Flat] = field(default_factory=list)
    dm_prekeys: list[tuple[Any, ...]] = field(default_factory=list)
    dm_conversations: list[tuple[Any, ...]] = field(default_factory=list)
    dm_messages: list[tuple[Any, ...]] = field(default_factory=list)
    circles: CirclePlan = field(default_factory=CirclePlan)


def import_data(
    store: Store, document: dict[str, Any], passphrase: str | None = None
) -> ImportReport:
    """Merge an export into this store; importing the same file twice adds nothing twice.

    Raises ``ExportError`` (store unchanged) when the file as a whole cannot be
    read; otherwise returns what was taken and what was refused.
    """
    if is_sealed(document):
        if passphrase is None:
            raise ExportError(_("This export is encrypted; give its passphrase."))
        payload = unseal(document, passphrase)
    else:
        payload = document
    data = payload.get("data")
    if not isinstance(data, dict):
        raise ExportError(_("This export file is damaged: it has no data section."))
    for name in SECTIONS:
        expected = dict if name == "settings" else list
        if name in data and not isinstance(data[name], expected):
            kind = "an object" if expected is dict else "a list"
            raise ExportError(
                _(
                    "This export file is damaged: its {name} section is not {kind}; nothing was "
                    "imported."
                ).format(name=name, kind=kind)
            )
    report = ImportReport()
    plan = _check(data, report)
    with store.transaction() as conn:
        _write(store, conn, plan, report)
    return report


def _rows(
    data: dict[str, Any], name: str, check: Callable[[Any], Row], report: ImportReport
) -> list[Row]:
    rows = []
    for raw in data.get(name, []):
        try:
            rows.append(check(raw))
        except RowRefused as exc:
            report.refuse(name, str(exc))
    return rows


def _check(data: dict[str, Any], report: ImportReport) -> _Plan:
    """Everything that can be decided without the store: types, ranges, signatures."""
    plan = _Plan(
        personas=_rows(data, "personas", persona_row, report),
        journal=_rows(data, "journal", journal_row, report),
        drafts=_rows(data, "drafts", draft_row, report),
        relays=_rows(data, "relays", relay_url, report),
        community_relays=_rows(data, "community_relays", community_relay_row, report),
        memberships=_rows(data, "memberships", membership_row, report),
        blocks=_rows(data, "blocks", block_row, report),
        mutes=_rows(data, "mutes", mute_row, report),
        dm_prekeys=_rows(data, "dm_prekeys", dm_prekeys_row, report),
        dm_conversations=_rows(data, "dm_conversations", dm_conversation_row, report),
        dm_messages=_rows(data, "dm_messages", dm_message_row, report),
    )
    for name, check in CIRCLE_CHECKS.items():
        plan.circles.rows[name] = _rows(data, name, check, report)
    for key, value in data.get("settings", {}).items():
        try:
            plan.settings.append(setting_row(key, value))
        except RowRefused as exc:
            report.refuse("settings", str(exc))
    for raw in data.get("communities", []):
        try:
            event = Event.from_wire(raw)
            validate(event)
            if event.kind != "community":
                raise InvalidEvent(Reason.UNKNOWN_KIND, "Not a community definition.")
            parse_definition(event)
        except InvalidEvent as exc:
            report.refuse("communities", EVENT_REASONS.get(exc.reason.value, N_("it is invalid")))
            continue
        plan.communities.append(event)
    events = data.get("events", [])
    if events:
        with Verifier(processes=True) as verifier:
            verdicts = verifier.submit(events).result()
        for verdict in verdicts:
            if isinstance(verdict, str):
                report.refuse("events", EVENT_REASONS.get(verdict, N_("it is invalid")))
            else:
                plan.events.append(verdict)
    return plan


def _write(store: Store, conn: Any, plan: _Plan, report: ImportReport) -> None:
    """Insert what passed, inside the caller's transaction; nothing here overwrites."""

    def insert(section: str, sql: str, rows: list[Any]) -> None:
        for row in rows:
            report.took(section, conn.execute(sql, row).rowcount > 0)

    # one default persona: this device's if it has one, else the first the file marks
    has_default = conn.execute("SELECT 1 FROM personas WHERE is_default = 1").fetchone() is not None
    for pubkey, secret, label, created_at, wants_default in plan.personas:
        make_default = wants_default and not has_default
        new = (
            conn.execute(
                "INSERT OR IGNORE INTO personas (pubkey, secret, label, created_at, is_default)"
                " VALUES (?, ?, ?, ?, ?)",
                (pubkey, secret, label, created_at, int(make_default)),
            ).rowcount
            > 0
        )
        has_default = has_default or (make_default and new)
        report.took("personas", new)
    insert(
        "journal",
        "INSERT OR IGNORE INTO journal (uid, created_at, mood, content, tags)"
        " VALUES (?, ?, ?, ?, ?)",
        plan.journal,
    )
    insert(
        "drafts",
        "INSERT OR IGNORE INTO drafts"
        " (uid, community, reply_to, cw, content, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        plan.drafts,
    )
    insert("settings", "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", plan.settings)
    when = now()
    insert(
        "relays",
        "INSERT OR IGNORE INTO relays (url, added_at) VALUES (?, ?)",
        [(url, when) for url in plan.relays],
    )
    for event in sorted(plan.communities, key=lambda e: (e.created_at, e.id)):
        _write_definition(conn, event, report)
    insert(
        "community_relays",
        "INSERT OR IGNORE INTO community_relays (slug, relay_url) VALUES (?, ?)",
        plan.community_relays,
    )
    personas = {row[0] for row in conn.execute("SELECT pubkey FROM personas")}
    for row in plan.memberships:
        slug, persona = row[0], row[1]
        if persona not in personas:
            report.refuse(
                "memberships", N_("its persona is neither in the file nor on this device")
            )
        elif pinned(conn, slug) is None:
            report.refuse(
                "memberships",
                N_("its community's definition is neither in the file nor on this device"),
            )
        else:
            report.took(
                "memberships",
                conn.execute(
                    "INSERT OR IGNORE INTO memberships (slug, persona, joined_at, observer,"
                    " rules_accepted_at, keep_offline, keep_days) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    row,
                ).rowcount
                > 0,
            )
    insert(
        "blocks",
        "INSERT OR IGNORE INTO blocks (pubkey, created_at, note) VALUES (?, ?, ?)",
        plan.blocks,
    )
    insert(
        "mutes",
        "INSERT OR IGNORE INTO mutes (kind, value, until, created_at) VALUES (?, ?, ?, ?)",
        plan.mutes,
    )
    own = [row for row in plan.events if row[1] in personas]
    if len(own) < len(plan.events):
        report.refuse("events", NOT_YOURS, len(plan.events) - len(own))
    if own:
        ingested = store_rows(store, own, IngestReport())
        report.added["events"] = ingested.accepted
        report.present["events"] = ingested.duplicates
        for reason, count in ingested.rejected.items():
            report.refuse("events", EVENT_REASONS.get(reason, N_("it is invalid")), count)
    _write_direct_messages(conn, plan, report, personas)
    write_circles(conn, plan.circles, personas, report.took, report.refuse)


def _write_direct_messages(
    conn: Any, plan: _Plan, report: ImportReport, personas: set[str]
) -> None:
    """Prekeys, conversations and messages of known personas; what is here is never replaced.

    A conversation already on this device keeps its own ratchet state (two copies
    would fork); a message is taken only into a conversation on this device.
    """
    for row in plan.dm_prekeys:
        if row[0] not in personas:
            report.refuse("dm_prekeys", N_("its persona is neither in the file nor on this device"))
            continue
        report.took(
            "dm_prekeys",
            conn.execute(
                "INSERT OR IGNORE INTO dm_prekeys (persona, secrets, spk_expires, otpk_first,"
                " otpk_count, made_at, bundle) VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            ).rowcount
            > 0,
        )
    for row in plan.dm_conversations:
        if row[0] not in personas:
            report.refuse(
                "dm_conversations", N_("its persona is neither in the file nor on this device")
            )
            continue
        report.took(
            "dm_conversations",
            conn.execute(
                "INSERT OR IGNORE INTO dm_conversations (persona, peer, state, status,"
                " community, seen, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            ).rowcount
            > 0,
        )
    for row in plan.dm_messages:
        if not conn.execute(
            "SELECT 1 FROM dm_conversations WHERE persona = ? AND peer = ?", (row[1], row[2])
        ).fetchone():
            report.refuse(
                "dm_messages", N_("its conversation is neither in the file nor on this device")
            )
            continue
        report.took(
            "dm_messages",
            conn.execute(
                "INSERT OR IGNORE INTO dm_messages (event_id, persona, peer, outgoing, text, cw,"
                " community, sent_at, position, received_at, read, seen_at, evidence)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            ).rowcount
            > 0,
        )


def _write_definition(conn: Any, event: Event, report: ImportReport) -> None:
    """Pin an unknown community; update a pinned one only from its owner, only if newer."""
    pin = pinned(conn, event.community)
    definition = parse_definition(event)
    if pin is None:
        conn.execute(
            "INSERT INTO communities (slug, owner, name, description, definition, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                event.community,
                event.pubkey,
                definition.name,
                definition.description,
                event.to_json(),
                event.created_at,
            ),
        )
        report.took("communities", True)
    elif pin[0] != event.pubkey:
        report.refuse("communities", IMPOSTOR)
    else:
        report.took("communities", newer_definition(conn, event, definition))
