"""``BackgroundSync``: the rules the app and ``sync --watch`` share, without Textual.

The host's ``launch`` is a list here (the app runs a worker, the CLI runs inline); the
clock is a number the test moves.
"""

from __future__ import annotations

from peerhaven.sync.background import BackgroundSync, SyncRun


class Host:
    """Records what the controller launched; the test ends runs by hand."""

    def __init__(self, interval: float | None = 300.0) -> None:
        self.runs: list[SyncRun] = []
        self.now = 1000.0
        self.interval = interval
        self.sync = BackgroundSync(self.runs.append, lambda: self.interval, clock=lambda: self.now)


class Live:
    def __init__(self) -> None:
        self.events: list[str] = []

    def start(self) -> None:
        self.events.append("start")

    def stop(self) -> None:
        self.events.append("stop")


def test_one_sync_at_a_time_and_a_request_meanwhile_runs_right_after() -> None:
    host = Host()
    host.sync.opened(first_in=5)
    assert host.sync.start(force=True)
    assert not host.sync.start(), "never two at once"
    done: list[str] = []
    host.sync.request(relays=["https://a"], then=lambda: done.append("a"))
    host.sync.request(relays=["https://b"], force=True, then=lambda: done.append("b"))
    assert len(host.runs) == 1
    host.sync.ended(stopped=False)
    assert done == [], "their sync has only just started"
    [first, second] = host.runs
    assert (second.relays, second.force) == (["https://a", "https://b"], True)
    host.sync.ended(stopped=False)
    assert done == ["a", "b"]


def test_a_waiter_on_the_running_sync_runs_when_it_ends() -> None:
    host = Host()
    host.sync.opened(first_in=5)
    done: list[str] = []
    host.sync.request(then=lambda: done.append("x"))
    assert host.sync.syncing and done == []
    host.sync.ended(stopped=False)
    assert done == ["x"] and not host.sync.syncing


def test_before_the_connection_opens_a_start_waits_for_it() -> None:
    host = Host()
    assert host.sync.start(force=True) and host.runs == []
    host.sync.opened(first_in=5)
    assert [(run.relays, run.force) for run in host.runs] == [(None, True)]


def test_the_schedule_follows_the_interval_and_can_be_turned_off() -> None:
    host = Host(interval=60)
    host.sync.opened(first_in=5)
    assert not host.sync.tick() and host.runs == []
    host.now += 5
    assert host.sync.tick() and len(host.runs) == 1
    host.sync.ended(stopped=False)
    host.now += 30
    assert not host.sync.tick(), "the next waits a whole interval"
    host.now += 30
    assert host.sync.tick()
    host.sync.ended(stopped=False)
    host.interval = None
    host.sync.schedule()
    host.now += 3600
    assert host.sync.next_at is None and not host.sync.tick()


def test_closing_stops_the_running_sync_forgets_what_was_wanted_and_stops_live_parts() -> None:
    host = Host()
    live = Live()
    host.sync.live.append(live)
    host.sync.opened(first_in=5)
    host.sync.start()
    done: list[str] = []
    host.sync.request(then=lambda: done.append("later"))
    [run] = host.runs
    host.sync.closed()
    assert run.stopping.is_set()
    host.sync.ended(stopped=True)
    assert host.runs == [run], "nothing starts after a close"
    assert host.sync.next_at is None and not host.sync.open
    assert live.events == ["start", "stop"]


def test_a_stopped_sync_drops_the_wanted_one_but_its_waiters_still_hear() -> None:
    host = Host()
    host.sync.opened(first_in=5)
    host.sync.start()
    done: list[str] = []
    host.sync.request(then=lambda: done.append("w"))
    host.sync.stop()
    host.sync.ended(stopped=True)
    assert len(host.runs) == 1 and done == ["w"]


class Connection:
    """Stands in for ``SyncConnection``: records when its streams open and are told to end."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.following = False

    def start(self) -> None:
        self.following = True
        self.events.append("start")

    def stop(self) -> None:
        self.events.append("stop")


def test_the_connection_streams_once_the_first_sync_caught_up() -> None:
    host = Host()
    connection = Connection()
    host.sync.opened(first_in=5, connection=connection)  # type: ignore[arg-type]
    assert host.sync.connection is connection and connection.events == []
    host.now += 5
    assert host.sync.tick()
    assert connection.events == [], "no stream beside the pull of the same backlog"
    host.sync.ended(stopped=False)
    assert connection.events == ["start"]
    host.sync.start()
    host.sync.ended(stopped=False)
    assert connection.events == ["start"], "opened once"


def test_with_background_syncs_off_the_connection_streams_at_once() -> None:
    host = Host(interval=None)
    connection = Connection()
    host.sync.opened(first_in=5, connection=connection)  # type: ignore[arg-type]
    assert connection.events == ["start"]


def test_closing_hands_the_connection_back_with_its_streams_told_to_end() -> None:
    host = Host()
    connection = Connection()
    host.sync.opened(first_in=5, connection=connection)  # type: ignore[arg-type]
    host.sync.start()
    [run] = host.runs
    assert host.sync.closed() is connection
    assert connection.events == ["stop"] and run.stopping.is_set()
    assert host.sync.connection is None and host.sync.closed() is None
    host.sync.ended(stopped=True)
    assert connection.events == ["stop"], "a stopped first sync opens no stream"
