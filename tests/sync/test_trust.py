"""Never trust a relay: forged, altered, replayed, misplaced and reordered events are refused."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

from peerhaven.core import Keypair, builders
from peerhaven.store.communities import trust_warnings
from peerhaven.store.events import get_event
from peerhaven.store.feed import thread, threads
from peerhaven.store.publish import publish_post
from peerhaven.sync import Syncer
from tests.fixtures.hostile import FakeRelay, Reply, Script, Seen
from tests.fixtures.relay import RelayLauncher
from tests.sync.helpers import create_community, join_via, member

OWNER = Keypair.from_secret(bytes([9]) * 32)
AUTHOR = Keypair.from_secret(bytes([8]) * 32)
MALLORY = Keypair.from_secret(bytes([7]) * 32)


def _relay(pages: list[list[dict[str, object]]], definition: dict[str, object]) -> Script:
    def script(seen: Seen) -> Reply:
        if seen.path == "/v1/info":
            return Reply(body={"name": "hostile", "limits": {"max_batch": 100, "page_max": 500}})
        if seen.path == "/v1/communities":
            return Reply(body={"communities": [definition]})
        if seen.path == "/v1/events" and seen.method == "GET":
            index = int((seen.query.get("after") or ["0"])[0])
            if index >= len(pages):
                return Reply(body={"events": [], "next": str(index), "more": False})
            more = index + 1 < len(pages)
            return Reply(body={"events": pages[index], "next": str(index + 1), "more": more})
        if seen.path == "/v1/events" and seen.method == "POST":
            raw = (
                gzip.decompress(seen.body)
                if "gzip" in seen.headers.get("content-encoding", "")
                else seen.body
            )
            batch = json.loads(raw)
            return Reply(body=[{"id": e["id"], "status": "accepted"} for e in batch])
        return Reply(404, {"error": "not-found", "detail": "no"})

    return script


def test_hostile_relay_gets_nothing_bad_stored_and_the_member_is_told(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay]
) -> None:
    definition = builders.community(OWNER, "safe-room", "Safe room", moderators=[]).to_wire()
    first = builders.post(
        AUTHOR, "safe-room", "I made it through the night", created_at=1_790_000_000
    )
    reply = builders.post(
        OWNER, "safe-room", "So glad you did", reply_to=first, created_at=1_790_000_100
    )
    altered = first.to_wire() | {"content": "I give up on everyone here"}
    forged = builders.post(MALLORY, "safe-room", "words put in the owner's mouth").to_wire() | {
        "pubkey": OWNER.pubkey
    }
    elsewhere = builders.post(AUTHOR, "other-room", "served for the wrong community").to_wire()
    fake_hide = builders.moderate(MALLORY, "safe-room", "hide", first.id).to_wire()
    impostor = builders.community(MALLORY, "safe-room", "Safe room (new owner)").to_wire()
    fake_delete = builders.delete(MALLORY, "safe-room", first.id).to_wire()
    pages = [
        [reply.to_wire(), altered, forged],  # reordered: the reply before its root
        [first.to_wire(), elsewhere, fake_hide],
        [first.to_wire(), impostor, fake_delete, {"not": "an event"}],  # replayed first
    ]
    relay = fake_relay(_relay(pages, definition))
    jo = member(tmp_path / "jo.db", relay.url)
    join_via(jo, "safe-room", relay.url)
    with Syncer(jo) as sync:
        report = sync.sync()
    result = report.relays[0]
    assert result.error is None
    assert dict(result.dropped) == {
        "wrong-id": 2,
        "wrong-community": 1,
        "not-owner": 1,
        "malformed": 1,
    }
    stored = get_event(jo, first.id)
    assert stored is not None and stored.content == "I made it through the night"
    root = thread(jo, first.id)
    assert [r.content for r in root.replies] == ["So glad you did"]
    assert not root.deleted, "only the author can withdraw a post"
    assert len(threads(jo, "safe-room")) == 1, "a moderator nobody named cannot hide posts"
    assert get_event(jo, json.loads(json.dumps(altered))["id"]) == stored
    assert [w[2] for w in trust_warnings(jo)] == [MALLORY.pubkey]
    status = jo.execute("SELECT dropped FROM relays").fetchone()[0]
    assert status == 5
    jo.close()


def test_requests_carry_nothing_that_identifies_the_device(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay]
) -> None:
    definition = builders.community(OWNER, "quiet-room", "Quiet room").to_wire()
    inner = _relay([[builders.post(AUTHOR, "quiet-room", "hello").to_wire()]], definition)

    def with_cookie(seen: Seen) -> Reply:
        reply = inner(seen)
        reply.headers["Set-Cookie"] = "tracker=device-1234; Path=/"
        return reply

    relay = fake_relay(with_cookie)
    kim = member(tmp_path / "kim.db", relay.url)
    join_via(kim, "quiet-room", relay.url)
    publish_post(kim, "quiet-room", "a long post " * 200)
    with Syncer(kim) as sync:
        sync.sync()
        sync.sync(force=True)
    assert len(relay.seen) >= 5
    for seen in relay.seen:
        assert "cookie" not in seen.headers
        assert seen.headers["user-agent"] == "PeerHaven/1"
        # only reading a persona's own mailbox says who asks (docs/threat-model.md)
        signed = {"authorization"} if seen.path.startswith("/v1/mailbox") else set()
        assert set(seen.headers) <= {
            "host", "user-agent", "accept", "accept-encoding", "connection",
            "content-length", "content-type", "content-encoding", "if-none-match",
        } | signed  # fmt: skip
    posts = [s for s in relay.seen if s.method == "POST"]
    assert posts and posts[0].headers["content-encoding"] == "gzip"
    kim.close()


def test_a_community_on_two_relays_is_published_to_both_and_deduplicated(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    operator_dir = tmp_path / "one"
    create_community(operator_dir, "twin-circle")
    # the second relay hosts the very same definition, signed by the same owner
    second_dir = tmp_path / "two"
    second_dir.mkdir()
    (second_dir / "operator.key").write_bytes((operator_dir / "operator.key").read_bytes())
    (second_dir / "operator.key").chmod(0o600)
    create_community(second_dir, "twin-circle")
    one = relay_process(data_dir=operator_dir)
    two = relay_process(data_dir=second_dir)
    lee = member(tmp_path / "lee.db", one.url, two.url)
    max_ = member(tmp_path / "max.db", one.url, two.url)
    join_via(lee, "twin-circle", one.url, two.url)
    join_via(max_, "twin-circle", one.url, two.url)
    post = publish_post(lee, "twin-circle", "posted to both relays")
    with Syncer(lee) as sync:
        report = sync.sync()
    assert [r.pushed for r in report.relays] == [1, 1]
    with Syncer(max_) as sync:
        report = sync.sync()
    assert sum(r.pulled for r in report.relays) >= 1
    rows = max_.execute("SELECT count(*) FROM events WHERE id = ?", (post.id,)).fetchone()[0]
    assert rows == 1
    assert [t.post.id for t in threads(max_, "twin-circle")] == [post.id]
    lee.close()
    max_.close()


def test_a_sync_with_nothing_new_is_one_small_request_per_community(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    data = tmp_path / "relay"
    create_community(data, "still-water")
    relay = relay_process(data_dir=data)
    nia = member(tmp_path / "nia.db", relay.url)
    join_via(nia, "still-water", relay.url)
    with Syncer(nia) as sync:
        sync.sync()
        sync.sync()  # learns the ETag of the empty page after the cursor
        idle = sync.sync().relays[0]
    personas = nia.execute("SELECT count(*) FROM personas").fetchone()[0]
    # one pull for the community, one look into each persona's mailbox
    assert idle.traffic.requests == 1 + personas
    assert idle.unchanged == 1, "the relay should answer 304 Not Modified"
    assert idle.traffic.sent + idle.traffic.received < 600 * (1 + personas)
    nia.close()


def test_a_sealed_message_is_uploaded_alone_never_beside_signed_posts(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay]
) -> None:
    from peerhaven.core.builders import sign_event
    from peerhaven.store.outbox import queue

    definition = builders.community(OWNER, "quiet-room", "Quiet room").to_wire()
    relay = fake_relay(_relay([], definition))
    kim = member(tmp_path / "kim.db", relay.url)
    join_via(kim, "quiet-room", relay.url)
    publish_post(kim, "quiet-room", "a post signed by my persona")
    one_time = Keypair.generate()
    sealed = sign_event(one_time, "dm", "", "sealed words", [["to", AUTHOR.pubkey]])
    with kim.transaction() as conn:
        queue(conn, sealed)
    publish_post(kim, "quiet-room", "another signed post")
    with Syncer(kim) as sync:
        report = sync.sync()
    assert report.relays[0].pushed == 3
    batches = [json.loads(s.body) for s in relay.seen if s.method == "POST"]
    with_sealed = [batch for batch in batches if any(e["kind"] == "dm" for e in batch)]
    assert with_sealed == [[sealed.to_wire()]], "the sealed event must travel alone"
    assert "authorization" not in next(
        s.headers for s in relay.seen if s.method == "POST" and b'"dm"' in s.body
    )
    kim.close()
