"""Running the relay: sockets, processes and signals.

Several processes share one port through ``SO_REUSEPORT``: each binds its own
listening socket and the kernel spreads new connections across them. That is
why ``--workers N`` does not use uvicorn's own workers, which share one socket
and were measured to leave every keep-alive connection of a 32-client load on
a single worker. SIGTERM (or Ctrl-C) reaches every process; each stops
accepting, finishes its in-flight requests and commits its queue before
exiting, so no acknowledged event is lost. Workers also end when the parent
does, even when it is killed with SIGKILL and forwards nothing
(``core/lifeline.py``): they get the same SIGTERM and stop the same way.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import socket
import sys
from dataclasses import replace
from types import FrameType

from peerhaven.core.i18n import SOURCE_LANGUAGE, use_language
from peerhaven.core.lifeline import follow_parent
from peerhaven.relay.errors import ConfigError
from peerhaven.relay.settings import RelaySettings

log = logging.getLogger("peerhaven.relay")


def bind_socket(host: str, port: int, *, listen: bool = True) -> socket.socket:
    """A listening socket that other relay processes may bind to as well."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(f"Cannot listen on {host}:{port} ({exc.strerror}).") from exc
    if listen:
        sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def configure_logging() -> None:
    """Plain lines on stderr; nothing about clients ever reaches them."""
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(process)d %(name)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )


def run_one(settings: RelaySettings) -> None:
    """Serve in this process until SIGTERM or SIGINT."""
    import uvicorn

    # the wire speaks English (codes and details) whatever the operator's locale: the
    # client words each refusal code in its member's language
    use_language(SOURCE_LANGUAGE)

    from peerhaven.relay.app import create_app

    configure_logging()
    sock = bind_socket(settings.host, settings.port)
    config = uvicorn.Config(
        create_app(settings),
        loop="uvloop",
        http="httptools",
        lifespan="on",
        access_log=False,
        log_config=None,
        log_level="warning",
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=30,
        timeout_keep_alive=30,
    )
    server = uvicorn.Server(config)
    tune_garbage_collector()
    # uvicorn shuts down gracefully on SIGTERM/SIGINT, then re-raises the signal
    # under the handlers that were in place before it: make that a clean exit.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    signal.signal(signal.SIGINT, _exit_cleanly)
    log.info(
        "relay process listening on %s:%d (%s)", settings.host, settings.port, settings.backend
    )
    server.run(sockets=[sock])


def run_worker(settings: RelaySettings, parent: int) -> None:
    """One of ``serve``'s processes: serve until SIGTERM, which also comes if ``parent`` ends."""
    follow_parent(parent, signal.SIGTERM)
    run_one(settings)


def tune_garbage_collector() -> None:
    """Collect cycles less often: every request allocates a few hundred short-lived
    objects, and with CPython's default threshold (700) a generation-0 pass ran every
    few requests and walked the young ones, about 6% of a relay process's CPU under a
    publish load (measured: 221 µs per single publish before, 207 µs after). What is
    alive when serving starts (modules, the app) is frozen out of every later pass. A
    relay makes little cyclic garbage: collecting every 20,000 allocations left the
    benchmark's peak RSS unchanged (104 MB against 105)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)


def _exit_cleanly(signum: int, frame: FrameType | None) -> None:
    sys.exit(0)


def serve(settings: RelaySettings) -> int:
    """Run ``settings.workers`` processes on one port; returns the exit code."""
    if settings.workers <= 1:
        run_one(settings)
        return 0
    configure_logging()
    port = settings.port
    # Bound but not listening: it only reserves the port (and resolves port 0), so
    # the kernel never queues a connection on it.
    probe = bind_socket(settings.host, port, listen=False)
    port = probe.getsockname()[1]
    settings = replace(settings, port=port)
    context = multiprocessing.get_context("spawn")
    children = [
        context.Process(target=run_worker, args=(settings, os.getpid()), name=f"relay-{n}")
        for n in range(settings.workers)
    ]
    for child in children:
        child.start()
    probe.close()

    def forward(signum: int, frame: FrameType | None) -> None:
        for child in children:
            if child.pid is not None and child.is_alive():
                os.kill(child.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    for child in children:
        child.join()
    return 0 if all(child.exitcode == 0 for child in children) else 1
