"""Errors of the relay.

The operator CLI prints ``str(error)`` as one sentence; the HTTP layer turns
``RequestRefused`` into a JSON answer ``{"error": CODE, "detail": sentence}``::

    PeerHavenError                  (peerhaven.core.errors)
    └── RelayError                  every error the relay raises on purpose
        ├── ConfigError             settings or data directory unusable
        ├── StorageError            the database cannot be reached or is inconsistent
        ├── OperatorError           an operator command that cannot be carried out
        └── RequestRefused          a client request answered with a 4xx status
"""

from __future__ import annotations

from peerhaven.core.errors import PeerHavenError


class RelayError(PeerHavenError):
    """Base of the relay's errors."""


class ConfigError(RelayError):
    """The settings or the data directory cannot be used."""


class StorageError(RelayError):
    """The storage backend failed in a way the operator must look at."""


class OperatorError(RelayError):
    """An operator command refused, e.g. an unknown community."""


class RequestRefused(RelayError):
    """A request the relay answers with an error status instead of serving it."""

    def __init__(
        self, status: int, code: str, detail: str, *, retry_after: int | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.retry_after = retry_after
