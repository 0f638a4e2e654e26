"""The app live, with real relay processes: what another member writes shows in place.

Member A is the app (the test's store); member B is a second store in the same
test, writing through the same code the CLI uses (``publish_post`` and
``send_now``). After unlocking, the app syncs once, then holds one live stream per
relay: B's post appears in A's open feed and thread while A's highlighted post
stays highlighted on the same screen line; home's counts and relay lines follow;
lock and quit leave no stream thread or socket behind.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from peerhaven.core import Keypair, builders
from peerhaven.core.event import Event
from peerhaven.store import open_store
from peerhaven.store.paths import store_path
from peerhaven.store.publish import publish_post
from peerhaven.store.relays import add_relay, save_info
from peerhaven.sync.send import send_now
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.screens.feed import FeedScreen
from peerhaven.tui.screens.home import HomeScreen
from peerhaven.tui.screens.thread import ThreadScreen
from peerhaven.tui.widgets.paged_list import PagedList
from peerhaven.tui.widgets.relay_status import RelayStatus
from tests.fixtures.hostile import FakeRelay, Reply, Script, Seen
from tests.fixtures.proxies import ProxyProcess
from tests.fixtures.relay import RelayLauncher, RelayProcess
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import settle, unlock, wait_until
from tests.sync.helpers import PASSPHRASE as B_PASSPHRASE
from tests.sync.helpers import join_via, member, publish_many
from tests.tui.test_browse_and_sync import joined, make_community, with_relays

AppFactory = Callable[..., PeerHavenApp]
SLUG = "night-owls"
#: generous: two cores shared by many test processes
LIVE_WAIT = 40.0


@pytest.fixture
def owls(tmp_path: Path, relay_process: RelayLauncher) -> RelayProcess:
    """A relay with one community, a heartbeat every second and no posting limit."""
    data = tmp_path / "relay-data"
    make_community(data, SLUG, "Night owls")
    return relay_process(data_dir=data, args=["--pubkey-rate", "0", "--stream-heartbeat", "1"])


@pytest.fixture
def member_b(tmp_path: Path, owls: RelayProcess) -> Path:
    """A second member's store, joined to the same community."""
    path = tmp_path / "member-b.db"
    store = member(path, owls.url)
    join_via(store, SLUG, owls.url)
    store.close()
    return path


def b_writes(path: Path, text: str, reply_to: str | None = None) -> Event:
    """Member B posts (or replies) and sends at once, as ``peerhaven post`` does."""
    with open_store(path, B_PASSPHRASE) as store:
        event = publish_post(store, SLUG, text, reply_to=reply_to)
        delivery = send_now(store, event)
    assert delivery.accepted, delivery.sentence()
    return event


async def b_writes_now(path: Path, text: str, reply_to: str | None = None) -> Event:
    return await asyncio.to_thread(b_writes, path, text, reply_to)


def stream_state(app: PeerHavenApp, url: str) -> str | None:
    stream = app.sync_state.streams.get(url)
    return stream.state if stream is not None else None


async def unlock_and_go_live(pilot: Pilot[None], url: str) -> None:
    """Unlock, sync at once (not after the first delay), and wait for the live stream."""
    app = pilot.app
    assert isinstance(app, PeerHavenApp)
    await unlock(pilot)
    app.start_sync(force=True)
    await wait_until(pilot, lambda: stream_state(app, url) == "live", timeout=LIVE_WAIT)


def live_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith("peerhaven-live")}


def sockets_to(port: int) -> int:
    """Established TCP connections from this process to ``port`` (from /proc)."""
    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            remote_port = int(fields[2].split(":")[1], 16)
            if remote_port == port and fields[3] == "01" and fields[9] in inodes:
                count += 1
    return count


