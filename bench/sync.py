"""Sync benchmark: a cold pull from a real relay on loopback into the encrypted store,
and ``peerhaven sync`` against a hostile relay's worst cases.

Prints end-to-end events/s (fetched, verified, stored, indexed), bytes on the wire
per event against the raw JSON of the same events, and what a sync with nothing
new costs; then, for each worst case a hostile relay can serve (a 100 MB page, a
gzip bomb inflating to 1 GiB, endless pages at the size cap, endless valid pages),
the peak RSS of a real ``peerhaven sync`` process and how long it took. This
machine's Ed25519 verifications/s are printed first, to read the rates against.
Run: ``.venv/bin/python bench/sync.py [--events N] [--worst-only]``.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import signed_posts  # noqa: E402
from bench.cpu import cpu_seconds  # noqa: E402
from bench.machine import machine_line  # noqa: E402
from peerhaven.store import create_store  # noqa: E402
from peerhaven.store.communities import join  # noqa: E402
from peerhaven.store.personas import create_persona  # noqa: E402
from peerhaven.store.relays import add_relay  # noqa: E402
from peerhaven.sync import Syncer  # noqa: E402
from peerhaven.sync.budget import MAX_BODY  # noqa: E402
from tests.fixtures.hostile import FakeRelay, Reply, Seen  # noqa: E402

SLUG = "bench-circle"
PASSPHRASE = "bench passphrase for sync"
MB = 1 << 20
#: the issue's bound on a sync's memory, whatever a relay sends
PEAK_TARGET_MB = 200


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
    parser.add_argument("--worst-only", action="store_true", help="only the hostile worst cases")
    args = parser.parse_args()
    print(machine_line())
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    relay = start_relay(tmp / "relay", port)
    try:
        if not args.worst_only:
            cold_pull(tmp, url, args.events)
        worst_cases(tmp, url)
    finally:
        relay.terminate()
        relay.wait(30)


def cold_pull(tmp: Path, url: str, count: int) -> None:
    """The cold pull, the wire and the idle sync, from a real relay holding ``count`` posts."""
    if True:
        events = signed_posts(
            count, communities=(SLUG,), base=int(time.time()) - 10 * 86_400 - count
        )
        raw = sum(len(e.to_json().encode()) for e in events)
        with httpx.Client(base_url=url, timeout=60) as client:
            for start in range(0, len(events), 500):
                client.post("/v1/events", json=[e.to_wire() for e in events[start : start + 500]])
        print(
            f"relay on loopback holds {len(events):,} events ({raw / 1e6:.1f} MB raw JSON); "
            f"load average {os.getloadavg()[0]:.2f}"
        )
        store = create_store(tmp / "member.db", PASSPHRASE)
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


def worst_cases(tmp: Path, good_url: str) -> None:
    """``peerhaven sync`` against each worst case a hostile relay can serve: peak RSS and time."""
    definitions = httpx.get(f"{good_url}/v1/communities", timeout=10).json()
    bomb = _gzip_bomb(1024 * MB)
    cases: list[tuple[str, Callable[[Seen], Reply]]] = [
        ("nothing to pull (baseline)", lambda seen: Reply(body=_page([], more=False))),
        ("a 100 MB page with no length", lambda seen: Reply(size=100 * MB, no_length=True)),
        (
            f"a gzip bomb: {len(bomb) / MB:.1f} MB inflating to 1 GiB",
            lambda seen: Reply(raw=bomb, headers={"Content-Encoding": "gzip"}),
        ),
        ("endless pages of short strings just under the cap", _endless(_strings_page())),
        ("endless pages of empty objects just under the cap", _endless(_objects_page())),
        ("endless pages of one event nesting empty objects to the cap", _endless(_nested_page())),
        ("endless pages of valid posts", _endless_valid()),
    ]
    print(
        f"\nhostile relay, `peerhaven sync --deadline 20` (answers capped at "
        f"{MAX_BODY / MB:g} MB); peak RSS of the sync process:"
    )
    worst = 0.0
    for number, (name, pulls) in enumerate(cases):
        peak, took, said = _sync_against(tmp / f"worst-{number}", definitions, pulls)
        worst = max(worst, peak)
        print(f"  {name}: peak {peak:,.0f} MB in {took:.1f} s; {said}")
    verdict = "ok" if worst < PEAK_TARGET_MB else "MISSED"
    print(f"\ntarget: peak RSS < {PEAK_TARGET_MB} MB in every worst case: {worst:,.0f} MB", verdict)


def _sync_against(
    home: Path, definitions: object, pulls: Callable[[Seen], Reply]
) -> tuple[float, float, str]:
    """Run ``peerhaven sync`` on a fresh store whose only relay is hostile; (peak MB, s, words)."""

    def script(seen: Seen) -> Reply:
        if seen.path == "/v1/info":
            return Reply(body={"name": "hostile", "limits": {"page_max": 500}})
        if seen.path == "/v1/communities":
            return Reply(body=definitions)
        if seen.path == "/v1/events" and seen.method == "GET":
            return pulls(seen)
        return Reply(404, {"error": "not-found", "detail": "no"})

    hostile = FakeRelay(script)
    try:
        store = create_store(home / "peerhaven.db", PASSPHRASE)
        create_persona(store)
        add_relay(store, hostile.url)
        with Syncer(store) as syncer:
            syncer.browse(hostile.url)
        join(store, SLUG)
        store.close()
        env = {**os.environ, "PEERHAVEN_HOME": str(home), "PEERHAVEN_PASSPHRASE": PASSPHRASE}
        out, err = home / "out.json", home / "err.txt"
        started = time.perf_counter()
        with out.open("wb") as stdout, err.open("wb") as stderr:
            proc = subprocess.Popen(
                [sys.executable, "-m", "peerhaven", "sync", "--deadline", "20", "--json"],
                env=env, stdout=stdout, stderr=stderr,
            )  # fmt: skip
            peak = 0
            while proc.poll() is None:
                peak = max(peak, _high_water(proc.pid))
                time.sleep(0.02)
        took = time.perf_counter() - started
    finally:
        hostile.close()
    try:
        [report] = json.loads(out.read_text())
        said = report["error"] or f"received {report['pulled']:,}"
    except (ValueError, KeyError, TypeError):
        tail = err.read_text(errors="replace").strip()[-200:]
        said = f"exit {proc.returncode}: {tail}"
    return peak / 1024, took, said


def _high_water(pid: int) -> int:
    """A live process's peak RSS so far, in KiB (``VmHWM``; 0 once it is gone).

    Read from /proc while it runs: ``wait4``'s figure is no use here, as Linux
    carries the parent's high-water mark across the fork into the child's.
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _page(events: list[object], *, more: bool, after: int = 0) -> dict[str, object]:
    return {"events": events, "next": str(after + 1), "more": more}


