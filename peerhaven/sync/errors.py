"""Errors of talking to relays; each message says what happened in plain words::

PeerHavenError
├── LocalRelayError           the relay on this device could not start, or is not ours to stop
└── SyncError                 anything between this device and a relay
    ├── RelayUnreachable      no connection, a timeout, a dropped response
    ├── RelayTooSlow          past the round's deadline, or answering below the minimum pace
    ├── RelayOverBudget       more pages or events than one round may take
    ├── RelayRefused          the relay answered with an error (4xx)
    │   └── RelayRateLimited  429, with the relay's Retry-After
    ├── RelayBroken           an answer that is not what the protocol says
    │   └── RelayTooLarge     an answer over the size cap, as sent or once inflated
    ├── StreamUnsupported     the relay, or the path to it, cannot stream: poll instead
    ├── StreamBusy            the relay's streams are full; retry after its Retry-After
    └── StreamLost            a live stream broke, went silent or sent what no stream may
SyncStopped                   the sync was asked to stop (a lock, a quit); not a relay fault
"""

from __future__ import annotations

import httpx

from peerhaven.core.errors import PeerHavenError
from peerhaven.core.i18n import _


class SyncError(PeerHavenError):
    """Something between this device and a relay."""


class LocalRelayError(PeerHavenError):
    """The relay on this device (``relays local start``) could not start or stop."""


class RelayUnreachable(SyncError):
    """The relay could not be reached, or the connection broke mid-answer."""


class RelayTooSlow(SyncError):
    """The relay ran past its round's deadline, or answered slower than the minimum pace."""


class RelayOverBudget(SyncError):
    """The relay offered more pages or events than one round may take; the rest waits."""


class StreamUnsupported(SyncError):
    """The relay has no live streams (404), or the path to it buffers them: poll instead."""


class StreamBusy(SyncError):
    """The relay holds as many streams as it can; try again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class StreamLost(SyncError):
    """A live stream broke, went silent past its heartbeat, or sent what no stream may."""


def unreachable_words(url: str, exc: Exception) -> str:
    """What went wrong on the way to a relay, in words a member can act on (never the
    transport library's class name: "ConnectError" means nothing to a person)."""
    if isinstance(exc, httpx.ConnectError):
        return _("{url} could not be reached (no connection).").format(url=url)
    if isinstance(exc, httpx.ReadError | httpx.WriteError | httpx.RemoteProtocolError):
        return _("The connection to {url} broke off before its answer arrived.").format(url=url)
    if isinstance(exc, httpx.DecodingError):
        return _("{url} sent an answer that could not be read.").format(url=url)
    if isinstance(exc, httpx.UnsupportedProtocol):
        return _(
            "{url} could not be reached: its address does not start with http:// or https://."
        ).format(url=url)
    if isinstance(exc, OSError):
        return _("{url} could not be reached (the connection failed).").format(url=url)
    return _("{url} could not be reached.").format(url=url)


class RelayRefused(SyncError):
    """The relay answered a request with an error."""

    def __init__(self, message: str, status: int, code: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class RelayRateLimited(RelayRefused):
    """The relay asks us to slow down for ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, 429, "rate-limited")
        self.retry_after = retry_after


class RelayBroken(SyncError):
    """The relay answered something the protocol does not allow."""


class RelayTooLarge(RelayBroken):
    """An answer was larger than the cap, as sent or once inflated; it was not read on."""


class SyncStopped(PeerHavenError):
    """The sync was asked to stop; pages already stored stay, with their cursors.

    Not a ``SyncError``: a stop says nothing about the relay, so it is never
    recorded as the relay failing and starts no back-off.
    """
