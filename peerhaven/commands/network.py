"""``relays``, ``communities``, ``join``, ``leave``, ``sync``, ``outbox``, ``settings``."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any

from peerhaven.commands.common import print_json, unlocked_store, when
from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.core.inert import inert, inert_json, inert_line
from peerhaven.core.sentences import clause, sentence

if TYPE_CHECKING:
    from peerhaven.store.join_persona import PersonaChoice
    from peerhaven.sync import Syncer
from peerhaven.core import inputs

Subparsers = Any

#: said once on the first Ctrl+C of a sync
STOPPING_NOTICE = N_("Stopping after the request in flight; Ctrl+C again stops at once.\n")


def _proxy_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--proxy",
        type=inputs.proxy_url,
        help=_("route through this proxy, e.g. socks5h://127.0.0.1:9050 for Tor"),
    )


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    relays = sub.add_parser("relays", help=_("the relays you sync with, and their status"))
    relays.set_defaults(func=cmd_relays_list)
    relays.add_argument("--json", action="store_true", help=_("machine-readable output"))
    actions = relays.add_subparsers(title=_("actions"), metavar="ACTION")
    add = actions.add_parser("add", help=_("add a relay"))
    add.add_argument("url", type=inputs.relay_url)
    add.set_defaults(func=cmd_relays_add)
    remove = actions.add_parser("remove", help=_("forget a relay"))
    remove.add_argument("url", type=inputs.line)  # old, unchecked addresses too
    remove.set_defaults(func=cmd_relays_remove)
    local = actions.add_parser(
        "local", help=_("a relay on this device with sample communities, to try things out")
    )
    local.set_defaults(func=cmd_relays_local_status)
    local_actions = local.add_subparsers(title=_("local relay actions"), metavar="ACTION")
    start = local_actions.add_parser("start", help=_("start it (and add it to your relays)"))
    start.add_argument(
        "--port", type=inputs.PORT, help=_("port on 127.0.0.1 (default: the last one used)")
    )
    start.set_defaults(func=cmd_relays_local_start)
    stop = local_actions.add_parser("stop", help=_("stop it"))
    stop.set_defaults(func=cmd_relays_local_stop)
    status = local_actions.add_parser("status", help=_("whether it runs, and where"))
    status.set_defaults(func=cmd_relays_local_status)

    communities = sub.add_parser("communities", help=_("browse what your relays offer"))
    communities.add_argument("--relay", type=inputs.relay_url, help=_("only this relay"))
    communities.add_argument("--offline", action="store_true", help=_("show what was seen last"))
    communities.add_argument("--json", action="store_true", help=_("machine-readable output"))
    _proxy_option(communities)
    communities.set_defaults(func=cmd_communities)

    join = sub.add_parser("join", help=_("join a community (a new persona for it by default)"))
    join.add_argument("slug", type=inputs.slug)
    join.add_argument(
        "--relay", type=inputs.relay_url, help=_("the relay to trust for its definition")
    )
    join.add_argument(
        "--persona",
        type=inputs.lookup,
        help=_(
            "speak as this persona (pseudonym or key) instead of a new one; "
            "asked at the prompt when not given"
        ),
    )
    join.add_argument("--observer", action="store_true", help=_("read only; publish nothing"))
    join.add_argument(
        "--accept-rules", action="store_true", help=_("accept the community's rules (for scripts)")
    )
    _proxy_option(join)
    join.set_defaults(func=cmd_join)

    leave = sub.add_parser("leave", help=_("leave a community and erase its feed here"))
    leave.add_argument("slug", type=inputs.slug)
    leave.set_defaults(func=cmd_leave)

    offline = sub.add_parser("offline", help=_("choose what is kept for offline reading"))
    offline.add_argument("slug", type=inputs.slug)
    keep = offline.add_mutually_exclusive_group()
    keep.add_argument("--on", dest="keep", action="store_true", default=None, help=_("keep it"))
    keep.add_argument(
        "--off", dest="keep", action="store_false", help=_("stop fetching; erase its posts")
    )
    offline.add_argument(
        "--days", type=inputs.Whole(1, 36_500), help=_("keep only this many days of it")
    )
    offline.set_defaults(func=cmd_offline)

    sync = sub.add_parser("sync", help=_("send the outbox and fetch new posts"))
    sync.add_argument("--watch", action="store_true", help=_("keep syncing until interrupted"))
    sync.add_argument(
        "--interval", type=inputs.INTERVAL, default=30.0, help=_("seconds between syncs")
    )
    sync.add_argument("--force", action="store_true", help=_("ignore back-off and retry now"))
    sync.add_argument("--json", action="store_true", help=_("machine-readable summary"))
    sync.add_argument(
        "--deadline",
        type=inputs.Number(1.0, 86_400.0, "seconds"),
        metavar="SECONDS",
        help=_("the longest one relay may take for a whole sync (default 120)"),
    )
    sync.add_argument(
        "--min-rate",
        type=inputs.Whole(0, 1024**3),
        metavar="BYTES",
        help=_("an answer slower than this many bytes a second is cut off (default 1024)"),
    )
    _proxy_option(sync)
    sync.set_defaults(func=cmd_sync)

    outbox = sub.add_parser("outbox", help=_("what waits to be sent, and what relays refused"))
    outbox.set_defaults(func=cmd_outbox)

    from peerhaven.store.settings import describe_settings

    settings = sub.add_parser(
        "settings",
        help=_("show or change a setting"),
        epilog=describe_settings(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    settings.add_argument("key", nargs="?", type=inputs.line)
    settings.add_argument(
        "value", nargs="?", type=inputs.line, help=_("JSON or plain text; 'null' to reset")
    )
    settings.set_defaults(func=cmd_settings)


def cmd_relays_add(args: argparse.Namespace) -> int:
    """Remember a relay; the next sync contacts it."""
    from peerhaven.store.relays import add_relay

    with unlocked_store() as store:
        url = add_relay(store, args.url)
    print(_("Added {url}. `peerhaven communities` shows what it offers.").format(url=url))
    return 0


def cmd_relays_remove(args: argparse.Namespace) -> int:
    """Forget a relay and what it offered; the local relay is stopped and not started again."""
    from peerhaven.store.relays import remove_relay
    from peerhaven.sync.local_relay import forget_local_relay, local_relay_url, stop_local_relay

    with unlocked_store() as store:
        removed = remove_relay(store, args.url)
        local = local_relay_url(store) == removed
        if local:
            forget_local_relay(store)
    if local and stop_local_relay():
        print(
            _("Removed {url} and stopped the local relay; its data stays for next time.").format(
                url=args.url
            )
        )
    else:
        print(_("Removed {url}.").format(url=args.url))
    return 0


def cmd_relays_local_start(args: argparse.Namespace) -> int:
    """Start the local relay, add it to the relays, and fetch what it offers."""
    from peerhaven.sync import Syncer, SyncError
    from peerhaven.sync.local_relay import start_local_relay, use_local_relay

    with unlocked_store() as store:  # first, so a wrong passphrase starts nothing
        relay = start_local_relay(
            port=args.port, progress=lambda text: print(text, file=sys.stderr)
        )
        url = use_local_relay(store, relay)
        try:
            with Syncer(store) as syncer:
                offered, _unused = syncer.browse(url)
        except SyncError as exc:
            print(_("note: {error}").format(error=sentence(str(exc))), file=sys.stderr)
            offered = 0
    state = _("Started") if relay.started else _("Already running:")
    print(
        _("{state} the local relay at {url}; it offers {offered} communities.").format(
            state=state, url=url, offered=offered
        )
    )
    if relay.created:
        print(
            _("Sample communities: {join} (their first posts are examples).").format(
                join=", ".join(relay.created)
            )
        )
    print(_("`peerhaven communities` lists them, `peerhaven join SLUG` joins one, and"))
    print(_("`peerhaven relays local stop` stops the relay (it keeps running until then)."))
    return 0


def cmd_relays_local_stop(args: argparse.Namespace) -> int:
    """Stop the local relay; its data and port stay for the next start."""
    from peerhaven.sync.local_relay import stop_local_relay

    if stop_local_relay():
        print(_("Stopped the local relay; its communities and posts stay for the next start."))
    else:
        print(_("The local relay is not running."))
    return 0


def cmd_relays_local_status(args: argparse.Namespace) -> int:
    """Whether the local relay runs, on which address, and where its data lives."""
    from peerhaven.sync.local_relay import local_relay_status

    print(_("Local relay: {describe}").format(describe=local_relay_status().describe()))
    return 0


def cmd_relays_list(args: argparse.Namespace) -> int:
    """Each relay's state in words: online or offline, last success, pending, last error."""
    from peerhaven.store.communities import trust_warnings
    from peerhaven.store.relays import relay_statuses
    from peerhaven.sync.local_relay import local_relay_url

    with unlocked_store() as store:
        statuses = relay_statuses(store)
        warnings = trust_warnings(store)
        local = local_relay_url(store)
    if args.json:
        print_json(statuses)
        return 0
    if not statuses:
        print(_("No relays yet. `peerhaven relays add URL` adds one; everything works offline."))
    for status in statuses:
        mark = _("  (local relay on this device)") if status.url == local else ""
        print(f"{status.url}{mark}\n  {inert_line(status.describe())}")
        if status.communities:
            print(_("  communities: {join}").format(join=", ".join(status.communities)))
    for slug, relay, pubkey, seen in warnings:
        print(
            _(
                "WARNING: {value} served a definition of {slug!r} signed by {pubkey}…, not by "
                "the owner you trusted when joining; it was refused ({when})."
            ).format(value=relay or _("a relay"), slug=slug, pubkey=pubkey[:12], when=when(seen))
        )
    return 0


