"""Direct messages through two real stores: consent, blocks, and what arrives wrong."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from peerhaven.core.builders import sign_event
from peerhaven.core.event import Event
from peerhaven.core.keys import Keypair
from peerhaven.store.clock import now
from peerhaven.store.dm import (
    accept_request,
    conversations,
    decline_request,
    find_conversation,
    messages,
    requests,
    set_seen,
    unread_total,
)
from peerhaven.store.dm_prekeys import KEEP_SIGNED, LOW_ONE_TIME, publish_prekeys
from peerhaven.store.dm_receipts import mark_read
from peerhaven.store.dm_receive import receive_dm
from peerhaven.store.dm_send import seal_and_queue
from peerhaven.store.dm_state import load_prekeys, save_prekeys
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.filter_prefs import block
from peerhaven.store.search import search
from peerhaven.store.settings import set_setting
from tests.store.dm_world import SLUG, Member, meet, member


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Member, Member]]:
    """Ana and Ben, who met in one community."""
    ana, ben = member(tmp_path / "ana.db"), member(tmp_path / "ben.db")
    meet(ana, ben)
    yield ana, ben
    ana.store.close()
    ben.store.close()


def _write(sender: Member, to: Member, text: str, **kwargs: object) -> Event:
    bundle = to.bundle() if not _has_conversation(sender, to) else None
    options: dict[str, object] = {"community": SLUG, **kwargs}
    sent = seal_and_queue(
        sender.store,
        sender.persona,
        to.pubkey,
        text,
        bundle=bundle,
        **options,  # type: ignore[arg-type]
    )
    return sent.event


def _has_conversation(sender: Member, to: Member) -> bool:
    row = sender.store.execute(
        "SELECT 1 FROM dm_conversations WHERE persona = ? AND peer = ? AND state IS NOT NULL",
        (sender.pubkey, to.pubkey),
    ).fetchone()
    return row is not None


def test_a_first_message_is_a_request_until_accepted(pair: tuple[Member, Member]) -> None:
    ana, ben = pair
    first = _write(ana, ben, "me too. can I message you?", cw="grief")
    second = _write(ana, ben, "no pressure at all")
    assert ben.receive(first).verdict == "request"
    assert ben.receive(second).verdict == "request"
    [request] = requests(ben.store)
    assert (request.peer, request.community, request.cw) == (ana.pubkey, SLUG, "grief")
    assert request.opening == "me too. can I message you?" and request.count == 2
    assert conversations(ben.store) == [] and unread_total(ben.store) == 0
    with pytest.raises(NotFound):
        messages(ben.store, ben.pubkey, ana.pubkey)
    accept_request(ben.store, ben.pubkey, ana.pubkey)
    [row] = conversations(ben.store)
    assert (row.peer, row.unread, row.last_text) == (ana.pubkey, 2, "no pressure at all")
    shown = messages(ben.store, ben.pubkey, ana.pubkey)
    assert [m.text for m in shown] == ["me too. can I message you?", "no pressure at all"]
    # Ben answers on the same session; Ana reads it at once, no request on her side
    reply = seal_and_queue(ben.store, ben.persona, ana.pubkey, "yes, of course").event
    assert ana.receive(reply).verdict == "stored"
    [ana_row] = conversations(ana.store)
    assert (ana_row.unread, ana_row.last_text) == (1, "yes, of course")
    assert find_conversation(ana.store, ben.persona.pseudonym) == (ana.pubkey, ben.pubkey)


def test_a_request_from_a_blocked_persona_never_surfaces(pair: tuple[Member, Member]) -> None:
    ana, ben = pair
    block(ben.store, ana.pubkey)
    first = _write(ana, ben, "hello?")
    assert ben.receive(first).verdict == "blocked"
    assert requests(ben.store) == [] and conversations(ben.store) == []
    count = ben.store.execute("SELECT count(*) FROM dm_messages").fetchone()[0]
    assert count == 0, "nothing of a blocked sender is saved"


def test_decline_and_block_stops_what_follows_at_once(pair: tuple[Member, Member]) -> None:
    ana, ben = pair
    first, second = _write(ana, ben, "hi"), _write(ana, ben, "answer me")
    assert ben.receive(first).verdict == "request"
    decline_request(ben.store, ben.pubkey, ana.pubkey, and_block=True)
    assert ben.receive(second).verdict == "blocked"
    assert requests(ben.store) == [] and conversations(ben.store) == []
    assert ben.store.execute("SELECT count(*) FROM dm_messages").fetchone()[0] == 0


def test_a_declined_request_cannot_be_replayed_but_may_ask_again(
    pair: tuple[Member, Member],
) -> None:
    ana, ben = pair
    first = _write(ana, ben, "hi")
    assert ben.receive(first).verdict == "request"
    decline_request(ben.store, ben.pubkey, ana.pubkey)
    assert ben.receive(first).verdict == "copy", "the kept state refuses the replayed opener"
    assert requests(ben.store) == []
    again = _write(ana, ben, "sorry, one more try")
    assert ben.receive(again).verdict == "request"
    assert [r.opening for r in requests(ben.store)] == ["sorry, one more try"]


def test_the_requests_setting_and_the_daily_limit(
    tmp_path: Path, pair: tuple[Member, Member]
) -> None:
    ana, ben = pair
    stranger = member(tmp_path / "stranger.db")  # joined, never posted: shares nothing seen
    claims_elsewhere = _write(stranger, ben, "hey", community="somewhere-else")
    assert ben.receive(claims_elsewhere).verdict == "unwanted", "default: shared communities only"
    # membership is not public: a silent member naming one of Ben's communities may ask
    assert ben.receive(_write(stranger, ben, "hello from the night owls")).verdict == "request"
    decline_request(ben.store, ben.pubkey, stranger.pubkey)
    set_setting(ben.store, "dm_requests", "off")
    assert ben.receive(_write(ana, ben, "hi")).verdict == "unwanted"
    set_setting(ben.store, "dm_requests", "anyone")
    # the relay's figure, as /v1/info gave it to a sync (engine keeps its "mailbox" section)
    ben.store.execute(
        "INSERT INTO relays (url, added_at, limits) VALUES (?, 0, ?)",
        ("http://relay.test", json.dumps({"mailbox": {"requests_per_sender_per_day": 3}})),
    )
    ben.store.conn.commit()
    verdicts = [
        receive_dm(ben.store, ben.persona, _write(stranger, ben, f"message {i}"),
                   relay_url="http://relay.test").verdict
        for i in range(5)
    ]  # fmt: skip
    assert verdicts == ["request"] * 3 + ["too-many"] * 2
    stranger.store.close()


def test_altered_replayed_and_out_of_order_messages(pair: tuple[Member, Member]) -> None:
    ana, ben = pair
    events = [_write(ana, ben, f"line {i}") for i in range(4)]
    assert ben.receive(events[0]).verdict == "request"
    accept_request(ben.store, ben.pubkey, ana.pubkey)
    # altered: one byte of the sealed ciphertext changed; the id and signature are redone
    # by nobody, so the relay's copy is refused whole and changes no state
    wire = events[1].to_wire()
    content = json.loads(wire["content"])
    content["ct"] = ("B" if content["ct"][0] != "B" else "C") + content["ct"][1:]
    wire["content"] = json.dumps(content, separators=(",", ":"))
    tampered = Event.from_wire(wire)
    assert ben.receive(tampered).verdict == "refused"
    # out of order: 3 before 2, then 1; each shown once, in the order written
    assert ben.receive(events[3]).verdict == "stored"
    assert ben.receive(events[2]).verdict == "stored"
    assert ben.receive(events[1]).verdict == "stored"
    # replayed: the same event is a copy; its content re-signed by another one-time key
    # (a fresh id the store has not seen) fails the seal, which binds that key
    assert ben.receive(events[2]).verdict == "copy"
    resigned = sign_event(
        Keypair.generate(), "dm", "", events[2].content, [list(t) for t in events[2].tags]
    )
    assert ben.receive(resigned).verdict == "refused"
    shown = [m.text for m in messages(ben.store, ben.pubkey, ana.pubkey)]
    assert shown == ["line 0", "line 1", "line 2", "line 3"]


def test_writing_to_a_blocked_persona_is_refused(pair: tuple[Member, Member]) -> None:
    ana, ben = pair
    block(ana.store, ben.pubkey)
    with pytest.raises(BadInput):
        seal_and_queue(ana.store, ana.persona, ben.pubkey, "hi", bundle=ben.bundle())
    assert ana.queued_dms() == []


def test_dataclasses_are_frozen(pair: tuple[Member, Member]) -> None:
    ana, ben = pair
    assert ben.receive(_write(ana, ben, "hi")).verdict == "request"
    [request] = requests(ben.store)
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.count = 3  # type: ignore[misc]


def test_search_finds_accepted_messages_only(tmp_path: Path, pair: tuple[Member, Member]) -> None:
    ana, ben = pair
    assert ben.receive(_write(ana, ben, "the lighthouse walk helped")).verdict == "request"
    assert search(ben.store, "lighthouse", sources=("message",))["message"] == []
    accept_request(ben.store, ben.pubkey, ana.pubkey)
    [hit] = search(ben.store, "lighthouse", sources=("message",))["message"]
    assert hit.peer == ana.pubkey and ("lighthouse", True) in hit.segments()
    [own] = search(ana.store, "lighthouse")["message"]
    assert own.peer == ben.pubkey, "your own messages are found too"
    block(ben.store, ana.pubkey)
    assert search(ben.store, "lighthouse")["message"] == []


def test_seen_is_off_until_chosen_and_then_tells_the_sender(pair: tuple[Member, Member]) -> None:
    ana, ben = pair
    assert ben.receive(_write(ana, ben, "first")).verdict == "request"
    accept_request(ben.store, ben.pubkey, ana.pubkey)
    assert mark_read(ben.store, ben.pubkey, ana.pubkey) is None, "off by default: nothing sent"
    set_seen(ben.store, ben.pubkey, ana.pubkey, True)
    sent = [_write(ana, ben, "second"), _write(ana, ben, "third")]
    for event in sent:
        assert ben.receive(event).verdict == "stored"
    receipt = mark_read(ben.store, ben.pubkey, ana.pubkey)
    assert receipt is not None and receipt.kind == "dm", "a receipt looks like any message"
    assert mark_read(ben.store, ben.pubkey, ana.pubkey) is None, "nothing new: no receipt"
    assert [m.seen for m in messages(ana.store, ana.pubkey, ben.pubkey)] == [False] * 3
    assert ana.receive(receipt).verdict == "receipt"
    assert [m.seen for m in messages(ana.store, ana.pubkey, ben.pubkey)] == [True] * 3
    assert len(messages(ana.store, ana.pubkey, ben.pubkey)) == 3, "a receipt is never shown"
    with pytest.raises(BadInput):
        seal_and_queue(ana.store, ana.persona, ben.pubkey, "seen:" + "ab" * 32)


def test_the_bundle_is_replenished_when_used_up_or_expiring(pair: tuple[Member, Member]) -> None:
    _ana, ben = pair
    first = publish_prekeys(ben.store, ben.persona)
    assert first is not None and publish_prekeys(ben.store, ben.persona) is None
    held = load_prekeys(ben.store.conn, ben.pubkey)
    assert held is not None
    published = sorted(held.one_time)
    for otpk_id in published[: len(published) - LOW_ONE_TIME + 1]:  # requests used these
        del held.one_time[otpk_id]
    with ben.store.transaction() as conn:
        save_prekeys(conn, ben.pubkey, held)
    second = publish_prekeys(ben.store, ben.persona)
    assert second is not None, "fewer than a quarter left: a new bundle"
    kept = load_prekeys(ben.store.conn, ben.pubkey)
    assert kept is not None and set(held.one_time) <= set(kept.one_time), "old keys kept"
    assert len(kept.signed) == 2
    with ben.store.transaction() as conn:
        conn.execute("UPDATE dm_prekeys SET spk_expires = ?", (now() + 86_400,))
    assert publish_prekeys(ben.store, ben.persona) is not None, "a week left: renewed"
    for _ in range(3):
        publish_prekeys(ben.store, ben.persona, force=True)
    last = load_prekeys(ben.store.conn, ben.pubkey)
    assert last is not None and len(last.signed) == KEEP_SIGNED


def test_blocking_takes_requests_and_conversations_out_of_sight_at_once(
    tmp_path: Path, pair: tuple[Member, Member]
) -> None:
    ana, ben = pair
    carl = member(tmp_path / "carl.db")
    meet(carl, ben)
    assert ben.receive(_write(ana, ben, "hi")).verdict == "request"
    assert ben.receive(_write(carl, ben, "hello")).verdict == "request"
    accept_request(ben.store, ben.pubkey, carl.pubkey)
    block(ben.store, ana.pubkey)
    block(ben.store, carl.pubkey)
    assert requests(ben.store) == [] and conversations(ben.store) == []
    assert unread_total(ben.store) == 0
    carl.store.close()
