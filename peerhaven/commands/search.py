"""``search``: posts, direct messages, journal and drafts in one query, grouped by where
each hit lives."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from peerhaven.commands.common import unlocked_store, when
from peerhaven.core import inputs
from peerhaven.core.i18n import _
from peerhaven.core.inert import inert_json, inert_line
from peerhaven.core.persona import pseudonym

Subparsers = Any
HEADINGS = {
    "post": "Posts",
    "message": "Messages",
    "circle": "Circles",
    "journal": "Journal",
    "draft": "Drafts",
}


def register(sub: Subparsers) -> None:
    """Add the command."""
    search = sub.add_parser(
        "search", help=_("search posts, your messages and circles, your journal and your drafts")
    )
    search.add_argument(
        "query", type=inputs.line, help=_("words to look for (the last may be a prefix)")
    )
    search.add_argument(
        "--limit", type=inputs.Whole(1, 1000), default=10, help=_("hits per group (default 10)")
    )
    search.add_argument(
        "--in",
        dest="sources",
        action="append",
        choices=["post", "message", "circle", "journal", "draft"],
        help=_("search only here; repeat for several"),
    )
    search.add_argument("--json", action="store_true", help=_("machine-readable output"))
    search.set_defaults(func=cmd_search)


def _highlight(segments: list[tuple[str, bool]], terminal: bool) -> str:
    # Matches are marked by shape, not colour alone: bold+underline on a
    # terminal, **stars** when piped (and NO_COLOR keeps the stars).
    out = []
    # Each piece is made inert first: the only escapes printed are our own.
    for raw, match in segments:
        text = inert_line(re.sub(r"\s+", " ", raw))
        if not match:
            out.append(text)
        elif terminal:
            out.append(f"\x1b[1;4m{text}\x1b[0m")
        else:
            out.append(f"**{text}**")
    return "".join(out)


def cmd_search(args: argparse.Namespace) -> int:
    """Print each group with its count, best hits first."""
    import os

    from peerhaven.store.search import SOURCES, search

    sources = tuple(args.sources) if args.sources else SOURCES
    with unlocked_store() as store:
        results = search(store, args.query, limit=args.limit, sources=sources)
    if args.json:
        print(
            inert_json(
                json.dumps(
                    {
                        source: [
                            {
                                "ref": hit.ref,
                                "community": hit.community,
                                **({"with": hit.peer} if hit.peer else {}),
                                **({"circle": hit.circle} if hit.circle else {}),
                                "created_at": hit.created_at,
                                "snippet": "".join(text for text, _ in hit.segments()),
                                "matches": [text for text, match in hit.segments() if match],
                            }
                            for hit in hits
                        ]
                        for source, hits in results.items()
                    },
                    indent=2,
                    ensure_ascii=False,
                )
            )
        )
        return 0
    terminal = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    for source, hits in results.items():
        print(f"{HEADINGS[source]} ({len(hits)})")
        for hit in hits:
            where = f" in {hit.community}" if hit.community else ""
            if hit.peer:
                where = f" with {pseudonym(hit.peer)}"
            if hit.circle:
                where = " " + _("in circle {id}").format(id=hit.circle[:8])
            ref = hit.ref[:12] if source in ("post", "circle") else hit.ref
            print(f"  {ref}  {when(hit.created_at)}{where}")
            print(f"    {_highlight(hit.segments(), terminal)}")
    return 0
