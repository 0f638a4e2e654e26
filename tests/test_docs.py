"""Every CLI command has a section in docs/cli.md (a command nobody can find does not exist)."""

from __future__ import annotations

import argparse
from pathlib import Path

from peerhaven.cli import build_parser

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    found: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                path = f"{prefix} {name}".strip()
                nested = _commands(sub, path)
                found.extend(nested or [path])
    return found


def test_every_command_is_documented() -> None:
    text = "\n".join(p.read_text() for p in DOCS.glob("*.md"))
    missing = [cmd for cmd in _commands(build_parser()) if f"`peerhaven {cmd}" not in text]
    assert not missing, f"undocumented commands: {missing}"


def test_the_parser_finds_commands() -> None:
    assert "journal add" in _commands(build_parser())
