"""A flood from one key does not shut out anyone else (relay rate limits per pubkey)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from peerhaven.core import Keypair, builders
from tests.fixtures.relay import RelayLauncher
from tests.sync.helpers import create_community

SLUG = "steady-circle"


def test_one_key_flooding_leaves_other_members_served(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", SLUG)
    relay = relay_process(
        data_dir=tmp_path / "relay", args=["--pubkey-rate", "5", "--pubkey-burst", "50"]
    )
    flooder = Keypair.generate()
    members = [Keypair.generate() for _ in range(4)]
    flood_results: list[str] = []
    member_results: list[tuple[str, float]] = []
    stop = time.monotonic() + 4.0

    def flood() -> None:
        with httpx.Client(base_url=relay.url, timeout=10) as client:
            while time.monotonic() < stop:
                batch = [builders.post(flooder, SLUG, f"spam {time.monotonic()} {i}").to_wire()
                         for i in range(100)]  # fmt: skip
                answer = client.post("/v1/events", json=batch)
                if answer.status_code == 200:
                    flood_results.extend(r["reason"] or r["status"] for r in answer.json())
                else:
                    flood_results.append(str(answer.status_code))

    def member(keys: Keypair) -> None:
        with httpx.Client(base_url=relay.url, timeout=10) as client:
            for i in range(10):
                started = time.monotonic()
                event = builders.post(keys, SLUG, f"an ordinary post {i}")
                [result] = client.post("/v1/events", json=[event.to_wire()]).json()
                pulled = client.get("/v1/events", params={"community": SLUG, "limit": 50})
                assert pulled.status_code == 200
                member_results.append((result["status"], time.monotonic() - started))
                time.sleep(0.2)

    with ThreadPoolExecutor(6) as pool:
        floods = [pool.submit(flood) for _ in range(2)]
        people = [pool.submit(member, keys) for keys in members]
        for future in [*floods, *people]:
            future.result()

    assert flood_results.count("rate-limited") > 0.5 * len(flood_results)
    assert [status for status, _ in member_results] == ["accepted"] * 40
    slowest = max(took for _, took in member_results)
    assert slowest < 2.0, f"a member waited {slowest:.2f} s during the flood"
