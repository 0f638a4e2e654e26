"""Activity: what concerns the member (replies, reactions, moderators' decisions), newest first.

The words are ``store.activity.headline`` (the CLI's and the app's); choosing an
item marks it read and opens its thread.
"""

from __future__ import annotations

from peerhaven.core.i18n import _
from peerhaven.plain.console import Key
from peerhaven.plain.feed import read_thread
from peerhaven.plain.session import Session, others_line, when


def activity(session: Session) -> None:
    """Every item, new ones marked; choosing one reads its thread, ``a`` marks all read."""
    from peerhaven.store.activity import activity as items_for
    from peerhaven.store.activity import headline, latest_rowid, mark_all_read, mark_read, words

    console = session.console
    console.heading(_("Activity."))
    items = items_for(session.store, limit=200)
    if not items:
        console.say(_("Nothing concerns you yet."))
        return
    lines = []
    for item in items:
        new = _("new: ") if item.unread else ""
        said = words(item)
        quoted = _(": {words}").format(words=others_line(said)) if said else ""
        lines.append(
            _("{new}{headline}, {when}{quoted}").format(
                new=new,
                headline=others_line(headline(item)),
                when=when(item.created_at),
                quoted=quoted,
            )
        )
    upto = latest_rowid(session.store)
    picked = console.pick(lines, keys=[Key("a", _("mark everything read"))])
    if picked == "a":
        mark_all_read(session.store, upto=upto)
        console.announce(_("Everything here is marked read."))
    elif isinstance(picked, int):
        mark_read(session.store, [items[picked]])
        read_thread(session, items[picked].opens)
