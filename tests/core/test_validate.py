"""``validate``: every refusal reason, each with a specific, readable message."""

from __future__ import annotations

import pytest

from peerhaven.core import Event, InvalidEvent, Reason, validate
from tests.core.factory import NOW, SLUG, refused, signed


@pytest.mark.parametrize("kind", ["profile", "community"])
def test_absurdly_nested_json_content_is_refused_not_a_crash(kind: str) -> None:
    # json.loads raises RecursionError (not ValueError) past ~1000 levels; a relay
    # must answer that with a refusal, never with a 500.
    community = "" if kind == "profile" else SLUG
    event = signed(kind, community, "[" * 10_000)
    refused(event, Reason.BAD_CONTENT, "must be")


def test_absurdly_nested_json_text_is_malformed_not_a_crash() -> None:
    with pytest.raises(InvalidEvent, match="not valid JSON") as info:
        Event.from_json("[" * 100_000)
    assert info.value.reason is Reason.MALFORMED


def test_valid_post_passes() -> None:
    validate(signed(), now=NOW)


def test_an_empty_tag_built_in_code_is_refused_not_a_crash() -> None:
    good = signed()
    event = Event(**{**good.to_wire(), "tags": ((),)})
    refused(event, Reason.MALFORMED_TAGS, "A tag is empty or too long")

