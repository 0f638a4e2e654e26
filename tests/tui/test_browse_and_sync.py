"""Browse, join, observe and leave against a real relay; sync in the app, live and stoppable."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, OptionList, Static

from peerhaven.store import open_store
from peerhaven.store.communities import memberships
from peerhaven.store.drafts import list_drafts
from peerhaven.store.events import count_events
from peerhaven.store.outbox import pending_count
from peerhaven.store.paths import store_path
from peerhaven.store.relays import add_relay, relay_statuses
from peerhaven.sync import RelayClient, Syncer
from peerhaven.sync import engine as sync_engine
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.confirm import ConfirmModal
from peerhaven.tui.modals.rules import RulesModal
from peerhaven.tui.screens.browse import BrowseScreen
from peerhaven.tui.screens.home import HomeScreen
from peerhaven.tui.screens.unlock import UnlockScreen
from peerhaven.tui.syncing import SyncState
from tests.fixtures.relay import RelayLauncher, RelayProcess, free_port
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import settle, unlock, wait_until
from tests.sync.helpers import publish_many

AppFactory = Callable[..., PeerHavenApp]
RULES = ("Be gentle with each other.", "No medical advice; share experience.")


def make_community(data: Path, slug: str, name: str, rules: tuple[str, ...] = RULES) -> None:
    """The operator's CLI: a community with a description and rules."""
    rules_file = data.parent / f"{slug}-rules.txt"
    rules_file.write_text("\n".join(rules) + "\n")
    subprocess.run(
        [sys.executable, "-m", "peerhaven", "relay", "community", "create", slug,
         "--data", str(data), "--name", name, "--description", f"A place for {name.lower()}.",
         "--rules-file", str(rules_file)],
        check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def relay(tmp_path: Path, relay_process: RelayLauncher) -> RelayProcess:
    """A relay with two communities, no rate limit on posting."""
    data = tmp_path / "relay-data"
    make_community(data, "night-owls", "Night owls")
    make_community(data, "grief-circle", "Grief circle")
    return relay_process(data_dir=data, args=["--pubkey-rate", "0"])


def with_relays(*urls: str) -> None:
    """Add relays to the test's store (closed again before the app opens it)."""
    with open_store(store_path(), PASSPHRASE) as store:
        for url in urls:
            add_relay(store, url)


def joined(slug: str, *, observer: bool = False) -> None:
    """Browse and join straight through the store, as the CLI would."""
    from peerhaven.store.communities import join

    with open_store(store_path(), PASSPHRASE) as store, Syncer(store) as syncer:
        for url in [r.url for r in relay_statuses(store)]:
            syncer.browse(url)
        join(store, slug, observer=observer)


def on_disk() -> Iterator[Any]:
    """A fresh connection to the store file, as another process would see it."""
    return open_store(store_path(), PASSPHRASE)  # type: ignore[return-value]


def posts_on_disk(slug: str) -> int:
    with open_store(store_path(), PASSPHRASE) as store:
        return count_events(store, kind="post", community=slug)


async def open_browse(pilot: Pilot[None], *, held_sync: bool = False) -> BrowseScreen:
    app = pilot.app
    await pilot.press("b")
    await wait_until(pilot, lambda: isinstance(app.screen, BrowseScreen))
    await wait_until(pilot, lambda: bool(app.screen.listings))  # type: ignore[attr-defined]
    await (settle_except_sync(pilot) if held_sync else settle(pilot))
    assert isinstance(app.screen, BrowseScreen)
    return app.screen


async def join_as_the_default(pilot: Pilot[None]) -> None:
    """After the rules: Enter takes the default (a new persona)."""
    from peerhaven.tui.modals.join_persona import JoinPersonaModal

    await wait_until(pilot, lambda: isinstance(pilot.app.screen, JoinPersonaModal))
    await pilot.pause()  # not settle: a sync held by the test must stay held
    await pilot.press("enter")


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def communities_text(screen: Any) -> str:
    """Home's community list, one option per community."""
    options = screen.query_one("#communities", OptionList)
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )


def highlight(screen: BrowseScreen, slug: str) -> None:
    slugs = [item.slug for item in screen.listings]
    screen.query_one("#offers", OptionList).highlighted = slugs.index(slug)


# -- browsing ------------------------------------------------------------------------------


