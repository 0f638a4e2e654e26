"""A post full of escape sequences never reaches the terminal as one (issue 18 item 5).

The app is driven with a pilot; what it would write to the terminal is taken from
the screen's compositor: the text of every segment on screen (where a member's
words land), and the full terminal update built from them (what the driver
writes). Neither may carry a control character, a bidi override or an OSC
sequence from the post; the app's own colour and cursor sequences are all that
remain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList

from peerhaven.core import Verifier, builders
from peerhaven.store import open_store
from peerhaven.store.communities import record_offers
from peerhaven.store.events import ingest
from peerhaven.store.relays import add_relay
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.rules import RulesModal
from peerhaven.tui.others_text import markup
from peerhaven.tui.screens.browse import BrowseScreen
from peerhaven.tui.screens.feed import FeedScreen
from peerhaven.tui.screens.search import SearchScreen
from peerhaven.tui.screens.thread import ThreadScreen
from tests.fixtures.relay import free_port
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW, settle, type_text, unlock, wait_until
from tests.tui.feed_world import RUTH, SAM, SLUG, join_community

AppFactory = Callable[..., PeerHavenApp]
ESC = "\x1b"
HOSTILE = (
    f"Title{ESC}]0;pwned{ESC}\\ clip{ESC}]52;c;ZXZpbA==\a clear{ESC}[2J{ESC}[H"
    f" red{ESC}[31m hidden{ESC}[8m c1\x9b31m osc\x9d0;x\x9c dcs{ESC}P1$r{ESC}\\"
    f" cr\rfake \u202eevil\u202c zw\u200b\u200b\u200bhere bell\a"
    " [bold]not markup[/bold] [@click=app.quit]quit[/]"
)
#: what a terminal acts on, and what reorders or hides text
FORBIDDEN = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} | set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b"
)
#: the app's own sequences: colours and styles (SGR), cursor moves, private modes
OWN_SEQUENCE = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]")


def _segments_text(pilot: Pilot[None]) -> str:
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def _terminal_output(pilot: Pilot[None]) -> str:
    update = pilot.app.screen._compositor.render_full_update()
    return update.render_segments(pilot.app.console)


def _assert_inert(pilot: Pilot[None]) -> str:
    on_screen = _segments_text(pilot)
    assert not FORBIDDEN & set(on_screen.replace("\n", "")), repr(on_screen)
    written = OWN_SEQUENCE.sub("", _terminal_output(pilot))
    assert not FORBIDDEN & set(written.replace("\n", "").replace("\r", "")), repr(written)
    return on_screen


async def test_a_post_full_of_escape_sequences_reaches_the_screen_inert(
    tui_store: Path, make_app: AppFactory
) -> None:
    with open_store(tui_store, PASSPHRASE) as store:
        join_community(store, observer=False, moderator=False)
        root = builders.post(RUTH, SLUG, HOSTILE, created_at=NOW - 60)
        reply = builders.post(SAM, SLUG, f"re: {HOSTILE}", reply_to=root, created_at=NOW - 30)
        with Verifier(1) as verifier:
            ingest(store, [root, reply], verifier)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FeedScreen))
        await settle(pilot)
        feed_text = _assert_inert(pilot)
        assert "␛]0;pwned" in feed_text
        feed = app.screen
        feed.query_one("#threads", OptionList).highlighted = 0
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        shown = _assert_inert(pilot)
        for visible in ("␛]0;pwned", "␛[2J", "<U+009B>31m", "cr␍fake", "<U+202E>evil"):
            assert visible in shown, visible
        assert "<U+200B><U+200B><U+200B>here" in shown
        # brackets are words here, not markup: shown as typed, and nothing quit
        assert "[bold]not markup[/bold]" in shown and "[@click=app.quit]quit[/]" in shown
        assert app.is_running


def test_markup_helper_shows_brackets_as_typed() -> None:
    # what goes into notifications, titles and status lines: read as words, never markup
    for text in ["[bold]x[/bold]", "[@click=app.quit]quit[/]", "a\\[b]", "http://[::1]:8080", "\\"]:
        assert Content.from_markup(markup(text)).plain == text
    assert Content.from_markup(markup(f"t{ESC}]0;x\a")).plain == "t␛]0;x␇"


async def test_a_community_s_words_in_browse_and_its_rules_are_inert(
    tui_store: Path, make_app: AppFactory
) -> None:
    # controls are refused in definitions now, but bidi marks, zero-width runs and
    # brackets are allowed in descriptions and rules, and older definitions exist
    relay = f"http://127.0.0.1:{free_port()}"  # nobody answers: the offer is on record
    definition = builders.community(
        RUTH,
        "calm-corner",
        "[bold]Calm[/bold] [@click=app.quit]corner[/]",
        "Quiet \u202eevil\u202c zw\u200b\u200b\u200bhid [@click=app.quit]quit[/]",
        rules=("Be [i]kind[/i] \u2066always\u2069.",),
        created_at=NOW - 100,
    )
    with open_store(tui_store, PASSPHRASE) as store:
        add_relay(store, relay)
        record_offers(store, relay, [definition.to_wire()])
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await unlock(pilot)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, BrowseScreen))
        await wait_until(pilot, lambda: bool(app.screen.listings))  # type: ignore[attr-defined]
        await settle(pilot)
        shown = _assert_inert(pilot)
        assert "[bold]Calm[/bold] [@click=app.quit]corner[/]" in shown
        assert "Quiet <U+202E>evil<U+202C> zw<U+200B><U+200B><U+200B>hid" in shown
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, RulesModal))
        await settle(pilot)
        rules = _assert_inert(pilot)
        assert "[bold]Calm[/bold] [@click=app.quit]corner[/] (calm-corner)" in rules
        assert "Be [i]kind[/i] <U+2066>always<U+2069>." in rules
        assert app.is_running


async def test_search_results_from_a_hostile_post_are_inert(
    tui_store: Path, make_app: AppFactory
) -> None:
    with open_store(tui_store, PASSPHRASE) as store:
        join_community(store, observer=False, moderator=False)
        post = builders.post(RUTH, SLUG, HOSTILE, created_at=NOW - 60)
        with Verifier(1) as verifier:
            ingest(store, [post], verifier)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await unlock(pilot)
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await type_text(pilot, "hidden")
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(app.screen.hits))  # type: ignore[attr-defined]
        await settle(pilot)
        shown = _assert_inert(pilot)
        assert "hidden␛[8m" in shown