def errors_shown(app: PeerHavenApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


def place(options: OptionList) -> tuple[str | None, int]:
    """The highlighted option's id and the screen line it is drawn on."""
    assert options.highlighted is not None
    option = options.get_option_at_index(options.highlighted)
    return option.id, options._index_to_line[options.highlighted] - round(options.scroll_y)


# -- screens update in place ---------------------------------------------------------------


async def test_a_post_by_another_member_shows_in_the_open_feed_and_the_place_stays(
    tui_store: Path, make_app: AppFactory, owls: RelayProcess, member_b: Path
) -> None:
    with_relays(owls.url)
    joined(SLUG)
    publish_many(owls.url, SLUG, 30)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock_and_go_live(pilot, owls.url)
        feed = FeedScreen(SLUG)
        await app.push_screen(feed)
        await wait_until(pilot, lambda: len(feed.summaries) >= 20)
        await settle(pilot)
        threads = feed.query_one("#threads", PagedList)
        for _ in range(12):
            await pilot.press("down")
        await settle(pilot)
        before = place(threads)
        assert threads.scroll_y > 0, "the reader has scrolled into the feed"
        post = await b_writes_now(member_b, "Anyone else up? The rain is loud tonight.")
        await wait_until(
            pilot, lambda: post.id in [s.post.id for s in feed.summaries], timeout=LIVE_WAIT
        )
        await pilot.pause()
        assert place(threads) == before, "the same thread, on the same line"
        assert app.focused is threads
        assert feed.summaries[0].post.id == post.id, "the new thread is at the top"
        assert "↑ 1 new above" in str(threads.border_subtitle), "and the edge says so"
        for _ in range(20):
            await pilot.press("up")
        await pilot.pause()
        assert "new above" not in str(threads.border_subtitle), "until the reader is there"
        assert errors_shown(app) == []


async def test_a_reply_shows_in_the_open_thread_and_the_highlight_stays(
    tui_store: Path, make_app: AppFactory, owls: RelayProcess, member_b: Path
) -> None:
    with_relays(owls.url)
    joined(SLUG)
    root = b_writes(member_b, "Day three without sleeping properly. How do you cope?")
    first = b_writes(member_b, "Replying to myself: tea helps a little.", reply_to=root.id)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock_and_go_live(pilot, owls.url)
        thread = ThreadScreen(root.id, focus=first.id)
        await app.push_screen(thread)
        await wait_until(pilot, lambda: len(thread.rows) == 2)
        await settle(pilot)
        posts = thread.query_one("#posts", OptionList)
        before = place(posts)
        assert before[0] == first.id
        reply = await b_writes_now(member_b, "And a walk at dawn.", reply_to=root.id)
        await wait_until(
            pilot, lambda: reply.id in [r.post.id for r in thread.rows], timeout=LIVE_WAIT
        )
        await pilot.pause()
        assert place(posts) == before, "the highlighted reply stays where the reader saw it"
        assert app.focused is posts
        assert errors_shown(app) == []


async def test_home_counts_and_relay_lines_follow_as_posts_arrive(
    tui_store: Path, make_app: AppFactory, owls: RelayProcess, member_b: Path
) -> None:
    with_relays(owls.url)
    joined(SLUG)
    publish_many(owls.url, SLUG, 3)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_and_go_live(pilot, owls.url)
        home = app.screen
        assert isinstance(home, HomeScreen)
        communities = home.query_one("#communities", OptionList)

        def listed() -> str:
            return str(communities.get_option_at_index(0).prompt)

        await wait_until(pilot, lambda: "3 new" in listed())
        relays = home.query_one(RelayStatus)
        await wait_until(pilot, lambda: "live: new posts arrive" in str(relays.render()))
        await b_writes_now(member_b, "Checking in from the night shift.")
        await wait_until(pilot, lambda: "4 new" in listed(), timeout=LIVE_WAIT)
        assert errors_shown(app) == []


# -- faults ----------------------------------------------------------------------------------


async def test_a_relay_killed_mid_stream_is_reconnected_and_nothing_is_missed(
    tui_store: Path, make_app: AppFactory, owls: RelayProcess, member_b: Path
) -> None:
    with_relays(owls.url)
    joined(SLUG)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_and_go_live(pilot, owls.url)
        feed = FeedScreen(SLUG)
        await app.push_screen(feed)
        await settle(pilot)
        owls.stop(signal.SIGKILL)
        await wait_until(
            pilot, lambda: stream_state(app, owls.url) == "reconnecting", timeout=LIVE_WAIT
        )
        owls.start()
        posts = [await b_writes_now(member_b, f"Back again, note {n}.") for n in range(3)]
        wanted = {post.id for post in posts}
        await wait_until(
            pilot,
            lambda: wanted <= {s.post.id for s in feed.summaries},
            timeout=LIVE_WAIT + 60,  # the back-off may have grown while the relay was down
        )
        shown = [s.post.id for s in feed.summaries]
        assert len(shown) == len(set(shown)), "nothing twice"
        assert errors_shown(app) == []


async def test_lock_and_quit_close_every_stream_and_leave_nothing_open(
    tui_store: Path, make_app: AppFactory, owls: RelayProcess
) -> None:
    with_relays(owls.url)
    joined(SLUG)
    others = live_threads()  # an earlier test's app in this process may still be ending

    def ours() -> set[threading.Thread]:
        return live_threads() - others

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_and_go_live(pilot, owls.url)
        assert ours() and sockets_to(owls.port) >= 1
        app.action_lock()
        await settle(pilot)
        await wait_until(pilot, lambda: not ours() and sockets_to(owls.port) == 0)
        assert errors_shown(app) == []
        await unlock_and_go_live(pilot, owls.url)  # and back, live again
        assert ours()
        await app.action_quit()
    assert not ours()
    assert sockets_to(owls.port) == 0
    assert errors_shown(app) == []


def _hostile(script: Script, fake_relay: Callable[[Script], FakeRelay]) -> FakeRelay:
    """A fake relay the test's store keeps one community on (as a sync would have set up)."""
    relay = fake_relay(script)
    with open_store(store_path(), PASSPHRASE) as store:
        add_relay(store, relay.url)
        store.execute(
            "INSERT INTO community_relays (slug, relay_url) VALUES (?, ?)", (SLUG, relay.url)
        )
        store.execute(
            "INSERT INTO memberships (slug, persona, observer, keep_offline, joined_at)"
            " SELECT ?, pubkey, 1, 1, 0 FROM personas LIMIT 1",
            (SLUG,),
        )
        save_info(store, relay.url, {"stream_heartbeat": 0.2})
    return relay


def info_and(stream: Callable[[Seen], Reply]) -> Script:
    def script(seen: Seen) -> Reply:
        if seen.path == "/v1/info":
            return Reply(body={"limits": {"stream_heartbeat": 0.2}})
        if seen.path == "/v1/stream":
            return stream(seen)
        if seen.path == "/v1/events":
            return Reply(body={"events": [], "next": "0", "more": False})
        return Reply(status=404, body={"error": "not-found", "detail": "no"})

    return script


async def test_forged_events_and_garbage_are_dropped_counted_and_the_app_answers(
    tui_store: Path,
    make_app: AppFactory,
    fake_relay: Callable[[Script], FakeRelay],
) -> None:
    good = builders.post(Keypair.generate(), SLUG, "a real post")
    forged = {**builders.post(Keypair.generate(), SLUG, "forged").to_wire(), "content": "evil"}
    page = {"community": SLUG, "events": [forged, good.to_wire()], "next": "2", "more": False}
    frames = (
        b"event: page\ndata: " + json.dumps(page).encode() + b"\n\nevent: page\ndata: {not json\n\n"
    )
    stream = Reply(raw=frames, headers={"Content-Type": "text/event-stream"}, no_length=True)
    url = _hostile(info_and(lambda seen: stream), fake_relay).url
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        app.start_sync(force=True)
        await wait_until(pilot, lambda: stream_state(app, url) == "reconnecting", timeout=LIVE_WAIT)
        connection = app.background.connection
        assert connection is not None and connection.dropped() >= 1
        relays = app.screen.query_one(RelayStatus)
        await wait_until(pilot, lambda: "not live" in str(relays.render()))
        await pilot.press("d")  # the app answers while the stream misbehaves
        await wait_until(pilot, lambda: getattr(app.screen, "PLACE", "") == "drafts")
        # (this hand-made membership has no community definition, which home says once;
        # nothing the stream sent may reach the member as an error)
        assert not [e for e in errors_shown(app) if url in e or "stream" in e]
    with open_store(store_path(), PASSPHRASE) as store:
        ids = {row[0] for row in store.execute("SELECT id FROM events")}
    assert good.id in ids and forged["id"] not in ids


async def test_a_stream_that_never_ends_a_line_is_cut_and_memory_stays_bounded(
    tui_store: Path,
    make_app: AppFactory,
    fake_relay: Callable[[Script], FakeRelay],
) -> None:
    from peerhaven.sync.budget import MAX_BODY

    endless = Reply(size=256 * 1024 * 1024, headers={"Content-Type": "text/event-stream"})
    relay = _hostile(info_and(lambda seen: endless), fake_relay)
    url = relay.url
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        app.start_sync(force=True)
        await wait_until(pilot, lambda: stream_state(app, url) == "reconnecting", timeout=LIVE_WAIT)
        await pilot.press("d")
        await wait_until(pilot, lambda: getattr(app.screen, "PLACE", "") == "drafts")
    taken = max(s.written for s in relay.seen if s.path == "/v1/stream")
    assert taken < 4 * MAX_BODY, "cut near the cap, far from all of it"


# -- through real proxies ----------------------------------------------------------------------


def set_proxy(url: str) -> None:
    from peerhaven.store.proxy import set_proxy as store_proxy

    with open_store(store_path(), PASSPHRASE) as store:
        store_proxy(store, url)


async def test_a_stream_through_a_socks5_proxy_process_delivers_live(
    tui_store: Path,
    make_app: AppFactory,
    owls: RelayProcess,
    member_b: Path,
    proxy_process: Callable[[str], ProxyProcess],
) -> None:
    proxy = proxy_process("socks5")
    with_relays(owls.url)
    joined(SLUG)
    set_proxy(proxy.url)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_and_go_live(pilot, owls.url)
        feed = FeedScreen(SLUG)
        await app.push_screen(feed)
        await settle(pilot)
        post = await b_writes_now(member_b, "Written far away, read here through the proxy.")
        await wait_until(
            pilot, lambda: post.id in [s.post.id for s in feed.summaries], timeout=LIVE_WAIT
        )
        assert sockets_to(owls.port) == 0, "nothing goes to the relay directly"
    assert f"CONNECT 127.0.0.1 {owls.port}" in proxy.log()


async def test_a_proxy_that_buffers_answers_falls_back_to_polling_and_misses_nothing(
    tui_store: Path,
    make_app: AppFactory,
    owls: RelayProcess,
    member_b: Path,
    proxy_process: Callable[[str], ProxyProcess],
) -> None:
    proxy = proxy_process("buffering")
    with_relays(owls.url)
    joined(SLUG)
    set_proxy(proxy.url)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        app.start_sync(force=True)
        feed = FeedScreen(SLUG)
        await app.push_screen(feed)
        await settle(pilot)
        post = await b_writes_now(member_b, "Does this reach you when the stream cannot?")
        await wait_until(pilot, lambda: stream_state(app, owls.url) == "polling", timeout=LIVE_WAIT)
        await wait_until(
            pilot, lambda: post.id in [s.post.id for s in feed.summaries], timeout=LIVE_WAIT
        )
        assert errors_shown(app) == []
    log = proxy.log()
    assert any("/v1/stream" in line for line in log), "the stream was tried through it"
    assert any("/v1/events" in line for line in log), "and the polls went through it"


async def test_a_relay_removed_in_settings_loses_its_stream_at_once(
    tui_store: Path, make_app: AppFactory, owls: RelayProcess
) -> None:
    from peerhaven.tui.widgets.network_settings import remove_relay_everywhere

    with_relays(owls.url)
    joined(SLUG)
    others = live_threads()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock_and_go_live(pilot, owls.url)
        assert live_threads() - others

        def remove() -> None:  # what Settings' Remove does, from its worker
            app.store_call(remove_relay_everywhere, owls.url, False)
            app.follow_relays()

        await asyncio.to_thread(remove)
        await wait_until(pilot, lambda: not live_threads() - others, timeout=LIVE_WAIT)
        assert errors_shown(app) == []