def _browse(store: Any, relay: str | None, proxy: str | None) -> list[str]:
    """Fetch offers from relays; returns one line per relay that could not be reached."""
    from peerhaven.store.relays import normalise_url, relay_urls
    from peerhaven.sync import Syncer, SyncError

    urls = [normalise_url(relay)] if relay else relay_urls(store)
    problems = []
    with Syncer(store, proxy=proxy) as syncer:
        for url in urls:
            try:
                kept, refused = syncer.browse(url)
                if refused:
                    problems.append(
                        _("{url} served {refused} definitions that failed verification").format(
                            url=url, refused=refused
                        )
                    )
            except SyncError as exc:  # may quote the relay: made inert where it is printed
                problems.append(str(exc))
    return problems


def cmd_communities(args: argparse.Namespace) -> int:
    """What the relays offer; ``*`` marks joined ones. Offline, what was seen last."""
    from peerhaven.store.communities import memberships, offers

    with unlocked_store() as store:
        problems = [] if args.offline else _browse(store, args.relay, args.proxy)
        found = offers(store)
        joined = {m.slug for m in memberships(store)}
    for problem in problems:
        print(
            _("note: {problem}; showing what was seen last.").format(
                problem=inert_line(clause(problem))
            ),
            file=sys.stderr,
        )
    by_slug: dict[str, list[Any]] = {}
    for offer in found:
        if args.relay is None or offer.relay_url.startswith(args.relay.rstrip("/")):
            by_slug.setdefault(offer.definition.slug, []).append(offer)
    if args.json:
        print(
            inert_json(
                json.dumps(
                    [
                        {
                            "slug": slug,
                            "name": items[0].definition.name,
                            "description": items[0].definition.description,
                            "rules": list(items[0].definition.rules),
                            "owner": items[0].event.pubkey,
                            "relays": [o.relay_url for o in items],
                            "joined": slug in joined,
                        }
                        for slug, items in sorted(by_slug.items())
                    ],
                    ensure_ascii=False,
                )
            )
        )
        return 0
    if not by_slug:
        print(_("No communities known yet. Add a relay with `peerhaven relays add URL`."))
    for slug, items in sorted(by_slug.items()):
        mark = "*" if slug in joined else " "
        definition = items[0].definition
        print(f"{mark} {slug:<24} {inert_line(definition.name)}")
        if definition.description:
            print(_indented(definition.description, "    "))
        print(_("    on {join}").format(join=", ".join(o.relay_url for o in items)))
    return 0


