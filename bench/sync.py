"""Sync benchmark: a cold pull from a real relay on loopback into the encrypted store.

Prints end-to-end events/s (fetched, verified, stored, indexed), bytes on the wire
per event against the raw JSON of the same events, and what a sync with nothing
new costs. Run: ``.venv/bin/python bench/sync.py [--events N]``.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import signed_posts  # noqa: E402
from bench.cpu import cpu_seconds  # noqa: E402
from peerhaven.store import create_store  # noqa: E402
from peerhaven.store.communities import join  # noqa: E402
from peerhaven.store.personas import create_persona  # noqa: E402
from peerhaven.store.relays import add_relay  # noqa: E402
from peerhaven.sync import Syncer  # noqa: E402

SLUG = "bench-circle"


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_relay(data: Path, port: int) -> subprocess.Popen[bytes]:
    """A real relay process with rate limits off (one author posts a lot here)."""
    run = [sys.executable, "-m", "peerhaven", "relay"]
    subprocess.run(
        [*run, "community", "create", SLUG, "--data", str(data), "--name", "Bench circle"],
        check=True, capture_output=True,
    )  # fmt: skip
    proc = subprocess.Popen(
        [*run, "serve", "--data", str(data), "--port", str(port), "--pubkey-rate", "0",
         "--connection-rate", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.05)
    raise SystemExit("the relay did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    relay = start_relay(tmp / "relay", port)
    try:
        events = signed_posts(
            args.events, communities=(SLUG,), base=int(time.time()) - 10 * 86_400 - args.events
        )
        raw = sum(len(e.to_json().encode()) for e in events)
        with httpx.Client(base_url=url, timeout=60) as client:
            for start in range(0, len(events), 500):
                client.post("/v1/events", json=[e.to_wire() for e in events[start : start + 500]])
        print(
            f"relay on loopback holds {len(events):,} events ({raw / 1e6:.1f} MB raw JSON); "
            f"load average {os.getloadavg()[0]:.2f}"
        )
        store = create_store(tmp / "member.db", "bench passphrase for sync")
        create_persona(store)
        add_relay(store, url)
        with Syncer(store) as syncer:
            syncer.browse(url)
            join(store, SLUG)
            cpu = cpu_seconds()
            started = time.perf_counter()
            report = syncer.sync()
            took = time.perf_counter() - started
            # the verifying workers start during the pull: all their time is its own
            cpu = cpu_seconds(syncer.verifier.worker_pids()) - cpu
            cold = report.relays[0]
            syncer.sync()  # learns the ETag of the page after the cursor
            idle = syncer.sync().relays[0]
        wire = cold.traffic.sent + cold.traffic.received
        rate = cold.pulled / took
        idle_bytes = idle.traffic.sent + idle.traffic.received
        print(
            f"\ncold pull: {cold.pulled:,} events in {took:.2f} s = {rate:,.0f} events/s end to end"
            f" ({cold.traffic.requests} requests; client CPU incl. verifying workers"
            f" {cpu / cold.pulled * 1e6:.0f} us/event)"
        )
        print(
            f"wire: {wire / 1e6:.2f} MB for {raw / 1e6:.2f} MB of raw JSON = {wire / raw:.2f}x "
            f"({wire / cold.pulled:.0f} bytes/event on the wire, {raw / cold.pulled:.0f} raw)"
        )
        print(
            f"sync with nothing new: {idle.traffic.requests} request(s), "
            f"{idle.traffic.sent} bytes sent, {idle.traffic.received} received, "
            f"{idle.unchanged} answered 304"
        )
        verdict = {True: "ok", False: "MISSED"}
        print(
            f"\ntargets: cold pull >= 10,000/s: {rate:,.0f} {verdict[rate >= 10_000]}; "
            f"wire <= 0.5x raw: {wire / raw:.2f} {verdict[wire / raw <= 0.5]}; "
            f"idle < 1 KB per relay: {idle_bytes} {verdict[idle_bytes < 1024]}"
        )
        store.close()
    finally:
        relay.terminate()
        relay.wait(30)


if __name__ == "__main__":
    main()
