"""``validate``: every refusal reason, each with a specific, readable message."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from peerhaven.core import (
    DEFAULT_LIMITS,
    KINDS,
    Event,
    InvalidEvent,
    Limits,
    Reason,
    event_id,
    leading_zero_bits,
    validate,
    validate_wire,
)
from peerhaven.core.builders import sign_event
from peerhaven.core.event import GLOBAL_KINDS
from peerhaven.core.validate import check_shape
from tests.core.factory import KEYS, NOW, OTHER, SLUG, SOME_ID, refused, signed, wire
from tests.core.strategies import events, hex64, hex128, optional_tags, text

MAX = DEFAULT_LIMITS.max_content_bytes


def test_a_valid_event_passes_and_validate_wire_returns_it() -> None:
    validate(signed(), now=NOW)
    assert validate_wire(signed().to_wire(), now=NOW) == signed()


# -- malformed ---------------------------------------------------------------------------


@pytest.mark.parametrize("obj", [[], "event", None, 42, [signed().to_wire()]])
def test_malformed_not_an_object(obj: object) -> None:
    refused(obj, Reason.MALFORMED, "An event must be a JSON object")


@pytest.mark.parametrize(
    "field", ["id", "pubkey", "created_at", "kind", "community", "tags", "content", "sig"]
)
def test_malformed_missing_field(field: str) -> None:
    obj = wire()
    del obj[field]
    refused(obj, Reason.MALFORMED, f"The event lacks the field '{field}'")


@pytest.mark.parametrize(
    ("field", "value"),
    [("id", 1), ("pubkey", None), ("kind", ["post"]), ("community", 7), ("content", b"hi")],
)
def test_malformed_wrong_type(field: str, value: object) -> None:
    refused(wire(**{field: value}), Reason.MALFORMED, f"field '{field}' must be a string")


@pytest.mark.parametrize("value", [True, False, -1, 2**53, 10**30, 1.0, 1700000000.5, "1", None])
def test_malformed_created_at(value: object) -> None:
    refused(wire(created_at=value), Reason.MALFORMED, "'created_at' must be a whole number")


def test_the_largest_created_at_is_well_formed() -> None:
    event = Event.from_wire(wire(created_at=2**53 - 1))
    assert event.created_at == 2**53 - 1


@pytest.mark.parametrize("text_", ["{", "", "[1,", b"\xff\xfe{", "NaN}"])
def test_malformed_json_text(text_: str | bytes) -> None:
    with pytest.raises(InvalidEvent, match="The event is not valid JSON") as info:
        Event.from_json(text_)
    assert info.value.reason is Reason.MALFORMED


def test_malformed_content_with_a_lone_surrogate() -> None:
    # JSON may spell a lone surrogate (\ud800); it is not Unicode text and has no UTF-8 bytes.
    obj = Event.from_json(json.dumps(wire(content="\ud800 half")))
    refused(obj, Reason.MALFORMED, "The content is not valid Unicode text")


@pytest.mark.parametrize("kind", ["profile", "community"])
def test_absurdly_nested_json_content_is_refused_not_a_crash(kind: str) -> None:
    # json.loads raises RecursionError (not ValueError) past ~1000 levels; a relay
    # must answer that with a refusal, never with a 500.
    community = "" if kind == "profile" else SLUG
    refused(signed(kind, community, "[" * 10_000), Reason.BAD_CONTENT, "must be")


def test_absurdly_nested_json_text_is_malformed_not_a_crash() -> None:
    with pytest.raises(InvalidEvent, match="not valid JSON") as info:
        Event.from_json("[" * 100_000)
    assert info.value.reason is Reason.MALFORMED


# -- bad-hex -------------------------------------------------------------------------------


def _bad_hex_values(good: str) -> list[str]:
    return [good.upper(), good[:-2], good + "00", "g" + good[1:], " " + good[1:], ""]


@pytest.mark.parametrize("value", _bad_hex_values("ab" * 32))
def test_bad_hex_id(value: str) -> None:
    refused(wire(id=value), Reason.BAD_HEX, "The event id is not 64 lowercase hex characters")


@pytest.mark.parametrize("value", _bad_hex_values(KEYS.pubkey))
def test_bad_hex_pubkey(value: str) -> None:
    refused(wire(pubkey=value), Reason.BAD_HEX, "The pubkey is not 64 lowercase hex characters")


@pytest.mark.parametrize(
    "sig", [signed().sig.upper(), signed().sig[:64], signed().sig + "0", "z" * 128, ""]
)
def test_bad_hex_sig(sig: str) -> None:
    refused(wire(sig=sig), Reason.BAD_HEX, "The signature is not 128 lowercase hex characters")


# -- wrong-id and bad-signature ------------------------------------------------------------


def test_wrong_id_when_content_changes() -> None:
    refused(wire(content="edited"), Reason.WRONG_ID, "The event id does not match its content")


def test_wrong_id_when_the_id_is_another_events() -> None:
    refused(wire(id=signed(content="other").id), Reason.WRONG_ID, "does not match")


def test_bad_signature_from_another_key() -> None:
    event = signed()
    forged = OTHER.sign_id(event.id)
    refused(wire(sig=forged), Reason.BAD_SIGNATURE, "The signature does not verify")


def test_bad_signature_of_another_event() -> None:
    refused(wire(sig=signed(content="x").sig), Reason.BAD_SIGNATURE, "does not verify")
    refused(wire(sig="0" * 128), Reason.BAD_SIGNATURE, "does not verify")


@pytest.mark.parametrize("pubkey", ["ff" * 32, "00" * 32, "ec" + "ff" * 30 + "7f"])
def test_bad_signature_for_keys_that_are_not_usable_points(pubkey: str) -> None:
    # The id is right for these bytes, but no signature can verify: a refusal, not a crash.
    eid = event_id(pubkey, NOW, "post", SLUG, (), "hello")
    event = Event(eid, pubkey, NOW, "post", SLUG, (), "hello", KEYS.sign_id(eid))
    refused(event, Reason.BAD_SIGNATURE, "The signature does not verify")


# -- content-too-large ---------------------------------------------------------------------


def test_content_limit_counts_bytes_not_characters() -> None:
    at_limit = "a" * (MAX - 2) + "é"  # MAX - 1 characters, MAX bytes
    validate(signed(content=at_limit), now=NOW)
    over = "a" * (MAX - 1) + "é"  # MAX characters, MAX + 1 bytes
    assert len(over) == MAX
    refused(
        signed(content=over),
        Reason.CONTENT_TOO_LARGE,
        f"The content is {MAX + 1} bytes; the limit is {MAX}",
    )


def test_content_limit_with_a_four_byte_character_at_the_boundary() -> None:
    limits = Limits(max_content_bytes=8)
    validate(signed(content="abcd🫂"), now=NOW, limits=limits)
    refused(signed(content="abcde🫂"), Reason.CONTENT_TOO_LARGE, "9 bytes", limits=limits)


# -- bad-slug ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug", ["a", "", "Peer-support", "-peer", "peer support", "peer_support", "é-x", "a" * 41]
)
def test_bad_slug(slug: str) -> None:
    refused(signed(community=slug), Reason.BAD_SLUG, "A community slug is 2 to 40 characters")


@pytest.mark.parametrize("slug", ["ab", "a" * 40, "0-", "grief-circle-2"])
def test_good_slugs(slug: str) -> None:
    validate(signed(community=slug), now=NOW)


@pytest.mark.parametrize("kind", sorted(GLOBAL_KINDS))
def test_global_kinds_forbid_a_slug(kind: str) -> None:
    tags = [("to", SOME_ID)] if kind in ("dm", "circle") else []
    content = {"profile": "{}", "prekeys": '{"v": 1, "spk": {}, "otpk": []}'}.get(
        kind, "ciphertext"
    )
    validate(signed(kind, "", content, tags), now=NOW)
    refused(signed(kind, SLUG, content, tags), Reason.BAD_SLUG, f"A {kind} event belongs to no")


@pytest.mark.parametrize("kind", sorted(KINDS - GLOBAL_KINDS))
def test_community_kinds_require_a_slug(kind: str) -> None:
    refused(signed(kind, "", "x"), Reason.BAD_SLUG, "A community slug is")


# -- unknown-kind --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["article", "Post", "", "post "])
def test_unknown_kind(kind: str) -> None:
    refused(signed(kind), Reason.UNKNOWN_KIND, f"The kind {kind!r} is not known")


def test_unknown_kind_message_is_cut_short() -> None:
    error = refused(signed("k" * 500), Reason.UNKNOWN_KIND, "is not known")
    assert len(str(error)) < 80


# -- malformed-tags ------------------------------------------------------------------------


@pytest.mark.parametrize("tags", ["cw", {"cw": "x"}, None, 5])
def test_tags_not_a_list(tags: object) -> None:
    refused(wire(tags=tags), Reason.MALFORMED_TAGS, "Tags must be an array of arrays of strings")


@pytest.mark.parametrize("tags", [[[]], [["cw", 5]], [["cw", None]], ["cw"], [[["cw"]]], [{}]])
def test_tag_not_a_list_of_strings(tags: object) -> None:
    refused(wire(tags=tags), Reason.MALFORMED_TAGS, "Each tag must be a non-empty array of strings")


def test_an_empty_tag_built_in_code_is_refused_not_a_crash() -> None:
    event = Event(**{**signed().to_wire(), "tags": ((),)})
    refused(event, Reason.MALFORMED_TAGS, "A tag is empty or too long")


def test_too_many_tags() -> None:
    tags = [("reason", str(i)) for i in range(DEFAULT_LIMITS.max_tags)]
    validate(signed(tags=tags), now=NOW)
    refused(
        signed(tags=[*tags, ("reason", "one more")]),
        Reason.MALFORMED_TAGS,
        "An event may carry at most 64 tags",
    )


@pytest.mark.parametrize(
    "tag",
    [("",), ("", "x"), ("reason", *["x"] * 8), ("reason", "x" * 513), ("r" * 513, "x")],
)
def test_tag_empty_or_too_long(tag: tuple[str, ...]) -> None:
    refused(signed(tags=[tag]), Reason.MALFORMED_TAGS, "A tag is empty or too long")


@pytest.mark.parametrize("name", ["parent", "root", "target", "mod", "to"])
@pytest.mark.parametrize(
    "values", [("xyz",), (SOME_ID.upper(),), (SOME_ID[:-1],), (SOME_ID, "extra"), ()]
)
def test_reference_tags_take_one_hex_id(name: str, values: tuple[str, ...]) -> None:
    refused(signed(tags=[(name, *values)]), Reason.MALFORMED_TAGS, f"The '{name}' tag takes one")


@pytest.mark.parametrize("tag", [("cw", ""), ("cw", "   "), ("cw", "x" * 65), ("cw",)])
def test_cw_label_length(tag: tuple[str, ...]) -> None:
    refused(signed(tags=[tag]), Reason.MALFORMED_TAGS, "label is 1 to 64 characters")


def test_cw_label_of_64_characters_passes() -> None:
    validate(signed(tags=[("cw", "é" * 64)]), now=NOW)


@pytest.mark.parametrize(
    "label",
    ["two\nlines", "cr\rhere", "tab\there", "del\x7fete", "nel\x85line", "ls\u2028x", "ps\u2029x"],
)
def test_a_content_warning_label_is_one_line(label: str) -> None:
    refused(signed(tags=[("cw", label)]), Reason.MALFORMED_TAGS, "one line of text")


@pytest.mark.parametrize("label", ["grief", "d\u00e9c\u00e8s", "\u81ea\u6740", "\U0001f494 loss"])
def test_a_content_warning_label_may_be_any_script(label: str) -> None:
    validate(signed(tags=[("cw", label)]), now=NOW)


@pytest.mark.parametrize(
    "tag",
    [
        ("expires", "soon"),
        ("expires", "-1"),
        ("expires", ""),
        ("expires", "\u00b2"),
        ("expires", "1.5"),
        ("expires",),
        ("expires", "1", "2"),
    ],
)
def test_expires_takes_a_unix_time(tag: tuple[str, ...]) -> None:
    refused(signed(tags=[tag]), Reason.MALFORMED_TAGS, "The 'expires' tag takes one Unix time")


@pytest.mark.parametrize(
    "tag",
    [
        ("nonce", "1"),
        ("nonce", "x", "1"),
        ("nonce", "1", "257"),
        ("nonce", "1", "-1"),
        ("nonce", "1", ""),
        ("nonce", "\u0661", "1"),
        ("nonce", "1", "2", "3"),
    ],
)
def test_nonce_takes_a_number_and_a_difficulty(tag: tuple[str, ...]) -> None:
    refused(signed(tags=[tag]), Reason.MALFORMED_TAGS, "The 'nonce' tag takes a number")


@pytest.mark.parametrize(
    ("kind", "content", "message"),
    [
        ("reaction", "me-too", "A reaction needs a 'parent' tag"),
        ("delete", "", "A delete event needs a 'target' tag"),
        ("moderate", "hide", "A moderate event needs a 'target' tag"),
        ("report", "spam", "A report event needs a 'target' tag"),
        ("edit", "new words", "An edit event needs a 'target' tag"),
    ],
)
def test_kinds_that_need_a_reference(kind: str, content: str, message: str) -> None:
    refused(signed(kind, content=content), Reason.MALFORMED_TAGS, message)


def test_an_edit_needs_words() -> None:
    refused(
        signed("edit", content=" \n", tags=[("target", SOME_ID)]),
        Reason.BAD_CONTENT,
        "An edit cannot be empty",
    )


def test_a_dm_needs_a_recipient() -> None:
    refused(
        signed("dm", "", "ciphertext"),
        Reason.MALFORMED_TAGS,
        "A direct message needs exactly one 'to' tag.",
    )


@pytest.mark.parametrize("kind", ["dm", "circle"])
@pytest.mark.parametrize(
    "tags",
    [
        [("to", SOME_ID), ("to", SOME_ID)],
        [("to", SOME_ID), ("parent", SOME_ID)],
        [("to", SOME_ID), ("cw", "grief")],
        [("to", SOME_ID), ("expires", "5"), ("expires", "6")],
    ],
)
def test_a_mailbox_event_carries_one_to_and_at_most_expires_and_nonce(
    kind: str, tags: list[tuple[str, ...]]
) -> None:
    refused(
        signed(kind, "", "ciphertext", tags),
        Reason.MALFORMED_TAGS,
        "exactly one 'to'" if [t[0] for t in tags].count("to") > 1 else "carries one 'to' tag",
    )
    validate(signed(kind, "", "ciphertext", [("to", SOME_ID), ("expires", "9" * 12)]), now=NOW)


def test_a_mailbox_event_is_not_empty() -> None:
    refused(signed("circle", "", "", [("to", SOME_ID)]), Reason.BAD_CONTENT, "A circle message")


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        "nope",
        '{"v": 1, "spk": {}}',
        '{"v": "1", "spk": {}, "otpk": []}',
        '{"v": 1, "spk": {}, "otpk": ' + str(list(range(101))) + "}",
    ],
)
def test_a_prekey_bundle_has_its_shape(content: str) -> None:
    refused(signed("prekeys", "", content), Reason.BAD_CONTENT, "A prekey bundle")
    validate(signed("prekeys", "", '{"v": 1, "spk": {}, "otpk": []}'), now=NOW)


# -- bad-content ---------------------------------------------------------------------------


@pytest.mark.parametrize("content", ["hug", "", "Me-too", "me-too "])
def test_reaction_values(content: str) -> None:
    event = signed("reaction", content=content, tags=[("parent", SOME_ID)])
    refused(event, Reason.BAD_CONTENT, "A reaction is one of: me-too, been-there")


@pytest.mark.parametrize("content", ["me-too", "been-there", "sending-support", "thank-you"])
def test_every_reaction_passes(content: str) -> None:
    validate(signed("reaction", content=content, tags=[("parent", SOME_ID)]), now=NOW)


@pytest.mark.parametrize("content", ["delete", "", "HIDE", "ban "])
def test_moderation_actions(content: str) -> None:
    event = signed("moderate", content=content, tags=[("target", SOME_ID)])
    refused(event, Reason.BAD_CONTENT, "A moderation action is one of: hide, restore, ban, unban")


@pytest.mark.parametrize("content", ["", " ", "\n\t "])
def test_empty_post(content: str) -> None:
    refused(signed(content=content), Reason.BAD_CONTENT, "A post cannot be empty")


def test_report_without_reason() -> None:
    refused(
        signed("report", content="  ", tags=[("target", SOME_ID)]),
        Reason.BAD_CONTENT,
        "A report needs a reason",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "A community definition must be JSON"),
        ("", "A community definition must be JSON"),
        ("[]", "must be a JSON object"),
        ('"name"', "must be a JSON object"),
        ("{}", "A community needs a name of 1 to 80 characters"),
        ('{"name": "   "}', "needs a name"),
        ('{"name": 5}', "needs a name"),
        (json.dumps({"name": "x" * 81}), "needs a name"),
        ('{"name": "Grief", "description": 5}', "description must be text"),
        (json.dumps({"name": "G", "description": "d" * 2001}), "at most 2000 characters"),
        ('{"name": "Grief", "rules": "be kind"}', "rules must be a list"),
        ('{"name": "Grief", "rules": [""]}', "rules must be a list"),
        ('{"name": "Grief", "rules": [1]}', "rules must be a list"),
        (json.dumps({"name": "G", "rules": ["r"] * 51}), "rules must be a list"),
    ],
)
def test_community_definition_content(content: str, message: str) -> None:
    refused(signed("community", content=content), Reason.BAD_CONTENT, message)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "A profile must be a JSON object"),
        ("", "A profile must be a JSON object"),
        ("[]", "A profile is a JSON object with text 'name' and 'bio'"),
        ('"Zoë"', "with text 'name' and 'bio'"),
        ('{"name": 5}', "with text 'name' and 'bio'"),
        ('{"bio": ["x"]}', "with text 'name' and 'bio'"),
    ],
)
def test_profile_content(content: str, message: str) -> None:
    refused(signed("profile", "", content), Reason.BAD_CONTENT, message)


@pytest.mark.parametrize("content", ["{}", '{"name": "Zoë"}', '{"name": "", "bio": "hi"}'])
def test_profiles_that_pass(content: str) -> None:
    validate(signed("profile", "", content), now=NOW)


# -- clock-skew ----------------------------------------------------------------------------


def test_clock_skew_beyond_the_limit_is_refused() -> None:
    refused(
        signed(created_at=NOW + 901),
        Reason.CLOCK_SKEW,
        "The event is dated 901 s in the future; at most 900 s is accepted",
    )


@pytest.mark.parametrize("created_at", [NOW + 900, NOW, NOW - 10 * 365 * 86400, 0])
def test_within_the_limit_or_old_is_accepted(created_at: int) -> None:
    validate(signed(created_at=created_at), now=NOW)


def test_clock_skew_follows_the_limits() -> None:
    strict = Limits(max_clock_skew=0)
    validate(signed(created_at=NOW), now=NOW, limits=strict)
    refused(signed(created_at=NOW + 1), Reason.CLOCK_SKEW, "1 s in the future", limits=strict)


def test_clock_skew_uses_the_real_clock_by_default() -> None:
    with pytest.raises(InvalidEvent) as info:
        validate(signed(created_at=2**40))
    assert info.value.reason is Reason.CLOCK_SKEW
    validate(signed(created_at=NOW))


# -- insufficient-pow ----------------------------------------------------------------------

POW = Limits(pow_difficulty=8)


def test_pow_required_but_no_nonce_tag() -> None:
    refused(
        signed(),
        Reason.INSUFFICIENT_POW,
        "The event proves less than the 8 bits of work required",
        limits=POW,
    )


def test_pow_claimed_less_than_required() -> None:
    event = sign_event(KEYS, "post", SLUG, "hello", created_at=NOW, pow_difficulty=4)
    refused(event, Reason.INSUFFICIENT_POW, "less than the 8 bits", limits=POW)


def test_pow_claimed_more_than_the_id_has() -> None:
    # A nonce tag claiming 20 bits, but the id was not worked for: the claim is not enough.
    event = next(
        e
        for e in (signed(tags=[("nonce", "0", "20")], created_at=NOW - i) for i in range(50))
        if leading_zero_bits(e.id) < 8
    )
    refused(event, Reason.INSUFFICIENT_POW, "less than the 8 bits", limits=POW)


def test_pow_met() -> None:
    event = sign_event(KEYS, "post", SLUG, "hello", created_at=NOW, pow_difficulty=8)
    validate(event, now=NOW, limits=POW)


# -- order of checks -----------------------------------------------------------------------


def test_cheap_checks_come_before_the_signature() -> None:
    # An event that is wrong in several ways gets the reason of the cheapest check.
    refused(wire(id="AB" * 32, sig="0" * 128), Reason.BAD_HEX, "event id")
    refused(wire(kind="nope", content="edited"), Reason.UNKNOWN_KIND, "not known")
    refused(
        Event(**{**signed(created_at=NOW + 5000).to_wire(), "tags": (), "sig": "0" * 128}),
        Reason.CLOCK_SKEW,
        "in the future",
    )


# -- tampering -----------------------------------------------------------------------------

TAMPER = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def tampered(event: Event, **change: Any) -> Event:
    return Event(**{**event.to_wire(), "tags": event.tags, **change})


def expect(event: Event, reason_if_shape_ok: Reason) -> Reason:
    """Validation must refuse; when the shape is fine, the reason is the expected one."""
    with pytest.raises(InvalidEvent) as info:
        validate(event, now=NOW)
    try:
        check_shape(event)
    except InvalidEvent as shape:
        assert info.value.reason is shape.reason
    else:
        assert info.value.reason is reason_if_shape_ok, info.value
    return info.value.reason


@TAMPER
@given(event=events(), content=text)
def test_tampered_content(event: Event, content: str) -> None:
    assume(content != event.content)
    expect(tampered(event, content=content), Reason.WRONG_ID)


@TAMPER
@given(event=events(), pubkey=hex64)
def test_tampered_pubkey(event: Event, pubkey: str) -> None:
    assume(pubkey != event.pubkey)
    assert expect(tampered(event, pubkey=pubkey), Reason.WRONG_ID) is Reason.WRONG_ID


@TAMPER
@given(event=events(), value=st.one_of(hex64, text))
def test_tampered_id(event: Event, value: str) -> None:
    assume(value != event.id)
    hex_ok = len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    assert expect(tampered(event, id=value), Reason.WRONG_ID) is (
        Reason.WRONG_ID if hex_ok else Reason.BAD_HEX
    )


@TAMPER
@given(event=events(), value=st.one_of(hex128, text))
def test_tampered_sig(event: Event, value: str) -> None:
    assume(value != event.sig)
    hex_ok = len(value) == 128 and all(c in "0123456789abcdef" for c in value)
    assert expect(tampered(event, sig=value), Reason.BAD_SIGNATURE) is (
        Reason.BAD_SIGNATURE if hex_ok else Reason.BAD_HEX
    )


@TAMPER
@given(event=events(), delta=st.integers(-(10**9), 10**9))
def test_tampered_created_at(event: Event, delta: int) -> None:
    created_at = event.created_at + delta
    assume(delta != 0 and created_at >= 0)
    expected = Reason.CLOCK_SKEW if created_at > NOW + 900 else Reason.WRONG_ID
    assert expect(tampered(event, created_at=created_at), expected) is expected


@TAMPER
@given(event=events(), kind=st.one_of(st.sampled_from(sorted(KINDS)), text))
def test_tampered_kind(event: Event, kind: str) -> None:
    assume(kind != event.kind)
    reason = expect(tampered(event, kind=kind), Reason.WRONG_ID)
    if kind not in KINDS:
        assert reason is Reason.UNKNOWN_KIND


@TAMPER
@given(event=events(), community=st.one_of(st.from_regex(r"[a-z0-9-]{0,41}", fullmatch=True), text))
def test_tampered_community(event: Event, community: str) -> None:
    assume(community != event.community)
    expect(tampered(event, community=community), Reason.WRONG_ID)


@TAMPER
@given(event=events(), tag=optional_tags, data=st.data())
def test_tampered_tags(event: Event, tag: tuple[str, ...], data: st.DataObject) -> None:
    tags = list(event.tags)
    how = data.draw(st.sampled_from(["add", "remove", "alter"] if tags else ["add"]))
    if how == "add":
        tags.insert(data.draw(st.integers(0, len(tags))), tag)
    elif how == "remove":
        del tags[data.draw(st.integers(0, len(tags) - 1))]
    else:
        i = data.draw(st.integers(0, len(tags) - 1))
        j = data.draw(st.integers(0, len(tags[i]) - 1))
        new = data.draw(text.filter(lambda value: value != tags[i][j]))
        tags[i] = (*tags[i][:j], new, *tags[i][j + 1 :])
    expect(tampered(event, tags=tuple(tags)), Reason.WRONG_ID)


def test_a_nonce_of_thousands_of_digits_is_refused_not_a_crash() -> None:
    # A relay may raise max_tag_chars; int() then meets more than 4,300 digits.
    roomy = Limits(max_tag_chars=10_000)
    refused(
        signed(tags=[("nonce", "1", "9" * 5000)]),
        Reason.MALFORMED_TAGS,
        "The 'nonce' tag takes a number and a difficulty",
        limits=roomy,
    )
    validate(signed(tags=[("nonce", "1" * 5000, "0" * 4400 + "1")]), now=NOW, limits=roomy)


def test_a_nonce_difficulty_with_leading_zeros_is_fine() -> None:
    validate(signed(tags=[("nonce", "7", "000")]), now=NOW)


# -- robustness ----------------------------------------------------------------------------

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    event=events(),
    field=st.sampled_from(["id", "pubkey", "created_at", "kind", "community", "tags", "content"]),
    value=json_values,
)
def test_any_json_in_any_field_is_refused_with_a_reason_or_accepted(
    event: Event, field: str, value: object
) -> None:
    # Whatever a client sends, the answer is a verdict: never another exception (a 500).
    obj = {**event.to_wire(), field: value}
    try:
        accepted = validate_wire(obj, now=NOW)
    except InvalidEvent as error:
        assert error.reason in set(Reason)
    else:
        assert accepted == event  # only an equal value can keep the signature valid


@pytest.mark.parametrize(
    "content", ["\u200b", "\u200b\u200c\u200d\u2060\ufeff", "\u202e\u2066 \u2069", " \u3164\n"]
)
def test_a_post_of_only_invisible_characters_is_empty(content: str) -> None:
    refused(signed(content=content), Reason.BAD_CONTENT, "A post cannot be empty")


@pytest.mark.parametrize("label", ["\x1b[31mred", "\u202eevil", "\u200b\u200b"])
def test_a_content_warning_label_carries_no_controls_or_invisible_text(label: str) -> None:
    refused(signed(tags=[("cw", label)]), Reason.MALFORMED_TAGS, "content warning label")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"name": "\x1b]0;x\a"}, "one line of text without control characters"),
        ({"name": "Calm\nFake line"}, "one line of text without control characters"),
        ({"name": "Calm\u202e"}, "one line of text without control characters"),
        ({"name": "\u200b\u200b"}, "needs a name"),
        ({"name": "Calm", "description": "hi\x1b[2J"}, "description cannot hold control"),
        ({"name": "Calm", "description": "\ud800"}, "description cannot hold control"),
        ({"name": "Calm", "rules": ["be kind\x9b31m"]}, "rule is visible text"),
        ({"name": "Calm", "rules": ["\u200b"]}, "rule is visible text"),
    ],
)
def test_a_community_definition_carries_no_controls(body: dict[str, object], message: str) -> None:
    event = signed("community", content=json.dumps(body))
    refused(event, Reason.BAD_CONTENT, message)


def test_a_community_description_keeps_its_lines() -> None:
    body = {"name": "Calm", "description": "One.\n\tTwo.", "rules": ["Be kind.\nAlways."]}
    validate(signed("community", content=json.dumps(body)), now=NOW)
