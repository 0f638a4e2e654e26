"""Community definitions: what an owner signs and what members pin."""

from __future__ import annotations

import json

import pytest

from peerhaven.core import InvalidEvent, Reason, parse_definition, validate
from peerhaven.core.builders import community
from peerhaven.core.community import definition_content
from tests.core.factory import KEYS, NOW, OTHER, SLUG, signed

MOD = "ab" * 32


def test_definition_content_has_a_stable_key_order() -> None:
    content = definition_content(
        "Grief Circle", "Ünïcode kept", ["Be kind"], crisis_lines=["116 123"]
    )
    assert content == (
        '{"name":"Grief Circle","description":"Ünïcode kept","rules":["Be kind"],'
        '"crisis_lines":["116 123"]}'
    )


def test_parse_a_built_definition() -> None:
    event = community(
        KEYS,
        SLUG,
        "  Peer Support  ",
        "A quiet place.",
        ["Be kind", "No advice unless asked"],
        [MOD, OTHER.pubkey],
        created_at=NOW,
        crisis_lines={"uk": "116 123"},
    )
    validate(event, now=NOW)
    definition = parse_definition(event)
    assert definition.slug == SLUG
    assert definition.owner == KEYS.pubkey
    assert definition.name == "Peer Support"
    assert definition.description == "A quiet place."
    assert definition.rules == ("Be kind", "No advice unless asked")
    assert definition.moderators == frozenset({MOD, OTHER.pubkey})
    assert definition.created_at == NOW
    assert definition.event_id == event.id
    assert definition.extra == {"crisis_lines": {"uk": "116 123"}}


def test_owner_and_moderators_may_moderate() -> None:
    definition = parse_definition(community(KEYS, SLUG, "Peer", moderators=[MOD], created_at=NOW))
    assert definition.is_moderator(KEYS.pubkey)
    assert definition.is_moderator(MOD)
    assert not definition.is_moderator(OTHER.pubkey)


def test_optional_fields_default() -> None:
    definition = parse_definition(signed("community", content='{"name": "Only a name"}'))
    assert definition.description == ""
    assert definition.rules == ()
    assert definition.moderators == frozenset()
    assert definition.extra == {}


@pytest.mark.parametrize(
    ("body", "ok"),
    [
        ({"name": "n" * 80}, True),
        ({"name": "n" * 81}, False),
        ({"name": "G", "description": "d" * 2000}, True),
        ({"name": "G", "description": "d" * 2001}, False),
        ({"name": "G", "rules": ["r"] * 50}, True),
        ({"name": "G", "rules": ["r"] * 51}, False),
        ({"name": "G", "rules": ["r" * 500]}, True),
        ({"name": "G", "rules": ["r" * 501]}, False),
    ],
)
def test_definition_limits(body: dict[str, object], ok: bool) -> None:
    event = signed("community", content=json.dumps(body))
    if ok:
        parse_definition(event)
        return
    with pytest.raises(InvalidEvent) as info:
        parse_definition(event)
    assert info.value.reason is Reason.BAD_CONTENT


@pytest.mark.parametrize("value", [0, 1, 5, 100])
def test_hold_first_posts_is_a_small_whole_number(value: int) -> None:
    definition = parse_definition(community(KEYS, SLUG, "Circle", hold_first_posts=value))
    assert definition.hold_first_posts == value
    assert parse_definition(community(KEYS, SLUG, "Circle")).hold_first_posts == 0


@pytest.mark.parametrize("value", [-1, 101, True, 1.5, "2", None, [1]])
def test_a_bad_hold_first_posts_refuses_the_definition(value: object) -> None:
    event = community(KEYS, SLUG, "Circle", hold_first_posts=value)
    with pytest.raises(InvalidEvent) as caught:
        validate(event, now=NOW)
    assert caught.value.reason is Reason.BAD_CONTENT
    assert "hold_first_posts" in str(caught.value)
