"""Ratchet state survives SIGKILL mid-receive: no message lost, none shown twice.

A real subprocess (``dm_crash_worker``) receives the messages a relay delivers
and is killed at chosen points: after decrypting but before saving, inside the
transaction between the state and the message, and after the commit. Each time
the relay delivers everything again (nothing was deleted), as it would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from peerhaven.store import open_store
from peerhaven.store.dm import accept_request, messages
from peerhaven.store.dm_send import seal_and_queue
from peerhaven.store.personas import load_persona
from tests.fixtures.store import PASSPHRASE
from tests.store.dm_world import SLUG, Member, meet, member

ROOT = Path(__file__).resolve().parents[2]
#: where the worker dies, in order: (phase, the Nth time it reaches it in that run)
KILLS = [("read", 1), ("saved", 1), ("stored", 1), ("read", 2), ("saved", 3), ("stored", 2)]


def _run(store: Path, persona: str, events: Path, *kill: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "tests.store.dm_crash_worker", str(store), persona, str(events),
         *kill],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip


def test_sigkill_mid_ratchet_loses_and_repeats_nothing(tmp_path: Path) -> None:
    ana, ben = member(tmp_path / "ana.db"), member(tmp_path / "ben.db")
    meet(ana, ben)
    bundle = ben.bundle()
    texts = [f"message {i}" for i in range(7)]
    events = [
        seal_and_queue(ana.store, ana.persona, ben.pubkey, texts[0], bundle=bundle,
                       community=SLUG).event
    ]  # fmt: skip
    events += [seal_and_queue(ana.store, ana.persona, ben.pubkey, t).event for t in texts[1:]]
    # delivered out of order, with one copy, as a relay may
    order = [0, 2, 1, 3, 5, 4, 2, 6]
    delivered = tmp_path / "delivered.jsonl"
    delivered.write_text("".join(events[i].to_json() + "\n" for i in order))
    ben_path, ben_key = ben.store.path, ben.pubkey
    ben.store.close()
    for phase, at in KILLS:
        died = _run(ben_path, ben_key, delivered, phase, str(at))
        assert died.returncode == -signal.SIGKILL, died.stderr
    done = _run(ben_path, ben_key, delivered)
    assert done.returncode == 0, done.stderr
    again = _run(ben_path, ben_key, delivered)
    assert set(again.stdout.split()) == {"copy"}, "delivered once more, all are copies"
    store = open_store(ben_path, PASSPHRASE)
    accept_request(store, ben_key, ana.pubkey)
    shown = [m.text for m in messages(store, ben_key, ana.pubkey)]
    assert shown == texts, "each message once, in the order written"
    count = store.execute("SELECT count(*) FROM dm_messages").fetchone()[0]
    assert count == len(texts)
    # the saved state goes on: Ben answers, Ana reads it
    ben = Member(store, load_persona(store, ben_key))
    answer = seal_and_queue(store, ben.persona, ana.pubkey, "all here").event
    assert ana.receive(answer).verdict == "stored"
    store.close()
    ana.store.close()
