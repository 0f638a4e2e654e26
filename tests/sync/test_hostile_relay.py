"""A hostile relay may stall, flood or bloat its answers: it costs bounded time and memory,
it is recorded as failing in words and backs off, and a good relay beside it still delivers.

Every relay here is real on 127.0.0.1: a relay process serves the good copy of the
community, and a ``FakeRelay`` serves the same definition with harm in its pages.
Deadlines and paces are configured small, so each stall ends in a second or two.
"""

from __future__ import annotations

import gzip
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import httpx
import pytest

from peerhaven.core import Keypair, builders
from peerhaven.core.event import Event
from peerhaven.store import Store, open_store
from peerhaven.store.events import count_events
from peerhaven.store.relays import relay_statuses
from peerhaven.sync import RelayReport, Syncer
from peerhaven.sync.budget import RoundBudget
from peerhaven.sync.client import screened
from peerhaven.sync.errors import RelayTooSlow
from tests.fixtures.hostile import FakeRelay, Reply, Script, Seen
from tests.fixtures.relay import RelayLauncher
from tests.fixtures.store import Cli
from tests.sync.helpers import PASSPHRASE, create_community, join_via, member, publish_many

SLUG = "quiet-harbour"
GOOD_POSTS = 6
#: small limits, so every stall ends in about a second
BUDGET = RoundBudget(
    deadline=4.0, min_rate=200, rate_after=1.0, max_pages=5, max_events=1_000, max_body=1 << 20
)
MB = 1 << 20


@dataclass
class Scene:
    """A member who joined ``SLUG`` on a hostile relay (added first) and a good one."""

    store: Store
    hostile: FakeRelay
    good_url: str
    good_posts: list[Event]
    closed: bool = False

    def sync(self, budget: RoundBudget = BUDGET, *, force: bool = False) -> list[RelayReport]:
        """One sync; the relays' reports in the order they finished."""
        finished: list[RelayReport] = []
        with Syncer(self.store, timeout=1.0, budget=budget, finished=finished.append) as syncer:
            syncer.sync(force=force)
        return finished

    def stored_good_posts(self) -> int:
        ids = {row[0] for row in self.store.execute("SELECT id FROM events WHERE kind = 'post'")}
        return len(ids & {event.id for event in self.good_posts})

    def status(self, url: str) -> tuple[int, int | None, str | None]:
        """(failures, next attempt, last error) of one relay."""
        [found] = [s for s in relay_statuses(self.store) if s.url == url]
        return found.failures, found.next_attempt, found.last_error

    def close(self) -> None:
        """Close the member's store (so a CLI run can open it)."""
        if not self.closed:
            self.closed = True
            self.store.close()


class Build(Protocol):
    """Makes a scene whose hostile relay answers pulls with ``pulls`` (member store at ``at``)."""

    def __call__(self, pulls: Callable[[Seen], Reply], at: Path | None = None) -> Scene: ...


@pytest.fixture
def scene(
    tmp_path: Path, relay_process: RelayLauncher, fake_relay: Callable[[Script], FakeRelay]
) -> Iterator[Build]:
    """Build a ``Scene`` whose hostile relay answers feed pulls with ``pulls``."""
    scenes: list[Scene] = []

    def build(pulls: Callable[[Seen], Reply], at: Path | None = None) -> Scene:
        data = tmp_path / "relay"
        create_community(data, SLUG)
        good = relay_process(data_dir=data, args=["--pubkey-rate", "0"])
        posts = publish_many(good.url, SLUG, GOOD_POSTS)
        definitions = httpx.get(f"{good.url}/v1/communities", timeout=10).json()

        def script(seen: Seen) -> Reply:
            if seen.path == "/v1/info":
                return Reply(body={"name": "hostile", "limits": {"page_max": 500}})
            if seen.path == "/v1/communities":
                return Reply(body=definitions)
            if seen.path == "/v1/events" and seen.method == "GET":
                return pulls(seen)
            return Reply(404, {"error": "not-found", "detail": "no"})

        hostile = fake_relay(script)
        store = member(at or tmp_path / "member.db", hostile.url, good.url)
        # the hostile relay comes first in the list, whatever the ports' order
        store.execute("UPDATE relays SET added_at = added_at - 60 WHERE url = ?", (hostile.url,))
        join_via(store, SLUG, hostile.url, good.url)
        scenes.append(Scene(store, hostile, good.url, posts))
        return scenes[-1]

    yield build
    for made in scenes:
        made.close()


