"""The ``peerhaven`` command: argument parsing and the one place errors become words.

Each command group lives in its own module exposing ``register(subparsers)``;
handlers take the parsed arguments and return an exit code. Modules listed
here must import quickly (heavy imports go inside handlers) because the bare
``peerhaven`` command starts the terminal app and its first frame is timed.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from peerhaven import __version__
from peerhaven.core.errors import PeerHavenError
from peerhaven.core.sentences import clause, sentence

COMMAND_GROUPS: tuple[str, ...] = (
    "peerhaven.commands.setup",
    "peerhaven.commands.journal",
    "peerhaven.commands.drafts",
    "peerhaven.commands.search",
    "peerhaven.commands.portability",
    "peerhaven.commands.network",
    "peerhaven.commands.community",
    "peerhaven.commands.held_cmds",
    "peerhaven.commands.filters_cmds",
    "peerhaven.commands.help_cmds",
    "peerhaven.relay.cli",
)

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


def build_parser() -> argparse.ArgumentParser:
    """The full parser, assembled from every command group."""
    parser = argparse.ArgumentParser(
        prog="peerhaven",
        description="Private, offline-first peer support communities.",
    )
    parser.add_argument("--version", action="version", version=f"peerhaven {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_GROUPS:
        importlib.import_module(name).register(sub)
    return parser


def run_app() -> int:
    """Start the terminal app; imported only here so commands never pay for Textual."""
    from peerhaven.tui.app import run

    return run()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command, or the terminal app when none is given; errors become one sentence."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        return run_app()
    parser = build_parser()
    args = parser.parse_args(arguments)
    handler = getattr(args, "func", None)
    try:
        if handler is None:
            parser.print_help()
            return 0
        return int(handler(args) or 0)
    except PeerHavenError as exc:
        print(f"peerhaven: {sentence(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        # the file system said no: name what and where, in words
        where = f" ({exc.filename})" if exc.filename else ""
        said = clause(exc.strerror or str(exc))
        print(f"peerhaven: {said}{where}; nothing was changed.", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("peerhaven: interrupted; nothing saved was lost.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:  # the last guard: never a traceback unless asked for
        if os.environ.get("PEERHAVEN_DEBUG"):
            raise
        print(
            "peerhaven: something unexpected went wrong; nothing already saved was lost. "
            "Set PEERHAVEN_DEBUG=1 to see details.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
