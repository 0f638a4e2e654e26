"""Limits over HTTP: sizes before parsing, malformed bodies, per-event limits, rate limits."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterator

import httpx
import pytest

from peerhaven.core import Keypair, builders
from tests.fixtures.relay import RelayLauncher, RelayProcess
from tests.relay.helpers import make_community, statuses

BODY_LIMIT = 20_000


@pytest.fixture(scope="module")
def tight(module_relay_process: RelayLauncher) -> Iterator[RelayProcess]:
    relay = module_relay_process(
        args=[
            "--max-batch", "5", "--max-body-bytes", str(BODY_LIMIT),
            "--max-content-bytes", "200", "--max-clock-skew", "60", "--pow-difficulty", "6",
            "--pubkey-rate", "0.5", "--pubkey-burst", "3", "--connection-rate", "0",
        ]
    )  # fmt: skip
    make_community(relay, "limits")
    yield relay
    relay.stop()


def post(relay: RelayProcess, content: bytes, **headers: str) -> httpx.Response:
    return httpx.post(
        f"{relay.url}/v1/events",
        content=content,
        headers={"Content-Type": "application/json", **headers},
    )


def test_oversized_bodies_are_413_before_parsing(tight: RelayProcess) -> None:
    declared = post(tight, b"[" + b" " * BODY_LIMIT + b"]")
    assert declared.status_code == 413 and declared.json()["error"] == "too-large"

    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b" " * 4096

    streamed = httpx.post(f"{tight.url}/v1/events", content=chunks())
    assert streamed.status_code == 413


def test_a_zip_bomb_is_413(tight: RelayProcess) -> None:
    bomb = gzip.compress(b"[" + b" " * (50 * BODY_LIMIT) + b"]")
    assert len(bomb) < BODY_LIMIT
    response = post(tight, bomb, **{"Content-Encoding": "gzip"})
    assert response.status_code == 413


def test_malformed_bodies_are_400(tight: RelayProcess) -> None:
    for body in (b"{not json", b'{"an": "object"}', b"[]", b"\xff\xfe"):
        response = post(tight, body)
        assert response.status_code == 400, body
        assert response.json()["error"] == "malformed"
    corrupt = post(tight, b"\x1f\x8b\x08\x00garbage", **{"Content-Encoding": "gzip"})
    assert corrupt.status_code == 400


def test_too_many_events_is_413_and_non_objects_422(tight: RelayProcess) -> None:
    keys = Keypair.generate()
    batch = [builders.post(keys, "limits", f"n{n}", pow_difficulty=6).to_wire() for n in range(6)]
    assert post(tight, json.dumps(batch).encode()).status_code == 413
    mixed = post(tight, json.dumps([batch[0], 42]).encode())
    assert mixed.status_code == 422 and mixed.json()["error"] == "invalid-event"


def test_per_event_limits_are_rejections_with_core_reasons(tight: RelayProcess) -> None:
    keys = Keypair.generate()
    big = builders.post(keys, "limits", "x" * 201, pow_difficulty=6)
    future = builders.post(
        keys, "limits", "from the future", created_at=int(time.time()) + 600, pow_difficulty=6
    )
    lazy = builders.post(keys, "limits", "no work done")
    forged = builders.post(keys, "limits", "forged", pow_difficulty=6)
    forged_wire = {**forged.to_wire(), "sig": "0" * 128}
    response = post(
        tight, json.dumps([e.to_wire() for e in (big, future, lazy)] + [forged_wire]).encode()
    )
    assert [r["reason"] for r in response.json()] == [
        "content-too-large",
        "clock-skew",
        "insufficient-pow",
        "bad-signature",
    ]


def test_a_pubkey_over_its_rate_is_told_when_to_retry(tight: RelayProcess) -> None:
    keys = Keypair.generate()
    events = [builders.post(keys, "limits", f"quick {n}", pow_difficulty=6) for n in range(4)]
    response = post(tight, json.dumps([e.to_wire() for e in events]).encode())
    assert [r["status"] for r in response.json()] == ["accepted"] * 3 + ["rejected"]
    assert response.json()[3]["reason"] == "rate-limited"
    assert int(response.headers["retry-after"]) >= 1
    other = builders.post(Keypair.generate(), "limits", "someone else", pow_difficulty=6)
    assert statuses(tight, other) == ["accepted"]


def test_a_connection_over_its_rate_gets_429_with_retry_after(
    relay_process: RelayLauncher,
) -> None:
    relay = relay_process(args=["--connection-rate", "1", "--connection-burst", "5"])
    with httpx.Client() as client:  # one keep-alive connection
        codes = [client.get(f"{relay.url}/v1/info") for _ in range(20)]
    limited = [r for r in codes if r.status_code == 429]
    assert limited and [r.status_code for r in codes[:5]] == [200] * 5
    assert int(limited[0].headers["retry-after"]) >= 1
    assert limited[0].json()["error"] == "rate-limited"
    with httpx.Client() as fresh:  # a new connection has its own budget
        assert fresh.get(f"{relay.url}/v1/info").status_code == 200
