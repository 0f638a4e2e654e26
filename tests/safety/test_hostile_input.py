"""Hostile or odd input must not make the detectors slow: every pattern stays linear.

Run on the author's own device, a quadratic regex would freeze their composer on
a long paste; these inputs made earlier, unbounded patterns take seconds.
"""

from __future__ import annotations

import time

import pytest

from peerhaven.safety.crisis import detect_crisis_language
from peerhaven.safety.pii import find_personal_details

HOSTILE = {
    "dotted": "a." * 10_000 + "1",
    "dashed": "a-" * 10_000,
    "digit runs": "12-" * 7_000,
    "spaced digits": "1 " * 10_000,
    "url": "http://" + "a." * 7_000 + "/" + "b" * 7_000,
    "at signs": "a@" * 10_000,
    "spelled e-mail": "a at b dot " * 2_000,
    "whitespace": "i want " + " " * 20_000 + "x",
    "phrases": "I want to " * 2_000,
    "near misses": "wrote a note " * 1_500,
    "hopes": "hope " * 4_000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_long_hostile_input_stays_fast(text: str) -> None:
    start = time.perf_counter()
    find_personal_details(text)
    detect_crisis_language(text)
    assert time.perf_counter() - start < 1.5


@pytest.mark.parametrize("text", ["", " ", "\n\n", "@", "+", "0", "İstanbul İ’m", "🙂" * 50])
def test_empty_and_odd_text(text: str) -> None:
    assert find_personal_details(text) == []
    assert detect_crisis_language(text) is None
