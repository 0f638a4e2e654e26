"""``peerhaven persona profile``: the same oversharing guard and crisis note as a post."""

from __future__ import annotations

import json

from peerhaven.store import open_store
from peerhaven.store.paths import store_path
from tests.fixtures.store import PASSPHRASE, Cli


def _profiles(cli: Cli) -> list[dict[str, str]]:
    """The profile events waiting in the outbox of the CLI's store."""
    with open_store(store_path(cli.home), PASSPHRASE) as store:
        rows = store.execute("SELECT event FROM outbox ORDER BY rowid").fetchall()
    events = [json.loads(row[0]) for row in rows]
    return [json.loads(e["content"]) for e in events if e["kind"] == "profile"]


def test_profile_is_guarded_before_the_store_is_even_unlocked(cli: Cli) -> None:
    assert cli("init").code == 0
    refused = cli("persona", "profile", "Find me at jane.doe@example.org", PEERHAVEN_PASSPHRASE="")
    assert refused.code == 1 and "Traceback" not in refused.err
    assert "an e-mail address" in refused.err and "--allow-personal" in refused.err
    assert _profiles(cli) == []
    allowed = cli("persona", "profile", "Find me at jane.doe@example.org", "--allow-personal")
    assert allowed.code == 0, allowed.err
    assert "goes out to every relay with the next sync" in allowed.out
    assert _profiles(cli) == [{"name": "", "bio": "Find me at jane.doe@example.org"}]


def test_profile_for_a_chosen_persona_and_a_crisis_note(cli: Cli) -> None:
    assert cli("init").code == 0
    second = cli("persona", "new").out.split()[2]
    result = cli("persona", "profile", "I want to end it all.", "--persona", second)
    assert result.code == 0 and f"Profile of {second} saved." in result.out
    assert result.err.startswith("It sounds like things may be very hard right now. Your profile")
    assert "If you are in immediate danger" in result.err
    cli("settings", "crisis_prompt", "false")
    quiet = cli("persona", "profile", "", "--persona", second)
    assert quiet.code == 0 and quiet.err == "" and "cleared" in quiet.out
    unknown = cli("persona", "profile", "hello", "--persona", "nobody-here-1")
    assert unknown.code == 1 and "No single persona matches" in unknown.err
