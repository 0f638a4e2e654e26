"""Reading a community and its threads, and what a member does to a post.

A feed is read as numbered threads, newest activity first, a page at a time
(``store.feed.feed_page``); a thread is read post by post in the order written,
replies saying whom they answer (``store.feed.thread``). A post under a content
warning is announced by its label and opened only when the member asks. Reacting,
replying, withdrawing, reporting, muting and blocking call the store's use cases
and send at once, as the app does.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from peerhaven.core.event import REACTIONS
from peerhaven.core.i18n import _, ngettext
from peerhaven.plain.compose import write_post
from peerhaven.plain.console import Key, choice_prompt, parse_choice
from peerhaven.plain.session import Session, others, others_line, when

if TYPE_CHECKING:
    from peerhaven.store.feed import Post, ThreadSummary


def reaction_words(kind: str) -> str:
    """A reaction's name as read out: "me too", "sending support"."""
    return {
        "me-too": _("me too"),
        "been-there": _("been there"),
        "sending-support": _("sending support"),
        "thank-you": _("thank you"),
    }.get(kind, kind)


def read_community(session: Session, slug: str) -> None:
    """A community's feed: its header, then threads to open, a page at a time."""
    from peerhaven.store.feed import OUT_OF_SIGHT, feed_info, feed_page, mark_read

    console, store = session.console, session.store
    info = feed_info(store, slug)
    console.heading(_("{name}, community {slug}.").format(name=others_line(info.name), slug=slug))
    if info.observer:
        console.say(_("You are reading only: nothing of yours is published here."))
    else:
        console.say(_("You post here as {persona}.").format(persona=info.pseudonym))
    page = feed_page(store, slug, limit=console.page_size)
    threads: list[ThreadSummary] = list(page.threads)
    after = page.next
    read: dict[str, int] = {}
    if not threads:
        console.say(_("{why}.").format(why=OUT_OF_SIGHT) if page.stored else _("Nothing here yet."))
    try:
        while True:
            keys = [Key("n", _("write a new post")), Key("r", _("read the rules"))]
            if after is not None:
                keys.insert(0, Key("m", _("more threads")))
            console.say(
                ngettext("{count} thread:", "{count} threads:", len(threads)).format(
                    count=len(threads)
                )
            )
            picked = console.choose([_thread_line(summary) for summary in threads], keys=keys)
            if picked == "b":
                return
            if picked == "m" and after is not None:
                more = feed_page(store, slug, limit=console.page_size, after=after)
                threads.extend(more.threads)
                after = more.next
                continue
            if picked == "n":
                write_post(session, slug)
            elif picked == "r":
                read_rules(session, info.rules, info.name)
                continue
            elif isinstance(picked, int):
                root = threads[picked].post.id
                read[root] = read_thread(session, root)
            # what was written or read since changes the list: read it again, as far as before
            page = feed_page(
                store, slug, limit=max(len(threads), console.page_size), read_threads=read
            )
            threads, after = list(page.threads), page.next
    finally:
        mark_read(store, slug, upto=page.latest or None)


def read_rules(session: Session, rules: tuple[str, ...], name: str) -> None:
    """A community's rules, numbered, each on its own lines."""
    console = session.console
    if not rules:
        console.say(_("{name} has no written rules.").format(name=others_line(name)))
        return
    console.say(_("The rules of {name}:").format(name=others_line(name)))
    lines: list[str] = []
    for number, rule in enumerate(rules, 1):
        lines.append(_("Rule {number}: {rule}").format(number=number, rule=others(rule)))
    console.page(lines)


def _thread_line(summary: ThreadSummary) -> str:
    post = summary.post
    parts = [_("by {author}").format(author=others_line(post.author)), when(summary.last_activity)]
    if summary.replies:
        parts.append(
            ngettext("{count} reply", "{count} replies", summary.replies).format(
                count=summary.replies
            )
        )
    if summary.unread_replies:
        new = summary.unread_replies
        parts.append(ngettext("{count} new", "{count} new", new).format(count=new))
    elif post.unread:
        parts.append(_("new"))
    return _("{opening} ({details})").format(opening=_opening(post), details=", ".join(parts))


def _opening(post: Post) -> str:
    """How a post begins, or why it is folded (never the words under a warning)."""
    if post.deleted:
        return _("withdrawn by its author")
    if post.fold:
        return _("folded: {why}").format(why=others_line(post.fold).rstrip("."))
    return textwrap.shorten(others_line(post.content), 70, placeholder="…")


def _flatten(post: Post, into: list[Post]) -> list[Post]:
    into.append(post)
    for reply in post.replies:
        _flatten(reply, into)
    return into


def read_thread(session: Session, root_id: str) -> int:
    """A thread read post by post; choosing a post opens what can be done with it.

    Returns the newest rowid seen, so the feed can count the thread read.
    """
    from peerhaven.store.feed import thread

    console = session.console
    while True:
        root = thread(session.store, root_id)
        posts = _flatten(root, [])
        console.heading(
            ngettext("A thread of {count} post.", "A thread of {count} posts.", len(posts)).format(
                count=len(posts)
            )
        )
        lines: list[str] = []
        for number, post in enumerate(posts, 1):
            lines.extend(_post_lines(post, number))
        if not console.page(lines):
            console.say(_("Stopped reading."))
        picked = _thread_prompt(session, len(posts))
        if picked == "b":
            return max(post.rowid for post in posts)
        if picked == "r":
            write_post(session, root.community, reply_to=root.id)
        elif isinstance(picked, int):
            post_actions(session, posts[picked])


