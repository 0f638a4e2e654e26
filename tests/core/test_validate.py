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


@pytest.mark.parametrize(
    "label",
    ["two\nlines", "cr\rhere", "tab\there", "del\x7fete", "nel\x85line", "ls\u2028x", "ps\u2029x"],
)
def test_a_content_warning_label_is_one_line(label: str) -> None:
    refused(signed(tags=[("cw", label)]), Reason.MALFORMED_TAGS, "one line of text")


@pytest.mark.parametrize("label", ["grief", "d\u00e9c\u00e8s", "\u81ea\u6740", "\U0001f494 loss"])
def test_a_content_warning_label_may_be_any_script(label: str) -> None:
    validate(signed(tags=[("cw", label)]), now=NOW)