def _empty_page() -> dict[str, object]:
    return {"events": [], "next": None, "more": False}


def _assert_cut_off(
    scene: Scene, finished: list[RelayReport], words: str, *, stalled: bool = True
) -> None:
    """The good relay delivered (while a stalling one still ran); the hostile one failed
    with ``words`` and backs off."""
    if stalled:
        assert [r.url for r in finished] == [scene.good_url, scene.hostile.url], (
            "the good relay must not wait for the hostile one"
        )
    reports = {r.url: r for r in finished}
    good, bad = reports[scene.good_url], reports[scene.hostile.url]
    assert good.error is None and good.pulled >= GOOD_POSTS
    assert scene.stored_good_posts() == GOOD_POSTS
    assert bad.error is not None and words in bad.error, bad.error
    failures, next_attempt, last_error = scene.status(scene.hostile.url)
    assert failures == 1 and last_error == bad.error
    assert next_attempt is not None and next_attempt > int(time.time())
    assert scene.status(scene.good_url)[0] == 0


def test_slow_loris_headers_are_cut_off_and_the_good_relay_delivers(
    scene: Build,
) -> None:
    s = scene(lambda seen: Reply(body=_empty_page(), drip=0.3, drip_headers=True))
    finished = s.sync()
    _assert_cut_off(s, finished, "did not start its answer within 1 s")
    # backing off: the next sync leaves the hostile relay alone and still serves the good one
    again = s.sync()
    assert {r.url: r.skipped for r in again} == {s.hostile.url: True, s.good_url: False}
    assert len([seen for seen in s.hostile.seen if seen.path == "/v1/events"]) == 1


def test_slow_loris_body_is_cut_off_below_the_minimum_pace(
    scene: Build,
) -> None:
    s = scene(lambda seen: Reply(body=_empty_page(), drip=0.3))
    _assert_cut_off(s, s.sync(), "too slowly (under 200 bytes a second)")


def test_a_relay_past_the_deadline_is_cut_off_whatever_its_pace(
    scene: Build,
) -> None:
    s = scene(lambda seen: Reply(body=_empty_page(), drip=0.3))
    no_pace = replace(BUDGET, deadline=1.5, min_rate=0)
    _assert_cut_off(s, s.sync(no_pace), "did not finish within 1.5 s")


AUTHOR = Keypair.from_secret(bytes([5]) * 32)
PER_PAGE = 10


def _endless(seen: Seen) -> Reply:
    """Pages of valid posts, each with a new cursor and ``more: true``, forever."""
    index = int((seen.query.get("after") or ["0"])[0])
    events = [
        builders.post(AUTHOR, SLUG, f"page {index} post {n}", created_at=1_790_000_000 + n)
        for n in range(PER_PAGE)
    ]
    return Reply(
        body={"events": [e.to_wire() for e in events], "next": str(index + 1), "more": True}
    )


def test_endless_pages_stop_at_the_budget_and_the_rest_waits(
    scene: Build,
) -> None:
    s = scene(_endless)
    finished = s.sync()
    _assert_cut_off(s, finished, "more than 1,000 events or 5 pages in one sync", stalled=False)
    pulls = [seen for seen in s.hostile.seen if seen.path == "/v1/events"]
    assert len(pulls) == BUDGET.max_pages, "not one page past the budget"
    hostile_posts = count_events(s.store, kind="post", community=SLUG) - GOOD_POSTS
    assert hostile_posts == BUDGET.max_pages * PER_PAGE, "what arrived is kept"

    # the next round carries on after the last page stored
    s.sync(force=True)
    later = [seen for seen in s.hostile.seen if seen.path == "/v1/events"][len(pulls)]
    assert later.query["after"] == [str(BUDGET.max_pages)]


