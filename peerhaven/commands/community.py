"""``post``, ``react``, ``delete`` and ``read``: taking part in a community, offline first."""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from peerhaven.commands.common import unlocked_store, when
from peerhaven.core import inputs
from peerhaven.core.i18n import _, ngettext
from peerhaven.core.inert import inert, inert_line

Subparsers = Any
REACTION_WORDS = {
    "me-too": "me too",
    "been-there": "been there",
    "sending-support": "sending support",
    "thank-you": "thank you",
}


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    post = sub.add_parser("post", help=_("post (or reply) in a community; works offline"))
    post.add_argument("slug", type=inputs.slug)
    post.add_argument("text", type=inputs.text)
    post.add_argument(
        "--cw", action="append", default=[], type=inputs.cw_label, help=_("content warning label")
    )
    post.add_argument(
        "--reply-to", dest="reply_to", type=inputs.hex_prefix, help=_("the post to reply to")
    )
    post.add_argument("--no-sync", action="store_true", help=_("only queue it; send on next sync"))
    post.add_argument("--proxy", type=inputs.proxy_url, help=_("route the send through this proxy"))
    post.add_argument(
        "--allow-personal",
        action="store_true",
        help=_("publish even if the text seems to contain personal details"),
    )
    post.set_defaults(func=cmd_post)

    edit = sub.add_parser(
        "edit", help=_("change one of your own posts within 15 minutes of writing it")
    )
    edit.add_argument("event_id", metavar="POST_ID", type=inputs.hex_prefix)
    edit.add_argument("text", type=inputs.text, help=_("the post's whole new text"))
    edit.add_argument(
        "--cw",
        action="append",
        default=None,
        type=inputs.cw_label,
        help=_("content warning label (replaces the post's)"),
    )
    edit.add_argument("--no-cw", action="store_true", help=_("remove the post's content warnings"))
    edit.add_argument("--no-sync", action="store_true", help=_("only queue it; send on next sync"))
    edit.add_argument(
        "--allow-personal",
        action="store_true",
        help=_("publish even if the text seems to contain personal details"),
    )
    edit.set_defaults(func=cmd_edit)

    react = sub.add_parser("react", help=_("react to a post"))
    react.add_argument("event_id", type=inputs.hex_prefix)
    react.add_argument("reaction", choices=list(REACTION_WORDS))
    react.add_argument("--no-sync", action="store_true", help=_("only queue it"))
    react.set_defaults(func=cmd_react)

    delete = sub.add_parser("delete", help=_("withdraw one of your own posts"))
    delete.add_argument("event_id", type=inputs.hex_prefix)
    delete.add_argument("--no-sync", action="store_true", help=_("only queue it"))
    delete.set_defaults(func=cmd_delete)

    moderate = sub.add_parser("moderate", help=_("hide, restore, ban or unban (moderators only)"))
    moderate.add_argument("slug", type=inputs.slug)
    moderate.add_argument("action", choices=["hide", "restore", "ban", "unban"])
    moderate.add_argument(
        "target",
        type=inputs.hex_prefix,
        help=_("an event id (hide, restore) or a public key (ban)"),
    )
    moderate.add_argument(
        "--reason", default="", type=inputs.text, help=_("shown in the moderation log")
    )
    moderate.set_defaults(func=cmd_moderate)

    report = sub.add_parser("report", help=_("flag a post to the community's moderators"))
    report.add_argument("event_id", type=inputs.hex_prefix)
    report.add_argument(
        "reason", type=inputs.text, help=_("why; sealed so that only the moderators can read it")
    )
    report.set_defaults(func=cmd_report)

    queue = sub.add_parser(
        "reports",
        help=_("reports sealed to you (moderators' queue); `reports dismiss ID` sets one aside"),
    )
    queue.add_argument(
        "slug", type=inputs.slug, help=_("the community, or `dismiss` followed by a report id")
    )
    queue.add_argument(
        "report_id",
        nargs="?",
        type=inputs.hex_prefix,
        help=_("with `dismiss`: the report (a prefix)"),
    )
    queue.add_argument("--all", action="store_true", help=_("include handled reports"))
    queue.set_defaults(func=cmd_reports)

    modlog = sub.add_parser("modlog", help=_("the moderation log of a community (anyone may read)"))
    modlog.add_argument("slug", type=inputs.slug)
    modlog.set_defaults(func=cmd_modlog)

    read = sub.add_parser("read", help=_("read a community, or one thread"))
    read.add_argument("slug", type=inputs.slug)
    read.add_argument(
        "--thread",
        type=inputs.hex_prefix,
        help=_("the first post of a thread (an id prefix is enough)"),
    )
    read.add_argument(
        "--limit", type=inputs.Whole(1, 1000), default=20, help=_("threads per page (1 to 1000)")
    )
    read.add_argument("--show-cw", action="store_true", help=_("open content warnings"))
    read.set_defaults(func=cmd_read)


