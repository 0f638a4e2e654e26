"""Activity: what concerns the member, for every persona this device owns, newest first.

Replies to your posts and to your replies, reactions to your posts (which
reaction, never who), moderators' hides and restores of your posts with their
public reason, and your held posts approved or declined. Nothing is copied at
ingest: every item is an event already in ``events``, found from this device's
own posts (``events_author``) through the indexes a thread and a reaction count
already use (``events_root``, ``reactions_target``, ``events_target``), and
judged by the same rule as the feed (``store.visibility``), so muted, blocked
and hidden content never appears here either.

Each kind is one ``Source``: a function from the member's posts to items. A
later kind (direct messages) is one more function in ``SOURCES``.

Read state survives events arriving in any order: ``activity_mark`` is a rowid
(the order events reached this device), so "mark all read" covers exactly what
had arrived; items read one by one above it are kept by id in ``activity_seen``.
A reply signed an hour ago that arrives now has a new rowid, so it is new.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from peerhaven.core.event import REACTIONS
from peerhaven.core.i18n import _
from peerhaven.core.persona import pseudonym
from peerhaven.safety.filters import Action, EventView
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.edits import newest_edits
from peerhaven.store.held import HELD_STATUSES
from peerhaven.store.moderation import HIDDEN, pinned
from peerhaven.store.settings import get_setting
from peerhaven.store.visibility import VISIBLE_SQL, Sight, sight, visible_roots, warnings_in

#: the kinds of item, as the CLI's ``--json`` names them
REPLY = "reply"
REACTION = "reaction"
MODERATION = "moderation"
HELD = "held"
KINDS = (REPLY, REACTION, MODERATION, HELD)

#: ids go in chunks below SQLite's bound-parameter limit
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Item:
    """One thing that concerns the member."""

    #: the event this item is (a reply, a reaction, a moderation action)
    id: str
    kind: str
    community: str
    #: the pseudonym of this device's persona it concerns
    persona: str
    created_at: int
    #: the order it reached this device (what read marks compare)
    rowid: int
    #: your post it is about
    target: str
    #: where opening the item goes: the reply itself, else your post
    opens: str
    #: who replied (a pseudonym); None for reactions and moderators' actions
    author: str | None
    #: a reply's words, a reaction's name, or a moderator's public reason ("" if none)
    text: str
    #: for moderation: hide or restore; for held: approved or declined; else ""
    action: str
    unread: bool


@dataclass(frozen=True, slots=True)
class Mine:
    """This device's posts and replies, by id: whose they are, where, and their thread."""

    persona: dict[str, str]
    community: dict[str, str]
    root: dict[str, str]
    #: the posts a reader can see (not hidden by moderators, thread not muted)
    visible: frozenset[str]
    #: the first posts of their threads that the reader can see
    roots_in_sight: frozenset[str]


Source = Callable[[Store, Sight, Mine, int], list[Item]]


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _mine(store: Store, seen: Sight) -> Mine:
    persona: dict[str, str] = {}
    community: dict[str, str] = {}
    root: dict[str, str] = {}
    hidden: set[str] = set()
    for eid, pubkey, slug, top, flags in store.execute(
        "SELECT e.id, e.pubkey, e.community, coalesce(e.root, e.id), e.hidden FROM personas p"
        " JOIN events e ON e.pubkey = p.pubkey AND e.kind = 'post'"
    ):
        persona[eid] = str(pubkey)
        community[eid] = str(slug)
        root[eid] = str(top)
        if int(flags) & HIDDEN:
            hidden.add(eid)
    shown_roots = visible_roots(store, seen, set(root.values()))
    visible = frozenset(e for e in persona if e not in hidden and root[e] in shown_roots)
    return Mine(persona, community, root, visible, frozenset(shown_roots))


def _replies(store: Store, seen: Sight, mine: Mine, since: int) -> list[Item]:
    """Replies by others whose parent is one of your posts, as the feed would show them."""
    roots = sorted(set(mine.root.values()))
    rows: list[tuple[object, ...]] = []
    for chunk in _chunks(roots):
        params: dict[str, object] = {f"r{i}": root for i, root in enumerate(chunk)}
        params.update(now=seen.at, since=since)
        names = ",".join(f":r{i}" for i in range(len(chunk)))
        rows.extend(
            tuple(row)
            for row in store.execute(
                "SELECT e.id, e.pubkey, e.content, e.tags, e.community, e.root, e.hidden,"
                " e.parent, e.created_at, e.rowid FROM events e"
                f" WHERE e.root IN ({names}) AND e.kind = 'post' AND e.deleted = 0"
                f" AND e.rowid > :since AND {VISIBLE_SQL}"
                " AND e.pubkey NOT IN (SELECT pubkey FROM personas)",
                params,
            )
            if row[7] in mine.persona
        )
    edits = newest_edits(store, [str(row[0]) for row in rows])
    found = []
    for eid, pubkey, content, tags, slug, root, _kind, parent, created, rowid in rows:
        edit = edits.get(str(eid))
        words = edit.text if edit else str(content)
        view = EventView(
            id=str(eid),
            author=str(pubkey),
            content=words,
            community=str(slug),
            cw=edit.content_warnings if edit else warnings_in(str(tags)),
            root=str(root),
            parent_author=mine.persona[str(parent)],
        )
        # as in the feed: a reply is out of sight when its thread's first post is
        if str(root) not in mine.roots_in_sight:
            continue
        if seen.verdict(view).action is Action.HIDE:
            continue
        found.append(
            Item(
                id=str(eid),
                kind=REPLY,
                community=str(slug),
                persona=pseudonym(mine.persona[str(parent)]),
                created_at=int(str(created)),
                rowid=int(str(rowid)),
                target=str(parent),
                opens=str(eid),
                author=pseudonym(str(pubkey)),
                text=words,
                action="",
                unread=False,
            )
        )
    return found


