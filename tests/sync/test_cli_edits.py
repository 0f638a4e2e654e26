"""``peerhaven edit`` and ``peerhaven draft publish`` as a member types them, against a real relay,
with a second device that sees the edit once it syncs."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from tests.fixtures.relay import RelayLauncher
from tests.fixtures.store import Cli
from tests.sync.helpers import create_community

REACH = (
    "Copies already synced to other devices were seen as first written; "
    "they will show this edit after they sync."
)


def _ready(cli: Cli, relay_url: str, slug: str) -> None:
    assert cli("init").code == 0
    assert cli("relays", "add", relay_url).code == 0
    joined = cli("join", slug)
    assert joined.code == 0, joined.err


def _id(out: str) -> str:
    match = re.search(r"\b([0-9a-f]{12})\b", out)
    assert match, out
    return match[1]


def test_an_edit_is_sent_and_other_devices_show_it_after_they_sync(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "typo-fixers")
    relay = relay_process(data_dir=tmp_path / "relay")
    _ready(cli, relay.url, "typo-fixers")
    other = Cli(tmp_path / "other", {**cli.env, "PEERHAVEN_HOME": str(tmp_path / "other")})
    _ready(other, relay.url, "typo-fixers")
    post_id = _id(cli("post", "typo-fixers", "I slept badly agian", "--cw", "sleep").out)
    other("sync")
    edited = cli("edit", post_id, "I slept badly again")
    assert edited.code == 0, edited.err
    assert edited.out.splitlines() == [f"Edited {post_id} in typo-fixers. Sent.", REACH]
    mine = cli("read", "typo-fixers", "--thread", post_id, "--show-cw").out
    assert "I slept badly again" in mine and "agian" not in mine and " · edited " in mine
    assert "[cw: sleep]" in mine  # labels stay unless the edit changes them
    before = other("read", "typo-fixers", "--thread", post_id, "--show-cw").out
    assert "agian" in before and "edited" not in before
    other("sync")
    after = other("read", "typo-fixers", "--thread", post_id, "--show-cw").out
    assert "I slept badly again" in after and " · edited " in after
    # another persona cannot edit it, and the relay refuses a forged one too
    refused = other("edit", post_id, "taken over")
    assert refused.code == 1 and "only edit what one of your own personas wrote" in refused.err
    assert "Traceback" not in refused.err
    pulled = httpx.get(f"{relay.url}/v1/events", params={"community": "typo-fixers"}).json()
    assert [e["kind"] for e in pulled["events"]].count("edit") == 1


def test_a_draft_from_drafts_becomes_a_post_or_a_reply(
    cli: Cli, tmp_path: Path, relay_process: RelayLauncher
) -> None:
    create_community(tmp_path / "relay", "drafting")
    relay = relay_process(data_dir=tmp_path / "relay")
    _ready(cli, relay.url, "drafting")
    assert cli("draft", "save", "Does anyone else wake at 4?").code == 0
    nowhere = cli("draft", "publish", "1")
    assert nowhere.code == 1 and "belongs to no community yet" in nowhere.err
    posted = cli("draft", "publish", "1", "--community", "drafting")
    assert posted.code == 0, posted.err
    assert (
        posted.out.startswith("Post ") and "published in drafting from draft 1. Sent." in posted.out
    )
    post_id = _id(posted.out)
    assert cli("draft", "list").out.strip() == "No drafts."
    saved = cli("draft", "save", "Me too, most nights.").out
    draft_id = saved.removeprefix("Saved draft ").strip().rstrip(".")
    replied = cli("draft", "publish", draft_id, "--reply-to", post_id)
    assert replied.code == 0 and replied.out.startswith("Reply ")
    thread = cli("read", "drafting", "--thread", post_id).out
    assert "Me too, most nights." in thread.split("Does anyone else wake at 4?")[1]
