"""The client side of the protocol: the outbox goes out, joined communities come in."""

from peerhaven.sync.client import Pull, RelayClient, Traffic
from peerhaven.sync.engine import RelayReport, Syncer, SyncReport
from peerhaven.sync.errors import (
    RelayBroken,
    RelayRateLimited,
    RelayRefused,
    RelayUnreachable,
    SyncError,
    SyncStopped,
)

__all__ = [
    "Pull",
    "RelayBroken",
    "RelayClient",
    "RelayRateLimited",
    "RelayRefused",
    "RelayReport",
    "RelayUnreachable",
    "SyncError",
    "SyncReport",
    "SyncStopped",
    "Syncer",
    "Traffic",
]
