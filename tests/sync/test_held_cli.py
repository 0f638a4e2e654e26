"""``held``, ``approve`` and ``decline`` as people type them, and what the author is told."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fixtures.relay import RelayLauncher
from tests.fixtures.store import Cli
from tests.relay.helpers import operator

SLUG = "first-steps"


def test_a_moderator_approves_from_the_command_line_and_the_author_sees_it(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    relay = relay_process()
    code, out, err = operator(
        relay, "community", "create", SLUG, "--name", "First steps", "--hold-first-posts", "1"
    )
    assert code == 0 and "first 1 posts wait for a moderator" in out, err
    mod = Cli(tmp_path / "mod-home", {**cli.env, "PEERHAVEN_HOME": str(tmp_path / "mod-home")})
    assert mod("init").code == 0
    [persona] = json.loads(mod("persona", "list", "--json").out)
    assert operator(relay, "community", "add-moderator", SLUG, persona["pubkey"])[0] == 0
    assert mod("relays", "add", relay.url).code == 0
    assert mod("join", SLUG, "--persona", persona["pubkey"]).code == 0

    assert cli("init").code == 0
    assert cli("relays", "add", relay.url).code == 0
    assert cli("join", SLUG).code == 0
    posted = cli("post", SLUG, "Hello, my first post here.")
    assert posted.code == 0, posted.err
    assert "yours waits for one" in posted.out
    outbox = cli("outbox").out
    assert "waits for a moderator's approval" in outbox and SLUG in outbox

    assert "held for a moderator's approval" not in mod("sync").out
    listing = mod("held", SLUG)
    assert listing.code == 0 and "Hello, my first post here." in listing.out
    prefix = listing.out.split()[0]
    assert len(prefix) == 12
    approved = mod("approve", prefix, "--reason", "welcome")
    assert approved.code == 0 and "Approved" in approved.out and "Sent." in approved.out
    assert "No posts wait for approval" in mod("held", SLUG, "--sync").out
    assert "welcome" in mod("modlog", SLUG).out

    synced = json.loads(cli("sync", "--json").out)
    assert synced[0]["held"] == []
    assert "waits for a moderator" not in cli("outbox").out
    second = cli("post", SLUG, "And a second one.")
    assert "waits for one" not in second.out and "Sent." in second.out

    unknown = mod("decline", "abcdef123456")
    assert unknown.code == 1 and "No held post abcdef123456" in unknown.err
