"""Benchmark of direct messages: the round trip through a relay, cost per message, bytes.

Run: ``.venv/bin/python bench/dm.py [--quick]``. Prints, on this machine:

- the round trip through a loopback relay with live delivery: A sends with the
  use case the CLI and the app share (``sync.dm.send_dm``: seal, save and queue
  in one transaction, push), B's live stream (``sync.live``) hands it to the
  ``dm`` handler, which opens, decrypts and stores it; p50 and p95 from A's call
  to B's store holding the message (target p95 < 300 ms, issue 15);
- the bytes the relay's own database holds per message (its mailbox row),
  against the plaintext size;

- microseconds per message for one double-ratchet step (encrypt, and decrypt
  including the receiving side's DH step when the turn changes), for the full
  sealing of a ``dm`` event (persona signature, ratchet, padding, seal, one-time
  signature) and for opening and reading one;
- the bytes the relay stores per message (the event's JSON) against the
  plaintext size, for texts that fill each padding bucket;
- first, Ed25519 verifications per second (``bench/machine.py``, the yardstick the
  other benchmarks use).

No figure here is asserted by a test: speed depends on the machine.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import per_call_us, percentile  # noqa: E402 - after the path
from peerhaven.core.dm.conversation import Conversation
from peerhaven.core.dm.envelope import OuterContent, open_dm, read_dm, seal_dm
from peerhaven.core.dm.prekeys import new_prekeys, prekeys_event, verify_bundle
from peerhaven.core.dm.session import Session
from peerhaven.core.keys import Keypair

NOW = 1_700_000_000


def _pair() -> tuple[Keypair, Keypair, Session, Session]:
    alice, bob = Keypair.generate(), Keypair.generate()
    bundle, held = new_prekeys(bob, now=NOW, one_time=1)
    bundle = verify_bundle(prekeys_event(bob, bundle, created_at=NOW), now=NOW)
    to_bob, first = Session.initiate(alice, bundle, b"hello")
    to_alice, _, _ = Session.respond(bob, held, alice.pubkey, first)
    to_bob.decrypt(to_alice.encrypt(b"hi"))
    return alice, bob, to_bob, to_alice


def ratchet_costs(calls: int = 2000) -> None:
    _, _, to_bob, to_alice = _pair()
    text = b"x" * 200
    print(f"Double ratchet, {calls} messages of {len(text)} bytes (median / p95, µs)")
    med, p95 = per_call_us(lambda: to_alice.decrypt(to_bob.encrypt(text)), calls)
    print(f"  encrypt + decrypt, same sender in a row   {med:8.0f} {p95:8.0f}")

    def turn() -> None:  # every message answers the last: a DH ratchet step on each side
        to_alice.decrypt(to_bob.encrypt(text))
        to_bob.decrypt(to_alice.encrypt(text))

    med, p95 = per_call_us(turn, calls // 2)
    print(f"  two messages taking turns (DH steps)      {med:8.0f} {p95:8.0f}")
    state = to_bob.to_bytes()
    med, p95 = per_call_us(lambda: Session.from_bytes(state).to_bytes(), calls // 2)
    print(f"  restore + save the state ({len(state)} bytes)     {med:8.0f} {p95:8.0f}")


def sealing_costs(calls: int = 1000) -> None:
    alice, bob, to_bob, to_alice = _pair()
    _, held = new_prekeys(bob, now=NOW, one_time=0)
    sending = Conversation(to_bob)
    text = "x" * 200
    print(f"Sealed-sender dm events, {calls} messages of {len(text)} bytes (median / p95, µs)")
    events = []

    def seal() -> None:  # each message moves the sending chain on, as the store saves it
        nonlocal sending
        sending, event = seal_dm(alice, bob.pubkey, text, now=NOW, conversation=sending)
        events.append(event)

    med, p95 = per_call_us(seal, calls)
    print(f"  seal (sign, ratchet, pad, seal, one-time signature)  {med:8.0f} {p95:8.0f}")
    pending = iter(events)
    conversation = [Conversation(to_alice)]

    def read() -> None:
        sealed = open_dm(next(pending), bob)
        received = read_dm(bob, sealed, conversation=conversation[0], prekeys=held)
        conversation[0] = received.conversation

    med, p95 = per_call_us(read, calls)
    print(f"  open and read (checks, unseal, ratchet, signature)   {med:8.0f} {p95:8.0f}")


def sizes() -> None:
    alice, bob, to_bob, _ = _pair()
    sending = Conversation(to_bob)
    print("Bytes the relay stores per message (the event's JSON), by plaintext size")
    print(f"  {'text bytes':>10} {'bucket':>7} {'stored':>7} {'stored/text':>11}")
    for text_bytes in (1, 100, 200, 500, 700, 1000, 3000, 3700, 5000, 7800):
        event = seal_dm(alice, bob.pubkey, "x" * text_bytes, now=NOW, conversation=sending)[1]
        bucket = len(OuterContent.of(event).ciphertext) - 16  # the seal's Poly1305 tag
        stored = len(event.to_json().encode())
        print(f"  {text_bytes:10} {bucket:7} {stored:7} {stored / text_bytes:10.1f}x")


def _member(root: Path, name: str, url: str) -> object:
    from bench.relay import COMMUNITY
    from peerhaven.store import create_store
    from peerhaven.store.communities import join
    from peerhaven.store.personas import create_persona
    from peerhaven.store.publish import publish_post
    from peerhaven.store.relays import add_relay
    from peerhaven.sync import Syncer

    store = create_store(root / f"{name}.db", "bench passphrase long enough")
    create_persona(store)
    add_relay(store, url)
    with Syncer(store) as syncer:
        syncer.browse(url)
    join(store, COMMUNITY)
    publish_post(store, COMMUNITY, f"hello from {name}")
    with Syncer(store) as syncer:  # publishes the post and the prekey bundle
        syncer.sync(force=True)
    return store


def round_trip(root: Path, url: str, messages: int) -> list[float]:
    """Seconds from A's ``send_dm`` to B's store holding the message, for each message."""
    from bench.relay import COMMUNITY
    from peerhaven.store.communities import membership
    from peerhaven.store.database import Store
    from peerhaven.store.personas import load_persona
    from peerhaven.sync import Syncer
    from peerhaven.sync.dm import send_dm
    from peerhaven.sync.live import LiveSync

    a, b = _member(root, "a", url), _member(root, "b", url)
    assert isinstance(a, Store) and isinstance(b, Store)
    with Syncer(a) as syncer:
        syncer.sync(force=True)  # A holds B's post: they share a community
    me = load_persona(a, membership(a, COMMUNITY).persona)
    peer = membership(b, COMMUNITY).persona
    stored: set[str] = set()
    landed = threading.Condition()

    def on_mailbox(_url: str, ids: tuple[str, ...]) -> None:
        with landed:
            stored.update(ids)
            landed.notify_all()

    delays = []
    with Syncer(b) as syncer:
        live = LiveSync(syncer, on_mailbox=on_mailbox)
        live.start([url])
        time.sleep(1.0)
        try:
            for n in range(messages):
                start = time.perf_counter()
                sent = send_dm(a, me, peer, f"round trip {n}", community=COMMUNITY)
                event_id = sent.sent.event.id
                with landed:
                    landed.wait_for(lambda event_id=event_id: event_id in stored, timeout=30)
                delays.append(time.perf_counter() - start if event_id in stored else float("inf"))
        finally:
            live.stop()
    a.close()
    b.close()
    return delays


def relay_bytes(root: Path, url: str, data: Path) -> None:
    """What the relay's database holds per message, by plaintext size (nobody reads them)."""
    from bench.relay import COMMUNITY
    from peerhaven.store.communities import membership
    from peerhaven.store.database import Store
    from peerhaven.store.personas import load_persona
    from peerhaven.sync.dm import send_dm

    a, b = _member(root, "c", url), _member(root, "d", url)
    assert isinstance(a, Store) and isinstance(b, Store)
    me = load_persona(a, membership(a, COMMUNITY).persona)
    peer = membership(b, COMMUNITY).persona
    print("Bytes the relay's database holds per message (its mailbox row), by plaintext size")
    print(f"  {'text bytes':>10} {'row bytes':>9} {'row/text':>8}")
    database = sqlite3.connect(data / "relay.sqlite3")
    for text_bytes in (1, 100, 200, 500, 1000, 3000, 7000):
        event = send_dm(a, me, peer, "x" * text_bytes, community=COMMUNITY).sent.event
        row = database.execute(
            "SELECT length(CAST(id AS BLOB)) + length(CAST(recipient AS BLOB)) + 8"
            " + length(CAST(body AS BLOB)) FROM mailbox WHERE id = ?",
            (event.id,),
        ).fetchone()
        size = int(row[0]) if row else 0
        print(f"  {text_bytes:10} {size:9} {size / text_bytes:7.1f}x")
    database.close()
    a.close()
    b.close()


def main() -> None:
    from bench.machine import machine_line
    from bench.relay import HOST, RelayUnderTest

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer messages, a smoke test")
    args = parser.parse_args()
    print(machine_line())
    root = Path(tempfile.mkdtemp(prefix="peerhaven-bench-dm-"))
    try:
        relay = RelayUnderTest("sqlite", 1, root, None)
        relay.extra_args = ["--stream-heartbeat", "5"]
        relay.start()
        try:
            url = f"http://{HOST}:{relay.port}"
            trips = round_trip(root, url, 20 if args.quick else 200)
            print(f"Round trip through a loopback relay, live delivery, {len(trips)} messages")
            print(
                f"  send, deliver, decrypt, store: p50 {percentile(trips, 0.5) * 1000:.0f} ms,"
                f" p95 {percentile(trips, 0.95) * 1000:.0f} ms,"
                f" worst {max(trips) * 1000:.0f} ms (target p95 < 300 ms)"
            )
            relay_bytes(root, url, relay.data)
        finally:
            relay.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    ratchet_costs(500 if args.quick else 2000)
    sealing_costs(300 if args.quick else 1000)
    sizes()


if __name__ == "__main__":
    main()
