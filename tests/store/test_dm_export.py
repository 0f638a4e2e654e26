"""Export and import carry conversations with their ratchet state, and check them strictly."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from peerhaven.store import create_store
from peerhaven.store.dm import accept_request, conversations, messages
from peerhaven.store.dm_send import seal_and_queue
from peerhaven.store.export import export_bytes
from peerhaven.store.importing import import_data
from peerhaven.store.personas import load_persona
from tests.fixtures.store import PASSPHRASE
from tests.store.dm_world import SLUG, Member, meet, member


def _talk(ana: Member, ben: Member) -> None:
    first = seal_and_queue(
        ana.store, ana.persona, ben.pubkey, "first words", bundle=ben.bundle(), community=SLUG
    ).event
    assert ben.receive(first).verdict == "request"
    accept_request(ben.store, ben.pubkey, ana.pubkey)
    answer = seal_and_queue(ben.store, ben.persona, ana.pubkey, "hello back").event
    assert ana.receive(answer).verdict == "stored"
    later = seal_and_queue(ana.store, ana.persona, ben.pubkey, "how was the walk?").event
    assert ben.receive(later).verdict == "stored"


def test_a_sealed_export_keeps_conversations_readable_and_continuing(tmp_path: Path) -> None:
    ana, ben = member(tmp_path / "ana.db"), member(tmp_path / "ben.db")
    meet(ana, ben)
    _talk(ana, ben)
    before = [(m.text, m.outgoing) for m in messages(ben.store, ben.pubkey, ana.pubkey)]
    sealed, _plain = export_bytes(ben.store, "export passphrase words")
    ben.store.close()  # the old device is gone: only the export is left
    moved = create_store(tmp_path / "new.db", PASSPHRASE)
    report = import_data(moved, json.loads(sealed), "export passphrase words")
    assert report.refused_total() == 0, report.refused
    assert report.added["dm_conversations"] == 1 and report.added["dm_messages"] == 3
    new_ben = Member(moved, load_persona(moved, ben.pubkey))
    assert [(m.text, m.outgoing) for m in messages(moved, ben.pubkey, ana.pubkey)] == before
    [row] = conversations(moved)
    assert row.peer == ana.pubkey
    # continuing: Ana writes on, the new device reads it and answers on the same ratchet
    onward = seal_and_queue(ana.store, ana.persona, ben.pubkey, "still there?").event
    assert new_ben.receive(onward).verdict == "stored"
    reply = seal_and_queue(moved, new_ben.persona, ana.pubkey, "yes, on a new device").event
    assert ana.receive(reply).verdict == "stored"
    assert messages(ana.store, ana.pubkey, ben.pubkey)[-1].text == "yes, on a new device"
    moved.verify_integrity()  # the messages' search index agrees with its table
    # importing again adds nothing twice
    again = import_data(moved, json.loads(sealed), "export passphrase words")
    assert again.added.get("dm_messages", 0) == 0 and again.refused_total() == 0
    ana.store.close()
    moved.close()


def test_import_refuses_altered_state_and_words_put_in_a_mouth(tmp_path: Path) -> None:
    ana, ben = member(tmp_path / "ana.db"), member(tmp_path / "ben.db")
    meet(ana, ben)
    _talk(ana, ben)
    raw, _data = export_bytes(ben.store, None)
    plain = json.loads(raw)
    data = copy.deepcopy(plain["data"])
    data["dm_conversations"][0]["state"] = data["dm_conversations"][0]["state"][:-9] + "}"
    received = next(m for m in data["dm_messages"] if not m["outgoing"])
    received["text"] = "words the sender never wrote"
    data["dm_prekeys"][0]["secrets"] = '{"signed": {"1": "00"}, "one_time": {}}'
    fresh = create_store(tmp_path / "fresh.db", PASSPHRASE)
    report = import_data(fresh, {**plain, "data": data})
    refused = {section: dict(reasons) for section, reasons in report.refused.items()}
    assert refused["dm_conversations"] == {"its ratchet state is damaged": 1}
    assert refused["dm_prekeys"] == {"its prekey secrets are damaged": 1}
    assert refused["dm_messages"] == {
        "its words differ from what its sender signed": 1,
        "its conversation is neither in the file nor on this device": 2,
    }
    assert fresh.execute("SELECT count(*) FROM dm_messages").fetchone()[0] == 0
    for store in (ana.store, ben.store, fresh):
        store.close()
