"""A list that pages from the store as you move through it, and never drops a key.

The next page is asked for well before the highlight reaches the end; if the
keys still outrun the store, moves past the last row are kept and applied
when the page arrives, so a held-down arrow lands where it would have.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

#: ask for the next page when the highlight is this close to the end of what is loaded
LOOKAHEAD = 25


class PagedList(OptionList):
    """An ``OptionList`` over a long, paged source; the screen answers ``NeedMore``."""

    class NeedMore(Message):
        """The highlight is near the end: load the next page (and call ``add_page``)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        #: the source has more after what is loaded
        self.more = False
        #: a page was asked for and has not arrived yet (not ``loading``: that is Textual's spinner)
        self.fetching = False
        #: down-moves pressed past the last loaded row while a page was loading
        self.pending_moves = 0

    def reset(self, options: Iterable[Option], *, more: bool) -> None:
        """Replace everything (a first page or a refresh); the highlight goes to the top."""
        self.clear_options()
        self.pending_moves = 0
        self.fetching = False
        self.add_page(options, more=more)

    def add_page(self, options: Iterable[Option], *, more: bool) -> None:
        """Append a page, then replay any moves pressed while it was loading.

        Rows are separated by a rule, pages too.
        """
        new = list(options)
        spaced: list[Option | None] = []
        for option in new:
            if spaced or self.option_count:
                spaced.append(None)
            spaced.append(option)
        self.add_options(spaced)
        self.fetching = False
        self.more = more
        if self.highlighted is None and self.option_count:
            self.highlighted = 0
        if self.pending_moves and self.highlighted is not None:
            target = self.highlighted + self.pending_moves
            self.highlighted = min(target, self.option_count - 1)
            # moves beyond this page wait for the next one (none if the source is done)
            self.pending_moves = target - self.highlighted if more else 0
        self._maybe_ask()

    def _maybe_ask(self) -> None:
        """Ask for more when near the end and nothing is on its way."""
        at = self.highlighted if self.highlighted is not None else 0
        if self.more and not self.fetching and at >= self.option_count - LOOKAHEAD:
            self.fetching = True
            self.post_message(self.NeedMore())

    def action_cursor_down(self) -> None:
        """Move down; at the end of a page still loading, remember the move instead.

        At the very end the highlight stays (a long feed does not wrap to the top).
        """
        last = self.option_count - 1
        if self.highlighted is not None and self.highlighted >= last:
            if self.more:
                self.pending_moves += 1
                self._maybe_ask()
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move up; at the top the highlight stays (no wrap to the far end)."""
        if self.highlighted is not None and self.highlighted <= 0:
            return
        super().action_cursor_up()

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Page in ahead of the highlight."""
        super().watch_highlighted(highlighted)
        self._maybe_ask()
