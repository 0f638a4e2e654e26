"""What every store command needs: the passphrase, the open store, and plain output.

Passphrases come from the environment for scripts (``PEERHAVEN_PASSPHRASE``,
``PEERHAVEN_NEW_PASSPHRASE``, ``PEERHAVEN_EXPORT_PASSPHRASE``), else from a
hidden prompt, else (stdin not a terminal) from one line of standard input.
They are never echoed, logged or printed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from peerhaven.core import inputs
from peerhaven.core.i18n import _
from peerhaven.core.inert import inert_json, inert_line
from peerhaven.store import Store, open_store, store_path
from peerhaven.store.errors import BadInput
from peerhaven.store.passphrase_policy import require_acceptable
from peerhaven.store.settings import speak_chosen_language

ENV_PASSPHRASE = "PEERHAVEN_PASSPHRASE"
ENV_NEW_PASSPHRASE = "PEERHAVEN_NEW_PASSPHRASE"
ENV_EXPORT_PASSPHRASE = "PEERHAVEN_EXPORT_PASSPHRASE"


def read_secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """A passphrase from ``env``, a hidden prompt, or a line of piped input.

    Checked at the border: invalid UTF-8, a NUL (SQLCipher's key pragma would
    cut the passphrase there) and only spaces are refused with a sentence.
    ``confirm`` marks a passphrase being chosen (``init``, ``passphrase
    change``, a sealed export), which must also be hard enough to guess.
    """
    value = os.environ.get(env)
    if value is not None:
        if not value:
            raise BadInput(_("{env} is set but empty.").format(env=env))
        source = env
    elif not sys.stdin.isatty():
        try:
            line = sys.stdin.readline()
        except UnicodeDecodeError as exc:
            raise BadInput(_("The passphrase on standard input is not valid UTF-8 text.")) from exc
        if not line.strip("\r\n"):
            raise BadInput(
                _("No passphrase given: set {env} or run in a terminal.").format(env=env)
            )
        value, source = line.rstrip("\r\n"), _("The passphrase on standard input")
    else:
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass(_("Type it again: ")) != value:
            raise BadInput(_("The two passphrases differ; nothing was changed."))
        if not value:
            raise BadInput(_("The passphrase cannot be empty."))
        source = _("The passphrase")
    try:
        inputs.passphrase(value)
    except inputs.InputRefused as exc:
        raise BadInput(exc.for_field(source)) from exc
    if confirm:
        require_acceptable(value)
    return value


@contextlib.contextmanager
def unlocked_store() -> Iterator[Store]:
    """Open the store for one command and always close it."""
    passphrase = read_secret(ENV_PASSPHRASE, _("Passphrase: "))
    store = open_store(store_path(), passphrase)
    try:
        speak_chosen_language(store)
        yield store
    finally:
        store.close()


def when(timestamp: int) -> str:
    """A local date and time, short enough for a list."""
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def one_line(text: str, width: int = 60) -> str:
    """First line of a text, shortened with an ellipsis."""
    line = inert_line(text.strip().splitlines()[0]) if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def print_json(items: Iterable[Any]) -> None:
    """Dataclass records as a JSON list, for scripts (tuples become lists)."""
    records = [dataclasses.asdict(item) for item in items]
    print(inert_json(json.dumps(records, indent=2, ensure_ascii=False, default=list)))
