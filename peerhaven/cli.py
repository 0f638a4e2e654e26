"""The ``peerhaven`` command: argument parsing and the one place errors become words.

Each command group lives in its own module exposing ``register(subparsers)``;
handlers take the parsed arguments and return an exit code. Modules listed
here must import quickly (heavy imports go inside handlers) because the bare
``peerhaven`` command starts the terminal app and its first frame is timed.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from peerhaven import __version__
from peerhaven.core.errors import PeerHavenError
from peerhaven.core.i18n import _
from peerhaven.core.inert import inert_line
from peerhaven.core.inputs import is_utf8
from peerhaven.core.sentences import clause, sentence

COMMAND_GROUPS: tuple[str, ...] = (
    "peerhaven.commands.setup",
    "peerhaven.commands.journal",
    "peerhaven.commands.drafts",
    "peerhaven.commands.search",
    "peerhaven.commands.portability",
    "peerhaven.commands.network",
    "peerhaven.commands.community",
    "peerhaven.commands.circles",
    "peerhaven.commands.held_cmds",
    "peerhaven.commands.activity_cmds",
    "peerhaven.commands.dm_cmds",
    "peerhaven.commands.filters_cmds",
    "peerhaven.commands.help_cmds",
    "peerhaven.relay.cli",
)

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


#: argparse's own complaints, rewritten as sentences that name the option and what it takes
_ARGUMENT_RE = re.compile(r"argument (?P<name>[^:]+): (?P<rest>.*)", re.DOTALL)
_CHOICE_RE = re.compile(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)")


def _takes_prefix() -> str:
    """How a border refusal starts in the member's language ("takes ", "nimmt ", "admite ")."""
    return _("takes {accepts}, not {raw}.").split("{", 1)[0]


def _option_name(raw: str) -> str:
    """``--limit`` stays as typed; a positional ``id`` (or ``--out/-o`` pairs) reads as ``ID``."""
    first = raw.split("/")[0].strip()
    return first if first.startswith("-") else first.upper()


def usage_sentence(message: str) -> str:
    """argparse's message as one sentence: "--limit takes a whole number from 1 to 1000, …"."""
    match = _ARGUMENT_RE.fullmatch(message.strip())
    if match is None:
        sentence = message.strip()
        sentence = sentence[:1].upper() + sentence[1:]
    else:
        name, rest = _option_name(match["name"]), match["rest"].strip()
        choice = _CHOICE_RE.fullmatch(rest)
        if choice is not None:
            choices = choice["choices"].replace("'", "")
            sentence = _("{name} takes one of {choices}, not {choice}").format(
                name=name, choices=choices, choice=choice["value"]
            )
        elif rest.startswith(("takes ", _takes_prefix())):
            sentence = f"{name} {rest}"
        elif rest == "expected one argument":
            sentence = _("{name} needs a value").format(name=name)
        else:
            sentence = f"{name}: {rest}"
    return sentence if sentence.endswith((".", "?", "!")) else sentence + "."


class BorderParser(argparse.ArgumentParser):
    """An ArgumentParser whose refusals are one sentence on one line, exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Say what was wrong and where the help is; argparse's usage block is left out."""
        self.exit(
            EXIT_USAGE,
            _("peerhaven: {usage_sentence} `{prog} --help` lists the options.\n").format(
                usage_sentence=inert_line(usage_sentence(message)), prog=self.prog
            ),
        )


def refuse_undecodable(arguments: Sequence[str]) -> str | None:
    """The sentence for the first argument that is not UTF-8 text or holds a NUL, if any."""
    for position, argument in enumerate(arguments):
        if is_utf8(argument) and "\x00" not in argument:
            continue
        before = arguments[position - 1] if position else ""
        if argument.startswith("--") and "=" in argument:
            which = _("The value of {split}").format(split=argument.split("=")[0])
        elif argument.startswith("-"):
            which = _("An option name")
        elif before.startswith("--") and "=" not in before:
            which = _("The value of {before}").format(before=before)
        else:
            which = f"Argument {position + 1}"
        problem = _("holds a NUL character") if is_utf8(argument) else _("is not valid UTF-8 text")
        return _("{which} {problem}; nothing was changed.").format(which=which, problem=problem)
    return None


