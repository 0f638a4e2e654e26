"""The Messages place against a real store whose messages real devices sealed:
conversations with unread counts, requests (fold, accept, decline and block), a
conversation (order, outbox state, the guard before sending, report, seen, block),
and circles (posts, members, invite, remove, post)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from peerhaven.core.persona import pseudonym
from peerhaven.store import open_store
from peerhaven.tui.app import PeerHavenApp
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import settle, type_text, unlock, wait_until
from tests.tui.messages_world import Clock, World, build, outbox_kinds

AppFactory = Callable[..., PeerHavenApp]


@pytest.fixture
def world(tui_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    """Ruth's conversation, Sam's and Lee's requests, the Tuesday circle."""
    return build(tui_store, tmp_path, Clock(monkeypatch))


def shown(pilot: Pilot[None], selector: str) -> str:
    """What a Static says now."""
    return str(pilot.app.screen.query_one(selector, Static).render())


def prompts(pilot: Pilot[None], selector: str) -> list[str]:
    """Every row of an option list, as plain text."""
    listing = pilot.app.screen.query_one(selector, OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def to_messages(pilot: Pilot[None]) -> None:
    """Unlock, wait for home's counts, press m."""
    from peerhaven.tui.screens.messages import MessagesScreen

    await unlock(pilot)
    await pilot.press("m")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, MessagesScreen))
    await settle(pilot)


async def to_conversation(pilot: Pilot[None]) -> None:
    """Messages, then Enter on Ruth's conversation (highlighted first)."""
    from peerhaven.tui.screens.conversation import ConversationScreen

    await to_messages(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConversationScreen))
    await settle(pilot)


async def to_requests(pilot: Pilot[None]) -> None:
    """Messages, then r."""
    from peerhaven.tui.screens.requests import RequestsScreen

    await to_messages(pilot)
    await pilot.press("r")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, RequestsScreen))
    await settle(pilot)


async def to_circle(pilot: Pilot[None]) -> None:
    """Messages, c, then Enter on the Tuesday circle."""
    from peerhaven.tui.screens.circle import CircleScreen

    await to_messages(pilot)
    await pilot.press("c")
    await settle(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CircleScreen))
    await settle(pilot)


