"""The moderators' queue, the moderation log and the filters screen, driven like a person would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static, Switch

from peerhaven.core import builders
from peerhaven.core.event import Event
from peerhaven.core.persona import pseudonym
from peerhaven.safety.filters import Action
from peerhaven.store import open_store
from peerhaven.store.filter_prefs import block, load_rules, mute, set_cw_policy
from peerhaven.store.held import held_posts, replace_held
from peerhaven.store.mod_queue import mod_queue
from peerhaven.store.personas import list_personas, load_persona
from peerhaven.sync.send import SAVED
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.moderation import ModerationModal
from peerhaven.tui.screens.filters import FiltersScreen
from peerhaven.tui.screens.mod_log import ModLogScreen
from peerhaven.tui.screens.mod_queue import ModQueueScreen
from tests.fixtures.moderation import AUTHOR_A, AUTHOR_B, SLUG, World, moderated_store
from tests.fixtures.moderation import past_moderation as add_past_moderation
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW, settle, type_text, unlock, wait_until

AppFactory = Callable[..., PeerHavenApp]


@pytest.fixture
def world(tui_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    """The device's persona moderates gentle-space, with four real sealed reports waiting."""
    monkeypatch.setattr("peerhaven.store.filter_prefs.now", lambda: NOW)
    with open_store(tui_store, PASSPHRASE) as store:
        return moderated_store(store, tmp_path, monkeypatch, NOW)


@pytest.fixture
def member_world(tui_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    """The same community, but the device's persona is a plain member."""
    with open_store(tui_store, PASSPHRASE) as store:
        return moderated_store(store, tmp_path, monkeypatch, NOW, moderator=False)


def _queue_text(app: PeerHavenApp) -> str:
    option_list = app.screen.query_one("#queue", OptionList)
    return "\n".join(
        str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)
    )


async def _open_queue(pilot: object, app: PeerHavenApp) -> None:
    await unlock(pilot)  # type: ignore[arg-type]
    await app.push_screen(ModQueueScreen(SLUG))
    await settle(pilot)  # type: ignore[arg-type]


async def test_queue_groups_reports_per_post_and_folds_warned_posts(
    world: World, tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_queue(pilot, app)
        text = _queue_text(app)
        assert "● 2 open reports · post by " + pseudonym(AUTHOR_A.pubkey) in text
        assert "Mocks people who are still grieving." in text
        assert "Unkind to everyone in mourning here." in text
        assert "Content warning: self-harm. Press v to read the post." in text
        assert "Here is exactly what I took" not in text, "a warned post stays folded"
        summary = str(app.screen.query_one("#queue-summary", Static).render())
        assert "3 posts with 4 open reports" in summary
        # the letters named are the keys bound (a capital would mean Shift, which does nothing)
        assert "a shows handled reports. Keys: h hide · r restore · b ban · u unban" in summary
        assert "· v read · Ctrl+R refresh · l log." in summary
        app.screen.query_one("#queue", OptionList).highlighted = 2
        await pilot.press("v")
        assert "Here is exactly what I took" in _queue_text(app)


async def test_hiding_from_the_queue_hides_the_post_in_the_store(
    world: World, tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    cruel = world.posts["cruel"].id
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_queue(pilot, app)
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, ModerationModal))
        await type_text(pilot, "Rule 1: be kind")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ModQueueScreen))
        await settle(pilot)
        assert "Mocks people who are still grieving." not in _queue_text(app)
        await pilot.press("a")
        await settle(pilot)
        assert "✓ Handled: hid the post, by" in _queue_text(app)
        queue = app.screen.query_one("#queue", OptionList)
        queue.highlighted = next(
            i
            for i in range(queue.option_count)
            if "Handled: hid the post" in str(queue.get_option_at_index(i).prompt)
        )
        await pilot.press("h")  # once more: the words name the key that undoes it, as bound
        await settle(pilot)
        notes = [str(note.message) for note in app._notifications]
        assert "That post is already hidden; r restores it." in notes
    with open_store(tui_store, PASSPHRASE) as store:
        hidden, action, reason = store.execute(
            "SELECT e.hidden, m.action, (SELECT tags FROM events WHERE id = m.event_id)"
            " FROM events e JOIN moderation m ON m.target = e.id WHERE e.id = ?",
            (cruel,),
        ).fetchone()
        assert hidden & 1 and action == "hide" and "Rule 1: be kind" in reason
        queued = store.execute("SELECT count(*) FROM outbox").fetchone()[0]
        assert queued >= 1, "the signed action waits in the outbox for the relays"


