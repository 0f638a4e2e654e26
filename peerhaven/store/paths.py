"""Where PeerHaven keeps its data: the platform's user data dir, or ``PEERHAVEN_HOME``."""

from __future__ import annotations

import os
from pathlib import Path

STORE_FILENAME = "peerhaven.db"


def data_home() -> Path:
    """The data directory; ``PEERHAVEN_HOME`` wins so scripts and tests can isolate runs."""
    override = os.environ.get("PEERHAVEN_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("peerhaven", appauthor=False))


def store_path(home: Path | None = None) -> Path:
    """The encrypted store file inside the data directory."""
    return (home or data_home()) / STORE_FILENAME
