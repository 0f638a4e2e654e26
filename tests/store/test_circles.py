"""Circles across several devices: joining by invite, posting, removal and leaving.

The devices are real SQLCipher stores; the relay's part (holding events per
mailbox) is played by ``circle_world.Mail`` so these tests need no network. The
same flow through a real relay is in tests/sync/test_circle_mailbox.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peerhaven.core.event import Event
from peerhaven.store import open_store
from peerhaven.store.circle_actions import (
    create_circle,
    join_circle,
    leave_circle,
    make_invite,
    post_to_circle,
    remove_member,
)
from peerhaven.store.circle_inbox import mailboxes, receive
from peerhaven.store.circles import (
    circle_members,
    circle_posts,
    get_circle,
    list_circles,
    mark_circle_read,
)
from peerhaven.store.errors import BadInput
from tests.fixtures.store import PASSPHRASE
from tests.store.circle_world import Device, Mail, device


def _circle_of_three(tmp_path: Path) -> tuple[Device, Device, Device, Mail, str]:
    owner, b, c = device(tmp_path, "owner"), device(tmp_path, "b"), device(tmp_path, "c")
    circle = create_circle(owner.store, "Morning group", rules="Be kind.").id
    mail = Mail()
    for joiner in (b, c):
        join_circle(joiner.store, make_invite(owner.store, circle).code)
        mail.round(owner, b, c)
    return owner, b, c, mail, circle


def _texts(dev: Device, circle: str) -> list[str]:
    return [post.text for post in circle_posts(dev.store, circle)]


def test_an_invite_lets_one_persona_in_with_the_name_rules_and_members(tmp_path: Path) -> None:
    owner, b, c, _, circle = _circle_of_three(tmp_path)
    for dev in (owner, b, c):
        row = get_circle(dev.store, circle)
        assert (row.name, row.rules, row.state, row.members) == (
            "Morning group",
            "Be kind.",
            "member",
            3,
        )
        assert row.is_owner == (dev is owner)
        members = circle_members(dev.store, circle)
        assert members[0].is_owner and members[0].pubkey == owner.persona
        assert {m.pubkey for m in members} == {owner.persona, b.persona, c.persona}
        assert [m.pubkey for m in members if m.is_me] == [dev.persona]


def test_posts_reach_every_member_in_order_and_survive_a_restart(tmp_path: Path) -> None:
    owner, b, c, mail, circle = _circle_of_three(tmp_path)
    post_to_circle(owner.store, circle, "first")
    mail.round(owner, b, c)
    _, second = post_to_circle(b.store, circle, "second")
    mail.round(owner, b, c)
    post_to_circle(c.store, circle, "a reply", reply_to=second.id[:10], cw="grief")
    mail.round(owner, b, c)
    # the signed times may share a second; the order within one is arrival, so each
    # device lists the posts it received in the order they came
    for dev in (owner, b, c):
        posts = circle_posts(dev.store, circle)
        assert [p.text for p in posts] == ["first", "second", "a reply"]
        assert posts[2].reply_to == second.id and posts[2].cw == "grief"
        assert [p.author for p in posts] == [owner.persona, b.persona, c.persona]
        assert [p.mine for p in posts] == [dev is owner, dev is b, dev is c]
    assert get_circle(b.store, circle).unread == 2
    mark_circle_read(b.store, circle)
    assert get_circle(b.store, circle).unread == 0
    b.store.close()
    reopened = open_store(b.path, PASSPHRASE)
    assert [p.text for p in circle_posts(reopened, circle)] == ["first", "second", "a reply"]
    assert get_circle(reopened, circle).unread == 0
    reopened.close()


def test_a_removed_member_cannot_read_posts_made_after_removal(tmp_path: Path) -> None:
    owner, b, c, mail, circle = _circle_of_three(tmp_path)
    post_to_circle(owner.store, circle, "before")
    mail.round(owner, b, c)
    remove_member(owner.store, circle, b.persona)
    mail.round(owner, b, c)
    post_to_circle(owner.store, circle, "after, from the owner")
    mail.round(owner, b, c)
    post_to_circle(c.store, circle, "after, from c")
    mail.round(owner, b, c)
    assert get_circle(b.store, circle).state == "removed"
    assert _texts(b, circle) == ["before"]  # kept what it had
    assert _texts(c, circle) == ["before", "after, from the owner", "after, from c"]
    assert get_circle(owner.store, circle).members == 2
    # even handed every event there is, b's device opens nothing new
    for event in mail.events.values():
        receive(b.store, event)
    assert _texts(b, circle) == ["before"]
    followed = mailboxes(b.store)
    assert followed.personas == followed.epochs == []  # nothing of the circle any more
    with pytest.raises(BadInput, match="removed you"):
        post_to_circle(b.store, circle, "still here?")


def test_a_member_who_leaves_cannot_read_what_follows(tmp_path: Path) -> None:
    owner, b, c, mail, circle = _circle_of_three(tmp_path)
    post_to_circle(c.store, circle, "before")
    mail.round(owner, b, c)
    assert leave_circle(b.store, circle).state == "left"
    mail.round(owner, b, c)
    assert get_circle(owner.store, circle).members == 2
    post_to_circle(c.store, circle, "after")
    mail.round(owner, b, c)
    for event in mail.events.values():
        receive(b.store, event)
    assert _texts(b, circle) == ["before"]
    assert _texts(owner, circle) == ["before", "after"]


def test_a_used_invite_is_refused_in_clear_words(tmp_path: Path) -> None:
    owner, b, c = device(tmp_path, "owner"), device(tmp_path, "b"), device(tmp_path, "c")
    circle = create_circle(owner.store, "Closed").id
    code = make_invite(owner.store, circle).code
    join_circle(b.store, code)
    Mail().round(owner, b)
    mail = Mail()
    mail.round(owner, b)
    join_circle(c.store, code)
    mail.round(owner, b, c)
    row = get_circle(c.store, circle)
    assert row.state == "refused"
    assert row.state_words() == "That invite code was already used; ask the owner for a new one."
    assert get_circle(owner.store, circle).members == 2
    assert list_circles(c.store)[0].name == ""  # nothing about the circle was given away


def test_an_expired_invite_is_refused_by_the_joiner_and_by_the_owner(tmp_path: Path) -> None:
    owner, b = device(tmp_path, "owner"), device(tmp_path, "b")
    circle = create_circle(owner.store, "Closed").id
    code = make_invite(owner.store, circle, hours=1).code
    join_circle(b.store, code)
    # the owner's device syncs only after the code expired
    with owner.store.transaction() as conn:
        conn.execute("UPDATE circle_invites SET expires_at = expires_at - 7200")
    Mail().round(owner, b)
    row = get_circle(b.store, circle)
    assert (row.state, row.state_words()) == (
        "refused",
        "That invite code has expired; ask the owner for a new one.",
    )
    assert get_circle(owner.store, circle).members == 1
    old = make_invite(owner.store, circle, hours=1).code
    with owner.store.transaction() as conn:
        conn.execute("UPDATE circle_invites SET expires_at = 1")
    from peerhaven.core.circles.invite import Invite

    stale = Invite.from_code(old)
    expired = Invite(stale.circle, stale.owner, stale.secret, 1, stale.relay).code()
    c = device(tmp_path, "c")
    with pytest.raises(
        BadInput, match=r"^That invite code has expired; ask the owner for a new one\.$"
    ):
        join_circle(c.store, expired)


def test_a_request_without_the_secret_is_refused(tmp_path: Path) -> None:
    """Someone who learned the circle id and owner but not the secret gets nothing."""
    from peerhaven.core.circles.control import JoinRequest, seal_control
    from peerhaven.core.circles.invite import Invite
    from peerhaven.core.keys import Keypair

    owner = device(tmp_path, "owner")
    circle = create_circle(owner.store, "Closed").id
    invite = Invite.from_code(make_invite(owner.store, circle).code)
    guesser = Keypair.generate()
    request = JoinRequest(circle, invite.id, "00" * 32)
    receive(owner.store, seal_control(guesser, owner.persona, request, now=invite.expires_at - 60))
    assert get_circle(owner.store, circle).members == 1
    used = owner.store.execute("SELECT used_by FROM circle_invites").fetchone()[0]
    assert used is None
    # and no answer: a stranger cannot make the owner's device write to anyone
    assert owner.store.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_a_welcome_from_anyone_but_the_owner_is_ignored(tmp_path: Path) -> None:
    from peerhaven.core.circles.control import Welcome, seal_control
    from peerhaven.core.circles.epoch import new_epoch_key
    from peerhaven.core.keys import Keypair

    owner, b = device(tmp_path, "owner"), device(tmp_path, "b")
    circle = create_circle(owner.store, "Closed").id
    join_circle(b.store, make_invite(owner.store, circle).code)
    impostor = Keypair.generate()
    fake = Welcome(circle, "Fake", "", 5, new_epoch_key(), (impostor.pubkey, b.persona))
    receive(b.store, seal_control(impostor, b.persona, fake, now=1_760_000_000))
    assert get_circle(b.store, circle).state == "waiting"


def test_only_the_owner_invites_and_removes(tmp_path: Path) -> None:
    owner, b, c, _, circle = _circle_of_three(tmp_path)
    with pytest.raises(BadInput, match="Only the circle's owner can invite"):
        make_invite(b.store, circle)
    with pytest.raises(BadInput, match="Only the circle's owner can remove"):
        remove_member(b.store, circle, c.persona)
    with pytest.raises(BadInput, match="cannot leave their own circle"):
        leave_circle(owner.store, circle)


def test_the_outbox_holds_no_plaintext_and_no_persona(tmp_path: Path) -> None:
    owner, b, c, mail, circle = _circle_of_three(tmp_path)
    post_to_circle(b.store, circle, "words for the circle alone")
    mail.collect(owner, b, c)
    for event in mail.events.values():
        raw = event.to_json()
        assert "words for the circle" not in raw and "Morning group" not in raw
        assert b.persona not in raw or event.tag("to") == b.persona
        assert owner.persona not in raw or event.tag("to") == owner.persona
        assert circle not in raw
        assert isinstance(event, Event)


def test_rules_too_long_for_a_welcome_are_refused_when_the_circle_is_made(
    tmp_path: Path,
) -> None:
    owner = device(tmp_path, "owner")
    with pytest.raises(BadInput, match="too long to send to new members"):
        create_circle(owner.store, "Closed", rules="\U0001f33f" * 2000)
    assert list_circles(owner.store) == []


def test_a_report_shows_the_owner_the_post_and_its_proven_author(tmp_path: Path) -> None:
    from peerhaven.core.circles.control import Report, seal_control
    from peerhaven.core.circles.sealbox import open_for_epoch, seal_for_epoch
    from peerhaven.core.keys import Keypair
    from peerhaven.store.circle_actions import report_post
    from peerhaven.store.circles import circle_reports, epoch_keys
    from peerhaven.store.personas import load_persona

    owner, b, c, mail, circle = _circle_of_three(tmp_path)
    _, hurtful = post_to_circle(b.store, circle, "words that hurt someone")
    mail.round(owner, b, c)
    report_post(c.store, circle, hurtful.id[:10], "this was aimed at a member")
    mail.round(owner, b, c)
    (report,) = circle_reports(owner.store, circle)
    assert report.post is not None
    assert (report.post.author, report.post.text) == (b.persona, "words that hurt someone")
    assert (report.reporter, report.reason) == (c.persona, "this was aimed at a member")
    assert circle_reports(b.store, circle) == circle_reports(c.store, circle) == []

    # c, holding the circle's key, seals words of its own under b's name and reports
    # them: no device keeps the forgery (b's signature is missing), so the owner is
    # shown nothing as b's
    row = get_circle(c.store, circle)
    keys = epoch_keys(c.store, circle, row.epoch or 0)
    assert keys is not None
    c_keys = load_persona(c.store, c.persona).keys
    real, _ = post_to_circle(c.store, circle, "b never wrote this")
    inner = open_for_epoch(real, keys.mailbox_pubkey, keys.post_key)
    fake = seal_for_epoch(
        Keypair.generate(),
        keys.mailbox_pubkey,
        keys.post_key,
        bytes.fromhex(b.persona) + inner[32:],
        now=hurtful.sent_at,
    )
    assert not any(receive(dev.store, fake) for dev in (owner, b, c))
    forged = seal_control(c_keys, owner.persona, Report(circle, fake.id, "see b"), now=1)
    assert receive(owner.store, forged)
    reports = {r.post_id: r for r in circle_reports(owner.store, circle)}
    assert reports[fake.id].post is None  # never on the owner's device
    assert "b never wrote this" not in repr(reports)


def test_a_report_from_outside_the_circle_is_ignored(tmp_path: Path) -> None:
    from peerhaven.core.circles.control import Report, seal_control
    from peerhaven.core.keys import Keypair
    from peerhaven.store.circles import circle_reports

    owner, b, c, mail, circle = _circle_of_three(tmp_path)
    _, post = post_to_circle(b.store, circle, "hello")
    mail.round(owner, b, c)
    stranger = Keypair.generate()
    receive(owner.store, seal_control(stranger, owner.persona, Report(circle, post.id, "x"), now=1))
    assert circle_reports(owner.store, circle) == []


def test_a_removed_member_cannot_write_into_its_old_epoch_after_the_change(
    tmp_path: Path,
) -> None:
    """It still holds the old key, but the others' devices keep an old epoch's posts
    only when they are dated before the next epoch began."""
    from peerhaven.core.circles.post import seal_post
    from peerhaven.store.circles import epoch_keys
    from peerhaven.store.personas import load_persona

    owner, b, c, mail, circle = _circle_of_three(tmp_path)
    old = get_circle(b.store, circle).epoch
    assert old is not None
    remove_member(owner.store, circle, b.persona)
    mail.round(owner, b, c)
    keys = epoch_keys(b.store, circle, old)
    assert keys is not None
    started = c.store.execute(
        "SELECT started_at FROM circle_epochs WHERE circle = ? AND epoch = ?", (circle, old + 1)
    ).fetchone()[0]
    me = load_persona(b.store, b.persona).keys
    late, _ = seal_post(me, keys, "still here, in the old room", now=started + 60)
    early, _ = seal_post(me, keys, "written before the change", now=started - 60)
    assert not receive(c.store, late)
    assert receive(c.store, early)  # a late copy of a real earlier post still arrives
    assert _texts(c, circle) == ["written before the change"]


def test_search_finds_circle_posts_on_this_device(tmp_path: Path) -> None:
    from peerhaven.store.search import search

    owner, b, c, mail, circle = _circle_of_three(tmp_path)
    post_to_circle(b.store, circle, "sleeping badly since the funeral")
    mail.round(owner, b, c)
    (hit,) = search(c.store, "sleep", sources=("circle",))["circle"]
    assert hit.circle == circle and hit.source == "circle"
    assert [text for text, match in hit.segments() if match] == ["sleeping"]
    assert search(c.store, "funeral")["post"] == []  # never among public posts


def test_a_full_circle_refuses_one_more_in_clear_words(tmp_path: Path) -> None:
    import json

    from peerhaven.core.keys import Keypair

    owner, b = device(tmp_path, "owner"), device(tmp_path, "b")
    circle = create_circle(owner.store, "Closed").id
    code = make_invite(owner.store, circle).code
    crowd = [owner.persona] + [Keypair.generate().pubkey for _ in range(49)]
    with owner.store.transaction() as conn:  # fifty members already (their joins not replayed)
        conn.execute("UPDATE circle_epochs SET members = ?", (json.dumps(crowd),))
    join_circle(b.store, code)
    Mail().round(owner, b)
    row = get_circle(b.store, circle)
    assert (row.state, row.state_words()) == (
        "refused",
        "That circle is full: it holds at most 50 members.",
    )


def test_leaving_while_the_request_is_on_its_way_leaves_no_ghost_member(
    tmp_path: Path,
) -> None:
    owner, b = device(tmp_path, "owner"), device(tmp_path, "b")
    circle = create_circle(owner.store, "Closed").id
    join_circle(b.store, make_invite(owner.store, circle).code)
    assert leave_circle(b.store, circle).state == "left"
    Mail().round(owner, b, times=4)
    assert get_circle(b.store, circle).state == "left"
    assert get_circle(owner.store, circle).members == 1
