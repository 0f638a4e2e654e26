"""What an operator can tune, with defaults that suit a small community relay.

Every number has a declared range (``BOUNDS``), checked when the settings are
built, before any port is bound or any file is touched: the CLI passes the
same checkers to argparse, so ``relay serve --max-batch 0`` is refused with a
sentence and a program building ``RelaySettings`` itself meets the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from peerhaven.core.event import EDIT_WINDOW
from peerhaven.core.inputs import INTERVAL, PORT, InputRefused, Number, Whole
from peerhaven.core.validate import DEFAULT_LIMITS, Limits
from peerhaven.relay.errors import ConfigError

#: the range of every numeric setting; the CLI option of the same name uses the same checker
BOUNDS: dict[str, Whole | Number] = {
    "port": PORT,
    "workers": Whole(1, 64),
    "max_content_bytes": Whole(1, 1_048_576),
    "max_batch": Whole(1, 10_000),
    "max_clock_skew": Whole(1, 31_536_000),
    "pow_difficulty": Whole(0, 32),
    "page_default": Whole(1, 10_000),
    "page_max": Whole(1, 10_000),
    "max_body_bytes": Whole(1_024, 1_073_741_824),
    "pubkey_rate": Number(0, 1_000_000, "events per second"),
    "pubkey_burst": Whole(1, 1_000_000),
    "connection_rate": Number(0, 1_000_000, "requests per second"),
    "connection_burst": Whole(1, 1_000_000),
    "verify_threads": Whole(1, 64),
    "purge_interval": INTERVAL,
    "page_cache_bytes": Whole(0, 1_073_741_824),
    "edit_window": Whole(60, 86_400),
    "max_streams": Whole(1, 100_000),
    "stream_heartbeat": Number(0.1, 3_600, "seconds"),
    "stream_poll_interval": Number(0.01, 60, "seconds"),
    "mailbox_retention": Whole(3_600, 31_536_000),
    "mailbox_per_recipient": Whole(1, 1_000_000),
    "requests_per_sender": Whole(1, 10_000),
}
SYNCHRONOUS = ("NORMAL", "FULL")


@dataclass(frozen=True, slots=True)
class RelaySettings:
    """Everything ``create_app`` and the storage need; built by the CLI or by tests."""

    data_dir: Path
    database_url: str | None = None
    name: str = "PeerHaven relay"
    host: str = "127.0.0.1"
    port: int = 7447
    workers: int = 1
    # the same defaults the core validates with, so relay and client cannot drift apart
    max_content_bytes: int = DEFAULT_LIMITS.max_content_bytes
    max_batch: int = 500
    max_clock_skew: int = DEFAULT_LIMITS.max_clock_skew
    pow_difficulty: int = DEFAULT_LIMITS.pow_difficulty
    page_default: int = 50
    page_max: int = 500
    #: bytes of a request body, both as sent and after gzip decompression
    max_body_bytes: int = 8 * 1024 * 1024
    #: whether anyone may create a community by publishing a new definition
    open_communities: bool = False
    #: events a pubkey may publish per second once its burst is spent (0: no limit)
    pubkey_rate: float = 10.0
    pubkey_burst: int = 500
    #: requests a connection may make per second once its burst is spent (0: no limit)
    connection_rate: float = 200.0
    connection_burst: int = 400
    #: threads verifying signatures in each process
    verify_threads: int = 2
    #: SQLite durability: NORMAL survives a crashed or killed process, FULL a power cut
    sqlite_synchronous: str = "NORMAL"
    #: how often expired events are purged, in seconds
    purge_interval: float = 60.0
    #: seconds after a post in which its author may publish an ``edit`` of it
    edit_window: int = EDIT_WINDOW
    #: bytes of serialized pages each process keeps for repeat pulls
    page_cache_bytes: int = 24 * 1024 * 1024
    #: live streams (``/v1/stream``) each process holds open at once; beyond, 503
    max_streams: int = 2000
    #: seconds a quiet stream waits before sending a heartbeat
    stream_heartbeat: float = 15.0
    #: seconds between checks of watched feeds where no notification can say they changed
    stream_poll_interval: float = 0.2
    #: seconds a mailbox event (``dm``, ``circle``) is kept at most, whatever its
    #: ``expires`` tag says: undelivered messages do not wait on a relay forever
    mailbox_retention: int = 30 * 86_400
    #: mailbox events one mailbox key may receive per UTC day; beyond, 429
    mailbox_per_recipient: int = 1_000
    #: message requests one sender may make per day, enforced by each recipient's
    #: device (the relay cannot see senders); published in ``/v1/info``
    requests_per_sender: int = 20

    def __post_init__(self) -> None:
        """Refuse a value outside its range with the option's name, before anything starts."""
        for field in fields(self):
            bound = BOUNDS.get(field.name)
            if bound is None:
                continue
            value = getattr(self, field.name)
            try:
                bound(str(value))
            except InputRefused as exc:
                option = "--" + field.name.replace("_", "-")
                raise ConfigError(exc.for_field(option)) from exc
        if self.sqlite_synchronous not in SYNCHRONOUS:
            raise ConfigError("--sqlite-sync takes normal or full.")

    @property
    def limits(self) -> Limits:
        """The core validation limits this relay applies."""
        return Limits(
            max_content_bytes=self.max_content_bytes,
            max_clock_skew=self.max_clock_skew,
            pow_difficulty=self.pow_difficulty,
        )

    @property
    def backend(self) -> str:
        """``postgresql`` when a database URL is set, else ``sqlite``."""
        return "postgresql" if self.database_url else "sqlite"
