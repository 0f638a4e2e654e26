"""The double-ratchet session: both directions, order, replays, tampering, saving, crashes."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerhaven.core.dm.errors import AlreadyReceived, DmError
from peerhaven.core.dm.prekeys import PrekeySecrets
from peerhaven.core.dm.ratchet import DOS_PROTECTION_THRESHOLD
from peerhaven.core.dm.session import RatchetMessage, Session
from tests.core.dm_helpers import Device


def _started() -> tuple[Device, Device, Session, Session]:
    """Alice starts a conversation with Bob and Bob answers once; both sessions ready."""
    alice, bob = Device(), Device()
    to_bob, first = Session.initiate(alice.keys, bob.publish(), b"hello")
    to_alice, plaintext, bob.prekeys = Session.respond(bob.keys, bob.prekeys, alice.pubkey, first)
    assert plaintext == b"hello"
    assert to_alice.peer == alice.pubkey and to_bob.peer == bob.pubkey
    assert to_bob.decrypt(to_alice.encrypt(b"hi")) == b"hi"
    return alice, bob, to_bob, to_alice


def test_a_conversation_works_both_ways_across_many_ratchet_steps() -> None:
    _, _, to_bob, to_alice = _started()
    for turn in range(5):
        for n in range(3):
            assert to_alice.decrypt(to_bob.encrypt(b"a%d-%d" % (turn, n))) == b"a%d-%d" % (turn, n)
        assert to_bob.decrypt(to_alice.encrypt(b"b%d" % turn)) == b"b%d" % turn


def test_the_first_messages_carry_the_x3dh_header_until_the_peer_answers() -> None:
    alice, bob = Device(), Device()
    to_bob, first = Session.initiate(alice.keys, bob.publish(), b"one")
    second = to_bob.encrypt(b"two")
    assert first.x3dh is not None and second.x3dh == first.x3dh
    to_alice, _, bob.prekeys = Session.respond(bob.keys, bob.prekeys, alice.pubkey, first)
    assert to_alice.decrypt(second) == b"two"
    to_bob.decrypt(to_alice.encrypt(b"answer"))
    assert to_bob.encrypt(b"three").x3dh is None


def test_messages_out_of_order_are_all_read_once() -> None:
    _, _, to_bob, to_alice = _started()
    batch1 = [to_bob.encrypt(b"1-%d" % n) for n in range(4)]
    to_bob.decrypt(to_alice.encrypt(b"turn"))  # a new DH step for Alice's next messages
    batch2 = [to_bob.encrypt(b"2-%d" % n) for n in range(3)]
    order = [batch2[2], batch1[3], batch1[0], batch2[0], batch1[2], batch2[1], batch1[1]]
    got = [to_alice.decrypt(m) for m in order]
    assert sorted(got) == sorted([b"1-%d" % n for n in range(4)] + [b"2-%d" % n for n in range(3)])


def test_the_first_message_may_arrive_after_the_second() -> None:
    alice, bob = Device(), Device()
    to_bob, first = Session.initiate(alice.keys, bob.publish(), b"one")
    second = to_bob.encrypt(b"two")
    to_alice, plaintext, bob.prekeys = Session.respond(bob.keys, bob.prekeys, alice.pubkey, second)
    assert plaintext == b"two"
    assert to_alice.decrypt(first) == b"one"


def test_a_replayed_message_is_refused_whether_in_order_or_skipped() -> None:
    _, _, to_bob, to_alice = _started()
    early, late = to_bob.encrypt(b"early"), to_bob.encrypt(b"late")
    assert to_alice.decrypt(late) == b"late"
    assert to_alice.decrypt(early) == b"early"
    for copy in (late, early):
        with pytest.raises(DmError, match=r"^This message was already received; the copy"):
            to_alice.decrypt(copy)


def test_a_replayed_first_message_cannot_start_a_second_session() -> None:
    alice, bob = Device(), Device()
    _, first = Session.initiate(alice.keys, bob.publish(), b"hello")
    _, _, bob.prekeys = Session.respond(bob.keys, bob.prekeys, alice.pubkey, first)
    with pytest.raises(DmError, match="one-time key that was already used"):
        Session.respond(bob.keys, bob.prekeys, alice.pubkey, first)


def test_responding_leaves_the_given_secrets_alone() -> None:
    alice, bob = Device(), Device()
    _, first = Session.initiate(alice.keys, bob.publish(), b"hello")
    before = bob.prekeys.to_bytes()
    _, _, remaining = Session.respond(bob.keys, bob.prekeys, alice.pubkey, first)
    assert bob.prekeys.to_bytes() == before
    assert first.x3dh is not None and first.x3dh.otpk_id not in remaining.one_time


def _flip(message: RatchetMessage, **change: object) -> RatchetMessage:
    return dataclasses.replace(message, **change)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "alter",
    [
        lambda m: _flip(m, ciphertext=bytes([m.ciphertext[0] ^ 1]) + m.ciphertext[1:]),
        lambda m: _flip(m, ciphertext=m.ciphertext[:-1]),
        lambda m: _flip(m, index=m.index + 1),
        lambda m: _flip(m, previous=m.previous + 1),
        lambda m: _flip(m, ratchet_pub=bytes(31) + b"\x09"),
    ],
)
def test_altered_messages_are_refused_and_change_nothing(alter: object) -> None:
    _, _, to_bob, to_alice = _started()
    message = to_bob.encrypt(b"the real one")
    before = to_alice.to_bytes()
    with pytest.raises(DmError, match="altered"):
        to_alice.decrypt(alter(message))  # type: ignore[operator]
    assert to_alice.to_bytes() == before
    assert to_alice.decrypt(message) == b"the real one"


def test_an_altered_first_message_is_refused_and_keeps_the_one_time_key() -> None:
    alice, bob = Device(), Device()
    _, first = Session.initiate(alice.keys, bob.publish(), b"hello")
    broken = _flip(first, ciphertext=first.ciphertext[:-1] + bytes([first.ciphertext[-1] ^ 1]))
    with pytest.raises(DmError, match="altered"):
        Session.respond(bob.keys, bob.prekeys, alice.pubkey, broken)
    _, plaintext, _ = Session.respond(bob.keys, bob.prekeys, alice.pubkey, first)
    assert plaintext == b"hello"


def test_a_message_claiming_another_initiator_is_refused() -> None:
    alice, bob, mallory = Device(), Device(), Device()
    _, first = Session.initiate(mallory.keys, bob.publish(), b"I am Alice")
    with pytest.raises(DmError, match="altered"):
        Session.respond(bob.keys, bob.prekeys, alice.pubkey, first)


def test_skipping_too_many_messages_is_refused() -> None:
    _, _, to_bob, to_alice = _started()
    for _ in range(DOS_PROTECTION_THRESHOLD + 1):
        to_bob.encrypt(b"lost")
    with pytest.raises(DmError, match="skips too many"):
        to_alice.decrypt(to_bob.encrypt(b"far ahead"))


def test_state_round_trips_through_bytes_mid_conversation() -> None:
    _, _, to_bob, to_alice = _started()
    skipped = to_bob.encrypt(b"skipped")
    to_alice.decrypt(to_bob.encrypt(b"after"))
    restored_bob = Session.from_bytes(to_bob.to_bytes())
    restored_alice = Session.from_bytes(to_alice.to_bytes())
    assert restored_alice.to_bytes() == to_alice.to_bytes()
    assert restored_alice.decrypt(skipped) == b"skipped"  # skipped keys survive the save
    assert restored_bob.decrypt(restored_alice.encrypt(b"back")) == b"back"
    assert restored_alice.decrypt(restored_bob.encrypt(b"again")) == b"again"


@pytest.mark.parametrize(
    "data", [b"", b"{}", b'{"v": 1}', b'{"v": 2, "peer": "00"}', b"\xff", b"[]"]
)
def test_damaged_state_is_refused_in_one_sentence(data: bytes) -> None:
    with pytest.raises(DmError, match=r"^The saved conversation state is damaged\.$"):
        Session.from_bytes(data)


def test_damaged_ratchet_inside_the_state_is_refused() -> None:
    _, _, to_bob, _ = _started()
    document = json.loads(to_bob.to_bytes())
    document["ratchet"]["diffie_hellman_ratchet"] = {"nonsense": True}
    with pytest.raises(DmError, match="damaged"):
        Session.from_bytes(json.dumps(document).encode())


class _Store:
    """What the store's transaction gives: the session and the messages saved together."""

    def __init__(self, session: Session) -> None:
        self.state = session.to_bytes()
        self.messages: list[bytes] = []

    def commit(self, session: Session, plaintext: bytes) -> None:
        self.state, self.messages = session.to_bytes(), [*self.messages, plaintext]


