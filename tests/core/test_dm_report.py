"""Reporting a direct message: a true report verifies, a forged one is refused."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json

import pytest

from peerhaven.core.builders import sign_event
from peerhaven.core.dm.envelope import OuterContent
from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.franking import DirectMessage, SignedMessage, commitment, signed_bytes
from peerhaven.core.dm.report import Report, verify_report
from peerhaven.core.event import Event
from peerhaven.core.keys import Keypair
from tests.core.dm_helpers import NOW, Device

FORGED = r"^This report does not prove that its sender wrote this message\.$"


def _delivered() -> tuple[Device, Device, Report]:
    """Alice sends Bob two messages; Bob keeps the second as a report."""
    alice, bob = Device(), Device()
    bob.receive(alice.send(bob, "hello"))
    event = alice.send(bob, "something hurtful", cw="insult", community="peer-support")
    received = bob.receive(event)
    return alice, bob, Report(event, received.evidence)


def test_known_vector_for_the_commitment_and_signature() -> None:
    # fixed keys: a change to the signed bytes or the commitment breaks every old report
    sender = Keypair.from_secret(bytes([1]) * 32)
    recipient = Keypair.from_secret(bytes([2]) * 32)
    one_time = Keypair.from_secret(bytes([3]) * 32)
    message = DirectMessage(sender.pubkey, recipient.pubkey, "hi", None, "", NOW)
    franking_key = bytes(range(32))
    assert message.to_bytes() == (
        f'["peerhaven-dm-v1","{sender.pubkey}","{recipient.pubkey}","hi",null,"",{NOW}]'.encode()
    )
    fc = commitment(franking_key, message)
    assert fc == hmac.new(franking_key, message.to_bytes(), hashlib.sha256).digest()
    assert fc.hex() == "e76bdc3b693ba033b562a22b56f70fc532156309b5c73773f7f0824f49f41dfe"
    assert sender.sign_bytes(signed_bytes(message, fc, one_time.pubkey)) == (
        "09ed0665000d02210b3769387d1125ce29f7cf5bdd90cb94f6911678ec7dd623"
        "44aa5ad908461f041ac6298a6d35935c32daebb7e468ce068b3d87a268ab7306"
    )
    evidence = SignedMessage(
        message,
        franking_key,
        one_time.pubkey,
        sender.sign_bytes(signed_bytes(message, fc, one_time.pubkey)),
    )
    evidence.verify()


def test_a_true_report_verifies_after_travelling_as_json() -> None:
    alice, bob, report = _delivered()
    message = verify_report(Report.from_json(report.to_json()), reporter=bob.pubkey)
    assert (message.sender, message.text, message.cw) == (
        alice.pubkey,
        "something hurtful",
        "insult",
    )


def test_a_report_with_other_text_is_refused() -> None:
    _, bob, report = _delivered()
    other = dataclasses.replace(report.evidence.message, text="something much worse")
    forged = Report(report.event, dataclasses.replace(report.evidence, message=other))
    with pytest.raises(DmError, match=FORGED):
        verify_report(forged)


def test_a_whole_report_made_up_by_the_recipient_is_refused() -> None:
    # Bob can make every part himself (one-time key, franking key, outer event) except
    # Alice's signature: he signs with his own key, which the moderator's check refuses
    alice, bob, _ = _delivered()
    invented = DirectMessage(alice.pubkey, bob.pubkey, "words never sent", None, "", NOW)
    one_time, franking_key = Keypair.generate(), bytes(range(32))
    fc = commitment(franking_key, invented)
    signature = bob.keys.sign_bytes(signed_bytes(invented, fc, one_time.pubkey))
    content = OuterContent(fc, bytes(range(32)), b"anything").to_json()
    event = sign_event(one_time, "dm", "", content, [["to", bob.pubkey]], created_at=NOW)
    forged = Report(event, SignedMessage(invented, franking_key, one_time.pubkey, signature))
    with pytest.raises(DmError, match=FORGED):
        verify_report(forged, reporter=bob.pubkey)


def test_a_real_signature_cannot_be_moved_to_another_delivered_event() -> None:
    alice, bob, report = _delivered()
    other = alice.send(bob, "a second message")
    with pytest.raises(DmError, match=FORGED):
        verify_report(Report(other, report.evidence))


def test_a_changed_franking_key_or_one_time_key_is_refused() -> None:
    _, _, report = _delivered()
    for change in ({"franking_key": bytes(32)}, {"one_time_key": Keypair.generate().pubkey}):
        forged = Report(report.event, dataclasses.replace(report.evidence, **change))  # type: ignore[arg-type]
        with pytest.raises(DmError, match=FORGED):
            verify_report(forged)


def test_an_altered_outer_event_is_refused() -> None:
    _, _, report = _delivered()
    altered = Event.from_wire({**report.event.to_wire(), "created_at": report.event.created_at + 1})
    with pytest.raises(DmError, match=FORGED):
        verify_report(Report(altered, report.evidence))


def test_only_the_recipient_can_report() -> None:
    _, _, report = _delivered()
    with pytest.raises(DmError, match="Only the recipient"):
        verify_report(report, reporter=Keypair.generate().pubkey)


def test_a_malformed_report_is_refused_in_one_sentence() -> None:
    with pytest.raises(DmError, match=r"^This report is malformed\.$"):
        Report.from_json('{"event": {}, "message": {}}')


def test_a_report_with_text_that_cannot_be_encoded_is_refused_in_one_sentence() -> None:
    _, _, report = _delivered()
    document = json.loads(report.to_json())
    document["message"]["m"]["text"] = "\ud800"
    with pytest.raises(DmError, match=r"^This report is malformed\.$"):
        verify_report(Report.from_json(json.dumps(document)))
