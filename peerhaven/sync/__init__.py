"""The client side of the protocol: the outbox goes out, joined communities come in."""

import peerhaven.sync.circle_mailbox  # noqa: F401 (registers the circle mailbox handler)
from peerhaven.sync.budget import RoundBudget
from peerhaven.sync.client import Pull, RelayClient, Traffic
from peerhaven.sync.engine import RelayReport, Syncer, SyncReport
from peerhaven.sync.errors import (
    RelayBroken,
    RelayOverBudget,
    RelayRateLimited,
    RelayRefused,
    RelayTooLarge,
    RelayTooSlow,
    RelayUnreachable,
    SyncError,
    SyncStopped,
)

__all__ = [
    "Pull",
    "RelayBroken",
    "RelayClient",
    "RelayOverBudget",
    "RelayRateLimited",
    "RelayRefused",
    "RelayReport",
    "RelayTooLarge",
    "RelayTooSlow",
    "RelayUnreachable",
    "RoundBudget",
    "SyncError",
    "SyncReport",
    "SyncStopped",
    "Syncer",
    "Traffic",
]