def send_and_say(store: Any, event: Any, proxy: str | None) -> str:
    """Try to send right away; the sentence says what the relays answered for this event."""
    from peerhaven.sync.send import send_now

    return send_now(store, event, proxy).sentence()


def cmd_post(args: argparse.Namespace) -> int:
    """Guard, sign as the community's persona, store, queue, and try to send."""
    from peerhaven.commands.precheck import offer_crisis_support, refuse_personal_details
    from peerhaven.safety.precheck import check_before_publish
    from peerhaven.store.held import is_waiting
    from peerhaven.store.publish import publish_post, resolve_event_id

    check = check_before_publish(args.text, allow_personal=args.allow_personal)
    refuse_personal_details(check)  # before unlocking: a refusal needs no passphrase
    with unlocked_store() as store:
        offer_crisis_support(store, check, args.slug)
        reply_to = resolve_event_id(store, args.reply_to) if args.reply_to else None
        event = publish_post(store, args.slug, args.text, cw=args.cw, reply_to=reply_to)
        outcome = "" if args.no_sync else send_and_say(store, event, args.proxy)
        waiting = is_waiting(store, event.id)
    kind = _("Reply") if reply_to else _("Post")
    print(
        _("{kind} {id} saved in {slug}. {outcome}")
        .format(kind=kind, id=event.id[:12], slug=args.slug, outcome=outcome)
        .rstrip()
    )
    if waiting:
        print(
            _(
                "{slug} holds new members' first posts until a moderator approves them: yours "
                "waits for one. `peerhaven outbox` shows when it is published."
            ).format(slug=args.slug)
        )
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    """Guard the new words like a post, then publish a signed edit and try to send it."""
    from peerhaven.commands.precheck import offer_crisis_support, refuse_personal_details
    from peerhaven.safety.precheck import check_before_publish
    from peerhaven.store.edits import EDIT_REACH
    from peerhaven.store.events import get_event
    from peerhaven.store.publish import publish_edit, resolve_event_id

    check = check_before_publish(args.text, allow_personal=args.allow_personal)
    refuse_personal_details(check)
    labels: list[str] | None = [] if args.no_cw else args.cw
    with unlocked_store() as store:
        post_id = resolve_event_id(store, args.event_id)
        post = get_event(store, post_id)
        offer_crisis_support(store, check, post.community if post else None, what="edit")
        event = publish_edit(store, post_id, args.text, cw=labels)
        outcome = "" if args.no_sync else send_and_say(store, event, None)
    print(
        _("Edited {post_id} in {community}. {outcome}")
        .format(post_id=post_id[:12], community=event.community, outcome=outcome)
        .rstrip()
    )
    print(_(EDIT_REACH))
    return 0


def cmd_react(args: argparse.Namespace) -> int:
    """A reaction is a small signed event of its own."""
    from peerhaven.store.publish import publish_reaction, resolve_event_id

    with unlocked_store() as store:
        event = publish_reaction(store, resolve_event_id(store, args.event_id), args.reaction)
        outcome = "" if args.no_sync else send_and_say(store, event, None)
    print(
        _('Reacted "{REACTION_WORDS}". {outcome}')
        .format(REACTION_WORDS=REACTION_WORDS[args.reaction], outcome=outcome)
        .rstrip()
    )
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    """Withdraw, and be honest about copies that already left this device."""
    from peerhaven.store.publish import publish_delete, resolve_event_id

    with unlocked_store() as store:
        event = publish_delete(store, resolve_event_id(store, args.event_id))
        outcome = "" if args.no_sync else send_and_say(store, event, None)
    print(
        _("Deleted here; relays erase it when they receive the deletion. {outcome}")
        .format(outcome=outcome)
        .rstrip()
    )
    print(
        _(
            "Members who already synced it keep their copy until their device syncs the "
            "deletion; nobody can recall it from their devices sooner."
        )
    )
    return 0


