"""Terminal app benchmark: first frame, unlock to home, the feed of a community with
100,000 posts in the store, scrolling it, peak memory.

Everything is measured from outside, on the real ``peerhaven`` command in a
pseudo-terminal (80×24), the way a person starts it:

- first frame: process start to the first paint of the unlock screen;
- unlock to home: Enter on the passphrase to the home screen's figures on screen;
- feed open: Enter on the community at home to its first rows painted (the list's
  border says "row 1 of 20 loaded" only once the first page is drawn);
- scroll: 1,000 down-arrows written to the terminal at once, to the border saying
  "row 1001"; the rows the highlight moved are read off the screen, so a dropped key
  shows as fewer rows than keys sent;
- peak RSS of the app process over the whole run (``wait4``'s ``ru_maxrss``).

The 100,000-post store is generated once (signed with ``bench.corpus``,
verified and stored by ``ingest_pages``) and cached in the temp directory.
Run: ``.venv/bin/python bench/tui.py [--posts N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSPHRASE = "bench passphrase for the terminal app"
PAGE = 500
LOCKED = b"Your store is locked"
HOME = b"Nobody here sees your name"
FEED_ROWS = re.compile(rb"row (\d+) of (\d+) loaded")
SCROLL_KEYS = 1000
DOWN = b"\x1b[B"
TARGETS = {
    "first_frame_s": 0.5,
    "unlock_to_home_s": 0.3,
    "feed_open_s": 0.1,
    "scroll_s": float("inf"),
    "rss_mb": 150.0,
}


def cached_store(posts: int) -> Path:
    """A store holding ``posts`` verified posts, one persona, and that persona a member of
    the corpus's first community (so the feed opens on a fifth of the posts); built once
    per size."""
    from peerhaven.store.migrations import LATEST

    home = Path(tempfile.gettempdir()) / f"peerhaven-bench-tui-{posts}-v{LATEST}-joined"
    path = home / "peerhaven.db"
    if path.exists():
        return home
    from bench.corpus import COMMUNITIES, signed_posts
    from peerhaven.core import Keypair, Verifier, builders
    from peerhaven.store import create_store
    from peerhaven.store.communities import join, record_offers
    from peerhaven.store.events import ingest_pages
    from peerhaven.store.personas import create_persona

    start = time.perf_counter()
    building = home.with_name(home.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    wire = [event.to_wire() for event in signed_posts(posts)]
    pages = (json.loads(json.dumps(wire[i : i + PAGE])) for i in range(0, len(wire), PAGE))
    with create_store(building / "peerhaven.db", PASSPHRASE) as store, Verifier() as verifier:
        report = ingest_pages(store, pages, verifier)
        persona = create_persona(store)
        owner = Keypair.from_secret(bytes([99]) * 32)
        definition = builders.community(owner, COMMUNITIES[0], "Grief support")
        record_offers(store, "https://relay.invalid", [definition.to_wire()])
        join(store, COMMUNITIES[0], persona=persona.pubkey)
        store.scrub()
    building.rename(home)
    print(
        f"built a store with {report.accepted:,} posts in {time.perf_counter() - start:.1f} s "
        f"(cached in {home})"
    )
    return home


def read_until(fd: int, marker: bytes, seen: bytearray, timeout: float = 20) -> float:
    """Read the terminal until ``marker`` appears; return the moment it did."""
    deadline = time.perf_counter() + timeout
    while marker not in seen:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError(f"{marker!r} never appeared on the terminal")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                seen.extend(os.read(fd, 65536))
            except OSError:
                break
    return time.perf_counter()


def one_run(home: Path) -> dict[str, float]:
    """Start the app in a pty, unlock it, quit; return the three figures."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PEERHAVEN_")},
        "PEERHAVEN_HOME": str(home),
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
    }
    command = [sys.executable, "-m", "peerhaven"]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child: the pty is its terminal
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.close(master)
        os.execve(command[0], command, env)
    os.close(slave)
    seen = bytearray()
    try:
        first_frame = read_until(master, LOCKED, seen) - start
        time.sleep(0.3)  # let start-up settle, as a person would take a moment to type
        os.write(master, PASSPHRASE.encode())
        time.sleep(0.1)
        seen.clear()
        pressed = time.perf_counter()
        os.write(master, b"\r")
        unlock = read_until(master, HOME, seen) - pressed
        time.sleep(0.5)  # home's unread counts load after its figures
        seen.clear()
        pressed = time.perf_counter()
        os.write(master, b"\r")  # the community list has focus: open the feed
        feed_open = read_until(master, b"row 1 of ", seen) - pressed
        time.sleep(0.3)
        seen.clear()
        pressed = time.perf_counter()
        os.write(master, DOWN * SCROLL_KEYS)
        try:
            scrolled = read_until(master, b"row %d of " % (SCROLL_KEYS + 1), seen) - pressed
        except TimeoutError:
            scrolled = float("nan")
        rows = [int(match[0]) for match in FEED_ROWS.findall(bytes(seen))]
        moved = max(rows, default=1) - 1
        os.write(master, b"\x11")  # Ctrl+Q
        drain_deadline = time.perf_counter() + 10
        while time.perf_counter() < drain_deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    if not os.read(master, 65536):
                        break
                except OSError:
                    break
            done, _status, _ = os.wait4(pid, os.WNOHANG)
            if done:
                break
    finally:
        try:
            _, _, usage = os.wait4(pid, 0)
        except ChildProcessError:  # already reaped above
            usage = None
        os.close(master)
    rss_mb = usage.ru_maxrss / 1024 if usage is not None else float("nan")
    return {
        "first_frame_s": first_frame,
        "unlock_to_home_s": unlock,
        "feed_open_s": feed_open,
        "scroll_s": scrolled,
        "rows_moved": float(moved),
        "rss_mb": rss_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        cached_store(args.posts)
        return
    # built in a process of its own: the app is started with fork-then-exec, and a child's
    # ru_maxrss keeps the peak from before exec, so a parent holding the corpus would
    # lend the app its memory in the figures (161 MB measured that way, 77 MB for real)
    subprocess.run(
        [sys.executable, __file__, "--posts", str(args.posts), "--build-only"], check=True
    )
    home = cached_store(args.posts)
    print(f"load average before the runs: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    runs = [one_run(home) for _ in range(args.runs)]
    print(f"\n{'':26}{'median':>12}{'worst':>12}{'target':>12}")
    for key, label, unit in (
        ("first_frame_s", "launch to first frame", "s"),
        ("unlock_to_home_s", "unlock to home", "s"),
        ("feed_open_s", "feed open (first rows)", "s"),
        ("scroll_s", f"scroll {SCROLL_KEYS:,} rows", "s"),
        ("rss_mb", "peak RSS", "MB"),
    ):
        values = [run[key] for run in runs]
        median, worst = statistics.median(values), max(values)
        verdict = "ok" if median < TARGETS[key] else "MISSED"
        target = f"< {TARGETS[key]:g} {unit}" if TARGETS[key] != float("inf") else "no drops"
        print(
            f"{label:26}{f'{median:.3f} {unit}':>12}{f'{worst:.3f} {unit}':>12}{target:>12}"
            f"  {verdict}"
        )
    moved = [int(run["rows_moved"]) for run in runs]
    dropped = [SCROLL_KEYS - rows for rows in moved]
    verdict = "ok" if not any(dropped) else "MISSED"
    print(
        f"{'scroll: rows moved':26}{min(moved):>12,}{'':>12}{f'= {SCROLL_KEYS:,} keys':>12}"
        f"  {verdict} (fewest rows moved in any run; keys dropped per run: {dropped})"
    )
    print(f"\n{args.posts:,} posts; {args.runs} runs; load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
