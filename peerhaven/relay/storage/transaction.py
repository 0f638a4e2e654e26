"""One write transaction: facts fetched in bulk, policy per event, effects in order.

Inserts are batched (``executemany``) and flushed before any effect that may
touch them, so a delete or hide later in the same group sees the rows that
an earlier event of the group inserted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from peerhaven.core.community import parse_definition
from peerhaven.core.event import MAILBOX_KINDS, Event
from peerhaven.relay.held import HELD_KINDS, HELD_REASON, Holds
from peerhaven.relay.policy import Facts, PolicyState, RelayReason, Rules, Target, decide
from peerhaven.relay.storage.base import Cursor, Outcome
from peerhaven.relay.storage.mailbox import DAY

if TYPE_CHECKING:
    from peerhaven.relay.storage.base import Storage


class WriteBatch:
    """One write transaction: facts fetched in bulk, policy per event, effects in order."""

    def __init__(self, store: Storage, cur: Cursor, rules: Rules, now: int) -> None:
        self.store = store
        self.cur = cur
        self.rules = rules
        self.now = now
        self.sql = store._sql
        self.pending: list[tuple[Any, ...]] = []
        self.touched: set[str] = set()
        self.policy_changed = False
        self.purged = False
        self.inserted = 0
        #: mailbox events this transaction stored
        self.mailboxed = 0
        self.holds = Holds(store, cur)
        #: mailbox rows to insert: (id, recipient, expires_at, body)
        self.mailbox_rows: list[tuple[str, str, int, str]] = []
        #: mailbox events per recipient today, as this transaction leaves them
        self.quota: dict[str, int] = {}
        self.quota_touched: set[str] = set()
        #: each persona's current prekey bundle: (created_at, event id)
        self.prekeys: dict[str, tuple[int, str]] = {}

    def _facts(self, events: Sequence[Event]) -> tuple[str, Facts]:
        """The policy version and every fact about the batch's ids, in one round trip.

        On PostgreSQL every round trip of the writer is paid while holding the
        write lock, so five small queries became one.
        """
        ids = [event.id for event in events]
        targets = [
            e.target for e in events if e.target and e.kind in ("delete", "moderate", "edit")
        ]
        mailbox_ids = [e.id for e in events if e.kind in MAILBOX_KINDS]
        recipients = sorted({e.tag("to") or "" for e in events if e.kind in MAILBOX_KINDS})
        bundles = sorted({e.pubkey for e in events if e.kind == "prekeys"})
        none = "CAST(NULL AS TEXT)"
        no = "CAST(NULL AS BIGINT)"
        parts = [
            f"SELECT 'p', value, {none}, {none}, {none}, {no}, {no} FROM meta WHERE key = 'policy'"
        ]
        params: list[Any] = []
        for tag, columns, table, column, values in (
            ("e", f"id, {none}, {none}, {none}, {no}, {no}", "events", "id", ids),
            ("t", f"target, author, {none}, {none}, {no}, {no}", "tombstones", "target", ids),
            ("h", f"target, {none}, {none}, {none}, {no}, {no}", "hidden", "target", ids),
            (
                "x",
                "id, pubkey, community, kind, created_at, public",
                "events",
                "id",
                targets,
            ),
            ("e", f"id, {none}, {none}, {none}, {no}, {no}", "mailbox", "id", mailbox_ids),
            ("e", f"id, {none}, {none}, {none}, {no}, {no}", "mailbox_gone", "id", mailbox_ids),
            (
                "k",
                f"pubkey, event_id, {none}, {none}, created_at, {no}",
                "prekeys",
                "pubkey",
                bundles,
            ),
        ):
            if values:
                condition, values_params = self.store._in(column, values)
                parts.append(f"SELECT '{tag}', {columns} FROM {table} WHERE {condition}")
                params.extend(values_params)
        if recipients:
            condition, values_params = self.store._in("recipient", recipients)
            parts.append(
                f"SELECT 'q', recipient, {none}, {none}, {none}, {no}, count FROM mailbox_quota"
                f" WHERE day = {self.now // DAY} AND {condition}"
            )
            params.extend(values_params)
        self.cur.execute(self.sql(" UNION ALL ".join(parts)), params)
        version = "0"
        facts = Facts()
        self.hidden: set[str] = set()
        for tag, first, second, third, fourth, created, public in self.cur.fetchall():
            if tag == "p":
                version = first
            elif tag == "e":
                facts.existing.add(first)
            elif tag == "t":
                facts.tombstones[first] = second
            elif tag == "h":
                self.hidden.add(first)
            elif tag == "k":
                self.prekeys[first] = (int(created), second)
                if second in ids:
                    facts.existing.add(second)
            elif tag == "q":
                self.quota[first] = int(public)
            else:
                facts.targets[first] = Target(second, third, fourth, int(created), bool(public))
        return version, facts

    def run(self, events: Sequence[Event]) -> list[Outcome]:
        version, facts = self._facts(events)
        state = self.store._policy(self.cur, version)
        outcomes: list[Outcome] = []
        for event in events:
            if event.id in facts.existing:
                held = event.kind in HELD_KINDS and self.holds.is_held(event.id)
                outcomes.append(Outcome(event.id, "duplicate", HELD_REASON if held else None))
                continue
            reason = decide(event, state, facts, self.rules, self.now)
            if reason is None and event.kind in MAILBOX_KINDS:
                reason = self._deliver(event, facts)
                if reason is None:
                    outcomes.append(Outcome(event.id, "accepted"))
                    continue
            elif reason is None and event.kind == "prekeys":
                reason = self._replace_prekeys(event, facts)
                if reason is None:
                    outcomes.append(Outcome(event.id, "accepted"))
                    continue
            if reason is not None:
                outcomes.append(Outcome(event.id, "rejected", reason.value))
                continue
            held = self._accept(event, state, facts)
            outcomes.append(Outcome(event.id, "accepted", HELD_REASON if held else None))
        rows, self.pending = self.pending, []
        self.inserted += len(rows)
        self.store._insert_and_bump(self.cur, rows, self.touched)
        if self.policy_changed:
            self.store._bump_policy(self.cur)
        if self.mailbox_rows:
            self._store_mailbox()
        return outcomes

    def _deliver(self, event: Event, facts: Facts) -> RelayReason | None:
        """Queue a mailbox event for its recipient, within the recipient's daily limit.

        Nothing about the event enters ``events`` or any feed: it is stored for its
        ``to`` key alone and purged at its ``expires`` time, capped by the relay's
        retention (protocol section 15).
        """
        recipient = event.tag("to") or ""
        received = self.quota.get(recipient, 0)
        if received >= self.rules.mailbox_per_recipient:
            return RelayReason.RATE_LIMITED
        self.quota[recipient] = received + 1
        self.quota_touched.add(recipient)
        facts.existing.add(event.id)
        latest = self.now + self.rules.mailbox_retention
        expires = min(event.expires_at or latest, latest)
        self.mailbox_rows.append((event.id, recipient, expires, event.to_json()))
        return None

    def _store_mailbox(self) -> None:
        """Insert the transaction's mailbox events, count them, and wake their streams."""
        self.cur.executemany(
            self.sql(
                "INSERT INTO mailbox (id, recipient, expires_at, body) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING"
            ),
            self.mailbox_rows,
        )
        day = self.now // DAY
        self.cur.executemany(
            self.sql(
                "INSERT INTO mailbox_quota (recipient, day, count) VALUES (?, ?, ?)"
                " ON CONFLICT (recipient, day) DO UPDATE SET count = excluded.count"
            ),
            [(key, day, self.quota[key]) for key in sorted(self.quota_touched)],
        )
        self.store._notify_mailboxes(self.cur, sorted({row[1] for row in self.mailbox_rows}))
        self.mailboxed = len(self.mailbox_rows)
        self.mailbox_rows = []

    def _replace_prekeys(self, event: Event, facts: Facts) -> RelayReason | None:
        """Keep a persona's newest bundle only; its one-time ids start unclaimed."""
        current = self.prekeys.get(event.pubkey)
        if current is not None and (event.created_at, event.id) <= current:
            return RelayReason.OUTDATED
        self.cur.execute(
            self.sql(
                "INSERT INTO prekeys (pubkey, created_at, event_id, body, claimed)"
                " VALUES (?, ?, ?, ?, '[]') ON CONFLICT (pubkey) DO UPDATE SET"
                " created_at = excluded.created_at, event_id = excluded.event_id,"
                " body = excluded.body, claimed = '[]'"
            ),
            (event.pubkey, event.created_at, event.id, event.to_json()),
        )
        self.prekeys[event.pubkey] = (event.created_at, event.id)
        facts.existing.add(event.id)
        return None

    def _accept(self, event: Event, state: PolicyState, facts: Facts) -> bool:
        """Queue the row and apply the event's effects; whether it is held for approval."""
        facts.existing.add(event.id)
        self.touched.add(event.community)
        held = self.holds.should_hold(event, state)
        facts.targets[event.id] = Target(
            event.pubkey, event.community, event.kind, event.created_at, not held
        )
        self.pending.append(
            (
                event.id,
                event.pubkey,
                event.kind,
                event.community,
                event.created_at,
                _storable_time(event.expires_at),
                0 if event.kind == "report" or held else 1,
                1 if event.id in self.hidden else 0,
                event.to_json(),
            )
        )
        if event.kind == "community":
            self._define(event, state)
        elif event.kind == "delete":
            self._delete(event, facts)
        elif event.kind == "moderate":
            self._moderate(event, state)
            known = facts.targets.get(event.target or "")
            if event.content == "restore" and known is not None and not known.public:
                # a post approved in this batch may be edited later in it
                facts.targets[event.target or ""] = replace(known, public=True)
        return held

    def _flush(self) -> None:
        if self.pending:
            self.inserted += len(self.pending)
            self.store._insert_events(self.cur, self.pending)
            self.pending = []

    def _define(self, event: Event, state: PolicyState) -> None:
        definition = parse_definition(event)
        self.holds.on_definition(state.communities.get(event.community), definition)
        self.cur.execute(
            self.sql(
                "INSERT INTO communities (slug, owner, created_at, event_id, body)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET"
                " owner = excluded.owner, created_at = excluded.created_at,"
                " event_id = excluded.event_id, body = excluded.body"
            ),
            (event.community, event.pubkey, event.created_at, event.id, event.to_json()),
        )
        state.communities[event.community] = definition
        self.policy_changed = True

    def _delete(self, event: Event, facts: Facts) -> None:
        target = event.target or ""
        self._flush()
        known = facts.targets.pop(target, None)
        if known is not None:
            self.cur.execute(self.sql("DELETE FROM events WHERE id = ?"), (target,))
            self.purged = True
            facts.existing.discard(target)
            self.touched.add(known.community)
            if known.kind in HELD_KINDS:
                self.holds.forget(target)
        self.cur.execute(
            self.sql(
                "INSERT INTO tombstones (target, author, deletion) VALUES (?, ?, ?)"
                " ON CONFLICT (target) DO NOTHING"
            ),
            (target, event.pubkey, event.id),
        )
        facts.tombstones.setdefault(target, event.pubkey)

    def _moderate(self, event: Event, state: PolicyState) -> None:
        target = event.target or ""
        action = event.content
        self._flush()
        if action == "ban":
            self.cur.execute(
                self.sql(
                    "INSERT INTO bans (community, pubkey) VALUES (?, ?) ON CONFLICT DO NOTHING"
                ),
                (event.community, target),
            )
            state.bans.add((event.community, target))
            self.policy_changed = True
            if self.holds.purge_author(event.community, target):
                self.purged = True
        elif action == "unban":
            self.cur.execute(
                self.sql("DELETE FROM bans WHERE community = ? AND pubkey = ?"),
                (event.community, target),
            )
            state.bans.discard((event.community, target))
            self.policy_changed = True
        elif action == "hide":
            self.cur.execute(
                self.sql(
                    "INSERT INTO hidden (target, community) VALUES (?, ?)"
                    " ON CONFLICT (target) DO NOTHING"
                ),
                (target, event.community),
            )
            self.cur.execute(
                self.sql("UPDATE events SET hidden = 1 WHERE id = ? AND community = ?"),
                (target, event.community),
            )
            self.hidden.add(target)
            if self.holds.decline(target, event.community):
                self.purged = True
        elif action == "restore":
            self.cur.execute(
                self.sql("DELETE FROM hidden WHERE target = ? AND community = ?"),
                (target, event.community),
            )
            self.cur.execute(
                self.sql("UPDATE events SET hidden = 0 WHERE id = ? AND community = ?"),
                (target, event.community),
            )
            self.hidden.discard(target)
            self.holds.release(target, event.community, state)


#: beyond any real date, and inside a signed 64-bit column on every backend
FOREVER = 2**62


def _storable_time(value: int | None) -> int | None:
    """An ``expires`` value the store can hold: signed tags may carry any number of digits."""
    return None if value is None else min(value, FOREVER)
