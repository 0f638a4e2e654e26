"""What an operator can tune, with defaults that suit a small community relay."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peerhaven.core.event import EDIT_WINDOW
from peerhaven.core.validate import DEFAULT_LIMITS, Limits


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