async def test_home_counts_messages_requests_and_circle_posts(
    world: World, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await wait_until(pilot, lambda: "●" in shown(pilot, "#messages"))
        assert shown(pilot, "#messages") == "● 2 new · 2 requests · 1 in circles"


async def test_conversations_newest_first_with_unread_and_requests_row(
    world: World, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_messages(pilot)
        rows = prompts(pilot, "#conversations")
        assert rows[0].startswith("● Requests: 2 waiting")
        assert "curious-eagle-2257" in rows[1] and "2 new" in rows[1]
        assert "Thank you. Does a walk before bed help you?" in rows[1]
        assert len(rows) == 2  # a request's words show nowhere but in Requests


async def test_a_conversation_in_order_with_the_outbox_state_and_read_once_open(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.tui.screens.messages import MessagesScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_conversation(pilot)
        rows = prompts(pilot, "#chat-items")
        assert [row.split("\n")[1] for row in rows] == [
            "Hi, I saw your post about the nights. Me too. Can I message you?",
            "Of course. Nights are the hardest for me too.",
            "Thank you. Does a walk before bed help you?",
        ]
        assert rows[1].split("\n")[0] == "You · 16 Nov 10:30 · not sent yet"
        assert rows[0].split("\n")[0] == "curious-eagle-2257 · 16 Nov 10:00"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MessagesScreen))
        await settle(pilot)
        assert "new" not in prompts(pilot, "#conversations")[1].split("\n")[0].split("· as")[1]


async def test_a_request_is_folded_behind_its_warning_until_opened_then_accepted(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.store.dm import conversations, requests
    from peerhaven.tui.screens.conversation import ConversationScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_requests(pilot)
        # oldest first: Sam's (with its warning), then Lee's
        assert [row.split(" · ")[0] for row in prompts(pilot, "#requests")] == [
            pseudonym(world.sam),
            pseudonym(world.lee),
        ]
        detail = shown(pilot, "#request-detail")
        assert "▸ Folded: content warning “loss”. o opens it." in detail
        assert "My father died" not in detail
        assert "They say you met in night-owls." in detail
        await pilot.press("o")
        assert "My father died in March." in shown(pilot, "#request-detail")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        await settle(pilot)
        assert world.sam == app.screen.peer
    with open_store(Path(app.store_file or ""), PASSPHRASE) as store:
        assert world.sam in [row.peer for row in conversations(store)]
        assert world.sam not in [r.peer for r in requests(store)]


async def test_decline_and_block_asks_first_then_blocks_the_sender(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.store.dm import requests
    from peerhaven.store.filter_prefs import load_rules
    from peerhaven.tui.modals.confirm import ConfirmModal

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_requests(pilot)
        peer = app.screen._current()[1].peer  # type: ignore[attr-defined,index]
        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        body = str(app.screen.query_one(".body", Static).render())
        assert "They are not told." in body
        await pilot.press("escape")  # not now: nothing happens
        await settle(pilot)
        with open_store(Path(app.store_file or ""), PASSPHRASE) as store:
            assert peer in [r.peer for r in requests(store)]
        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#confirm")
        await settle(pilot)
        assert len(prompts(pilot, "#requests")) == 1
    with open_store(Path(app.store_file or ""), PASSPHRASE) as store:
        assert peer not in [r.peer for r in requests(store)]
        assert peer in load_rules(store).blocked


async def test_the_guard_runs_before_a_message_leaves(world: World, make_app: AppFactory) -> None:
    from peerhaven.tui.modals.guard import GuardModal
    from peerhaven.tui.screens.conversation import ConversationScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_conversation(pilot)
        await type_text(pilot, "Call me on 07700 900123 any time.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, GuardModal))
        summary = str(app.screen.query_one("#guard-summary", Static).render())
        assert "The person you write to could keep it" in summary
        await pilot.press("escape")  # edit it
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        area = app.screen.query_one("#chat-text", TextArea)
        assert area.selected_text == "07700 900123"
    assert outbox_kinds(Path(app.store_file or "")).count("dm") == 1  # only the earlier answer


async def test_report_says_what_it_reveals_and_queues_a_sealed_report(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.tui.modals.report import ReportModal

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_conversation(pilot)
        await pilot.press("ctrl+e")  # the newest message is Ruth's
        await wait_until(pilot, lambda: isinstance(app.screen, ReportModal))
        body = str(app.screen.query_one(".body", Static).render())
        assert "reveals exactly this message, and that curious-eagle-2257 sent it" in body
        assert "the moderators of night-owls" in body
        await type_text(pilot, "pressure to meet")
        await pilot.press("enter")
        await settle(pilot)
    assert "report" in outbox_kinds(Path(app.store_file or ""))


async def test_seen_is_off_until_chosen_for_this_conversation(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.store.dm import conversations

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_conversation(pilot)
        assert "They are not told when you read" in shown(pilot, "#chat-who")
        await pilot.press("ctrl+y")
        await settle(pilot)
        await wait_until(pilot, lambda: "They are told" in shown(pilot, "#chat-who"))
    with open_store(Path(app.store_file or ""), PASSPHRASE) as store:
        assert [row.seen for row in conversations(store)] == [True]


async def test_a_circle_shows_posts_members_and_an_invite_once(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.tui.modals.circle_forms import InviteCodeModal

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_circle(pilot)
        rows = prompts(pilot, "#chat-items")
        assert rows[0].startswith("You · 16 Nov 11:20")
        assert "Thank you for starting this." in rows[1]
        await pilot.press("m")
        assert [row.split(" · ")[0] for row in prompts(pilot, "#circle-members")] == [
            "trusty-orchid-8378",
            "curious-eagle-2257",
        ]
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, InviteCodeModal))
        assert "works once" in str(app.screen.query_one(".body", Static).render())
        assert app.screen.code.startswith("circle-")  # type: ignore[attr-defined]


async def test_removing_a_member_asks_first_and_says_the_key_changes(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.store.circles import circle_members
    from peerhaven.tui.modals.confirm import ConfirmModal

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_circle(pilot)
        await pilot.press("m")
        await pilot.press("down")
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        body = str(app.screen.query_one(".body", Static).render())
        assert "The circle's key changes" in body
        await pilot.click("#confirm")
        await settle(pilot)
        await wait_until(pilot, lambda: len(prompts(pilot, "#circle-members")) == 1)
    with open_store(Path(app.store_file or ""), PASSPHRASE) as store:
        assert [m.pubkey for m in circle_members(store, world.circle)] != []
        assert world.ruth not in [m.pubkey for m in circle_members(store, world.circle)]


async def test_a_circle_post_is_checked_sealed_and_queued(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.store.circles import circle_posts

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_circle(pilot)
        await pilot.press("r")  # a reply to Ruth's post (highlighted: the newest)
        await type_text(pilot, "Glad you are here.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: len(prompts(pilot, "#chat-items")) == 3)
        assert "↳ to curious-eagle-2257" in prompts(pilot, "#chat-items")[2]
    with open_store(Path(app.store_file or ""), PASSPHRASE) as store:
        posts = circle_posts(store, world.circle)
    assert posts[-1].text == "Glad you are here." and posts[-1].reply_to == posts[1].id
    assert "circle" in outbox_kinds(Path(app.store_file or ""))


async def test_search_finds_a_message_and_opens_its_conversation(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.tui.screens.conversation import ConversationScreen
    from peerhaven.tui.screens.search import SearchScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await type_text(pilot, "walk")
        await pilot.press("enter")
        await settle(pilot)
        rows = prompts(pilot, "#results")
        at = rows.index("Messages (1)")
        assert "with curious-eagle-2257" in rows[at + 1]
        assert "Sam" not in " ".join(rows) and "father" not in " ".join(rows)
        listing = app.screen.query_one("#results", OptionList)
        listing.highlighted = at + 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        assert app.screen.peer == world.ruth  # type: ignore[attr-defined]
