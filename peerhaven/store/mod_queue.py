"""The moderators' queue: open reports grouped by the post they are about.

Reports arrive sealed (``store.reports``); this module opens them, groups them
per reported post and decides which still need someone: a report is handled
once an authorised ``moderate`` event acts on its post or its author after the
report arrived, or once a moderator dismissed it here. Dismissals stay on this
device: they are a note to yourself, not a moderation action, so no event is
signed and no relay or member learns of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from peerhaven.core.dm.franking import DirectMessage
from peerhaven.core.i18n import N_, _
from peerhaven.core.persona import pseudonym
from peerhaven.store.clock import now
from peerhaven.store.communities import membership
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.events import get_event
from peerhaven.store.moderation import pinned
from peerhaven.store.reports import OpenReport, open_reports

Role = Literal["owner", "moderator"]
#: an authorised action as the moderation table keeps it: (action, actor, created_at)
Action = tuple[str, str, int]

#: what each action did, as the queue and the log say it
ACTION_WORDS = {
    "hide": N_("hid"),
    "restore": N_("restored"),
    "ban": N_("banned"),
    "unban": N_("lifted the ban on"),
}


@dataclass(frozen=True, slots=True)
class Moderator:
    """The persona this device moderates a community with, and in which role."""

    pubkey: str
    role: Role
    #: the pinned owner, whom no one can ban
    owner: str

    @property
    def pseudonym(self) -> str:
        """The name members see."""
        return pseudonym(self.pubkey)


@dataclass(frozen=True, slots=True)
class QueuedReport:
    """One report in the queue: who flagged the post, why, and when."""

    id: str
    reporter: str
    reason: str
    created_at: int
    handled: bool
    dismissed: bool


@dataclass(frozen=True, slots=True)
class QueueItem:
    """A reported post with every report about it, newest report first."""

    target: str
    community: str
    #: the post's author (empty when the post never reached this device)
    author: str
    content: str
    cw: tuple[str, ...]
    #: False when the post is not on this device or its author withdrew it
    present: bool
    hidden: bool
    banned: bool
    reports: tuple[QueuedReport, ...]
    #: "" while something is still open; otherwise what handled it, in words
    outcome: str
    #: the report is of a direct message (shown with its proof checked, never public)
    direct: bool = False

    @property
    def author_name(self) -> str:
        """The author's pseudonym, or a plain phrase when the post is not here."""
        return pseudonym(self.author) if self.author else _("an author not on this device")

    @property
    def waiting(self) -> tuple[QueuedReport, ...]:
        """The reports nobody has acted on or dismissed yet."""
        return tuple(r for r in self.reports if not r.handled)

    @property
    def handled(self) -> bool:
        """True once every report about the post is handled."""
        return not self.waiting

    @property
    def newest(self) -> int:
        """When the most recent report was made."""
        return max(r.created_at for r in self.reports)


def moderating_persona(store: Store, slug: str) -> Moderator | None:
    """The persona this device moderates ``slug`` with, or ``None`` if it does not moderate.

    Only the persona you joined with can sign for you there, so that persona must
    be the pinned owner or one of the moderators the owner named.
    """
    member = membership(store, slug)
    pin = pinned(store.conn, slug)
    if pin is None or member.observer:
        return None
    owner, moderators = pin
    if member.persona == owner:
        return Moderator(member.persona, "owner", owner)
    if member.persona in moderators:
        return Moderator(member.persona, "moderator", owner)
    return None


def not_a_moderator_sentence(store: Store, slug: str) -> str:
    """Why this device has no queue for ``slug``, in one sentence."""
    member = membership(store, slug)
    who = pseudonym(member.persona)
    if member.observer:
        return _(
            "You are observing {slug} as {who}; only its owner and the moderators the owner "
            "named see its reports, and they act as joined members."
        ).format(slug=slug, who=who)
    return _(
        "Only the owner and the moderators of {slug} see its reports, and your persona "
        "there, {who}, is not one of them. The moderation log is open to every member."
    ).format(slug=slug, who=who)


def _dismissed(store: Store, slug: str) -> set[str]:
    rows = store.execute("SELECT report_id FROM report_dismissals WHERE slug = ?", (slug,))
    return {row[0] for row in rows}


def _arrivals(store: Store, ids: Iterable[str]) -> dict[str, int]:
    """When each report reached this device (a reporter's clock may run ahead)."""
    wanted = list(ids)
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    rows = store.execute(f"SELECT id, received_at FROM events WHERE id IN ({marks})", wanted)
    return {eid: int(at) for eid, at in rows}


