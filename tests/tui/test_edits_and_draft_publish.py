"""Editing your own recent post from its thread (the same checks and crisis offer as a post,
and honest words about other devices), and publishing a draft written in Drafts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static, TextArea

from peerhaven.core import Event, Verifier, builders
from peerhaven.store import open_store
from peerhaven.store.drafts import save_draft
from peerhaven.store.edits import EDIT_REACH
from peerhaven.store.events import ingest
from peerhaven.store.paths import store_path
from peerhaven.store.personas import load_persona
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.crisis_offer import CrisisOfferModal
from peerhaven.tui.modals.draft_destination import DraftDestinationModal
from peerhaven.tui.screens.compose import ComposeScreen
from peerhaven.tui.screens.drafts import DraftsScreen
from peerhaven.tui.screens.thread import ThreadScreen
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW, settle, unlock, wait_until
from tests.tui.feed_world import SLUG, World, build

AppFactory = Callable[..., PeerHavenApp]
CRISIS = "I don't want to be here anymore."


@pytest.fixture
def world(tui_store: Path) -> tuple[World, Event]:
    """The feed world, plus a reply of mine written five minutes ago (still editable)."""
    world = build(tui_store)
    with open_store(tui_store, PASSPHRASE) as store:
        keys = load_persona(store, world.me).keys
        recent = builders.post(
            keys, SLUG, "Walking helps me a littel.", reply_to=world.evenings,
            created_at=NOW - 300,
        )  # fmt: skip
        with Verifier(1) as verifier:
            ingest(store, [recent], verifier)
    return world, recent


def query(sql: str, *args: object) -> list[tuple[object, ...]]:
    with open_store(store_path(), PASSPHRASE) as store:
        return [tuple(row) for row in store.execute(sql, args).fetchall()]


def notes(app: PeerHavenApp) -> list[str]:
    return [n.message for n in app._notifications]


def row_text(screen: ThreadScreen, post_id: str) -> str:
    posts = screen.query_one("#posts", OptionList)
    prompt = posts.get_option_at_index(posts.get_option_index(post_id)).prompt
    return str(getattr(prompt, "renderable", prompt))


async def open_thread(pilot: object, root: str) -> ThreadScreen:
    app = pilot.app  # type: ignore[attr-defined]
    await unlock(pilot)  # type: ignore[arg-type]
    await app.push_screen(ThreadScreen(root))
    await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, ThreadScreen)
    return screen


async def press_on(pilot: object, screen: ThreadScreen, post_id: str, key: str) -> None:
    posts = screen.query_one("#posts", OptionList)
    posts.highlighted = posts.get_option_index(post_id)
    await pilot.press(key)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_edit_your_recent_reply_from_its_thread(
    world: tuple[World, Event], make_app: AppFactory
) -> None:
    feed, recent = world
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        thread = await open_thread(pilot, feed.evenings.id)
        await press_on(pilot, thread, feed.reply.id, "e")
        assert isinstance(app.screen, ThreadScreen)
        assert "You can only edit your own posts; r replies to this one." in notes(app)
        await press_on(pilot, thread, feed.mine.id, "e")
        assert isinstance(app.screen, ThreadScreen)
        assert any("edited for 15 minutes" in note for note in notes(app))
        await press_on(pilot, thread, recent.id, "e")
        await wait_until(pilot, lambda: isinstance(app.screen, ComposeScreen))
        compose = app.screen
        assert isinstance(compose, ComposeScreen)
        await wait_until(pilot, lambda: compose.context is not None)
        await settle(pilot)
        where = str(compose.query_one("#compose-where", Static).render())
        assert where.startswith("Editing your reply as ")
        area = compose.query_one("#compose-text", TextArea)
        assert area.text == "Walking helps me a littel."
        status = str(compose.query_one("#compose-status", Static).render())
        assert "Editable until" in status and EDIT_REACH in status
        area.load_text("Walking helps me a little.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        assert any(EDIT_REACH in note for note in notes(app))
        await wait_until(pilot, lambda: "edited" in row_text(thread, recent.id))
        assert "Walking helps me a little." in row_text(thread, recent.id)
    edits = query("SELECT e.content FROM outbox o JOIN events e ON e.id = o.event_id")
    assert ("Walking helps me a little.",) in edits
    assert query("SELECT count(*) FROM drafts") == [(0,)]


async def test_an_edit_gets_the_same_crisis_offer_as_a_post(
    world: tuple[World, Event], make_app: AppFactory
) -> None:
    _, recent = world
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        compose = ComposeScreen(SLUG, edit_of=recent.id)
        await app.push_screen(compose)
        await wait_until(pilot, lambda: compose.context is not None)
        await settle(pilot)
        compose.query_one("#compose-text", TextArea).load_text(CRISIS)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, CrisisOfferModal))
        await pilot.click("#keep-editing")
        await wait_until(pilot, lambda: app.screen is compose)
        assert query("SELECT count(*) FROM events WHERE kind = 'edit'") == [(0,)]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, CrisisOfferModal))
        await pilot.click("#post")
        await wait_until(
            pilot, lambda: not isinstance(app.screen, CrisisOfferModal | ComposeScreen)
        )
    assert query("SELECT content FROM events WHERE kind = 'edit'") == [(CRISIS,)]


async def test_a_draft_from_drafts_is_published_where_you_choose(
    world: tuple[World, Event], make_app: AppFactory
) -> None:
    feed, _ = world
    with open_store(store_path(), PASSPHRASE) as store:
        draft = save_draft(store, "A lamp helped me too.")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await settle(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftDestinationModal))
        modal = app.screen
        assert isinstance(modal, DraftDestinationModal)
        places = [(d.slug, d.reply_to) for d in modal.destinations]
        assert places[0] == (SLUG, None) and (SLUG, feed.evenings.id) in places
        options = modal.query_one("#destinations", OptionList)
        options.highlighted = places.index((SLUG, feed.evenings.id))
        await pilot.click("#choose")
        await wait_until(pilot, lambda: isinstance(app.screen, ComposeScreen))
        compose = app.screen
        assert isinstance(compose, ComposeScreen)
        await wait_until(pilot, lambda: compose.context is not None)
        await settle(pilot)
        where = str(compose.query_one("#compose-where", Static).render())
        assert where.startswith("Replying as ")
        assert compose.query_one("#compose-text", TextArea).text == "A lamp helped me too."
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))
    assert query("SELECT count(*) FROM drafts WHERE id = ?", draft.id) == [(0,)]
    assert query(
        "SELECT parent FROM events WHERE kind = 'post' AND content = 'A lamp helped me too.'"
    ) == [(feed.evenings.id,)]


async def test_words_are_kept_when_the_edit_window_closes_while_writing(
    world: tuple[World, Event], make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, recent = world
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        compose = ComposeScreen(SLUG, edit_of=recent.id)
        await app.push_screen(compose)
        await wait_until(pilot, lambda: compose.context is not None)
        await settle(pilot)
        compose.query_one("#compose-text", TextArea).load_text("Walking helps, slowly.")
        monkeypatch.setattr("peerhaven.store.clock.now", lambda: NOW + 1000)  # 20 min later
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ComposeScreen))
        assert any("nothing was published" in note for note in notes(app))
    assert query("SELECT count(*) FROM events WHERE kind = 'edit'") == [(0,)]
    assert query("SELECT content, community, reply_to FROM drafts") == [
        ("Walking helps, slowly.", SLUG, recent.id)
    ]


async def test_an_edit_is_never_autosaved_as_a_draft(
    world: tuple[World, Event], make_app: AppFactory
) -> None:
    """The composer says "not kept as a draft"; its autosave tick must not make one."""
    _, recent = world
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        compose = ComposeScreen(SLUG, edit_of=recent.id)
        await app.push_screen(compose)
        await wait_until(pilot, lambda: compose.context is not None)
        await settle(pilot)
        compose.query_one("#compose-text", TextArea).load_text("Walking helps me a little.")
        await settle(pilot)
        assert compose.dirty
        compose.autosave()  # what the timer does every few seconds
        await settle(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ComposeScreen))
    assert query("SELECT count(*) FROM drafts") == [(0,)]
