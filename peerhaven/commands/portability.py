"""``export`` and ``import``: everything you own, in one file you can carry."""

from __future__ import annotations

import argparse
from typing import Any

from peerhaven.commands.common import ENV_EXPORT_PASSPHRASE, read_secret, unlocked_store
from peerhaven.core import inputs

#: the exit code when an import refused any item (what it took is kept)
EXIT_ERROR = 1

Subparsers = Any


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    export = sub.add_parser("export", help="write everything you own to one file")
    export.add_argument(
        "--out",
        required=True,
        type=inputs.path,
        help="where to write the export (never inside PeerHaven's data folder)",
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument(
        "--plaintext",
        action="store_true",
        help="do not encrypt (anyone who reads the file can read your journal)",
    )
    export.set_defaults(func=cmd_export)
    imp = sub.add_parser(
        "import",
        help="merge an export file into this store (exit 1 if any item was refused)",
    )
    imp.add_argument("file", type=inputs.path, help="an export file, optionally gzipped")
    imp.set_defaults(func=cmd_import)


#: each section of an export, singular and plural, as a sentence names it
NOUNS = {
    "personas": ("persona", "personas"),
    "journal": ("journal entry", "journal entries"),
    "drafts": ("draft", "drafts"),
    "events": ("own event", "own events"),
    "relays": ("relay", "relays"),
    "communities": ("community", "communities"),
    "community_relays": ("community relay link", "community relay links"),
    "memberships": ("membership", "memberships"),
    "blocks": ("block", "blocks"),
    "mutes": ("mute", "mutes"),
    "settings": ("setting", "settings"),
}


def _count(name: str, count: int) -> str:
    singular, plural = NOUNS.get(name, (name, name))
    return f"{count} {singular if count == 1 else plural}"


def _summary(counts: dict[str, int]) -> str:
    parts = [_count(name, count) for name, count in counts.items() if count]
    return ", ".join(parts) if parts else "nothing new"


def cmd_export(args: argparse.Namespace) -> int:
    """Sealed with its own passphrase unless --plaintext is asked for."""
    from peerhaven.store.export import write_export
    from peerhaven.store.outputs import check_output_path

    check_output_path(args.out, force=args.force)
    with unlocked_store() as store:
        passphrase = (
            None
            if args.plaintext
            else read_secret(ENV_EXPORT_PASSPHRASE, "Passphrase for the export: ", confirm=True)
        )
        out, data = write_export(store, args.out, passphrase, force=args.force)
    counts = {name: len(items) for name, items in data.items() if isinstance(items, list)}
    print(f"Exported {_summary(counts)} to {out}.")
    if args.plaintext:
        print(
            "This file is NOT encrypted: anyone who reads it can read your journal and act as you."
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Merge, never overwrite: what is already here stays as it is; refusals are listed."""
    from peerhaven.store.export import is_sealed, read_export
    from peerhaven.store.importing import import_data

    document = read_export(args.file)
    with unlocked_store() as store:
        passphrase = (
            read_secret(ENV_EXPORT_PASSPHRASE, "Passphrase of the export: ")
            if is_sealed(document)
            else None
        )
        report = import_data(store, document, passphrase)
    if report.total() or not report.refused_total():
        already = " (everything in it is already here)" if not report.total() else ""
        print(f"Imported {_summary(report.added)} from {args.file}{already}.")
    else:
        print(f"Imported nothing from {args.file}.")
    for section, reasons in report.refused.items():
        for reason, count in reasons.most_common():
            print(f"Refused {_count(section, count)}: {reason}.")
    return EXIT_ERROR if report.refused_total() else 0
