"""The local relay for newcomers: a real ``relay serve`` process on 127.0.0.1 under the home.

Every test stops what it started (the ``home`` fixture), so no process outlives it.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from peerhaven.relay.samples import SAMPLE_NOTE, SAMPLES
from peerhaven.store import Store, create_store
from peerhaven.store.communities import join
from peerhaven.store.feed import threads
from peerhaven.store.personas import create_persona
from peerhaven.store.relays import relay_urls
from peerhaven.store.settings import set_setting
from peerhaven.sync import Syncer
from peerhaven.sync import local_relay as lr
from peerhaven.sync.errors import LocalRelayError
from tests.fixtures.relay import free_port
from tests.fixtures.store import PASSPHRASE

SLUGS = [sample.slug for sample in SAMPLES]


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    """A data home whose local relay is stopped when the test ends."""
    path = tmp_path / "home"
    yield path
    lr.stop_local_relay(path)


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    """A newcomer's store: one persona, no relays."""
    opened = create_store(home / "peerhaven.db", PASSPHRASE)
    create_persona(opened)
    yield opened
    opened.close()


def served_slugs(url: str) -> list[str]:
    """What ``/v1/communities`` lists, by slug."""
    answer = httpx.get(f"{url}/v1/communities", timeout=5).json()
    return sorted(item["community"] for item in answer["communities"])


def test_first_start_serves_the_sample_communities_and_reports_each_step(home: Path) -> None:
    steps: list[str] = []
    relay = lr.start_local_relay(home, progress=steps.append)
    assert relay.started and relay.running
    assert relay.url.startswith("http://127.0.0.1:")
    assert sorted(relay.created) == sorted(SLUGS)
    assert served_slugs(relay.url) == sorted(SLUGS)
    assert steps[0] == "Creating the sample communities…" and len(steps) == 3
    assert relay.data_dir == home / "local-relay"
    assert lr.local_relay_status(home).pid == relay.pid


def test_a_second_start_reuses_the_running_relay(home: Path) -> None:
    first = lr.start_local_relay(home)
    again = lr.start_local_relay(home)
    assert not again.started and again.pid == first.pid and again.url == first.url
    with pytest.raises(LocalRelayError, match="already running on port"):
        lr.start_local_relay(home, port=free_port())


def test_stop_then_start_keeps_the_address_and_the_communities(home: Path) -> None:
    first = lr.start_local_relay(home)
    assert lr.stop_local_relay(home)
    stopped = lr.local_relay_status(home)
    assert not stopped.running and stopped.port == first.port
    assert "stopped" in stopped.describe()
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{first.url}/v1/health", timeout=2)
    assert not lr.stop_local_relay(home), "nothing left to stop"

    second = lr.start_local_relay(home)
    assert second.started and second.url == first.url
    assert second.created == (), "the samples are made once"
    assert served_slugs(second.url) == sorted(SLUGS)


def test_a_port_in_use_is_one_sentence(home: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(LocalRelayError) as caught:
            lr.start_local_relay(home, port=port)
    message = str(caught.value)
    assert message == (
        f"Port {port} on 127.0.0.1 is already in use by another program, "
        "so the local relay cannot start there."
    )
    assert not lr.local_relay_status(home).running


def test_a_relay_that_exits_while_starting_gives_its_own_sentence(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the port check runs just before the process binds; take the port in between
    # (the race a real second program could win) by skipping the check
    monkeypatch.setattr(lr, "_check_free", lambda port: None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(LocalRelayError, match=f"Port {port} on 127.0.0.1 is already in use"):
            lr.start_local_relay(home, port=port)
    status = lr.local_relay_status(home)
    assert not status.running and status.port == port


def test_status_before_anything_was_started(home: Path) -> None:
    status = lr.local_relay_status(home)
    assert (status.running, status.port, status.url) == (False, None, "")
    assert "not set up yet" in status.describe()


def test_a_newcomer_sees_the_whole_loop(home: Path, store: Store) -> None:
    relay = lr.start_local_relay(home)
    url = lr.use_local_relay(store, relay)
    assert relay_urls(store) == [url] and lr.local_relay_url(store) == url
    with Syncer(store) as syncer:
        assert syncer.browse(url) == (len(SAMPLES), 0)
        join(store, "grief")
        report = syncer.sync()
    assert report.relays[0].error is None
    (opening,) = threads(store, "grief")
    assert opening.post.content.startswith("It has been eight months")
    assert opening.replies == 1
    with store.transaction() as conn:
        description = conn.execute(
            "SELECT definition FROM communities WHERE slug = 'grief'"
        ).fetchone()[0]
    assert SAMPLE_NOTE.split(";")[0] in description, "samples say they are samples"


def test_a_proxy_never_stands_between_this_device_and_its_local_relay(
    home: Path, store: Store
) -> None:
    url = lr.use_local_relay(store, lr.start_local_relay(home))
    set_setting(store, "proxy", f"socks5://127.0.0.1:{free_port()}")  # nobody listens there
    with Syncer(store) as syncer:
        assert syncer.browse(url)[0] == len(SAMPLES)


def test_a_new_port_replaces_the_old_address_in_the_store(home: Path, store: Store) -> None:
    first = lr.use_local_relay(store, lr.start_local_relay(home))
    lr.stop_local_relay(home)
    moved = lr.start_local_relay(home, port=free_port())
    second = lr.use_local_relay(store, moved)
    assert second != first and relay_urls(store) == [second]
    lr.forget_local_relay(store)
    assert lr.local_relay_url(store) is None


def test_a_folder_that_cannot_be_made_is_one_sentence(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("a file where the home should be")
    with pytest.raises(LocalRelayError, match=r"The local relay's folder .* cannot be created\."):
        lr.start_local_relay(home)
