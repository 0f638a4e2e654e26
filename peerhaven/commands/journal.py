"""``journal``: private entries with a mood score, never synced anywhere."""

from __future__ import annotations

import argparse
from typing import Any

from peerhaven.commands.common import one_line, print_json, unlocked_store, when
from peerhaven.core import inputs
from peerhaven.core.i18n import _
from peerhaven.core.inert import inert
from peerhaven.store.journal import MOOD_MAX, MOOD_MIN

Subparsers = Any


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    journal = sub.add_parser("journal", help=_("your private journal (never leaves this device)"))
    actions = journal.add_subparsers(title=_("actions"), metavar="ACTION", required=True)
    add = actions.add_parser("add", help=_("write an entry"))
    add.add_argument("text", type=inputs.text, help=_("what is on your mind (may be empty)"))
    add.add_argument(
        "--mood",
        type=inputs.Whole(MOOD_MIN, MOOD_MAX),
        required=True,
        help=_("1 (very low) to 10 (very good)"),
    )
    add.add_argument(
        "--tag", action="append", default=[], type=inputs.line, help=_("a tag; repeat for several")
    )
    add.add_argument(
        "--date",
        default="",
        type=inputs.line,
        help=_("the day it is about: today (default), yesterday, or YYYY-MM-DD [HH:MM]"),
    )
    add.set_defaults(func=cmd_add)
    edit = actions.add_parser("edit", help=_("change an entry's text, mood, tags or date"))
    edit.add_argument("id", type=inputs.ROW_ID)
    edit.add_argument("--text", type=inputs.text, help=_("the new text (the whole entry)"))
    edit.add_argument(
        "--mood", type=inputs.Whole(MOOD_MIN, MOOD_MAX), help=_("1 (very low) to 10 (very good)")
    )
    edit.add_argument(
        "--tag",
        action="append",
        type=inputs.line,
        help=_("a tag; repeat for several (replaces the tags)"),
    )
    edit.add_argument("--no-tags", action="store_true", help=_("remove every tag"))
    edit.add_argument("--date", type=inputs.line, help=_("yesterday, or YYYY-MM-DD [HH:MM]"))
    edit.set_defaults(func=cmd_edit)
    listing = actions.add_parser("list", help=_("entries, newest first"))
    listing.add_argument(
        "--limit", type=inputs.Whole(1, 100_000), default=20, help=_("how many (default 20)")
    )
    listing.add_argument("--tag", type=inputs.line, help=_("only entries with this tag"))
    listing.add_argument("--full", action="store_true", help=_("show whole entries"))
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    listing.set_defaults(func=cmd_list)
    delete = actions.add_parser("delete", help=_("delete an entry for good"))
    delete.add_argument("id", type=inputs.ROW_ID)
    delete.set_defaults(func=cmd_delete)


def cmd_add(args: argparse.Namespace) -> int:
    """Save an entry and confirm it without repeating the text."""
    from peerhaven.store.journal import add_entry, entry_time

    with unlocked_store() as store:
        created_at = entry_time(args.date)  # checked before anything is written
        entry = add_entry(store, args.text, args.mood, args.tag, created_at=created_at)
    tags = f", tags {', '.join(entry.tags)}" if entry.tags else ""
    dated = f", dated {when(entry.created_at)}" if args.date.strip() else ""
    print(
        _("Saved journal entry {id} (mood {mood}/10{tags}{dated}).").format(
            id=entry.id, mood=entry.mood, tags=tags, dated=dated
        )
    )
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    """Change only what was given; say what the entry is now, without repeating its text."""
    from peerhaven.store.errors import BadInput
    from peerhaven.store.journal import entry_time, update_entry

    if args.tag and args.no_tags:
        raise BadInput(_("Give --tag or --no-tags, not both."))
    tags = [] if args.no_tags else args.tag
    if args.text is None and args.mood is None and tags is None and args.date is None:
        raise BadInput(_("Nothing to change: give --text, --mood, --tag, --no-tags or --date."))
    with unlocked_store() as store:
        created_at = entry_time(args.date) if args.date is not None else None
        entry = update_entry(
            store, args.id, content=args.text, mood=args.mood, tags=tags, created_at=created_at
        )
    listed = f", tags {', '.join(entry.tags)}" if entry.tags else ""
    print(
        _("Updated journal entry {id} (mood {mood}/10{listed}, dated {when}).").format(
            id=entry.id, mood=entry.mood, listed=listed, when=when(entry.created_at)
        )
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """A mood bar makes the list readable at a glance, without colour."""
    from peerhaven.store.journal import list_entries

    with unlocked_store() as store:
        entries = list_entries(store, limit=args.limit, tag=args.tag)
    if args.json:
        print_json(entries)
        return 0
    if not entries:
        print(_("No journal entries yet. `peerhaven journal add TEXT --mood N` writes one."))
        return 0
    for e in entries:
        bar = "█" * e.mood + "·" * (10 - e.mood)
        tags = f"  #{' #'.join(e.tags)}" if e.tags else ""
        # own words, but an imported file may carry anything: inert like all text
        text = inert(e.content) if args.full else one_line(e.content)
        print(f"{e.id:>5}  {when(e.created_at)}  {bar} {e.mood:>2}/10  {text}{tags}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    """Deleted entries are scrubbed from the file, not just unlinked."""
    from peerhaven.store.journal import delete_entry

    with unlocked_store() as store:
        delete_entry(store, args.id)
    print(_("Journal entry {id} deleted for good.").format(id=args.id))
    return 0