async def test_cancelling_a_ban_signs_nothing_and_confirming_bans(
    world: World, tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_queue(pilot, app)
        app.screen.query_one("#queue", OptionList).highlighted = 1  # selling, by author B
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ModerationModal))
        body = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "hides everything this persona has written" in body
        assert "relays refuse their new posts" in body
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ModQueueScreen))
        with open_store(tui_store, PASSPHRASE) as store:
            assert store.execute("SELECT count(*) FROM moderation").fetchone()[0] == 0
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ModerationModal))
        app.screen.query_one("#reason", Input).value = "Selling medication"
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: isinstance(app.screen, ModQueueScreen))
        await settle(pilot)
        text = _queue_text(app)
        assert "Selling medication to members." not in text
        assert "Describes how much was taken" not in text, "a ban handles the author's reports"
        with open_store(tui_store, PASSPHRASE) as store:
            row = store.execute(
                "SELECT action FROM moderation WHERE target = ?", (AUTHOR_B.pubkey,)
            ).fetchone()
            assert row == ("ban",)
        await pilot.press("a")
        await settle(pilot)
        queue = app.screen.query_one("#queue", OptionList)
        queue.highlighted = next(
            i for i, item in enumerate(app.screen.items) if item.author == AUTHOR_B.pubkey
        )
        assert "author banned" in _queue_text(app)
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, ModerationModal))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ModQueueScreen))
        await settle(pilot)
        assert "author banned" not in _queue_text(app)
    with open_store(tui_store, PASSPHRASE) as store:
        row = store.execute(
            "SELECT action FROM moderation WHERE target = ?", (AUTHOR_B.pubkey,)
        ).fetchone()
        assert row == ("unban",)


