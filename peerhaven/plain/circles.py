"""Private circles in plain mode: the list, a circle's posts, writing, members, invites.

The same use cases as ``peerhaven circle`` and the app's circle screens:
``store.circles`` reads (list, members, posts, marking read) and
``store.circle_actions`` acts (start, invite, join, post, report, remove, leave);
what an action queued leaves at once through ``sync.circle_mailbox.send_queued``,
and the member hears what the relays answered. Words pass the oversharing guard
and the crisis offer first (``plain.compose.check_words``). An invite code is read
out once, on a line of its own, with how to pass it on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerhaven.core.errors import PeerHavenError
from peerhaven.core.i18n import _, ngettext
from peerhaven.core.inert import inert_line
from peerhaven.core.sentences import sentence
from peerhaven.plain.compose import ask_words, check_words
from peerhaven.plain.console import Key, choice_prompt, parse_choice
from peerhaven.plain.session import Session, others, others_line, when

if TYPE_CHECKING:
    from peerhaven.store.circles import CirclePostView, CircleRow


def _sent(session: Session) -> str:
    """Send what a circle action queued, now; the relays' answer in words."""
    from peerhaven.sync.circle_mailbox import send_queued

    return send_queued(session.store, session.proxy).sentence()


def _name(row: CircleRow) -> str:
    return others_line(row.name) or row.short_id


def circles(session: Session) -> None:
    """The circles on this device; choosing one reads it; j joins with a code; s starts one."""
    from peerhaven.store.circles import list_circles

    console = session.console
    while True:
        rows = list_circles(session.store)
        console.heading(_("Circles: small closed groups; only their members can read them."))
        if not rows:
            console.say(_("No circles yet."))
        picked = console.pick(
            [circle_line(row) for row in rows],
            keys=[Key("j", _("join a circle with an invite code")), Key("s", _("start a circle"))],
        )
        if picked == "b":
            return
        try:
            if picked == "j":
                _join(session)
            elif picked == "s":
                _start(session)
            elif isinstance(picked, int):
                read_circle(session, rows[picked].id)
        except PeerHavenError as exc:
            console.say(inert_line(sentence(str(exc))))


def circle_line(row: CircleRow) -> str:
    """Its name, how many members, how many new posts, and its state."""
    from peerhaven.store.circle_actions import members_sentence

    parts = [members_sentence(row.members)]
    if row.unread:
        parts.append(ngettext("{count} new", "{count} new", row.unread).format(count=row.unread))
    return _("{name} ({details}). {state}").format(
        name=_name(row), details=", ".join(parts), state=row.state_words()
    )


def _join(session: Session) -> None:
    from peerhaven.store.circle_actions import join_circle

    console = session.console
    code = console.ask(_("The invite code the circle's owner gave you, or Enter to go back:"))
    if not code:
        return
    join_circle(session.store, code)
    console.say(_("Sending…"))
    outcome = _sent(session)
    console.announce(
        _(
            "Your request to join is on its way; the circle opens once the owner's device "
            "answers (on its next sync)."
        )
    )
    console.say(outcome)


def _start(session: Session) -> None:
    from peerhaven.store.circle_actions import create_circle

    console = session.console
    name = console.ask(_("The circle's name, or Enter to go back:"))
    if not name:
        return
    rules = console.write_text(_("Its rules, or nothing."))
    row = create_circle(session.store, name, rules=rules)
    console.announce(
        _("{circle} is started; you own it. Open it to invite someone.").format(circle=_name(row))
    )


