"""A relay on this device, so a newcomer can see communities work before trusting anyone's server.

The relay is an ordinary ``peerhaven relay serve`` process with its data in
``$PEERHAVEN_HOME/local-relay``, listening on 127.0.0.1 only. The first start
creates a few sample communities (``relay/samples.py``); later starts reuse the
same data and the same port, so the address the store knows stays valid.

A small state file (``local-relay.json``: port and process id) lets a later
run, or another command, find the process: ``peerhaven relays local start``
leaves it running for ``stop``, and the app stops the one it started when it
quits. The ``local_relay`` setting remembers that the person chose it, so the
app starts it again on the next unlock.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from peerhaven.core.i18n import _
from peerhaven.store.database import Store
from peerhaven.store.paths import data_home
from peerhaven.sync.errors import LocalRelayError

LOCAL_DIR = "local-relay"
STATE_FILE = "local-relay.json"
LOG_FILE = "relay.log"
HOST = "127.0.0.1"
RELAY_NAME = "Local relay on this device"
#: the setting that remembers the person chose the local relay (its address, or None)
SETTING = "local_relay"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0
SEED_TIMEOUT = 60.0

#: told what is happening while the relay starts ("Creating the sample communities…")
Progress = Callable[[str], None]

#: relay processes this process started, so stopping one also reaps it
_children: dict[int, subprocess.Popen[bytes]] = {}
#: one start or stop at a time in this process (the app's worker and its quit may overlap)
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class LocalRelay:
    """The local relay as found or left: where it keeps its data, its port, its process."""

    data_dir: Path
    #: None until the first start chose one
    port: int | None
    #: the running process, or None when it is stopped
    pid: int | None
    #: whether this call started it (False: it was already running)
    started: bool = False
    #: sample communities this call created (only the very first start creates any)
    created: tuple[str, ...] = ()

    @property
    def running(self) -> bool:
        """Whether its process is alive."""
        return self.pid is not None

    @property
    def url(self) -> str:
        """Its address, once it has a port (``""`` before the first start)."""
        return f"http://{HOST}:{self.port}" if self.port else ""

    def describe(self) -> str:
        """One line for ``relays local status``."""
        if self.running:
            return _("running at {url} (process {pid}); data in {data_dir}").format(
                url=self.url, pid=self.pid, data_dir=self.data_dir
            )
        if self.port:
            return _("stopped (it uses {url} when started); data in {data_dir}").format(
                url=self.url, data_dir=self.data_dir
            )
        return _("not set up yet; `peerhaven relays local start` starts one on this device")


def local_relay_dir(home: Path | None = None) -> Path:
    """Where the local relay keeps its store, operator key, state file and log."""
    return (home or data_home()) / LOCAL_DIR


# -- the state file ------------------------------------------------------------------------


def _read_state(directory: Path) -> tuple[int | None, int | None]:
    """(port, pid) as last written; a missing or damaged file means neither is known."""
    try:
        data = json.loads((directory / STATE_FILE).read_text())
    except (OSError, ValueError):
        return None, None
    port, pid = data.get("port"), data.get("pid")
    return (
        port if isinstance(port, int) and 0 < port < 65536 else None,
        pid if isinstance(pid, int) and pid > 0 else None,
    )


def _write_state(directory: Path, port: int, pid: int | None) -> None:
    """Replace the state file in one step, so a reader never sees half of it."""
    temporary = directory / f".{STATE_FILE}.{os.getpid()}"
    temporary.write_text(json.dumps({"port": port, "pid": pid}))
    temporary.replace(directory / STATE_FILE)


# -- the process ---------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (and, if it is our child, has not exited)."""
    if pid <= 0:
        return False  # 0 and -1 would name process groups, never one relay
    child = _children.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process; _ours says it is not the relay
    return True


