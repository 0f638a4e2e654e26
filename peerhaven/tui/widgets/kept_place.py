"""Refilling a list while someone reads it, without moving their place.

A live stream can bring a new thread or reply at any moment; the feed and the
thread then read the store again and refill their list. A refill done naively
(clear, add, highlight) jumps: the list scrolls to the top and the highlight to
wherever the old index now points. Here the highlighted option stays the same
post and stays on the same screen line, so what is under the reader's eyes does
not move; only when the list was at its very top does it stay at the top, so a
new thread above shows (the highlighted one moves down with it, still in sight).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList
from textual.widgets.option_list import OptionDoesNotExist


def _line_of(options: OptionList, index: int) -> int | None:
    """The first screen line (in the list's own coordinates) of option ``index``."""
    # the option list's line map (Textual is pinned; tests/tui check the place is kept)
    return options._index_to_line.get(index)


def refill_keeping_place(options: OptionList, fill: Callable[[], object], keep: str | None) -> None:
    """Run ``fill`` (which replaces the options), then highlight ``keep`` again where the
    reader saw it. Without ``keep`` (or when it is gone) ``fill`` decides alone."""
    before = None
    if options.highlighted is not None and options.is_mounted:
        line = _line_of(options, options.highlighted)
        if line is not None:
            before = (line - round(options.scroll_y), options.scroll_y == 0)
    fill()
    if keep is None:
        return
    try:
        index = options.get_option_index(keep)
    except OptionDoesNotExist:
        return
    options.highlighted = index
    line = _line_of(options, index)
    if before is None or line is None:
        return
    offset, at_top = before
    height = options.scrollable_content_region.height
    if at_top and line + options._heights.get(index, 1) <= height:
        options.scroll_to(y=0, animate=False, immediate=True)
    else:
        options.scroll_to(y=max(0, line - offset), animate=False, immediate=True)
