"""A writer killed with SIGKILL mid-batch leaves every committed row, and only those."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from peerhaven.store import create_store, open_store
from tests.fixtures.store import PASSPHRASE

BATCH = 400

WRITER = textwrap.dedent(
    f"""
    import sys
    from pathlib import Path
    from peerhaven.store import open_store

    store = open_store(Path(sys.argv[1]), {PASSPHRASE!r})
    batch = 0
    while True:
        with store.transaction() as conn:
            for i in range({BATCH}):
                conn.execute(
                    "INSERT INTO journal (uid, created_at, mood, content) VALUES (?, ?, ?, ?)",
                    (f"{{batch}}-{{i}}", 1700000000 + i, 1 + i % 10, "steady words " * 40),
                )
        batch += 1
        print(batch, flush=True)
    """
)


def test_sigkill_mid_batch_keeps_every_committed_row(store_file: Path) -> None:
    create_store(store_file, PASSPHRASE).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_file)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    acknowledged = 0
    while acknowledged < 5:
        line = proc.stdout.readline()
        assert line, "the writer died before committing five batches"
        acknowledged = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL

    with open_store(store_file, PASSPHRASE) as store:
        rows = store.execute("SELECT count(*) FROM journal").fetchone()[0]
        store.verify_integrity()
        search_rows = store.execute(
            "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'steady'"
        ).fetchone()[0]
    assert rows >= acknowledged * BATCH
    assert rows % BATCH == 0, "a half-written batch survived the kill"
    assert search_rows == rows, "the search index and the table disagree after the kill"