def _ours(pid: int, directory: Path) -> bool:
    """Whether the process is a relay serving this directory (not a reused process id)."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not Path("/proc/self").exists():
        return True  # no /proc (macOS): the health check on our port has to do
    try:
        args = cmdline.read_bytes().split(b"\0")
    except OSError:
        return False
    return b"serve" in args and os.fsencode(str(directory)) in args


def _health(port: int, timeout: float = 1.0) -> bool:
    """Whether a relay answers ``/v1/health`` on the port (never through a proxy)."""
    try:
        response = httpx.get(f"http://{HOST}:{port}/v1/health", timeout=timeout, trust_env=False)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def _free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _check_free(port: int) -> None:
    """Refuse, in one sentence, a port another program already listens on."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError as exc:
            raise LocalRelayError(_port_taken(port)) from exc


def _port_taken(port: int) -> str:
    return _(
        "Port {port} on {HOST} is already in use by another program, so the local relay "
        "cannot start there."
    ).format(port=port, HOST=HOST)


def _relay_environment() -> dict[str, str]:
    """This process's environment without its passphrases: they are none of the relay's
    business."""
    env = {key: value for key, value in os.environ.items() if not key.endswith("PASSPHRASE")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _seed_samples(directory: Path) -> list[str]:
    """The sample communities, made by ``peerhaven relay samples`` in a process of its own:
    the client never imports the relay's code. Returns the slugs created."""
    command = [sys.executable, "-m", "peerhaven", "relay", "samples", "--data", str(directory)]
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=_relay_environment(),
            timeout=SEED_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise LocalRelayError(
            _("The local relay's sample communities could not be created in time.")
        ) from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = reason[-1].removeprefix("peerhaven: ") if reason else _("no reason given")
        raise LocalRelayError(
            _("The local relay's sample communities could not be created: {detail}").format(
                detail=detail
            )
        )
    return done.stdout.decode("utf-8", "replace").split()


def _spawn(directory: Path, port: int) -> subprocess.Popen[bytes]:
    """``peerhaven relay serve`` in its own session, so a Ctrl-C in this terminal leaves it be."""
    command = [
        sys.executable, "-m", "peerhaven", "relay", "serve", "--data", str(directory),
        "--host", HOST, "--port", str(port), "--name", RELAY_NAME,
    ]  # fmt: skip
    env = _relay_environment()
    with (directory / LOG_FILE).open("ab") as log:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            env=env,
            start_new_session=True,
        )


def _why_it_stopped(directory: Path, since: int, port: int) -> str:
    """The relay's own one-sentence error from its log, in the words of this device."""
    try:
        with (directory / LOG_FILE).open("rb") as log:
            log.seek(since)
            lines = log.read().decode("utf-8", "replace").splitlines()
    except OSError:
        lines = []
    for line in reversed(lines):
        if line.startswith("peerhaven: "):
            if "Cannot listen on" in line:
                return _port_taken(port)
            return _("The local relay could not start: {detail}").format(
                detail=line.removeprefix("peerhaven: ")
            )
    return _("The local relay stopped while starting; its log ({log}) says why.").format(
        log=directory / LOG_FILE
    )


