"""``dm`` and ``requests``: direct messages between personas, with consent first.

Each command calls the headless use cases the app uses too (``store.dm``,
``store.dm_report``, ``sync.dm``); the oversharing guard and the crisis offer run
before a message is sealed, exactly as for a post. Others' words are printed
inert, and a message with a content warning stays folded unless ``--show-cw``.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from dataclasses import asdict
from typing import Any

from peerhaven.commands.common import unlocked_store, when
from peerhaven.core import inputs
from peerhaven.core.i18n import _, ngettext
from peerhaven.core.inert import inert, inert_json, inert_line

Subparsers = Any


def register(sub: Subparsers) -> None:
    """Add the ``dm`` and ``requests`` commands."""
    dm = sub.add_parser(
        "dm", help=_("private messages with another persona (end-to-end encrypted)")
    )
    dm_sub = dm.add_subparsers(dest="dm_command", required=True, metavar="COMMAND")

    send = dm_sub.add_parser("send", help=_("send a message; a first one is a request"))
    send.add_argument(
        "who", metavar="PERSONA", type=inputs.lookup, help=_("pseudonym or public key")
    )
    send.add_argument("text", type=inputs.text)
    send.add_argument("--cw", type=inputs.cw_label, help=_("content warning label"))
    send.add_argument(
        "--community",
        type=inputs.slug,
        help=_("the community where you met (and your persona there)"),
    )
    send.add_argument("--as", dest="persona", type=inputs.lookup, help=_("which of your personas"))
    send.add_argument("--no-sync", action="store_true", help=_("only queue it; send on next sync"))
    send.add_argument("--proxy", type=inputs.proxy_url, help=_("route the send through this proxy"))
    send.add_argument(
        "--allow-personal",
        action="store_true",
        help=_("send even if the text seems to contain personal details"),
    )
    send.set_defaults(func=cmd_send)

    listing = dm_sub.add_parser("list", help=_("conversations, with unread counts"))
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    listing.set_defaults(func=cmd_list)

    read = dm_sub.add_parser("read", help=_("read one conversation (counts it read)"))
    read.add_argument("who", metavar="PERSONA", type=inputs.lookup)
    read.add_argument("--as", dest="persona", type=inputs.lookup, help=_("which of your personas"))
    read.add_argument(
        "--limit", type=inputs.Whole(1, 10_000), default=50, help=_("last messages (default 50)")
    )
    read.add_argument("--show-cw", action="store_true", help=_("open content warnings"))
    read.add_argument("--json", action="store_true", help=_("machine-readable output"))
    read.set_defaults(func=cmd_read)

    report = dm_sub.add_parser(
        "report", help=_("show one message, with proof, to the moderators where you met")
    )
    report.add_argument("number", type=inputs.Whole(1, 2**62), help=_("as `dm read` numbers it"))
    report.add_argument("reason", type=inputs.text, help=_("why; only the moderators read it"))
    report.add_argument("--no-sync", action="store_true", help=_("only queue it"))
    report.set_defaults(func=cmd_report)

    seen = dm_sub.add_parser(
        "seen", help=_("whether this persona is told you read its messages (off by default)")
    )
    seen.add_argument("who", metavar="PERSONA", type=inputs.lookup)
    seen.add_argument("choice", choices=["on", "off"])
    seen.add_argument("--as", dest="persona", type=inputs.lookup, help=_("which of your personas"))
    seen.set_defaults(func=cmd_seen)

    requests = sub.add_parser("requests", help=_("message requests waiting for your answer"))
    requests.add_argument("--show-cw", action="store_true", help=_("open content warnings"))
    requests.add_argument("--json", action="store_true", help=_("machine-readable output"))
    requests.set_defaults(func=cmd_requests, requests_command=None)
    req_sub = requests.add_subparsers(dest="requests_command", metavar="COMMAND")
    accept = req_sub.add_parser("accept", help=_("accept: its messages are shown, you may answer"))
    accept.add_argument("who", metavar="PERSONA", type=inputs.lookup)
    accept.add_argument(
        "--as", dest="persona", type=inputs.lookup, help=_("which of your personas")
    )
    accept.set_defaults(func=cmd_accept)
    decline = req_sub.add_parser("decline", help=_("decline: its words are deleted"))
    decline.add_argument("who", metavar="PERSONA", type=inputs.lookup)
    decline.add_argument(
        "--as", dest="persona", type=inputs.lookup, help=_("which of your personas")
    )
    decline.add_argument(
        "--block", action="store_true", help=_("block the sender too: nothing more from it")
    )
    decline.set_defaults(func=cmd_decline)


def _persona_key(store: Any, persona: str | None) -> str | None:
    from peerhaven.store.personas import load_persona

    return load_persona(store, persona).pubkey if persona else None


def cmd_send(args: argparse.Namespace) -> int:
    """Guard, crisis offer, then seal, save, queue and push (a first message fetches keys)."""
    from peerhaven.commands.precheck import offer_crisis_support, refuse_personal_details
    from peerhaven.core.persona import pseudonym
    from peerhaven.safety.precheck import check_before_publish
    from peerhaven.store.dm import resolve_peer, sender_for
    from peerhaven.store.personas import load_persona
    from peerhaven.sync.dm import send_dm
    from peerhaven.sync.send import send_now

    check = check_before_publish(args.text, allow_personal=args.allow_personal)
    refuse_personal_details(check)
    with unlocked_store() as store:
        peer = resolve_peer(store, args.who)
        sender = sender_for(
            store, peer, persona=_persona_key(store, args.persona), community=args.community
        )
        offer_crisis_support(store, check, sender.community or None, what="message")
        result = send_dm(
            store,
            load_persona(store, sender.persona),
            peer,
            args.text,
            cw=args.cw,
            community=sender.community,
            proxy=args.proxy,
            push=False,
        )
        outcome = "" if args.no_sync else send_now(store, result.sent.event, args.proxy).sentence()
    print(
        _("Message {number} to {who} saved. {outcome}")
        .format(number=result.sent.message_id, who=pseudonym(peer), outcome=outcome)
        .rstrip()
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """Conversations, newest first, with unread counts; then how many requests wait."""
    from peerhaven.store.dm import conversations, requests

    with unlocked_store() as store:
        rows = conversations(store)
        waiting = len(requests(store))
    if args.json:
        print(inert_json(json.dumps([asdict(row) for row in rows], indent=2, ensure_ascii=False)))
        return 0
    if not rows:
        print(_("No conversations yet. `peerhaven dm send PERSONA TEXT` starts one."))
    for row in rows:
        mark = "●" if row.unread else " "
        count = ngettext("{count} new", "{count} new", row.unread).format(count=row.unread)
        mine = _("you as {persona}").format(persona=row.persona_name)
        tail = f"  {count}" if row.unread else ""
        print(f"{mark} {inert_line(row.peer_name)}  ({mine})  {when(row.last_at)}{tail}")
        if row.last_text is not None:
            shown = (
                _("folded: {label}").format(label=inert_line(row.last_cw))
                if row.last_cw
                else inert_line(" ".join(row.last_text.split()))[:70]
            )
            prefix = _("you: ") if row.last_outgoing else ""
            print(f"    {prefix}{shown}")
    if waiting:
        print(
            ngettext(
                "{count} message request waits for your answer: `peerhaven requests`.",
                "{count} message requests wait for your answer: `peerhaven requests`.",
                waiting,
            ).format(count=waiting)
        )
    return 0


def cmd_read(args: argparse.Namespace) -> int:
    """One conversation, oldest first, numbered for `dm report`; counts it read."""
    from peerhaven.store.dm import find_conversation, messages
    from peerhaven.store.dm_receipts import mark_read
    from peerhaven.sync.send import send_now

    with unlocked_store() as store:
        persona, peer = find_conversation(
            store, args.who, persona=_persona_key(store, args.persona), statuses=("accepted",)
        )
        found = messages(store, persona, peer, limit=args.limit)
        receipt = mark_read(store, persona, peer)
        if receipt is not None:  # "seen" is on for this conversation: say so at once
            send_now(store, receipt)
    if args.json:
        print(inert_json(json.dumps([asdict(m) for m in found], indent=2, ensure_ascii=False)))
        return 0
    for message in found:
        who = _("you") if message.outgoing else inert_line(message.author_name)
        state = f"  ({message.delivery})" if message.delivery else ""
        if message.outgoing and message.seen and not message.delivery:
            state = "  (" + _("seen") + ")"
        new = "● " if not message.outgoing and not message.read else ""
        print(f"{new}[{message.id}] {when(message.sent_at)}  {who}{state}")
        if message.cw and not args.show_cw:
            print(
                "    "
                + _("folded: {label} (--show-cw opens it)").format(label=inert_line(message.cw))
            )
            continue
        if message.cw:
            print("    " + _("content warning: {label}").format(label=inert_line(message.cw)))
        for line in inert(message.text).splitlines() or [""]:
            for part in textwrap.wrap(line, 74) or [""]:
                print(f"    {part}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Seal one message with its proof to the moderators, then try to send it."""
    from peerhaven.commands.community import send_and_say
    from peerhaven.store.dm_report import report_message

    with unlocked_store() as store:
        event = report_message(store, args.number, args.reason)
        outcome = "" if args.no_sync else send_and_say(store, event, None)
    print(
        _(
            "Reported to the moderators of {community}: they see this one message, who sent "
            "it and your reason, and nothing else of the conversation. {outcome}"
        )
        .format(community=event.community, outcome=outcome)
        .rstrip()
    )
    return 0


