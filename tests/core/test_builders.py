"""Builders: each kind comes out signed, with the tags the contract expects, and valid."""

from __future__ import annotations

import json
import time

import pytest

from peerhaven.core import (
    MODERATION_ACTIONS,
    REACTIONS,
    Event,
    Limits,
    builders,
    pow_bits,
    validate,
)
from tests.core.factory import KEYS, NOW, OTHER, SLUG


def thread() -> tuple[Event, Event, Event]:
    first = builders.post(KEYS, SLUG, "I lost my dad last month.", created_at=NOW)
    reply = builders.post(OTHER, SLUG, "I am so sorry.", reply_to=first, created_at=NOW + 1)
    deeper = builders.post(KEYS, SLUG, "Thank you.", reply_to=reply, created_at=NOW + 2)
    return first, reply, deeper


def test_a_post_validates_and_has_no_reference_tags() -> None:
    first, _, _ = thread()
    validate(first, now=NOW)
    assert first.kind == "post" and first.pubkey == KEYS.pubkey
    assert first.parent is None and first.root is None and first.tags == ()


def test_a_reply_sets_parent_and_root() -> None:
    first, reply, _ = thread()
    validate(reply, now=NOW)
    assert reply.parent == first.id
    assert reply.root == first.id


def test_the_root_of_a_reply_to_a_reply_is_the_thread_root() -> None:
    first, reply, deeper = thread()
    validate(deeper, now=NOW)
    assert deeper.parent == reply.id
    assert deeper.root == first.id
    assert deeper.tags[:2] == (("parent", reply.id), ("root", first.id))


def test_post_options() -> None:
    event = builders.post(
        KEYS, SLUG, "Hard day.", cw=["grief", "loss"], expires_at=NOW + 86400, created_at=NOW
    )
    validate(event, now=NOW)
    assert event.tag_values("cw") == ["grief", "loss"]
    assert event.expires_at == NOW + 86400


def test_post_with_proof_of_work() -> None:
    event = builders.post(KEYS, SLUG, "Hello.", created_at=NOW, pow_difficulty=6)
    validate(event, now=NOW, limits=Limits(pow_difficulty=6))
    assert pow_bits(event.id, event.tags) == 6


def test_created_at_defaults_to_now() -> None:
    before = int(time.time())
    event = builders.post(KEYS, SLUG, "Now.")
    assert before <= event.created_at <= int(time.time())
    validate(event)


@pytest.mark.parametrize("which", REACTIONS)
def test_reaction(which: str) -> None:
    _, reply, _ = thread()
    event = builders.reaction(KEYS, reply, which, created_at=NOW)
    validate(event, now=NOW)
    assert (event.kind, event.content, event.community) == ("reaction", which, SLUG)
    assert event.tags == (("parent", reply.id),)


def test_delete() -> None:
    first, _, _ = thread()
    event = builders.delete(KEYS, SLUG, first.id, created_at=NOW)
    validate(event, now=NOW)
    assert (event.kind, event.content, event.target) == ("delete", "", first.id)


@pytest.mark.parametrize("action", MODERATION_ACTIONS)
def test_moderate(action: str) -> None:
    first, _, _ = thread()
    target = OTHER.pubkey if action in ("ban", "unban") else first.id
    event = builders.moderate(KEYS, SLUG, action, target, reason="Rule 2", created_at=NOW)
    validate(event, now=NOW)
    assert (event.kind, event.content, event.target) == ("moderate", action, target)
    assert event.tag("reason") == "Rule 2"
    plain = builders.moderate(KEYS, SLUG, action, target, created_at=NOW)
    validate(plain, now=NOW)
    assert plain.tags == (("target", target),)


def test_report() -> None:
    _, reply, _ = thread()
    event = builders.report(KEYS, reply, "Gives medical advice.", created_at=NOW)
    validate(event, now=NOW)
    assert (event.kind, event.content, event.target) == (
        "report",
        "Gives medical advice.",
        reply.id,
    )
    assert event.community == SLUG


def test_community() -> None:
    event = builders.community(
        KEYS, SLUG, "Peer Support", "Quiet.", ["Be kind"], [OTHER.pubkey], created_at=NOW
    )
    validate(event, now=NOW)
    assert (event.kind, event.community) == ("community", SLUG)
    assert event.tag_values("mod") == [OTHER.pubkey]
    assert json.loads(event.content) == {
        "name": "Peer Support",
        "description": "Quiet.",
        "rules": ["Be kind"],
    }


def test_profile() -> None:
    event = builders.profile(KEYS, "Zoë", "Knits.\nListens.", created_at=NOW)
    validate(event, now=NOW)
    assert (event.kind, event.community, event.tags) == ("profile", "", ())
    assert event.content == '{"name":"Zoë","bio":"Knits.\\nListens."}'
    validate(builders.profile(KEYS, created_at=NOW), now=NOW)


def test_sign_event_freezes_tags() -> None:
    event = builders.sign_event(KEYS, "sealed", SLUG, "abc", [["to", OTHER.pubkey]], created_at=NOW)
    validate(event, now=NOW)
    assert event.tags == (("to", OTHER.pubkey),)


def test_an_edit_targets_its_post_in_its_community_and_replaces_labels() -> None:
    first, reply, _ = thread()
    edit = builders.edit(
        KEYS, first, "I lost my father last month.", cw=["grief"], created_at=NOW + 60
    )
    validate(edit, now=NOW)
    assert edit.kind == "edit" and edit.community == first.community
    assert edit.tags == (("target", first.id), ("cw", "grief"))
    of_reply = builders.edit(OTHER, reply, "I am so very sorry.")
    assert of_reply.target == reply.id and of_reply.parent is None