def _indented(text: str, first: str, rest: str | None = None) -> str:
    """Someone else's text made inert, each of its lines indented under ``first``
    (so a line of theirs can never pass for a line of ours)."""
    lines = inert(text).splitlines() or [""]
    follow = first if rest is None else rest
    return "\n".join([first + lines[0], *(follow + line for line in lines[1:])])


def _confirm_rules(slug: str, rules: tuple[str, ...], accepted: bool) -> bool:
    """Show the rules; a person confirms at the prompt, a script with --accept-rules."""
    from peerhaven.store.errors import BadInput

    print(_("The rules of {slug}:").format(slug=slug))
    for number, rule in enumerate(rules, 1):
        print(_indented(rule, f"  {number}. ", "     "))
    if accepted:
        return True
    if not sys.stdin.isatty():
        raise BadInput(
            _("{slug} has rules (above); add --accept-rules to join and accept them.").format(
                slug=slug
            )
        )
    answer = input(_("Do you accept these rules? [y/N] ")).strip().lower()
    return answer in ("y", "yes", _("y"), _("yes"))


def cmd_join(args: argparse.Namespace) -> int:
    """Join from what relays offer: rules first, then the owner's key is pinned."""
    from peerhaven.core.persona import pseudonym
    from peerhaven.store.communities import accept_rules, join, offers
    from peerhaven.store.join_persona import WHY_NEW
    from peerhaven.store.personas import list_personas

    with unlocked_store() as store:
        if not offers(store, args.slug):
            for problem in _browse(store, args.relay, args.proxy):
                print(_("note: {problem}").format(problem=inert_line(problem)), file=sys.stderr)
        found = [o for o in offers(store, args.slug) if not args.relay or o.relay_url == args.relay]
        rules = max(found, key=lambda o: o.event.created_at).definition.rules if found else ()
        if rules and not _confirm_rules(args.slug, rules, args.accept_rules):
            print(_("You did not join {slug}.").format(slug=args.slug))
            return 0
        chosen = args.persona
        if chosen is None and not args.observer:  # an observer publishes nothing: no question
            chosen = _choose_persona(store, args.slug).pubkey
        had = {persona.pubkey for persona in list_personas(store)}
        member = join(
            store, args.slug, relay_url=args.relay, persona=chosen, observer=args.observer
        )
        new = member.persona not in had
        if rules:
            accept_rules(store, args.slug)
    name = inert_line(member.name)
    if member.observer:
        print(
            _(
                "Observing {name} ({slug}): reading only; nothing is published and no persona is "
                "shown."
            ).format(name=name, slug=member.slug)
        )
    elif new:
        print(
            _("Joined {name} ({slug}) as {pseudonym}, a new persona:").format(
                name=name, slug=member.slug, pseudonym=pseudonym(member.persona)
            )
        )
        print(
            _("  {WHY_NEW}. `--persona NAME` joins as one you already have.").format(
                WHY_NEW=_(WHY_NEW)
            )
        )
    else:
        print(
            _("Joined {name} ({slug}) as {pseudonym}.").format(
                name=name, slug=member.slug, pseudonym=pseudonym(member.persona)
            )
        )
    print(_("`peerhaven sync` fetches its posts; `peerhaven read` shows them."))
    return 0


