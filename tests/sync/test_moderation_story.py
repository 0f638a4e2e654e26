"""Moderation end to end: a named moderator hides and bans; everyone's device honours it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from peerhaven.store.communities import membership
from peerhaven.store.errors import BadInput
from peerhaven.store.feed import threads
from peerhaven.store.moderation import moderation_log
from peerhaven.store.publish import publish_moderation, publish_post
from peerhaven.store.reports import open_reports, publish_report
from peerhaven.sync import Syncer
from tests.fixtures.relay import RelayLauncher
from tests.sync.helpers import create_community, join_via, member


def _sync(*stores: object) -> None:
    for store in stores:
        with Syncer(store) as sync:  # type: ignore[arg-type]
            report = sync.sync(force=True)
            assert all(r.error is None for r in report.relays), report


def test_hide_and_ban_reach_every_member_and_the_log(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    data = tmp_path / "relay"
    create_community(data, "gentle-space")
    relay = relay_process(data_dir=data)
    alice, bob, mod = (member(tmp_path / f"{n}.db", relay.url) for n in ("alice", "bob", "mod"))
    for store in (alice, bob, mod):
        join_via(store, "gentle-space", relay.url)
    mod_key = membership(mod, "gentle-space").persona

    hurtful = publish_post(alice, "gentle-space", "something cruel about another member")
    kind = publish_post(bob, "gentle-space", "welcome, everyone")
    _sync(alice, bob, mod)
    with pytest.raises(BadInput, match="not one of its moderators"):
        publish_moderation(mod, "gentle-space", "hide", hurtful.id, reason="unkind")

    subprocess.run(
        [sys.executable, "-m", "peerhaven", "relay", "community", "add-moderator",
         "gentle-space", mod_key, "--data", str(data)],
        check=True, capture_output=True,
    )  # fmt: skip
    _sync(mod)  # the owner's newer definition names the moderator
    _sync(bob)
    publish_report(bob, hurtful.id, "mocks another member's loss")
    _sync(bob, mod)
    [queued] = open_reports(mod, "gentle-space")
    assert (queued.target, queued.reason) == (hurtful.id, "mocks another member's loss")
    assert open_reports(alice, "gentle-space") == []
    publish_moderation(mod, "gentle-space", "hide", hurtful.id, reason="Rule 1: be kind")
    _sync(mod, alice, bob)

    for store in (alice, bob, mod):
        visible = [t.post.id for t in threads(store, "gentle-space")]
        assert visible == [kind.id], "the hidden post must disappear for everyone"
        [entry] = moderation_log(store.conn, "gentle-space")
        assert (entry["action"], entry["target"], entry["reason"]) == (
            "hide",
            hurtful.id,
            "Rule 1: be kind",
        )
    assert httpx.get(f"{relay.url}/v1/events/{hurtful.id}").status_code == 410

    alice_key = membership(alice, "gentle-space").persona
    publish_moderation(mod, "gentle-space", "ban", alice_key, reason="repeated cruelty")
    _sync(mod, bob)
    later = publish_post(alice, "gentle-space", "still here")
    with Syncer(alice) as sync:
        report = sync.sync(force=True)
    assert report.relays[0].refused == {later.id: "banned"}
    _sync(bob)
    assert [t.post.id for t in threads(bob, "gentle-space")] == [kind.id]
    for store in (alice, bob, mod):
        store.close()


def test_reports_endpoint_serves_only_signed_moderators(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    import time

    from peerhaven.core.auth import auth_header
    from peerhaven.store.personas import load_persona

    data = tmp_path / "relay"
    create_community(data, "quiet-reports")
    relay = relay_process(data_dir=data)
    reader, reporter = member(tmp_path / "r.db", relay.url), member(tmp_path / "p.db", relay.url)
    join_via(reader, "quiet-reports", relay.url)
    join_via(reporter, "quiet-reports", relay.url)
    post = publish_post(reader, "quiet-reports", "a post")
    _sync(reader, reporter)
    publish_report(reporter, post.id, "because")
    _sync(reporter)
    url = f"{relay.url}/v1/reports"
    params = {"community": "quiet-reports"}
    assert httpx.get(url, params=params).status_code == 401
    keys = load_persona(reader, membership(reader, "quiet-reports").persona).keys
    signed = auth_header(keys, "GET", "/v1/reports", "quiet-reports", int(time.time()))
    answer = httpx.get(url, params=params, headers={"Authorization": signed})
    assert answer.status_code == 403 and answer.json()["error"] == "forbidden"
    public = httpx.get(f"{relay.url}/v1/events", params=params).json()["events"]
    assert [e["kind"] for e in public if e["kind"] == "report"] == []
    for store in (reader, reporter):
        store.close()
