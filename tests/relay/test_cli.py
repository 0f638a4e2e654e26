"""The operator CLI on a data directory that no relay has served yet, and import hygiene."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import httpx

from peerhaven.core import Keypair
from tests.fixtures.relay import RelayLauncher


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "peerhaven", "relay", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_operator_commands_work_before_the_first_serve(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    rules = tmp_path / "rules.txt"
    rules.write_text("Be kind.\n\nNo medical advice.\n")
    mod = Keypair.generate().pubkey
    created = run(
        "community", "create", "grief", "--name", "Grief", "--description", "Together",
        "--rules-file", str(rules), "--moderator", mod, "--data", str(data),
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    key = data / "operator.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    listing = run("community", "list", "--data", str(data))
    assert "grief\tGrief" in listing.stdout and "1 mods" in listing.stdout
    added = run(
        "community", "add-moderator", "grief", Keypair.generate().pubkey, "--data", str(data)
    )
    assert added.returncode == 0
    assert "2 mods" in run("community", "list", "--data", str(data)).stdout
    assert run("ban", mod, "--data", str(data)).returncode == 0
    stats = run("stats", "--data", str(data)).stdout
    assert "communities\t1" in stats and "bans\t1" in stats and "events.community\t2" in stats


def test_operator_errors_are_one_sentence_without_traceback(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    assert run("community", "create", "dup", "--name", "D", "--data", data).returncode == 0
    again = run("community", "create", "dup", "--name", "D", "--data", data)
    assert again.returncode == 1
    assert again.stderr == "peerhaven: The community dup already exists.\n"
    bad = run("ban", "not-a-key", "--data", data)
    # refused at the border, as a usage error naming the argument
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    assert "PUBKEY takes a whole public key" in bad.stderr
    missing = run("community", "add-moderator", "nope", "a" * 64, "--data", data)
    assert missing.stderr == "peerhaven: There is no community nope.\n"
    secret = "postgresql://someone:hunter2@127.0.0.1:1/nothing"
    unreachable = run("serve", "--data", data, "--database-url", secret)
    assert unreachable.returncode == 1 and unreachable.stderr.count("\n") == 1
    assert "cannot be opened" in unreachable.stderr and "hunter2" not in unreachable.stderr


def test_communities_created_offline_are_served_and_signed_by_the_operator(
    relay_process: RelayLauncher, tmp_path: Path
) -> None:
    data = tmp_path / "offline"
    assert (
        run("community", "create", "offline", "--name", "Off", "--data", str(data)).returncode == 0
    )
    relay = relay_process(data_dir=data)
    (definition,) = httpx.get(f"{relay.url}/v1/communities").json()["communities"]
    from peerhaven.relay.operator_key import load_operator_key

    assert definition["pubkey"] == load_operator_key(data).pubkey


def test_cli_module_imports_no_server_stack_and_relay_never_imports_textual() -> None:
    code = (
        "import sys, peerhaven.cli; peerhaven.cli.build_parser();"
        "heavy = {'starlette', 'uvicorn', 'psycopg', 'textual'} & set(sys.modules);"
        "assert not heavy, heavy;"
        "import peerhaven.relay.app, peerhaven.relay.server, peerhaven.relay.storage.postgres;"
        "assert 'textual' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_logs_and_storage_hold_no_client_identifiers(relay_process: RelayLauncher) -> None:
    relay = relay_process()
    marker = "IdentifyingAgent/7.7"
    with httpx.Client(headers={"User-Agent": marker}) as client:
        client.get(f"{relay.url}/v1/info")
        client.get(f"{relay.url}/v1/nowhere")
        client.post(f"{relay.url}/v1/events", content=b"[not json")
        client.post(f"{relay.url}/v1/events", json=[{"id": "x"}])
    relay.stop()
    log = relay.log()
    assert marker not in log and "GET /" not in log and "POST /" not in log
    for path in relay.data_dir.glob("relay.sqlite3*"):
        assert marker.encode() not in path.read_bytes()


def test_every_relay_command_and_serve_option_is_documented() -> None:
    import argparse

    from peerhaven.cli import build_parser

    docs = (Path(__file__).parents[2] / "docs" / "relay.md").read_text()

    def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                return dict(action.choices)
        return {}

    relay = subcommands(build_parser())["relay"]
    commands = subcommands(relay)
    names = [f"peerhaven relay {name}" for name in commands if name not in ("community",)]
    names += [f"peerhaven relay community {name}" for name in subcommands(commands["community"])]
    assert [name for name in names if name not in docs] == []
    options = [
        option
        for action in commands["serve"]._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]
    assert [option for option in options if f"`{option}" not in docs] == []


def test_community_create_refuses_names_and_descriptions_with_controls(tmp_path: Path) -> None:
    # issue 18: `relay community create --name $'\e]0;x\a'` used to be accepted
    data = str(tmp_path / "d")
    for option, value in (
        ("--name", "\x1b]0;x\x07"),
        ("--name", "Calm\nFake"),
        ("--name", "\u200b\u200b"),
        ("--description", "hi\x1b[2J"),
    ):
        args = {"--name": "Calm", option: value}
        refused = run("community", "create", "calm", *(x for kv in args.items() for x in kv),
                      "--data", data)  # fmt: skip
        assert refused.returncode == 2, (option, value)  # refused at the border
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
        assert "\x1b" not in refused.stderr
    assert run("community", "list", "--data", data).stdout.count("calm") == 0
