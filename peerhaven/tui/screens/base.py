"""What every place in the app shares: its name and a typed handle on the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from peerhaven.tui.app import PeerHavenApp
    from peerhaven.tui.services import AppServices


class PlaceScreen(Screen[None]):
    """A screen reachable by name (``app.go('journal')``); ``PLACE`` keys its bindings."""

    PLACE: ClassVar[str] = ""

    @property
    def peerhaven(self) -> PeerHavenApp:
        """The app, typed, for ``store_call`` from workers."""
        return cast("PeerHavenApp", self.app)

    @property
    def services(self) -> AppServices:
        """Syncing and sending, through the one interface for them (mypy checks that the
        app provides it)."""
        services: AppServices = self.peerhaven
        return services