def _choose_persona(store: Any, slug: str) -> PersonaChoice:
    """Ask at the prompt who to be there (Enter keeps the default: a new persona); a script
    (no terminal) gets the default without being asked."""
    from peerhaven.store.errors import BadInput
    from peerhaven.store.join_persona import persona_choices

    choices = persona_choices(store)
    if not sys.stdin.isatty() or len(choices) == 1:
        return choices[0]
    print(_("Join {slug} as:").format(slug=slug))
    for number, choice in enumerate(choices, 1):
        print(f"  {number}. {choice.words}: {choice.detail}")
    answer = input(_("Choose 1-{count} [1]: ").format(count=len(choices))).strip()
    if not answer:
        return choices[0]
    if not answer.isdigit() or not 1 <= int(answer) <= len(choices):
        raise BadInput(
            _("Choose a number from 1 to {count}; nothing was joined.").format(count=len(choices))
        )
    return choices[int(answer) - 1]


def cmd_offline(args: argparse.Namespace) -> int:
    """Per community: keep for offline reading or not, and how far back."""
    from peerhaven.store.communities import membership, set_offline_policy
    from peerhaven.store.retention import apply_retention

    with unlocked_store() as store:
        set_offline_policy(store, args.slug, keep_offline=args.keep, keep_days=args.days)
        removed = apply_retention(store).total
        member = membership(store, args.slug)
    span = (
        _("the last {keep_days} days").format(keep_days=member.keep_days)
        if member.keep_days
        else _("everything")
    )
    state = (
        _("kept for offline reading ({span})").format(span=span)
        if member.keep_offline
        else _("not fetched")
    )
    print(
        _("{slug}: {state}; {removed} older posts removed from this device.").format(
            slug=args.slug, state=state, removed=removed
        )
    )
    return 0


