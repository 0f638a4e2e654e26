"""Releases racing publishes on two relay processes: a reader still gets every post exactly once."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

from peerhaven.core import Keypair, builders
from peerhaven.core.auth import auth_header
from tests.fixtures.relay import RelayLauncher
from tests.relay.conftest import UNLIMITED
from tests.relay.helpers import make_community, operator

pytestmark = pytest.mark.slow

SLUG = "busy-door"
HELD = "held-for-approval"


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_released_posts_reach_a_reader_paging_through_two_processes(
    backend: str, relay_process: RelayLauncher, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    first = relay_process(backend, database_url=url, args=UNLIMITED)
    second = relay_process(backend, database_url=url, data_dir=first.data_dir, args=UNLIMITED)
    relays = [first, second]
    mod = Keypair.generate()
    make_community(first, SLUG, mod.pubkey)
    assert operator(first, "community", "hold", SLUG, "1")[0] == 0

    accepted: list[str] = []  # public at once
    held: set[str] = set()
    released: set[str] = set()
    lock = threading.Lock()
    writers_done = threading.Event()
    moderator_done = threading.Event()

    def publisher(worker: int) -> None:
        with httpx.Client(timeout=30) as client:
            for round_ in range(12):
                relay = relays[(worker + round_) % 2]
                newcomer = Keypair.generate()  # a first post: held
                batch = [builders.post(newcomer, SLUG, f"hello from {worker}/{round_}")]
                batch += [builders.post(mod, SLUG, f"{worker}/{round_}/{i}") for i in range(5)]
                answer = client.post(f"{relay.url}/v1/events", json=[e.to_wire() for e in batch])
                assert answer.status_code == 200
                with lock:
                    for result in answer.json():
                        assert result["status"] == "accepted", result
                        if result["reason"] == HELD:
                            held.add(result["id"])
                        else:
                            accepted.append(result["id"])

    def moderator() -> None:
        turn = 0
        with httpx.Client(timeout=30) as client:
            while True:
                finished = writers_done.is_set()
                relay = relays[turn % 2]
                turn += 1
                header = auth_header(mod, "GET", "/v1/held", SLUG, int(time.time()))
                waiting = client.get(
                    f"{relay.url}/v1/held",
                    params={"community": SLUG},
                    headers={"Authorization": header},
                ).json()["held"]
                if finished and not waiting:
                    moderator_done.set()
                    return
                restores = [builders.moderate(mod, SLUG, "restore", e["id"]) for e in waiting]
                if restores:
                    client.post(
                        f"{relay.url}/v1/events", json=[e.to_wire() for e in restores]
                    ).raise_for_status()
                    with lock:
                        released.update(e["id"] for e in waiting)

    seen: list[dict[str, Any]] = []

    def reader() -> None:
        after = ""
        turn = 0
        with httpx.Client(timeout=30) as client:
            while True:
                finished = moderator_done.is_set()  # read before the pull: the last is complete
                relay = relays[turn % 2]
                turn += 1
                page: dict[str, Any] = client.get(
                    f"{relay.url}/v1/events",
                    params={"community": SLUG, "after": after, "limit": 15},
                ).json()
                seen.extend(page["events"])
                after = page["next"]
                if finished and not page["more"]:
                    return

    writers = [threading.Thread(target=publisher, args=(w,)) for w in range(4)]
    others = [threading.Thread(target=moderator), threading.Thread(target=reader)]
    for thread in [*others, *writers]:
        thread.start()
    for thread in writers:
        thread.join()
    writers_done.set()
    for thread in others:
        thread.join()

    posts = [event["id"] for event in seen if event["kind"] == "post"]
    assert len(posts) == len(set(posts)), "an event was served twice"
    assert released == held and len(held) == 48
    assert sorted(posts) == sorted([*accepted, *held]), "an acknowledged post was missed"
