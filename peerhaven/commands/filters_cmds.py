"""``mute``, ``unmute``, ``block``, ``unblock`` and ``cw``: what you choose not to see."""

from __future__ import annotations

import argparse
from typing import Any

from peerhaven.commands.common import unlocked_store
from peerhaven.core import inputs
from peerhaven.core.i18n import _

Subparsers = Any
KINDS = ["word", "persona", "thread"]
ACTIONS = ["show", "collapse", "hide"]


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    mute = sub.add_parser("mute", help=_("mute a word, a persona or a thread (on this device)"))
    mute.add_argument("kind", choices=KINDS)
    mute.add_argument(
        "value",
        type=inputs.mute_target,
        help=_("the word or phrase, a persona, or a thread's first post"),
    )
    mute.add_argument("--for", dest="duration", choices=["day", "week", "forever"],
                      default="forever", help=_("how long (default: for good)"))  # fmt: skip
    mute.set_defaults(func=cmd_mute)
    unmute = sub.add_parser("unmute", help=_("lift a mute"))
    unmute.add_argument("kind", choices=KINDS)
    unmute.add_argument("value", type=inputs.mute_target)
    unmute.set_defaults(func=cmd_unmute)
    block = sub.add_parser("block", help=_("hide everything a persona writes (on this device)"))
    block.add_argument(
        "persona", type=inputs.lookup, help=_("pseudonym or public key (a unique prefix is enough)")
    )
    block.set_defaults(func=cmd_block)
    unblock = sub.add_parser("unblock", help=_("lift a block"))
    unblock.add_argument("persona", type=inputs.lookup)
    unblock.set_defaults(func=cmd_unblock)
    cw = sub.add_parser("cw", help=_("choose what content warnings do"))
    actions = cw.add_subparsers(title=_("actions"), metavar="ACTION", required=True)
    label = actions.add_parser("set", help=_("show, collapse or hide one label everywhere"))
    label.add_argument("label", type=inputs.cw_label)
    label.add_argument("action", choices=ACTIONS)
    label.set_defaults(func=cmd_cw_set)
    default = actions.add_parser("default", help=_("the default for one community's labels"))
    default.add_argument("slug", type=inputs.slug)
    default.add_argument("action", choices=ACTIONS)
    default.set_defaults(func=cmd_cw_default)


def cmd_mute(args: argparse.Namespace) -> int:
    """Muted things are hidden from feeds here; nobody is told."""
    from peerhaven.store.filter_prefs import mute

    with unlocked_store() as store:
        target = args.value
        if args.kind == "thread":
            from peerhaven.store.publish import resolve_event_id

            target = resolve_event_id(store, args.value)
        mute(store, args.kind, target, args.duration)
    span = {
        "day": _("for a day"),
        "week": _("for a week"),
        "forever": _("until you unmute it"),
    }
    print(
        _("Muted {kind} {value!r} {span}. Only this device knows.").format(
            kind=args.kind, value=args.value, span=span[args.duration]
        )
    )
    return 0


def cmd_unmute(args: argparse.Namespace) -> int:
    """Lift a mute."""
    from peerhaven.store.filter_prefs import unmute

    with unlocked_store() as store:
        target = args.value
        if args.kind == "thread":
            from peerhaven.store.publish import resolve_event_id

            target = resolve_event_id(store, args.value)
        unmute(store, args.kind, target)
    print(_("Unmuted {kind} {value!r}.").format(kind=args.kind, value=args.value))
    return 0


def cmd_block(args: argparse.Namespace) -> int:
    """A block hides all the persona writes; it is never sent anywhere."""
    from peerhaven.core.persona import pseudonym
    from peerhaven.store.filter_prefs import block

    with unlocked_store() as store:
        pubkey = block(store, args.persona)
    print(_("Blocked {pseudonym}. Only this device knows.").format(pseudonym=pseudonym(pubkey)))
    return 0


def cmd_unblock(args: argparse.Namespace) -> int:
    """Lift a block."""
    from peerhaven.store.filter_prefs import unblock

    with unlocked_store() as store:
        unblock(store, args.persona)
    print(_("Unblocked {persona}.").format(persona=args.persona))
    return 0


def cmd_cw_set(args: argparse.Namespace) -> int:
    """Per label, everywhere."""
    from peerhaven.store.filter_prefs import set_cw_policy

    with unlocked_store() as store:
        set_cw_policy(store, args.label, args.action)
    print(
        _("Posts with the warning {label!r}: {action}.").format(
            label=args.label, action=args.action
        )
    )
    return 0


def cmd_cw_default(args: argparse.Namespace) -> int:
    """Per community, for labels without a policy of their own."""
    from peerhaven.store.filter_prefs import set_community_default

    with unlocked_store() as store:
        set_community_default(store, args.slug, args.action)
    print(
        _("In {slug}, warnings without a policy of their own: {action}.").format(
            slug=args.slug, action=args.action
        )
    )
    return 0
