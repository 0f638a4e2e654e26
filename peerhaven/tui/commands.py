"""The command palette: one entry for every action that applies where you are.

Generated from ``bindings.KEYS`` so the palette, the footer and the help screen
never disagree.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from peerhaven.tui.bindings import KEYS, KeySpec


class ActionsProvider(Provider):
    """Every palette-worthy binding for the app and the current screen."""

    def _specs(self) -> list[KeySpec]:
        """Actions that can run where the palette was opened."""
        place = getattr(self.screen, "PLACE", None)
        if place is None:  # unlock, first run: nothing to do but unlock
            return [spec for spec in KEYS if spec.id in ("quit", "help")]
        return [spec for spec in KEYS if spec.palette and spec.where in ("app", place)]

    async def _run(self, spec: KeySpec) -> None:
        """Run the action where its binding would have run it."""
        await self.app.run_action(spec.action, default_namespace=self.screen)

    def _help(self, spec: KeySpec) -> str:
        """The key, shown under each entry."""
        return f"Key: {spec.key_display}"

    async def discover(self) -> Hits:
        """Offer every action before anything is typed."""
        for spec in self._specs():
            yield DiscoveryHit(spec.long, partial(self._run, spec), help=self._help(spec))

    async def search(self, query: str) -> Hits:
        """Fuzzy-match the typed words against each action's description."""
        matcher = self.matcher(query)
        for spec in self._specs():
            score = matcher.match(spec.long)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(spec.long),
                    partial(self._run, spec),
                    help=self._help(spec),
                )
