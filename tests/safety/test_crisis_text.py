"""The crisis detector's canonical text: one spelling, and the way back to the original."""

from __future__ import annotations

import pytest

from peerhaven.safety.crisis_text import canonical, canonical_text
from tests.safety.corpora import load


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("I’m DONE", "im done"),
        ("i cant, i wont", "i cant , i wont"),
        ("k1ll my self", "kill myself"),
        ("su!c!dal", "suicidal"),
        ("$uicide", "suicide"),
        ("feelin sucidal rn", "feeling suicidal right now"),
        ("i want 2 dieee", "i want to die"),
        ("my self-harm", "my self harm"),
        ("took 20mg at 8", "took 20mg at 8"),
        ("end.\n\nnew start", "end . new start"),
        ("line one\nline two", "line one line two"),
        ("what?! ok...", "what ? ok ."),
        ("well — maybe", "well , maybe"),
    ],
)
def test_one_spelling(typed: str, read: str) -> None:
    assert canonical_text(typed) == read
    assert canonical(typed).text == read


def test_the_quick_form_and_the_form_with_offsets_agree_on_every_corpus() -> None:
    texts = [e["text"] for name in ("crisis", "pii", "pii_holdout") for e in load(name)]
    assert [canonical_text(text) for text in texts] == [canonical(text).text for text in texts]


def test_spans_point_back_into_what_was_typed() -> None:
    typed = "Honestly, I w4nt to k!ll my self."
    view = canonical(typed)
    start = view.text.index("want")
    end = view.text.index("myself") + len("myself")
    first, last = view.original_span(start, end)
    assert typed[first:last] == "w4nt to k!ll my self"
