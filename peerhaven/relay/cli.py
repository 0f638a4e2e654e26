"""``peerhaven relay …``: serve, and the operator's commands on the same data directory.

Only argparse and the settings' declared bounds (pure, quick) are imported at
module level: the bare ``peerhaven`` command imports this module, and
Starlette, uvicorn and psycopg are slow to import.
Every operator command works before the first ``serve`` (it creates the data
directory, the store and the operator key) and, given ``--database-url``,
acts on PostgreSQL.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from peerhaven.core import inputs
from peerhaven.core.community import MAX_HOLD_FIRST_POSTS
from peerhaven.core.i18n import _
from peerhaven.relay.settings import BOUNDS

if TYPE_CHECKING:
    from peerhaven.relay.settings import RelaySettings


#: how many first posts a community may hold (the core's own bound, 0 turning it off)
HOLD_COUNT = inputs.Whole(0, MAX_HOLD_FIRST_POSTS)


def register(subparsers: Any) -> None:
    """Add the ``relay`` command group."""
    relay = subparsers.add_parser("relay", help=_("run and operate a relay"))
    relay.set_defaults(func=lambda args: relay.print_help() or 0)
    sub = relay.add_subparsers(title=_("relay commands"), metavar="COMMAND")

    serve = sub.add_parser("serve", help=_("serve the relay over HTTP"))
    _store_options(serve)
    serve.add_argument("--host", type=inputs.host, help=_("address to listen on"))
    serve.add_argument("--port", type=BOUNDS["port"], help=_("port to listen on"))
    serve.add_argument("--workers", type=BOUNDS["workers"], help=_("processes sharing the port"))
    serve.add_argument("--name", type=inputs.name, help=_("name shown in /v1/info"))
    serve.add_argument("--max-content-bytes", type=BOUNDS["max_content_bytes"])
    serve.add_argument("--max-batch", type=BOUNDS["max_batch"])
    serve.add_argument("--max-clock-skew", type=BOUNDS["max_clock_skew"], help=_("seconds"))
    serve.add_argument(
        "--pow-difficulty", type=BOUNDS["pow_difficulty"], help=_("leading zero bits")
    )
    serve.add_argument("--page-max", type=BOUNDS["page_max"])
    serve.add_argument("--max-body-bytes", type=BOUNDS["max_body_bytes"])
    serve.add_argument(
        "--open-communities",
        action="store_true",
        help=_("let anyone create a community by publishing a new definition"),
    )
    serve.add_argument("--pubkey-rate", type=BOUNDS["pubkey_rate"], help=_("events/s; 0: off"))
    serve.add_argument("--pubkey-burst", type=BOUNDS["pubkey_burst"])
    serve.add_argument(
        "--connection-rate", type=BOUNDS["connection_rate"], help=_("requests/s; 0: off")
    )
    serve.add_argument("--connection-burst", type=BOUNDS["connection_burst"])
    serve.add_argument("--verify-threads", type=BOUNDS["verify_threads"])
    serve.add_argument("--purge-interval", type=BOUNDS["purge_interval"], help=_("seconds"))
    serve.add_argument(
        "--max-streams", type=BOUNDS["max_streams"], help=_("live streams each process holds open")
    )
    serve.add_argument(
        "--stream-heartbeat", type=BOUNDS["stream_heartbeat"], help=_("seconds between heartbeats")
    )
    serve.add_argument(
        "--mailbox-retention",
        type=BOUNDS["mailbox_retention"],
        help=_("seconds a private message waits on this relay at most"),
    )
    serve.add_argument(
        "--mailbox-per-recipient",
        type=BOUNDS["mailbox_per_recipient"],
        help=_("private messages one mailbox may receive per day"),
    )
    serve.add_argument(
        "--requests-per-sender",
        type=BOUNDS["requests_per_sender"],
        help=_("message requests per sender per day that members' devices accept"),
    )
    serve.add_argument(
        "--edit-window",
        type=BOUNDS["edit_window"],
        help=_("seconds after a post in which its author may edit it"),
    )
    serve.add_argument(
        "--sqlite-sync",
        choices=["normal", "full"],
        default="normal",
        help=_("full: also survive a power cut, at one fsync per write transaction"),
    )
    serve.set_defaults(func=_serve)

    community = sub.add_parser("community", help=_("create and list communities"))
    community.set_defaults(func=lambda args: community.print_help() or 0)
    csub = community.add_subparsers(title=_("community commands"), metavar="COMMAND")
    create = csub.add_parser("create", help=_("create a community owned by the operator"))
    _store_options(create)
    create.add_argument("slug", type=inputs.slug)
    create.add_argument("--name", required=True, type=inputs.name)
    create.add_argument("--description", default="", type=inputs.text)
    create.add_argument("--rules-file", type=inputs.path, help=_("one rule per line"))
    create.add_argument(
        "--moderator", action="append", default=[], type=inputs.pubkey, metavar="PUBKEY"
    )
    create.add_argument(
        "--hold-first-posts",
        type=HOLD_COUNT,
        default=0,
        metavar="N",
        help=_("hold each persona's first N posts for a moderator's approval (0: off)"),
    )
    create.set_defaults(func=_community_create)
    hold = csub.add_parser(
        "hold", help=_("hold each persona's first N posts for approval (0 turns it off)")
    )
    _store_options(hold)
    hold.add_argument("slug", type=inputs.slug)
    hold.add_argument("count", type=HOLD_COUNT, metavar="N")
    hold.set_defaults(func=_community_hold)
    add_mod = csub.add_parser("add-moderator", help=_("make a pubkey a moderator"))
    _store_options(add_mod)
    add_mod.add_argument("slug", type=inputs.slug)
    add_mod.add_argument("pubkey", type=inputs.pubkey)
    add_mod.set_defaults(func=_community_add_moderator)
    listing = csub.add_parser("list", help=_("list communities"))
    _store_options(listing)
    listing.set_defaults(func=_community_list)

    for name, banned in (("ban", True), ("unban", False)):
        parser = sub.add_parser(
            name, help=_("{name} a pubkey relay-wide or in one community").format(name=name)
        )
        _store_options(parser)
        parser.add_argument("pubkey", type=inputs.pubkey)
        parser.add_argument("--community", default="", type=inputs.community_scope, metavar="SLUG")
        parser.set_defaults(func=_ban, banned=banned)

    stats = sub.add_parser("stats", help=_("counts of what the relay holds"))
    _store_options(stats)
    stats.set_defaults(func=_stats)

    samples = sub.add_parser(
        "samples", help=_("create the sample communities (only on a relay that has none)")
    )
    _store_options(samples)
    samples.set_defaults(func=_samples)


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=inputs.path, required=True, metavar="DIR", help=_("data directory")
    )
    parser.add_argument(
        "--database-url",
        default=None,
        type=inputs.database_url,
        metavar="URL",
        help=_("postgresql://… (default: SQLite)"),
    )


#: ``serve`` options that map one to one onto RelaySettings fields
SERVE_OPTIONS = (
    "host", "port", "workers", "name", "max_content_bytes", "max_batch", "max_clock_skew",
    "pow_difficulty", "page_max", "max_body_bytes", "pubkey_rate", "pubkey_burst",
    "connection_rate", "connection_burst", "verify_threads", "purge_interval", "edit_window",
    "max_streams", "stream_heartbeat", "mailbox_retention", "mailbox_per_recipient",
    "requests_per_sender",
)  # fmt: skip


def _settings(args: argparse.Namespace, **extra: Any) -> RelaySettings:
    from peerhaven.relay.settings import RelaySettings

    return RelaySettings(data_dir=args.data, database_url=args.database_url, **extra)


def _serve(args: argparse.Namespace) -> int:
    from peerhaven.relay.errors import ConfigError
    from peerhaven.relay.operations import open_for_operator
    from peerhaven.relay.server import serve

    # Only what the operator gave is passed on: RelaySettings holds every default
    # (its validation limits are the core's own), so the two cannot drift apart.
    given = {name: getattr(args, name) for name in SERVE_OPTIONS if getattr(args, name) is not None}
    if given.get("workers", 1) < 1:
        raise ConfigError(_("The number of workers must be at least 1."))
    settings = _settings(
        args,
        open_communities=args.open_communities,
        sqlite_synchronous=args.sqlite_sync.upper(),
        **given,
    )
    # Open the store once here, so a bad data directory or database URL is one
    # clear sentence before any server process starts.
    open_for_operator(settings).close()
    return serve(settings)


def _community_create(args: argparse.Namespace) -> int:
    from peerhaven.relay.operations import create_community, read_rules

    rules = read_rules(args.rules_file) if args.rules_file else []
    settings = _settings(args)
    event_id = create_community(
        settings,
        args.slug,
        args.name,
        args.description,
        rules,
        args.moderator,
        hold_first_posts=args.hold_first_posts,
    )
    print(
        _("Created community {slug} ({event_id}…).").format(slug=args.slug, event_id=event_id[:12])
    )
    if args.hold_first_posts:
        print(
            _("Each persona's first {hold_first_posts} posts wait for a moderator.").format(
                hold_first_posts=args.hold_first_posts
            )
        )
    return 0


def _community_hold(args: argparse.Namespace) -> int:
    from peerhaven.relay.operations import set_hold_first_posts

    set_hold_first_posts(_settings(args), args.slug, args.count)
    if args.count:
        print(
            _("In {slug}, each persona's first {count} posts now wait for a moderator.").format(
                slug=args.slug, count=args.count
            )
        )
    else:
        print(
            _(
                "{slug} no longer holds first posts; posts held now still wait for a decision."
            ).format(slug=args.slug)
        )
    return 0


def _community_add_moderator(args: argparse.Namespace) -> int:
    from peerhaven.relay.operations import add_moderator

    add_moderator(_settings(args), args.slug, args.pubkey)
    print(_("{pubkey}… now moderates {slug}.").format(pubkey=args.pubkey[:12], slug=args.slug))
    return 0


def _community_list(args: argparse.Namespace) -> int:
    from peerhaven.relay.operations import list_communities

    rows = list_communities(_settings(args))
    if not rows:
        print(_("No communities yet."))
    for definition in rows:
        mods = len(definition.moderators)
        held = definition.hold_first_posts
        hold = _("\tholds first {held} posts").format(held=held) if held else ""
        print(
            _("{slug}\t{name}\towner {owner}…\t{count} mods").format(
                slug=definition.slug, name=definition.name, owner=definition.owner[:12], count=mods
            )
            + hold
        )
    return 0


def _ban(args: argparse.Namespace) -> int:
    from peerhaven.relay.operations import set_ban

    changed = set_ban(_settings(args), args.pubkey, args.community, args.banned)
    scope = f"in {args.community}" if args.community else "relay-wide"
    verb = "banned" if args.banned else "unbanned"
    print(
        _("{pubkey}… {verb} {scope}.").format(pubkey=args.pubkey[:12], verb=verb, scope=scope)
        if changed
        else _("Nothing to change {scope}.").format(scope=scope)
    )
    return 0


def _samples(args: argparse.Namespace) -> int:
    """One created slug a line (nothing when the relay had communities), for scripts and for
    the client's local relay, which runs this as a process so it never imports the relay."""
    from peerhaven.relay.samples import seed_samples

    for slug in seed_samples(_settings(args)):
        print(slug)
    return 0


def _stats(args: argparse.Namespace) -> int:
    from peerhaven.relay.operations import stats

    for key, value in stats(_settings(args)).items():
        print(f"{key}\t{value}")
    return 0
