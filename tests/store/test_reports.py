"""Reports are sealed to moderators: they open on a moderator's device and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.store import Store, create_store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.errors import BadInput
from peerhaven.store.events import get_event, ingest
from peerhaven.store.personas import create_persona
from peerhaven.store.publish import publish_post
from peerhaven.store.reports import open_reports, publish_report
from tests.fixtures.store import PASSPHRASE

SLUG = "safe-circle"


def _member(
    path: Path, definition: dict[str, object], persona_secret: bytes | None = None
) -> Store:
    store = create_store(path, PASSPHRASE)
    create_persona(store)
    if persona_secret is not None:
        keys = Keypair.from_secret(persona_secret)
        store.execute(
            "INSERT INTO personas (pubkey, secret, created_at) VALUES (?, ?, 0)",
            (keys.pubkey, keys.secret_bytes()),
        )
        store.conn.commit()
    record_offers(store, "http://relay.test", [definition])
    join(store, SLUG, persona=keys.pubkey if persona_secret else None)
    return store


def test_report_opens_for_the_moderator_only(tmp_path: Path) -> None:
    owner = Keypair.from_secret(bytes([21]) * 32)
    mod_secret = bytes([22]) * 32
    mod = Keypair.from_secret(mod_secret)
    definition = builders.community(owner, SLUG, "Safe circle", moderators=[mod.pubkey]).to_wire()
    reporter = _member(tmp_path / "reporter.db", definition)
    bystander = _member(tmp_path / "bystander.db", definition)
    moderator = _member(tmp_path / "mod.db", definition, persona_secret=mod_secret)
    post = publish_post(bystander, SLUG, "something unkind")
    with Verifier(1) as verifier:
        ingest(reporter, [post], verifier)
    with pytest.raises(BadInput):
        publish_report(reporter, post.id, "   ")
    report = publish_report(reporter, post.id, "mocking someone's grief")
    assert "grief" not in report.content
    assert set(report.tag_values("to")) == {owner.pubkey, mod.pubkey}
    stored = get_event(reporter, report.id)
    assert stored is not None
    with Verifier(1) as verifier:
        for store in (moderator, bystander):
            ingest(store, [post, report], verifier)
    [opened] = open_reports(moderator, SLUG)
    assert (opened.target, opened.reason) == (post.id, "mocking someone's grief")
    assert open_reports(bystander, SLUG) == []
    assert open_reports(reporter, SLUG) == [], "a reporter's own report is not in its queue"
    for store in (reporter, bystander, moderator):
        store.close()
