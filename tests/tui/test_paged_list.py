"""The paged list keeps every key: moves past a page still loading land when it arrives."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.widgets.option_list import Option

from peerhaven.tui.widgets.paged_list import PagedList


class OnePage(App[None]):
    """A list whose pages arrive only when the test hands them over."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def compose(self) -> ComposeResult:
        yield PagedList(id="list")

    def on_mount(self) -> None:
        self.query_one(PagedList).reset(page(0), more=True)

    @on(PagedList.NeedMore)
    def need_more(self) -> None:
        self.asked += 1


def page(start: int, size: int = 40) -> list[Option]:
    return [Option(f"row {i}", id=str(i)) for i in range(start, start + size)]


async def test_moves_wait_for_the_page_and_focus_stays() -> None:
    app = OnePage()
    async with app.run_test() as pilot:
        rows = app.query_one(PagedList)
        assert app.focused is rows and rows.highlighted == 0
        await pilot.press(*["down"] * 100)
        assert app.asked == 1  # asked once, LOOKAHEAD rows before the end
        assert app.focused is rows  # the request does not take focus away (keys would go)
        assert (rows.highlighted, rows.pending_moves) == (39, 61)
        rows.add_page(page(40), more=True)
        assert (rows.highlighted, rows.pending_moves) == (79, 21)
        await pilot.pause()
        assert app.asked == 2
        rows.add_page(page(80, 21), more=False)
        assert (rows.highlighted, rows.pending_moves) == (100, 0)
        await pilot.press("down", "down")  # the end: the highlight stays, nothing wraps
        assert rows.highlighted == 100 and app.asked == 2
