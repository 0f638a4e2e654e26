"""Faults: dead relays, relays killed mid-pull, syncs killed mid-pull, cut connections."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from peerhaven.store.events import count_events
from peerhaven.store.outbox import pending_count
from peerhaven.store.publish import publish_post
from peerhaven.store.relays import relay_statuses
from peerhaven.sync import Syncer
from tests.fixtures.hostile import FakeRelay, Reply, Script, Seen
from tests.fixtures.relay import RelayLauncher, free_port
from tests.sync.helpers import PASSPHRASE, busy_community, create_community, join_via, member


def _posts(store: object, slug: str) -> int:
    return count_events(store, kind="post", community=slug)  # type: ignore[arg-type]


def test_offline_posting_waits_and_backs_off(tmp_path: Path, relay_process: RelayLauncher) -> None:
    data = tmp_path / "relay"
    create_community(data, "recovery-circle")
    relay = relay_process(data_dir=data)
    erin = member(tmp_path / "erin.db", relay.url)
    join_via(erin, "recovery-circle", relay.url)
    relay.stop()

    publish_post(erin, "recovery-circle", "Day 30 clean, written on the train")
    with Syncer(erin, timeout=2) as sync:
        report = sync.sync()
    assert report.relays[0].error is not None
    [status] = relay_statuses(erin)
    assert status.state == "offline" and status.pending == 1 and status.failures == 1
    assert "could not be reached" in (status.last_error or "")
    assert status.next_attempt is not None and status.next_attempt > int(time.time())
    with Syncer(erin, timeout=2) as sync:
        assert sync.sync().relays[0].skipped, "back-off must hold off an immediate retry"

    relay.start()
    with Syncer(erin) as sync:
        assert sync.sync(force=True).pushed == 1
    assert pending_count(erin) == 0
    assert relay_statuses(erin)[0].state == "online"
    erin.close()


def test_relay_killed_mid_pull_then_resumed_exactly(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    relay, published, frank = busy_community(
        tmp_path, relay_process, "big-circle", 3000, tmp_path / "frank.db"
    )
    killed: list[int] = []

    def kill_midway(url: str, slug: str, count: int) -> None:
        if count >= 600 and not killed and relay.proc is not None:
            killed.append(count)
            relay.proc.send_signal(signal.SIGKILL)

    with Syncer(frank, progress=kill_midway, timeout=3) as sync:
        report = sync.sync()
    assert killed and report.relays[0].error is not None
    partial = _posts(frank, "big-circle")
    assert 0 < partial < 3000
    assert relay.stop() == -signal.SIGKILL
    relay.start()
    with Syncer(frank) as sync:
        sync.sync(force=True)
    ids = {row[0] for row in frank.execute("SELECT id FROM events WHERE kind = 'post'")}
    assert ids == {event.id for event in published}
    frank.verify_integrity()
    frank.close()


PULL_AND_WAIT = """
import sys
from pathlib import Path
from peerhaven.store import open_store
from peerhaven.sync import Syncer
store = open_store(Path(sys.argv[1]), sys.argv[2])
def progress(url, slug, count):
    print(count, flush=True)
with Syncer(store, progress=progress) as sync:
    sync.sync()
"""


def test_sync_process_killed_at_any_instant_loses_and_doubles_nothing(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    path = tmp_path / "gwen.db"
    _, published, gwen = busy_community(tmp_path, relay_process, "night-owls", 4000, path)
    gwen.close()
    for kill_at in (700, 2100):
        proc = subprocess.Popen(
            [sys.executable, "-c", PULL_AND_WAIT, str(path), PASSPHRASE],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if int(line) >= kill_at:
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait(timeout=30)
        proc.stdout.close()
    from peerhaven.store import open_store

    gwen = open_store(path, PASSPHRASE)
    before = _posts(gwen, "night-owls")
    with Syncer(gwen) as sync:
        sync.sync()
    ids = [row[0] for row in gwen.execute("SELECT id FROM events WHERE kind = 'post'")]
    assert before < 4000
    assert len(ids) == len(set(ids)) == 4000
    assert set(ids) == {event.id for event in published}
    (threads,) = gwen.execute("SELECT count(*) FROM threads WHERE slug = 'night-owls'").fetchone()
    assert threads == 4000, "thread activity was doubled or lost by the kills"
    gwen.verify_integrity()
    gwen.close()


def _offering(definition: dict[str, object], page: Callable[[Seen], Reply]) -> Script:
    def script(seen: Seen) -> Reply:
        if seen.path == "/v1/info":
            return Reply(body={"name": "fake", "limits": {"max_batch": 100, "page_max": 500}})
        if seen.path == "/v1/communities":
            return Reply(body={"communities": [definition]})
        if seen.path == "/v1/events" and seen.method == "GET":
            return page(seen)
        return Reply(404, {"error": "not-found", "detail": "nothing here"})

    return script


def test_connection_dropped_mid_response_stores_nothing_partial(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay]
) -> None:
    from peerhaven.core import Keypair, builders

    owner = Keypair.generate()
    definition = builders.community(owner, "cut-circle", "Cut circle").to_wire()
    posts = [builders.post(owner, "cut-circle", f"post {i}").to_wire() for i in range(50)]
    calls: list[int] = []

    def page(seen: Seen) -> Reply:
        calls.append(1)
        body = {"events": posts, "next": "50", "more": False}
        return Reply(body=body, cut_after=None if len(calls) > 1 else 900)

    relay = fake_relay(_offering(definition, page))
    hana = member(tmp_path / "hana.db", relay.url)
    join_via(hana, "cut-circle", relay.url)
    with Syncer(hana, timeout=3) as sync:
        report = sync.sync()
    assert report.relays[0].error is not None and "broke off" in report.relays[0].error
    assert _posts(hana, "cut-circle") == 0
    assert hana.execute("SELECT count(*) FROM cursors").fetchone()[0] == 0
    with Syncer(hana) as sync:
        assert sync.sync(force=True).relays[0].error is None
    assert _posts(hana, "cut-circle") == 50
    hana.close()


def test_a_relay_that_does_not_answer_is_a_clear_error(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    ivy = member(tmp_path / "ivy.db", url)
    with Syncer(ivy, timeout=2) as sync:
        report = sync.sync()
    # words, not the transport library's class name ("ConnectError")
    assert report.relays[0].error == f"{url} could not be reached (no connection)."
    ivy.close()
