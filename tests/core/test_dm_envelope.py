"""The sealed-sender dm event: what the relay sees, and what the recipient accepts."""

from __future__ import annotations

import base64
import json

import pytest

from peerhaven.core.builders import sign_event
from peerhaven.core.dm.envelope import OuterContent, open_dm, read_dm, seal_dm
from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.padding import TIMESTAMP_WINDOW
from peerhaven.core.event import Event
from peerhaven.core.keys import Keypair
from peerhaven.core.sealing import x25519_public
from peerhaven.core.validate import validate
from tests.core.dm_helpers import NOW, Device

SECRET_TEXT = "I relapsed last night and I have not told anyone"


def _relay_bytes(event: Event) -> bytes:
    """Everything the relay stores of an event."""
    return event.to_json().encode()


def test_a_request_and_the_answer_are_read_and_authenticated() -> None:
    alice, bob = Device(), Device()
    request = alice.send(bob, SECRET_TEXT, cw="relapse", community="recovery-circle")
    received = bob.receive(request)
    message = received.message
    assert (message.sender, message.recipient, message.text) == (
        alice.pubkey,
        bob.pubkey,
        SECRET_TEXT,
    )
    assert (message.cw, message.community, message.sent_at) == ("relapse", "recovery-circle", NOW)
    assert received.prekeys is not None  # a one-time key was used: the caller saves this
    answer = bob.receive(alice.send(bob, "second")).message
    assert answer.text == "second"
    assert alice.receive(bob.send(alice, "thank you")).message.text == "thank you"


def test_the_outer_event_is_a_valid_dm_signed_by_a_one_time_key_with_only_a_to_tag() -> None:
    alice, bob = Device(), Device()
    events = [alice.send(bob, "hello") for _ in range(3)]
    for event in events:
        validate(event, now=NOW)
        assert (event.kind, event.community, event.tags) == ("dm", "", (("to", bob.pubkey),))
        assert event.pubkey != alice.pubkey
    assert len({event.pubkey for event in events}) == 3  # a new key every message


def test_the_relay_stores_no_plaintext_and_no_sender_key() -> None:
    alice, bob = Device(), Device()
    events = [
        alice.send(bob, SECRET_TEXT, cw="relapse", community="recovery-circle"),
        alice.send(bob, SECRET_TEXT),
    ]
    events.append(bob.send(alice, SECRET_TEXT)) if bob.receive(events[0]) else None
    sender_forms = [
        alice.pubkey,
        x25519_public(alice.pubkey).public_bytes_raw().hex(),
        base64.b64encode(bytes.fromhex(alice.pubkey)).decode(),
    ]
    for event in events[:2]:
        stored = _relay_bytes(event)
        for needle in [SECRET_TEXT, "relapse", "recovery-circle", *sender_forms]:
            assert needle.encode() not in stored
        assert bytes.fromhex(alice.pubkey) not in OuterContent.of(event).ciphertext
    assert SECRET_TEXT.encode() not in _relay_bytes(events[2])


def test_messages_of_one_bucket_have_the_same_size_on_the_relay() -> None:
    alice, bob = Device(), Device()
    bob.receive(alice.send(bob, "start"))
    sizes = {len(OuterContent.of(alice.send(bob, "x" * n)).ciphertext) for n in (1, 20, 60)}
    assert len(sizes) == 1
    longer = len(OuterContent.of(alice.send(bob, "x" * 900)).ciphertext)
    assert longer > sizes.pop()


def test_a_request_is_as_large_as_a_later_message() -> None:
    alice, bob = Device(), Device()
    request = alice.send(bob, "hi")
    bob.receive(request)
    later = bob.send(alice, "hi")
    assert len(request.content) == len(later.content)


def test_outer_timestamps_are_not_the_sending_time() -> None:
    alice, bob = Device(), Device()
    stamps = {alice.send(bob, "x").created_at for _ in range(10)}
    assert all(NOW - TIMESTAMP_WINDOW - 60 < s <= NOW and s % 60 == 0 for s in stamps)
    assert len(stamps) > 1


def test_another_persona_cannot_open_it() -> None:
    alice, bob, carol = Device(), Device(), Device()
    event = alice.send(bob, "for Bob")
    with pytest.raises(DmError, match="not a direct message for this persona"):
        open_dm(event, carol.keys)
    readdressed = sign_event(
        Keypair.generate(), "dm", "", event.content, [["to", carol.pubkey]], created_at=NOW
    )
    with pytest.raises(DmError, match="altered or is not for this persona"):
        open_dm(readdressed, carol.keys)


