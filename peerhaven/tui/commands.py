"""The command palette: one entry for every action that applies where you are, and one
for every setting (so "proxy" or "theme" finds its place in Settings).

Generated from ``bindings.KEYS`` and ``bindings.SETTINGS`` so the palette, the footer
and the help screen never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from peerhaven.core.i18n import _
from peerhaven.tui.bindings import KEYS, SETTINGS, KeySpec, SettingSpec

#: an entry whose words begin with what was typed ranks first: "drafts" finds Drafts,
#: not "Quit (open drafts are saved first)", which the fuzzy score alone ties with it
PREFIX_BOOST = 2.0


@dataclass(frozen=True, slots=True)
class Entry:
    """One palette entry: the words shown, shorter words it also answers to, what it runs."""

    shown: str
    short: str
    action: str
    help: str


class ActionsProvider(Provider):
    """Every palette-worthy binding for the app and the current screen."""

    def _specs(self) -> list[KeySpec]:
        """Actions that can run where the palette was opened."""
        place = getattr(self.screen, "PLACE", None)
        if place is None:  # unlock, first run: nothing to do but unlock
            return [spec for spec in KEYS if spec.id in ("quit", "help")]
        return [spec for spec in KEYS if spec.palette and spec.where in ("app", place)]

    def _settings(self) -> tuple[SettingSpec, ...]:
        """Settings, findable from every place (not before unlocking)."""
        return SETTINGS if getattr(self.screen, "PLACE", None) is not None else ()

    def _entries(self) -> list[Entry]:
        """Each entry offered here."""
        keys = [
            Entry(
                spec.long,
                _(spec.description),
                spec.action,
                _("Key: {key_display}").format(key_display=spec.key_display),
            )
            for spec in self._specs()
        ]
        settings = [
            Entry(_(spec.description), _(spec.description), spec.action, _("In Settings"))
            for spec in self._settings()
        ]
        return keys + settings

    async def _run(self, action: str) -> None:
        """Run the action where its binding would have run it."""
        await self.app.run_action(action, default_namespace=self.screen)

    async def discover(self) -> Hits:
        """Offer every action before anything is typed."""
        for entry in self._entries():
            yield DiscoveryHit(entry.shown, partial(self._run, entry.action), help=entry.help)

    async def search(self, query: str) -> Hits:
        """Fuzzy-match the typed words against each action's words, long or short ("open
        the journal" and "journal" both find the journal)."""
        matcher = self.matcher(query)
        typed = query.strip().lower()

        def score(words: str) -> float:
            found = matcher.match(words)
            if words.lower().startswith(typed):  # a place or setting typed by its name
                found *= PREFIX_BOOST
            return found

        for entry in self._entries():
            best = max(score(entry.shown), score(entry.short))
            if best > 0:
                yield Hit(
                    best,
                    matcher.highlight(entry.shown),
                    partial(self._run, entry.action),
                    help=entry.help,
                )
