"""Another member's words never reach the terminal as escape sequences (issue 18 item 5)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from peerhaven.core import Keypair, builders
from tests.fixtures.relay import RelayLauncher
from tests.fixtures.store import Cli
from tests.sync.helpers import create_community

ESC = "\x1b"
HOSTILE = (
    f"calm words {ESC}]0;pwned{ESC}\\ then {ESC}]52;c;ZXZpbA==\a"
    f"{ESC}[2J{ESC}[H{ESC}[31mred{ESC}[0m \x9b31m \x9d0;x\x9c"
    f"\nreal line\rfake line \u202eevil\u202c \u200b\u200b\u200bhidden\a"
)
#: what a terminal acts on: C0 (newline and tab aside), DEL, C1
CONTROLS = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} - {"\n", "\t"}


def _clean(text: str) -> bool:
    return not CONTROLS & set(text) and "\u202e" not in text


def test_read_thread_and_search_show_hostile_text_inert(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "calm")
    relay = relay_process(data_dir=tmp_path / "relay")
    stranger = Keypair.generate()
    root = builders.post(stranger, "calm", HOSTILE)
    reply = builders.post(stranger, "calm", f"reply {HOSTILE}", reply_to=root)
    profile = builders.profile(stranger, name=f"Nice{ESC}]0;owned\a{ESC}[8m", bio=HOSTILE)
    answer = httpx.post(
        f"{relay.url}/v1/events", json=[e.to_wire() for e in (profile, root, reply)]
    ).json()
    assert [a["status"] for a in answer] == ["accepted"] * 3, answer

    assert cli("init").code == 0
    assert cli("relays", "add", relay.url).code == 0
    assert cli("join", "calm").code == 0
    assert cli("sync").code == 0
    outputs = {
        "read": cli("read", "calm"),
        "thread": cli("read", "calm", "--thread", root.id[:12]),
        "search": cli("search", "calm"),
        "search-hidden": cli("search", "hidden"),
        "communities": cli("communities", "--offline"),
        "search-json": cli("search", "hidden", "--json"),
        "communities-json": cli("communities", "--offline", "--json"),
    }
    for name, result in outputs.items():
        assert result.code == 0, (name, result.err)
        assert _clean(result.out) and _clean(result.err), (name, result.out)
    shown = outputs["thread"].out
    assert "␛]0;pwned␛\\" in shown and "␛[31mred" in shown and "<U+009B>31m" in shown
    assert "real line␍fake line" in shown and "<U+202E>evil" in shown
    assert "<U+200B><U+200B><U+200B>hidden" in shown
    assert "real line" in outputs["read"].out
    assert "calm" in outputs["search"].out and "hidden" in outputs["search-hidden"].out
    # for scripts, the same data: only the way it is written changed
    snippets = json.loads(outputs["search-json"].out)["post"]
    assert any("\u202eevil" in hit["snippet"] for hit in snippets)
