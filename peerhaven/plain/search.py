"""Search posts, messages, circles, the journal and drafts (``store.search.search``); a post
found opens its thread, a message its conversation, a circle post its circle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerhaven.core.i18n import _, ngettext
from peerhaven.core.persona import pseudonym
from peerhaven.plain.feed import read_thread
from peerhaven.plain.session import Session, others_line, when

if TYPE_CHECKING:
    from peerhaven.store.search import SearchHit, Source


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
        if source in OPENED:
            continue  # read out below, numbered, so one can be opened
        lines = [
            _("{when}: {snippet}").format(
                when=when(hit.created_at),
                snippet=others_line("".join(text for text, _match in hit.segments())),
            )
            for hit in hits
        ]
        console.page(lines)
    found = [hit for source in OPENED for hit in results.get(source, [])]
    if not found:
        return
    console.say(_("Posts found:") if len(found) == len(posts) else _("Found; choose one to open:"))
    picked = console.pick([_found_line(hit) for hit in found])
    if isinstance(picked, int):
        _open(session, found[picked])


#: what a found item opens: a post its thread, a message its conversation, a circle post its circle
OPENED: tuple[Source, ...] = ("post", "message", "circle")


def _found_line(hit: SearchHit) -> str:
    snippet = others_line("".join(text for text, _match in hit.segments()))
    if hit.source == "message":
        return _("a message with {peer}, {when}: {snippet}").format(
            peer=pseudonym(hit.peer or ""), when=when(hit.created_at), snippet=snippet
        )
    if hit.source == "circle":
        return _("a circle post, {when}: {snippet}").format(
            when=when(hit.created_at), snippet=snippet
        )
    return _("in {community}, {when}: {snippet}").format(
        community=hit.community or "", when=when(hit.created_at), snippet=snippet
    )


def _open(session: Session, hit: SearchHit) -> None:
    if hit.source == "message":
        from peerhaven.plain.messages import conversation
        from peerhaven.store.dm import message

        found = message(session.store, int(hit.ref))
        conversation(session, found.persona, found.peer)
    elif hit.source == "circle" and hit.circle:
        from peerhaven.plain.circles import read_circle

        read_circle(session, hit.circle)
    else:
        read_thread(session, hit.ref)
