"""Joined communities with their unread counts (filled in by home after each sync)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from peerhaven.store.overview import Membership

EMPTY = "You haven't joined a community yet."


class CommunityList(Static):
    """One line per community: its name, slug and the persona used there."""

    DEFAULT_CSS = """
    CommunityList {
        height: auto;
    }
    """

    def show(self, memberships: Sequence[Membership], unread: dict[str, int] | None = None) -> None:
        """Draw the list; ``unread`` maps a slug to its count of posts not read yet."""
        if not memberships:
            self.update(EMPTY)
            return
        text = Text()
        for i, member in enumerate(memberships):
            if i:
                text.append("\n")
            text.append(member.name, style="bold")
            if member.observer:  # no persona is shown where nothing is published
                text.append(f"\n  {member.slug} · reading only")
            else:
                text.append(f"\n  {member.slug} · as {member.persona_pseudonym}")
            count = (unread or {}).get(member.slug)
            if count:
                text.append(f"  {count} unread")
        self.update(text)
