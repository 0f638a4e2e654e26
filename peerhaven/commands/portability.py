"""``export`` and ``import``: everything you own, in one file you can carry."""

from __future__ import annotations

import argparse
from typing import Any

from peerhaven.commands.common import ENV_EXPORT_PASSPHRASE, read_secret, unlocked_store
from peerhaven.core import inputs

Subparsers = Any


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    export = sub.add_parser("export", help="write everything you own to one file")
    export.add_argument("--out", required=True, type=inputs.path, help="where to write the export")
    export.add_argument(
        "--plaintext",
        action="store_true",
        help="do not encrypt (anyone who reads the file can read your journal)",
    )
    export.set_defaults(func=cmd_export)
    imp = sub.add_parser("import", help="merge an export file into this store")
    imp.add_argument("file", type=inputs.path)
    imp.set_defaults(func=cmd_import)


NOUNS = {
    "personas": "personas",
    "journal": "journal entries",
    "drafts": "drafts",
    "events": "own events",
    "relays": "relays",
    "communities": "communities",
    "community_relays": "community relay links",
    "memberships": "memberships",
    "blocks": "blocks",
    "mutes": "mutes",
    "settings": "settings",
}


def _summary(counts: dict[str, int]) -> str:
    parts = [f"{count} {NOUNS.get(name, name)}" for name, count in counts.items() if count]
    return ", ".join(parts) if parts else "nothing new"


def cmd_export(args: argparse.Namespace) -> int:
    """Sealed with its own passphrase unless --plaintext is asked for."""
    from peerhaven.store.export import collect, write_export

    with unlocked_store() as store:
        passphrase = (
            None
            if args.plaintext
            else read_secret(ENV_EXPORT_PASSPHRASE, "Passphrase for the export: ", confirm=True)
        )
        data = collect(store)
        out = write_export(store, args.out, passphrase)
    counts = {name: len(items) for name, items in data.items() if isinstance(items, list)}
    print(f"Exported {_summary(counts)} to {out}.")
    if args.plaintext:
        print(
            "This file is NOT encrypted: anyone who reads it can read your journal and act as you."
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Merge, never overwrite: what is already here stays as it is."""
    from peerhaven.store.export import import_data, is_sealed, read_export

    document = read_export(args.file)
    with unlocked_store() as store:
        passphrase = (
            read_secret(ENV_EXPORT_PASSPHRASE, "Passphrase of the export: ")
            if is_sealed(document)
            else None
        )
        report = import_data(store, document, passphrase)
    print(f"Imported {_summary(report.added)} from {args.file}.")
    return 0
