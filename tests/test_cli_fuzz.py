"""Every CLI command, driven with generated arguments: a sentence or a result, never a crash.

The argparse tree is walked, so a command added later is fuzzed without editing
this file. Each example starts from the same real store (a copy of a template)
and runs ``peerhaven.cli.main`` in-process; it must never exit 70 or print a
traceback, and a command that refuses (exit 1 or 2) must leave the store's data
exactly as it was. Commands that reach the network or run until stopped (serving
a relay, syncing, joining) are left out: their options are covered by the
usage-error tests in ``test_cli_border.py``, which refuse before any work.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerhaven.cli import EXIT_INTERNAL, build_parser, main
from peerhaven.store import create_store, open_store
from peerhaven.store.journal import add_entry
from peerhaven.store.personas import create_persona
from tests.fixtures.store import PASSPHRASE

pytestmark = pytest.mark.slow

#: commands that reach the network, start processes or run until interrupted
LEFT_OUT = {
    ("relay", "serve"),
    ("relays", "local", "start"),
    ("sync",),
    ("join",),
    ("communities",),
}
#: options that make an otherwise local command sync first
NETWORK_FLAGS = {"--sync"}

#: values that broke commands in issue 18, and some that should work
TRICKY = [
    "0", "-1", "1", "5", "10", "20", "99999999999999999999999", "1e999", "nan", "inf", "-0",
    "", " ", "        ", "%", "_", "a%", "calm-corner", "Not A Slug!", "../../x", "..",
    "http://[::1", "http://exa mple.org", "https://relay.example.org", "socks5h://127.0.0.1:99999",
    "socks5h://127.0.0.1:9050", "not a proxy", "x" * 65, "\x1b]0;title\x07", "\x1b[31mred",
    "a\x00b", "\udcff", "grief", "abcdef", "abcdef0123456789", "true", "false", "null",
    "[1,2]", '{"grief":"hide"}', '{"grief":1}', "gb", "GBR", "theme", "cw_policy", "proxy",
    "country", "lock_after_minutes", "hide", "me-too", "\u202e\u200b", "٣",
]  # fmt: skip

values = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=24).filter(lambda text: "/" not in text and not text.startswith("~")),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


def _leaves(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every (command words, parser) that runs something."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _leaves(sub, (*prefix, name))
    if prefix and parser.get_default("func") is not None:
        yield prefix, parser


LEAVES = sorted(_leaves(build_parser()))
COMMANDS = [(words, parser) for words, parser in LEAVES if words not in LEFT_OUT]
NETWORKED = [(words, parser) for words, parser in LEAVES if words in LEFT_OUT]


@st.composite
def command_lines(
    draw: st.DrawFn, commands: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = COMMANDS
) -> list[str]:
    """One command line: a command, its positionals, and some of its options."""
    words, parser = draw(st.sampled_from(commands))
    argv = list(words)
    options: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        if not action.option_strings:
            if action.nargs == "?" and draw(st.booleans()):
                continue
            choices = list(action.choices) if action.choices else []
            argv.append(draw(st.sampled_from(choices) | values if choices else values))
            continue
        flag = action.option_strings[-1]
        if flag in NETWORK_FLAGS or not (action.required or draw(st.booleans())):
            continue
        if action.nargs == 0:
            options.append(flag)
        else:
            choices = list(action.choices) if action.choices else []
            value = draw(st.sampled_from(choices) | values if choices else values)
            options += [flag, value] if draw(st.booleans()) else [f"{flag}={value}"]
    return argv + options


def _data(path: Path) -> dict[str, list[str]]:
    with open_store(path, PASSPHRASE) as store:
        tables = [
            row[0]
            for row in store.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: sorted(repr(row) for row in store.execute(f"SELECT * FROM {t}")) for t in tables}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    """A store as ``init`` leaves it plus a journal entry, and its data."""
    path = tmp_path_factory.mktemp("fuzz-template") / "peerhaven.db"
    with create_store(path, PASSPHRASE, prepare=create_persona) as store:
        add_entry(store, "kept safe", 6)
    return path, _data(path)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=command_lines())
def test_no_command_crashes_or_harms_on_generated_arguments(
    argv: list[str],
    template: tuple[Path, dict[str, list[str]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, before = template
    home = tmp_path / "home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    store = home / "peerhaven.db"
    shutil.copyfile(source, store)
    work = tmp_path / "cwd"
    work.mkdir(exist_ok=True)
    for key in list(os.environ):
        if key.startswith("PEERHAVEN_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("PEERHAVEN_HOME", str(home))
    monkeypatch.setenv("PEERHAVEN_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.chdir(work)
    capsys.readouterr()

    code = main(argv)

    err = capsys.readouterr().err
    assert code != EXIT_INTERNAL, (argv, err)
    assert "Traceback" not in err and "unexpected internal error" not in err, (argv, err)
    if code in (1, 2):
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("peerhaven: "), (argv, err)
        assert _data(store) == before, f"{argv} was refused but changed the store"


@settings(max_examples=300, deadline=None)
@given(argv=command_lines(NETWORKED))
def test_networked_commands_refuse_bad_options_before_any_work(argv: list[str]) -> None:
    """Serving, syncing and joining are only parsed here: a bad value ends in a usage error."""
    stderr = io.StringIO()
    real = sys.stderr
    sys.stderr = stderr
    try:
        build_parser().parse_args(argv)
    except SystemExit as exc:
        assert exc.code == 2, (argv, stderr.getvalue())
        lines = stderr.getvalue().splitlines()
        assert len(lines) == 1 and lines[0].startswith("peerhaven: "), (argv, lines)
    finally:
        sys.stderr = real
