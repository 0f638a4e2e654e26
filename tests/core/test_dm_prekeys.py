"""Prekey bundles: built and published by a persona, refused when anything is off."""

from __future__ import annotations

import json

import pytest

from peerhaven.core.builders import sign_event
from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.prekeys import (
    KIND,
    MAX_ONE_TIME_PREKEYS,
    PrekeySecrets,
    new_prekeys,
    prekeys_event,
    verify_bundle,
)
from peerhaven.core.event import Event
from peerhaven.core.keys import Keypair
from tests.core.dm_helpers import NOW

PERSONA = Keypair.from_secret(bytes([3]) * 32)


def _event(one_time: int = 3) -> Event:
    bundle, _ = new_prekeys(PERSONA, now=NOW, one_time=one_time)
    return prekeys_event(PERSONA, bundle, created_at=NOW)


def _resigned(event: Event, change: dict[str, object]) -> Event:
    """The same bundle with one field changed, correctly signed again by the persona."""
    document = json.loads(event.content)
    document["spk"].update(change)
    return sign_event(PERSONA, KIND, "", json.dumps(document), created_at=NOW)


def test_a_published_bundle_verifies_and_says_what_was_published() -> None:
    bundle, held = new_prekeys(PERSONA, now=NOW, one_time=3)
    event = prekeys_event(PERSONA, bundle, created_at=NOW)
    assert (event.kind, event.community, event.pubkey) == ("prekeys", "", PERSONA.pubkey)
    assert verify_bundle(event, now=NOW) == bundle
    assert set(held.one_time) == {otpk.id for otpk in bundle.one_time}
    assert set(held.signed) == {bundle.spk_id}
    assert all(len(otpk.key) == 32 for otpk in bundle.one_time)


def test_the_event_holds_no_secret() -> None:
    bundle, held = new_prekeys(PERSONA, now=NOW, one_time=3)
    text = prekeys_event(PERSONA, bundle, created_at=NOW).to_json()
    for secret in [*held.signed.values(), *held.one_time.values()]:
        assert secret.hex() not in text


def test_a_new_bundle_keeps_the_earlier_secrets() -> None:
    first, held = new_prekeys(PERSONA, now=NOW, one_time=2)
    second, held = new_prekeys(PERSONA, now=NOW, held=held, one_time=2)
    assert {first.spk_id, second.spk_id} == set(held.signed)
    assert len(held.one_time) == 4
    assert {o.id for o in first.one_time}.isdisjoint({o.id for o in second.one_time})


def test_expired_bundle_is_refused() -> None:
    event = _event()
    expires = json.loads(event.content)["spk"]["expires"]
    with pytest.raises(DmError, match="expired"):
        verify_bundle(event, now=expires)


def test_a_signed_prekey_signed_for_another_expiry_is_refused() -> None:
    # the persona signs the event, but the signed prekey's own signature no longer matches
    event = _resigned(_event(), {"expires": NOW + 10**9})
    with pytest.raises(DmError, match="not signed by its persona"):
        verify_bundle(event, now=NOW)


def test_a_bundle_republished_by_another_persona_is_refused() -> None:
    thief = Keypair.generate()
    event = sign_event(thief, KIND, "", _event().content, created_at=NOW)
    with pytest.raises(DmError, match="not signed by its persona"):
        verify_bundle(event, now=NOW)


def test_an_altered_bundle_is_refused() -> None:
    event = _event()
    altered = Event.from_wire({**event.to_wire(), "content": event.content.replace("1", "2", 1)})
    with pytest.raises(DmError, match="signature does not verify"):
        verify_bundle(altered, now=NOW)


@pytest.mark.parametrize("key", ["ab" * 31, "ab" * 33, "zz" * 32, 7])
def test_keys_of_the_wrong_size_are_refused(key: object) -> None:
    with pytest.raises(DmError, match="malformed"):
        verify_bundle(_resigned(_event(), {"key": key}), now=NOW)


def test_other_kinds_are_not_bundles() -> None:
    event = sign_event(PERSONA, "post", "peer-support", _event().content, created_at=NOW)
    with pytest.raises(DmError, match="not a prekey bundle"):
        verify_bundle(event, now=NOW)


def test_at_most_so_many_one_time_keys() -> None:
    with pytest.raises(DmError):
        new_prekeys(PERSONA, now=NOW, one_time=MAX_ONE_TIME_PREKEYS + 1)


def test_secrets_round_trip_and_one_time_keys_are_used_once() -> None:
    _, held = new_prekeys(PERSONA, now=NOW, one_time=2)
    restored = PrekeySecrets.from_bytes(held.to_bytes())
    assert restored == held
    first = next(iter(restored.one_time))
    restored.take_one_time(first)
    with pytest.raises(DmError, match="already used"):
        restored.take_one_time(first)


def test_damaged_secrets_are_refused() -> None:
    with pytest.raises(DmError, match="damaged"):
        PrekeySecrets.from_bytes(b'{"signed": {"1": "00"}, "one_time": {}}')