def _latest_action(store: Store, slug: str, target: str) -> Action | None:
    """The newest authorised action on an event id or a pubkey: (action, actor, time)."""
    row = store.execute(
        "SELECT action, actor, created_at FROM moderation WHERE slug = ? AND target = ?",
        (slug, target),
    ).fetchone()
    return (str(row[0]), str(row[1]), int(row[2])) if row else None


def _outcome(on_post: Action | None, on_author: Action | None, since: int) -> str:
    """What handled a post's reports: the newest action after they arrived, else dismissal."""
    acts = [(a, _("the post")) for a in (on_post,) if a is not None and a[2] >= since]
    acts += [(a, _("the author")) for a in (on_author,) if a is not None and a[2] >= since]
    if not acts:
        return _("dismissed on this device")
    (verb, actor, _unused), what = max(acts, key=lambda pair: pair[0][2])
    return _("{action} {what}, by {actor}").format(
        action=_(ACTION_WORDS.get(verb, verb)), what=what, actor=pseudonym(actor)
    )


def _private_cw(message: DirectMessage) -> tuple[str, ...]:
    return (message.cw,) if message.cw else ()


def mod_queue(store: Store, slug: str, *, include_handled: bool = False) -> list[QueueItem]:
    """Reports sealed to this device's personas in ``slug``, grouped by reported post.

    Items with an open report come first, newest report first; handled items are
    left out unless ``include_handled``.
    """
    opened = open_reports(store, slug)
    dismissed = _dismissed(store, slug)
    arrived = _arrivals(store, (r.id for r in opened))
    grouped: dict[str, list[OpenReport]] = {}
    for report in opened:
        grouped.setdefault(report.target, []).append(report)
    items = []
    for target, reports in grouped.items():
        event = get_event(store, target)
        author = event.pubkey if event is not None else ""
        private = next((r.message for r in reports if r.message is not None), None)
        if private is not None:
            author = private.sender
        on_post = _latest_action(store, slug, target)
        on_author = _latest_action(store, slug, author) if author else None
        flags = store.execute(
            "SELECT hidden, deleted FROM events WHERE id = ?", (target,)
        ).fetchone()  # fmt: skip
        hidden_bits, deleted = (int(flags[0]), int(flags[1])) if flags else (0, 1)
        queued = []
        earliest = None
        for report in reports:
            since = min(report.created_at, arrived.get(report.id, report.created_at))
            earliest = since if earliest is None else min(earliest, since)
            acted = any(a is not None and a[2] >= since for a in (on_post, on_author))
            queued.append(
                QueuedReport(
                    id=report.id,
                    reporter=report.reporter,
                    reason=report.reason,
                    created_at=report.created_at,
                    handled=acted or report.id in dismissed,
                    dismissed=report.id in dismissed,
                )
            )
        queued.sort(key=lambda r: (r.created_at, r.id), reverse=True)
        outcome = ""
        if all(r.handled for r in queued):
            outcome = _outcome(on_post, on_author, earliest or 0)
        item = QueueItem(
            target=target,
            community=slug,
            author=author,
            content=private.text if private else event.content if event is not None else "",
            cw=_private_cw(private) if private else tuple(event.tag_values("cw")) if event else (),
            present=private is not None or (event is not None and not deleted),
            hidden=bool(hidden_bits & 1),
            banned=bool(hidden_bits & 2),
            reports=tuple(queued),
            outcome=outcome,
            direct=private is not None,
        )
        if include_handled or not item.handled:
            items.append(item)
    items.sort(key=lambda i: (i.handled, -i.newest, i.target))
    return items


def dismiss_reports(store: Store, report_ids: Iterable[str]) -> int:
    """Set reports aside without acting (on this device only); returns how many were new.

    Each id must be a report this device holds; dismissing one twice is harmless.
    """
    ids = list(dict.fromkeys(report_ids))
    if not ids:
        raise BadInput(_("Say which report to dismiss."))
    marks = ",".join("?" * len(ids))
    rows = dict(
        store.execute(
            f"SELECT id, community FROM events WHERE kind = 'report' AND id IN ({marks})", ids
        ).fetchall()
    )
    missing = [eid for eid in ids if eid not in rows]
    if missing:
        raise NotFound(
            _("There is no report {missing} on this device.").format(missing=missing[0][:12])
        )
    at = now()
    with store.transaction() as conn:
        return sum(
            conn.execute(
                "INSERT OR IGNORE INTO report_dismissals (report_id, slug, dismissed_at)"
                " VALUES (?, ?, ?)",
                (eid, rows[eid], at),
            ).rowcount
            for eid in ids
        )


def dismiss_report(store: Store, report_id: str) -> bool:
    """Dismiss one report; False when it was already dismissed."""
    return dismiss_reports(store, [report_id]) == 1
