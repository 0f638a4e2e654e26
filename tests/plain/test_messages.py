"""Plain mode's messages over real stores (two devices, sealed and opened by the real code).

What the other device queued is handed over by hand (``tests/store/dm_world``);
the member types into a ``Console`` over strings. The relay's part is in
``test_pty_messages.py``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from peerhaven.plain.console import Console, Leave
from peerhaven.plain.messages import news, requests_place, write_message
from peerhaven.plain.session import Session
from peerhaven.store.dm import accept_request, requests
from peerhaven.store.dm_send import seal_and_queue
from peerhaven.store.filter_prefs import load_rules
from peerhaven.store.settings import all_settings
from tests.store.dm_world import SLUG, Member, meet, member


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Member, Member]]:
    ana, ben = member(tmp_path / "ana.db"), member(tmp_path / "ben.db")
    meet(ana, ben)
    yield ana, ben
    ana.store.close()
    ben.store.close()


def _request(ana: Member, ben: Member, text: str, cw: str | None = None) -> None:
    """Ana writes to Ben; Ben's device receives it (a request)."""
    seal_and_queue(
        ana.store, ana.persona, ben.pubkey, text, cw=cw, community=SLUG, bundle=ben.bundle()
    )
    for event in ana.queued_dms():
        ben.receive(event)


def _session(who: Member, typed: list[str]) -> tuple[Session, io.StringIO]:
    out = io.StringIO()
    console = Console(io.StringIO("\n".join(typed) + "\n"), out, lambda: "crisis lines")
    return Session(who.store, console, all_settings(who.store)), out


def test_home_news_counts_messages_people_and_requests(pair: tuple[Member, Member]) -> None:
    ana, ben = pair
    session, _out = _session(ben, [])
    assert news(session) == ""
    _request(ana, ben, "hello")
    assert news(session) == "1 request"
    accept_request(ben.store, ben.pubkey, ana.pubkey)
    seal_and_queue(ana.store, ana.persona, ben.pubkey, "are you there?")
    for event in ana.queued_dms()[1:]:
        ben.receive(event)
    assert news(session) == "2 new messages from 1 person"


def test_a_folded_request_stays_folded_and_decline_and_block_is_asked_first(
    pair: tuple[Member, Member],
) -> None:
    ana, ben = pair
    _request(ana, ben, "the words under the warning", cw="loss")
    # choose the request, keep it folded, decline and block, say no; then again, say yes
    session, out = _session(ben, ["1", "n", "3", "n", "1", "n", "3", "y"])
    requests_place(session)
    said = out.getvalue()
    assert "The opening is folded: content warning “loss”." in said
    assert "the words under the warning" not in said
    asked = f"Decline and block {ana.persona.pseudonym}? (y for yes"
    assert said.index("Their request is deleted") < said.index(asked)
    assert "Nothing was declined." in said
    assert said.rstrip().endswith("No message requests.")
    assert requests(ben.store) == []
    assert ana.pubkey in load_rules(ben.store).blocked


def test_a_message_with_personal_details_is_not_sent_unless_the_member_says_so(
    pair: tuple[Member, Member],
) -> None:
    ana, ben = pair
    typed = ["Write to me at sam.jones@example.com", ".", "", "2"]
    session, out = _session(ana, typed)
    write_message(session, ana.pubkey, ben.pubkey, community=SLUG)
    said = out.getvalue()
    assert "This text seems to contain an e-mail address." in said
    assert "1. Send it anyway" in said
    assert "Not sent; nothing left this device." in said
    assert ana.queued_dms() == []


def test_the_input_ending_in_a_request_leaves_it_waiting(pair: tuple[Member, Member]) -> None:
    ana, ben = pair
    _request(ana, ben, "hello")
    session, _out = _session(ben, ["1"])
    with pytest.raises(Leave):
        requests_place(session)
    assert len(requests(ben.store)) == 1


def test_a_message_found_by_search_opens_its_conversation(pair: tuple[Member, Member]) -> None:
    from peerhaven.plain.search import search

    ana, ben = pair
    _request(ana, ben, "the lighthouse keeper's tea")
    accept_request(ben.store, ben.pubkey, ana.pubkey)
    session, out = _session(ben, ["lighthouse", "1", "b"])
    search(session)
    said = out.getvalue()
    assert f"1. a message with {ana.persona.pseudonym}" in said
    assert f"Conversation with {ana.persona.pseudonym}" in said
    assert said.index("Message 1, from") < said.index(
        "the lighthouse keeper's tea", said.index("Message 1")
    )
