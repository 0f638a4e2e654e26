"""Browse (with its detail pane) and the rules dialog at 80×24 and 120×40.

The offers are signed with fixed keys and stored as a relay would have served
them, so nothing here touches the network. Update with ``--snapshot-update`` and
look at the result before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from peerhaven.core import Keypair, builders
from peerhaven.store import open_store
from peerhaven.store.communities import accept_rules, join, record_offers
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.rules import RulesModal
from peerhaven.tui.screens.browse import BrowseScreen
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW, SIZES, settle, unlock, wait_until

Snap = Callable[..., bool]
AppFactory = Callable[..., PeerHavenApp]
sizes = pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))

MAIN = "https://relay.example.org"
OTHER = "https://haven.example.net"
GRIEF_RULES = (
    "Be gentle. Everyone here is carrying something heavy.",
    "Share your own experience; do not tell others how to grieve.",
    "No advertising, fundraising or links to services.",
    "Use a content warning for details of a death or an illness.",
    "If someone may be in danger, press F9 for crisis lines and tell a moderator.",
    "What is shared here stays here: no screenshots, no quoting elsewhere.",
    "Moderators may hide posts that break these rules; the log shows why.",
)

#: the draft autosave timer must not change a picture
pytestmark = pytest.mark.usefixtures("no_autosave_timer")


@pytest.fixture
def offered_store(tui_store: Path) -> Path:
    """Four communities on two relays: one joined, one observed, one in dispute."""
    owner = Keypair.from_secret(bytes([101]) * 32)
    other_owner = Keypair.from_secret(bytes([102]) * 32)
    impostor = Keypair.from_secret(bytes([103]) * 32)

    def define(keys: Keypair, slug: str, name: str, description: str, rules: Any = ()) -> Any:
        event = builders.community(keys, slug, name, description, rules, created_at=NOW - 3600)
        return event.to_wire()

    grief = define(
        owner,
        "grief-support",
        "Grief support",
        "For anyone living with a loss, recent or long ago. Read, share, or simply be here.",
        GRIEF_RULES,
    )
    pain = define(
        owner,
        "chronic-pain",
        "Chronic pain circle",
        "Living with pain that does not go away: pacing, bad days, small wins.",
        ("Be kind.", "No cures for sale."),
    )
    owls = define(
        other_owner, "night-owls", "Night owls", "Awake at 3 am? So are we.", ("Be gentle.",)
    )
    sleep = define(other_owner, "sleep-help", "Sleep help", "Tips and company for bad nights.")
    sleep_fake = define(impostor, "sleep-help", "Sleep help", "Tips and company for bad nights.")
    with open_store(tui_store, PASSPHRASE) as store:
        with store.transaction() as conn:
            for url in (MAIN, OTHER):
                conn.execute(
                    "INSERT INTO relays (url, added_at, last_success, failures)"
                    " VALUES (?, ?, ?, 0)",
                    (url, NOW, NOW - 600),
                )
        record_offers(store, MAIN, [grief, pain, owls, sleep])
        record_offers(store, OTHER, [grief, sleep_fake])
        join(store, "chronic-pain")
        accept_rules(store, "chronic-pain")
        join(store, "night-owls", observer=True)
    return tui_store


async def to_browse(pilot: Pilot[None], slug: str) -> BrowseScreen:
    await unlock(pilot)
    await pilot.press("b")
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, BrowseScreen))
    await wait_until(pilot, lambda: bool(app.screen.listings))  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, BrowseScreen)
    slugs = [item.slug for item in screen.listings]
    screen.query_one("#offers", OptionList).highlighted = slugs.index(slug)
    await settle(pilot)
    return screen


@sizes
def test_browse(snap_compare: Snap, offered_store: Path, make_app: AppFactory, size: Any) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await to_browse(pilot, "grief-support")

    assert snap_compare(make_app(), terminal_size=size, run_before=steps)


@sizes
def test_browse_trust_warning(
    snap_compare: Snap, offered_store: Path, make_app: AppFactory, size: Any
) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await to_browse(pilot, "sleep-help")

    assert snap_compare(make_app(), terminal_size=size, run_before=steps)


@sizes
def test_rules_before_joining(
    snap_compare: Snap, offered_store: Path, make_app: AppFactory, size: Any
) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await to_browse(pilot, "grief-support")
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RulesModal))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=steps)


@sizes
def test_join_as_a_new_persona_or_one_you_have(
    snap_compare: Snap, offered_store: Path, make_app: AppFactory, size: Any
) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        from textual.widgets import Button

        from peerhaven.tui.modals.join_persona import JoinPersonaModal

        await to_browse(pilot, "grief-support")
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RulesModal))
        await wait_until(pilot, lambda: not pilot.app.screen.query_one("#agree", Button).disabled)
        await pilot.click("#agree")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, JoinPersonaModal))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=steps)


@sizes
def test_rules_to_read(
    snap_compare: Snap, offered_store: Path, make_app: AppFactory, size: Any
) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await to_browse(pilot, "chronic-pain")
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RulesModal))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=steps)


@sizes
def test_home_while_syncing(
    snap_compare: Snap, offered_store: Path, make_app: AppFactory, size: Any
) -> None:
    """Home's relays panel mid-sync: one relay pulling, the other done; counts as words."""
    from peerhaven.tui.syncing import RelayLive, SyncState

    async def steps(pilot: Pilot[None]) -> None:
        await unlock(pilot)
        app = pilot.app
        assert isinstance(app, PeerHavenApp)
        app._publish_sync(
            SyncState(
                running=True,
                relays={
                    MAIN: RelayLive("syncing", pulled=340),
                    OTHER: RelayLive("done", pulled=12, pushed=1),
                },
            )
        )
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=steps)