def test_a_crash_before_or_after_the_commit_loses_and_repeats_nothing() -> None:
    _, _, to_bob, to_alice = _started()
    store = _Store(to_alice)
    sent = [to_bob.encrypt(b"m%d" % n) for n in range(4)]
    # the relay delivers every message at least once; the device crashes at chosen points
    deliveries = [sent[0], sent[2], sent[1], sent[1], sent[3], sent[2], sent[3], sent[0]]
    crash_before_commit = {1, 4}  # decrypted, then killed before the transaction committed
    for n, message in enumerate(deliveries):
        session = Session.from_bytes(store.state)  # every delivery starts from what is saved
        try:
            plaintext = session.decrypt(message)
        except DmError as refused:
            assert "already received" in str(refused)
            continue
        if n in crash_before_commit:
            continue  # the process died: neither the new state nor the message was saved
        store.commit(session, plaintext)
    assert sorted(store.messages) == [b"m0", b"m1", b"m2", b"m3"]


def test_saving_the_state_without_the_message_would_lose_it() -> None:
    # why the rule matters: the message key is gone from the new state
    _, _, to_bob, to_alice = _started()
    message = to_bob.encrypt(b"only once")
    to_alice.decrypt(message)
    saved_too_early = Session.from_bytes(to_alice.to_bytes())
    with pytest.raises(DmError, match="already received"):
        saved_too_early.decrypt(message)


