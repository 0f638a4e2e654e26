"""Relay benchmark: ingest, single publishes, pulls and the framework's ceiling, on loopback.

    .venv/bin/python bench/relay.py [--quick] [--only sqlite|postgresql] [--workers 1,2]

For SQLite and PostgreSQL, with one and with two processes sharing the port
(SO_REUSEPORT), it measures:

- ceiling: ``GET /v1/ping`` (does nothing) with 32 keep-alive clients;
- ingest: events/s in batches of 100, every signature verified by the relay;
- single: single-event publishes/s with 32 clients (group commit at work);
- pull-cold: pages of 50 events/s with 32 clients, p50/p99 latency, each
  request from an arbitrary position of the feed, so that nearly every page
  misses the page cache and is read, built and compressed anew (the worst case
  for readers catching up);
- pull: the same, each client following ``next`` from a random point of the
  feed, as syncing members do (the feed's pages repeat, so most are cached);
- peak RSS of each relay process, how requests were split between processes
  (each process logs how many it served when it stops), and CPU during each
  phase: the relay's, the load generator's, PostgreSQL's (the throwaway
  cluster's processes; with a configured server, every ``postgres`` process on
  the machine) and everything else;
- CPU time per event or request of the relay processes and of PostgreSQL: on a
  shared machine wall-clock rates follow everyone else's load, CPU per unit
  much less, so compare runs by it (interleaved, in the same conditions).

The load generator is a raw asyncio HTTP/1.1 keep-alive client on uvloop in
this one process, so it competes with the relay for the same two cores; its
CPU share is printed so that the figures can be read honestly. PostgreSQL is
taken from PEERHAVEN_BENCH_DATABASE_URL or PEERHAVEN_TEST_DATABASE_URL, else a
throwaway cluster is started (as scripts/postgres.sh does), else skipped.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import machine_line  # noqa: E402
from peerhaven.core import Event, Keypair, builders  # noqa: E402

HOST = "127.0.0.1"
CLIENTS = 32
COMMUNITY = "bench"
WORDS = "feel today tired hope sleep breathe small step kind rest friends better".split()
TICKS = os.sysconf("SC_CLK_TCK")


# -- load generation ----------------------------------------------------------------


class Conn:
    """One keep-alive HTTP/1.1 connection speaking just enough of the protocol."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Conn:
        reader, writer = await asyncio.open_connection(HOST, port)
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(reader, writer)

    async def send(self, request: bytes) -> tuple[int, bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        match = re.search(rb"(?i)content-length: *(\d+)", head)
        body = await self.reader.readexactly(int(match.group(1))) if match else b""
        return status, body

    def close(self) -> None:
        self.writer.close()


def get(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: relay\r\nAccept-Encoding: gzip\r\n\r\n".encode()


def post(path: str, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


@dataclass
class Load:
    """What one phase measured."""

    done: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    def rate(self, per: int = 1) -> float:
        return self.done * per / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000 if ordered else 0.0


async def drive(
    port: int,
    clients: int,
    next_request: Callable[[int], bytes | None],
    *,
    duration: float | None = None,
    timed: bool = False,
) -> Load:
    """``clients`` connections each sending ``next_request(client)`` until None or time is up."""
    conns = [await Conn.open(port) for _ in range(clients)]
    load = Load()
    start = time.perf_counter()
    deadline = start + duration if duration else float("inf")

    async def worker(n: int) -> None:
        conn = conns[n]
        while time.perf_counter() < deadline:
            request = next_request(n)
            if request is None:
                return
            sent = time.perf_counter()
            status, _ = await conn.send(request)
            if timed:
                load.latencies.append(time.perf_counter() - sent)
            if status == 200:
                load.done += 1
            else:
                load.errors += 1

    await asyncio.gather(*(worker(n) for n in range(clients)))
    load.seconds = time.perf_counter() - start
    for conn in conns:
        conn.close()
    return load


# -- the relay under test -------------------------------------------------------------


@dataclass
class RelayUnderTest:
    backend: str
    workers: int
    root: Path
    database_url: str | None
    #: the throwaway cluster's postmaster, whose CPU is counted (None: every postgres)
    postmaster: int | None = None
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    #: further ``relay serve`` options
    extra_args: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.root / f"{self.backend}-{self.workers}"

    def store_args(self) -> list[str]:
        args = ["--data", str(self.data)]
        return args + (["--database-url", self.database_url] if self.database_url else [])

    def start(self) -> None:
        with socket.socket() as sock:
            sock.bind((HOST, 0))
            self.port = sock.getsockname()[1]
        peerhaven = [sys.executable, "-m", "peerhaven", "relay"]
        subprocess.run(
            [*peerhaven, "community", "create", COMMUNITY, "--name", "Bench", *self.store_args()],
            check=True,
            capture_output=True,
        )
        self.log = (self.root / f"{self.backend}-{self.workers}.log").open("wb")
        self.proc = subprocess.Popen(
            [
                *peerhaven, "serve", *self.store_args(), "--host", HOST,
                "--port", str(self.port), "--workers", str(self.workers),
                "--pubkey-rate", "0", "--connection-rate", "0", "--max-batch", "500",
                *self.extra_args,
            ],
            stdout=self.log,
            stderr=self.log,
        )  # fmt: skip
        for _ in range(300):
            try:
                if httpx.get(f"http://{HOST}:{self.port}/v1/health").status_code == 200:
                    if len(self.pids()) >= self.workers:
                        return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the relay did not start")

    def pids(self) -> list[int]:
        """The serving processes (the children when a supervisor runs several)."""
        assert self.proc is not None
        if self.workers == 1:
            return [self.proc.pid]
        found = []
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            found += [int(pid) for pid in (task / "children").read_text().split()]
        # serving processes are the spawned ones (not, e.g., a resource tracker)
        return [pid for pid in found if b"spawn_main" in _cmdline(pid)]

    def cpu_seconds(self) -> float:
        return sum(_cpu(pid) for pid in self.pids())

    def peak_rss_mb(self) -> list[float]:
        return [_peak_kb(pid) / 1024 for pid in self.pids()]

    def stop(self) -> list[int]:
        """SIGTERM, wait, and return the requests each process reports having served."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(60)
        self.log.close()
        text = (self.root / f"{self.backend}-{self.workers}.log").read_text()
        return [int(n) for n in re.findall(r"served (\d+) requests", text)]


def proc_status(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1])
    return 0


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _peak_kb(pid: int) -> int:
    return proc_status(pid, "VmHWM:")


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / TICKS, sum(values) / TICKS


def _postgres_cpu(postmaster: int | None) -> float:
    """CPU seconds of the benchmark's PostgreSQL (its postmaster and the postmaster's
    children), or, for a configured server, of every ``postgres`` process on the machine."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if postmaster is None:
                    if (entry / "comm").read_text().strip() == "postgres":
                        total += _cpu(int(entry.name))
                    continue
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if int(entry.name) == postmaster or parent == postmaster:
                    total += _cpu(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    return total


@dataclass
class Cpu:
    """CPU use during one phase: seconds of each party, and the phase's wall-clock time.

    The machine may be shared, so wall-clock rates move with everyone else's load;
    CPU time per event or request is the figure to compare between runs.
    """

    relay: float
    loadgen: float
    database: float
    other: float
    wall: float

    def __str__(self) -> str:
        parts = (self.relay, self.loadgen, self.database, self.other)
        relay, gen, db, other = (100 * value / self.wall for value in parts)
        return (
            f"cpu relay {relay:4.0f}%  loadgen {gen:4.0f}%  "
            f"postgres {db:4.0f}%  other {other:4.0f}%"
        )

    def per_unit(self, units: float) -> str:
        """CPU time per event or request, of the relay processes and of PostgreSQL."""
        if not units:
            return ""
        return (
            f"cpu per unit: relay {1e6 * self.relay / units:.0f} µs"
            f" + postgres {1e6 * self.database / units:.0f} µs"
        )


async def measured(relay: RelayUnderTest, phase: Callable[[], Awaitable[Load]]) -> tuple[Load, Cpu]:
    r0, g0, (b0, _) = relay.cpu_seconds(), time.process_time(), _machine_busy()
    d0 = _postgres_cpu(relay.postmaster)
    w0 = time.perf_counter()
    load = await phase()
    wall = time.perf_counter() - w0
    r1, g1, (b1, _) = relay.cpu_seconds(), time.process_time(), _machine_busy()
    relay_cpu, gen_cpu, db_cpu = r1 - r0, g1 - g0, _postgres_cpu(relay.postmaster) - d0
    other = max(0.0, (b1 - b0) - relay_cpu - gen_cpu - db_cpu)
    return load, Cpu(relay_cpu, gen_cpu, db_cpu, other, wall)


# -- workloads ------------------------------------------------------------------------


def make_events(count: int, seed: int) -> list[Event]:
    rng = random.Random(seed)
    keys = [Keypair.generate() for _ in range(200)]
    now = int(time.time())
    return [
        builders.post(
            keys[n % len(keys)],
            COMMUNITY,
            f"{n} " + " ".join(rng.choices(WORDS, k=rng.randint(8, 40))),
            created_at=now,
        )
        for n in range(count)
    ]


def encode(events: list[Event]) -> bytes:
    return ("[" + ",".join(e.to_json() for e in events) + "]").encode()


def cursor_chain(port: int) -> list[str]:
    """Every ``next`` a reader following the whole feed from the start sees."""
    chain = [""]
    with httpx.Client() as client:
        while True:
            page = client.get(
                f"http://{HOST}:{port}/v1/events",
                params={"community": COMMUNITY, "after": chain[-1], "limit": 50},
            ).json()
            if not page["events"]:
                return chain[:-1]
            chain.append(page["next"])


async def bench_one(
    relay: RelayUnderTest, ingest: list[bytes], singles: list[bytes], secs: float
) -> dict[str, object]:
    port = relay.port
    out: dict[str, object] = {}

    ping = get("/v1/ping")
    load, cpu = await measured(relay, lambda: drive(port, CLIENTS, lambda n: ping, duration=secs))
    out["ceiling"] = (load, cpu)

    batches = iter(post("/v1/events", body) for body in ingest)
    load, cpu = await measured(relay, lambda: drive(port, 8, lambda n: next(batches, None)))
    out["ingest"] = (load, cpu)

    ones = iter(post("/v1/events", body) for body in singles)
    load, cpu = await measured(relay, lambda: drive(port, CLIENTS, lambda n: next(ones, None)))
    out["single"] = (load, cpu)

    chain = cursor_chain(port)
    # Catching up from anywhere: an arbitrary cursor each time, so that nearly every
    # page misses the cache (query, build, gzip).
    top = int(chain[-1])

    def cold_page(n: int) -> bytes:
        return get(f"/v1/events?community={COMMUNITY}&after={random.randrange(top)}&limit=50")

    load, cpu = await measured(
        relay, lambda: drive(port, CLIENTS, cold_page, duration=secs, timed=True)
    )
    out["pull-cold"] = (load, cpu)

    requests = [get(f"/v1/events?community={COMMUNITY}&after={quote(c)}&limit=50") for c in chain]
    # Catching up: each client follows `next` from a random point of the whole feed;
    # the feed has ~1,800 pages, so after the first visits most come from the cache.
    position = [random.randrange(len(requests)) for _ in range(CLIENTS)]

    def next_page(n: int) -> bytes:
        position[n] = (position[n] + 1) % len(requests)
        return requests[position[n]]

    load, cpu = await measured(
        relay, lambda: drive(port, CLIENTS, next_page, duration=secs, timed=True)
    )
    out["pull"] = (load, cpu)

    # Keeping up: clients poll the newest 20 pages, as members who are in sync do;
    # pages come from the cache.
    tail = requests[-20:]
    spot = [random.randrange(len(tail)) for _ in range(CLIENTS)]

    def tail_page(n: int) -> bytes:
        spot[n] = (spot[n] + 1) % len(tail)
        return tail[spot[n]]

    load, cpu = await measured(
        relay, lambda: drive(port, CLIENTS, tail_page, duration=secs, timed=True)
    )
    out["pull-tail"] = (load, cpu)
    out["rss"] = relay.peak_rss_mb()
    return out


# -- PostgreSQL -------------------------------------------------------------------------


def postgres(root: Path) -> tuple[str | None, Callable[[], None]]:
    """A database URL and how to stop it: configured, or a throwaway cluster, or none.

    The throwaway cluster's postmaster pid is then in ``root / "pg" / "postmaster.pid"``.
    """
    url = os.environ.get("PEERHAVEN_BENCH_DATABASE_URL") or os.environ.get(
        "PEERHAVEN_TEST_DATABASE_URL"
    )
    if url:
        return url, lambda: None
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not bins:
        return None, lambda: None
    with socket.socket() as sock:  # a free port, so other clusters on the machine are no bother
        sock.bind((HOST, 0))
        port = sock.getsockname()[1]
    bin_dir, data = bins[-1], root / "pg"
    run: list[str] = []
    if os.getuid() == 0:
        shutil.chown(root, "postgres")
        run = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*run, str(bin_dir / "initdb"), "-D", str(data), "-U", "bench",
                    "--auth=trust", "-E", "UTF8"], check=True, capture_output=True)  # fmt: skip
    options = f"-c listen_addresses={HOST} -c port={port} -k {root} -c max_connections=100"
    subprocess.run([*run, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "pg.log"),
                    "-w", "-o", options, "start"], check=True, capture_output=True)  # fmt: skip

    def stop() -> None:
        subprocess.run([*run, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       capture_output=True)  # fmt: skip

    return f"postgresql://bench@{HOST}:{port}/postgres", stop


def fresh_schema(url: str) -> str:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


# -- report -----------------------------------------------------------------------------


def report(name: str, result: dict[str, object], split: list[int]) -> None:
    ceiling, _ = result["ceiling"]  # type: ignore[misc]
    print(f"\n== {name}")
    for phase, unit, per in (
        ("ceiling", "req/s (GET /v1/ping)", 1),
        ("ingest", "events/s (batches of 100, verified)", 100),
        ("single", "single-event publishes/s", 1),
        ("pull-cold", "pages of 50/s, from arbitrary cursors (nearly all miss the cache)", 1),
        ("pull", "pages of 50/s, following next from random points (mostly cached)", 1),
        ("pull-tail", "pages of 50/s, keeping up (newest 20 pages, cached)", 1),
    ):
        load, cpu = result[phase]  # type: ignore[misc]
        rate = load.rate(per)
        ratio = (
            f"  requests at {load.rate() / ceiling.rate():.1%} of the ceiling's rate"
            if phase != "ceiling"
            else ""
        )
        extra = ""
        if phase.startswith("pull"):
            extra = f"  p50 {load.percentile(0.5):.1f} ms  p99 {load.percentile(0.99):.1f} ms"
        errors = f"  errors {load.errors}" if load.errors else ""
        print(f"  {phase:9} {rate:9.0f} {unit}{ratio}{extra}{errors}")
        print(f"  {'':9} {cpu}")
        print(f"  {'':9} {cpu.per_unit(load.done * per)}")
    rss = ", ".join(f"{mb:.0f}" for mb in result["rss"])  # type: ignore[attr-defined]
    print(f"  peak RSS per process: {rss} MB")
    total = sum(split) or 1
    print("  requests per process: " + ", ".join(f"{n} ({n / total:.0%})" for n in split))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs, for a smoke test")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument(
        "--workers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2],
        help="relay processes to measure with, e.g. 2 or 1,2 (the default)",
    )
    args = parser.parse_args()
    secs = 2.0 if args.quick else 5.0
    n_ingest, n_single = (5_000, 3_000) if args.quick else (60_000, 30_000)
    print(machine_line())
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()}")
    t0 = time.perf_counter()
    events = make_events(n_ingest + n_single, seed=7)
    ingest = [encode(events[i : i + 100]) for i in range(0, n_ingest, 100)]
    singles = [encode([e]) for e in events[n_ingest:]]
    print(f"signed {len(events)} events in {time.perf_counter() - t0:.1f} s")
    root = Path(tempfile.mkdtemp(prefix="peerhaven-bench-"))
    stop_pg: Callable[[], None] = lambda: None  # noqa: E731
    try:
        backends = ["sqlite", "postgresql"] if not args.only else [args.only]
        postmaster: int | None = None
        pg_url = None
        if "postgresql" in backends:
            pg_url, stop_pg = postgres(root)
            if pg_url is None:
                print("\nPostgreSQL: skipped (no server binaries and no URL configured)")
                backends.remove("postgresql")
            elif (root / "pg" / "postmaster.pid").exists():
                postmaster = int((root / "pg" / "postmaster.pid").read_text().split()[0])
        for backend in backends:
            for workers in args.workers:
                url = fresh_schema(pg_url) if backend == "postgresql" and pg_url else None
                relay = RelayUnderTest(backend, workers, root, url, postmaster)
                relay.start()
                try:
                    result = uvloop.run(bench_one(relay, ingest, singles, secs))
                finally:
                    split = relay.stop()
                report(f"{backend}, {workers} process{'es' if workers > 1 else ''}", result, split)
    finally:
        stop_pg()
        shutil.rmtree(root, ignore_errors=True)
    print(f"\nload average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
