"""``Event``: parsing the wire form, its round trip, and the tag accessors."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerhaven.core import Event, validate
from tests.core.factory import NOW, SOME_ID, signed
from tests.core.strategies import events


@pytest.mark.parametrize("value", ["\u00b2", "\u0663\u0660", "12a", "", "-5", " 7"])
def test_expires_at_treats_unparseable_values_as_absent(value: str) -> None:
    # from_wire checks shape only, so expires_at meets unvalidated tags and must not raise.
    event = Event.from_wire(signed(tags=[("expires", value)]).to_wire())
    assert event.expires_at is None


def test_expires_at_reads_a_unix_time() -> None:
    assert signed(tags=[("expires", "1700000600")]).expires_at == 1_700_000_600


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event=events(), ascii_only=st.booleans())
def test_round_trip_through_json_text(event: Event, ascii_only: bool) -> None:
    text = json.dumps(event.to_wire(), ensure_ascii=ascii_only)
    again = Event.from_json(text)
    assert again == event
    assert Event.from_json(text.encode("utf-8")) == event
    assert Event.from_json(event.to_json()) == event
    validate(again, now=NOW)


def test_to_json_is_compact_and_keeps_non_ascii() -> None:
    event = signed(content="Zoë 🫂")
    text = event.to_json()
    assert "Zoë 🫂" in text
    assert ", " not in text and '": ' not in text
    assert json.loads(text) == event.to_wire()


def test_wire_form_has_exactly_the_contract_fields() -> None:
    wire = signed(tags=[("cw", "grief")]).to_wire()
    assert list(wire) == [
        "id",
        "pubkey",
        "created_at",
        "kind",
        "community",
        "tags",
        "content",
        "sig",
    ]
    assert wire["tags"] == [["cw", "grief"]]


def test_unknown_fields_are_dropped_because_they_are_not_signed() -> None:
    obj = {**signed().to_wire(), "verified_by_relay": True}
    event = Event.from_wire(obj)
    assert "verified_by_relay" not in event.to_wire()
    assert event == signed()


def test_tags_are_frozen_into_tuples() -> None:
    event = Event.from_wire({**signed().to_wire(), "tags": [["cw", "x"], ["reason", "a", "b"]]})
    assert event.tags == (("cw", "x"), ("reason", "a", "b"))
    with pytest.raises(FrozenInstanceError):
        event.content = "changed"  # type: ignore[misc]


def test_tag_accessors() -> None:
    event = signed(
        tags=[
            ("parent", SOME_ID),
            ("root", "cd" * 32),
            ("target", "ef" * 32),
            ("mod", "01" * 32),
            ("mod", "02" * 32),
        ]
    )
    assert event.parent == SOME_ID
    assert event.root == "cd" * 32
    assert event.target == "ef" * 32
    assert event.tag("mod") == "01" * 32
    assert event.tag_values("mod") == ["01" * 32, "02" * 32]
    assert event.tag("nothing") is None
    assert event.tag_values("nothing") == []
    assert signed().parent is None and signed().expires_at is None


def test_repr_is_short() -> None:
    event = signed()
    assert repr(event) == f"Event(id={event.id[:12]}…, kind='post', community='peer-support')"
    assert event.content not in repr(event)


def test_expires_at_with_thousands_of_digits_counts_as_absent() -> None:
    # int() refuses more than 4,300 digits with ValueError; from_wire has no length limit.
    event = Event.from_wire(signed(tags=[("expires", "9" * 5000)]).to_wire())
    assert event.expires_at is None
