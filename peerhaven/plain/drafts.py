"""Drafts: read one back, publish it (through the guard and the crisis offer), or delete it.

The list is ``store.drafts.list_drafts``; where a draft goes is
``store.compose.draft_target``; publishing is plain mode's ``write_post`` with the
draft's words, which ends in ``store.compose.publish_draft`` and erases the draft.
"""

from __future__ import annotations

import textwrap

from peerhaven.core.i18n import _
from peerhaven.plain.compose import read_back, write_post
from peerhaven.plain.session import Session, others_line, when


def drafts(session: Session) -> None:
    """Every draft, most recently edited first; choosing one reads it out."""
    from peerhaven.store.drafts import list_drafts

    console = session.console
    while True:
        console.heading(_("Drafts."))
        found = list_drafts(session.store)
        if not found:
            console.say(_("No drafts. A post kept as a draft waits here."))
            return
        picked = console.pick(
            [
                _("{where}, {when}: {opening}").format(
                    where=draft.community or _("no community yet"),
                    when=when(draft.updated_at),
                    opening=textwrap.shorten(others_line(draft.content), 60, placeholder="…"),
                )
                for draft in found
            ]
        )
        if not isinstance(picked, int):
            return
        _draft(session, found[picked].id)


def _draft(session: Session, draft_id: int) -> None:
    from peerhaven.store.compose import draft_target
    from peerhaven.store.drafts import delete_draft, get_draft
    from peerhaven.store.errors import StoreError

    console = session.console
    draft = get_draft(session.store, draft_id)
    read_back(session, draft.content)
    picked = console.choose([_("Publish it"), _("Delete it")])
    if picked == 0:
        try:
            slug, reply_to = draft_target(session.store, draft)
        except StoreError as exc:
            console.say(str(exc))
            return
        write_post(
            session, slug, reply_to=reply_to, text=draft.content, cw=draft.cw, draft_id=draft.id
        )
    elif picked == 1 and console.confirm(_("Delete this draft for good?")):
        delete_draft(session.store, draft.id)
        console.announce(_("Draft deleted."))
