"""A first message written in the app reaches the other device through a real relay.

Kim's device publishes its prekey bundle to a relay process; the member opens a
conversation with Kim from a thread (``w``), writes, and sends (Ctrl+S): the app
fetches Kim's keys, seals, queues and sends at once; the relay keeps the sealed
event in Kim's mailbox, and Kim's device, reading its mailbox, opens it as a
request with the member's words and the community where they met. Kim answers,
and the open conversation shows it in place through the app's live stream (this
failed before the app passed ``on_mailbox`` on: it showed only after a sync).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from peerhaven.core import Event, Verifier
from peerhaven.store import open_store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.dm import requests
from peerhaven.store.dm_receive import receive_dm
from peerhaven.store.dm_send import seal_and_queue
from peerhaven.store.events import ingest
from peerhaven.store.publish import publish_post
from peerhaven.store.relays import add_relay
from peerhaven.sync.client import RelayClient
from peerhaven.sync.dm import send_bundles
from peerhaven.sync.send import send_events
from peerhaven.tui.app import PeerHavenApp
from tests.fixtures.relay import RelayLauncher
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import settle, type_text, unlock, wait_until
from tests.store.dm_world import SLUG, definition, member

AppFactory = Callable[..., PeerHavenApp]


def live(app: PeerHavenApp, url: str) -> bool:
    """Whether the app's stream with ``url`` is live."""
    stream = app.sync_state.streams.get(url)
    return stream is not None and stream.state == "live"


def rows(app: PeerHavenApp) -> list[str]:
    """The conversation's rows as plain text."""
    from textual.widgets import OptionList

    listing = app.screen.query_one("#chat-items", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


@pytest.mark.usefixtures("no_autosave_timer")
async def test_a_first_message_reaches_the_other_device_as_a_request(
    tui_store: Path, tmp_path: Path, relay_process: RelayLauncher, make_app: AppFactory
) -> None:
    from peerhaven.tui.screens.conversation import ConversationScreen
    from peerhaven.tui.screens.thread import ThreadScreen

    relay = relay_process(args=["--stream-heartbeat", "1"])
    kim = member(tmp_path / "kim.db", secret=bytes([64]) * 32)
    add_relay(kim.store, relay.url)
    hello = publish_post(kim.store, SLUG, "Anyone else awake?")  # Kim speaks there
    with RelayClient(relay.url) as client:
        assert send_bundles(kim.store, client) == 1  # Kim's prekey bundle is on the relay
    with open_store(tui_store, PASSPHRASE) as store:
        record_offers(store, relay.url, [definition()])
        join(store, SLUG)
        add_relay(store, relay.url)
        mine = publish_post(store, SLUG, "Awake again at three.")
        with Verifier(1) as verifier:
            ingest(store, [hello], verifier)
            # Kim's device holds the member's post: a request from someone sharing a
            # community is what Kim allows by default (the dm_requests setting)
            ingest(kim.store, [mine], verifier)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        app.start_sync(force=True)
        await wait_until(
            pilot,
            lambda: live(app, relay.url),
            timeout=30,
        )
        await app.push_screen(ThreadScreen(hello.id))
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        await settle(pilot)
        await type_text(pilot, "Me too. Nights are long; would you like to talk?")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(
            pilot,
            lambda: (
                ("Message to minty-teal-2224", "Sent.")
                in [(n.title, n.message) for n in app._notifications]
            ),
        )
        with RelayClient(relay.url) as client:
            page = client.mailbox(kim.persona.keys, None, 10)
        assert len(page.events) == 1
        received = receive_dm(kim.store, kim.persona, Event.from_wire(page.events[0]))
        assert received.verdict == "request", received.reason
        waiting = requests(kim.store)
        assert [(r.opening, r.community) for r in waiting] == [
            ("Me too. Nights are long; would you like to talk?", SLUG)
        ]
        # Kim answers (answering accepts); the open conversation shows it in place, with
        # no key pressed: the app's live stream follows the member's mailbox
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        answer = seal_and_queue(kim.store, kim.persona, screen.persona, "Yes, please.")
        send_events(kim.store, [answer.event])
        await wait_until(pilot, lambda: any("Yes, please." in row for row in rows(app)), timeout=30)
        assert app.screen is screen

    kim.store.close()