def _body(post: Any, show_cw: bool, indent: str) -> list[str]:
    if post.deleted:
        return [_("{indent}(withdrawn by its author)").format(indent=indent)]
    if post.fold and not show_cw:
        return [
            _("{indent}[{rstrip} — --show-cw opens it]").format(
                indent=indent, rstrip=inert_line(post.fold).rstrip(".")
            )
        ]
    labels = ", ".join(inert_line(label) for label in post.content_warnings)
    prefix = (
        _("{indent}[cw: {labels}] ").format(indent=indent, labels=labels)
        if post.content_warnings
        else indent
    )
    lines = textwrap.wrap(inert(post.content), width=76 - len(indent)) or [""]
    return [prefix + lines[0], *(indent + line for line in lines[1:])]


def _reactions(post: Any) -> str:
    return "  ".join(f"{REACTION_WORDS[k]} {v}" for k, v in sorted(post.reactions.items()))


def _print_post(post: Any, show_cw: bool, depth: int, under: str | None = None) -> None:
    indent = "    " * depth
    new = " NEW" if post.unread else ""
    you = " (you)" if post.mine else ""
    edited = f" · edited {when(post.edited_at)}" if post.edited_at is not None else ""
    state = f" · {post.delivery}" if post.delivery else ""
    # nested under another post than the one it answers (that one is out of sight)
    to = f" · to {inert_line(post.to)}" if post.to and post.parent != under else ""
    author = inert_line(post.author)
    print(
        f"{indent}{author}{you}{state} · {when(post.created_at)}{edited} · {post.id[:12]}{new}{to}"
    )
    for line in _body(post, show_cw, indent + "  "):
        print(line)
    if post.reactions:
        print(f"{indent}  {_reactions(post)}")
    for reply in post.replies:
        _print_post(reply, show_cw, depth + 1, post.id)


def cmd_read(args: argparse.Namespace) -> int:
    """Threads by latest activity, or one thread with nested replies; marks them read."""
    from peerhaven.store.communities import membership
    from peerhaven.store.feed import OUT_OF_SIGHT, feed_page, mark_read, thread
    from peerhaven.store.publish import resolve_event_id

    with unlocked_store() as store:
        member = membership(store, args.slug)
        if args.thread:
            root = thread(store, resolve_event_id(store, args.thread))
            _print_post(root, args.show_cw, 0)
        else:
            fetched = feed_page(store, args.slug, limit=args.limit)
            page = fetched.threads
            count = ngettext(
                "{count} most active thread", "{count} most active threads", len(page)
            ).format(count=len(page))
            print(f"{inert_line(member.name)} — {count}")
            if not page and fetched.stored:
                print(
                    _(
                        "{OUT_OF_SIGHT}; `peerhaven unmute` and `peerhaven unblock` lift yours."
                    ).format(OUT_OF_SIGHT=_(OUT_OF_SIGHT))
                )
            elif not page:
                print(
                    _(
                        "Nothing here yet. `peerhaven sync` fetches posts; `peerhaven post` writes "
                        "one."
                    )
                )
            for summary in page:
                post = summary.post
                print()
                _print_post(post, args.show_cw, 0)
                if summary.replies:
                    replies = "1 reply" if summary.replies == 1 else f"{summary.replies} replies"
                    new = f", {summary.unread_replies} new" if summary.unread_replies else ""
                    last = when(summary.last_reply or summary.last_activity)
                    print(
                        _("  {replies}{new}, last {last}").format(
                            replies=replies, new=new, last=last
                        )
                    )
        mark_read(store, args.slug)
    return 0