def cmd_leave(args: argparse.Namespace) -> int:
    """Leave: the community's posts are erased from this device; your own stay."""
    from peerhaven.store.communities import leave

    with unlocked_store() as store:
        erased = leave(store, args.slug)
    print(
        _("Left {slug}; {erased} posts were erased from this device.").format(
            slug=args.slug, erased=erased
        )
    )
    return 0


def _summary(report: Any) -> list[str]:
    lines = []
    for relay in report.relays:
        if relay.skipped:
            lines.append(
                _("{url}: waiting to retry (use --force to try now)").format(url=relay.url)
            )
            continue
        parts = [f"sent {relay.pushed:,}", f"received {relay.pulled:,}"]
        if relay.refused:
            parts.append(
                _("{count} refused (see `peerhaven outbox`)").format(count=len(relay.refused))
            )
        if relay.held:
            parts.append(_("{count} held for a moderator's approval").format(count=len(relay.held)))
        dropped = sum(relay.dropped.values())
        if dropped:
            reasons = ", ".join(f"{n} {why}" for why, n in relay.dropped.most_common())
            parts.append(
                ngettext(
                    "DROPPED {count} event that failed verification ({reasons})",
                    "DROPPED {count} events that failed verification ({reasons})",
                    dropped,
                ).format(count=dropped, reasons=reasons)
            )
        if relay.error:
            parts.append(_("offline: {error}").format(error=inert_line(relay.error)))
        lines.append(f"{relay.url}: " + "; ".join(parts))
    return lines


def cmd_sync(args: argparse.Namespace) -> int:
    """One sync, or ``--watch`` to repeat; a progress bar shows long pulls.

    ``--watch`` keeps the app's schedule (``sync/background.py``): one sync at a time,
    the next one ``--interval`` seconds after the last ended, all stopped by Ctrl+C.
    """
    from peerhaven.sync import Syncer, SyncStopped
    from peerhaven.sync.background import BackgroundSync, SyncRun

    budget = _budget(args)
    launched: list[SyncRun] = []  # runs inline: the command has nothing else to do
    schedule = BackgroundSync(launched.append, lambda: float(args.interval))
    with unlocked_store() as store:
        progress, finish = _progress_bar()
        syncer = Syncer(store, proxy=args.proxy, progress=progress, budget=budget)
        with syncer, _ctrl_c_stops(syncer):
            schedule.opened(first_in=0.0)
            answer_due = threading.Event()  # set by a stream: something waits to be sent
            try:
                while True:
                    run = _next_round(schedule, launched, syncer.stopping, answer_due)
                    try:
                        report = syncer.sync(relays=run.relays, force=args.force)
                    except SyncStopped:
                        finish()
                        raise KeyboardInterrupt from None
                    finish()
                    schedule.ended(stopped=False)
                    _print_report(report, as_json=args.json)
                    if not args.watch and not syncer.stopping.is_set():
                        break
                    if not schedule.live:  # caught up: from now on each relay's live stream
                        # stores what arrives
                        watch = _LiveWatch(syncer, as_json=args.json, answer_due=answer_due)
                        schedule.live.append(watch)
                        watch.start()
            finally:
                schedule.closed()
    failed = report.relays and all(r.error or r.skipped for r in report.relays)
    return 1 if failed else 0


