"""``peerhaven relays local start|stop|status`` and the checked ``proxy`` setting, as a user
scripts them: real processes, a real store, one-sentence errors."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from peerhaven.relay.samples import SAMPLES
from peerhaven.sync.local_relay import local_relay_status, stop_local_relay
from tests.fixtures.store import Cli, CliResult


@pytest.fixture
def newcomer(cli: Cli) -> Iterator[Cli]:
    """An initialised store; the local relay under its home is stopped at the end."""
    assert cli("init").code == 0
    yield cli
    stop_local_relay(cli.home)


def one_sentence(result: CliResult) -> str:
    assert result.code != 0 and "Traceback" not in result.err
    (line,) = [line for line in result.err.splitlines() if line.strip()]
    assert line.startswith("peerhaven: ")
    return line


def test_start_status_stop_and_start_again(newcomer: Cli) -> None:
    cli = newcomer
    assert "not set up yet" in cli("relays", "local", "status").out

    started = cli("relays", "local", "start")
    assert started.code == 0, started.err
    match = re.search(r"Started the local relay at (http://127\.0\.0\.1:\d+)", started.out)
    assert match, started.out
    url = match.group(1)
    assert f"it offers {len(SAMPLES)} communities" in started.out
    assert "Sample communities: chronic-illness, grief" in started.out
    assert "Creating the sample communities…" in started.err  # progress goes to stderr

    assert f"running at {url}" in cli("relays", "local", "status").out
    assert f"{url}  (local relay on this device)" in cli("relays").out
    assert "grief" in cli("communities").out
    again = cli("relays", "local", "start")
    assert again.code == 0 and f"Already running: the local relay at {url}" in again.out
    assert cli("settings", "local_relay").out.strip() == f'"{url}"'

    assert "Stopped the local relay" in cli("relays", "local", "stop").out
    assert "not running" in cli("relays", "local", "stop").out
    assert "stopped" in cli("relays", "local").out
    restarted = cli("relays", "local", "start")
    assert f"Started the local relay at {url}" in restarted.out, "same address as before"
    assert "Sample communities" not in restarted.out, "samples are made once"


def test_removing_the_local_relay_stops_it_and_forgets_the_choice(newcomer: Cli) -> None:
    cli = newcomer
    cli("relays", "local", "start")
    url = f"http://127.0.0.1:{local_relay_status(cli.home).port}"
    removed = cli("relays", "remove", url)
    assert removed.code == 0 and "stopped the local relay" in removed.out
    assert not local_relay_status(cli.home).running
    assert cli("settings", "local_relay").out.strip() == "null"


def test_the_relay_process_never_sees_the_passphrase(newcomer: Cli) -> None:
    newcomer("relays", "local", "start")
    pid = local_relay_status(newcomer.home).pid
    environ = Path(f"/proc/{pid}/environ")
    if not environ.exists():
        pytest.skip("no /proc on this system")
    assert b"PEERHAVEN_PASSPHRASE" not in environ.read_bytes()


def test_a_wrong_passphrase_starts_nothing(newcomer: Cli) -> None:
    line = one_sentence(
        newcomer("relays", "local", "start", PEERHAVEN_PASSPHRASE="not the passphrase")
    )
    assert "does not unlock" in line
    assert not local_relay_status(newcomer.home).running


def test_a_port_in_use_is_one_sentence(newcomer: Cli) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = one_sentence(newcomer("relays", "local", "start", "--port", str(port)))
    assert f"Port {port} on 127.0.0.1 is already in use by another program" in line


def test_the_proxy_setting_is_checked(newcomer: Cli) -> None:
    cli = newcomer
    line = one_sentence(cli("settings", "proxy", "tor please"))
    assert "is not a proxy address" in line and "socks5://127.0.0.1:9050" in line
    assert one_sentence(cli("settings", "proxy", "ftp://127.0.0.1:21"))
    assert one_sentence(cli("settings", "proxy", "socks5://127.0.0.1"))  # no port
    assert cli("settings", "proxy").out.strip() == "null", "a refused value changes nothing"
    assert cli("settings", "proxy", "socks5h://127.0.0.1:9050").code == 0
    assert cli("settings", "proxy").out.strip() == '"socks5h://127.0.0.1:9050"'
    assert cli("settings", "proxy", "null").code == 0
    assert cli("settings", "proxy").out.strip() == "null"