def cmd_moderate(args: argparse.Namespace) -> int:
    """Sign a moderation action; relays enforce it and every member's device honours it."""
    from peerhaven.store.publish import publish_moderation, resolve_event_id

    with unlocked_store() as store:
        target = args.target
        if args.action in ("hide", "restore"):
            target = resolve_event_id(store, target)
        event = publish_moderation(store, args.slug, args.action, target, reason=args.reason)
        outcome = send_and_say(store, event, None)
    print(
        _("{capitalize} recorded for {target} in {slug}. {outcome}").format(
            capitalize=args.action.capitalize(), target=target[:12], slug=args.slug, outcome=outcome
        )
    )
    return 0


def cmd_modlog(args: argparse.Namespace) -> int:
    """What moderators did, with reasons: moderation that members can check."""
    from peerhaven.store.clock import now
    from peerhaven.store.communities import membership
    from peerhaven.store.mod_log import log_page

    with unlocked_store() as store:
        membership(store, args.slug)
        page = log_page(store, args.slug, limit=100)
    if not page.entries:
        print(_("No moderation in {slug} so far.").format(slug=args.slug))
    at = now()
    for entry in page.entries:
        reason = (
            _(" Reason: {reason}").format(reason=inert_line(entry.reason)) if entry.reason else ""
        )
        sentence = inert_line(entry.sentence(at))
        print(f"{when(entry.created_at)}  {sentence[:1].upper()}{sentence[1:]}.{reason}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """The reason is sealed to the moderators: relays and members cannot read it."""
    from peerhaven.store.publish import resolve_event_id
    from peerhaven.store.reports import publish_report

    with unlocked_store() as store:
        event = publish_report(store, resolve_event_id(store, args.event_id), args.reason)
        outcome = send_and_say(store, event, None)
    print(
        _("Reported to the moderators of {community}; only they can read why. {outcome}").format(
            community=event.community, outcome=outcome
        )
    )
    return 0


def cmd_reports(args: argparse.Namespace) -> int:
    """The moderator's queue: reported posts with each report's reason; or dismiss one."""
    if args.slug == "dismiss" and args.report_id:
        return _dismiss_report(args.report_id)
    if args.report_id:
        from peerhaven.store.errors import BadInput

        raise BadInput(_("Give a community, or `dismiss` and a report id."))
    from peerhaven.store.clock import now
    from peerhaven.store.mod_queue import mod_queue, moderating_persona, not_a_moderator_sentence
    from peerhaven.store.relays import ago

    with unlocked_store() as store:
        if moderating_persona(store, args.slug) is None:
            print(not_a_moderator_sentence(store, args.slug))
            return 0
        queue = mod_queue(store, args.slug, include_handled=args.all)
    if not queue:
        print(_("No open reports for you in {slug}.").format(slug=args.slug))
    at = now()
    for item in queue:
        excerpt = textwrap.shorten(inert_line(item.content), 70) if item.present else _("(gone)")
        state = _(" — handled: {outcome}").format(outcome=item.outcome) if item.handled else ""
        count = len(item.reports)
        print(
            ngettext(
                "{target} by {author}: {count} report{state}",
                "{target} by {author}: {count} reports{state}",
                count,
            ).format(
                target=item.target[:12],
                author=inert_line(item.author_name),
                count=count,
                state=state,
            )
        )
        if item.direct:
            print(
                "    "
                + _("the direct message (its sender's signature checked): {excerpt}").format(
                    excerpt=excerpt
                )
            )
        else:
            print(_("    the post: {excerpt}").format(excerpt=excerpt))
        for report in item.reports:
            mark = "dismissed" if report.dismissed else "handled" if report.handled else "open"
            print(
                f"    {report.id[:12]} [{mark}] {inert_line(report.reporter)}, "
                f"{ago(at - report.created_at)}: {inert_line(report.reason)}"
            )
    return 0


def _dismiss_report(prefix: str) -> int:
    """No action needed: the report leaves your queue on this device; nothing is sent."""
    from peerhaven.store.mod_queue import dismiss_report
    from peerhaven.store.publish import resolve_event_id

    with unlocked_store() as store:
        report_id = resolve_event_id(store, prefix)
        new = dismiss_report(store, report_id)
    state = _("Dismissed") if new else _("Already dismissed:")
    print(
        _("{state} report {report_id}. Only this device knows; nothing was sent.").format(
            state=state, report_id=report_id[:12]
        )
    )
    return 0
