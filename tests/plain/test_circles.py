"""Plain mode's circles over real stores; the relay's part is carried by hand (``Mail``).

The devices' relay is a closed port, so every send here finds no relay: what
plain mode says must then be that the words wait, never "Sent.".
"""

from __future__ import annotations

import io
from pathlib import Path

from peerhaven.plain.circles import read_circle
from peerhaven.plain.console import Console
from peerhaven.plain.session import Session
from peerhaven.store.circle_actions import create_circle, join_circle, make_invite
from peerhaven.store.circles import circle_members, circle_posts
from peerhaven.store.settings import all_settings
from tests.store.circle_world import Device, Mail, device


def _session(who: Device, typed: list[str]) -> tuple[Session, io.StringIO]:
    out = io.StringIO()
    console = Console(io.StringIO("\n".join(typed) + "\n"), out, lambda: "crisis lines")
    return Session(who.store, console, all_settings(who.store)), out


def test_removing_a_member_is_asked_first_says_the_key_changes_and_waits_offline(
    tmp_path: Path,
) -> None:
    owner, ben = device(tmp_path, "owner"), device(tmp_path, "ben")
    circle = create_circle(owner.store, "Tuesday evenings").id
    join_circle(ben.store, make_invite(owner.store, circle).code)
    Mail().round(owner, ben)
    assert len(circle_members(owner.store, circle)) == 2
    session, out = _session(owner, ["x", "1", "n", "x", "1", "y", "b"])
    read_circle(session, circle)
    said = out.getvalue()
    assert said.index("The circle's key changes") < said.index("Nobody was removed.")
    assert "is removed; the circle has a new key." in said
    assert "Saved; goes out when a relay is reachable." in said
    assert "Sent." not in said
    assert [m.pubkey for m in circle_members(owner.store, circle)] == [owner.persona]
    owner.store.close()
    ben.store.close()


def test_a_circle_post_passes_the_crisis_offer_and_stays_unsent_when_the_member_says_so(
    tmp_path: Path,
) -> None:
    owner = device(tmp_path, "owner")
    circle = create_circle(owner.store, "Tuesday evenings").id
    typed = ["n", "Some nights I want to end my life.", ".", "", "2", "b"]
    session, out = _session(owner, typed)
    read_circle(session, circle)
    said = out.getvalue()
    assert "It sounds like things may be very hard right now." in said
    assert said.index("call your local emergency number") < said.index("2. Do not send it now")
    assert "Not sent; nothing left this device." in said
    assert circle_posts(owner.store, circle) == []
    owner.store.close()