def test_an_oversized_page_is_refused_before_its_body_is_read(
    scene: Build,
) -> None:
    s = scene(lambda seen: Reply(size=100 * MB))
    _assert_cut_off(s, s.sync(), "larger than 1 MB", stalled=False)
    pulls = [seen for seen in s.hostile.seen if seen.path == "/v1/events"]
    # asked again for fewer, in case the posts were just huge, down to one a page
    assert [seen.query["limit"] for seen in pulls] == [[str(n)] for n in (100, 50, 25, 12, 6, 3, 1)]
    assert all(seen.written < 20 * MB for seen in pulls), "the declared length was enough"


def test_an_oversized_page_without_a_length_is_read_only_up_to_the_cap(
    scene: Build,
) -> None:
    s = scene(lambda seen: Reply(size=100 * MB, no_length=True))
    _assert_cut_off(s, s.sync(), "larger than 1 MB", stalled=False)
    pulls = [seen for seen in s.hostile.seen if seen.path == "/v1/events"]
    # the cap, plus what the loopback's socket buffers took before the client hung up
    assert all(seen.written < 20 * MB for seen in pulls), [seen.written for seen in pulls]


def test_a_relay_of_huge_posts_is_asked_for_fewer_a_page_and_delivers(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    data = tmp_path / "relay"
    create_community(data, SLUG)
    relay = relay_process(data_dir=data, args=["--pubkey-rate", "0"])
    author = Keypair.generate()
    long_posts = [
        builders.post(author, SLUG, f"{n} " + "a long letter " * 700, created_at=1_790_000_000 + n)
        for n in range(12)
    ]  # about 10 KB each: a page of 100 would be a megabyte
    answer = httpx.post(f"{relay.url}/v1/events", json=[e.to_wire() for e in long_posts])
    assert {r["status"] for r in answer.json()} == {"accepted"}
    store = member(tmp_path / "member.db", relay.url)
    join_via(store, SLUG, relay.url)
    with Syncer(store, budget=replace(BUDGET, max_body=64 * 1024)) as syncer:
        [report] = syncer.sync().relays
    assert report.error is None
    ids = {row[0] for row in store.execute("SELECT id FROM events WHERE kind = 'post'")}
    assert ids == {event.id for event in long_posts}
    [page_size] = store.execute("SELECT page_size FROM relays").fetchone()
    assert page_size == 6, "halved from 100 until a page fit, and kept for next time"
    store.close()


def test_a_gzip_bomb_is_inflated_only_up_to_the_cap(
    scene: Build,
) -> None:
    bomb = gzip.compress(b" " * (64 * MB), compresslevel=9)
    assert len(bomb) < BUDGET.max_body, "small on the wire: only inflating it is too much"
    s = scene(lambda seen: Reply(raw=bomb, headers={"Content-Encoding": "gzip"}))
    _assert_cut_off(s, s.sync(), "larger than 1 MB", stalled=False)


def test_sync_command_takes_the_deadline_and_pace_and_says_why_a_relay_failed(
    scene: Build, cli: Cli
) -> None:
    s = scene(lambda seen: Reply(body=_empty_page(), drip=0.3), cli.home / "peerhaven.db")
    s.close()
    result = cli("sync", "--deadline", "30", "--min-rate", "200")
    assert result.code == 0, "one relay delivered"
    lines = dict(line.split(": ", 1) for line in result.out.splitlines())
    assert lines[s.good_url].startswith("sent 0; received ")
    assert "sent its answer too slowly (under 200 bytes a second)." in lines[s.hostile.url]
    refused = cli("sync", "--deadline", "0")
    assert refused.code != 0 and "Traceback" not in refused.err
    assert "--deadline takes a number from 1 to 86400 seconds, not '0'." in refused.err


def test_a_page_with_more_events_than_asked_for_is_refused(scene: Build) -> None:
    def flood(seen: Seen) -> Reply:
        limit = int(seen.query["limit"][0])
        return Reply(body={"events": [{}] * (limit + 1), "next": "1", "more": False})

    s = scene(flood)
    _assert_cut_off(s, s.sync(), "sent more events than were asked for", stalled=False)


def test_an_item_bigger_than_any_event_is_dropped_as_soon_as_it_is_parsed(
    scene: Build,
) -> None:
    """One "event" nesting thousands of values: refused as malformed, never kept whole."""
    junk = [{} for _ in range(5_000)]
    real = builders.post(AUTHOR, SLUG, "a real post beside the junk", created_at=1_790_000_000)
    page = {"events": [junk, real.to_wire()], "next": "1", "more": False}
    s = scene(lambda seen: Reply(body=page))
    reports = {r.url: r for r in s.sync()}
    hostile = reports[s.hostile.url]
    assert hostile.error is None and dict(hostile.dropped) == {"malformed": 1}
    assert hostile.pulled == 1, "the real post beside it is stored"
    assert s.stored_good_posts() == GOOD_POSTS


def test_screened_walks_no_further_than_an_event_may_reach() -> None:
    wide = {"tags": [["t", "x"] * 4] * 64, "content": "fine"}
    assert screened([wide, [[]] * 700, {"a": [{}] * 639}]) == [wide, None, None]


def test_ctrl_c_during_a_stalling_relay_exits_130_and_records_no_failure(
    scene: Build, cli: Cli
) -> None:
    s = scene(lambda seen: Reply(body=_empty_page(), drip=0.3), cli.home / "peerhaven.db")
    s.close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "peerhaven", "sync", "--deadline", "3"],
        env={**cli.env, "PYTHONFAULTHANDLER": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for _ in range(600):  # until the hostile relay is dripping its answer
        if any(seen.path == "/v1/events" for seen in s.hostile.seen):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    with open_store(cli.home / "peerhaven.db", PASSPHRASE) as store:
        statuses = {status.url: status for status in relay_statuses(store)}
    assert statuses[s.hostile.url].failures == 0, "a stop is not the relay's fault"


def test_browsing_or_pushing_to_a_relay_that_drips_is_cut_off_too(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay]
) -> None:
    """``communities``, ``join`` and a post's immediate push are held to the same limits."""
    relay = fake_relay(lambda seen: Reply(body={}, drip=0.3, drip_headers=True))
    store = member(tmp_path / "member.db", relay.url)
    with Syncer(store, timeout=1.0, budget=BUDGET) as syncer:
        with pytest.raises(RelayTooSlow, match="did not start its answer within 1 s"):
            syncer.browse(relay.url)
        report = syncer.sync_relay_push_only(relay.url)
    assert report.error is not None and "did not start its answer within 1 s" in report.error
    store.close()


