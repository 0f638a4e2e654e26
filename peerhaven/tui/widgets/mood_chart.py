"""A mood chart over weeks or months with labelled axes; bar height carries the value.

Drawn with block characters so it reads the same in any theme and with
``NO_COLOR``: the y axis is numbered 2–10, the x axis names its first,
middle and last dates, and a dot marks a period with no entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget

from peerhaven.core import localized
from peerhaven.core.i18n import _

if TYPE_CHECKING:
    from peerhaven.store.journal import MoodPoint

Bucket = tuple[int, "MoodPoint | None"]

ROWS = 5  # each row is two points of the 1–10 scale
EIGHTHS = " ▁▂▃▄▅▆▇█"
AXIS_WIDTH = 4  # "10 ┤"


def _label(timestamp: int) -> str:
    """A bucket's start as a short UTC date (buckets are UTC days)."""
    return localized.when(timestamp, localized.DAY, utc=True)


class MoodChart(Widget):
    """Average mood per bucket (a day or a week), as vertical bars."""

    DEFAULT_CSS = """
    MoodChart {
        height: 8;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.buckets: list[Bucket] = []

    def show(self, buckets: Sequence[Bucket]) -> None:
        """Take a new series and redraw."""
        self.buckets = list(buckets)
        self.refresh()

    def _column_widths(self, available: int) -> list[int]:
        """Cells per bucket, spread over the whole width: a range of 13 weeks or 52 gets
        every column the chart has (some buckets one cell wider than others), never a
        fixed width that leaves the right half empty."""
        count = max(len(self.buckets), 1)
        span = max(available, count)  # at least a cell each, however narrow
        edges = [i * span // count for i in range(count + 1)]
        return [right - left for left, right in zip(edges, edges[1:], strict=False)]

    def render(self) -> Text:
        """Rows from 10 down to 2, the x axis, then the date labels."""
        if not self.buckets:
            return Text(_("Nothing to chart yet."))
        if all(point is None for _unused, point in self.buckets):
            return Text(_("No entries in this period yet. A mood score is enough for an entry."))
        widths = self._column_widths(self.size.width - AXIS_WIDTH)
        lines: list[Text] = []
        for row in range(ROWS):
            top = (ROWS - row) * 2
            line = Text(f"{top:>2} ┤", style="dim")
            for (_unused, point), width in zip(self.buckets, widths, strict=True):
                if point is None:
                    cell = "·" if row == ROWS - 1 else " "
                    line.append(cell.ljust(width))
                    continue
                bar = width - 1 if width > 2 else width  # a gap between wide bars
                # how many eighths of this row the value fills
                eighths = round((point.average - (top - 2)) / 2 * 8)
                glyph = EIGHTHS[max(0, min(8, eighths))]
                line.append((glyph * bar).ljust(width), style="bold")
            lines.append(line)
        span = sum(widths)
        lines.append(Text("   └" + "─" * span, style="dim"))
        lines.append(self._dates(span))
        return Text("\n").join(lines)

    def _dates(self, span: int) -> Text:
        """First, middle and last dates under the x axis."""
        first, last = self.buckets[0][0], self.buckets[-1][0]
        middle = self.buckets[len(self.buckets) // 2][0]
        left, centre, right = _label(first), _label(middle), _label(last)
        row = [" "] * max(span, len(left) + len(centre) + len(right) + 2)
        for start, label in (
            (0, left),
            ((span - len(centre)) // 2, centre),
            (span - len(right), right),
        ):
            start = max(0, start)
            row[start : start + len(label)] = list(label)
        return Text("    " + "".join(row).rstrip(), style="dim")
