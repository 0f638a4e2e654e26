"""The moderators' queue: real sealed reports, grouped per post, handled by acting or dismissing."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerhaven.core.persona import pseudonym
from peerhaven.store import Store
from peerhaven.store.communities import leave
from peerhaven.store.errors import NotFound
from peerhaven.store.feed import threads
from peerhaven.store.mod_log import log_page
from peerhaven.store.mod_queue import (
    dismiss_report,
    dismiss_reports,
    mod_queue,
    moderating_persona,
    not_a_moderator_sentence,
)
from peerhaven.store.personas import create_persona, list_personas, load_persona
from peerhaven.store.publish import publish_moderation
from tests.fixtures.moderation import (
    AUTHOR_A,
    AUTHOR_B,
    HOUR,
    SLUG,
    moderated_store,
    past_moderation,
)

NOW = 1_794_830_400


@pytest.fixture
def moderator(fresh_store: Store) -> Store:
    create_persona(fresh_store)
    return fresh_store


def test_reports_are_grouped_per_post_newest_first(
    moderator: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = moderated_store(moderator, tmp_path, monkeypatch, NOW)
    me = moderating_persona(moderator, SLUG)
    assert me is not None and me.role == "moderator"
    items = mod_queue(moderator, SLUG)
    assert [i.target for i in items] == [
        world.posts["cruel"].id,
        world.posts["selling"].id,
        world.posts["method"].id,
    ]
    cruel = items[0]
    assert cruel.author == AUTHOR_A.pubkey and cruel.present and not cruel.handled
    assert [r.reason for r in cruel.reports] == [
        "Unkind to everyone in mourning here.",
        "Mocks people who are still grieving.",
    ]
    assert items[2].cw == ("self-harm",)
    assert all(not r.handled for i in items for r in i.reports)


def test_hiding_handles_the_report_and_hides_the_post_in_the_store(
    moderator: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = moderated_store(moderator, tmp_path, monkeypatch, NOW)
    cruel = world.posts["cruel"].id
    publish_moderation(moderator, SLUG, "hide", cruel, reason="Rule 1: be kind")
    assert cruel not in [t.post.id for t in threads(moderator, SLUG)]
    row = moderator.execute("SELECT hidden FROM events WHERE id = ?", (cruel,)).fetchone()
    assert row[0] & 1
    assert cruel not in [i.target for i in mod_queue(moderator, SLUG)]
    [handled] = [i for i in mod_queue(moderator, SLUG, include_handled=True) if i.target == cruel]
    me = pseudonym(list_personas(moderator)[0].pubkey)
    assert handled.handled and handled.hidden
    assert handled.outcome == f"hid the post, by {me}"


def test_a_ban_handles_every_report_about_the_author(
    moderator: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = moderated_store(moderator, tmp_path, monkeypatch, NOW)
    publish_moderation(moderator, SLUG, "ban", AUTHOR_B.pubkey, reason="Selling")
    assert [i.target for i in mod_queue(moderator, SLUG)] == [world.posts["cruel"].id]
    handled = mod_queue(moderator, SLUG, include_handled=True)
    assert {i.outcome for i in handled if i.handled} == {
        f"banned the author, by {pseudonym(list_personas(moderator)[0].pubkey)}"
    }


def test_dismissing_removes_from_the_queue_on_this_device_only(
    moderator: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = moderated_store(moderator, tmp_path, monkeypatch, NOW)
    [first, second] = [r.id for r in world.reports["cruel"]]
    queued = moderator.execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert dismiss_report(moderator, first)
    assert not dismiss_report(moderator, first), "dismissing twice is harmless"
    still = next(i for i in mod_queue(moderator, SLUG) if i.target == world.posts["cruel"].id)
    assert [r.id for r in still.waiting] == [second]
    dismiss_reports(moderator, [second])
    assert world.posts["cruel"].id not in [i.target for i in mod_queue(moderator, SLUG)]
    [gone] = [
        i
        for i in mod_queue(moderator, SLUG, include_handled=True)
        if i.target == world.posts["cruel"].id
    ]
    assert gone.outcome == "dismissed on this device"
    outbox = moderator.execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert outbox == queued, "a dismissal signs and sends nothing"
    with pytest.raises(NotFound):
        dismiss_report(moderator, world.posts["kind"].id)
    leave(moderator, SLUG)
    assert moderator.execute("SELECT count(*) FROM report_dismissals").fetchone()[0] == 0


def test_a_report_after_an_earlier_action_is_open_again(
    moderator: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = moderated_store(moderator, tmp_path, monkeypatch, NOW)
    from peerhaven.core import Verifier, builders
    from peerhaven.store.events import ingest

    me = load_persona(moderator, list_personas(moderator)[0].pubkey).keys
    early = builders.moderate(
        me, SLUG, "restore", world.posts["cruel"].id, created_at=NOW - 10 * HOUR
    )
    with Verifier(1) as verifier:
        ingest(moderator, [early], verifier)
    assert world.posts["cruel"].id in [i.target for i in mod_queue(moderator, SLUG)]


def test_a_member_who_does_not_moderate_gets_a_sentence(
    moderator: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moderated_store(moderator, tmp_path, monkeypatch, NOW, moderator=False)
    assert moderating_persona(moderator, SLUG) is None
    sentence = not_a_moderator_sentence(moderator, SLUG)
    assert sentence.startswith(f"Only the owner and the moderators of {SLUG} see its reports")
    assert mod_queue(moderator, SLUG) == []


def test_the_log_reads_in_words_newest_first_and_pages(
    moderator: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = moderated_store(moderator, tmp_path, monkeypatch, NOW)
    me = load_persona(moderator, list_personas(moderator)[0].pubkey)
    past_moderation(moderator, world, NOW, me=me.keys)
    page = log_page(moderator, SLUG)
    owner = pseudonym(page.entries[1].actor)
    assert [e.sentence(NOW) for e in page.entries] == [
        f"restored a post by {pseudonym(AUTHOR_B.pubkey)} — 2 hours ago, by moderator "
        f"{me.pseudonym}",
        f"lifted the ban on {pseudonym(AUTHOR_B.pubkey)} — 5 hours ago, by the owner {owner}",
        f"banned {pseudonym(AUTHOR_B.pubkey)} — 2 days ago, by the owner {owner}",
        f"hid a post by {pseudonym(AUTHOR_B.pubkey)} — 3 days ago, by the owner {owner}",
    ], "the stranger's action is left out"
    assert page.entries[2].reason == "Repeated selling"
    first = log_page(moderator, SLUG, limit=3)
    rest = log_page(moderator, SLUG, offset=3, limit=3)
    assert first.more and not rest.more
    assert [e.event_id for e in first.entries + rest.entries] == [e.event_id for e in page.entries]