def read_circle(session: Session, circle: str) -> None:
    """A circle's state, rules and posts in order; then write, reply, members, invite, leave."""
    from peerhaven.store.circles import circle_posts, get_circle, mark_circle_read

    console, store = session.console, session.store
    while True:
        row = get_circle(store, circle)
        posts = circle_posts(store, row.id)
        mark_circle_read(store, row.id)
        console.heading(_("{name}, a circle.").format(name=_name(row)))
        console.say(row.state_words())
        if row.rules:
            console.say(_("Its rules:"))
            console.page(others(row.rules).splitlines())
        numbers = {post.id: number for number, post in enumerate(posts, 1)}
        lines: list[str] = []
        for number, post in enumerate(posts, 1):
            lines.extend(post_lines(post, number, numbers))
        if not posts:
            console.say(_("No posts yet on this device; Sync now at home fetches new ones."))
        elif not console.page(lines):
            console.say(_("Stopped reading."))
        picked = _circle_prompt(session, row, len(posts))
        if picked == "b":
            return
        try:
            if picked == "n":
                write_circle_post(session, row.id)
            elif picked == "m":
                _members(session, row)
            elif picked == "i":
                _invite(session, row)
            elif picked == "x":
                _remove(session, row)
            elif picked == "l":
                if _leave(session, row):
                    return
            elif isinstance(picked, int):
                _post_actions(session, row, posts[picked])
        except PeerHavenError as exc:
            console.say(inert_line(sentence(str(exc))))


def post_lines(post: CirclePostView, number: int, numbers: dict[str, int]) -> list[str]:
    """One circle post: who, when, which post it answers, then its words or its fold."""
    head = [
        _("Post {number}, by {author}").format(number=number, author=post.author_pseudonym),
        when(post.sent_at),
    ]
    if post.mine:
        head.append(_("you"))
    if post.reply_to:
        answered = numbers.get(post.reply_to)
        head.append(
            _("replying to post {number}").format(number=answered)
            if answered
            else _("replying to a post not on this device")
        )
    lines = [", ".join(head) + "."]
    if post.cw:
        lines.append(
            _(
                "Folded: content warning “{label}”. Type {number} to choose whether to open it."
            ).format(label=others_line(post.cw), number=number)
        )
    else:
        lines.extend(others(post.text).splitlines() or [""])
    return lines


def _circle_prompt(session: Session, row: CircleRow, count: int) -> int | str:
    console = session.console
    letters: list[str] = []
    if count:
        console.say(_("Type a post's number to open it, reply or report it."))
    if row.state == "member":
        console.say(_("n: write a new post"))
        letters.append("n")
    console.say(_("m: the members"))
    letters.append("m")
    if row.is_owner and row.state == "member":
        console.say(_("i: invite someone with a one-time code"))
        console.say(_("x: remove a member"))
        letters += ["i", "x"]
    elif row.state in ("member", "waiting"):
        console.say(_("l: leave this circle"))
        letters.append("l")
    console.say(_("b: go back"))
    letters.append("b")
    while True:
        answer = console.ask(choice_prompt(count, letters))
        picked = parse_choice(answer, count, letters)
        if picked is not None:
            return picked
        console.say(_("That is not one of the choices."))


def write_circle_post(session: Session, circle: str, *, reply_to: str | None = None) -> None:
    """Words, the guard and the crisis offer, then seal to the members and send at once."""
    from peerhaven.store.circle_actions import post_to_circle

    console = session.console
    prompt = (
        _("Your reply, sealed to the circle's members.")
        if reply_to
        else _("Your post, sealed to the circle's members.")
    )
    words = ask_words(session, prompt)
    if words is None:
        return
    text, label = words
    if check_words(session, text, slug=None, what="circle post") != "send":
        return
    post_to_circle(session.store, circle, text, cw=label, reply_to=reply_to)
    console.say(_("Sending…"))
    outcome = _sent(session)
    said = _("Reply saved. {outcome}") if reply_to else _("Post saved. {outcome}")
    console.announce(said.format(outcome=outcome).strip())


