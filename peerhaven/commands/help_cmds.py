"""``help crisis``: crisis lines, reachable without unlocking anything."""

from __future__ import annotations

import argparse
from typing import Any

from peerhaven.core import inputs
from peerhaven.core.i18n import _
from peerhaven.core.inert import inert

Subparsers = Any


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    helper = sub.add_parser("help", help=_("help that does not need the store"))
    topics = helper.add_subparsers(title=_("topics"), metavar="TOPIC", required=True)
    crisis = topics.add_parser("crisis", help=_("crisis lines near you, with their sources"))
    crisis.add_argument(
        "--country", type=inputs.country, help=_("two-letter country code, e.g. GB, US, DE")
    )
    crisis.add_argument(
        "--community",
        type=inputs.slug,
        help=_("also the lines this joined community added (unlocks the store)"),
    )
    crisis.set_defaults(func=cmd_crisis)


def cmd_crisis(args: argparse.Namespace) -> int:
    """Never behind a passphrase unless a community's own lines are asked for."""
    from peerhaven.safety.crisis import format_resources, resources_for

    extra = None
    if args.community:
        from peerhaven.commands.common import unlocked_store
        from peerhaven.store.communities import community_crisis_lines

        with unlocked_store() as store:
            extra = community_crisis_lines(store, args.community)
    print(inert(format_resources(resources_for(args.country, extra))))
    return 0
