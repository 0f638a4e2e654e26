"""Restarts, SIGTERM under load, and many writers on one SQLite file."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from peerhaven.core import Keypair, builders
from tests.fixtures.relay import RelayLauncher
from tests.relay.conftest import UNLIMITED
from tests.relay.helpers import ids, make_community, publish, pull_all


def test_a_restart_keeps_everything(relay_process: RelayLauncher) -> None:
    relay = relay_process(args=UNLIMITED)
    make_community(relay, "kept")
    keys = Keypair.generate()
    posts = [builders.post(keys, "kept", f"kept {n}") for n in range(10)]
    publish(relay, *posts)
    before = pull_all(relay, "kept")
    relay.restart()
    assert pull_all(relay, "kept") == before
    assert publish(relay, posts[0])[0]["status"] == "duplicate"


@pytest.mark.slow
def test_sigterm_finishes_in_flight_publishes_and_loses_nothing_acknowledged(
    relay_process: RelayLauncher,
) -> None:
    relay = relay_process(args=UNLIMITED)
    make_community(relay, "sigterm")
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def publisher(worker: int) -> None:
        keys = Keypair.generate()
        n = 0
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                batch = [builders.post(keys, "sigterm", f"w{worker} n{n + i}") for i in range(5)]
                n += 5
                try:
                    response = client.post(
                        f"{relay.url}/v1/events", json=[e.to_wire() for e in batch]
                    )
                except httpx.HTTPError:
                    return  # the relay stopped taking requests
                if response.status_code != 200:
                    return
                with lock:
                    acknowledged.extend(
                        r["id"] for r in response.json() if r["status"] == "accepted"
                    )

    threads = [threading.Thread(target=publisher, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    assert relay.stop(signal.SIGTERM) == 0
    stop.set()
    for thread in threads:
        thread.join()
    assert len(acknowledged) > 50
    relay.start()
    stored = set(ids(pull_all(relay, "sigterm", limit=500)))
    missing = [event_id for event_id in acknowledged if event_id not in stored]
    assert missing == []


@pytest.mark.slow
def test_concurrent_writers_on_sqlite_never_see_a_locked_database(
    relay_process: RelayLauncher,
) -> None:
    relay = relay_process(args=UNLIMITED, workers=2)
    make_community(relay, "busy")
    results: list[dict[str, str]] = []
    failures: list[str] = []
    lock = threading.Lock()

    def publisher(worker: int) -> None:
        keys = Keypair.generate()
        for round_ in range(15):
            batch = [builders.post(keys, "busy", f"w{worker} r{round_} {i}") for i in range(4)]
            # a fresh connection each time, so the kernel spreads them over both processes
            response = httpx.post(f"{relay.url}/v1/events", json=[e.to_wire() for e in batch])
            with lock:
                if response.status_code == 200:
                    results.extend(response.json())
                else:
                    failures.append(response.text)

    threads = [threading.Thread(target=publisher, args=(w,)) for w in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert {r["status"] for r in results} == {"accepted"} and len(results) == 12 * 15 * 4
    served = ids(pull_all(relay, "busy", limit=500))
    assert sorted(served[1:]) == sorted(r["id"] for r in results)
    relay.stop()
    log = relay.log().lower()
    assert "locked" not in log and "traceback" not in log
    assert log.count("relay process stopping") == 2  # both processes served and stopped cleanly


def test_expired_events_are_purged_from_storage(relay_process: RelayLauncher) -> None:
    relay = relay_process(args=[*UNLIMITED, "--purge-interval", "0.3"])
    make_community(relay, "purging")
    keys = Keypair.generate()
    words = "ephemeral-words-" + keys.pubkey[:12]
    brief = builders.post(keys, "purging", words, expires_at=int(time.time()) + 1)
    publish(relay, brief)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        gone = httpx.get(f"{relay.url}/v1/events/{brief.id}")
        if gone.status_code == 404:  # 410 "expired" until the purge, then unknown
            break
        time.sleep(0.2)
    assert gone.status_code == 404
    relay.stop()
    for path in relay.data_dir.glob("relay.sqlite3*"):
        assert words.encode() not in path.read_bytes(), path.name


def test_many_processes_can_open_one_fresh_sqlite_store_at_once(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path;"
        "from peerhaven.relay.storage.sqlite import SqliteStorage;"
        "store = SqliteStorage(Path(sys.argv[1])); store.open(); store.close()"
    )
    path = str(tmp_path / "relay.sqlite3")
    procs = [
        subprocess.Popen([sys.executable, "-c", code, path], stderr=subprocess.PIPE)
        for _ in range(12)
    ]
    errors = [p.communicate(timeout=60)[1].decode() for p in procs]
    assert [error for p, error in zip(procs, errors, strict=True) if p.returncode] == []