def _reactions(store: Store, seen: Sight, mine: Mine, since: int) -> list[Item]:
    """Reactions by others to your posts in sight (withdrawn ones are gone from ``reactions``)."""
    targets = sorted(mine.visible)
    found = []
    for chunk in _chunks(targets):
        params: dict[str, object] = {f"t{i}": target for i, target in enumerate(chunk)}
        params.update(now=seen.at, since=since)
        names = ",".join(f":t{i}" for i in range(len(chunk)))
        for eid, target, reaction, created, rowid in store.execute(
            "SELECT r.event_id, r.target, r.reaction, r.created_at, e.rowid"
            " FROM reactions r JOIN events e ON e.id = r.event_id"
            f" WHERE r.target IN ({names}) AND e.rowid > :since AND {VISIBLE_SQL}"
            " AND e.pubkey NOT IN (SELECT pubkey FROM personas)",
            params,
        ):
            if reaction not in REACTIONS:
                continue
            found.append(
                Item(
                    id=str(eid),
                    kind=REACTION,
                    community=mine.community[str(target)],
                    persona=pseudonym(mine.persona[str(target)]),
                    created_at=int(created),
                    rowid=int(rowid),
                    target=str(target),
                    opens=str(target),
                    author=None,
                    text=str(reaction),
                    action="",
                    unread=False,
                )
            )
    return found


def _moderation(store: Store, _seen: Sight, mine: Mine, since: int) -> list[Item]:
    """Moderators' hides and restores of your posts, and held posts approved or declined.

    Only actions by the pinned owner or a moderator it named count (as in
    ``store.moderation``). A restore of a post that was never hidden before is
    the approval of a held post; a hide of a post a relay still holds for
    approval is its refusal. The reader's filters do not apply: a moderator's decision
    about your own post is never muted away from you.
    """
    targets = sorted(mine.persona)
    rows: list[tuple[object, ...]] = []
    for chunk in _chunks(targets):
        marks = ",".join("?" * len(chunk))
        rows.extend(
            tuple(row)
            for row in store.execute(
                "SELECT id, pubkey, content, target, tags, created_at, rowid, community"
                f" FROM events WHERE target IN ({marks}) AND kind = 'moderate' AND deleted = 0",
                list(chunk),
            )
        )
    rows.sort(key=lambda row: (int(str(row[5])), str(row[0])))
    held = _held(store, targets)
    hidden_before: set[str] = set()
    teams: dict[str, frozenset[str]] = {}
    found = []
    for eid, actor, action, target, tags, created, rowid, slug in rows:
        target, slug = str(target), str(slug)
        if slug not in teams:
            pin = pinned(store.conn, slug)
            teams[slug] = frozenset({pin[0], *pin[1]}) if pin else frozenset()
        if str(actor) not in teams[slug] or action not in ("hide", "restore"):
            continue
        kind, shown = MODERATION, str(action)
        if action == "restore" and target not in hidden_before:
            kind, shown = HELD, "approved"
        elif action == "hide" and target in held:
            kind, shown = HELD, "declined"
        if action == "hide":
            hidden_before.add(target)
        if int(str(rowid)) <= since:
            continue
        reason = next((t[1] for t in json.loads(str(tags)) if t[0] == "reason" and len(t) > 1), "")
        found.append(
            Item(
                id=str(eid),
                kind=kind,
                community=slug,
                persona=pseudonym(mine.persona[target]),
                created_at=int(str(created)),
                rowid=int(str(rowid)),
                target=target,
                opens=target,
                author=None,
                text=str(reason),
                action=shown,
                unread=False,
            )
        )
    return found


