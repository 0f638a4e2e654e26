"""``export`` and ``import``: everything you own, in one file you can carry."""

from __future__ import annotations

import argparse
from typing import Any

from peerhaven.commands.common import ENV_EXPORT_PASSPHRASE, read_secret, unlocked_store
from peerhaven.core import inputs
from peerhaven.core.i18n import _, ngettext

#: the exit code when an import refused any item (what it took is kept)
EXIT_ERROR = 1

Subparsers = Any


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    export = sub.add_parser("export", help=_("write everything you own to one file"))
    export.add_argument(
        "--out",
        required=True,
        type=inputs.path,
        help=_("where to write the export (never inside PeerHaven's data folder)"),
    )
    export.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    export.add_argument(
        "--plaintext",
        action="store_true",
        help=_("do not encrypt (anyone who reads the file can read your journal)"),
    )
    export.set_defaults(func=cmd_export)
    imp = sub.add_parser(
        "import",
        help=_("merge an export file into this store (exit 1 if any item was refused)"),
    )
    imp.add_argument("file", type=inputs.path, help=_("an export file, optionally gzipped"))
    imp.set_defaults(func=cmd_import)


def _count(name: str, count: int) -> str:
    """A section of an export counted as a sentence names it: "3 journal entries"."""
    words = {
        "personas": ngettext("{count} persona", "{count} personas", count),
        "journal": ngettext("{count} journal entry", "{count} journal entries", count),
        "drafts": ngettext("{count} draft", "{count} drafts", count),
        "events": ngettext("{count} own event", "{count} own events", count),
        "relays": ngettext("{count} relay", "{count} relays", count),
        "communities": ngettext("{count} community", "{count} communities", count),
        "community_relays": ngettext(
            "{count} community relay link", "{count} community relay links", count
        ),
        "memberships": ngettext("{count} membership", "{count} memberships", count),
        "blocks": ngettext("{count} block", "{count} blocks", count),
        "mutes": ngettext("{count} mute", "{count} mutes", count),
        "settings": ngettext("{count} setting", "{count} settings", count),
    }
    return words.get(name, "{count} " + name).format(count=count)


def _summary(counts: dict[str, int]) -> str:
    parts = [_count(name, count) for name, count in counts.items() if count]
    return ", ".join(parts) if parts else _("nothing new")


def cmd_export(args: argparse.Namespace) -> int:
    """Sealed with its own passphrase unless --plaintext is asked for."""
    from peerhaven.store.export import write_export
    from peerhaven.store.outputs import check_output_path

    check_output_path(args.out, force=args.force)
    with unlocked_store() as store:
        passphrase = (
            None
            if args.plaintext
            else read_secret(ENV_EXPORT_PASSPHRASE, _("Passphrase for the export: "), confirm=True)
        )
        out, data = write_export(store, args.out, passphrase, force=args.force)
    counts = {name: len(items) for name, items in data.items() if isinstance(items, list)}
    print(_("Exported {summary} to {out}.").format(summary=_summary(counts), out=out))
    if args.plaintext:
        print(
            _(
                "This file is NOT encrypted: anyone who reads it can read your journal and "
                "act as you."
            )
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Merge, never overwrite: what is already here stays as it is; refusals are listed."""
    from peerhaven.store.export import is_sealed, read_export
    from peerhaven.store.importing import import_data

    document = read_export(args.file)
    with unlocked_store() as store:
        passphrase = (
            read_secret(ENV_EXPORT_PASSPHRASE, _("Passphrase of the export: "))
            if is_sealed(document)
            else None
        )
        report = import_data(store, document, passphrase)
    if report.total() or not report.refused_total():
        already = _(" (everything in it is already here)") if not report.total() else ""
        print(
            _("Imported {summary} from {file}{already}.").format(
                summary=_summary(report.added), file=args.file, already=already
            )
        )
    else:
        print(_("Imported nothing from {file}.").format(file=args.file))
    for section, reasons in report.refused.items():
        for reason, count in reasons.most_common():
            print(
                _("Refused {count}: {reason}.").format(count=_count(section, count), reason=reason)
            )
    return EXIT_ERROR if report.refused_total() else 0