def test_a_session_from_a_new_x3dh_is_recognised() -> None:
    alice, bob, to_bob, to_alice = _started()
    _, restart = Session.initiate(alice.keys, bob.publish(), b"I reinstalled")
    assert to_alice.starts_new_conversation(restart)
    with pytest.raises(DmError, match="starts a new conversation"):
        to_alice.decrypt(restart)
    assert not to_alice.starts_new_conversation(to_bob.encrypt(b"old session"))
    assert isinstance(bob.prekeys, PrekeySecrets)


@given(order=st.lists(st.integers(min_value=0, max_value=7), min_size=1, max_size=20))
@settings(max_examples=40, deadline=None)
def test_any_delivery_order_with_copies_reads_each_message_exactly_once(order: list[int]) -> None:
    _, _, to_bob, to_alice = _started()
    sent = [to_bob.encrypt(b"first-%d" % n) for n in range(4)]
    to_bob.decrypt(to_alice.encrypt(b"turn"))
    sent += [to_bob.encrypt(b"second-%d" % n) for n in range(4)]
    read: list[bytes] = []
    for i, n in enumerate(order):
        try:
            read.append(to_alice.decrypt(sent[n]))
        except AlreadyReceived:
            assert n in order[:i]  # refused only as a copy of one already read
    expected = [b"first-%d" % n if n < 4 else b"second-%d" % (n - 4) for n in dict.fromkeys(order)]
    assert read == expected
