"""One source of "now" for the store, so tests and imports can pass their own time."""

from __future__ import annotations

import time


def now() -> int:
    """Unix seconds."""
    return int(time.time())
