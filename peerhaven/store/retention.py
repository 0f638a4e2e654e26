"""What the store keeps: per community how far back, and a cap on the whole file.

Only other people's posts are ever pruned; your own writing, journal and drafts
never are. Pruned rows are securely deleted like any other deletion. The file
itself does not shrink (SQLite reuses the freed, zeroed pages), so the cap
bounds growth: past it, the oldest posts go first.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.settings import get_setting

DAY = 86_400
PRUNE_BATCH = 2_000
_OTHERS = "pubkey NOT IN (SELECT pubkey FROM personas)"


@dataclass
class RetentionReport:
    """How many events each rule removed."""

    paused: int = 0
    too_old: int = 0
    over_cap: int = 0

    @property
    def total(self) -> int:
        """Everything removed."""
        return self.paused + self.too_old + self.over_cap


def used_bytes(store: Store) -> int:
    """Bytes of the file holding data (pages in use, not free ones)."""
    # SQLCipher answers page_size as text, so every value is converted
    pages, free, size = (
        int(store.execute(f"PRAGMA {name}").fetchone()[0])
        for name in ("page_count", "freelist_count", "page_size")
    )
    return (pages - free) * size


def apply_retention(store: Store) -> RetentionReport:
    """Apply every member choice; cheap when there is nothing to do."""
    report = RetentionReport()
    rows = store.execute("SELECT slug, keep_offline, keep_days FROM memberships").fetchall()
    with store.transaction() as conn:
        for slug, keep, days in rows:
            if not keep:
                report.paused += conn.execute(
                    f"DELETE FROM events WHERE community = ? AND {_OTHERS}", (slug,)
                ).rowcount
                conn.execute("DELETE FROM cursors WHERE community = ?", (slug,))
            elif days:
                report.too_old += conn.execute(
                    f"DELETE FROM events WHERE community = ? AND created_at < ? AND {_OTHERS}",
                    (slug, now() - int(days) * DAY),
                ).rowcount
        if report.total:
            _forget_empty_threads(conn)
    cap_mb = get_setting(store, "store_size_cap_mb")
    if cap_mb:
        cap = int(float(cap_mb) * 1_000_000)
        while used_bytes(store) > cap:
            with store.transaction() as conn:
                removed = conn.execute(
                    f"DELETE FROM events WHERE rowid IN (SELECT rowid FROM events WHERE {_OTHERS}"
                    " ORDER BY created_at LIMIT ?)",
                    (PRUNE_BATCH,),
                ).rowcount
                _forget_empty_threads(conn)
            report.over_cap += removed
            if not removed:
                break
    if report.total:
        store.scrub()
    return report


def _forget_empty_threads(conn: object) -> None:
    conn.execute(  # type: ignore[attr-defined]
        "DELETE FROM threads WHERE NOT EXISTS (SELECT 1 FROM events WHERE id = threads.root)"
    )