def test_two_pulls_side_by_side_leave_the_page_cache_as_it_was(
    tmp_path: Path, relay_process: RelayLauncher, fake_relay: Callable[[Script], FakeRelay]
) -> None:
    """Each pull raises the connection's page cache and puts back what it found: with
    pull A starting first and ending first, B would put back A's raised cache. Each
    relay holds its second page until the other pull is where this order needs it."""
    data = tmp_path / "relay"
    create_community(data, SLUG)
    create_community(data, "second-harbour")
    definitions = httpx.get(f"{relay_process(data_dir=data).url}/v1/communities").json()
    a_pulling, b_pulling, a_done = threading.Event(), threading.Event(), threading.Event()

    def relay(slug: str, first_page: threading.Event, hold: threading.Event) -> Script:
        posts = [
            builders.post(AUTHOR, slug, f"post {n}", created_at=1_790_000_000 + n).to_wire()
            for n in range(20)
        ]

        def script(seen: Seen) -> Reply:
            if seen.path == "/v1/communities":
                return Reply(body=definitions)
            if seen.path == "/v1/info":
                return Reply(body={"name": slug, "limits": {"page_max": 500}})
            if seen.query.get("after") == ["1"]:
                hold.wait(30)
                return Reply(body={"events": posts[10:], "next": "2", "more": False})
            first_page.set()
            return Reply(body={"events": posts[:10], "next": "1", "more": True})

        return script

    a = fake_relay(relay(SLUG, a_pulling, b_pulling))  # A ends once B is pulling
    b = fake_relay(relay("second-harbour", b_pulling, a_done))  # B ends after A
    store = member(tmp_path / "member.db", a.url, b.url)
    join_via(store, SLUG, a.url)
    join_via(store, "second-harbour", b.url)
    [before] = store.execute("PRAGMA cache_size").fetchone()

    def finished(report: RelayReport) -> None:
        if report.url == a.url:
            a_done.set()

    with Syncer(store, finished=finished) as syncer:
        report = syncer.sync()
    assert not any(r.error for r in report.relays) and report.pulled == 40
    assert store.execute("PRAGMA cache_size").fetchone()[0] == before
    store.close()
