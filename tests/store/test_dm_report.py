"""Reporting a direct message: the moderator's device checks the proof and refuses a forgery."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.core.event import Event
from peerhaven.core.sealing import seal
from peerhaven.store.dm import accept_request
from peerhaven.store.dm_report import report_message
from peerhaven.store.dm_send import seal_and_queue
from peerhaven.store.errors import BadInput
from peerhaven.store.events import ingest
from peerhaven.store.mod_queue import mod_queue
from peerhaven.store.moderation import pinned
from peerhaven.store.reports import open_reports
from tests.store.dm_world import SLUG, Member, meet, member

MOD_SECRET = bytes([42]) * 32


def _world(tmp_path: Path) -> tuple[Member, Member, Member]:
    mod = Keypair.from_secret(MOD_SECRET).pubkey
    ana = member(tmp_path / "ana.db", moderators=[mod])
    ben = member(tmp_path / "ben.db", moderators=[mod])
    moderator = member(tmp_path / "mod.db", moderators=[mod], secret=MOD_SECRET)
    meet(ana, ben)
    return ana, ben, moderator


def _received(ana: Member, ben: Member, text: str) -> int:
    event = seal_and_queue(
        ana.store, ana.persona, ben.pubkey, text, bundle=ben.bundle(), community=SLUG
    ).event
    received = ben.receive(event)
    assert received.message_id is not None
    accept_request(ben.store, ben.pubkey, ana.pubkey)
    return received.message_id


def _deliver(moderator: Member, report: Event) -> None:
    with Verifier(1) as verifier:
        ingest(moderator.store, [report], verifier)


def _forged(ben: Member, message_id: int, new_text: str) -> Event:
    """What a recipient can make without the sender's key: the real proof, other words."""
    evidence = json.loads(
        ben.store.execute(
            "SELECT evidence FROM dm_messages WHERE id = ?", (message_id,)
        ).fetchone()[0]
    )
    evidence["message"]["m"]["text"] = new_text
    pin = pinned(ben.store.conn, SLUG)
    assert pin is not None
    recipients = [pin[0], *sorted(pin[1])]
    body = seal(json.dumps({"reason": "threats", "dm": evidence}).encode(), recipients)
    tags = [("target", secrets.token_hex(32)), *(("to", r) for r in recipients)]
    return builders.sign_event(ben.persona.keys, "report", SLUG, body, tags)


def test_a_reported_message_reaches_the_moderators_with_its_sender(tmp_path: Path) -> None:
    ana, ben, moderator = _world(tmp_path)
    message_id = _received(ana, ben, "you will regret this")
    report = report_message(ben.store, message_id, "a threat")
    assert "regret" not in report.content and ana.pubkey not in report.content
    assert report.target is not None and report.target not in {
        row[0] for row in ben.store.execute("SELECT event_id FROM dm_messages")
    }, "the relay cannot tell which stored message was reported"
    _deliver(moderator, report)
    [opened] = open_reports(moderator.store, SLUG)
    assert opened.message is not None
    assert (opened.message.sender, opened.message.text) == (ana.pubkey, "you will regret this")
    [item] = mod_queue(moderator.store, SLUG)
    assert (item.direct, item.author, item.content) == (True, ana.pubkey, "you will regret this")
    for m in (ana, ben, moderator):
        m.store.close()


def test_a_forged_report_of_a_direct_message_is_refused(tmp_path: Path) -> None:
    ana, ben, moderator = _world(tmp_path)
    message_id = _received(ana, ben, "see you at the meeting")
    _deliver(moderator, _forged(ben, message_id, "send me your address"))
    assert open_reports(moderator.store, SLUG) == []
    assert mod_queue(moderator.store, SLUG, include_handled=True) == []
    # the same proof reported by someone who is not its recipient is refused too
    real = json.loads(
        ben.store.execute(
            "SELECT evidence FROM dm_messages WHERE id = ?", (message_id,)
        ).fetchone()[0]
    )
    pin = pinned(ana.store.conn, SLUG)
    assert pin is not None
    body = seal(json.dumps({"reason": "x", "dm": real}).encode(), [pin[0], *sorted(pin[1])])
    tags = [("target", secrets.token_hex(32)), *(("to", r) for r in [pin[0], *sorted(pin[1])])]
    _deliver(moderator, builders.sign_event(ana.persona.keys, "report", SLUG, body, tags))
    assert open_reports(moderator.store, SLUG) == []
    for m in (ana, ben, moderator):
        m.store.close()


def test_only_a_received_message_with_a_reason_can_be_reported(tmp_path: Path) -> None:
    ana, ben, moderator = _world(tmp_path)
    message_id = _received(ana, ben, "hello")
    with pytest.raises(BadInput):
        report_message(ben.store, message_id, "  ")
    own = ana.store.execute("SELECT id FROM dm_messages").fetchone()[0]
    with pytest.raises(Exception, match="no received message"):
        report_message(ana.store, int(own), "mine")
    for m in (ana, ben, moderator):
        m.store.close()
