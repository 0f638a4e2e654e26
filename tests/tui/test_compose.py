"""Composing: autosave, quit, preview, the oversharing guard, the crisis offer, publishing
to the outbox, replies, observers, and drafts that reopen in the composer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, Input, Static, TextArea

from peerhaven.core.event import Event
from peerhaven.store import open_store
from peerhaven.store.drafts import Draft, list_drafts, save_draft
from peerhaven.store.paths import store_path
from peerhaven.store.settings import get_setting, set_setting
from peerhaven.sync.send import SAVED
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.crisis_offer import CrisisOfferModal
from peerhaven.tui.modals.guard import GuardModal
from peerhaven.tui.screens.compose import ComposeScreen
from peerhaven.tui.screens.drafts import DraftsScreen
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import settle, type_text, unlock, wait_until
from tests.tui.compose_helpers import OBSERVED, SLUG, prepare

AppFactory = Callable[..., PeerHavenApp]
PHONE = "07700 900123"
CRISIS = "I don't want to be here anymore."


@pytest.fixture
def parent(tui_store: Path) -> Event:
    """A joined community, an observed one, and a post to reply to."""
    return prepare(tui_store)


def drafts_on_disk() -> list[Draft]:
    with open_store(store_path(), PASSPHRASE) as store:
        return list_drafts(store)


def outbox_on_disk() -> list[Event]:
    with open_store(store_path(), PASSPHRASE) as store:
        rows = store.execute("SELECT event FROM outbox ORDER BY rowid").fetchall()
    return [Event.from_json(row[0]) for row in rows]


def crisis_prompt_on_disk() -> bool:
    with open_store(store_path(), PASSPHRASE) as store:
        return bool(get_setting(store, "crisis_prompt"))


async def open_compose(pilot: object, screen: ComposeScreen) -> ComposeScreen:
    """Unlock, push the composer and wait until it has loaded."""
    app = pilot.app  # type: ignore[attr-defined]
    await unlock(pilot)  # type: ignore[arg-type]
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.context is not None)  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]
    return screen


def composing_done(app: PeerHavenApp) -> bool:
    """Neither the composer nor one of its dialogs is showing."""
    return not isinstance(app.screen, ComposeScreen | GuardModal | CrisisOfferModal)


def status(screen: ComposeScreen) -> str:
    return str(screen.query_one("#compose-status", Static).render())


async def test_says_who_and_where_and_counts_against_the_limit(
    parent: Event, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compose(pilot, ComposeScreen(SLUG))
        where = str(screen.query_one("#compose-where", Static).render())
        assert where.startswith("Posting as ") and " in Grief support" in where
        assert screen.context is not None and screen.context.persona in where
        await type_text(pilot, "Thé")
        assert "3 characters (4 of 16,384 bytes" in status(screen)
        screen.query_one("#compose-text", TextArea).load_text("x" * 16_385)
        await pilot.pause()
        assert status(screen).startswith("Too long")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)  # refused before any check
    assert outbox_on_disk() == []


async def test_autosave_keeps_community_reply_and_warnings(
    parent: Event, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ComposeScreen, "AUTOSAVE_SECONDS", 0.1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compose(pilot, ComposeScreen(SLUG, reply_to=parent.id))
        await type_text(pilot, "Evenings are hard here too.")
        screen.query_one("#compose-cw", Input).value = " grief ,  loss,Grief, "
        await wait_until(
            pilot,
            lambda: (
                screen.draft is not None
                and screen.draft.cw == ("grief", "loss")
                and not screen.dirty
                and "Draft saved at" in status(screen)
            ),
        )
    [draft] = drafts_on_disk()
    assert (draft.community, draft.reply_to, draft.cw, draft.content) == (
        SLUG,
        parent.id,
        ("grief", "loss"),
        "Evenings are hard here too.",
    )


async def test_quit_and_lock_save_the_draft(parent: Event, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compose(pilot, ComposeScreen(SLUG))
        await type_text(pilot, "Written just before locking")
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: app.store is None and app._closer is not None)
        await settle(pilot)
        assert [d.content for d in drafts_on_disk()] == ["Written just before locking"]
        await unlock_again(pilot)
        assert app.screen is screen
        await type_text(pilot, ", and more before quitting")
        await app.action_quit()
    [draft] = drafts_on_disk()
    assert draft.content == "Written just before locking, and more before quitting"
    assert draft.community == SLUG


async def unlock_again(pilot: object) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    app.screen.query_one("#passphrase", Input).value = PASSPHRASE
    await pilot.press("enter")  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: isinstance(app.screen, ComposeScreen))  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]


async def test_escape_saves_and_closes(parent: Event, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compose(pilot, ComposeScreen(SLUG))
        await type_text(pilot, "Save me on the way out")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ComposeScreen))
    assert [d.content for d in drafts_on_disk()] == ["Save me on the way out"]


async def test_publish_lands_in_the_outbox_and_erases_the_draft(
    parent: Event, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compose(pilot, ComposeScreen(SLUG))
        await type_text(pilot, "Lighting a candle for everyone tonight.")
        screen.query_one("#compose-cw", Input).value = "grief"
        screen.save(closing=False)
        await wait_until(pilot, lambda: screen.draft is not None)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ComposeScreen))
        # no relay set up: the app tries at once, and says the outbox keeps it
        await wait_until(pilot, lambda: any(SAVED in n.message for n in app._notifications))
    [event] = outbox_on_disk()
    assert (event.kind, event.community, event.content) == (
        "post",
        SLUG,
        "Lighting a candle for everyone tonight.",
    )
    assert event.tag_values("cw") == ["grief"]
    assert drafts_on_disk() == []


async def test_a_reply_carries_reply_to_and_shows_the_post_folded(
    parent: Event, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compose(pilot, ComposeScreen(SLUG, reply_to=parent.id))
        shown = str(screen.query_one("#compose-parent", Static).render())
        assert "Folded: Content warning: grief." in shown and "mother" not in shown
        await pilot.press("ctrl+o")
        assert "mother" in str(screen.query_one("#compose-parent", Static).render())
        assert "Replying as" in str(screen.query_one("#compose-where", Static).render())
        assert screen.query_one("#compose-cw", Input).value == "grief"  # the post's warning
        await type_text(pilot, "Sending you warmth.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ComposeScreen))
    [event] = outbox_on_disk()
    assert event.parent == parent.id and event.root == parent.id
    assert event.tag_values("cw") == ["grief"]


async def test_preview_shows_the_fold_readers_see(parent: Event, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compose(pilot, ComposeScreen(SLUG))
        await type_text(pilot, "A hard anniversary today.")
        screen.query_one("#compose-cw", Input).value = "grief, anniversary"
        await pilot.press("ctrl+r")
        preview = str(screen.query_one("#compose-preview-text", Static).render())
        assert "Folded: Content warning: grief, anniversary." in preview
        assert "A hard anniversary today." in preview
        assert not screen.query_one("#compose-text", TextArea).display
        await pilot.press("ctrl+r")
        assert screen.query_one("#compose-text", TextArea).display


async def test_guard_edit_goes_back_to_the_first_finding(
    parent: Event, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compose(pilot, ComposeScreen(SLUG))
        await type_text(pilot, f"Thinking of you all.\nCall me on {PHONE} any time.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, GuardModal))
        guard = app.screen
        marked = str(guard.query_one("#guard-text", Static).render())
        assert f"[phone: {PHONE}]" in marked
        listed = str(guard.query_one("#guard-list", Static).render())
        assert "A phone number, on line 2" in listed
        await pilot.click("#edit")
        await wait_until(pilot, lambda: app.screen is screen)
        area = screen.query_one("#compose-text", TextArea)
        assert area.selected_text == PHONE and app.focused is area
    assert outbox_on_disk() == []


async def test_guard_publish_anyway_publishes(parent: Event, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compose(pilot, ComposeScreen(SLUG))
        await type_text(pilot, f"Call me on {PHONE} any time.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, GuardModal))
        await pilot.click("#publish")
        await wait_until(pilot, lambda: composing_done(app))
    assert [e.content for e in outbox_on_disk()] == [f"Call me on {PHONE} any time."]


async def test_crisis_offer_keep_editing_then_post_it(parent: Event, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_compose(pilot, ComposeScreen(SLUG))
        app.settings["country"] = "GB"
        await type_text(pilot, CRISIS)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, CrisisOfferModal))
        lines = str(app.screen.query_one("#crisis-offer-lines", Static).render())
        assert lines.startswith("If you are in immediate danger")
        assert "Samaritans" in lines and "Our moderators' warm line" in lines
        await pilot.click("#keep-editing")
        await wait_until(pilot, lambda: app.screen is screen)
        assert outbox_on_disk() == []
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, CrisisOfferModal))
        await pilot.click("#post")
        await wait_until(
            pilot, lambda: not isinstance(app.screen, CrisisOfferModal | ComposeScreen)
        )
    assert [e.content for e in outbox_on_disk()] == [CRISIS]
    assert crisis_prompt_on_disk() is True


async def test_crisis_offer_can_be_turned_off_and_never_blocks(
    parent: Event, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_compose(pilot, ComposeScreen(SLUG))
        await type_text(pilot, CRISIS)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, CrisisOfferModal))
        app.screen.query_one("#stop-offering", Checkbox).value = True
        await pilot.click("#post")
        await wait_until(
            pilot, lambda: not isinstance(app.screen, CrisisOfferModal | ComposeScreen)
        )
        await settle(pilot)
        assert app.settings["crisis_prompt"] is False
        await app.push_screen(ComposeScreen(SLUG))
        await wait_until(pilot, lambda: isinstance(app.screen, ComposeScreen))
        second = app.screen
        assert isinstance(second, ComposeScreen)
        await wait_until(pilot, lambda: second.context is not None)
        await settle(pilot)
        await type_text(pilot, CRISIS + " Still.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ComposeScreen))
        assert not isinstance(app.screen, CrisisOfferModal)
    assert [e.content for e in outbox_on_disk()] == [CRISIS, CRISIS + " Still."]
    assert crisis_prompt_on_disk() is False


async def test_an_observer_cannot_post(parent: Event, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compose(pilot, ComposeScreen(OBSERVED))
        where = str(screen.query_one("#compose-where", Static).render())
        assert "observing Quiet readers (reading only)" in where
        assert "press j on it in Browse (F7) to read its rules first." in where
        assert screen.query_one("#compose-text", TextArea).disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("cannot post there" in str(n.message) for n in app._notifications)
    assert outbox_on_disk() == []


async def test_a_community_draft_reopens_in_the_composer(
    parent: Event, make_app: AppFactory
) -> None:
    with open_store(store_path(), PASSPHRASE) as store:
        save_draft(store, "a plain note")
        reply = save_draft(store, "half a reply", community=SLUG, reply_to=parent.id, cw=["grief"])
        set_setting(store, "crisis_prompt", True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await settle(pilot)
        await pilot.press("enter")  # most recent first: the reply
        await wait_until(pilot, lambda: isinstance(app.screen, ComposeScreen))
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        await wait_until(pilot, lambda: screen.context is not None)
        await settle(pilot)
        assert screen.query_one("#compose-text", TextArea).text == "half a reply"
        assert screen.query_one("#compose-cw", Input).value == "grief"
        assert screen.reply_to == parent.id and screen.draft_id == reply.id
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ComposeScreen))
    assert [d.content for d in drafts_on_disk()] == ["a plain note"]
    [event] = outbox_on_disk()
    assert event.parent == parent.id and event.tag_values("cw") == ["grief"]


async def test_the_guard_marks_are_buttons_with_words(parent: Event, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compose(pilot, ComposeScreen(SLUG))
        await type_text(pilot, "write to jane.doe@example.org")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, GuardModal))
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == ["Edit it", "Publish anyway"]
        assert app.focused is app.screen.query_one("#edit")
        await pilot.press("escape")  # Esc means edit: nothing leaves
        await wait_until(pilot, lambda: isinstance(app.screen, ComposeScreen))
    assert outbox_on_disk() == []


def test_short_and_location_helpers() -> None:
    from peerhaven.tui.screens.checked_send import location
    from peerhaven.tui.screens.compose import short

    assert short("one\n\ntwo\nthree") == "one / two / three"
    assert short("a\nb\nc\nd") == "a / b / c …"
    assert short("word " * 100, limit=20) == "word word word word …"
    assert location("ab\ncdé\nf", 6) == (1, 3)
    assert location("abc", 0) == (0, 0)


async def test_search_opens_a_community_draft_in_the_composer(
    parent: Event, make_app: AppFactory
) -> None:
    with open_store(store_path(), PASSPHRASE) as store:
        draft = save_draft(store, "a post for the circle", community=SLUG)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await app.open_item("draft", draft.id)  # what Enter on a search result does
        await wait_until(pilot, lambda: isinstance(app.screen, ComposeScreen))
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        await wait_until(pilot, lambda: screen.context is not None)
        await settle(pilot)
        assert screen.query_one("#compose-text", TextArea).text == "a post for the circle"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))


async def test_drafts_stay_reachable_when_their_post_or_community_is_gone(
    parent: Event, make_app: AppFactory
) -> None:
    from peerhaven.tui.screens.draft_editor import DraftEditorScreen

    with open_store(store_path(), PASSPHRASE) as store:
        orphan = save_draft(store, "a reply to a vanished post", community=SLUG, reply_to="ab" * 32)
        left = save_draft(store, "for a circle I left", community="left-circle")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen = await open_compose_draft(pilot, orphan.id)
        note = str(screen.query_one("#compose-parent", Static).render())
        assert "no longer on this device" in note
        assert screen.query_one("#compose-text", TextArea).text == "a reply to a vanished post"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: any("no post" in str(n.message) for n in app._notifications)
        )
        assert isinstance(app.screen, ComposeScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))

        await app.open_item("draft", left.id)
        await wait_until(pilot, lambda: isinstance(app.screen, DraftEditorScreen))
        await settle(pilot)
        assert app.screen.query_one("#draft-text", TextArea).text == "for a circle I left"
    assert {d.content for d in drafts_on_disk()} == {
        "a reply to a vanished post",
        "for a circle I left",
    }
    assert outbox_on_disk() == []


async def open_compose_draft(pilot: object, draft_id: int) -> ComposeScreen:
    """Open a draft the way search does and wait for the composer to load it."""
    app = pilot.app  # type: ignore[attr-defined]
    await app.open_item("draft", draft_id)
    await wait_until(pilot, lambda: isinstance(app.screen, ComposeScreen))  # type: ignore[arg-type]
    screen = app.screen
    await wait_until(pilot, lambda: screen.context is not None)  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(screen, ComposeScreen)
    return screen