def cmd_seen(args: argparse.Namespace) -> int:
    """Turn "seen" on or off for one conversation."""
    from peerhaven.store.dm import find_conversation, set_seen

    with unlocked_store() as store:
        persona, peer = find_conversation(
            store, args.who, persona=_persona_key(store, args.persona), statuses=("accepted",)
        )
        set_seen(store, persona, peer, args.choice == "on")
    from peerhaven.core.persona import pseudonym

    if args.choice == "on":
        print(_("{who} will be told when you have read its messages.").format(who=pseudonym(peer)))
    else:
        print(_("{who} is not told when you read its messages.").format(who=pseudonym(peer)))
    return 0


def cmd_requests(args: argparse.Namespace) -> int:
    """Requests waiting: who, where you met, the first lines (folded behind a warning)."""
    from peerhaven.store.dm import requests
    from peerhaven.store.settings import get_setting

    with unlocked_store() as store:
        waiting = requests(store)
        allowed = get_setting(store, "dm_requests")
    if args.json:
        print(inert_json(json.dumps([asdict(r) for r in waiting], indent=2, ensure_ascii=False)))
        return 0
    if not waiting:
        print(_("No message requests."))
    for request in waiting:
        where = (
            _(" (met in {community})").format(community=request.community)
            if request.community
            else ""
        )
        count = ngettext("{count} message", "{count} messages", request.count).format(
            count=request.count
        )
        print(f"{inert_line(request.peer_name)}{where}  {when(request.first_at)}  {count}")
        if request.cw and not args.show_cw:
            print(
                "    "
                + _("folded: {label} (--show-cw opens it)").format(label=inert_line(request.cw))
            )
        else:
            for line in inert(request.opening).splitlines():
                print(f"    {line}")
    if waiting:
        print(
            _(
                "`peerhaven requests accept PERSONA` shows the messages and lets you answer; "
                "`peerhaven requests decline PERSONA [--block]` deletes them."
            )
        )
    words = {
        "off": _("Requests are off: nobody new can write to you."),
        "shared": _("Only members of communities you share can send you requests."),
        "anyone": _("Anyone can send you requests."),
    }
    print(words[str(allowed)] + " " + _("`peerhaven settings dm_requests off|shared|anyone`."))
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    """Accept a request."""
    from peerhaven.core.persona import pseudonym
    from peerhaven.store.dm import accept_request, find_conversation

    with unlocked_store() as store:
        persona, peer = find_conversation(
            store, args.who, persona=_persona_key(store, args.persona), statuses=("request",)
        )
        accept_request(store, persona, peer)
    print(_("Accepted. `peerhaven dm read {who}` shows the messages.").format(who=pseudonym(peer)))
    return 0


def cmd_decline(args: argparse.Namespace) -> int:
    """Decline a request, and block its sender with ``--block``."""
    from peerhaven.core.persona import pseudonym
    from peerhaven.store.dm import decline_request, find_conversation

    with unlocked_store() as store:
        persona, peer = find_conversation(
            store, args.who, persona=_persona_key(store, args.persona), statuses=("request",)
        )
        decline_request(store, persona, peer, and_block=args.block)
    if args.block:
        print(
            _("Declined and blocked {who}: nothing more from it reaches you.").format(
                who=pseudonym(peer)
            )
        )
    else:
        print(
            _("Declined; its words are deleted. {who} may ask again later.").format(
                who=pseudonym(peer)
            )
        )
    return 0