def _post_actions(session: Session, row: CircleRow, post: CirclePostView) -> None:
    """Open a folded post on request; reply to it; report one of others' to the owner."""
    from peerhaven.store.circle_actions import report_post

    console = session.console
    if post.cw:
        console.say(
            _("This post is folded: content warning “{label}”.").format(label=others_line(post.cw))
        )
        if console.confirm(_("Open it?")):
            console.page(others(post.text).splitlines() or [""])
    choices: list[tuple[str, str]] = []
    if row.state == "member":
        choices.append(("reply", _("Reply to it")))
    if not post.mine and not row.is_owner:
        choices.append(("report", _("Report it to the circle's owner")))
    if not choices:
        return
    picked = console.choose([words for _key, words in choices])
    if not isinstance(picked, int):
        return
    if choices[picked][0] == "reply":
        write_circle_post(session, row.id, reply_to=post.id)
        return
    console.say(
        _("Only the circle's owner learns of a report: this post, its author and your reason.")
    )
    reason = console.ask(_("Why are you reporting it? Only the owner can read this:"))
    if not reason:
        console.say(_("Nothing was reported."))
        return
    report_post(session.store, row.id, post.id, reason)
    console.announce(
        _(
            "Reported to the circle's owner, who sees this post, its author and your reason; "
            "nobody else learns of it. {outcome}"
        )
        .format(outcome=_sent(session))
        .strip()
    )


def _members(session: Session, row: CircleRow) -> None:
    from peerhaven.store.circles import circle_members

    console = session.console
    members = circle_members(session.store, row.id)
    console.heading(
        ngettext("{count} member:", "{count} members:", len(members)).format(count=len(members))
    )
    lines = []
    for member in members:
        notes = ([_("owner")] if member.is_owner else []) + ([_("you")] if member.is_me else [])
        lines.append(
            _("{name} ({notes})").format(name=member.pseudonym, notes=", ".join(notes))
            if notes
            else member.pseudonym
        )
    console.page(lines)


def _invite(session: Session, row: CircleRow) -> None:
    """The code once, on a line of its own, then how to pass it on."""
    from peerhaven.store.circle_actions import make_invite

    console = session.console
    invite = make_invite(session.store, row.id)
    console.announce(_("The invite code, read out once:"))
    console.say(invite.code)
    console.say(
        _(
            "Pass this code on privately (not in a public post): it lets one persona ask to "
            "join, once, until {until}. Your device lets them in at its next sync."
        ).format(until=when(invite.expires_at))
    )


def _remove(session: Session, row: CircleRow) -> None:
    """Choose a member, hear what removing does, say yes; the others get a new key."""
    from peerhaven.store.circle_actions import remove_member
    from peerhaven.store.circles import circle_members

    console = session.console
    others_here = [m for m in circle_members(session.store, row.id) if not m.is_me]
    if not others_here:
        console.say(_("Nobody else is in this circle yet."))
        return
    console.say(_("Remove whom?"))
    picked = console.choose([member.pseudonym for member in others_here])
    if not isinstance(picked, int):
        return
    member = others_here[picked]
    console.say(
        _(
            "The circle's key changes and the new one goes to everyone else, so "
            "{member} cannot read anything posted after this. What they already "
            "received stays on their device."
        ).format(member=member.pseudonym)
    )
    if not console.confirm(_("Remove {member}?").format(member=member.pseudonym)):
        console.say(_("Nobody was removed."))
        return
    remove_member(session.store, row.id, member.pubkey)
    console.say(_("Sending…"))
    outcome = _sent(session)
    console.announce(
        _("{member} is removed; the circle has a new key.").format(member=member.pseudonym)
    )
    console.say(outcome)


def _leave(session: Session, row: CircleRow) -> bool:
    """Hear what leaving does, say yes, leave; whether the member left."""
    from peerhaven.store.circle_actions import leave_circle

    console = session.console
    console.say(
        _(
            "The owner's device gives the others a new key, so you will not read "
            "what is posted after you leave. What you already have stays here. "
            "To come back you need a new invite code."
        )
    )
    if not console.confirm(_("Leave this circle?")):
        console.say(_("You stay in the circle."))
        return False
    leave_circle(session.store, row.id)
    console.say(_("Sending…"))
    outcome = _sent(session)
    console.announce(_("You left the circle."))
    console.say(outcome)
    return True
