"""Search posts, messages, circles, the journal and drafts (``store.search.search``); a post
found opens its thread."""

from __future__ import annotations

from peerhaven.core.i18n import _, ngettext
from peerhaven.plain.feed import read_thread
from peerhaven.plain.session import Session, others_line, when


def search(session: Session) -> None:
    """Ask for words, read out what matched, and open a post's thread on request."""
    from peerhaven.store.search import search as find

    console = session.console
    console.heading(_("Search."))
    words = console.ask(_("Words to look for, or Enter to go back:"))
    if not words:
        return
    results = find(session.store, words)
    headings = {
        "post": _("Posts"),
        "message": _("Direct messages"),
        "circle": _("Circle posts"),
        "journal": _("Journal entries"),
        "draft": _("Drafts"),
    }
    posts = results.get("post", [])
    for source, hits in results.items():
        console.say(
            ngettext("{heading}: {count} match.", "{heading}: {count} matches.", len(hits)).format(
                heading=headings[source], count=len(hits)
            )
        )
        if source == "post":
            continue  # read out below, numbered, so one can be opened
        lines = [
            _("{when}: {snippet}").format(
                when=when(hit.created_at),
                snippet=others_line("".join(text for text, _match in hit.segments())),
            )
            for hit in hits
        ]
        console.page(lines)
    if not posts:
        return
    console.say(_("Posts found:"))
    picked = console.pick(
        [
            _("in {community}, {when}: {snippet}").format(
                community=hit.community or "",
                when=when(hit.created_at),
                snippet=others_line("".join(text for text, _match in hit.segments())),
            )
            for hit in posts
        ]
    )
    if isinstance(picked, int):
        read_thread(session, posts[picked].ref)
