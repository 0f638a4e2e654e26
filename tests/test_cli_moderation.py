"""`peerhaven reports`, `reports dismiss` and `modlog` over a moderator's real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerhaven.core.persona import pseudonym
from peerhaven.store import open_store
from peerhaven.store.paths import store_path
from peerhaven.store.personas import list_personas, load_persona
from tests.fixtures.moderation import AUTHOR_A, AUTHOR_B, SLUG, moderated_store, past_moderation
from tests.fixtures.store import PASSPHRASE, Cli

NOW = 1_794_830_400


def test_reports_group_by_post_and_a_dismissal_stays_local(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("init").code == 0
    with open_store(store_path(cli.home), PASSPHRASE) as store:
        world = moderated_store(store, tmp_path, monkeypatch, NOW)
        outbox = store.execute("SELECT count(*) FROM outbox").fetchone()[0]
    listed = cli("reports", SLUG)
    assert listed.code == 0, listed.err
    cruel = world.posts["cruel"].id
    assert f"{cruel[:12]} by {pseudonym(AUTHOR_A.pubkey)}: 2 reports" in listed.out
    assert "Mocks people who are still grieving." in listed.out
    first = world.reports["cruel"][0].id
    assert f"{first[:12]} [open]" in listed.out

    for report in world.reports["cruel"]:
        done = cli("reports", "dismiss", report.id[:12])
        assert done.code == 0, done.err
        assert "Only this device knows; nothing was sent." in done.out
    assert "Already dismissed" in cli("reports", "dismiss", first[:12]).out
    assert cruel[:12] not in cli("reports", SLUG).out
    everything = cli("reports", SLUG, "--all").out
    assert f"{first[:12]} [dismissed]" in everything
    assert "handled: dismissed on this device" in everything
    with open_store(store_path(cli.home), PASSPHRASE) as store:
        assert store.execute("SELECT count(*) FROM outbox").fetchone()[0] == outbox
    missing = cli("reports", "dismiss", world.posts["kind"].id[:12])
    assert missing.code != 0 and "no report" in missing.err


def test_a_member_who_does_not_moderate_is_told_so(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("init").code == 0
    with open_store(store_path(cli.home), PASSPHRASE) as store:
        moderated_store(store, tmp_path, monkeypatch, NOW, moderator=False)
    out = cli("reports", SLUG).out
    assert out.startswith(f"Only the owner and the moderators of {SLUG} see its reports")


def test_modlog_prints_sentences(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("init").code == 0
    with open_store(store_path(cli.home), PASSPHRASE) as store:
        world = moderated_store(store, tmp_path, monkeypatch, NOW)
        me = load_persona(store, list_personas(store)[0].pubkey)
        past_moderation(store, world, NOW, me=me.keys)
    out = cli("modlog", SLUG).out.splitlines()
    assert len(out) == 4
    assert f"Restored a post by {pseudonym(AUTHOR_B.pubkey)} — " in out[0]
    assert out[0].endswith(
        f"by moderator {me.pseudonym}. Reason: Shared by mistake; the author apologised"
    )
    assert f"Banned {pseudonym(AUTHOR_B.pubkey)} — " in out[2]
