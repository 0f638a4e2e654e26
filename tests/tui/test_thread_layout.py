"""How a thread reads at 80×24: a reply's body sits under its own byline, and the
key line names every key the thread offers (``e`` edits your own post)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList, Static

from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.screens.thread import ThreadScreen
from tests.fixtures.tui import settle, unlock, wait_until
from tests.tui.feed_world import build

AppFactory = Callable[..., PeerHavenApp]


def _lines(posts: OptionList, index: int) -> list[str]:
    """The screen lines of one option, as the list draws them."""
    option = posts.get_option_at_index(index)
    style = posts.get_visual_style("option-list--option")
    return [strip.text for strip in posts._get_option_render(option, style)]


async def test_a_reply_body_is_indented_under_its_byline(
    tui_store: Path, make_app: AppFactory
) -> None:
    build(tui_store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ThreadScreen)
        posts = screen.query_one("#posts", OptionList)
        deep = [i for i, row in enumerate(screen.rows) if row.depth > 0]
        assert deep
        for row_index in deep:
            index = posts.get_option_index(screen.rows[row_index].post.id)
            # the separator under a post is drawn with it: only the post's own lines count
            lines = [line for line in _lines(posts, index) if line.strip().strip("─")]
            indent = len(lines[0]) - len(lines[0].lstrip())
            assert indent > 0
            for line in lines[1:]:
                assert len(line) - len(line.lstrip()) >= indent, lines


async def test_the_thread_key_line_names_edit(tui_store: Path, make_app: AppFactory) -> None:
    build(tui_store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        hint = str(app.screen.query_one("#thread-hint", Static).render())
        assert "e edit" in hint