class _LiveWatch:
    """``sync --watch``'s live streams (``sync/live.py``), one per relay, on the command's
    own syncer (they take turns at the store with its syncs); each arrival is a line."""

    def __init__(self, syncer: Syncer, *, as_json: bool, answer_due: threading.Event) -> None:
        from peerhaven.sync.live import LiveSync

        self.syncer = syncer
        self.as_json = as_json
        self.answer_due = answer_due
        self.live = LiveSync(syncer, on_arrival=self._arrived, on_mailbox=self._private)

    def _private(self, url: str, stored: tuple[str, ...]) -> None:
        """Private messages or circle events came: counted (never what they say), and an
        answer they asked for (a circle's welcome, a new key) leaves with a sync now."""
        from peerhaven.core.i18n import ngettext
        from peerhaven.store.outbox import pending_count

        if self.as_json:
            print(json.dumps({"live": url, "private": len(stored)}), flush=True)
        else:
            line = ngettext(
                "{url}: {count} private message or circle event (live)",
                "{url}: {count} private messages or circle events (live)",
                len(stored),
            )
            print(line.format(url=url, count=f"{len(stored):,}"), flush=True)
        with self.syncer.turns.holding():
            due = pending_count(self.syncer.store, url) > 0
        if due:
            self.answer_due.set()

    def _arrived(self, arrival: Any) -> None:
        if self.as_json:
            line = {"live": arrival.url, "community": arrival.community, "new": len(arrival.ids)}
            print(json.dumps(line), flush=True)
        else:
            count = len(arrival.ids)
            print(
                _("{url}: {count:,} new in {community} (live)").format(
                    url=arrival.url, count=count, community=arrival.community
                ),
                flush=True,
            )

    def start(self) -> None:
        from peerhaven.store.relays import relay_urls

        with self.syncer.turns.holding():
            urls = relay_urls(self.syncer.store)
        self.live.start(urls)

    def stop(self) -> None:
        self.live.stop()


def _next_round(
    schedule: Any, launched: list[Any], stopping: threading.Event, answer_due: threading.Event
) -> Any:
    """Wait until the schedule starts the next sync (at once the first time, and at once
    when a stream brought something that asked for an answer); Ctrl+C while waiting ends
    the command."""
    while not schedule.tick():
        if answer_due.is_set():
            answer_due.clear()
            schedule.request()
            continue
        due = schedule.next_at if schedule.next_at is not None else time.monotonic()
        if stopping.wait(min(1.0, max(0.01, due - time.monotonic()))):
            raise KeyboardInterrupt
    if stopping.is_set():  # Ctrl+C came during the last sync's summary
        raise KeyboardInterrupt
    return launched.pop()


def _print_report(report: Any, *, as_json: bool) -> None:
    """One sync's outcome: a JSON line per sync, or the summary in words."""
    if as_json:
        print(
            json.dumps(
                [
                    {
                        "url": r.url,
                        "pushed": r.pushed,
                        "pulled": r.pulled,
                        "refused": r.refused,
                        "held": r.held,
                        "dropped": dict(r.dropped),
                        "error": r.error,
                        "skipped": r.skipped,
                        "requests": r.traffic.requests,
                        "bytes_sent": r.traffic.sent,
                        "bytes_received": r.traffic.received,
                    }
                    for r in report.relays
                ]
            ),
            flush=True,
        )
    else:
        lines = _summary(report) or [_("No relays yet; nothing to sync.")]
        print("\n".join(lines), flush=True)


