"""The device's side of mailboxes: pulled in a sync, followed live, handed on verified by kind.

Real relay processes and a real store; the handler here reads each ``dm`` with
``core/dm`` (as the direct-message use cases will) so a test only passes if what
arrives is exactly what was sealed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from peerhaven.core import Keypair, builders
from peerhaven.core.auth import auth_header, check_auth
from peerhaven.core.dm.errors import AlreadyReceived
from peerhaven.core.event import Event
from peerhaven.store import Store
from peerhaven.store.cursors import cursor_of
from peerhaven.sync import Syncer
from peerhaven.sync.budget import DEFAULT_BUDGET
from peerhaven.sync.client import RelayClient
from peerhaven.sync.errors import RelayBroken, StreamLost
from peerhaven.sync.live import LiveSync, parse_page
from peerhaven.sync.mailbox import Mailboxes, MailboxKey, cursor_name, verified
from tests.core.dm_helpers import Device
from tests.fixtures.hostile import FakeRelay, Reply, Script, Seen
from tests.fixtures.relay import RelayLauncher, RelayProcess
from tests.sync.helpers import member

WAIT = 30.0


class Reader:
    """A handler as the direct-message use cases will be: decrypts, keeps, says stored."""

    def __init__(self, device: Device, *, delete: bool = True, accept: bool = True) -> None:
        self.device = device
        self.delete = delete
        self.accept = accept
        self.texts: list[str] = []
        self.seen: list[str] = []
        self.lock = threading.Lock()

    def mailboxes(self) -> list[MailboxKey]:
        return [MailboxKey(self.device.keys, delete_delivered=self.delete)]

    def receive(self, relay_url: str, event: Event) -> bool:
        with self.lock:
            self.seen.append(event.id)
            if not self.accept:
                return False
            if event.kind != "dm":
                return True
            try:
                received = self.device.receive(event)
            except AlreadyReceived:
                return True  # a copy of one stored already: stored
            self.texts.append(received.message.text)
            return True


def on_relay(relay: RelayProcess, keys: Keypair) -> list[str]:
    """The ids a mailbox holds on the relay now."""
    path = "/v1/mailbox"
    header = auth_header(keys, "GET", path, "", int(time.time()))
    page = httpx.get(
        relay.url + path, params={"to": keys.pubkey}, headers={"Authorization": header}
    ).json()
    return [event["id"] for event in page["events"]]


def send(relay: RelayProcess, *events: Event) -> None:
    answer = httpx.post(f"{relay.url}/v1/events", json=[e.to_wire() for e in events]).json()
    assert [r["status"] for r in answer] == ["accepted"] * len(events), answer


@pytest.fixture
def relay(relay_process: RelayLauncher) -> RelayProcess:
    return relay_process(args=["--pubkey-rate", "0", "--stream-heartbeat", "1"])


@pytest.fixture
def store(tmp_path: Path, relay: RelayProcess) -> Iterator[Store]:
    made = member(tmp_path / "member.db", relay.url)
    yield made
    made.close()


def test_a_sync_hands_each_message_to_its_handler_then_deletes_it_from_the_relay(
    relay: RelayProcess, store: Store
) -> None:
    alice, bob = Device(), Device()
    reader = Reader(bob)
    sent = [alice.send(bob, f"message {n}") for n in range(3)]
    send(relay, *sent)
    with Syncer(store, mailbox_handlers={"dm": reader}) as syncer:
        report = syncer.sync(force=True)
        assert report.relays[0].error is None
        assert report.relays[0].mailbox == 3
        assert reader.texts == ["message 0", "message 1", "message 2"]
        assert on_relay(relay, bob.keys) == []  # expiry after delivery
        assert cursor_of(store, relay.url, cursor_name(bob.pubkey))[0]
        later = alice.send(bob, "and one more")
        send(relay, later)
        assert syncer.sync(force=True).relays[0].mailbox == 1
    assert reader.texts[-1] == "and one more"
    assert reader.seen == [event.id for event in [*sent, later]]  # each once


def test_a_shared_mailbox_keeps_its_events_and_the_cursor_moves_past_them(
    relay: RelayProcess, store: Store
) -> None:
    circle = Device()
    reader = Reader(circle, delete=False, accept=False)
    to = [("to", circle.pubkey)]
    posts = [
        builders.sign_event(Keypair.generate(), "circle", "", f"sealed {n}", to) for n in range(2)
    ]
    send(relay, *posts)
    with Syncer(store, mailbox_handlers={"circle": reader}) as syncer:
        syncer.sync(force=True)
        syncer.sync(force=True)
    assert reader.seen == [post.id for post in posts]  # handed on once, not again
    assert on_relay(relay, circle.keys) == [post.id for post in posts]  # other members read them


def test_a_member_without_mailbox_handlers_syncs_as_before(
    relay: RelayProcess, store: Store
) -> None:
    with Syncer(store, mailbox_handlers={}) as syncer:
        report = syncer.sync(force=True)
    assert report.relays[0].error is None and report.relays[0].mailbox == 0


def test_messages_arrive_live_on_a_stream_that_follows_only_a_mailbox(
    relay: RelayProcess, store: Store
) -> None:
    alice, bob = Device(), Device()
    reader = Reader(bob)
    arrived: list[tuple[str, tuple[str, ...]]] = []
    syncer = Syncer(store, mailbox_handlers={"dm": reader})
    live = LiveSync(syncer, on_mailbox=lambda url, ids: arrived.append((url, ids)), grace=1.0)
    try:
        live.start([relay.url])
        deadline = time.monotonic() + WAIT
        while live.relays[relay.url].state != "live":
            assert time.monotonic() < deadline, "the stream never went live"
            time.sleep(0.02)
        event = alice.send(bob, "live, not at the next sync")
        send(relay, event)
        while not reader.texts:
            assert time.monotonic() < deadline, "the message never arrived"
            time.sleep(0.02)
        assert reader.texts == ["live, not at the next sync"]
        while not arrived:
            assert time.monotonic() < deadline, "on_mailbox was never called"
            time.sleep(0.02)
        assert arrived == [(relay.url, (event.id,))]
        assert on_relay(relay, bob.keys) == []
    finally:
        live.stop()
        syncer.close()


def test_only_verified_events_of_the_mailbox_asked_for_reach_a_handler() -> None:
    bob, eve = Keypair.generate(), Keypair.generate()
    now = int(time.time())
    good = builders.sign_event(Keypair.generate(), "dm", "", "sealed", [("to", bob.pubkey)])
    assert verified(good.to_wire(), bob.pubkey, now) == good
    elsewhere = builders.sign_event(Keypair.generate(), "dm", "", "sealed", [("to", eve.pubkey)])
    public = builders.sign_event(bob, "profile", "", "{}")
    forged = {**good.to_wire(), "content": "changed"}
    for item in (elsewhere.to_wire(), public.to_wire(), forged, None, {"id": 1}, "junk"):
        assert verified(item, bob.pubkey, now) is None


def test_a_key_two_handlers_follow_is_followed_once_and_kept_if_either_shares_it() -> None:
    persona = Device()
    private, shared = Reader(persona), Reader(persona, delete=False)
    keys = Mailboxes({"dm": private, "circle": shared}).keys_for("http://relay.example")
    assert [(key.pubkey, key.delete_delivered) for key in keys] == [(persona.pubkey, False)]
    elsewhere = MailboxKey(persona.keys, relays=frozenset({"http://other.example"}))

    class Elsewhere(Reader):
        def mailboxes(self) -> list[MailboxKey]:
            return [elsewhere]

    assert Mailboxes({"dm": Elsewhere(persona)}).keys_for("http://relay.example") == []


def test_a_stream_page_of_a_mailbox_not_asked_for_ends_the_stream() -> None:
    asked, other = "ab" * 32, "cd" * 32
    page = '{"mailbox": "%s", "events": [], "next": "7", "more": false}'
    assert parse_page(page % asked, {"calm": ""}, {asked}) == (asked, [], "7")
    with pytest.raises(StreamLost, match="mailbox not asked for"):
        parse_page(page % other, {"calm": ""}, {asked})
    with pytest.raises(StreamLost, match="mailbox not asked for"):
        parse_page(page % asked, {"calm": ""})  # a stream that follows no mailbox


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/mailbox", "not a page"),
        ("/v1/mailbox", {"events": "x", "next": "1", "more": False}),
        ("/v1/mailbox", {"events": [{}] * 3, "next": "1", "more": False}),  # asked for 2
        ("/v1/mailbox", {"events": [], "next": "9" * 100, "more": False}),
        ("/v1/prekeys", {"event": {}, "otpk": "seven"}),
        ("/v1/prekeys", {"event": {}, "otpk": -1}),
        ("/v1/prekeys", {"event": [[[]] * 700], "otpk": None}),  # no event is that big
    ],
)
def test_a_relay_answering_mailbox_requests_with_garbage_is_refused_in_words(
    fake_relay: Callable[[Script], FakeRelay], path: str, body: object
) -> None:
    relay = fake_relay(lambda seen: Reply(body=body))
    keys = Keypair.generate()
    with RelayClient(relay.url) as client, pytest.raises(RelayBroken) as caught:
        if path == "/v1/mailbox":
            client.mailbox(keys, None, 2)
        else:
            client.prekeys(keys.pubkey)
    assert str(caught.value).startswith(relay.url) and str(caught.value).endswith(".")


def test_the_client_signs_mailbox_requests_with_the_mailbox_key_and_uploads_unsigned(
    fake_relay: Callable[[Script], FakeRelay],
) -> None:
    keys = Keypair.generate()
    event = builders.sign_event(Keypair.generate(), "dm", "", "sealed", [("to", keys.pubkey)])

    def script(seen: Seen) -> Reply:
        if seen.method == "POST":
            return Reply(body=[{"id": event.id, "status": "accepted", "reason": None}])
        if seen.method == "DELETE":
            return Reply(status=404, body={"error": "not-found", "detail": "No."})
        return Reply(body={"events": [], "next": "0", "more": False})

    relay = fake_relay(script)
    with RelayClient(relay.url) as client:
        assert client.send_to_mailbox(event)["status"] == "accepted"
        client.mailbox(keys, "5", 10)
        assert client.delete_from_mailbox(keys, event.id) is False
    upload, pull, delete = relay.seen
    assert "authorization" not in upload.headers  # sealed sender: no persona on the upload
    assert pull.query == {"to": [keys.pubkey], "limit": ["10"], "cursor": ["5"]}
    assert check_auth(pull.headers["authorization"], "GET", "/v1/mailbox", "", int(time.time()))
    assert delete.path == f"/v1/mailbox/{event.id}"
    signer = check_auth(
        delete.headers["authorization"], "DELETE", delete.path, "", int(time.time())
    )
    assert signer == keys.pubkey


def test_mailbox_pages_count_against_the_rounds_budget_and_the_next_sync_carries_on(
    relay: RelayProcess, store: Store
) -> None:
    circle = Device()
    reader = Reader(circle, delete=False)  # circle events are not DMs: only counted here
    to = [("to", circle.pubkey)]
    posts = [builders.sign_event(Keypair.generate(), "circle", "", f"p{n}", to) for n in range(250)]
    for start in range(0, 250, 50):
        send(relay, *posts[start : start + 50])
    tight = replace(DEFAULT_BUDGET, max_pages=2)  # the page of /v1/info's limits is not one
    with Syncer(store, mailbox_handlers={"circle": reader}, budget=tight) as syncer:
        first = syncer.sync(force=True).relays[0]
    assert first.error is not None and first.error.endswith(".")
    assert reader.seen == [post.id for post in posts[: len(reader.seen)]]
    assert 0 < len(reader.seen) < 250
    with Syncer(store, mailbox_handlers={"circle": reader}) as syncer:
        assert syncer.sync(force=True).relays[0].error is None
    assert reader.seen == [post.id for post in posts]  # the rest, each once


def test_a_relay_refusing_deletions_is_asked_once_a_page_and_delivery_goes_on(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay]
) -> None:
    alice, bob = Device(), Device()
    sent = [alice.send(bob, f"m{n}") for n in range(3)]
    relay = fake_relay(
        lambda seen: Reply(status=429, body={"error": "rate-limited", "detail": "Slow."})
    )
    reader = Reader(bob)
    store = member(tmp_path / "member.db")
    try:
        with RelayClient(relay.url) as client:
            got = Mailboxes({"dm": reader}).deliver(
                store, client, reader.mailboxes()[0], [e.to_wire() for e in sent], "3"
            )
        assert reader.texts == ["m0", "m1", "m2"] and got.stored == [e.id for e in sent]
        assert got.deleted == 0 and [seen.method for seen in relay.seen] == ["DELETE"]
        assert cursor_of(store, relay.url, cursor_name(bob.pubkey))[0] == "3"
    finally:
        store.close()
