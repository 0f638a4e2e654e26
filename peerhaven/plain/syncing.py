"""Sync now: send what waits and fetch what is new (``sync.Syncer``), then say what arrived."""

from __future__ import annotations

from peerhaven.core.i18n import _, ngettext
from peerhaven.plain.session import Session, others_line


def sync(session: Session) -> None:
    """One sync with every relay, each relay's result on its own line, then the news."""
    from peerhaven.store.relays import relay_urls
    from peerhaven.sync import Syncer

    console = session.console
    if not relay_urls(session.store):
        console.say(_("No relays yet; Settings at home can add one."))
        return
    console.say(_("Syncing…"))
    with Syncer(session.store, proxy=session.proxy) as syncer:
        report = syncer.sync(force=True)
    for relay in report.relays:
        if relay.error:
            console.say(
                _("{url}: offline: {error}").format(
                    url=others_line(relay.url), error=others_line(relay.error)
                )
            )
            continue
        console.say(
            _("{url}: sent {sent}, received {received}.").format(
                url=others_line(relay.url), sent=relay.pushed, received=relay.pulled
            )
        )
        if relay.held:
            console.say(
                ngettext(
                    "{count} post held for a moderator's approval.",
                    "{count} posts held for a moderator's approval.",
                    len(relay.held),
                ).format(count=len(relay.held))
            )
    announce_news(session)


def announce_news(session: Session) -> None:
    """Each community with new posts, new activity, new messages and requests, and each
    circle with new posts, each on a line of its own."""
    from peerhaven.plain.messages import news
    from peerhaven.store.activity import unread_activity
    from peerhaven.store.circles import list_circles
    from peerhaven.store.feed import unread_counts
    from peerhaven.store.overview import memberships

    console = session.console
    names = {member.slug: member.name for member in memberships(session.store)}
    for slug, count in unread_counts(session.store).items():
        if count:
            console.announce(
                ngettext("{count} new post in {name}", "{count} new posts in {name}", count).format(
                    count=count, name=others_line(names.get(slug, slug))
                )
            )
    new = unread_activity(session.store)
    if new:
        console.announce(
            ngettext(
                "{count} new thing for you in Activity",
                "{count} new things for you in Activity",
                new,
            ).format(count=new)
        )
    waiting = news(session)
    if waiting:
        console.announce(_("Messages: {news}").format(news=waiting))
    for row in list_circles(session.store):
        if row.unread and row.state == "member":
            console.announce(
                ngettext(
                    "{count} new post in the circle {name}",
                    "{count} new posts in the circle {name}",
                    row.unread,
                ).format(count=row.unread, name=others_line(row.name) or row.short_id)
            )