def build_parser() -> argparse.ArgumentParser:
    """The full parser, assembled from every command group."""
    parser = BorderParser(
        prog="peerhaven",
        description=_("Private, offline-first peer support communities."),
    )
    parser.add_argument("--version", action="version", version=f"peerhaven {__version__}")
    parser.add_argument(
        "--plain",
        action="store_true",
        help=_("plain mode: numbered choices as lines of text, for screen readers and braille"),
    )
    sub = parser.add_subparsers(title=_("commands"), metavar="COMMAND")
    for name in COMMAND_GROUPS:
        importlib.import_module(name).register(sub)
    return parser


def run_app() -> int:
    """Start the terminal app; imported only here so commands never pay for Textual.

    With the ``plain`` setting on, the app hands the store it unlocked over to plain
    mode, which carries on in the same terminal without asking for it again.
    """
    from peerhaven.tui.app import run

    handed_over = run()
    if handed_over is None:
        return 0
    from peerhaven.plain.run import run_opened

    return run_opened(handed_over)


def run_plain() -> int:
    """Start plain mode (``peerhaven --plain``): lines of text, no Textual at all."""
    from peerhaven.plain.run import run

    return run()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command, or the terminal app when none is given; errors become one sentence."""
    from peerhaven.commands.argparse_words import speak_argparse

    speak_argparse()
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        return run_app()
    if arguments == ["--plain"]:
        return _guarded(run_plain)
    try:
        return _run_command(arguments)
    except KeyboardInterrupt:
        # Ctrl+C while the command groups were still loading: nothing had started
        print(_("peerhaven: interrupted; nothing saved was lost."), file=sys.stderr)
        return EXIT_INTERRUPTED


def _run_command(arguments: list[str]) -> int:
    """Parse and run one command; every error it can meet leaves as one sentence."""
    refusal = refuse_undecodable(arguments)
    if refusal is not None:
        print(_("peerhaven: {refusal}").format(refusal=refusal), file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:  # --help, --version and usage errors end parsing
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler = getattr(args, "func", None)
    if handler is None and args.plain:
        return _guarded(run_plain)
    return _guarded(lambda: _handle(parser, handler, args))


def _handle(parser: argparse.ArgumentParser, handler: Any, args: argparse.Namespace) -> int:
    if handler is None:
        parser.print_help()
        return 0
    return int(handler(args) or 0)


def _guarded(run: Callable[[], int]) -> int:
    """Run a command or plain mode; every error it can meet leaves as one sentence."""
    try:
        return run()
    except PeerHavenError as exc:
        # a sentence may quote a relay's answer, someone's name or what was typed: inert
        print(_("peerhaven: {error}").format(error=inert_line(sentence(str(exc)))), file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            where = f" holding {exc.filename}" if exc.filename else ""
            print(
                _("peerhaven: The disk{where} is full; free some space and try again.").format(
                    where=where
                ),
                file=sys.stderr,
            )
            return EXIT_ERROR
        # the file system said no: name what and where, in words
        where = f" ({exc.filename})" if exc.filename else ""
        said = clause(exc.strerror or str(exc))
        print(
            _("peerhaven: {said}{where}; nothing was changed.").format(said=said, where=where),
            file=sys.stderr,
        )
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(_("peerhaven: interrupted; nothing saved was lost."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:  # the last guard: never a traceback unless asked for
        if os.environ.get("PEERHAVEN_DEBUG"):
            raise
        print(
            _(
                "peerhaven: something unexpected went wrong; nothing already saved was lost. "
                "Set PEERHAVEN_DEBUG=1 to see details."
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
