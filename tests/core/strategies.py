"""Hypothesis strategies for events that follow the contract's grammar."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from peerhaven.core import MODERATION_ACTIONS, REACTIONS, Event, Keypair
from peerhaven.core.builders import sign_event
from peerhaven.core.inert import control_free, has_visible_text
from tests.core.factory import NOW

#: any Unicode text that can be encoded (no lone surrogates), incl. controls and astral
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
nonblank = text.filter(lambda value: value.strip() != "")
#: text that shows something: what a post's content must be
visible = text.filter(has_visible_text)
hex64 = st.binary(min_size=32, max_size=32).map(bytes.hex)
hex128 = st.binary(min_size=64, max_size=64).map(bytes.hex)
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{1,39}", fullmatch=True)
#: a one-line content-warning label: no controls, separators or bidi overrides; visible
cw_labels = st.text(
    st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=64
).filter(lambda value: has_visible_text(value) and control_free(value, multiline=False))
keypairs = st.binary(min_size=32, max_size=32).map(Keypair.from_secret)
created = st.integers(min_value=0, max_value=NOW + 900)

Tag = tuple[str, ...]

optional_tags: st.SearchStrategy[Tag] = st.one_of(
    st.tuples(st.just("cw"), cw_labels),
    st.tuples(st.just("expires"), st.integers(0, 2**40).map(str)),
    st.tuples(st.sampled_from(["mod", "to", "target", "parent", "root"]), hex64),
    st.tuples(st.just("reason"), text),
    st.tuples(st.just("nonce"), st.integers(0, 10**9).map(str), st.just("0")),
)


@st.composite
def kind_parts(draw: st.DrawFn) -> tuple[str, str, str, list[Tag]]:
    """(kind, community, content, required tags) for a valid event of any kind."""
    kind = draw(
        st.sampled_from(
            sorted(
                [
                    "post",
                    "reaction",
                    "delete",
                    "moderate",
                    "report",
                    "community",
                    "profile",
                    "sealed",
                    "dm",
                ]
            )
        )
    )
    slug = "" if kind in ("profile", "dm") else draw(slugs)
    tags: list[Tag] = []
    if kind == "post":
        content = draw(visible)
    elif kind == "reaction":
        content = draw(st.sampled_from(REACTIONS))
        tags.append(("parent", draw(hex64)))
    elif kind == "moderate":
        content = draw(st.sampled_from(MODERATION_ACTIONS))
        tags.append(("target", draw(hex64)))
    elif kind in ("delete", "report"):
        content = draw(nonblank)
        tags.append(("target", draw(hex64)))
    elif kind == "community":
        name = visible.filter(lambda n: len(n) <= 80 and control_free(n, multiline=False))
        description = text.filter(lambda d: control_free(d, multiline=True))
        body = {"name": draw(name), "description": draw(description)}
        content = json.dumps(body, ensure_ascii=draw(st.booleans()))
    elif kind == "profile":
        content = json.dumps({"name": draw(text), "bio": draw(text)}, ensure_ascii=False)
    elif kind == "dm":
        content = draw(text.filter(bool))  # a mailbox event is never empty
        tags.append(("to", draw(hex64)))
    else:
        content = draw(text)
    return kind, slug, content, tags


@st.composite
def events(draw: st.DrawFn) -> Event:
    """A correctly signed event that ``validate(event, now=NOW)`` accepts."""
    kind, slug, content, tags = draw(kind_parts())
    # a mailbox event carries its one 'to' tag and nothing else (protocol section 15)
    extra = [] if kind == "dm" else draw(st.lists(optional_tags, max_size=4))
    order = draw(st.permutations([*tags, *extra]))
    return sign_event(draw(keypairs), kind, slug, content, order, created_at=draw(created))
