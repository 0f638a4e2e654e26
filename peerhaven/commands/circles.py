"""``circle``: private circles, a small closed group with a name, rules and an owner.

Every command here only asks and shows; the use cases are ``store.circle_actions``
(the app's circle screens call the same ones) and docs/circles.md says what each
party can learn.
"""

from __future__ import annotations

import argparse
from typing import Any

from peerhaven.commands.common import one_line, print_json, unlocked_store, when
from peerhaven.core import inputs
from peerhaven.core.i18n import _
from peerhaven.core.inert import inert, inert_line

Subparsers = Any


def _sending(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-sync", action="store_true", help=_("only queue it; send on next sync")
    )
    parser.add_argument(
        "--proxy", type=inputs.proxy_url, help=_("route the send through this proxy")
    )


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    circle = sub.add_parser("circle", help=_("private circles: small closed groups"))
    actions = circle.add_subparsers(title=_("actions"), metavar="ACTION", required=True)

    create = actions.add_parser("create", help=_("start a circle; you are its owner"))
    create.add_argument("name", type=inputs.line)
    create.add_argument("--rules", type=inputs.text, default="", help=_("the circle's rules"))
    create.add_argument("--persona", type=inputs.lookup, help=_("own it as this persona"))
    create.add_argument(
        "--relay", type=inputs.relay_url, help=_("the relay members meet on (default: your first)")
    )
    create.set_defaults(func=cmd_create)

    invite = actions.add_parser("invite", help=_("a one-time, expiring code to pass on privately"))
    invite.add_argument("circle", metavar="CIRCLE", type=inputs.line)
    invite.add_argument(
        "--hours", type=inputs.Whole(1, 720), default=72, help=_("how long it is valid (72)")
    )
    invite.set_defaults(func=cmd_invite)

    join = actions.add_parser("join", help=_("ask to join a circle with its invite code"))
    join.add_argument("code", type=inputs.line)
    join.add_argument("--persona", type=inputs.lookup, help=_("join as this persona"))
    _sending(join)
    join.set_defaults(func=cmd_join)

    remove = actions.add_parser(
        "remove", help=_("remove a member (owner); the others get a new key")
    )
    remove.add_argument("circle", metavar="CIRCLE", type=inputs.line)
    remove.add_argument("member", metavar="MEMBER", type=inputs.lookup)
    _sending(remove)
    remove.set_defaults(func=cmd_remove)

    leave = actions.add_parser("leave", help=_("leave a circle; the others get a new key"))
    leave.add_argument("circle", metavar="CIRCLE", type=inputs.line)
    _sending(leave)
    leave.set_defaults(func=cmd_leave)

    post = actions.add_parser("post", help=_("post (or reply) in a circle, sealed to its members"))
    post.add_argument("circle", metavar="CIRCLE", type=inputs.line)
    post.add_argument("text", type=inputs.text)
    post.add_argument("--cw", type=inputs.cw_label, help=_("content warning label"))
    post.add_argument(
        "--reply-to", dest="reply_to", type=inputs.hex_prefix, help=_("the post to reply to")
    )
    post.add_argument(
        "--allow-personal",
        action="store_true",
        help=_("post even if the text seems to contain personal details"),
    )
    _sending(post)
    post.set_defaults(func=cmd_post)

    report = actions.add_parser(
        "report", help=_("show the circle's owner one post, and why (only the owner learns)")
    )
    report.add_argument("circle", metavar="CIRCLE", type=inputs.line)
    report.add_argument("post", metavar="POST_ID", type=inputs.hex_prefix)
    report.add_argument("reason", type=inputs.line)
    _sending(report)
    report.set_defaults(func=cmd_report)

    read = actions.add_parser("read", help=_("a circle's members and posts, oldest first"))
    read.add_argument("circle", metavar="CIRCLE", type=inputs.line)
    read.add_argument("--limit", type=inputs.Whole(1, 10_000), help=_("only the newest N posts"))
    read.add_argument("--json", action="store_true", help=_("machine-readable output"))
    read.set_defaults(func=cmd_read)

    listing = actions.add_parser("list", help=_("your circles, with unread posts"))
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    listing.set_defaults(func=cmd_list)


def _send(store: Any, args: argparse.Namespace) -> str:
    """Send what the action queued, unless --no-sync; the relays' answer in words."""
    if args.no_sync:
        return _("Saved; goes out with the next sync.")
    from peerhaven.sync.circle_mailbox import send_queued

    return send_queued(store, args.proxy).sentence()


def cmd_create(args: argparse.Namespace) -> int:
    """A new circle with only its owner in it."""
    from peerhaven.store.circle_actions import create_circle

    with unlocked_store() as store:
        row = create_circle(
            store, args.name, rules=args.rules, persona=args.persona, relay=args.relay or ""
        )
    print(
        _(
            "Circle {name} ({id}) started; you own it. "
            "`peerhaven circle invite {id}` makes a code to let someone in."
        ).format(name=inert_line(row.name), id=row.short_id)
    )
    return 0