async def test_dismissing_takes_the_item_out_of_the_queue(
    world: World, tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_queue(pilot, app)
        await pilot.press("d")
        await settle(pilot)
        assert "Mocks people who are still grieving." not in _queue_text(app)
    with open_store(tui_store, PASSPHRASE) as store:
        targets = [i.target for i in mod_queue(store, SLUG)]
        assert world.posts["cruel"].id not in targets and len(targets) == 2
        assert store.execute("SELECT count(*) FROM moderation").fetchone()[0] == 0


async def test_refresh_without_a_sync_reads_what_is_on_the_device(
    world: World, tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_queue(pilot, app)
        with open_store(tui_store, PASSPHRASE) as store:
            from peerhaven.store.mod_queue import dismiss_reports

            dismiss_reports(store, [r.id for r in world.reports["selling"]])
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "Selling medication to members." not in _queue_text(app)


async def test_refresh_reloads_the_queue_only_once_its_sync_has_ended(
    world: World, tui_store: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+R runs the app's real sync and reloads when that sync ends, not before (the
    queue took ``start_sync``'s True for a worker and reloaded at once)."""
    app = make_app()
    loads: list[bool] = []
    original = ModQueueScreen.load

    def load(screen: ModQueueScreen) -> object:
        loads.append(app.syncing)
        return original(screen)

    monkeypatch.setattr(ModQueueScreen, "load", load)
    ended: list[bool] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_queue(pilot, app)
        await wait_until(pilot, lambda: app.sync_store is not None)
        await wait_until(pilot, lambda: not app.syncing)
        app.sync_changed.subscribe(app, lambda state: ended.append(not state.running))
        loads.clear()
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: bool(loads))
        await settle(pilot)
        assert ended and ended[-1], "a real sync ran and ended"
        assert loads == [False], "reloaded once, after the sync, never during it"


async def test_first_posts_waiting_for_approval_are_approved_or_declined(
    world: World, tui_store: Path, make_app: AppFactory
) -> None:
    waiting = builders.post(
        AUTHOR_B, SLUG, "Hello, I am new here and a bit nervous.", created_at=NOW - 3600
    )
    doubtful = builders.post(
        AUTHOR_B, SLUG, "Visit my shop for miracle cures.", created_at=NOW - 1800
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_queue(pilot, app)
        assert not app.screen.query_one("#held").display, "nothing waits: no section"
        await app.pop_screen()
        app.store_call(replace_held, "http://relay.test", SLUG, [waiting, doubtful])
        await app.push_screen(ModQueueScreen(SLUG))
        await settle(pilot)
        assert app.screen.query_one("#held").display
        held = app.screen.query_one("#held-list", OptionList)
        assert "Hello, I am new here" in str(held.get_option_at_index(0).prompt)
        held.focus()
        await pilot.press("y")
        assert isinstance(app.screen, ModerationModal)
        await pilot.press("escape")  # cancelled: nothing signed
        await settle(pilot)
        assert len(app.store_call(held_posts, SLUG)) == 2
        await pilot.press("y")
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: len(app.store_call(held_posts, SLUG)) == 1)
        await settle(pilot)
        await pilot.press("n")
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: not app.store_call(held_posts, SLUG))
        await settle(pilot)
        assert not app.screen.query_one("#held").display
    with open_store(tui_store, PASSPHRASE) as store:
        rows = store.execute("SELECT o.event FROM outbox o ORDER BY o.rowid").fetchall()
        decisions = {}
        for (body,) in rows:
            event = Event.from_json(body)
            if event.kind == "moderate":
                decisions[event.target] = event.content
    assert decisions == {waiting.id: "restore", doubtful.id: "hide"}


async def test_a_community_you_have_not_joined_says_so(world: World, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await app.push_screen(ModQueueScreen("elsewhere"))
        await settle(pilot)
        summary = str(app.screen.query_one("#queue-summary", Static).render())
        assert summary.startswith("You have not joined 'elsewhere'")


async def test_a_member_who_does_not_moderate_reads_a_sentence(
    member_world: World, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_queue(pilot, app)
        summary = str(app.screen.query_one("#queue-summary", Static).render())
        assert summary.startswith(f"Only the owner and the moderators of {SLUG} see its reports")
        assert not app.screen.query_one("#queue", OptionList).display
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, ModQueueScreen), "no action is offered to a non-moderator"


async def test_the_log_reads_in_words_and_pages(
    world: World, tui_store: Path, make_app: AppFactory
) -> None:
    with open_store(tui_store, PASSPHRASE) as store:
        me = load_persona(store, list_personas(store)[0].pubkey)
        add_past_moderation(store, world, NOW, me=me.keys)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await app.push_screen(ModLogScreen(SLUG, page_size=3))
        await settle(pilot)
        log = app.screen.query_one("#log", OptionList)
        first = [str(log.get_option_at_index(i).prompt) for i in range(log.option_count)]
        assert first[0].startswith(
            f"Restored a post by {pseudonym(AUTHOR_B.pubkey)} — 2 hours ago, by moderator "
            f"{me.pseudonym}"
        )
        assert "Reason: Shared by mistake; the author apologised" in first[0]
        assert str(log.border_subtitle) == "Entries 1–3 · N older"
        await pilot.press("n")
        await settle(pilot)
        older = [str(log.get_option_at_index(i).prompt) for i in range(log.option_count)]
        assert len(older) == 1 and older[0].startswith("Hid a post by")
        assert "3 days ago, by the owner" in older[0]
        await pilot.press("p")
        await settle(pilot)
        assert log.option_count == 3


async def test_the_queue_opens_the_log(world: World, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_queue(pilot, app)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, ModLogScreen)
        log = app.screen.query_one("#log", OptionList)
        assert str(log.get_option_at_index(0).prompt) == f"No moderation in {SLUG} so far."


# -- safety and filters -------------------------------------------------------------------


async def test_settings_opens_filters_and_changes_reach_the_rules(
    world: World, tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, FiltersScreen)
        hints = [str(hint.render()) for hint in app.screen.query(".hint").results(Static)]
        assert "On a highlighted label: s show, c collapse, h hide, d back to the default." in hints
        assert any(hint.endswith("content warnings. Press u to unmute.") for hint in hints)
        assert any(hint.endswith("on this device. Press u to unblock.") for hint in hints)
        assert app.screen.query_one("#mute-word", Input).placeholder.endswith("(m)")
        labels = app.screen.query_one("#labels", OptionList)
        assert "self-harm — follows each community's default" in str(
            labels.get_option_at_index(0).prompt
        )
        labels.focus()
        await pilot.press("h")
        await settle(pilot)
        app.screen.query_one("#defaults", OptionList).focus()
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert app.screen.query_one("#gently", Switch).value
        await pilot.press("m")
        await type_text(pilot, "relapse")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#mute-word", Input).value == ""
        mutes = app.screen.query_one("#mutes", OptionList)
        assert str(mutes.get_option_at_index(0).prompt) == "word “relapse” — for good"
        assert app.settings["go_gently"] is True
        await pilot.press("escape")
        await settle(pilot)
        from peerhaven.tui.screens.settings import SettingsScreen

        assert isinstance(app.screen, SettingsScreen), "Esc leads back to Settings"
    with open_store(tui_store, PASSPHRASE) as store:
        rules = load_rules(store)
    assert rules.cw_policy == {"self-harm": Action.HIDE}
    assert rules.community_defaults == {SLUG: Action.SHOW}
    assert rules.go_gently
    assert [m.value for m in rules.muted_words] == ["relapse"]


async def test_unmute_unblock_and_forget_a_choice(
    world: World, tui_store: Path, make_app: AppFactory
) -> None:
    with open_store(tui_store, PASSPHRASE) as store:
        mute(store, "word", "anniversary", "week")
        mute(store, "persona", AUTHOR_A.pubkey, "day")
        block(store, AUTHOR_B.pubkey)
        set_cw_policy(store, "self-harm", "hide")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, FiltersScreen)
        mutes = app.screen.query_one("#mutes", OptionList)
        lines = [str(mutes.get_option_at_index(i).prompt) for i in range(mutes.option_count)]
        assert lines == [
            "word “anniversary” — until Mon 23 Nov, 12:00 (in 7 days)",
            f"persona {pseudonym(AUTHOR_A.pubkey)} — until Tue 17 Nov, 12:00 (in 1 day)",
        ]
        mutes.focus()
        mutes.highlighted = 1
        await pilot.press("u")
        await settle(pilot)
        blocks = app.screen.query_one("#blocks", OptionList)
        assert pseudonym(AUTHOR_B.pubkey) in str(blocks.get_option_at_index(0).prompt)
        blocks.focus()
        await pilot.press("u")
        await settle(pilot)
        assert str(blocks.get_option_at_index(0).prompt) == "Nobody blocked."
        labels = app.screen.query_one("#labels", OptionList)
        assert "self-harm — hide (your choice)" in str(labels.get_option_at_index(0).prompt)
        labels.focus()
        await pilot.press("d")
        await settle(pilot)
        assert "follows each community's default" in str(labels.get_option_at_index(0).prompt)
    with open_store(tui_store, PASSPHRASE) as store:
        rules = load_rules(store)
    assert [m.value for m in rules.muted_words] == ["anniversary"]
    assert rules.muted_personas == () and rules.blocked == frozenset()
    assert rules.cw_policy == {}


async def test_an_empty_mute_is_refused_and_nothing_is_lost(
    world: World, tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await app.push_screen(FiltersScreen())
        await settle(pilot)
        app.screen.query_one("#mute-word", Input).focus()
        await pilot.pause()
        await type_text(pilot, "   ")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#mute-word", Input).value == "   "
    with open_store(tui_store, PASSPHRASE) as store:
        assert load_rules(store).muted_words == ()


@pytest.mark.parametrize("with_relay", [False, True], ids=["no-relay", "a-relay"])
async def test_hiding_says_truthfully_that_no_relay_has_it(
    world: World, tui_store: Path, make_app: AppFactory, with_relay: bool
) -> None:
    from peerhaven.store.relays import add_relay, relay_urls
    from tests.fixtures.relay import free_port

    with open_store(tui_store, PASSPHRASE) as store:
        assert relay_urls(store) == []
        if with_relay:  # nothing listens there: the sync starts, and its own note says it failed
            add_relay(store, f"http://127.0.0.1:{free_port()}")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_queue(pilot, app)
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, ModerationModal))
        body = " ".join(str(part.render()) for part in app.screen.query(Static))
        assert "straight away" in body and "next syncs" in body
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ModQueueScreen))
        # "Sending…" at once, then the truth: no relay answered, so the outbox keeps it
        await wait_until(pilot, lambda: any(n.title == "Hidden" for n in app._notifications))
        await wait_until(pilot, lambda: any(SAVED in n.message for n in app._notifications))
        said = [n.message for n in app._notifications if n.title == "Hidden"]
        assert said == [SAVED], said
        assert not any("Sent" in n.message for n in app._notifications)
