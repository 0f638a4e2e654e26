"""The client side of the protocol: the outbox goes out, joined communities come in."""

from peerhaven.store.database import Store
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
from peerhaven.sync.mailbox import MailboxHandler, register_handler


def _direct_messages(store: Store) -> MailboxHandler | None:
    """The ``dm`` handler (``sync/dm.py``, imported only when a sync builds it)."""
    from peerhaven.sync.dm import DmHandler

    return DmHandler.for_sync(store)


def _circles(store: Store) -> MailboxHandler | None:
    """The ``circle`` handler (``sync/circle_mailbox.py``, imported only when a sync builds it)."""
    from peerhaven.sync.circle_mailbox import CircleMailbox

    return CircleMailbox(store)


register_handler("dm", _direct_messages)
register_handler("circle", _circles)

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
