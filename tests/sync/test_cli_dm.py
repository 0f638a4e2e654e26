"""`peerhaven dm` and `peerhaven requests` as members use them, against a real relay."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.fixtures.relay import RelayLauncher
from tests.fixtures.store import Cli
from tests.sync.helpers import create_community

SLUG = "night-owls"


def _member(cli: Cli, relay_url: str) -> str:
    assert cli("init").code == 0
    assert cli("relays", "add", relay_url).code == 0
    joined = cli("join", SLUG, "--accept-rules")
    assert joined.code == 0, joined.err
    assert cli("post", SLUG, "hello, night owls").code == 0
    personas = json.loads(cli("persona", "list", "--json").out)
    return next(str(p["pubkey"]) for p in personas if SLUG in p["communities"])


def test_a_request_accepted_read_answered_and_reported_on_the_command_line(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", SLUG)
    relay = relay_process(data_dir=tmp_path / "relay", args=["--pubkey-rate", "0"])
    ben_home = tmp_path / "ben-home"
    ben = Cli(ben_home, {**cli.env, "PEERHAVEN_HOME": str(ben_home)})
    ana_key, ben_key = _member(cli, relay.url), _member(ben, relay.url)
    for who in (cli, ben, cli):
        assert who("sync").code == 0

    guarded = cli("dm", "send", ben_key, "write to me at jane.doe@example.org")
    assert guarded.code == 1 and "an e-mail address" in guarded.err
    sent = cli("dm", "send", ben_key, "me too. can I message you?", "--cw", "grief")
    assert sent.code == 0 and sent.out.strip().endswith("Sent."), (sent.out, sent.err)

    synced = ben("sync")
    assert synced.code == 0
    folded = ben("requests")
    assert "folded: grief" in folded.out and "can I message" not in folded.out
    assert f"(met in {SLUG})" in folded.out
    assert "Only members of communities you share" in folded.out
    assert "can I message you?" in ben("requests", "--show-cw").out
    assert "No conversations yet" in ben("dm", "list").out
    accepted = ben("requests", "accept", ana_key[:16])
    assert accepted.code == 0, accepted.err
    listed = ben("dm", "list").out
    assert "1 new" in listed and "folded: grief" in listed
    read = ben("dm", "read", ana_key[:16], "--show-cw")
    assert "me too. can I message you?" in read.out and "content warning: grief" in read.out
    assert "1 new" not in ben("dm", "list").out, "reading counts it read"
    assert ben("dm", "seen", ana_key[:16], "on").code == 0
    answer = ben("dm", "send", ana_key[:16], "yes, of course")
    assert answer.code == 0 and answer.out.strip().endswith("Sent."), answer.err

    assert cli("sync").code == 0
    mine = cli("dm", "read", ben_key[:16])
    assert "yes, of course" in mine.out
    number = re.findall(r"\[(\d+)\]", mine.out)[-1]
    found = cli("search", "course", "--in", "message")
    assert "Messages (1)" in found.out and "with " in found.out
    reported = cli("dm", "report", number, "I only want to test this")
    assert reported.code == 0, reported.err
    assert f"Reported to the moderators of {SLUG}" in reported.out
