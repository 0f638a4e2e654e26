"""A device receiving direct messages, killed with SIGKILL at a chosen point (a subprocess).

Usage: python -m tests.store.dm_crash_worker STORE PERSONA EVENTS_FILE [PHASE N]

It receives every event of EVENTS_FILE (JSON lines) in order, as a relay delivers
them, and prints one verdict per line. With PHASE and N it kills itself on the
N-th time (counted from 1 in this run) it reaches PHASE:

- ``read``: ``read_dm`` returned the new state, nothing saved yet;
- ``saved``: inside the transaction, the conversation's state written, the message not;
- ``stored``: ``receive_dm`` returned (committed), before the relay's copy is deleted.

The hooks wrap the real functions; nothing else is replaced.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import peerhaven.store.dm_receive as receiving
from peerhaven.core.event import Event
from peerhaven.store import open_store
from peerhaven.store.personas import load_persona
from tests.fixtures.store import PASSPHRASE


def main(argv: list[str]) -> int:
    """Receive everything, dying where told."""
    path, persona_key, events_file = argv[0], argv[1], argv[2]
    phase, at = (argv[3], int(argv[4])) if len(argv) > 4 else ("", 0)
    counts = {"read": 0, "saved": 0, "stored": 0}

    def reached(name: str) -> None:
        counts[name] += 1
        if name == phase and counts[name] == at:
            sys.stdout.flush()
            os.kill(os.getpid(), signal.SIGKILL)

    real_read, real_save = receiving.read_dm, receiving.save_conversation

    def read_dm(*args: Any, **kwargs: Any) -> Any:
        result = real_read(*args, **kwargs)
        reached("read")
        return result

    def save_conversation(*args: Any, **kwargs: Any) -> None:
        real_save(*args, **kwargs)
        reached("saved")

    receiving.read_dm = read_dm  # type: ignore[assignment]
    receiving.save_conversation = save_conversation  # type: ignore[assignment]
    store = open_store(Path(path), PASSPHRASE)
    persona = load_persona(store, persona_key)
    for line in Path(events_file).read_text().splitlines():
        received = receiving.receive_dm(store, persona, Event.from_json(line))
        print(received.verdict, flush=True)
        reached("stored")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
