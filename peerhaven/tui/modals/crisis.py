"""Crisis lines, one key from every screen, locked or not: help never waits for a passphrase."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from peerhaven.core.i18n import N_, _
from peerhaven.safety.crisis import format_resources, resources_for
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.messages import SettingsChanged

if TYPE_CHECKING:
    from peerhaven.tui.app import PeerHavenApp


CHOOSE_COUNTRY = N_(
    "Type your country's two letters below to see its lines; the directories "
    "below list services in most countries."
)


class CrisisScreen(ModalScreen[None]):
    """The emergency sentence first, then lines for the chosen country and directories.

    The country is remembered (once the store is unlocked) so the right lines come
    first next time; nothing about this screen is sent anywhere.
    """

    BINDINGS = bindings_for("crisis")
    AUTO_FOCUS = "#country"

    def compose(self) -> ComposeResult:
        """The lines, and a field to choose the country."""
        with Vertical(classes="dialog wide", id="crisis"):
            yield Static(_("Help right now"), classes="title")
            with VerticalScroll():
                yield Static("", id="crisis-lines")
            yield Input(
                placeholder=_("Your country, two letters (GB, US, DE…), then Enter"),
                id="country",
                max_length=2,
            )
            yield Static(_("Esc closes · this screen opens with F9 from anywhere"), classes="hint")

    def on_mount(self) -> None:
        """Show the lines for the remembered country at once (no store access needed)."""
        app = cast("PeerHavenApp", self.app)
        country = app.settings.get("country")
        self.show(country if isinstance(country, str) else None)

    def show(self, country: str | None) -> None:
        """Draw the resources for a country (all directories when none is chosen)."""
        # an unknown code is not an error: the text says there are no lines for it yet
        text = format_resources(resources_for(country), _(CHOOSE_COUNTRY))
        self.query_one("#crisis-lines", Static).update(text)

    @on(Input.Submitted, "#country")
    def country_chosen(self, event: Input.Submitted) -> None:
        """Show that country's lines, and remember it when the store is open."""
        code = event.value.strip().upper()
        self.show(code or None)
        app = cast("PeerHavenApp", self.app)
        if code and app.store is not None:
            app.settings["country"] = code
            self.post_message(SettingsChanged("country", code))
            self.remember(code)

    @work(thread=True, group="crisis-country", exit_on_error=False)
    def remember(self, code: str) -> None:
        """Store the country choice (on this device only)."""
        from peerhaven.store.settings import set_setting

        cast("PeerHavenApp", self.app).store_call(set_setting, "country", code)

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss()
