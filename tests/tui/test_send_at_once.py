"""What the app signs leaves at once, with a real relay process, and the words say the truth.

"Sending…" shows at once; then "Sent." once the relay accepted it (and the relay
serves it), or "Saved; goes out when a relay is reachable." when it is down, with
the event still in the outbox. A send asked for while a sync runs waits for it:
never two pushes on the sync's connection at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from textual.pilot import Pilot

from peerhaven.core.event import Event
from peerhaven.store import open_store
from peerhaven.store.events import count_events
from peerhaven.store.outbox import pending_count
from peerhaven.store.paths import store_path
from peerhaven.sync.send import SAVED, SENT
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.screens.compose import ComposeScreen
from peerhaven.tui.screens.thread import ThreadScreen
from peerhaven.tui.sending import SENDING
from tests.fixtures.relay import RelayLauncher, RelayProcess
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import settle, type_text, unlock, wait_until
from tests.tui.test_browse_and_sync import Gate, joined, make_community, with_relays

AppFactory = Callable[..., PeerHavenApp]
SLUG = "night-owls"


@pytest.fixture
def owls(tmp_path: Path, relay_process: RelayLauncher) -> RelayProcess:
    """A relay with one community, no rate limit on posting."""
    data = tmp_path / "relay-data"
    make_community(data, SLUG, "Night owls")
    return relay_process(data_dir=data, args=["--pubkey-rate", "0"])


def notes(app: PeerHavenApp, title: str) -> list[str]:
    """The notifications on screen under one title."""
    return [n.message for n in app._notifications if n.title == title]


def on_relay(relay: RelayProcess, event_id: str) -> bool:
    """Whether the relay serves the event now."""
    return httpx.get(f"{relay.url}/v1/events/{event_id}", timeout=5).status_code == 200


def outbox_and_mine(kind: str) -> tuple[int, list[Event]]:
    """What still waits to be sent, and this device's own events of one kind."""
    from peerhaven.store.events import get_event

    with open_store(store_path(), PASSPHRASE) as store:
        rows = store.execute(
            "SELECT id FROM events WHERE kind = ? AND community = ?"
            " AND pubkey IN (SELECT pubkey FROM personas) ORDER BY created_at",
            (kind, SLUG),
        ).fetchall()
        events = [get_event(store, row[0]) for row in rows]
        return pending_count(store), [event for event in events if event is not None]


async def post_from_compose(pilot: Pilot[None], text: str) -> None:
    """Write a new post in the composer and publish it (Ctrl+S)."""
    app = pilot.app
    await app.push_screen(ComposeScreen(SLUG))
    await wait_until(pilot, lambda: isinstance(app.screen, ComposeScreen))
    await settle(pilot)
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: not isinstance(app.screen, ComposeScreen))


async def test_a_post_from_the_app_reaches_the_relay_at_once(
    tui_store: object, make_app: AppFactory, owls: RelayProcess
) -> None:
    with_relays(owls.url)
    joined(SLUG)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await wait_until(pilot, lambda: app.sync_store is not None)
        await post_from_compose(pilot, "Awake again; the kettle is on if anyone wants tea.")
        await wait_until(pilot, lambda: SENT in notes(app, "Post"))
        assert not any(SENDING in note for note in notes(app, "Post")), "replaced, not stacked"
    pending, [post] = outbox_and_mine("post")
    assert pending == 0
    assert on_relay(owls, post.id)


async def test_a_reaction_in_a_thread_reaches_the_relay_at_once(
    tui_store: object, make_app: AppFactory, owls: RelayProcess
) -> None:
    from peerhaven.tui.widgets.post_view import REACTION_WORDS

    with_relays(owls.url)
    joined(SLUG)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await post_from_compose(pilot, "A small win today: I went for a walk.")
        await wait_until(pilot, lambda: SENT in notes(app, "Post"))
        _, [post] = await asyncio.to_thread(outbox_and_mine, "post")
        await app.push_screen(ThreadScreen(post.id))
        await settle(pilot)
        await pilot.press("1")
        title = f"“{REACTION_WORDS['me-too']}”"
        await wait_until(pilot, lambda: SENT in notes(app, title))
    pending, [reaction] = outbox_and_mine("reaction")
    assert pending == 0
    assert on_relay(owls, reaction.id)


async def test_with_the_relay_down_the_app_says_saved_and_the_outbox_keeps_it(
    tui_store: object, make_app: AppFactory, owls: RelayProcess
) -> None:
    with_relays(owls.url)
    joined(SLUG)
    owls.stop()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await post_from_compose(pilot, "Nobody to talk to tonight, so I am writing here.")
        await wait_until(pilot, lambda: SAVED in notes(app, "Post"), timeout=30)
        assert not any("Sent" in note for note in notes(app, "Post"))
    pending, [post] = outbox_and_mine("post")
    assert pending == 1, "the outbox keeps it for the next sync"
    owls.start()
    assert not on_relay(owls, post.id)


async def test_a_refusal_names_the_relay_and_its_reason(
    tui_store: object, make_app: AppFactory, owls: RelayProcess
) -> None:
    import subprocess
    import sys

    with_relays(owls.url)
    joined(SLUG)
    with open_store(store_path(), PASSPHRASE) as store:
        [pubkey] = [row[0] for row in store.execute("SELECT persona FROM memberships")]
    subprocess.run(
        [sys.executable, "-m", "peerhaven", "relay", "ban", pubkey, *owls.store_args],
        check=True, capture_output=True,
    )  # fmt: skip
    owls.restart()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await post_from_compose(pilot, "Is anyone else awake at this hour?")
        await wait_until(pilot, lambda: any("Refused" in n for n in notes(app, "Post")))
        [said] = notes(app, "Post")
        assert said == f"Refused by {owls.url}: this persona is banned there."
        assert not any(n.title == "Post" and "Sent" in n.message for n in app._notifications)


async def test_a_send_during_a_sync_waits_for_it_then_goes(
    tui_store: object, make_app: AppFactory, owls: RelayProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.sync.helpers import publish_many

    with_relays(owls.url)
    joined(SLUG)
    publish_many(owls.url, SLUG, 400)
    gate = Gate(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await gate.unlock_and_sync(pilot, force=True)
        await app.push_screen(ComposeScreen(SLUG))
        await wait_until(pilot, lambda: isinstance(app.screen, ComposeScreen))
        await pilot.pause()
        await type_text(pilot, "Still here, still awake, still hoping.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ComposeScreen))
        await wait_until(pilot, lambda: any(SENDING in n for n in notes(app, "Post")))
        assert app.syncing, "the sync is held mid-pull"
        _, mine = await asyncio.to_thread(outbox_and_mine, "post")
        [post] = [event for event in mine if event.content.startswith("Still here")]
        assert not await asyncio.to_thread(on_relay, owls, post.id), "it waits for the sync"
        gate.release.set()
        await wait_until(pilot, lambda: SENT in notes(app, "Post"), timeout=30)
        assert not app.syncing
    assert on_relay(owls, post.id)
    with open_store(store_path(), PASSPHRASE) as store:
        assert pending_count(store) == 0
        assert count_events(store, kind="post", community=SLUG) == 401, "and the pull ended"
