"""Who you are here: the pseudonym, its short fingerprint, and what others see."""

from __future__ import annotations

from textual.widgets import Static

from peerhaven.core.i18n import _


class PersonaCard(Static):
    """The default persona, as the home screen shows it."""

    DEFAULT_CSS = """
    PersonaCard {
        height: auto;
    }
    """

    def show(self, pseudonym: str | None, fingerprint: str | None) -> None:
        """Draw the persona, or say plainly that there is none yet."""
        if pseudonym is None:
            self.update(_("No persona yet. Settings (F6) makes one."))
            return
        self.update(
            _("[b]{pseudonym}[/b]\nkey {fingerprint}\nNobody here sees your name.").format(
                pseudonym=pseudonym, fingerprint=fingerprint
            )
        )
