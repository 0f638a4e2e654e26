"""Errors of the pure core.

Every layer has one ``errors.py``; each error a user can meet carries one plain
sentence (``str(error)``) that the CLI prints and the TUI shows as it is::

    PeerHavenError                 every error PeerHaven raises on purpose
    └── InvalidEvent               an event that does not exist for us (``.reason``)

Layers above add their own branches under ``PeerHavenError`` (store, sync,
relay), so ``except PeerHavenError`` is the one catch-all the CLI needs.
"""

from __future__ import annotations

from enum import StrEnum


class PeerHavenError(Exception):
    """Base of every error raised on purpose; its message is one user-facing sentence."""


class Reason(StrEnum):
    """Why an event was refused: short, stable codes that travel in relay answers."""

    MALFORMED = "malformed"
    BAD_HEX = "bad-hex"
    WRONG_ID = "wrong-id"
    BAD_SIGNATURE = "bad-signature"
    CONTENT_TOO_LARGE = "content-too-large"
    BAD_SLUG = "bad-slug"
    UNKNOWN_KIND = "unknown-kind"
    MALFORMED_TAGS = "malformed-tags"
    BAD_CONTENT = "bad-content"
    CLOCK_SKEW = "clock-skew"
    INSUFFICIENT_POW = "insufficient-pow"


class InvalidEvent(PeerHavenError):
    """An event that fails validation; ``reason`` is machine-readable, the message is not."""

    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
