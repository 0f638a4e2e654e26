"""``draft``: unsent posts, kept encrypted until you publish or delete them."""

from __future__ import annotations

import argparse
from typing import Any

from peerhaven.commands.common import one_line, print_json, unlocked_store, when
from peerhaven.core import inputs
from peerhaven.core.i18n import _
from peerhaven.core.inert import inert, inert_line

Subparsers = Any


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    draft = sub.add_parser("draft", help=_("drafts of posts and replies"))
    actions = draft.add_subparsers(title=_("actions"), metavar="ACTION", required=True)
    save = actions.add_parser("save", help=_("save a new draft, or update one with --id"))
    save.add_argument("text", type=inputs.text)
    save.add_argument("--community", type=inputs.slug, help=_("the community it is meant for"))
    save.add_argument(
        "--reply-to", dest="reply_to", type=inputs.hex_prefix, help=_("the event id it replies to")
    )
    save.add_argument(
        "--cw", action="append", default=[], type=inputs.cw_label, help=_("content warning label")
    )
    save.add_argument(
        "--id", type=inputs.ROW_ID, dest="draft_id", help=_("update this draft instead")
    )
    save.set_defaults(func=cmd_save)
    listing = actions.add_parser("list", help=_("drafts, most recently edited first"))
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    listing.set_defaults(func=cmd_list)
    show = actions.add_parser("show", help=_("print one draft in full"))
    show.add_argument("id", type=inputs.ROW_ID)
    show.set_defaults(func=cmd_show)
    publish = actions.add_parser(
        "publish", help=_("publish a draft as a post in a community, or as a reply")
    )
    publish.add_argument("id", type=inputs.ROW_ID)
    publish.add_argument(
        "--community",
        metavar="SLUG",
        type=inputs.slug,
        help=_("where to post it (default: the draft's own)"),
    )
    publish.add_argument(
        "--reply-to", dest="reply_to", type=inputs.hex_prefix, help=_("the post it answers")
    )
    publish.add_argument(
        "--no-sync", action="store_true", help=_("only queue it; send on next sync")
    )
    publish.add_argument(
        "--allow-personal",
        action="store_true",
        help=_("publish even if the text seems to contain personal details"),
    )
    publish.set_defaults(func=cmd_publish)
    delete = actions.add_parser("delete", help=_("delete a draft for good"))
    delete.add_argument("id", type=inputs.ROW_ID)
    delete.set_defaults(func=cmd_delete)


def cmd_save(args: argparse.Namespace) -> int:
    """Create or overwrite a draft."""
    from peerhaven.store.drafts import save_draft

    with unlocked_store() as store:
        draft = save_draft(
            store,
            args.text,
            community=args.community,
            reply_to=args.reply_to,
            cw=args.cw,
            draft_id=args.draft_id,
        )
    print(_("Saved draft {id}.").format(id=draft.id))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """One line per draft."""
    from peerhaven.store.drafts import list_drafts

    with unlocked_store() as store:
        drafts = list_drafts(store)
    if args.json:
        print_json(drafts)
        return 0
    if not drafts:
        print(_("No drafts."))
        return 0
    for d in drafts:
        where = d.community or _("no community yet")
        cw = _(" [cw: {join}]").format(join=", ".join(d.cw)) if d.cw else ""
        print(f"{d.id:>5}  {when(d.updated_at)}  {where:<20} {one_line(d.content)}{cw}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """The whole draft with where it is meant to go."""
    from peerhaven.store.drafts import get_draft

    with unlocked_store() as store:
        d = get_draft(store, args.id)
    print(_("Draft {id}, edited {when}").format(id=d.id, when=when(d.updated_at)))
    if d.community:
        print(_("Community: {community}").format(community=d.community))
    if d.reply_to:
        print(_("Reply to: {reply_to}").format(reply_to=d.reply_to))
    if d.cw:
        print(
            _("Content warnings: {join}").format(
                join=", ".join(inert_line(label) for label in d.cw)
            )
        )
    print()
    print(inert(d.content))  # own words, but an imported file may carry anything
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    """The same guard and crisis offer as ``post``; the draft is erased once queued."""
    from peerhaven.commands.community import send_and_say
    from peerhaven.commands.precheck import offer_crisis_support, refuse_personal_details
    from peerhaven.safety.precheck import check_before_publish
    from peerhaven.store.compose import draft_target, publish_saved_draft
    from peerhaven.store.drafts import get_draft
    from peerhaven.store.publish import resolve_event_id

    with unlocked_store() as store:
        draft = get_draft(store, args.id)
        reply_to = resolve_event_id(store, args.reply_to) if args.reply_to else None
        where, _unused = draft_target(store, draft, slug=args.community, reply_to=reply_to)
        check = check_before_publish(draft.content, allow_personal=args.allow_personal)
        refuse_personal_details(check)
        offer_crisis_support(store, check, where)
        event = publish_saved_draft(store, args.id, slug=args.community, reply_to=reply_to)
        outcome = "" if args.no_sync else send_and_say(store, event, None)
    kind = _("Reply") if event.parent else _("Post")
    print(
        _("{kind} {id} published in {community} from draft {id2}. {outcome}").format(
            kind=kind, id=event.id[:12], community=event.community, id2=args.id, outcome=outcome
        )
    )
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    """Deleted drafts are scrubbed from the file."""
    from peerhaven.store.drafts import delete_draft

    with unlocked_store() as store:
        delete_draft(store, args.id)
    print(_("Draft {id} deleted for good.").format(id=args.id))
    return 0
