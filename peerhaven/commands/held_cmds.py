"""``held``, ``approve``, ``decline``: the moderators' queue of posts held for approval."""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from peerhaven.commands.common import unlocked_store, when
from peerhaven.core import inputs
from peerhaven.core.i18n import _
from peerhaven.core.inert import inert, inert_line

Subparsers = Any


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    held = sub.add_parser("held", help=_("posts waiting for your approval (moderators' queue)"))
    held.add_argument("slug", type=inputs.slug)
    held.add_argument("--sync", action="store_true", help=_("sync first, for the latest list"))
    held.set_defaults(func=cmd_held)

    for name, verb in (("approve", "publish"), ("decline", "erase")):
        parser = sub.add_parser(
            name, help=_("{name} a held post: relays {verb} it").format(name=name, verb=verb)
        )
        parser.add_argument(
            "event_id", type=inputs.hex_prefix, help=_("the held post (an id prefix is enough)")
        )
        parser.add_argument(
            "--reason", default="", type=inputs.text, help=_("shown in the moderation log")
        )
        parser.add_argument("--no-sync", action="store_true", help=_("only queue the decision"))
        parser.set_defaults(func=cmd_decide, action=name)


def cmd_held(args: argparse.Namespace) -> int:
    """Each held post with its author, time and text; content warnings shown as labels."""
    from peerhaven.store.communities import membership
    from peerhaven.store.held import held_posts

    with unlocked_store() as store:
        membership(store, args.slug)
        if args.sync:
            from peerhaven.sync import Syncer

            with Syncer(store) as syncer:
                syncer.sync(force=True)
        queue = held_posts(store, args.slug)
    if not queue:
        print(
            _("No posts wait for approval in {slug} (as of the last sync).").format(slug=args.slug)
        )
    for post in queue:
        kind = (
            _("reply to {reply_to}").format(reply_to=post.reply_to[:12])
            if post.reply_to
            else _("post")
        )
        print(f"{post.id[:12]}  {when(post.created_at)}  {inert_line(post.author)} ({kind})")
        if post.content_warnings:
            labels = ", ".join(inert_line(label) for label in post.content_warnings)
            print(_("    content warning: {labels}").format(labels=labels))
        for line in textwrap.wrap(inert(post.content), 76) or [""]:
            print(f"    {line}")
    if queue:
        print(_("`peerhaven approve ID` publishes a post; `peerhaven decline ID` erases it."))
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    """Sign the decision (a ``restore`` or ``hide``) and try to send it right away."""
    from peerhaven.commands.community import send_and_say
    from peerhaven.store.held import approve_held, decline_held, resolve_held_id

    decide = approve_held if args.action == "approve" else decline_held
    with unlocked_store() as store:
        event_id = resolve_held_id(store, args.event_id)
        moderation = decide(store, event_id, reason=args.reason)
        outcome = "" if args.no_sync else send_and_say(store, moderation, None)
    done = _("Approved") if args.action == "approve" else _("Declined")
    effect = _("relays publish it") if args.action == "approve" else _("relays erase it")
    line = _("{done} {event_id} in {community}; {effect} on receiving this.").format(
        done=done, event_id=event_id[:12], community=moderation.community, effect=effect
    )
    print(f"{line} {outcome}".rstrip())
    return 0