def cmd_invite(args: argparse.Namespace) -> int:
    """The code, and how to use it safely."""
    from peerhaven.store.circle_actions import make_invite

    with unlocked_store() as store:
        invite = make_invite(store, args.circle, hours=args.hours)
    print(invite.code)
    print(
        _(
            "Pass this code on privately (not in a public post): it lets one persona ask to "
            "join, once, until {until}. Your device lets them in at its next sync."
        ).format(until=when(invite.expires_at))
    )
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    """Send the join request to the owner's mailbox."""
    from peerhaven.store.circle_actions import join_circle

    with unlocked_store() as store:
        row = join_circle(store, args.code, persona=args.persona)
        outcome = _send(store, args)
    print(
        _(
            "Asked to join circle {id}; it opens once the owner's device answers "
            "(`peerhaven sync`, then `peerhaven circle list`). {outcome}"
        ).format(id=row.short_id, outcome=outcome)
    )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove a member and rotate the circle's key."""
    from peerhaven.core.persona import pseudonym
    from peerhaven.store.circle_actions import remove_member
    from peerhaven.store.circles import circle_members

    with unlocked_store() as store:
        before = {m.pubkey for m in circle_members(store, args.circle)}
        row = remove_member(store, args.circle, args.member)
        after = {m.pubkey for m in circle_members(store, row.id)}
        outcome = _send(store, args)
    removed = ", ".join(pseudonym(key) for key in sorted(before - after))
    print(
        _(
            "Removed {member} from {name}; the others get a new key, so nothing posted from "
            "now on reaches {member}. {outcome}"
        ).format(member=removed, name=inert_line(row.name), outcome=outcome)
    )
    return 0


def cmd_leave(args: argparse.Namespace) -> int:
    """Tell the owner, who gives the others a new key."""
    from peerhaven.store.circle_actions import leave_circle

    with unlocked_store() as store:
        row = leave_circle(store, args.circle)
        outcome = _send(store, args)
    print(
        _(
            "You left {name}; what you already had stays on this device, and nothing new "
            "reaches you. {outcome}"
        ).format(name=inert_line(row.name) or row.short_id, outcome=outcome)
    )
    return 0


def cmd_post(args: argparse.Namespace) -> int:
    """The same guard and crisis offer as a public post, then seal, keep and send."""
    from peerhaven.commands.precheck import offer_crisis_support, refuse_personal_details
    from peerhaven.safety.precheck import check_before_publish
    from peerhaven.store.circle_actions import post_to_circle

    check = check_before_publish(args.text, allow_personal=args.allow_personal)
    refuse_personal_details(check)  # before unlocking: a refusal needs no passphrase
    with unlocked_store() as store:
        offer_crisis_support(store, check, None, what="circle post")
        _event, post = post_to_circle(
            store, args.circle, args.text, cw=args.cw, reply_to=args.reply_to
        )
        outcome = _send(store, args)
    if post.reply_to:
        said = _("Reply {id} sealed to the circle's members.")
    else:
        said = _("Post {id} sealed to the circle's members.")
    print((said.format(id=post.id[:12]) + " " + outcome).rstrip())
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Send the report to the owner's device."""
    from peerhaven.store.circle_actions import report_post

    with unlocked_store() as store:
        report_post(store, args.circle, args.post, args.reason)
        outcome = _send(store, args)
    print(
        _(
            "Reported to the circle's owner, who sees this post, its author and your reason; "
            "nobody else learns of it. {outcome}"
        ).format(outcome=outcome)
    )
    return 0


def cmd_read(args: argparse.Namespace) -> int:
    """Header (name, state, rules, members), then the posts; marks the circle read."""
    from peerhaven.store.circles import (
        circle_members,
        circle_posts,
        circle_reports,
        get_circle,
        mark_circle_read,
    )

    with unlocked_store() as store:
        row = get_circle(store, args.circle)
        members = circle_members(store, row.id)
        posts = circle_posts(store, row.id, limit=args.limit)
        reports = circle_reports(store, row.id)
        mark_circle_read(store, row.id)
    if args.json:
        print_json(posts)
        return 0
    print(f"{inert_line(row.name) or row.short_id}  ({row.short_id})")
    print(row.state_words())
    if row.rules:
        print(_("Rules:"))
        print(inert(row.rules))
    if members:
        names = ", ".join(
            m.pseudonym + (_(" (owner)") if m.is_owner else "") + (_(" (you)") if m.is_me else "")
            for m in members
        )
        print(_("Members: {names}").format(names=names))
    print()
    if not posts:
        print(_("No posts yet on this device; `peerhaven sync` fetches new ones."))
        _print_reports(reports)
        return 0
    for post in posts:
        head = f"{post.id[:12]}  {when(post.sent_at)}  {post.author_pseudonym}"
        if post.reply_to:
            head += "  " + _("reply to {id}").format(id=post.reply_to[:12])
        print(head)
        if post.cw:
            print("  " + _("[cw: {label}]").format(label=inert_line(post.cw)))
        print("  " + inert(post.text).replace("\n", "\n  "))
        print()
    _print_reports(reports)
    return 0


def _print_reports(reports: list[Any]) -> None:
    """The owner's view of members' reports: who reported which post, by whom, and why."""
    if not reports:
        return
    print(_("Reports (only you, the owner, see these):"))
    for report in reports:
        if report.post is None:
            about = _("post {id}, not on this device yet").format(id=report.post_id[:12])
        else:
            about = _("post {id} by {author}").format(
                id=report.post_id[:12], author=report.post.author_pseudonym
            )
        print(
            "  "
            + _("{when}  {reporter} reported {about}: {reason}").format(
                when=when(report.received_at),
                reporter=report.reporter_pseudonym,
                about=about,
                reason=inert_line(report.reason),
            )
        )


def cmd_list(args: argparse.Namespace) -> int:
    """One line per circle."""
    from peerhaven.store.circle_actions import members_sentence
    from peerhaven.store.circles import list_circles

    with unlocked_store() as store:
        circles = list_circles(store)
    if args.json:
        print_json(circles)
        return 0
    if not circles:
        print(_("No circles yet; `peerhaven circle create NAME` starts one."))
        return 0
    for row in circles:
        name = one_line(row.name, 30) or "…"
        unread = _("{count} unread").format(count=row.unread) if row.unread else ""
        print(f"{row.short_id}  {name:<30}  {members_sentence(row.members):<12}  {unread}")
        if row.state != "member" or row.is_owner:
            print("          " + row.state_words())
    return 0
