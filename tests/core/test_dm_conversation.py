"""Several sessions with one persona: simultaneous starts, fresh starts, replays, saving."""

from __future__ import annotations

import pytest

from peerhaven.core.dm.conversation import MAX_ARCHIVED, Conversation
from peerhaven.core.dm.envelope import open_dm, read_dm, seal_dm
from peerhaven.core.dm.errors import AlreadyReceived, DmError
from peerhaven.core.dm.prekeys import PrekeySecrets
from tests.core.dm_helpers import NOW, Device


def test_two_personas_starting_at_once_settle_on_one_session() -> None:
    alice, bob = Device(), Device()
    from_alice = alice.send(bob, "hi Bob")  # both write first, before either hears back
    from_bob = bob.send(alice, "hi Alice")
    assert bob.receive(from_alice).message.text == "hi Bob"
    assert alice.receive(from_bob).message.text == "hi Alice"
    for n in range(3):  # the conversation goes on in both directions, nothing lost
        assert bob.receive(alice.send(bob, f"a{n}")).message.text == f"a{n}"
        assert alice.receive(bob.send(alice, f"b{n}")).message.text == f"b{n}"
    a, b = alice.conversations[bob.pubkey], bob.conversations[alice.pubkey]
    assert a.current.origin == b.current.origin


def test_a_peer_starting_afresh_is_adopted_and_old_messages_in_flight_still_read() -> None:
    alice, bob = Device(), Device()
    bob.receive(alice.send(bob, "hello"))
    in_flight = alice.send(bob, "sent just before the reinstall")
    fresh = Device(keys=alice.keys)  # Alice's persona on a new device, without the old state
    assert bob.receive(fresh.send(bob, "new device")).message.text == "new device"
    assert bob.receive(in_flight).message.text == "sent just before the reinstall"
    assert fresh.receive(bob.send(fresh, "welcome back")).message.text == "welcome back"


def test_a_replayed_first_message_of_an_earlier_session_is_refused() -> None:
    alice, bob = Device(), Device()
    first = alice.send(bob, "hello")
    bob.receive(first)
    bob.receive(Device(keys=alice.keys).send(bob, "restart"))
    with pytest.raises(AlreadyReceived):
        bob.receive(first)


def test_only_a_few_archived_sessions_are_kept() -> None:
    alice, bob = Device(), Device()
    bob.receive(alice.send(bob, "hello"))
    for n in range(MAX_ARCHIVED + 2):
        bob.receive(Device(keys=alice.keys).send(bob, f"restart {n}"))
    saved = Conversation.from_bytes(bob.conversations[alice.pubkey].to_bytes())
    assert repr(saved).endswith(f"sessions={MAX_ARCHIVED + 1})")


def test_a_conversation_round_trips_through_bytes() -> None:
    alice, bob = Device(), Device()
    bob.receive(alice.send(bob, "hello"))
    bob.receive(Device(keys=alice.keys).send(bob, "restart"))
    late = alice.send(bob, "late, on the archived session")
    restored = Conversation.from_bytes(bob.conversations[alice.pubkey].to_bytes())
    assert restored.to_bytes() == bob.conversations[alice.pubkey].to_bytes()
    bob.conversations[alice.pubkey] = restored
    assert bob.receive(late).message.text == "late, on the archived session"


@pytest.mark.parametrize("data", [b"", b"{}", b'{"v": 1, "current": 5}', b"\x00"])
def test_a_damaged_conversation_is_refused_in_one_sentence(data: bytes) -> None:
    with pytest.raises(DmError, match=r"^The saved conversation state is damaged\.$"):
        Conversation.from_bytes(data)


def test_a_conversation_is_with_one_persona_only() -> None:
    alice, bob, carol = Device(), Device(), Device()
    alice.send(bob, "hello")
    with pytest.raises(DmError, match="another persona"):
        seal_dm(
            alice.keys, carol.pubkey, "hi", now=NOW, conversation=alice.conversations[bob.pubkey]
        )


def test_simultaneous_starts_in_any_delivery_order_lose_nothing() -> None:
    alice, bob = Device(), Device()
    from_alice, from_bob = alice.send(bob, "hi Bob"), bob.send(alice, "hi Alice")
    bob.receive(from_alice)
    answer = bob.send(alice, "answer on Alice's session")
    assert alice.receive(answer).message.text == "answer on Alice's session"
    assert alice.receive(from_bob).message.text == "hi Alice"
    texts = []
    for n in range(3):
        texts.append(bob.receive(alice.send(bob, f"a{n}")).message.text)
        texts.append(alice.receive(bob.send(alice, f"b{n}")).message.text)
    assert texts == ["a0", "b0", "a1", "b1", "a2", "b2"]


def test_crashes_around_the_commit_lose_and_repeat_no_message_from_the_request_on() -> None:
    # the store's rule from docs/dm.md, through the whole envelope: the conversation,
    # the prekey secrets and the message are saved together, after read_dm returned
    alice, bob = Device(), Device()
    sent = [alice.send(bob, f"m{n}") for n in range(4)]  # m0 is the request
    saved_prekeys = bob.prekeys.to_bytes()
    saved_conversation: bytes | None = None
    stored: list[str] = []
    deliveries = [sent[0], sent[0], sent[2], sent[1], sent[1], sent[3], sent[2], sent[3]]
    for n, event in enumerate(deliveries):
        bob.prekeys = PrekeySecrets.from_bytes(saved_prekeys)  # a restart reads what was saved
        bob.conversations = (
            {}
            if saved_conversation is None
            else {alice.pubkey: Conversation.from_bytes(saved_conversation)}
        )
        sealed = open_dm(event, bob.keys)
        try:
            received = read_dm(
                bob.keys,
                sealed,
                conversation=bob.conversations.get(sealed.sender),
                prekeys=bob.prekeys,
            )
        except AlreadyReceived:
            continue
        if n in {0, 3, 5}:
            continue  # killed before the transaction committed
        saved_conversation = received.conversation.to_bytes()
        if received.prekeys is not None:
            saved_prekeys = received.prekeys.to_bytes()
        stored.append(received.message.text)
    assert sorted(stored) == ["m0", "m1", "m2", "m3"]
