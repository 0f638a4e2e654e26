"""The relay accepts an author's edit of a public post within its window, and nothing else."""

from __future__ import annotations

import time

import httpx

from peerhaven.core import EDIT_WINDOW, Keypair, builders
from peerhaven.relay.operator_key import load_operator_key
from tests.fixtures.relay import RelayLauncher, RelayProcess
from tests.relay.helpers import ids, make_community, operator, pull_all, statuses


def test_an_authors_edit_within_the_window_is_served(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "edits-ok")
    author = Keypair.generate()
    post = builders.post(author, "edits-ok", "frist words")
    edit = builders.edit(author, post, "first words", created_at=post.created_at + 60)
    # in one batch too: the post is known by the time its edit is decided
    assert statuses(shared_relay, post, edit) == ["accepted", "accepted"]
    assert ids(pull_all(shared_relay, "edits-ok"))[-2:] == [post.id, edit.id]
    assert httpx.get(f"{shared_relay.url}/v1/events/{edit.id}").json()["content"] == "first words"


def test_edits_by_others_or_late_or_of_unknown_posts_are_refused(
    shared_relay: RelayProcess,
) -> None:
    make_community(shared_relay, "edits-no")
    author, stranger = Keypair.generate(), Keypair.generate()
    now = int(time.time())
    post = builders.post(author, "edits-no", "mine", created_at=now - 2 * EDIT_WINDOW)
    assert statuses(shared_relay, post) == ["accepted"]
    forged = builders.edit(stranger, post, "not yours", created_at=post.created_at + 5)
    late = builders.edit(author, post, "too late", created_at=post.created_at + EDIT_WINDOW + 1)
    before = builders.edit(author, post, "before", created_at=post.created_at - 1)
    last_second = builders.edit(author, post, "just in", created_at=post.created_at + EDIT_WINDOW)
    unseen = builders.post(author, "edits-no", "never sent")
    orphan = builders.edit(author, unseen, "edit of nothing")
    reaction = builders.reaction(author, post, "me-too")
    of_reaction = builders.edit(author, reaction, "me-too")
    publish_order = [forged, late, before, last_second, orphan, reaction, of_reaction]
    assert statuses(shared_relay, *publish_order) == [
        "rejected:not-author",
        "rejected:edit-window-closed",
        "rejected:edit-window-closed",
        "accepted",
        "rejected:unknown-target",
        "accepted",
        "rejected:unknown-target",
    ]


def test_an_edit_of_a_deleted_post_is_refused(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "edits-gone")
    author = Keypair.generate()
    post = builders.post(author, "edits-gone", "soon gone")
    delete = builders.delete(author, "edits-gone", post.id)
    edit = builders.edit(author, post, "too late now")
    assert statuses(shared_relay, post, delete, edit) == [
        "accepted",
        "accepted",
        "rejected:unknown-target",
    ]


def test_an_edit_of_a_held_post_waits_for_its_approval(shared_relay: RelayProcess) -> None:
    make_community(shared_relay, "edits-held")
    code, _, err = operator(shared_relay, "community", "hold", "edits-held", "1")
    assert code == 0, err
    owner = load_operator_key(shared_relay.data_dir)
    author = Keypair.generate()
    post = builders.post(author, "edits-held", "waiting")
    edit = builders.edit(author, post, "waiting, edited")
    # a held post is served to nobody, so its edit would publish unapproved words
    assert statuses(shared_relay, post, edit) == ["accepted", "rejected:unknown-target"]
    approve = builders.moderate(owner, "edits-held", "restore", post.id)
    again = builders.edit(author, post, "waiting, edited", created_at=edit.created_at + 1)
    assert statuses(shared_relay, approve, again) == ["accepted", "accepted"]


def test_info_states_the_edit_window(shared_relay: RelayProcess) -> None:
    info = httpx.get(f"{shared_relay.url}/v1/info").json()
    assert info["limits"]["edit_window"] == EDIT_WINDOW


def test_an_operator_can_narrow_the_edit_window(relay_process: RelayLauncher) -> None:
    relay = relay_process(args=["--edit-window", "60"])
    assert httpx.get(f"{relay.url}/v1/info").json()["limits"]["edit_window"] == 60
    make_community(relay, "edits-narrow")
    author = Keypair.generate()
    post = builders.post(author, "edits-narrow", "quick")
    late = builders.edit(author, post, "quicker", created_at=post.created_at + 61)
    soon = builders.edit(author, post, "quicker", created_at=post.created_at + 60)
    assert statuses(relay, post, late, soon) == [
        "accepted",
        "rejected:edit-window-closed",
        "accepted",
    ]
