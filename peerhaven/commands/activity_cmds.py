"""``activity``: replies, reactions and moderators' decisions that concern your personas."""

from __future__ import annotations

import argparse
import json
import textwrap
from dataclasses import asdict
from typing import Any

from peerhaven.commands.common import unlocked_store, when
from peerhaven.core import inputs
from peerhaven.core.i18n import _
from peerhaven.core.inert import inert, inert_json

Subparsers = Any


def register(sub: Subparsers) -> None:
    """Add the command of this group."""
    parser = sub.add_parser(
        "activity", help=_("replies, reactions and moderators' decisions about your posts")
    )
    parser.add_argument("--all", action="store_true", help=_("read items too, not only new ones"))
    parser.add_argument(
        "--limit", type=inputs.Whole(1, 10_000), default=50, help=_("how many (default 50)")
    )
    parser.add_argument("--json", action="store_true", help=_("machine-readable output"))
    parser.add_argument(
        "--mark-read", action="store_true", help=_("count what was listed as read afterwards")
    )
    parser.set_defaults(func=cmd_activity)


def cmd_activity(args: argparse.Namespace) -> int:
    """New items (or all with ``--all``), newest first; others' words printed inert."""
    from peerhaven.store.activity import (
        activity,
        headline,
        latest_rowid,
        mark_all_read,
        mark_read,
        unread_activity,
        words,
    )

    with unlocked_store() as store:
        upto = latest_rowid(store)
        items = activity(store, unread_only=not args.all, limit=args.limit)
        left = unread_activity(store)
        if args.mark_read:
            if len(items) < args.limit:  # everything new was listed
                mark_all_read(store, upto=upto)
            else:
                mark_read(store, items)
            left = unread_activity(store)
    if args.json:
        # the rowid is this device's arrival order, nothing a script can use elsewhere
        records = [
            {**{k: v for k, v in asdict(item).items() if k != "rowid"}, "headline": headline(item)}
            for item in items
        ]
        print(inert_json(json.dumps(records, indent=2, ensure_ascii=False)))
        return 0
    if not items:
        print(_("Nothing new for you.") if not args.all else _("Nothing concerns you yet."))
    for item in items:
        mark = "●" if item.unread else " "
        print(f"{mark} {when(item.created_at)}  {headline(item)}  ({item.opens[:12]})")
        for line in textwrap.wrap(inert(words(item)), 74):
            print(f"    {line}")
    if args.mark_read:
        print(
            _("Marked as read.")
            if left == 0
            else _("Marked as read; {left} more still new.").format(left=left)
        )
    elif left:
        print(
            _("{left} new for you; `peerhaven activity --mark-read` marks them read.").format(
                left=left
            )
        )
    return 0
