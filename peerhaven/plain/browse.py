"""Browse what the relays offer; join (rules read out first) or observe.

Offers are fetched with ``Syncer.browse`` (as ``peerhaven communities`` does) and
read from ``store.communities.listings`` (as the app's Browse does); joining is
``store.communities.join`` then ``accept_rules``, with the same persona choices
(``store.join_persona.persona_choices``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerhaven.core.i18n import _
from peerhaven.plain.feed import read_community, read_rules
from peerhaven.plain.session import Session, others, others_line

if TYPE_CHECKING:
    from peerhaven.store.communities import Listing


def browse(session: Session) -> None:
    """Ask the relays, list the communities, and act on the one chosen."""
    from peerhaven.store.communities import listings

    console = session.console
    console.heading(_("Browse communities."))
    _refresh(session)
    while True:
        found = listings(session.store)
        if not found:
            console.say(_("No communities known yet; Settings at home can add a relay."))
            return
        picked = console.pick([_listing_line(listing) for listing in found])
        if not isinstance(picked, int):
            return
        _community(session, found[picked])


def _refresh(session: Session) -> None:
    from peerhaven.store.relays import relay_urls
    from peerhaven.sync import Syncer, SyncError

    console = session.console
    urls = relay_urls(session.store)
    if not urls:
        return
    console.say(_("Asking your relays what they offer…"))
    with Syncer(session.store, proxy=session.proxy) as syncer:
        for url in urls:
            try:
                syncer.browse(url)
            except SyncError as exc:
                console.say(
                    _("{problem}; showing what was seen last.").format(
                        problem=others_line(str(exc)).rstrip(".")
                    )
                )


def _listing_line(listing: Listing) -> str:
    state = ""
    if listing.joined and listing.observer:
        state = _(" (you observe it)")
    elif listing.joined:
        state = _(" (joined)")
    return _("{name}{state}: {slug}").format(
        name=others_line(listing.name), state=state, slug=listing.slug
    )


def _community(session: Session, listing: Listing) -> None:
    console = session.console
    console.heading(others_line(listing.name))
    if listing.description:
        console.say(others(listing.description))
    for warning in listing.warnings:
        console.announce(others_line(warning))
    options: list[tuple[str, str]] = []
    if listing.joined:
        options.append(("read", _("Read it")))
    if not listing.joined or listing.observer:
        options.append(("join", _("Join it (its rules are read out first)")))
    if not listing.joined:
        options.append(("observe", _("Observe it: read only, publish nothing")))
    options.append(("rules", _("Read its rules")))
    picked = console.choose([words for _key, words in options])
    if not isinstance(picked, int):
        return
    action = options[picked][0]
    if action == "read":
        read_community(session, listing.slug)
    elif action == "rules":
        read_rules(session, listing.rules, listing.name)
    elif action == "join":
        _join(session, listing)
    elif action == "observe":
        _observe(session, listing)


def _join(session: Session, listing: Listing) -> None:
    from peerhaven.store.communities import accept_rules, join
    from peerhaven.store.join_persona import persona_choices

    console = session.console
    if listing.disputed:
        console.say(_("Joining is refused until the relays agree who owns it."))
        return
    if listing.rules:
        read_rules(session, listing.rules, listing.name)
        if not console.confirm(_("Do you accept these rules?")):
            console.say(_("You did not join."))
            return
    choices = persona_choices(session.store)
    chosen = choices[0]
    if len(choices) > 1:
        console.say(_("Join as:"))
        picked = console.choose(
            [_("{words}: {detail}").format(words=c.words, detail=c.detail) for c in choices]
        )
        if not isinstance(picked, int):
            console.say(_("You did not join."))
            return
        chosen = choices[picked]
    member = join(session.store, listing.slug, persona=chosen.pubkey)
    if listing.rules:
        accept_rules(session.store, listing.slug)
    from peerhaven.core.persona import pseudonym

    console.announce(
        _("Joined {name} as {persona}. Sync at home fetches its posts.").format(
            name=others_line(member.name), persona=pseudonym(member.persona)
        )
    )


def _observe(session: Session, listing: Listing) -> None:
    from peerhaven.store.communities import join

    console = session.console
    if listing.rules:
        read_rules(session, listing.rules, listing.name)
    member = join(session.store, listing.slug, observer=True)
    console.announce(
        _(
            "Observing {name}: reading only; nothing is published and no persona is shown. "
            "Sync at home fetches its posts."
        ).format(name=others_line(member.name))
    )
