"""Benchmark of direct-message cryptography: cost per message and bytes on the relay.

Run: ``.venv/bin/python bench/dm.py``. Prints, on this machine:

- microseconds per message for one double-ratchet step (encrypt, and decrypt
  including the receiving side's DH step when the turn changes), for the full
  sealing of a ``dm`` event (persona signature, ratchet, padding, seal, one-time
  signature) and for opening and reading one;
- the bytes the relay stores per message (the event's JSON) against the
  plaintext size, for texts that fill each padding bucket;
- Ed25519 verifications per second (the yardstick the other benchmarks use).

No figure here is asserted by a test: speed depends on the machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from peerhaven.core.dm.conversation import Conversation
from peerhaven.core.dm.envelope import OuterContent, open_dm, read_dm, seal_dm
from peerhaven.core.dm.prekeys import new_prekeys, prekeys_event, verify_bundle
from peerhaven.core.dm.session import Session
from peerhaven.core.keys import Keypair, verify_bytes

NOW = 1_700_000_000


def per_call_us(work: Callable[[], object], calls: int) -> tuple[float, float]:
    """Median and 95th percentile of one call, in microseconds."""
    samples = []
    for _ in range(calls):
        start = time.perf_counter_ns()
        work()
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def ed25519_verifications_per_second(seconds: float = 1.0) -> float:
    """Verifications per second of one signature over 32 bytes, best of three."""
    keys = Keypair.generate()
    message = bytes(32)
    sig = keys.sign_bytes(message)
    best = 0.0
    for _ in range(3):
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 3:
            for _ in range(100):
                verify_bytes(keys.pubkey, message, sig)
            done += 100
        best = max(best, done / (time.perf_counter() - start))
    return best


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

    def seal() -> None:
        events.append(seal_dm(alice, bob.pubkey, text, now=NOW, conversation=sending)[1])

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


def main() -> None:
    rate = ed25519_verifications_per_second()
    print(f"Ed25519 verifications per second on this machine: {rate:,.0f}")
    ratchet_costs()
    sealing_costs()
    sizes()


if __name__ == "__main__":
    main()
