"""Export and import carry circles: keys, members, posts, invites and reports.

A circle moved to a new device by a sealed export keeps reading and posting; a
file that alters a post's words, a key or an invite is refused row by row.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from peerhaven.store import create_store
from peerhaven.store.circle_actions import make_invite, post_to_circle, remove_member
from peerhaven.store.circles import circle_posts, get_circle
from peerhaven.store.export import collect
from peerhaven.store.importing import import_data
from tests.fixtures.store import PASSPHRASE
from tests.store.circle_world import Device
from tests.store.test_circles import _circle_of_three


def _new_device(tmp_path: Path, name: str, data: dict[str, Any]) -> Device:
    path = tmp_path / name / "peerhaven.db"
    store = create_store(path, PASSPHRASE)
    report = import_data(store, {"format": "peerhaven-export", "version": 1, "data": data})
    assert report.refused == {}, report.refused
    persona = data["personas"][0]["pubkey"]
    return Device(store, persona, path)


def test_a_circle_moved_by_export_keeps_reading_and_posting(tmp_path: Path) -> None:
    owner, b, c, mail, circle = _circle_of_three(tmp_path)
    post_to_circle(b.store, circle, "before the move")
    mail.round(owner, b, c)
    data = json.loads(json.dumps(collect(b.store)))  # through JSON, as in a file
    moved = _new_device(tmp_path, "b-new", data)
    assert [p.text for p in circle_posts(moved.store, circle)] == ["before the move"]
    row = get_circle(moved.store, circle)
    assert (row.state, row.members, row.name) == ("member", 3, "Morning group")
    post_to_circle(c.store, circle, "after the move")
    post_to_circle(moved.store, circle, "from the new device")
    mail.round(owner, c, moved)
    assert [p.text for p in circle_posts(owner.store, circle)] == [
        "before the move",
        "after the move",
        "from the new device",
    ]
    assert "after the move" in [p.text for p in circle_posts(moved.store, circle)]


def test_the_owners_export_keeps_invites_and_the_power_to_remove(tmp_path: Path) -> None:
    owner, b, c, mail, circle = _circle_of_three(tmp_path)
    code = make_invite(owner.store, circle).code
    moved = _new_device(tmp_path, "owner-new", json.loads(json.dumps(collect(owner.store))))
    assert moved.store.execute("SELECT count(*) FROM circle_invites").fetchone()[0] == 3
    remove_member(moved.store, circle, b.persona)
    mail.round(moved, b, c)
    assert get_circle(b.store, circle).state == "removed"
    assert get_circle(c.store, circle).members == 2
    assert code.startswith("circle-")


def test_altered_rows_are_refused_and_nothing_false_is_shown(tmp_path: Path) -> None:
    owner, b, c, mail, circle = _circle_of_three(tmp_path)
    post_to_circle(b.store, circle, "the true words")
    mail.round(owner, b, c)
    data = json.loads(json.dumps(collect(owner.store)))
    altered = copy.deepcopy(data)
    event = altered["circle_posts"][0]["event"]
    content = json.loads(event["content"])
    content["ct"] = content["ct"][:-8] + ("A" * 8 if content["ct"][-8:] != "A" * 8 else "B" * 8)
    event["content"] = json.dumps(content)
    altered["circle_invites"][0]["secret"] = "00" * 16
    altered["circle_epochs"][0]["key"] = "zz" * 32
    path = tmp_path / "new" / "peerhaven.db"
    store = create_store(path, PASSPHRASE)
    report = import_data(store, {"format": "peerhaven-export", "version": 1, "data": altered})
    assert set(report.refused) >= {"circle_posts", "circle_invites", "circle_epochs"}
    texts = [p.text for p in circle_posts(store, circle)]
    assert texts == []  # the altered post is not shown, nor any other words
    store.close()
