"""A checkbox whose state shows as a mark, not only as a colour.

Textual's ``Checkbox`` draws the same "X" ticked or not and tells them apart by
colour alone, which says nothing with ``NO_COLOR`` or to a colour-blind reader.
This one draws "X" when ticked and a blank when not.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class MarkedCheckbox(Checkbox):
    """A ``Checkbox`` that is visibly empty until ticked."""

    @property
    def _button(self) -> Content:
        """The box, with a mark only when ticked."""
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button
