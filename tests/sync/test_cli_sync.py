"""The network commands as a user scripts them, against a real relay (and a real proxy)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from peerhaven.core import Keypair, builders
from tests.fixtures.relay import RelayLauncher
from tests.fixtures.socks import Socks5Proxy
from tests.fixtures.store import Cli
from tests.sync.helpers import create_community


def _ready(cli: Cli, relay_url: str, slug: str) -> None:
    assert cli("init").code == 0
    assert cli("relays", "add", relay_url).code == 0
    joined = cli("join", slug)
    assert joined.code == 0, joined.err


def test_post_guard_refuses_personal_details_unless_allowed(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "open-door")
    relay = relay_process(data_dir=tmp_path / "relay")
    _ready(cli, relay.url, "open-door")
    refused = cli("post", "open-door", "Write to me at jane.doe@example.org any time")
    assert refused.code == 1 and "Traceback" not in refused.err
    assert "an e-mail address" in refused.err and "--allow-personal" in refused.err
    assert json.loads(cli("sync", "--json").out)[0]["pushed"] == 0
    allowed = cli("post", "open-door", "Write to me at jane.doe@example.org", "--allow-personal")
    assert allowed.code == 0 and "Sent." in allowed.out


def test_crisis_language_offers_lines_to_the_author_and_still_posts(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "night-shift")
    relay = relay_process(data_dir=tmp_path / "relay")
    _ready(cli, relay.url, "night-shift")
    cli("settings", "country", "GB")
    result = cli("post", "night-shift", "I don't want to be here anymore")
    assert result.code == 0 and "saved in night-shift" in result.out
    assert result.err.index("If you are in immediate danger") >= 0
    assert "Samaritans" in result.err
    cli("settings", "crisis_prompt", "false")
    quiet = cli("post", "night-shift", "I don't want to be here anymore, still")
    assert quiet.code == 0 and quiet.err == ""


def test_help_crisis_needs_no_store(cli: Cli) -> None:
    result = cli("help", "crisis", "--country", "US")
    assert result.code == 0
    assert result.out.splitlines()[0] == (
        "If you are in immediate danger, call your local emergency number."
    )
    assert "988" in result.out


def test_sync_through_a_socks5_proxy(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher, socks_proxy: Socks5Proxy
) -> None:
    create_community(tmp_path / "relay", "tor-friends")
    relay = relay_process(data_dir=tmp_path / "relay")
    assert cli("init").code == 0
    cli("relays", "add", relay.url)
    cli("settings", "proxy", socks_proxy.url)
    assert cli("join", "tor-friends").code == 0
    cli("post", "tor-friends", "hello through the onion", "--no-sync")
    summary = json.loads(cli("sync", "--json").out)
    assert summary[0]["pushed"] == 1 and summary[0]["error"] is None
    port = int(relay.url.rsplit(":", 1)[1])
    assert socks_proxy.targets and set(socks_proxy.targets) == {("127.0.0.1", port)}


def test_sync_watch_repeats_until_interrupted(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "watchers")
    relay = relay_process(data_dir=tmp_path / "relay")
    _ready(cli, relay.url, "watchers")
    proc = _watch(cli)
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    out, err = _ended(proc)
    runs = [json.loads(line) for line in out.splitlines() if line.startswith("[")]
    assert len(runs) >= 3
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    assert "Stopping after the request in flight" in err


def test_a_second_ctrl_c_stops_a_sync_stuck_on_a_silent_relay(cli: Cli) -> None:
    """The first Ctrl+C waits for the request in flight; the second must not."""
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        silent.settimeout(30)
        assert cli("init").code == 0
        assert cli("relays", "add", f"http://127.0.0.1:{silent.getsockname()[1]}").code == 0
        proc = _watch(cli)
        connection, _ = silent.accept()  # the sync is waiting on its first request now
        with connection:
            proc.send_signal(signal.SIGINT)
            time.sleep(0.5)
            assert proc.poll() is None, "the first Ctrl+C lets the request in flight end"
            asked = time.monotonic()
            proc.send_signal(signal.SIGINT)
            _, err = _ended(proc)
    assert time.monotonic() - asked < 10, "well before the 15 s request timeout"
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err


def test_sync_watch_stores_a_new_post_live_between_syncs(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "live-watch")
    relay = relay_process(data_dir=tmp_path / "relay")
    assert cli("init").code == 0
    assert cli("relays", "add", relay.url).code == 0
    assert cli("join", "live-watch").code == 0
    proc = _watch(cli, interval="3600")  # one sync now, the next in an hour
    try:
        post = builders.post(Keypair.generate(), "live-watch", "arrives while you watch")
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the first sync's line: the stream opens with it
        assert first.startswith("["), first
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            answer = httpx.post(f"{relay.url}/v1/events", json=[post.to_wire()], timeout=10)
            assert answer.json()[0]["status"] in ("accepted", "duplicate")
            line = proc.stdout.readline()
            if line.startswith("{"):
                break
        assert json.loads(line) == {"live": relay.url, "community": "live-watch", "new": 1}
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = _ended(proc)
    assert proc.returncode == 130 and "Traceback" not in err
    assert "arrives while you watch" in cli("read", "live-watch").out  # stored, once


def _watch(cli: Cli, interval: str = "0.2") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "peerhaven", "sync", "--watch", "--interval", interval, "--json"],
        # should it hang, SIGABRT makes it print every thread's stack (see _ended)
        env={**cli.env, "PYTHONFAULTHANDLER": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _ended(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """Its output once it ended; a hang fails with the stacks of all its threads."""
    try:
        return proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)
        _, err = proc.communicate(timeout=30)
        raise AssertionError(f"sync --watch did not end after SIGINT; its stacks:\n{err}") from None


def test_relays_list_says_offline_in_words(cli: Cli) -> None:
    cli("init")
    cli("relays", "add", "http://127.0.0.1:9")
    assert cli("sync").code == 1
    listing = cli("relays").out
    assert "offline" in listing and "could not be reached" in listing and "next try in" in listing


def test_join_shows_rules_and_needs_them_accepted(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    data = tmp_path / "relay"
    rules = tmp_path / "rules.txt"
    rules.write_text("Be kind\nNo diagnosis\n")
    subprocess.run(
        [sys.executable, "-m", "peerhaven", "relay", "community", "create", "kind-words",
         "--data", str(data), "--name", "Kind words", "--rules-file", str(rules)],
        check=True, capture_output=True,
    )  # fmt: skip
    relay = relay_process(data_dir=data)
    cli("init")
    cli("relays", "add", relay.url)
    refused = cli("join", "kind-words")
    assert refused.code == 1 and "--accept-rules" in refused.err
    assert "1. Be kind" in refused.out and "2. No diagnosis" in refused.out
    assert json.loads(cli("persona", "list", "--json").out)[0]["communities"] == []
    joined = cli("join", "kind-words", "--accept-rules")
    assert joined.code == 0 and "Joined Kind words" in joined.out


def test_withdraw_everything_a_persona_wrote(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "farewell")
    relay = relay_process(data_dir=tmp_path / "relay")
    _ready(cli, relay.url, "farewell")
    for text in ("first words", "second words", "third words"):
        cli("post", "farewell", text)
    persona = [p for p in json.loads(cli("persona", "list", "--json").out) if p["communities"]][0]
    refused = cli("persona", "withdraw", persona["pseudonym"])
    assert refused.code == 1 and "--yes" in refused.err
    done = cli("persona", "withdraw", persona["pseudonym"], "--yes")
    assert done.code == 0 and "Withdrew 3 events" in done.out
    assert "keep their copies" in done.out
    assert json.loads(cli("sync", "--json").out)[0]["pushed"] == 3
    import httpx

    page = httpx.get(f"{relay.url}/v1/events", params={"community": "farewell"}).json()
    posts = [e for e in page["events"] if e["kind"] == "post"]
    assert posts == [], "the relay must stop serving withdrawn posts"
