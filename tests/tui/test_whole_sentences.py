"""Sentences that differ by what is sent are whole sentences, so they translate.

The crisis offer and the oversharing guard once filled an English word ("post",
"message") into a translated sentence: Spanish read "Tu post es tuyo", German
"dein post". Each kind now has its own sentence in the catalog.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from peerhaven.core.i18n import _, use_language
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


def test_message_dates_and_titles_read_in_the_members_language(language: str) -> None:
    """Once strftime (English month names) and titles translated at import time."""
    import datetime as dt

    from peerhaven.tui.screens.conversation import ConversationScreen
    from peerhaven.tui.screens.messages import when

    moment = int(dt.datetime(2026, 11, 16, 10, 0).timestamp())
    assert when(moment, today=dt.date(2026, 12, 5)) == {"es": "16 nov", "de": "16. Nov."}[language]
    title = _(ConversationScreen.ITEMS_TITLE)
    assert title != "Messages, oldest first"
    assert title.startswith({"es": "Mensajes", "de": "Nachrichten"}[language])


def test_a_content_warning_policy_is_named_in_the_members_language(language: str) -> None:
    """The filters screen once showed the stored English codes (show, collapse, hide)."""
    from peerhaven.tui.screens.filters import action_words

    words = [action_words(action) for action in ("show", "collapse", "hide")]
    assert (
        words
        == {"es": ["mostrar", "plegar", "ocultar"], "de": ["anzeigen", "einklappen", "ausblenden"]}[
            language
        ]
    )


@pytest.mark.parametrize("what", ["post", "edit", "message", "circle post", "profile"])
def test_the_cli_crisis_offer_reads_whole_in_the_members_language(language: str, what: str) -> None:
    from peerhaven.commands.precheck import KIND_WORDS

    words = _(KIND_WORDS[what])
    assert "{" not in words
    assert not words.startswith("It sounds like")
