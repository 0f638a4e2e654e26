"""The network part of Settings: relays (status in words, add, remove) and the proxy.

A widget of its own so the settings screen stays a coordinator: it loads and
saves through the app's ``store_call`` in workers, like every screen, and
reports what happened with notifications.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core.i18n import N_, _
from peerhaven.tui.messages import SettingsChanged
from peerhaven.tui.modals.confirm import ConfirmModal
from peerhaven.tui.others_text import plain

if TYPE_CHECKING:
    from peerhaven.store import Store
    from peerhaven.store.relays import RelayStatus
    from peerhaven.tui.app import PeerHavenApp
    from peerhaven.tui.services import AppServices

NO_RELAYS = N_(
    "No relays yet: everything stays on this device. Add a relay's address below, or start "
    "a local relay to try communities here first."
)
PROXY_HELP = N_(
    "Every sync goes through this proxy. For Tor: socks5://127.0.0.1:9050 (socks5h://… "
    "also looks relay names up through Tor). A local relay on this device is always "
    "reached directly."
)


@dataclass(frozen=True, slots=True)
class NetworkView:
    """What the section shows, read in one trip."""

    relays: tuple[RelayStatus, ...]
    local_url: str | None
    local_running: bool
    proxy: str | None
    now: int


def read_network(store: Store) -> NetworkView:
    """Relays with their status, which one is local (and whether it runs), the proxy."""
    from peerhaven.store import clock
    from peerhaven.store.proxy import current_proxy
    from peerhaven.store.relays import relay_statuses
    from peerhaven.sync.local_relay import local_relay_status, local_relay_url

    local = local_relay_url(store)
    running = bool(local) and local_relay_status().running
    return NetworkView(
        tuple(relay_statuses(store)), local, running, current_proxy(store), clock.now()
    )


def state_words(relay: RelayStatus) -> str:
    """Offline while failing, online once a sync went through, else not reached yet."""
    if relay.failures:
        return "offline"
    return _("online") if relay.last_success else _("not reached yet")


def relay_label(relay: RelayStatus, view: NetworkView) -> Text:
    """The address (and "local relay on this device"), then its state in words."""
    text = Text()
    text.append(relay.url, style="bold")
    if relay.url == view.local_url:
        state = "running" if view.local_running else "stopped"
        text.append(_("  local relay on this device, {state}").format(state=state), style="italic")
    words = relay.describe(view.now).split("; ", 1)
    words[0] = state_words(relay)
    text.append("\n  " + plain("; ".join(words)))  # the last error quotes the relay
    return text


def remove_relay_everywhere(store: Store, url: str, local: bool) -> None:
    """Forget the relay; if it is the local one, stop choosing it (the caller stops it)."""
    from peerhaven.store.relays import remove_relay
    from peerhaven.sync.local_relay import forget_local_relay

    remove_relay(store, url)
    if local:
        forget_local_relay(store)


class NetworkSettings(Vertical):
    """Relays and proxy; ``load()`` refreshes both."""

    DEFAULT_CSS = """
    NetworkSettings {
        height: auto;
    }
    """

    class Loaded(Message):
        """The current relays and proxy."""

        def __init__(self, view: NetworkView) -> None:
            self.view = view
            super().__init__()

    class Changed(Message):
        """A change went through; ``note`` says which in words."""

        def __init__(self, note: str) -> None:
            self.note = note
            super().__init__()

    def __init__(self) -> None:
        super().__init__(id="network")
        self.view: NetworkView | None = None

    @property
    def peerhaven(self) -> PeerHavenApp:
        """The app, typed, for ``store_call`` from workers."""
        return cast("PeerHavenApp", self.app)

    @property
    def _services(self) -> AppServices:
        """Syncing and live streams, through the one interface for them."""
        services: AppServices = self.peerhaven
        return services

    def compose(self) -> ComposeResult:
        """Relays (list, add, remove, local), then the proxy with its Tor line."""
        yield Static(_("Relays"), classes="section")
        yield Static(_(NO_RELAYS), id="relays-empty", classes="explain")
        yield OptionList(id="relay-list")
        with Horizontal(classes="fields"):
            yield Input(placeholder=_("https://relay.example.org"), id="relay-url")
            yield Button(_("Add relay"), id="add-relay")
        with Horizontal(classes="buttons"):
            yield Button(_("Remove relay… (Ctrl+R)"), id="remove-relay")
            yield Button(_("Start a local relay"), id="start-local-relay")
        yield Static("", id="relays-note", classes="explain")
        yield Static(_("Proxy"), classes="section")
        with Horizontal(classes="fields"):
            yield Input(placeholder=_("socks5://127.0.0.1:9050"), id="proxy")
            yield Button(_("Save proxy"), id="save-proxy")
            yield Button(_("Clear"), id="clear-proxy")
        yield Static("", id="proxy-state")
        yield Static(_(PROXY_HELP), id="proxy-help", classes="explain")

    def on_mount(self) -> None:
        """Read what is set."""
        self.load()

    @work(thread=True, exclusive=True, group="network-load", exit_on_error=False)
    def load(self) -> None:
        """Relays, local relay and proxy in one trip."""
        self.post_message(self.Loaded(self.peerhaven.store_call(read_network)))

    def on_network_settings_loaded(self, message: Loaded) -> None:
        """Draw the list; the add and remove controls fit what there is."""
        before, view = self.view, message.view
        self.view = view
        relays = self.query_one("#relay-list", OptionList)
        keep = relays.highlighted
        relays.clear_options()
        relays.add_options(Option(relay_label(r, view), id=r.url) for r in view.relays)
        if view.relays:
            relays.highlighted = min(keep or 0, len(view.relays) - 1)
        relays.display = bool(view.relays)
        self.query_one("#relays-empty").display = not view.relays
        self.query_one("#remove-relay").display = bool(view.relays)
        self.query_one("#start-local-relay").display = view.local_url is None
        if before is None or before.proxy != view.proxy:  # never overwrite unsaved typing
            self.query_one("#proxy", Input).value = view.proxy or ""
        self.query_one("#proxy-state", Static).update(
            _("In use: {proxy}").format(proxy=view.proxy)
            if view.proxy
            else _("No proxy: syncs connect to relays directly.")
        )

    # -- relays ----------------------------------------------------------------------------

    @on(Input.Submitted, "#relay-url")
    @on(Button.Pressed, "#add-relay")
    def add_clicked(self) -> None:
        """Add the typed address (checked; a bad one stays in the field to fix)."""
        url = self.query_one("#relay-url", Input).value.strip()
        if url:
            self.add_relay(url)
        else:
            self.notify(_("Type a relay's address first, like https://relay.example.org."))

    @work(thread=True, group="network-write", exit_on_error=False)
    def add_relay(self, url: str) -> None:
        """Remember the relay; the next sync contacts it."""
        from peerhaven.store.relays import add_relay

        clean = self.peerhaven.store_call(add_relay, url)
        self._services.follow_relays()
        self.app.call_from_thread(self.query_one("#relay-url", Input).clear)
        self.post_message(
            self.Changed(_("Added {clean}. The next sync contacts it.").format(clean=clean))
        )

    @on(Button.Pressed, "#remove-relay")
    def ask_remove(self) -> None:
        """Ask before forgetting the highlighted relay, saying what that means."""
        index = self.query_one("#relay-list", OptionList).highlighted
        if self.view is None or index is None or index >= len(self.view.relays):
            return
        url = self.view.relays[index].url
        local = url == self.view.local_url
        body = _(
            "This device stops syncing with it and forgets what it offered. Communities you "
            "joined stay if another relay carries them; what waits to be sent to it is dropped."
        )
        if local:
            body += _(
                " The local relay stops and is not started again; its sample communities "
                "stay in its own folder for next time."
            )

        def chosen(confirmed: bool | None) -> None:
            """Remove only on a clear yes."""
            if confirmed:
                self.remove_relay(url, local)

        self.app.push_screen(
            ConfirmModal(_("Remove {url}?").format(url=url), body, _("Remove relay")), chosen
        )

    @work(thread=True, group="network-write", exit_on_error=False)
    def remove_relay(self, url: str, local: bool) -> None:
        """Forget it (and stop the local relay if that is the one)."""
        self.peerhaven.store_call(remove_relay_everywhere, url, local)
        self._services.follow_relays()  # its live stream ends
        if local:
            from peerhaven.sync.local_relay import stop_local_relay

            self.peerhaven.local_relay = None
            stop_local_relay()
        self.post_message(self.Changed(_("Removed {url}.").format(url=url)))

    @on(Button.Pressed, "#start-local-relay")
    def start_local(self) -> None:
        """The same start as home's offline panel, with progress under the list."""
        from peerhaven.tui.local_relay import start_from
        from peerhaven.tui.screens.base import PlaceScreen

        self.query_one("#relays-note", Static).update(_("Starting a local relay…"))
        start_from(cast(PlaceScreen, self.screen))

    def show_progress(self, text: str) -> None:
        """A step of the local relay's start, under the list (empty when done)."""
        self.query_one("#relays-note", Static).update(text)

    # -- proxy -----------------------------------------------------------------------------

    @on(Input.Submitted, "#proxy")
    @on(Button.Pressed, "#save-proxy")
    def save_clicked(self) -> None:
        """Save the typed proxy (an empty field clears it)."""
        self.set_proxy(self.query_one("#proxy", Input).value)

    @on(Button.Pressed, "#clear-proxy")
    def clear_clicked(self) -> None:
        """Syncs connect directly again."""
        self.set_proxy("")

    @work(thread=True, group="network-write", exit_on_error=False)
    def set_proxy(self, url: str) -> None:
        """Check and store; a refused address stays in the field, the old value in use."""
        from peerhaven.store.proxy import set_proxy

        clean = self.peerhaven.store_call(set_proxy, url)
        note = (
            _("Syncs now go through {clean}.").format(clean=clean)
            if clean
            else _("No proxy: syncs connect directly.")
        )
        self.post_message(SettingsChanged("proxy", clean))  # live streams reconnect through it
        self.post_message(self.Changed(note))

    def on_network_settings_changed(self, message: Changed) -> None:
        """Confirm quietly and show the new state."""
        self.notify(message.note, timeout=4)
        self.load()
