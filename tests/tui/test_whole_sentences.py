"""Sentences that differ by what is sent are whole sentences, so they translate.

The crisis offer and the oversharing guard once filled an English word ("post",
"message") into a translated sentence: Spanish read "Tu post es tuyo", German
"dein post". Each kind now has its own sentence in the catalog.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from peerhaven.core.i18n import use_language
from peerhaven.tui.modals.crisis_offer import CrisisOfferModal
from peerhaven.tui.modals.guard import GuardModal

KINDS = ("post", "message", "circle post", "profile")


@pytest.fixture(params=["es", "de"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    use_language(request.param)
    yield request.param
    use_language("en")


@pytest.mark.parametrize("what", KINDS)
def test_the_crisis_offer_reads_whole_in_the_members_language(language: str, what: str) -> None:
    words = CrisisOfferModal(None, what=what)._kind_words()
    assert "{" not in words
    assert f" {what} " not in words
    assert not words.startswith("It sounds like")


@pytest.mark.parametrize("what", KINDS)
def test_the_guard_says_who_reads_it_in_the_members_language(language: str, what: str) -> None:
    words = GuardModal("text", [], what=what)._who_reads()
    assert "{" not in words
    assert f" {what} " not in words
    assert not words.startswith(("Anyone", "Every", "The person"))