def _recontent(event: Event, **change: str) -> Event:
    """The event with its content changed, re-signed by a fresh one-time key (a relay could)."""
    document = {**json.loads(event.content), **change}
    return sign_event(
        Keypair.generate(), "dm", "", json.dumps(document), event.tags, created_at=event.created_at
    )


def test_altered_outer_content_is_refused() -> None:
    alice, bob = Device(), Device()
    event = alice.send(bob, "hello")
    ct = base64.b64decode(json.loads(event.content)["ct"])
    flipped = base64.b64encode(ct[:-1] + bytes([ct[-1] ^ 1])).decode()
    other_fc = "00" * 32
    for altered in (_recontent(event, ct=flipped), _recontent(event, fc=other_fc)):
        with pytest.raises(DmError, match="altered"):
            open_dm(altered, bob.keys)
    broken_id = Event.from_wire({**event.to_wire(), "content": event.content.replace("a", "b", 1)})
    with pytest.raises(DmError, match="altered"):
        open_dm(broken_id, bob.keys)


def test_a_copy_of_a_delivered_message_is_refused() -> None:
    alice, bob = Device(), Device()
    first = alice.send(bob, "hello")
    bob.receive(first)
    second = alice.send(bob, "again")
    bob.receive(second)
    for copy in (first, second):
        with pytest.raises(DmError):
            bob.receive(copy)


def test_a_refused_message_changes_nothing_the_caller_saves() -> None:
    alice, bob = Device(), Device()
    bob.receive(alice.send(bob, "hello"))
    good = alice.send(bob, "real")
    sealed = open_dm(good, bob.keys)
    before = bob.conversations[alice.pubkey].to_bytes()
    tampered = type(sealed)(sealed.event, sealed.sender, bytes(32), sealed.message)
    with pytest.raises(DmError):
        read_dm(
            bob.keys, tampered, conversation=bob.conversations[alice.pubkey], prekeys=bob.prekeys
        )
    assert bob.conversations[alice.pubkey].to_bytes() == before
    assert bob.receive(good).message.text == "real"


def test_a_sender_claim_inside_the_seal_must_match_the_ratchet() -> None:
    alice, bob, mallory = Device(), Device(), Device()
    bob.receive(alice.send(bob, "hello"))
    sealed = open_dm(mallory.send(bob, "this is Alice"), bob.keys)
    claimed = type(sealed)(sealed.event, alice.pubkey, sealed.commitment, sealed.message)
    with pytest.raises(DmError):
        read_dm(
            bob.keys, claimed, conversation=bob.conversations[alice.pubkey], prekeys=bob.prekeys
        )


@pytest.mark.parametrize(
    ("text", "options", "error"),
    [
        ("   ", {}, "cannot be empty"),
        ("half \ud800 a character", {}, "cannot be sent"),
        ("x" * 9000, {}, "too long"),
        ("hi", {"cw": "two\nlines"}, "content warning"),
        ("hi", {"cw": "x" * 65}, "content warning"),
        ("hi", {"community": "Not A Slug"}, "community"),
    ],
)
def test_unsendable_messages_are_refused_in_one_sentence(
    text: str, options: dict[str, str], error: str
) -> None:
    alice, bob = Device(), Device()
    with pytest.raises(DmError, match=error) as refused:
        alice.send(bob, text, **options)
    assert str(refused.value).endswith(".") and not str(refused.value).endswith("..")


def test_a_first_message_needs_the_recipients_own_bundle() -> None:
    alice, bob, carol = Device(), Device(), Device()
    with pytest.raises(DmError, match="prekey bundle"):
        seal_dm(alice.keys, bob.pubkey, "hi", now=NOW, bundle=carol.publish())
    with pytest.raises(DmError, match="another persona"):
        seal_dm(alice.keys, alice.pubkey, "hi", now=NOW, bundle=alice.publish())


def test_a_refused_send_leaves_the_conversation_as_it_was() -> None:
    alice, bob = Device(), Device()
    bob.receive(alice.send(bob, "hello"))
    conversation = alice.conversations[bob.pubkey]
    before = conversation.to_bytes()
    with pytest.raises(DmError, match="too long"):
        seal_dm(alice.keys, bob.pubkey, "x" * 8000, now=NOW, conversation=conversation)
    _, event = seal_dm(alice.keys, bob.pubkey, "fits", now=NOW, conversation=conversation)
    assert conversation.to_bytes() == before
    assert bob.receive(event).message.text == "fits"