def _wait_until_healthy(
    process: subprocess.Popen[bytes], directory: Path, port: int, since: int, timeout: float
) -> None:
    """Poll ``/v1/health`` until it answers; a process that exits first is an error."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _children.pop(process.pid, None)
            _write_state(directory, port, None)
            raise LocalRelayError(_why_it_stopped(directory, since, port))
        if _health(port):
            return
        time.sleep(0.05)
    _terminate(process.pid, STOP_TIMEOUT)
    _write_state(directory, port, None)
    raise LocalRelayError(
        _(
            "The local relay did not answer within {timeout:.0f} seconds; its log ({count}) "
            "may say why."
        ).format(timeout=timeout, log=directory / LOG_FILE)
    )


def _terminate(pid: int, timeout: float) -> None:
    """SIGTERM (the relay finishes what it holds), then SIGKILL if it will not go."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    child = _children.pop(pid, None)
    if child is not None:
        try:
            child.wait(timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        return
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


# -- what the CLI and the app call ---------------------------------------------------------


def local_relay_status(home: Path | None = None) -> LocalRelay:
    """The local relay as it is now: running (its process alive), stopped, or never set up."""
    directory = local_relay_dir(home)
    port, pid = _read_state(directory)
    running = pid is not None and _alive(pid) and _ours(pid, directory)
    return LocalRelay(directory, port, pid if running else None)


def start_local_relay(
    home: Path | None = None,
    *,
    port: int | None = None,
    progress: Progress | None = None,
    timeout: float = START_TIMEOUT,
) -> LocalRelay:
    """Start the local relay (or find it running), with sample communities the first time.

    Returns once ``/v1/health`` answers. The port is the one given, else the one
    used before, else a free one; it is remembered for the next start.
    """
    say = progress or (lambda text: None)
    directory = local_relay_dir(home)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise LocalRelayError(
            _("The local relay's folder {directory} cannot be created.").format(directory=directory)
        ) from exc
    with _lock:
        current = local_relay_status(home)
        if current.running and current.port:
            if port is not None and port != current.port:
                raise LocalRelayError(
                    _(
                        "The local relay is already running on port {port}; stop it first to "
                        "move it."
                    ).format(port=current.port)
                )
            if not _health(current.port):
                say(_("Waiting for the relay to answer…"))
                deadline = time.monotonic() + timeout
                while not _health(current.port):
                    if time.monotonic() > deadline or not _alive(current.pid or -1):
                        raise LocalRelayError(
                            _(
                                "The local relay is running but does not answer; "
                                "`peerhaven relays local stop` then start it again."
                            )
                        )
                    time.sleep(0.05)
            return current
        chosen = port or current.port or _free_port()
        _check_free(chosen)
        say(_("Creating the sample communities…"))
        created = _seed_samples(directory)
        say(_("Starting the relay…"))
        log = directory / LOG_FILE
        since = log.stat().st_size if log.exists() else 0
        process = _spawn(directory, chosen)
        _children[process.pid] = process
        _write_state(directory, chosen, process.pid)
        say(_("Waiting for the relay to answer…"))
        _wait_until_healthy(process, directory, chosen, since, timeout)
        return LocalRelay(directory, chosen, process.pid, started=True, created=tuple(created))


def stop_local_relay(home: Path | None = None, *, timeout: float = STOP_TIMEOUT) -> bool:
    """Stop the local relay if it runs; returns whether there was one to stop.

    The relay finishes what it holds before exiting (SIGTERM); the port stays
    remembered so the next start keeps the same address.
    """
    directory = local_relay_dir(home)
    with _lock:
        port, pid = _read_state(directory)
        if pid is None or port is None:
            return False
        running = _alive(pid) and _ours(pid, directory)
        if running:
            _terminate(pid, timeout)
        else:
            _children.pop(pid, None)
        _write_state(directory, port, None)
        return running


# -- the store's side ----------------------------------------------------------------------


def local_relay_url(store: Store) -> str | None:
    """The local relay's address if the person chose it (the app then starts it on unlock)."""
    from peerhaven.store.settings import get_setting

    value = get_setting(store, SETTING)
    return value if isinstance(value, str) and value else None


def use_local_relay(store: Store, relay: LocalRelay) -> str:
    """Add the running local relay to the store's relays and remember the choice."""
    from peerhaven.store.relays import add_relay, relay_urls, remove_relay
    from peerhaven.store.settings import set_setting

    if not relay.url:
        raise LocalRelayError(_("The local relay has not been started yet."))
    url = add_relay(store, relay.url)
    previous = local_relay_url(store)
    if previous and previous != url and previous in relay_urls(store):
        remove_relay(store, previous)  # its port changed: the old address leads nowhere
    set_setting(store, SETTING, url)
    return url


def forget_local_relay(store: Store) -> None:
    """The person no longer wants the local relay: the app stops starting it."""
    from peerhaven.store.settings import set_setting

    set_setting(store, SETTING, None)
