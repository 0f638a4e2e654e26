"""The moderation log in words, page by page, for every member to read.

``store.moderation.moderation_log`` gives the authorised actions as data; this
module says each one as a sentence ("hid a post by quiet-heron-42 — 3 days ago,
by moderator calm-otter-7") for the app and the CLI alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from peerhaven.core.i18n import _
from peerhaven.core.persona import pseudonym
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput
from peerhaven.store.moderation import moderation_log, pinned
from peerhaven.store.relays import ago

PAGE = 50


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One authorised moderation action and the facts its sentence needs."""

    event_id: str
    action: str
    target: str
    actor: str
    role: Literal["owner", "moderator"]
    created_at: int
    reason: str
    #: the author of a hidden or restored post, when the post is on this device
    post_author: str

    def what(self) -> str:
        """The action and whom it touched: "hid a post by quiet-heron-42"."""
        if self.action in ("ban", "unban"):
            verb = _("banned") if self.action == "ban" else _("lifted the ban on")
            return f"{verb} {pseudonym(self.target)}"
        verb = "hid" if self.action == "hide" else "restored"
        if self.post_author:
            return _("{verb} a post by {pseudonym}").format(
                verb=verb, pseudonym=pseudonym(self.post_author)
            )
        return _("{verb} a post that is not on this device").format(verb=verb)

    def by(self) -> str:
        """Who did it, with the role the community's owner gave them."""
        return f"by {'the owner' if self.role == 'owner' else 'moderator'} {pseudonym(self.actor)}"

    def sentence(self, at: int) -> str:
        """The whole entry in words, with its age as of ``at``."""
        return f"{self.what()} — {ago(at - self.created_at)}, {self.by()}"


@dataclass(frozen=True, slots=True)
class LogPage:
    """Up to a page of entries, newest first, and whether older ones remain."""

    entries: tuple[LogEntry, ...]
    offset: int
    more: bool


def log_page(store: Store, slug: str, *, offset: int = 0, limit: int = PAGE) -> LogPage:
    """One page of the moderation log of ``slug``, newest first."""
    if offset < 0 or limit < 1:
        raise BadInput(_("A page of the moderation log starts at 0 and holds at least one entry."))
    pin = pinned(store.conn, slug)
    owner = pin[0] if pin else ""
    rows = moderation_log(store.conn, slug, limit=limit + 1, offset=offset)
    posts = [r["target"] for r in rows if r["action"] in ("hide", "restore")]
    authors: dict[str, str] = {}
    if posts:
        marks = ",".join("?" * len(posts))
        authors = dict(
            store.execute(f"SELECT id, pubkey FROM events WHERE id IN ({marks})", posts).fetchall()
        )
    entries = tuple(
        LogEntry(
            event_id=row["event_id"],
            action=row["action"],
            target=row["target"],
            actor=row["actor"],
            role="owner" if row["actor"] == owner else "moderator",
            created_at=int(row["created_at"]),
            reason=row["reason"],
            post_author=authors.get(row["target"], ""),
        )
        for row in rows[:limit]
    )
    return LogPage(entries=entries, offset=offset, more=len(rows) > limit)