def _held(store: Store, post_ids: Sequence[str]) -> set[str]:
    """Which of these posts a relay answered "held for approval"."""
    found: set[str] = set()
    statuses = ",".join("?" * len(HELD_STATUSES))
    for chunk in _chunks(post_ids):
        marks = ",".join("?" * len(chunk))
        found.update(
            str(row[0])
            for row in store.execute(
                f"SELECT event_id FROM outbox_delivery WHERE event_id IN ({marks})"
                f" AND status IN ({statuses})",
                (*chunk, *HELD_STATUSES),
            )
        )
    return found


#: every kind of activity, each computed on its own (a later kind is one more here)
SOURCES: tuple[Source, ...] = (_replies, _reactions, _moderation)


def read_mark(store: Store) -> int:
    """The rowid up to which everything counts as read."""
    row = store.execute("SELECT last_rowid FROM activity_mark WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def _seen_ids(store: Store, since: int) -> set[str]:
    rows = store.execute("SELECT item_id FROM activity_seen WHERE item_rowid > ?", (since,))
    return {str(row[0]) for row in rows}


def _gather(store: Store, since: int) -> list[Item]:
    seen = sight(store)
    mine = _mine(store, seen)
    if not mine.persona:
        return []
    items = [item for source in SOURCES for item in source(store, seen, mine, since)]
    items.sort(key=lambda item: (item.created_at, item.rowid), reverse=True)
    return items


def activity(store: Store, *, unread_only: bool = False, limit: int | None = None) -> list[Item]:
    """What concerns the member, newest first (by when it was written), each marked unread
    or not; ``unread_only`` leaves out what was read."""
    mark = read_mark(store)
    read = _seen_ids(store, mark)
    items = _gather(store, mark if unread_only else 0)
    marked = [replace(item, unread=item.rowid > mark and item.id not in read) for item in items]
    if unread_only:
        marked = [item for item in marked if item.unread]
    return marked[:limit] if limit is not None else marked


def unread_activity(store: Store) -> int:
    """How many items are unread: only what arrived after the read mark is looked at."""
    mark = read_mark(store)
    read = _seen_ids(store, mark)
    return sum(1 for item in _gather(store, mark) if item.id not in read)


def latest_rowid(store: Store) -> int:
    """The newest event stored (a mark to set once the member has seen the list)."""
    return int(store.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0])


def mark_all_read(store: Store, *, upto: int | None = None) -> None:
    """Everything that had arrived (up to ``upto``, a ``latest_rowid`` taken when the list
    was shown) counts as read; what arrived since stays new. The mark never moves back."""
    mark = latest_rowid(store) if upto is None else upto
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO activity_mark (id, last_rowid, updated_at) VALUES (1, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET last_rowid = max(last_rowid, excluded.last_rowid),"
            " updated_at = excluded.updated_at",
            (mark, now()),
        )
        # single reads under the mark say nothing more
        conn.execute(
            "DELETE FROM activity_seen WHERE item_rowid <= (SELECT last_rowid FROM activity_mark)"
        )


def mark_read(store: Store, items: Iterable[Item]) -> None:
    """These items count as read (opening one in the app, for instance)."""
    mark = read_mark(store)
    rows = [(item.id, item.rowid, now()) for item in items if item.rowid > mark]
    if not rows:
        return
    with store.transaction() as conn:
        conn.executemany(
            "INSERT OR IGNORE INTO activity_seen (item_id, item_rowid, seen_at) VALUES (?, ?, ?)",
            rows,
        )


def headline(item: Item) -> str:
    """What happened, in the words the CLI and the app both show (the reply's words or the
    moderator's reason are shown apart, as others' words)."""
    where = f"in {item.community}"
    if item.kind == REPLY:
        return _("{author} replied to you {where}").format(author=item.author, where=where)
    if item.kind == REACTION:
        return _("Someone reacted “{reaction}” to your post {where}").format(
            reaction=item.text.replace("-", " "), where=where
        )
    if item.kind == HELD:
        if item.action == "approved":
            return _("Your held post {where} was approved and published").format(where=where)
        return _("Your held post {where} was declined").format(where=where)
    verb = "hid" if item.action == "hide" else "restored"
    return _("A moderator {verb} your post {where}").format(verb=verb, where=where)


def words(item: Item) -> str:
    """Others' words that go with an item: a reply's text or a moderator's public reason."""
    return "" if item.kind == REACTION else item.text


def quiet_at(span: str | None, moment: dt.time) -> bool:
    """Whether ``moment`` falls in quiet hours (``HH:MM-HH:MM``, which may pass midnight)."""
    if not span:
        return False
    start, end = (dt.time.fromisoformat(part) for part in span.split("-"))
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def rings(store: Store, *, before: int, after: int, moment: dt.time) -> bool:
    """Whether new activity (the unread count rose from ``before`` to ``after``) rings the
    bell: only when the member turned ``activity_bell`` on, and never in quiet hours."""
    if after <= before or not get_setting(store, "activity_bell"):
        return False
    return not quiet_at(get_setting(store, "quiet_hours"), moment)