def _endless(body: bytes) -> Callable[[Seen], Reply]:
    """The same page, with ``more`` and a new cursor each time (the cursor is spliced in)."""

    def pulls(seen: Seen) -> Reply:
        after = int((seen.query.get("after") or ["0"])[0])
        return Reply(raw=body.replace(b'"next": "1"', f'"next": "{after + 1}"'.encode()))

    return pulls


def _under_cap(item: bytes) -> bytes:
    """A page whose events list repeats ``item`` until the body is just under the cap."""
    head, tail = b'{"more": true, "next": "1", "events": [', b"]}"
    count = (MAX_BODY - len(head) - len(tail) - 64) // (len(item) + 1)
    return head + b",".join([item] * count) + tail


def _strings_page() -> bytes:
    return _under_cap(b'"ab"')


def _objects_page() -> bytes:
    return _under_cap(b"{}")


def _nested_page() -> bytes:
    """One "event" that is a list of empty objects: a page within the count asked for."""
    page = _under_cap(b"{}")
    head = b'{"more": true, "next": "1", "events": ['
    return head + b"[" + page[len(head) : -2] + b"]]}"


def _endless_valid() -> Callable[[Seen], Reply]:
    """As many valid posts as asked for, each page new (a relay of endless honest traffic)."""
    events = [
        e.to_wire()
        for e in signed_posts(2_000, communities=(SLUG,), base=int(time.time()) - 86_400)
    ]

    def pulls(seen: Seen) -> Reply:
        after = int((seen.query.get("after") or ["0"])[0])
        limit = int((seen.query.get("limit") or ["100"])[0])
        start = (after * limit) % len(events)
        page = (events * 2)[start : start + limit]
        return Reply(body=_page(page, more=True, after=after))

    return pulls


def _gzip_bomb(size: int) -> bytes:
    """Gzip of ``size`` spaces, compressed a piece at a time (never held inflated)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    piece = b" " * MB
    parts = [packer.compress(piece) for _ in range(size // MB)]
    parts.append(packer.flush())
    return b"".join(parts)


if __name__ == "__main__":
    main()