def _budget(args: argparse.Namespace) -> Any:
    """The round budget with ``--deadline`` and ``--min-rate`` applied (the border checked them)."""
    from dataclasses import replace

    from peerhaven.sync.budget import DEFAULT_BUDGET

    budget = DEFAULT_BUDGET
    if args.deadline is not None:
        budget = replace(budget, deadline=args.deadline)
    if args.min_rate is not None:
        budget = replace(budget, min_rate=args.min_rate)
    return budget


@contextmanager
def _ctrl_c_stops(syncer: Syncer) -> Iterator[None]:
    """The first Ctrl+C ends the sync at its next safe point, the second at once.

    A KeyboardInterrupt can land anywhere, in the middle of a library's
    bookkeeping too; a stop lands only where the sync checks for it: between
    pages, batches and rounds, where every page already stored is committed with
    its cursor. A request in flight still runs to its end (or its timeout), so
    a second Ctrl+C is there for a slow link.
    """

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        if syncer.stopping.is_set():
            raise KeyboardInterrupt
        syncer.stop()
        # os.write, not print: this may run while the main thread is inside a print
        os.write(2, _(STOPPING_NOTICE).encode())

    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread; elsewhere, keep the default
        return
    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _progress_bar() -> tuple[Any, Any]:
    """A bar on a terminal once a pull passes a few hundred events; silent when piped."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    # a relay does not say how much is left, so a count tells more than a bar
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn(_("{task.completed:,} events received")),
        TimeElapsedColumn(),
        transient=True,
    )
    tasks: dict[tuple[str, str], Any] = {}

    def update(url: str, slug: str, count: int) -> None:
        if count < 500 and (url, slug) not in tasks:
            return
        if not tasks:
            bar.start()
        if (url, slug) not in tasks:
            tasks[(url, slug)] = bar.add_task(f"{slug} from {url}", total=None)
        bar.update(tasks[(url, slug)], completed=count)

    def finish() -> None:
        if tasks:
            bar.stop()
            tasks.clear()

    return update, finish


def cmd_outbox(args: argparse.Namespace) -> int:
    """Pending counts per relay and each refusal with its reason."""
    from peerhaven.store.held import waiting_for_approval
    from peerhaven.store.outbox import pending_count, reason_words, refusals
    from peerhaven.store.relays import relay_urls

    with unlocked_store() as store:
        total = pending_count(store)
        per_relay = [(url, pending_count(store, url)) for url in relay_urls(store)]
        refused = refusals(store)
        held = waiting_for_approval(store)
    print(
        _("{total} {value} waiting to be sent.").format(
            total=total, value="event" if total == 1 else "events"
        )
    )
    for url, count in per_relay:
        print(f"  {url}: {count}")
    for item in refused:
        print(
            _("refused by {relay_url}: {event_id} in {community} ({reason_words})").format(
                relay_url=item.relay_url,
                event_id=item.event_id[:12],
                community=item.community,
                reason_words=reason_words(item.reason),
            )
        )
    for post in held:
        state = (
            _("declined by a moderator")
            if post.state == "declined"
            else _("waits for a moderator's approval")
        )
        print(
            _("held by {relay_url}: {event_id} in {community} ({state})").format(
                relay_url=post.relay_url,
                event_id=post.event_id[:12],
                community=post.community,
                state=state,
            )
        )
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    """Show every setting, one, or change one (values are JSON, or plain text)."""
    from peerhaven.store.settings import (
        DEFAULTS,
        all_settings,
        get_setting,
        set_setting,
        validate_setting,
    )

    with unlocked_store() as store:
        if args.key is None:
            for key, value in sorted(all_settings(store).items()):
                print(f"{key} = {json.dumps(value)}")
            return 0
        validate_setting(args.key, DEFAULTS.get(args.key))  # an unknown name: one sentence
        if args.value is None:
            print(json.dumps(get_setting(store, args.key)))
            return 0
        try:
            value = json.loads(args.value)
        except (ValueError, RecursionError):
            value = args.value
        if isinstance(value, str):
            value = value.strip() or None  # an empty text clears, like null
        set_setting(store, args.key, value)
        value = get_setting(store, args.key)
    print(f"{args.key} = {json.dumps(value)}")
    return 0
