"""What `post` says after trying to send: only what the relay answered for that post."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from peerhaven.sync.send import Delivery
from tests.fixtures.relay import RelayLauncher
from tests.fixtures.store import Cli
from tests.sync.helpers import create_community


def _ready(cli: Cli, relay_url: str, slug: str) -> None:
    assert cli("init").code == 0
    assert cli("relays", "add", relay_url).code == 0
    joined = cli("join", slug)
    assert joined.code == 0, joined.err


def _waiting(cli: Cli) -> str:
    return cli("outbox").out.splitlines()[0]


def test_a_cw_label_the_relay_would_refuse_is_refused_before_anything_is_saved(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "calm")
    relay = relay_process(data_dir=tmp_path / "relay")
    _ready(cli, relay.url, "calm")
    # (spacing, newlines included, is collapsed by the client: "two\nlines" is "two lines")
    for label in ("\x1b[31mred", "\u202eevil", "\u200b\u200b", "bell\x07"):
        refused = cli("post", "calm", "hello", "--cw", label)
        # refused as an option (2, by the typed border) or as a label (1): before any save
        assert refused.code in (1, 2), label
        assert "Sent" not in refused.out and "saved" not in refused.out
        assert "--cw" in refused.err or (
            "content warning label" in refused.err and "nothing was published" in refused.err
        )
        assert "\x1b" not in refused.err and "Traceback" not in refused.err
    assert _waiting(cli) == "0 events waiting to be sent."
    assert "hello" not in cli("read", "calm").out


def test_a_post_of_only_invisible_characters_is_refused(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "calm")
    relay = relay_process(data_dir=tmp_path / "relay")
    _ready(cli, relay.url, "calm")
    for text in ("\u200b\u200b\u200b", "\u202e\u2066\u2069", " \u200d\n"):
        refused = cli("post", "calm", text)
        assert refused.code == 1 and "A post needs some words." in refused.err
    assert _waiting(cli) == "0 events waiting to be sent."


def test_sent_only_when_accepted_refused_with_the_relays_reason(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "calm")
    relay = relay_process(data_dir=tmp_path / "relay")
    _ready(cli, relay.url, "calm")
    accepted = cli("post", "calm", "first words")
    assert accepted.code == 0 and accepted.out.rstrip().endswith("saved in calm. Sent.")

    personas = json.loads(cli("persona", "list", "--json").out)
    pubkey = next(p["pubkey"] for p in personas if "calm" in p["communities"])
    banned = subprocess.run(
        [sys.executable, "-m", "peerhaven", "relay", "ban", pubkey, *relay.store_args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert banned.returncode == 0, banned.stderr
    relay.restart()  # a running relay reads its bans at start
    refused = cli("post", "calm", "second words")
    assert refused.code == 0
    assert "Sent." not in refused.out
    assert f"Refused by {relay.url}: this persona is banned there." in refused.out
    assert "(this persona is banned there)" in cli("outbox").out

    relay.stop()
    offline = cli("post", "calm", "third words")
    assert offline.code == 0 and "Sent." not in offline.out
    assert offline.out.rstrip().endswith("Saved; goes out when a relay is reachable.")


def test_the_sentence_for_each_combination_of_answers() -> None:
    assert Delivery(accepted=("https://a",)).sentence() == "Sent."
    assert Delivery().sentence() == "Saved; goes out when a relay is reachable."
    assert Delivery(unanswered=("https://a",)).sentence() == (
        "Saved; goes out when a relay is reachable."
    )
    assert Delivery(refused={"https://a": "banned"}).sentence() == (
        "Refused by https://a: this persona is banned there."
    )
    both = Delivery(refused={"https://a": "not-moderator"}, unanswered=("https://b",))
    assert both.sentence() == (
        "Refused by https://a: this persona does not moderate there. "
        "Saved; goes out when a relay is reachable."
    )
    mixed = Delivery(accepted=("https://b",), refused={"https://a": "\x1b]0;x\a"})
    assert mixed.sentence() == "Sent. Refused by https://a: it gave the reason “␛]0;x␇”."