async def test_browse_asks_the_relays_and_shows_each_community(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess
) -> None:
    with_relays(relay.url)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        browse = await open_browse(pilot)
        assert [item.name for item in browse.listings] == ["Grief circle", "Night owls"]
        assert "every relay answered" in text_of(browse, "#browse-status")
        highlight(browse, "night-owls")
        await pilot.pause()
        detail = text_of(browse, "#offer-detail")
        assert "A place for night owls." in detail
        assert "2 rules; press g to read them." in detail
        assert f"Carried by: {relay.url}" in detail
        assert (
            "Not joined. Press j to join (rules first) or o to observe it without joining."
            in detail
        )

        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, RulesModal))
        await settle(pilot)
        rules = text_of(app.screen, "#rules-body")
        assert "1. Be gentle with each other." in rules and "2. No medical advice" in rules
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, BrowseScreen))
    with open_store(store_path(), PASSPHRASE) as store:
        assert memberships(store) == [], "reading the rules joins nothing"


async def test_offline_shows_what_was_seen_last_and_says_so(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess
) -> None:
    with_relays(relay.url)
    joined("night-owls")  # offers on record from an earlier browse
    relay.stop()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        browse = await open_browse(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: "Offline" in text_of(browse, "#browse-status"))
        await settle(pilot)
        status = text_of(browse, "#browse-status")
        assert "what was seen last" in status and "could not be reached" in status
        assert [item.slug for item in browse.listings] == ["grief-circle", "night-owls"]
        assert browse.listings[1].joined


# -- joining, observing, leaving -----------------------------------------------------------


async def test_join_needs_the_rules_agreed_then_fetches_its_posts(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess
) -> None:
    with_relays(relay.url)
    published = publish_many(relay.url, "night-owls", 30)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        browse = await open_browse(pilot)
        highlight(browse, "night-owls")

        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, RulesModal))
        await settle(pilot)
        await pilot.click("#decline")
        await wait_until(pilot, lambda: isinstance(app.screen, BrowseScreen))
        await settle(pilot)
        with open_store(store_path(), PASSPHRASE) as store:
            assert memberships(store) == [], "declining the rules joins nothing"

        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, RulesModal))
        await wait_until(pilot, lambda: not app.screen.query_one("#agree", Button).disabled)
        await pilot.click("#agree")
        await join_as_the_default(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "Open Night owls now?" in text_of(app.screen, ".title")
        await wait_until(pilot, lambda: not app.syncing)
        await pilot.click("#cancel")  # stay here
        await settle(pilot)
        assert browse.listings[1].joined and not browse.listings[1].observer
    with open_store(store_path(), PASSPHRASE) as store:
        [member] = memberships(store)
        assert member.slug == "night-owls" and member.rules_accepted_at is not None
        assert count_events(store, kind="post", community="night-owls") == len(published)


@pytest.mark.parametrize("as_existing", [False, True], ids=["new-persona", "existing-persona"])
async def test_join_asks_who_to_be_a_new_persona_by_default_or_one_you_have(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess, as_existing: bool
) -> None:
    from peerhaven.store.join_persona import WHY_NEW
    from peerhaven.store.personas import list_personas
    from peerhaven.tui.modals.join_persona import JoinPersonaModal

    with_relays(relay.url)
    with open_store(store_path(), PASSPHRASE) as store:
        [mine] = list_personas(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        browse = await open_browse(pilot)
        highlight(browse, "night-owls")
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, RulesModal))
        await wait_until(pilot, lambda: not app.screen.query_one("#agree", Button).disabled)
        await pilot.click("#agree")
        await wait_until(pilot, lambda: isinstance(app.screen, JoinPersonaModal))
        await settle(pilot)
        choices = app.screen.query_one("#join-as", OptionList)
        first = str(choices.get_option_at_index(0).prompt)
        assert "A new persona (recommended)" in first and WHY_NEW in first
        assert choices.highlighted == 0, "the default is highlighted"
        assert mine.pseudonym in str(choices.get_option_at_index(1).prompt)
        if as_existing:
            await pilot.press("down")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        said = [note.message for note in app._notifications]
        await wait_until(pilot, lambda: not app.syncing)
        await pilot.click("#cancel")
        await settle(pilot)
    with open_store(store_path(), PASSPHRASE) as store:
        [member] = memberships(store)
        personas = list_personas(store)
    if as_existing:
        assert member.persona == mine.pubkey and len(personas) == 1
        assert not any(WHY_NEW in text for text in said)
    else:
        assert member.persona != mine.pubkey and len(personas) == 2
        assert any("a new persona" in text and WHY_NEW in text for text in said)


