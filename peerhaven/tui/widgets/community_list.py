"""Joined communities, one selectable row each: name, persona, role and unread count."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.tui.others_text import plain

if TYPE_CHECKING:
    from peerhaven.store.overview import Membership

EMPTY = N_("You haven't joined a community yet.")
#: the list's bottom edge says how to use it (the footer has no room for list keys)
OPEN_HINT = N_("↑↓ choose · Enter opens")
EMPTY_HINT = N_("b browses communities")


def unread_words(count: int | None, cap: int) -> str:
    """ "3 new", "1000+ new" at the cap, nothing when all is read or not counted yet."""
    if not count:
        return ""
    return (
        _("{count}+ new").format(count=count)
        if count >= cap
        else ngettext("{count} new", "{count} new", count).format(count=count)
    )


class CommunityList(OptionList):
    """Enter (or a click) on a community opens its feed; the home screen does the opening."""

    DEFAULT_CSS = """
    CommunityList {
        height: auto;
        max-height: 14;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.memberships: tuple[Membership, ...] = ()
        self.unread: dict[str, int] = {}

    def show(
        self, memberships: Sequence[Membership] | None = None, unread: dict[str, int] | None = None
    ) -> None:
        """Draw the list; either part may come first (the counts load separately)."""
        from peerhaven.store.feed import UNREAD_CAP

        if memberships is not None:
            self.memberships = tuple(memberships)
        if unread is not None:
            self.unread = dict(unread)
        kept = self.highlighted
        self.clear_options()
        if not self.memberships:
            self.border_subtitle = _(EMPTY_HINT)
            self.add_option(Option(_(EMPTY), disabled=True))
            return
        self.border_subtitle = _(OPEN_HINT)
        for member in self.memberships:
            text = Text()
            text.append(plain(member.name), style="bold")
            count = unread_words(self.unread.get(member.slug), UNREAD_CAP)
            if count:
                text.append(f"  ● {count}")
            if member.observer:  # no persona is shown where nothing is published
                text.append(_("\n  {slug} · reading only").format(slug=member.slug))
            else:
                text.append(
                    _("\n  {slug} · as {pseudonym}").format(
                        slug=member.slug, pseudonym=member.persona_pseudonym
                    )
                )
            self.add_option(Option(text, id=member.slug))
        self.highlighted = min(kept or 0, self.option_count - 1)
