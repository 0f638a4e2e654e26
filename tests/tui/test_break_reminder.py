"""The break reminder: off by default, chosen in settings, a gentle note that never blocks."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Select

from peerhaven.store import open_store
from peerhaven.store.settings import get_setting
from peerhaven.tui.app import PeerHavenApp
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import settle, unlock, wait_until

AppFactory = Callable[..., PeerHavenApp]


def _notes(app: PeerHavenApp) -> list[str]:
    return [note.message for note in app._notifications]


async def test_break_reminder_after_the_chosen_reading_time(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        app.check_break(now=time.monotonic() + 3 * 3600)
        await settle(pilot)
        assert _notes(app) == [], "off by default"

        await pilot.press("f6")
        await settle(pilot)
        await wait_until(pilot, lambda: app.screen.query("#break") and app.screen.ready)
        app.screen.query_one("#break", Select).value = 30
        await settle(pilot)
        assert app.settings["break_reminder_minutes"] == 30

        app.check_break(now=time.monotonic() + 29 * 60)
        await settle(pilot)
        assert _notes(app) == []
        app.check_break(now=time.monotonic() + 31 * 60)
        await settle(pilot)
        [note] = _notes(app)
        assert "reading for 30 minutes" in note and app.screen.query("#break")
        app.check_break(now=time.monotonic() + 32 * 60)
        await settle(pilot)
        assert len(_notes(app)) == 1, "the count starts afresh after a reminder"
    with open_store(tui_store, PASSPHRASE) as store:
        assert get_setting(store, "break_reminder_minutes") == 30