async def test_observing_publishes_nothing_and_can_become_a_join(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess
) -> None:
    from peerhaven.store.errors import BadInput
    from peerhaven.store.publish import publish_post

    with_relays(relay.url)
    publish_many(relay.url, "grief-circle", 5)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        browse = await open_browse(pilot)
        highlight(browse, "grief-circle")
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        said = text_of(app.screen, ".body")
        assert "you publish nothing there, so no persona of yours appears" in said
        assert "relays see this device ask for them" in said  # what is true, said
        assert "You can join properly later (press j)" in said  # the key as bound
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: "Open Grief circle now?" in text_of(app.screen, ".title"))
        await wait_until(pilot, lambda: not app.syncing)
        await pilot.click("#cancel")
        await settle(pilot)
        assert browse.listings[0].observer
        assert "reading only" in text_of(browse, "#offer-detail")

        with open_store(store_path(), PASSPHRASE) as store:
            assert count_events(store, kind="post", community="grief-circle") == 5
            with pytest.raises(BadInput):
                publish_post(store, "grief-circle", "hello")
            assert pending_count(store) == 0
            [observer] = memberships(store)
        with RelayClient(relay.url) as client:
            served = client.pull("grief-circle", None, 100, None).events
        assert len(served) == 6  # the definition and five posts
        assert all(event["pubkey"] != observer.persona for event in served), "nothing of ours"

        # join properly later: rules first, same list entry
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, RulesModal))
        await wait_until(pilot, lambda: not app.screen.query_one("#agree", Button).disabled)
        await pilot.click("#agree")
        await join_as_the_default(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await wait_until(pilot, lambda: not app.syncing)
        await pilot.click("#cancel")
        await settle(pilot)
        assert browse.listings[0].joined and not browse.listings[0].observer
    with open_store(store_path(), PASSPHRASE) as store:
        [member] = memberships(store)
        assert not member.observer and member.rules_accepted_at is not None


async def test_leave_asks_says_what_is_erased_and_erases_it(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess
) -> None:
    with_relays(relay.url)
    publish_many(relay.url, "night-owls", 12)
    joined("night-owls")
    with open_store(store_path(), PASSPHRASE) as store, Syncer(store) as syncer:
        syncer.sync()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        browse = await open_browse(pilot)
        highlight(browse, "night-owls")
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        body = text_of(app.screen, ".body")
        assert "erased from this device" in body and "Your own posts stay" in body
        await pilot.click("#cancel")
        await settle(pilot)
        assert posts_on_disk("night-owls") == 12

        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: not browse.listings[1].joined)
    assert posts_on_disk("night-owls") == 0


# -- sync in the app -----------------------------------------------------------------------


async def test_sync_now_updates_home_live_and_lands_posts(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess
) -> None:
    with_relays(relay.url)
    joined("night-owls")
    published = publish_many(relay.url, "night-owls", 250)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        seen: list[SyncState] = []
        app.sync_changed.subscribe(app.screen, seen.append)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: bool(seen) and not seen[-1].running)
        await settle(pilot)
        phases = [state.relays[relay.url].phase for state in seen if relay.url in state.relays]
        assert phases[0] == "syncing" and phases[-1] == "done"
        assert any(s.relays[relay.url].pulled for s in seen if relay.url in s.relays)
        relays = text_of(app.screen, "#relays")
        # the community's definition arrives with its posts
        assert f"just now: {len(published) + 1} new, 0 sent" in relays
        assert "ok, last reached" in relays
        communities = communities_text(app.screen)
        assert f"● {len(published)} new" in communities
    assert posts_on_disk("night-owls") == len(published)


