"""Canonical bytes against fixed vectors written out by hand (tests/core/vectors.json)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerhaven.core import (
    Event,
    InvalidEvent,
    Keypair,
    Reason,
    canonical_bytes,
    event_id,
    validate,
    verify_signature,
)
from tests.core.factory import KEYS, NOW, SLUG, signed
from tests.core.strategies import hex64, slugs, text

VECTORS_FILE = Path(__file__).with_name("vectors.json")
DOC: dict[str, Any] = json.loads(VECTORS_FILE.read_text(encoding="utf-8"))
VECTORS: list[dict[str, Any]] = DOC["vectors"]
BY_NAME = {vector["name"]: vector for vector in VECTORS}


def inputs(vector: dict[str, Any]) -> tuple[str, int, str, str, list[list[str]], str]:
    return (
        vector["pubkey"],
        vector["created_at"],
        vector["kind"],
        vector["community"],
        vector["tags"],
        vector["content"],
    )


def as_event(vector: dict[str, Any]) -> Event:
    return Event.from_wire({key: vector[key] for key in Event.__dataclass_fields__})


def test_the_vectors_cover_what_the_contract_must_get_right() -> None:
    names = set(BY_NAME)
    assert len(VECTORS) >= 12 and len(names) == len(VECTORS)
    contents = "".join(vector["content"] for vector in VECTORS)
    for needle in ['"', "\\", "\n", "\t", "\r", "\x00", "\x1f", "\x7f", "\u2028", "\u2029"]:
        assert needle in contents, f"no vector covers {needle!r}"
    assert any(ord(ch) > 0xFFFF for ch in contents), "no astral-plane character"
    assert "\u200d" in contents, "no ZWJ sequence"
    tag_names = {tag[0] for vector in VECTORS for tag in vector["tags"]}
    assert {"parent", "root", "cw", "target", "mod", "expires", "nonce", "to"} <= tag_names
    assert "" in {vector["content"] for vector in VECTORS}


def test_the_vector_file_is_self_consistent() -> None:
    # Guards the file itself: the ids are SHA-256 of the hand-written bytes.
    for vector in VECTORS:
        data = vector["canonical"].encode("utf-8")
        assert len(data) == vector["canonical_length"], vector["name"]
        assert hashlib.sha256(data).hexdigest() == vector["id"], vector["name"]


@pytest.mark.parametrize("vector", VECTORS, ids=lambda vector: vector["name"])
def test_canonical_bytes_match_the_vector(vector: dict[str, Any]) -> None:
    assert canonical_bytes(*inputs(vector)) == vector["canonical"].encode("utf-8")
    assert event_id(*inputs(vector)) == vector["id"]


@pytest.mark.parametrize("vector", VECTORS, ids=lambda vector: vector["name"])
def test_tuples_and_lists_give_the_same_bytes(vector: dict[str, Any]) -> None:
    pubkey, created_at, kind, community, tags, content = inputs(vector)
    frozen = tuple(tuple(tag) for tag in tags)
    assert canonical_bytes(pubkey, created_at, kind, community, frozen, content) == (
        vector["canonical"].encode("utf-8")
    )


@pytest.mark.parametrize("vector", VECTORS, ids=lambda vector: vector["name"])
def test_signature_is_pinned_and_the_event_validates(vector: dict[str, Any]) -> None:
    keys = Keypair.from_secret(bytes.fromhex(DOC["secret"]))
    assert keys.pubkey == DOC["pubkey"] == vector["pubkey"]
    assert keys.sign_id(vector["id"]) == vector["sig"]
    assert verify_signature(vector["pubkey"], vector["id"], vector["sig"])
    event = as_event(vector)
    assert event.canonical() == vector["canonical"].encode("utf-8")
    validate(event, now=max(vector["created_at"], NOW))


def test_escapes_at_the_byte_level() -> None:
    controls = BY_NAME["control-characters"]["canonical"].encode("utf-8")
    assert (
        b"\\u0000nul\\u0001soh\\u000bvt\\u001besc\\u001fus\x7fdel\xc2\x80pad\xc2\x9fapc" in controls
    )
    separators = BY_NAME["line-separators"]["canonical"].encode("utf-8")
    assert b'"a\xe2\x80\xa8b\xe2\x80\xa9c\xc2\x85d"' in separators
    emoji = BY_NAME["emoji"]["canonical"].encode("utf-8")
    assert b"\xf0\x9f\xab\x82 hugs" in emoji  # U+1FAC2 as four UTF-8 bytes, no surrogates
    assert b"\\u" not in emoji and b"\\ud83e" not in emoji
    whitespace = BY_NAME["whitespace-escapes"]["canonical"].encode("utf-8")
    assert b'"line1\\nline2\\r\\n\\ttab\\bback\\fform"' in whitespace


def test_the_version_comes_first_and_nothing_is_padded() -> None:
    data = canonical_bytes(KEYS.pubkey, 5, "post", SLUG, [["cw", "x"]], "hi")
    expected = f'[1,"{KEYS.pubkey}",5,"post","{SLUG}",[["cw","x"]],"hi"]'.encode()
    assert data == expected


def test_a_lone_surrogate_cannot_be_canonical() -> None:
    with pytest.raises(UnicodeEncodeError):
        canonical_bytes(KEYS.pubkey, NOW, "post", SLUG, [], "half \ud83d")
    event = signed()
    forged = Event(**{**event.to_wire(), "tags": (), "content": "half \ud83d"})
    with pytest.raises(InvalidEvent) as info:
        validate(forged, now=NOW)
    assert info.value.reason is Reason.MALFORMED
    in_tag = Event(**{**event.to_wire(), "tags": (("reason", "\udc00"),)})
    with pytest.raises(InvalidEvent, match="invalid Unicode") as info:
        validate(in_tag, now=NOW)
    assert info.value.reason is Reason.MALFORMED


def _escaped(value: str) -> str:
    """JSON string escaping written out by hand for text without C0 controls."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


printable = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters=[chr(i) for i in range(32)]),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(
    pubkey=hex64,
    created_at=st.integers(0, 2**53 - 1),
    kind=st.sampled_from(["post", "reaction", "sealed"]),
    community=slugs,
    tags=st.lists(st.lists(printable, min_size=1, max_size=3), max_size=3),
    content=printable,
)
def test_canonical_bytes_are_the_hand_escaped_array(
    pubkey: str, created_at: int, kind: str, community: str, tags: list[list[str]], content: str
) -> None:
    tag_text = ",".join("[" + ",".join(_escaped(part) for part in tag) + "]" for tag in tags)
    expected = (
        f'[1,"{pubkey}",{created_at},"{kind}","{community}",[{tag_text}],{_escaped(content)}]'
    )
    assert canonical_bytes(pubkey, created_at, kind, community, tags, content) == expected.encode()


@settings(max_examples=100, deadline=None)
@given(content=text, tags=st.lists(st.lists(text, min_size=1, max_size=3), max_size=3))
def test_canonical_bytes_decode_back_to_the_fields(content: str, tags: list[list[str]]) -> None:
    data = canonical_bytes(KEYS.pubkey, NOW, "post", SLUG, tags, content)
    assert json.loads(data.decode("utf-8")) == [1, KEYS.pubkey, NOW, "post", SLUG, tags, content]
