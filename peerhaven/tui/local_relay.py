"""Starting the local relay from a screen (home, settings): a worker, progress, then a sync.

The work itself is ``peerhaven.sync.local_relay`` (the CLI's ``relays local
start`` calls the same functions); this module only runs it off the UI
thread and reports back to the screen that asked, as messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from peerhaven.core.i18n import _, ngettext

if TYPE_CHECKING:
    from peerhaven.store import Store
    from peerhaven.tui.screens.base import PlaceScreen


class LocalRelayProgress(Message):
    """A step of the start, in words ("Creating the sample communities…")."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()


class LocalRelayReady(Message):
    """The local relay answers and is one of the relays; ``offered`` communities were seen."""

    def __init__(self, url: str, offered: int) -> None:
        self.url = url
        self.offered = offered
        super().__init__()


class LocalRelayFailed(Message):
    """The start failed; the app has already said why, in one sentence."""


def ready_note(offered: int) -> str:
    """What to do next, once the relay runs."""
    what = ngettext("{count} sample community", "{count} sample communities", offered).format(
        count=offered
    )
    return _(
        "A local relay now runs on this device with {what}. Browse (b on home, F7 "
        "anywhere) to read one and join it. The relay stops when you quit and starts "
        "again when you unlock."
    ).format(what=what)


def offers_from(store: Store, url: str) -> int:
    """Fetch what the relay offers, so its communities show at once; 0 if it cannot say."""
    from peerhaven.sync import Syncer, SyncError

    try:
        with Syncer(store) as syncer:
            return syncer.browse(url)[0]
    except SyncError:
        return 0  # the next sync tries again; the relay is already added


def start_from(screen: PlaceScreen) -> None:
    """Start (or find) the local relay in a worker; ``screen`` gets the progress messages."""
    screen.run_worker(
        lambda: _start(screen),
        thread=True,
        group="local-relay",
        exclusive=True,
        exit_on_error=False,
    )


def _start(screen: PlaceScreen) -> None:
    """The worker: start, adopt, add to the store, fetch offers, then ask the app to sync."""
    from peerhaven.sync.local_relay import start_local_relay, use_local_relay
    from peerhaven.tui.messages import StoreFailed

    app = screen.peerhaven

    def progress(text: str) -> None:
        screen.post_message(LocalRelayProgress(text))

    try:
        relay = start_local_relay(progress=progress)
    except Exception as exc:  # one sentence from the app, and the offer stays
        app.post_message(StoreFailed(exc))
        screen.post_message(LocalRelayFailed())
        return
    if relay.started:
        app.call_from_thread(app.adopt_local_relay, relay)
    screen.post_message(LocalRelayProgress(_("Fetching the communities it offers…")))
    try:
        url = app.store_call(use_local_relay, relay)
        offered = app.store_call(offers_from, url)
    except Exception:
        screen.post_message(LocalRelayFailed())
        raise
    screen.post_message(LocalRelayReady(url, offered))
    app.call_from_thread(screen.services.start_sync)
