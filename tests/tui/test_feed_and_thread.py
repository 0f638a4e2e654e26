"""Feed and thread flows on a real store: paging, reading, reacting, reporting, muting,
blocking, withdrawing, observer mode, and the links to other places."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.padding import Padding
from rich.text import Text
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, RadioButton, Static

from peerhaven.core import Verifier, builders
from peerhaven.core.persona import pseudonym
from peerhaven.store import open_store
from peerhaven.store.feed import unread_count
from peerhaven.store.paths import store_path
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.confirm import ConfirmModal
from peerhaven.tui.modals.mute import MuteModal
from peerhaven.tui.modals.report import ReportModal
from peerhaven.tui.screens.feed import FIRST_PAGE, PAGE, FeedScreen
from peerhaven.tui.screens.home import HomeScreen
from peerhaven.tui.screens.thread import ThreadScreen
from peerhaven.tui.widgets.community_list import CommunityList
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW, settle, type_text, unlock, wait_until
from tests.tui.feed_world import RUTH, SAM, SLUG, World, build, join_community

AppFactory = Callable[..., PeerHavenApp]


def plain(prompt: object) -> str:
    """The words of an option, whatever renderable holds them."""
    if isinstance(prompt, Padding):
        prompt = prompt.renderable
    if isinstance(prompt, str):
        return prompt
    assert isinstance(prompt, Text), prompt
    return prompt.plain


def rows(screen: Screen[None], selector: str) -> list[str]:
    options = screen.query_one(selector, OptionList)
    return [plain(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def static_text(screen: Screen[None], selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def query(sql: str, *args: object) -> list[tuple[object, ...]]:
    with open_store(store_path(), PASSPHRASE) as store:
        return [tuple(row) for row in store.execute(sql, args).fetchall()]


async def open_feed(pilot: Pilot[None]) -> FeedScreen:
    if not isinstance(pilot.app.screen, HomeScreen):
        await unlock(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FeedScreen))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FeedScreen)
    return screen


async def open_thread(pilot: Pilot[None], row: int = 1) -> ThreadScreen:
    """The feed, then a thread (row 1 is the evening thread with its replies)."""
    feed = await open_feed(pilot)
    feed.query_one("#threads", OptionList).highlighted = row
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ThreadScreen))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ThreadScreen)
    return screen


async def highlight(pilot: Pilot[None], screen: ThreadScreen, post_id: str) -> None:
    posts = screen.query_one("#posts", OptionList)
    posts.highlighted = posts.get_option_index(post_id)
    await pilot.pause()


@pytest.fixture
def world(tui_store: Path) -> World:
    return build(tui_store, extra_threads=3)


# -- home and feed ----------------------------------------------------------------------------


async def test_home_lists_unread_and_the_feed_reads_then_marks_read(
    world: World, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert "Evening circle  ● 8 new" in rows(app.screen, "#communities")[0]
        feed = await open_feed(pilot)
        header = static_text(feed, "#feed-header")
        assert "Evening circle" in header and "you speak as" in header
        assert "reading only" not in header
        shown = rows(feed, "#threads")
        assert len(shown) == 5  # the warned post, the evening thread, three older ones
        assert shown[0].startswith("● new")
        assert "Content warning: loss — Enter to open" in shown[0]
        assert world.warned.content not in shown[0]
        assert "4 replies, 3 new" in shown[1]
        assert "me too 2 · sending support 1" in shown[1]
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await settle(pilot)
        assert "new" not in rows(app.screen, "#communities")[0]
    with open_store(store_path(), PASSPHRASE) as store:
        assert unread_count(store, SLUG) == 0


async def test_the_feed_pages_and_keeps_every_key(tui_store: Path, make_app: AppFactory) -> None:
    build(tui_store, extra_threads=2 * PAGE + 20)
    total = 2 + 2 * PAGE + 20
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        feed = await open_feed(pilot)
        threads = feed.query_one("#threads", OptionList)
        # a first page to fill the screen and the next one behind it, not the whole community
        assert len(feed.summaries) == FIRST_PAGE + PAGE
        await pilot.press(*["down"] * (total + 10))
        await wait_until(pilot, lambda: len(feed.summaries) == total)
        await settle(pilot)
        assert threads.highlighted == total - 1  # no key was lost while pages loaded
        assert feed.next is None
        assert f"row {total} of {total} loaded" in str(threads.border_subtitle)


async def test_coming_back_shows_new_posts_and_keeps_the_place(
    world: World, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        thread = await open_thread(pilot)
        assert app.store is not None
        fresh = builders.post(RUTH, SLUG, "Synced while you read", created_at=NOW - 60)
        with app._store_lock, Verifier(1) as verifier:
            from peerhaven.store.events import ingest

            ingest(app.store, [fresh], verifier)
        assert thread.root_id == world.evenings.id
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, FeedScreen))
        await settle(pilot)
        feed = app.screen
        assert isinstance(feed, FeedScreen)
        assert "Synced while you read" in rows(feed, "#threads")[0]
        highlighted = feed.query_one("#threads", OptionList).highlighted
        assert highlighted is not None
        assert feed.summaries[highlighted].post.id == world.evenings.id


async def test_observers_read_only(tui_store: Path, make_app: AppFactory) -> None:
    world = build(tui_store, observer=True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert "reading only" in rows(app.screen, "#communities")[0]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FeedScreen))
        await settle(pilot)
        feed = app.screen
        header = static_text(feed, "#feed-header")
        assert "reading only: nothing of yours is published here (join to post)" in header
        assert pseudonym(world.me) not in header, "no persona of yours is seen here"
        assert "n new post" not in static_text(feed, "#feed-hint")
        await pilot.press("n")  # not offered: nothing opens
        await settle(pilot)
        assert app.screen is feed
        feed.query_one("#threads", OptionList).highlighted = 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        assert static_text(app.screen, "#thread-hint").startswith("Reading only: join")
        await pilot.press("1")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("only; join it to react" in m for m in messages)
    mine = query("SELECT count(*) FROM reactions WHERE target = ? AND pubkey = ?",
                 world.evenings.id, world.me)  # fmt: skip
    assert mine == [(0,)]


# -- thread -------------------------------------------------------------------------------


async def test_replies_nest_and_reactions_are_recorded(world: World, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        thread = await open_thread(pilot)
        assert [(row.post.id, row.depth) for row in thread.rows] == [
            (world.evenings.id, 0),
            (world.reply.id, 1),
            (world.nested.id, 2),
            (world.folded.id, 2),
            (world.mine.id, 1),
        ]
        shown = rows(thread, "#posts")
        assert "↳ to" in shown[1] and "(you)" in shown[4]
        await pilot.press("1")
        await wait_until(pilot, lambda: "me too 3 ✓" in rows(thread, "#posts")[0])
        await pilot.press("1")  # once is enough: said so, nothing sent
        await settle(pilot)
        assert any("already said" in n.message for n in app._notifications)
        await highlight(pilot, thread, world.reply.id)
        await pilot.press("4")
        await wait_until(pilot, lambda: "thank you 2 ✓" in rows(thread, "#posts")[1])
    given = query("SELECT target, reaction FROM reactions WHERE pubkey = ? ORDER BY reaction",
                  world.me)  # fmt: skip
    assert given == [(world.evenings.id, "me-too"), (world.reply.id, "thank-you")]
    assert query("SELECT count(*) FROM outbox") == [(2,)]


async def test_content_warnings_stay_folded_until_opened(
    world: World, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        thread = await open_thread(pilot)
        index = 3
        assert thread.rows[index].post.id == world.folded.id
        folded = rows(thread, "#posts")[index]
        assert "Content warning: medication — press o to open" in folded
        assert world.folded.content not in folded
        await highlight(pilot, thread, world.folded.id)
        await pilot.press("o")
        assert world.folded.content in rows(thread, "#posts")[index]
        await pilot.press("o")
        assert world.folded.content not in rows(thread, "#posts")[index]
        await pilot.press("enter")  # Enter opens it too
        assert world.folded.content in rows(thread, "#posts")[index]
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, FeedScreen))
        await settle(pilot)
        # Enter on a folded first post in the feed opens it, as the row says
        app.screen.query_one("#threads", OptionList).highlighted = 0
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        assert world.warned.content in rows(app.screen, "#posts")[0]


async def test_report_asks_a_reason_and_seals_it(world: World, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        thread = await open_thread(pilot)
        await highlight(pilot, thread, world.reply.id)
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportModal))
        assert "Only this community's moderators" in static_text(app.screen, ".body")
        await pilot.press("enter")  # no reason yet
        assert "only moderators read it" in static_text(app.screen, "#report-message")
        await type_text(pilot, "Giving medical advice")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        assert any(n.title == "Reported" for n in app._notifications)
    reports = query("SELECT target, pubkey, content FROM events WHERE kind = 'report'")
    assert len(reports) == 1
    target, author, sealed = reports[0]
    assert (target, author) == (world.reply.id, world.me)
    assert "Giving medical advice" not in str(sealed)


async def test_mute_an_author_then_the_thread(world: World, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        thread = await open_thread(pilot)
        await highlight(pilot, thread, world.reply.id)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MuteModal))
        app.screen.query_one("#persona", RadioButton).value = True
        app.screen.query_one("#week", RadioButton).value = True
        await pilot.click("#mute")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        ids = [row.post.id for row in thread.rows]
        assert world.reply.id not in ids and world.evenings.id in ids
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MuteModal))
        await pilot.click("#mute")  # this thread, for a day (the first choices)
        await wait_until(pilot, lambda: isinstance(app.screen, FeedScreen))
        await settle(pilot)
        feed = app.screen
        assert isinstance(feed, FeedScreen)
        assert world.evenings.id not in [s.post.id for s in feed.summaries]
    mutes = dict(
        ((kind, value), until)
        for kind, value, until in query("SELECT kind, value, until FROM mutes")
    )
    assert set(mutes) == {("persona", SAM.pubkey), ("thread", world.evenings.id)}
    assert all(until is not None for until in mutes.values())


async def test_block_asks_first(world: World, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        thread = await open_thread(pilot)
        await highlight(pilot, thread, world.reply.id)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "They are not told" in static_text(app.screen, ".body")
        await pilot.press("escape")
        await settle(pilot)
        assert query("SELECT count(*) FROM blocks") == [(0,)]
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        assert world.reply.id not in [row.post.id for row in thread.rows]
    assert query("SELECT pubkey FROM blocks") == [(SAM.pubkey,)]


async def test_withdraw_only_your_own_and_say_how_far_it_reaches(
    world: World, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        thread = await open_thread(pilot)
        await highlight(pilot, thread, world.reply.id)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert any("only withdraw your own" in n.message for n in app._notifications)
        await highlight(pilot, thread, world.mine.id)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        body = static_text(app.screen, ".body")
        assert "already have a copy keep it until their app syncs the deletion" in body
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await wait_until(pilot, lambda: "withdrawn by its author" in rows(thread, "#posts")[-1])
    assert query("SELECT deleted, content FROM events WHERE id = ?", world.mine.id) == [(1, "")]
    assert query("SELECT count(*) FROM events WHERE kind = 'delete'") == [(1,)]


# -- search and links to other places -----------------------------------------------------


async def test_a_post_found_in_search_opens_in_its_thread(
    world: World, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await type_text(pilot, "lamp idea")
        await pilot.press("enter")
        await settle(pilot)
        results = app.screen.query_one("#results", OptionList)
        results.highlighted = 1  # the first post hit, under its heading
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        thread = app.screen
        assert isinstance(thread, ThreadScreen)
        assert thread.root_id == world.evenings.id
        posts = thread.query_one("#posts", OptionList)
        assert posts.highlighted is not None
        assert posts.get_option_at_index(posts.highlighted).id == world.nested.id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#results") is results  # back to the results


async def test_feed_and_thread_open_compose_rules_and_the_log(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.tui.modals.rules import RulesModal
    from peerhaven.tui.screens.compose import ComposeScreen
    from peerhaven.tui.screens.mod_log import ModLogScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        feed = await open_feed(pilot)
        opened: list[Screen[object]] = []
        for key in ("n", "g", "l", "m"):  # m: the queue is for moderators only
            await pilot.press(key)
            await settle(pilot)
            if app.screen is not feed:
                opened.append(app.screen)
                await app.pop_screen()
                await settle(pilot)
        assert [type(screen) for screen in opened] == [ComposeScreen, RulesModal, ModLogScreen]
        assert all(getattr(screen, "slug", None) == SLUG for screen in opened)
        assert opened[0].reply_to is None  # type: ignore[attr-defined]
        feed.query_one("#threads", OptionList).highlighted = 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ComposeScreen))
        compose = app.screen
        assert (compose.slug, compose.reply_to) == (SLUG, world.evenings.id)  # type: ignore[attr-defined]


async def test_moderators_see_the_queue(tui_store: Path, make_app: AppFactory) -> None:
    from peerhaven.tui.screens.mod_queue import ModQueueScreen

    build(tui_store, moderator=True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        feed = await open_feed(pilot)
        assert "you moderate here" in static_text(feed, "#feed-header")
        assert "m moderation queue" in static_text(feed, "#feed-hint")
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, ModQueueScreen))
        await settle(pilot)
        assert "You moderate" in str(app.screen.query_one("#queue-summary", Static).render())


async def test_home_list_opens_a_feed_by_click(world: World, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.click(CommunityList, offset=(4, 1))
        await wait_until(pilot, lambda: isinstance(app.screen, FeedScreen))
        await settle(pilot)
        await pilot.click("#threads", offset=(6, 5))
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))


async def test_an_empty_feed_says_how_posts_arrive(tui_store: Path, make_app: AppFactory) -> None:
    with open_store(tui_store, PASSPHRASE) as store:
        join_community(store, observer=False, moderator=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        feed = await open_feed(pilot)
        assert rows(feed, "#threads") == [
            "Nothing here yet. Posts arrive when you sync; press n to write the first."
        ]
        assert feed.summaries == []


async def test_a_thread_no_longer_here_says_so_and_goes_back(
    world: World, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await app.push_screen(ThreadScreen("ab" * 32))
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert any("There is no post abababababab" in n.message for n in app._notifications)


# -- what the member sees is true: blocks, counts and your own posts' state -------------------


def post_hits(screen: Screen[None]) -> list[str]:
    """The post results of the search screen (under the "Posts" heading)."""
    from peerhaven.tui.screens.search import SearchScreen

    assert isinstance(screen, SearchScreen)
    return [hit.ref for hit in screen.hits.values() if hit.source == "post"]


async def test_a_block_folds_replies_to_it_and_never_names_another(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.store.publish import publish_post

    with open_store(store_path(), PASSPHRASE) as store:
        answer = publish_post(store, SLUG, "A podcast helps me too.", reply_to=world.reply.id)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        feed = await open_feed(pilot)
        (row,) = [i for i, s in enumerate(feed.summaries) if s.post.id == world.evenings.id]
        feed.query_one("#threads", OptionList).highlighted = row
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        thread = app.screen
        assert isinstance(thread, ThreadScreen)
        await highlight(pilot, thread, world.reply.id)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await wait_until(pilot, lambda: world.reply.id not in [r.post.id for r in thread.rows])
        await settle(pilot)
        by_id = dict(zip([row.post.id for row in thread.rows], rows(thread, "#posts"), strict=True))
        ruth = pseudonym(RUTH.pubkey)
        for answered_sam in (answer.id, world.nested.id, world.folded.id):
            shown = by_id[answered_sam]
            assert "↳ to a persona you blocked" in shown, shown
            assert f"↳ to {ruth}" not in shown
            assert "A reply to a persona you blocked" in shown and "press o to open" in shown
        # its own warning is named on the fold too, so opening it is no surprise
        assert "Content warning: medication — press o to open" in by_id[world.folded.id]
        assert "A podcast helps me too" not in by_id[answer.id]
        assert f"↳ to {ruth}" in by_id[world.mine.id], "a reply to a post in sight names it"
        assert "4 replies" in static_text(thread, "#thread-header")


async def test_search_forgets_a_persona_blocked_from_its_results(
    world: World, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await type_text(pilot, "lamp")
        await pilot.press("enter")
        await settle(pilot)
        assert set(post_hits(app.screen)) == {world.reply.id, world.nested.id}
        search_screen = app.screen
        await app.open_item("post", world.reply.id)
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#confirm")
        # blocking the thread's reply leaves the thread open; Esc goes back to the results
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is search_screen)
        await wait_until(pilot, lambda: world.reply.id not in post_hits(app.screen))
        assert post_hits(app.screen) == [world.nested.id]


async def test_counts_show_only_what_you_can_see_and_home_drops_them_once_read(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.store.filter_prefs import block

    with open_store(store_path(), PASSPHRASE) as store:
        block(store, SAM.pubkey)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        # Ruth's first post and nested reply, the owner's reply, three older threads by Ruth
        # and Sam (two of them Sam's): not Sam's reply, his warned post, or his threads
        assert "Evening circle  ● 4 new" in rows(app.screen, "#communities")[0]
        feed = await open_feed(pilot)
        (evening,) = [row for row in rows(feed, "#threads") if "evenings the hardest" in row]
        # the thread shows Ruth's reply and the owner's (both under Sam's, now out of sight)
        # and yours: three replies, two of them new
        assert "3 replies, 2 new" in evening
        feed.query_one("#threads", OptionList).highlighted = 0
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        assert "3 replies" in static_text(app.screen, "#thread-header")
        await pilot.press("f2")  # straight home from the thread: the feed's read mark is saved
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await wait_until(pilot, lambda: "new" not in rows(app.screen, "#communities")[0])


async def test_your_own_post_shows_its_warning_and_that_it_is_not_sent_yet(
    world: World, make_app: AppFactory
) -> None:
    from peerhaven.store.publish import publish_post

    with open_store(store_path(), PASSPHRASE) as store:
        publish_post(store, SLUG, "Today was the hardest one yet.", cw=["loss"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        feed = await open_feed(pilot)
        first = rows(feed, "#threads")[0]
        assert "(you) · not sent yet" in first
        assert "Content warning: loss — Enter to open" in first
        assert "hardest one yet" not in first
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        assert "(you) · not sent yet" in rows(app.screen, "#posts")[0]
        assert "hardest one yet" in rows(app.screen, "#posts")[0], "Enter opened it"


async def test_a_feed_emptied_by_your_filters_says_so(
    tui_store: Path, make_app: AppFactory
) -> None:
    """Threads are stored but all out of sight: never "Nothing here yet"."""
    from peerhaven.store.events import ingest
    from peerhaven.store.filter_prefs import block

    with open_store(tui_store, PASSPHRASE) as store:
        join_community(store, observer=False, moderator=False)
        post = builders.post(RUTH, SLUG, "a long night again", created_at=1_794_800_000)
        with Verifier(1) as verifier:
            ingest(store, [post], verifier)
        block(store, RUTH.pubkey)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        feed = await open_feed(pilot)
        (only,) = rows(feed, "#threads")
        assert "Nothing here yet" not in only
        assert only.startswith("Every thread here is out of sight: muted, blocked or hidden")
        assert "F8 lists your mutes and blocks" in only


async def test_a_thread_read_from_the_feed_is_no_longer_new_there(
    world: World, make_app: AppFactory
) -> None:
    """Back from a thread, its row drops "3 new": it was read, even before the feed is left."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        feed = await open_feed(pilot)
        assert "4 replies, 3 new" in rows(feed, "#threads")[1]
        assert rows(feed, "#threads")[1].startswith("● new")
        feed.query_one("#threads", OptionList).highlighted = 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        thread = app.screen
        assert isinstance(thread, ThreadScreen) and thread.root_id == world.evenings.id
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is feed)
        await settle(pilot)
        row = next(r for r in rows(feed, "#threads") if "4 replies" in r)
        assert "new" not in row, row
        # the other threads were not opened: still new until the feed is left
        assert rows(feed, "#threads")[0].startswith("● new")
