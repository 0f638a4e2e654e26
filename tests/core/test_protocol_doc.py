"""docs/protocol.md cannot drift: its worked example and its lists are checked against the code."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from peerhaven.core import (
    DEFAULT_LIMITS,
    KINDS,
    MODERATION_ACTIONS,
    REACTIONS,
    Keypair,
    Reason,
    canonical_bytes,
    event_id,
)

DOC = (Path(__file__).parents[2] / "docs" / "protocol.md").read_text(encoding="utf-8")
VECTORS = json.loads(Path(__file__).with_name("vectors.json").read_text(encoding="utf-8"))
WORKED = next(vector for vector in VECTORS["vectors"] if vector["name"] == "worked-example")


def block(marker: str) -> str:
    """The fenced block (or backticked value) right after ``<!-- worked-example:marker -->``."""
    match = re.search(
        rf"<!-- worked-example:{marker} -->\n(?:```\w*\n(?P<fenced>.*?)\n```|`(?P<inline>[^`]+)`)",
        DOC,
        re.DOTALL,
    )
    assert match, f"docs/protocol.md lost its worked-example:{marker} block"
    return match["fenced"] if match["fenced"] is not None else match["inline"]


def fields() -> dict[str, Any]:
    value: dict[str, Any] = json.loads(block("fields"))
    return value


def dumped_bytes() -> bytes:
    data = bytearray()
    for line in block("bytes").splitlines():
        offset, _, rest = line.partition("  ")
        assert int(offset, 16) == len(data), f"offset {offset} is off"
        data += bytes.fromhex(rest[:47])
    return bytes(data)


def test_worked_example_is_one_of_the_vectors() -> None:
    doc_fields = fields()
    for name in ("pubkey", "created_at", "kind", "community", "tags", "content"):
        assert doc_fields[name] == WORKED[name], name


def test_worked_example_text_and_bytes_are_the_real_canonical_bytes() -> None:
    f = fields()
    real = canonical_bytes(
        f["pubkey"], f["created_at"], f["kind"], f["community"], f["tags"], f["content"]
    )
    assert block("text").encode("utf-8") == real
    assert dumped_bytes() == real
    assert f"these are its {len(real)} bytes" in DOC


def test_worked_example_id_and_signature() -> None:
    f = fields()
    eid = event_id(f["pubkey"], f["created_at"], f["kind"], f["community"], f["tags"], f["content"])
    assert block("id") == eid == hashlib.sha256(dumped_bytes()).hexdigest() == WORKED["id"]
    keys = Keypair.from_secret(bytes([1]) * 32)
    assert keys.pubkey == f["pubkey"]
    assert block("sig") == keys.sign_id(eid) == WORKED["sig"]


@pytest.mark.parametrize("reason", list(Reason), ids=str)
def test_every_refusal_code_is_documented(reason: Reason) -> None:
    assert f"| `{reason.value}` |" in DOC, f"the table of codes lacks {reason.value}"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_documented(kind: str) -> None:
    assert f"| `{kind}` |" in DOC, f"the table of kinds lacks {kind}"


@pytest.mark.parametrize(
    "name", ["parent", "root", "target", "mod", "to", "cw", "expires", "nonce"]
)
def test_every_tag_is_documented(name: str) -> None:
    assert f"| `{name}` |" in DOC


def test_reactions_and_moderation_actions_are_documented() -> None:
    for value in (*REACTIONS, *MODERATION_ACTIONS):
        assert f"`{value}`" in DOC, value


@pytest.mark.parametrize("limit", dataclasses.fields(DEFAULT_LIMITS), ids=lambda f: f.name)
def test_default_limits_are_documented(limit: dataclasses.Field[Any]) -> None:
    value = getattr(DEFAULT_LIMITS, limit.name)
    assert f"| `{limit.name}` | {value} |" in DOC


def test_the_edit_window_and_edit_refusals_are_documented() -> None:
    from peerhaven.core import EDIT_WINDOW
    from peerhaven.relay.policy import RelayReason

    assert f"at most **{EDIT_WINDOW} seconds**" in DOC
    assert f"devices apply {EDIT_WINDOW} whatever the relay says" in DOC
    for reason in (
        RelayReason.NOT_AUTHOR,
        RelayReason.UNKNOWN_TARGET,
        RelayReason.EDIT_WINDOW_CLOSED,
        RelayReason.WRONG_COMMUNITY,
    ):
        assert f"`{reason.value}`" in DOC, reason