def _thread_prompt(session: Session, count: int) -> int | str:
    """Which post to act on (by number), r to reply to the first, b to go back."""
    console = session.console
    console.say(_("Type a post's number to open it, reply, react, report or more."))
    console.say(_("r: reply to the first post"))
    console.say(_("b: go back"))
    while True:
        answer = console.ask(choice_prompt(count, ["r", "b"]))
        picked = parse_choice(answer, count, ["r", "b"])
        if picked is not None:
            return picked
        console.say(_("That is not one of the choices."))


def _post_lines(post: Post, number: int) -> list[str]:
    """One post as lines: who, when, to whom, then its words (or its warning)."""
    head = [_("Post {number}, by {author}").format(number=number, author=others_line(post.author))]
    if post.mine:
        head.append(_("you"))
    head.append(when(post.created_at))
    if post.to:
        head.append(_("replying to {who}").format(who=others_line(post.to)))
    if post.edited_at is not None:
        head.append(_("edited"))
    if post.unread:
        head.append(_("new"))
    if post.delivery:
        head.append(others_line(post.delivery))
    lines = [", ".join(head) + "."]
    if post.deleted:
        lines.append(_("Withdrawn by its author."))
    elif post.fold:
        lines.append(
            _("Folded: {why}. Type {number} to choose whether to open it.").format(
                why=others_line(post.fold).rstrip("."), number=number
            )
        )
    else:
        if post.content_warnings:
            lines.append(_("Content warning: {labels}.").format(labels=_labels(post)))
        lines.extend(others(post.content).splitlines() or [""])
    if post.reactions:
        lines.append(
            _("Reactions: {reactions}.").format(
                reactions=", ".join(
                    _("{reaction} {count}").format(reaction=reaction_words(kind), count=count)
                    for kind, count in sorted(post.reactions.items())
                )
            )
        )
    return lines


def _labels(post: Post) -> str:
    return ", ".join(others_line(label) for label in post.content_warnings)


def post_actions(session: Session, post: Post) -> None:
    """One post: open its warning on request, then reply, react, withdraw, report, mute."""
    console = session.console
    if post.fold and not post.deleted:
        console.say(_("This post is folded: {why}.").format(why=others_line(post.fold).rstrip(".")))
        if console.confirm(_("Open it?")):
            if post.content_warnings:
                console.say(_("Content warning: {labels}.").format(labels=_labels(post)))
            console.page(others(post.content).splitlines() or [""])
    choices: list[tuple[str, str]] = []
    if not post.deleted:
        choices.append(("reply", _("Reply to it")))
        choices.append(("react", _("React to it")))
    if post.mine and not post.deleted:
        choices.append(("withdraw", _("Withdraw it")))
    if not post.mine:
        choices.append(("report", _("Report it to the moderators")))
        choices.append(("mute", _("Mute its author")))
        choices.append(("block", _("Block its author")))
        if not post.deleted:
            choices.append(("write", _("Write privately to its author")))
    choices.append(("mute-thread", _("Mute this thread")))
    picked = console.choose([words for _key, words in choices])
    if not isinstance(picked, int):
        return
    action = choices[picked][0]
    if action == "reply":
        write_post(session, post.community, reply_to=post.id)
    elif action == "react":
        _react(session, post)
    elif action == "withdraw":
        _withdraw(session, post)
    elif action == "report":
        _report(session, post)
    elif action == "write":
        from peerhaven.plain.messages import write_to_author

        write_to_author(session, post.community, post.pubkey)
    elif action in ("mute", "block", "mute-thread"):
        _filter(session, post, action)


def _react(session: Session, post: Post) -> None:
    from peerhaven.store.publish import publish_reaction

    console = session.console
    picked = console.choose([reaction_words(kind) for kind in REACTIONS])
    if not isinstance(picked, int):
        return
    event = publish_reaction(session.store, post.id, REACTIONS[picked])
    outcome = session.send(event)
    console.announce(
        _("Reacted “{reaction}”. {outcome}")
        .format(reaction=reaction_words(REACTIONS[picked]), outcome=outcome)
        .strip()
    )


def _withdraw(session: Session, post: Post) -> None:
    from peerhaven.store.publish import publish_delete

    console = session.console
    if not console.confirm(_("Withdraw this post for everyone?")):
        console.say(_("Nothing was withdrawn."))
        return
    event = publish_delete(session.store, post.id)
    outcome = session.send(event)
    console.announce(
        _("Withdrawn here; relays erase it when they receive the withdrawal. {outcome}")
        .format(outcome=outcome)
        .strip()
    )
    console.say(
        _("Members who already synced it keep their copy until their device syncs the withdrawal.")
    )


def _report(session: Session, post: Post) -> None:
    from peerhaven.store.reports import publish_report

    console = session.console
    reason = console.ask(_("Why are you reporting it? Only the moderators can read this:"))
    if not reason:
        console.say(_("Nothing was reported."))
        return
    event = publish_report(session.store, post.id, reason)
    outcome = session.send(event)
    console.announce(
        _("Reported to the moderators of {slug}; only they can read why. {outcome}")
        .format(slug=event.community, outcome=outcome)
        .strip()
    )


def _filter(session: Session, post: Post, action: str) -> None:
    from peerhaven.store.filter_prefs import block, mute

    console = session.console
    author = others_line(post.author)
    if action == "block":
        if not console.confirm(
            _("Block {author}? Everything they write is hidden on this device.").format(
                author=author
            )
        ):
            return
        block(session.store, post.pubkey)
        console.announce(_("Blocked {author}; Settings at home can lift it.").format(author=author))
        return
    if action == "mute":
        mute(session.store, "persona", post.pubkey)
        console.announce(_("Muted {author}.").format(author=author))
        return
    mute(session.store, "thread", post.root or post.id)
    console.announce(_("Muted this thread; its new replies stay out of sight."))
