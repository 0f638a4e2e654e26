"""Two members' devices, each its own `peerhaven` home, meeting in a circle through a
real relay process: invite, join, post, read, report, remove; only the CLI and
`peerhaven sync`."""

from __future__ import annotations

import dataclasses
import json

from tests.fixtures.relay import RelayLauncher
from tests.fixtures.store import Cli


def test_two_devices_meet_in_a_circle_through_a_relay(
    cli: Cli, relay_process: RelayLauncher
) -> None:
    relay = relay_process()
    owner = cli
    joiner = dataclasses.replace(cli, home=cli.home.parent / "joiner", env={**cli.env})
    joiner.env["PEERHAVEN_HOME"] = str(joiner.home)
    for dev in (owner, joiner):
        assert dev("init").code == 0
    assert owner("relays", "add", relay.url).code == 0
    made = owner("circle", "create", "Bereaved parents", "--rules", "Gentle words only.")
    assert made.code == 0, made.err
    circle = json.loads(owner("circle", "list", "--json").out)[0]["id"]
    code = owner("circle", "invite", circle[:8]).out.splitlines()[0]

    asked = joiner("circle", "join", code)
    assert asked.code == 0, asked.err
    assert "Sent." in asked.out  # the code's relay was added and took the request
    assert "Waiting for the owner" in joiner("circle", "list").out
    assert owner("sync").code == 0  # the owner's device lets them in
    assert joiner("sync").code == 0
    read = joiner("circle", "read", circle[:8])
    assert read.code == 0, read.err
    assert "Bereaved parents" in read.out and "Gentle words only." in read.out
    assert "You are a member." in read.out

    posted = joiner("circle", "post", circle[:8], "it has been a year today")
    assert posted.code == 0 and "Sent." in posted.out, posted.out + posted.err
    assert owner("sync").code == 0
    assert "it has been a year today" in owner("circle", "read", circle[:8]).out

    reply = owner("circle", "post", circle[:8], "we are here with you")
    assert reply.code == 0, reply.err
    assert joiner("sync").code == 0
    reported = joiner("circle", "report", circle[:8], reply.out.split()[1], "testing reports")
    assert reported.code == 0 and "Sent." in reported.out, reported.out + reported.err
    assert owner("sync").code == 0
    shown = owner("circle", "read", circle[:8]).out
    assert "Reports (only you, the owner, see these):" in shown
    assert f"reported post {reply.out.split()[1]} by " in shown and "testing reports" in shown

    members = json.loads(owner("circle", "list", "--json").out)[0]
    assert members["members"] == 2
    line = owner("circle", "read", circle[:8]).out.split("Members: ")[1].splitlines()[0]
    pseudonym = [n.strip() for n in line.split(",") if "(owner)" not in n][0]
    removed = owner("circle", "remove", circle[:8], pseudonym)
    assert removed.code == 0, removed.err
    assert "nothing posted from now on reaches" in removed.out
    after = owner("circle", "post", circle[:8], "words after the change")
    assert after.code == 0, after.err
    assert joiner("sync").code == 0
    gone = joiner("circle", "read", circle[:8])
    assert "The owner removed you" in gone.out
    assert "it has been a year today" in gone.out
    assert "words after the change" not in gone.out
