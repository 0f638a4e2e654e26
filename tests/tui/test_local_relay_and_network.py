"""The local relay from the app (home's offline panel, the tour, restarts, quitting) and the
network parts of Settings: relays, proxy, and withdrawing everything a persona wrote.

Local relays here are real processes under the test's PEERHAVEN_HOME;
``local_relay_home`` stops whatever is left when a test ends.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from peerhaven.core import Keypair, builders
from peerhaven.core.event import Event
from peerhaven.relay.samples import SAMPLES
from peerhaven.store import open_store
from peerhaven.store.communities import offers
from peerhaven.store.proxy import current_proxy
from peerhaven.store.publish import publish_post
from peerhaven.store.relays import relay_urls
from peerhaven.store.settings import get_setting
from peerhaven.sync.local_relay import local_relay_status, local_relay_url
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.confirm import ConfirmModal
from peerhaven.tui.screens.home import HomeScreen
from peerhaven.tui.screens.settings import SettingsScreen
from peerhaven.tui.widgets.network_settings import NetworkSettings
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW, settle, type_text, unlock, wait_until

AppFactory = Callable[..., PeerHavenApp]


def noted(app: PeerHavenApp, text: str) -> bool:
    """Whether a notification containing ``text`` was shown."""
    return any(text in note.message for note in app._notifications)


async def start_from_home(pilot: Pilot[None]) -> None:
    """Press t on home and wait until the relay runs and is listed."""
    app = pilot.app
    await pilot.press("t")
    await wait_until(pilot, lambda: noted(app, "sample communities"), timeout=60)
    await settle(pilot)


async def open_settings(pilot: Pilot[None]) -> SettingsScreen:
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SettingsScreen))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


# -- the local relay ------------------------------------------------------------------------


async def test_home_offers_a_local_relay_and_quitting_stops_it(
    local_relay_home: Path, tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        panel = app.screen.query_one("#offline", Static)
        assert panel.display and "Press t to start a local relay" in str(panel.render())
        await start_from_home(pilot)
        assert noted(app, f"with {len(SAMPLES)} sample communities")
        assert isinstance(app.screen, HomeScreen)
        assert not app.screen.query_one("#offline").display, "the relays panel took over"
        status = local_relay_status()
        assert status.running and app.local_relay is not None
        assert app.local_relay.pid == status.pid
        await pilot.press("ctrl+q")
    assert not local_relay_status().running, "the app stops the relay it started"
    with open_store(tui_store, PASSPHRASE) as store:
        assert relay_urls(store) == [status.url] == [local_relay_url(store)]
        assert sorted(o.definition.slug for o in offers(store)) == sorted(s.slug for s in SAMPLES)


async def test_a_relay_that_cannot_start_says_why_and_offers_it_again(
    local_relay_home: Path, tui_store: Path, make_app: AppFactory
) -> None:
    from peerhaven.sync.local_relay import start_local_relay, stop_local_relay

    port = start_local_relay().port  # remembered for the next start…
    stop_local_relay()
    app = make_app()
    with socket.socket() as taken:  # …but another program has it now
        assert port is not None
        taken.bind(("127.0.0.1", port))
        taken.listen()
        async with app.run_test(size=(80, 24)) as pilot:
            await unlock(pilot)
            await pilot.press("t")
            await wait_until(pilot, lambda: noted(app, "already in use"), timeout=60)
            await settle(pilot)
            panel = app.screen.query_one("#offline", Static)
            assert panel.display and "Press t to start a local relay" in str(panel.render())
            assert app.local_relay is None and not local_relay_status().running


async def test_the_chosen_local_relay_starts_again_after_a_restart(
    local_relay_home: Path, tui_store: Path, make_app: AppFactory
) -> None:
    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await start_from_home(pilot)
        url = local_relay_status().url
        await pilot.press("ctrl+q")
    assert not local_relay_status().running

    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await wait_until(pilot, lambda: second.local_relay is not None, timeout=60)
        status = local_relay_status()
        assert status.running and status.url == url, "same address, so the store still knows it"
        assert not second.screen.query_one("#offline").display
        await pilot.press("ctrl+q")
    assert not local_relay_status().running


async def test_a_relay_already_running_is_used_but_left_running(
    local_relay_home: Path, tui_store: Path, make_app: AppFactory
) -> None:
    from peerhaven.sync.local_relay import start_local_relay

    outside = start_local_relay()  # as `peerhaven relays local start` would
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await start_from_home(pilot)
        assert app.local_relay is None, "not ours to stop"
        await pilot.press("ctrl+q")
    assert local_relay_status().pid == outside.pid


async def test_the_tours_last_pane_starts_a_local_relay(
    local_relay_home: Path, tui_store: Path, make_app: AppFactory
) -> None:
    from peerhaven.tui.screens.tour import PANES, TourScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await app.push_screen(TourScreen())
        await pilot.press(*["right"] * (len(PANES) - 1))
        assert app.screen.query_one("#local-relay").display
        await pilot.click("#local-relay")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await wait_until(pilot, lambda: noted(app, "sample communities"), timeout=60)
        assert local_relay_status().running
        await pilot.press("ctrl+q")
    assert not local_relay_status().running


# -- relays in Settings ---------------------------------------------------------------------


async def test_relays_add_refuse_and_remove_with_confirmation(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        screen = await open_settings(pilot)
        network = screen.query_one(NetworkSettings)
        assert network.query_one("#relays-empty").display

        network.query_one("#relay-url", Input).focus()
        await pilot.pause()
        await pilot.pause()
        await type_text(pilot, "relay dot example")
        await pilot.press("enter")
        await settle(pilot)
        assert noted(app, "is not a relay address")
        assert network.query_one("#relay-url", Input).value == "relay dot example", "kept to fix"

        network.query_one("#relay-url", Input).value = "HTTPS://Relay.Example.org/"
        await pilot.press("enter")
        await wait_until(pilot, lambda: noted(app, "Added https://relay.example.org"))
        relays = network.query_one("#relay-list", OptionList)
        await wait_until(pilot, lambda: relays.option_count == 1)
        assert network.query_one("#relay-url", Input).value == ""
        assert "not reached yet" in str(relays.get_option_at_index(0).prompt)

        relays.focus()
        await pilot.pause()
        await pilot.pause()
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("escape")  # keep it
        await settle(pilot)
        assert relays.option_count == 1
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: noted(app, "Removed https://relay.example.org"))
        await wait_until(pilot, lambda: relays.option_count == 0)
    with open_store(tui_store, PASSPHRASE) as store:
        assert relay_urls(store) == []


async def test_removing_the_local_relay_in_settings_stops_it(
    local_relay_home: Path, tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await start_from_home(pilot)
        screen = await open_settings(pilot)
        relays = screen.query_one("#relay-list", OptionList)
        await wait_until(pilot, lambda: relays.option_count == 1)
        assert "local relay on this device, running" in str(relays.get_option_at_index(0).prompt)
        relays.focus()
        await pilot.pause()
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "The local relay stops" in str(app.screen.query_one(".body", Static).render())
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: relays.option_count == 0)
        assert not local_relay_status().running and app.local_relay is None
    with open_store(tui_store, PASSPHRASE) as store:
        assert local_relay_url(store) is None and relay_urls(store) == []


async def test_settings_starts_a_local_relay_when_there_is_none(
    local_relay_home: Path, tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        screen = await open_settings(pilot)
        relays = screen.query_one("#relay-list", OptionList)
        # the settings are longer than the window: the button is scrolled to, as a member would
        screen.query_one("#start-local-relay").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#start-local-relay")
        await wait_until(pilot, lambda: noted(app, "sample communities"), timeout=60)
        await wait_until(pilot, lambda: relays.option_count == 1)
        assert "local relay on this device, running" in str(relays.get_option_at_index(0).prompt)
        assert not screen.query_one("#start-local-relay").display
        await pilot.press("ctrl+q")
    assert not local_relay_status().running


# -- proxy ----------------------------------------------------------------------------------


async def test_proxy_set_refused_and_cleared(tui_store: Path, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen = await open_settings(pilot)
        field = screen.query_one("#proxy", Input)
        state = screen.query_one("#proxy-state", Static)
        assert "No proxy" in str(state.render())

        field.focus()
        await pilot.pause()
        await pilot.pause()
        await type_text(pilot, "socks5://127.0.0.1:9050")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "In use: socks5://127.0.0.1:9050" in str(state.render()))

        field.value = "tor"
        await pilot.press("enter")
        await wait_until(pilot, lambda: noted(app, "is not a proxy address"))
        assert field.value == "tor", "a refused address stays in the field"
        assert "In use: socks5://127.0.0.1:9050" in str(state.render()), "the old one stays"

        await pilot.click("#clear-proxy")
        await wait_until(pilot, lambda: "No proxy" in str(state.render()))
        assert field.value == ""
    with open_store(tui_store, PASSPHRASE) as store:
        assert current_proxy(store) is None


# -- leaving for good -----------------------------------------------------------------------


async def test_withdraw_everything_queues_a_deletion_for_each_post(
    tui_store: Path, make_app: AppFactory
) -> None:
    owner = Keypair.from_secret(bytes([99]) * 32)
    definition = builders.community(owner, "grief", "Grief and loss", "", [], [])
    with open_store(tui_store, PASSPHRASE) as store:
        persona = store.execute("SELECT pubkey FROM personas").fetchone()[0]
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO communities (slug, owner, name, definition, updated_at) "
                "VALUES ('grief', ?, 'Grief and loss', ?, ?)",
                (owner.pubkey, definition.to_json(), NOW),
            )
            conn.execute(
                "INSERT INTO memberships (slug, persona, joined_at) VALUES ('grief', ?, ?)",
                (persona, NOW),
            )
        posts = {publish_post(store, "grief", text).id for text in ("First", "Second")}
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen = await open_settings(pilot)
        screen.query_one("#personas", OptionList).focus()
        await pilot.pause()
        await pilot.press("ctrl+w")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        body = str(app.screen.query_one(".body", Static).render())
        assert "Copies that other members already synced stay on their devices" in body
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+w")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: noted(app, "Withdrew 2 posts and reactions"))
    with open_store(tui_store, PASSPHRASE) as store:
        queued = [Event.from_json(row[0]) for row in store.execute("SELECT event FROM outbox")]
        deletes = {event.target for event in queued if event.kind == "delete"}
        assert deletes == posts
        assert get_setting(store, "local_relay") is None
