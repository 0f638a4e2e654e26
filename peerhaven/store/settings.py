"""Small preferences as JSON values, with defaults kept in code rather than in the file."""

from __future__ import annotations

import json
from typing import Any

from peerhaven.store.database import Store

DEFAULTS: dict[str, Any] = {
    "theme": "calm",
    "lock_after_minutes": 10,
    "proxy": None,
    "local_relay": None,
    "persona_per_community": True,
    "crisis_prompt": True,
    "go_gently": False,
    "break_reminder_minutes": None,
    #: minutes between the app's background syncs while unlocked; null turns them off
    "sync_interval_minutes": 5,
    "store_size_cap_mb": None,
    "country": None,
    "cw_policy": {},
    "cw_community_defaults": {},
}


def get_setting(store: Store, key: str) -> Any:
    """The stored value, else the default (``None`` for unknown keys)."""
    row = store.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else DEFAULTS.get(key)


def set_setting(store: Store, key: str, value: Any) -> None:
    """Store one preference."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )


def all_settings(store: Store) -> dict[str, Any]:
    """Defaults overlaid with what the person chose."""
    values = dict(DEFAULTS)
    for key, value in store.execute("SELECT key, value FROM settings").fetchall():
        values[key] = json.loads(value)
    return values
