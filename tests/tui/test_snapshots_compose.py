"""The composer, its preview, the oversharing guard and the crisis offer at 80×24 and
120×40 (and the guard without colour), compared with reviewed SVG snapshots.

Update with ``pytest tests/tui/test_snapshots_compose.py --snapshot-update`` and look
at every changed SVG before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from peerhaven.core.event import Event
from peerhaven.store import open_store
from peerhaven.store.settings import set_setting
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.crisis_offer import CrisisOfferModal
from peerhaven.tui.modals.guard import GuardModal
from peerhaven.tui.screens.compose import ComposeScreen
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import SIZES, settle, type_text, unlock, wait_until
from tests.tui.compose_helpers import OBSERVED, SLUG, prepare

Snap = Callable[..., bool]
AppFactory = Callable[..., PeerHavenApp]
Steps = Callable[[Pilot[None]], Awaitable[None]]
sizes = pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))

WORDS = (
    "A year today. I lit a candle and read her letters again.\n"
    "Thank you for being here on the evenings that are hardest."
)

#: the draft autosave timer must not change a picture
pytestmark = pytest.mark.usefixtures("no_autosave_timer")


@pytest.fixture
def parent(tui_store: Path) -> Event:
    """A joined community (own crisis line), an observed one, a post to reply to; GB."""
    event = prepare(tui_store)
    with open_store(tui_store, PASSPHRASE) as store:
        set_setting(store, "country", "GB")
    return event


def composing(screen: Callable[[], ComposeScreen], text: str = "", cw: str = "") -> Steps:
    """Unlock, open the composer, write ``text`` and warnings ``cw``."""

    async def steps(pilot: Pilot[None]) -> None:
        await unlock(pilot)
        compose = screen()
        await pilot.app.push_screen(compose)
        await wait_until(pilot, lambda: compose.context is not None)
        await settle(pilot)
        if text:
            await type_text(pilot, text)
        if cw:
            compose.query_one("#compose-cw", Input).value = cw
        await settle(pilot)

    return steps


def then(first: Steps, *keys: str, until: type | None = None) -> Steps:
    """More steps: press keys, and wait for a dialog when one is expected."""

    async def steps(pilot: Pilot[None]) -> None:
        await first(pilot)
        await pilot.press(*keys)
        if until is not None:
            await wait_until(pilot, lambda: isinstance(pilot.app.screen, until))
        await settle(pilot)

    return steps


def shoot(snap: Snap, app: PeerHavenApp, size: tuple[int, int], steps: Steps) -> None:
    assert snap(app, terminal_size=size, run_before=steps)


@sizes
def test_compose(snap_compare: Snap, parent: Event, make_app: AppFactory, size: Any) -> None:
    shoot(snap_compare, make_app(), size, composing(lambda: ComposeScreen(SLUG), WORDS, "grief"))


@sizes
def test_compose_reply(snap_compare: Snap, parent: Event, make_app: AppFactory, size: Any) -> None:
    steps = composing(lambda: ComposeScreen(SLUG, reply_to=parent.id), "Sending you warmth.")
    shoot(snap_compare, make_app(), size, steps)


@sizes
def test_compose_preview(
    snap_compare: Snap, parent: Event, make_app: AppFactory, size: Any
) -> None:
    steps = composing(lambda: ComposeScreen(SLUG), WORDS, "grief, anniversary")
    shoot(snap_compare, make_app(), size, then(steps, "ctrl+r"))


@sizes
def test_compose_observer(
    snap_compare: Snap, parent: Event, make_app: AppFactory, size: Any
) -> None:
    shoot(snap_compare, make_app(), size, composing(lambda: ComposeScreen(OBSERVED)))


@sizes
def test_guard(snap_compare: Snap, parent: Event, make_app: AppFactory, size: Any) -> None:
    text = "Thinking of you all.\nCall me on 07700 900123 or write to jane.doe@example.org."
    steps = composing(lambda: ComposeScreen(SLUG), text)
    shoot(snap_compare, make_app(), size, then(steps, "ctrl+s", until=GuardModal))


def test_guard_no_color(
    snap_compare: Snap, parent: Event, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    text = "Call me on 07700 900123 any evening."
    steps = composing(lambda: ComposeScreen(SLUG), text)
    shoot(snap_compare, make_app(), SIZES["small"], then(steps, "ctrl+s", until=GuardModal))


@sizes
def test_crisis_offer(snap_compare: Snap, parent: Event, make_app: AppFactory, size: Any) -> None:
    steps = composing(lambda: ComposeScreen(SLUG), "I don't want to be here anymore.")
    shoot(snap_compare, make_app(), size, then(steps, "ctrl+s", until=CrisisOfferModal))


@pytest.fixture
def own_post(parent: Event, tui_store: Path) -> Event:
    """A post of mine written five minutes ago, under a warning: still editable."""
    from peerhaven.core import Verifier, builders
    from peerhaven.store.communities import membership
    from peerhaven.store.events import ingest
    from peerhaven.store.personas import load_persona
    from tests.fixtures.tui import NOW

    with open_store(tui_store, PASSPHRASE) as store:
        keys = load_persona(store, membership(store, SLUG).persona).keys
        post = builders.post(
            keys, SLUG, "A year today. I lit a candel and read her leters again.",
            cw=["grief"], created_at=NOW - 300,
        )  # fmt: skip
        with Verifier(1) as verifier:
            ingest(store, [post], verifier)
    return post


@sizes
def test_compose_edit(snap_compare: Snap, own_post: Event, make_app: AppFactory, size: Any) -> None:
    steps = composing(lambda: ComposeScreen(SLUG, edit_of=own_post.id))
    shoot(snap_compare, make_app(), size, steps)


@sizes
def test_draft_destination(
    snap_compare: Snap, parent: Event, tui_store: Path, make_app: AppFactory, size: Any
) -> None:
    from peerhaven.store.drafts import save_draft
    from peerhaven.tui.modals.draft_destination import DraftDestinationModal
    from peerhaven.tui.screens.drafts import DraftsScreen

    with open_store(tui_store, PASSPHRASE) as store:
        save_draft(store, "Evenings are easier with a candle lit.")

    async def steps(pilot: Pilot[None]) -> None:
        await unlock(pilot)
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DraftsScreen))
        await settle(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DraftDestinationModal))
        await settle(pilot)

    shoot(snap_compare, make_app(), size, steps)


@sizes
def test_thread_with_an_edited_reply(
    snap_compare: Snap, parent: Event, tui_store: Path, make_app: AppFactory, size: Any
) -> None:
    from peerhaven.core import Verifier, builders
    from peerhaven.store.communities import membership
    from peerhaven.store.events import ingest
    from peerhaven.store.personas import load_persona
    from peerhaven.tui.screens.thread import ThreadScreen
    from tests.fixtures.tui import NOW

    with open_store(tui_store, PASSPHRASE) as store:
        keys = load_persona(store, membership(store, SLUG).persona).keys
        reply = builders.post(
            keys, SLUG, "Sending you warmth tonigt.", reply_to=parent, created_at=NOW - 300
        )
        edit = builders.edit(keys, reply, "Sending you warmth tonight.", created_at=NOW - 240)
        with Verifier(1) as verifier:
            ingest(store, [reply, edit], verifier)

    async def steps(pilot: Pilot[None]) -> None:
        await unlock(pilot)
        await pilot.app.push_screen(ThreadScreen(parent.id))
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ThreadScreen))
        await settle(pilot)

    shoot(snap_compare, make_app(), size, steps)
