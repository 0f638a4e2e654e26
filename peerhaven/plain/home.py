"""Home: who you are, what is new, and the numbered places.

The places are data (``places(session)``): each a label and the function that runs
it, so a new place is one entry here. Messages' label says what waits there
("Messages: 2 new messages from 1 person; 1 request"), read again each time home is.
"""

from __future__ import annotations

from collections.abc import Callable

from peerhaven.core.errors import PeerHavenError
from peerhaven.core.i18n import _, ngettext
from peerhaven.core.inert import inert_line
from peerhaven.core.sentences import sentence
from peerhaven.plain.activity import activity
from peerhaven.plain.browse import browse
from peerhaven.plain.circles import circles
from peerhaven.plain.console import Key
from peerhaven.plain.drafts import drafts
from peerhaven.plain.feed import read_community
from peerhaven.plain.journal import journal
from peerhaven.plain.messages import home_label, messages_place
from peerhaven.plain.search import search
from peerhaven.plain.session import Session, others_line
from peerhaven.plain.settings import settings
from peerhaven.plain.syncing import announce_news, sync


class Lock(Exception):
    """The member asked to lock: the session closes the store and asks for the passphrase."""


def communities(session: Session) -> None:
    """The communities joined here; choosing one reads it."""
    from peerhaven.store.feed import unread_counts
    from peerhaven.store.overview import memberships

    console = session.console
    console.heading(_("Your communities."))
    joined = memberships(session.store)
    if not joined:
        console.say(_("You have joined no community yet; Browse finds one."))
        return
    unread = unread_counts(session.store)
    options = []
    for member in joined:
        state = _(", reading only") if member.observer else ""
        new = unread.get(member.slug, 0)
        count = ngettext(", {count} new", ", {count} new", new).format(count=new) if new else ""
        options.append(
            _("{name}{state}{count}").format(
                name=others_line(member.name), state=state, count=count
            )
        )
    picked = console.pick(options)
    if isinstance(picked, int):
        read_community(session, joined[picked].slug)


def crisis_lines(session: Session) -> None:
    """The crisis lines, as ``!`` reads them anywhere."""
    session.console.crisis()


def places(session: Session) -> tuple[tuple[str, Callable[[Session], None]], ...]:
    """Home's places in the order read out: (label, place)."""
    return (
        (_("Your communities"), communities),
        (home_label(session), messages_place),
        (_("Circles: small closed groups"), circles),
        (_("Browse communities: join or observe"), browse),
        (_("Activity: replies, reactions and moderators' decisions about you"), activity),
        (_("Journal"), journal),
        (_("Drafts"), drafts),
        (_("Search"), search),
        (_("Sync now"), sync),
        (_("Settings: relays, lock time, language"), settings),
        (_("Crisis lines: someone to talk to now"), crisis_lines),
    )


def home(session: Session) -> None:
    """Home, again and again, until the member quits (q) or locks (l)."""
    from peerhaven.store.overview import overview

    console = session.console
    first = True
    while True:
        summary = overview(session.store)
        console.heading(_("Home."))
        if first:
            if summary.persona_pseudonym:
                console.say(_("You are {persona}.").format(persona=summary.persona_pseudonym))
            announce_news(session)
            if summary.outbox:
                console.announce(
                    ngettext(
                        "{count} thing waits to be sent.",
                        "{count} things wait to be sent.",
                        summary.outbox,
                    ).format(count=summary.outbox)
                )
            first = False
        shown = places(session)
        picked = console.choose(
            [label for label, _place in shown],
            keys=[Key("l", _("lock")), Key("q", _("quit"))],
            back=False,
        )
        if picked == "q":
            return
        if picked == "l":
            raise Lock
        if isinstance(picked, int):
            try:
                shown[picked][1](session)
            except PeerHavenError as exc:
                # one sentence, as the CLI says it; others' words in it are made inert
                console.say(inert_line(sentence(str(exc))))