async def test_background_sync_runs_on_the_timer(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess
) -> None:
    import time

    with_relays(relay.url)
    joined("night-owls")
    publish_many(relay.url, "night-owls", 7)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        assert app.sync_store is not None and not app.syncing
        app.check_sync(now=time.monotonic())  # not due yet
        assert not app.syncing
        app.check_sync(now=time.monotonic() + 10)  # the first one, shortly after unlocking
        assert app.syncing
        await wait_until(pilot, lambda: not app.syncing)
        await settle(pilot)
        await wait_until(pilot, lambda: "● 7 new" in communities_text(app.screen))
        app.check_sync(now=time.monotonic() + 60)  # next one waits a whole interval
        assert not app.syncing
    assert posts_on_disk("night-owls") == 7


class Gate:
    """Holds the sync inside a pull (after its first page) until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        original = sync_engine._counted

        def counted(pages: Any, tick: Callable[[int], None]) -> Any:
            for number, page in enumerate(original(pages, tick)):
                if number == 1:
                    self.reached.set()
                    self.release.wait(30)
                yield page

        monkeypatch.setattr(sync_engine, "_counted", counted)

    async def unlock_and_sync(self, pilot: Pilot[None], *, force: bool = False) -> None:
        """Unlock, start a sync, and return once it is held after its first page."""
        app = pilot.app
        assert isinstance(app, PeerHavenApp)
        await unlock(pilot)
        assert app.start_sync(force=force)
        await asyncio.to_thread(self.reached.wait, 30)


async def test_store_calls_answer_while_a_long_sync_runs(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_relays(relay.url)
    joined("night-owls")
    publish_many(relay.url, "night-owls", 400)
    gate = Gate(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await gate.unlock_and_sync(pilot, force=True)
        assert app.syncing
        # the sync is mid-pull: the app's own store calls go straight through
        drafts = await asyncio.to_thread(app.store_call, list_drafts)
        assert drafts == []
        await pilot.press("d")
        await wait_until(pilot, lambda: getattr(app.screen, "PLACE", "") == "drafts")
        await settle_except_sync(pilot)
        assert app.syncing, "the sync is still held while the screen loaded"
        gate.release.set()
        await wait_until(pilot, lambda: not app.syncing)
    assert posts_on_disk("night-owls") == 400


async def settle_except_sync(pilot: Pilot[None]) -> None:
    """Let every worker but the (held) sync finish."""
    for _ in range(3):
        for worker in list(pilot.app.workers):
            if worker.group != "sync" and not worker.is_finished:
                await worker.wait()
        await pilot.pause()


async def test_lock_during_a_sync_loses_nothing(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_relays(relay.url)
    joined("night-owls")
    published = publish_many(relay.url, "night-owls", 600)
    gate = Gate(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await gate.unlock_and_sync(pilot, force=True)
        app.action_lock()
        assert app.sync_store is None and app.store is None
        gate.release.set()
        await wait_until(pilot, lambda: not app.syncing)
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert app.sync_state.relays[relay.url].phase == "stopped"

        stored = posts_on_disk("night-owls")
        assert 0 < stored < len(published), "stopped part-way, the first pages kept"
        with open_store(store_path(), PASSPHRASE) as store:
            [status] = relay_statuses(store)
            assert status.failures == 0, "a lock is not a relay failure"

        await unlock_again(pilot)
        assert app.start_sync(force=True)
        await wait_until(pilot, lambda: not app.syncing)
    assert posts_on_disk("night-owls") == len(published), "nothing lost, nothing twice"


async def unlock_again(pilot: Pilot[None]) -> None:
    from textual.widgets import Input

    app = pilot.app
    app.screen.query_one("#passphrase", Input).value = PASSPHRASE
    await pilot.press("enter")
    await wait_until(pilot, lambda: not isinstance(app.screen, UnlockScreen))
    await wait_until(pilot, lambda: app.sync_store is not None)  # type: ignore[attr-defined]
    await settle(pilot)


async def test_quit_during_a_sync_closes_cleanly(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_relays(relay.url)
    joined("night-owls")
    publish_many(relay.url, "night-owls", 400)
    gate = Gate(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await gate.unlock_and_sync(pilot, force=True)
        threading.Timer(0.2, gate.release.set).start()
        await app.action_quit()
    assert 0 < posts_on_disk("night-owls") <= 400


async def test_a_dead_relay_shows_its_failure_in_words(
    tui_store: Path, make_app: AppFactory
) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    with_relays(dead)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: "failing" in text_of(app.screen, "#relays"))
        await settle(pilot)
        relays = text_of(app.screen, "#relays")
        assert "failing (1 time)" in relays and "could not be reached" in relays
        assert "waiting until" in relays
        await pilot.press("ctrl+t")  # an explicit sync ignores the back-off
        await wait_until(pilot, lambda: "failing (2 times)" in text_of(app.screen, "#relays"))


async def test_joining_while_a_sync_runs_fetches_the_new_community_after_it(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_relays(relay.url)
    joined("night-owls")
    publish_many(relay.url, "night-owls", 400)
    publish_many(relay.url, "grief-circle", 9)
    gate = Gate(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await gate.unlock_and_sync(pilot)
        browse = await open_browse(pilot, held_sync=True)
        highlight(browse, "grief-circle")
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, RulesModal))
        await wait_until(pilot, lambda: not app.screen.query_one("#agree", Button).disabled)
        await pilot.click("#agree")
        await join_as_the_default(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert app.syncing, "the first sync is still held"
        gate.release.set()
        await wait_until(pilot, lambda: posts_on_disk("grief-circle") == 9)
        await wait_until(pilot, lambda: not app.syncing)
    assert posts_on_disk("night-owls") == 400


async def test_changing_the_passphrase_reopens_the_sync_connection(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess
) -> None:
    with_relays(relay.url)
    joined("night-owls")
    publish_many(relay.url, "night-owls", 20)
    app = make_app()
    new = "a longer walk by the quiet river"
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        before = app.sync_store
        assert before is not None
        await asyncio.to_thread(app.change_passphrase, PASSPHRASE, new)
        await wait_until(pilot, lambda: app.sync_store not in (None, before))
        assert app.start_sync(force=True)
        await wait_until(pilot, lambda: not app.syncing)
        await settle(pilot)
        await wait_until(pilot, lambda: "● 20 new" in communities_text(app.screen))
    with open_store(store_path(), new) as store:
        assert count_events(store, kind="post", community="night-owls") == 20


async def test_a_disputed_community_is_not_joined_and_says_why(
    tui_store: Path, make_app: AppFactory
) -> None:
    from peerhaven.core import Keypair, builders
    from peerhaven.store.communities import record_offers

    with open_store(store_path(), PASSPHRASE) as store:
        for url, seed in (("https://a.example.org", 1), ("https://b.example.org", 2)):
            keys = Keypair.from_secret(bytes([seed]) * 32)
            event = builders.community(keys, "sleep", "Sleep help", "bad nights")
            record_offers(store, url, [event.to_wire()])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        browse = await open_browse(pilot)
        await pilot.press("j")
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen), "no rules dialog, no observe question"
        assert "Relays disagree" in text_of(browse, "#offer-detail")
    with open_store(store_path(), PASSPHRASE) as store:
        assert memberships(store) == []


async def test_sync_now_without_relays_says_so(tui_store: Path, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: not app.syncing)
        await settle(pilot)
        notes = [str(n.message) for n in app._notifications]
        assert any("No relays yet" in note for note in notes), notes


async def test_a_sync_asked_for_before_its_connection_opens_runs_once_it_does(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peerhaven.tui.syncing import SyncStoreReady

    with_relays(relay.url)
    joined("night-owls")
    publish_many(relay.url, "night-owls", 3)
    held: list[SyncStoreReady] = []
    deliver = PeerHavenApp.on_sync_store_ready
    monkeypatch.setattr(PeerHavenApp, "on_sync_store_ready", lambda app, m: held.append(m))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await wait_until(pilot, lambda: bool(held))
        assert app.sync_store is None and app.start_sync(), "queued, not refused"
        assert not app.syncing
        deliver(app, held[0])
        await wait_until(pilot, lambda: not app.syncing)
        await settle(pilot)
    assert posts_on_disk("night-owls") == 3


async def test_home_outbox_count_goes_down_when_a_sync_sends(
    tui_store: Path, make_app: AppFactory, relay: RelayProcess
) -> None:
    from peerhaven.store.publish import publish_post

    with_relays(relay.url)
    joined("night-owls")
    with open_store(store_path(), PASSPHRASE) as store:
        publish_post(store, "night-owls", "Still up. The kettle is on.")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        assert "1 waiting to send" in text_of(app.screen, "#waiting")
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: "Nothing waiting" in text_of(app.screen, "#waiting"))
        assert "1 sent" in text_of(app.screen, "#relays")
