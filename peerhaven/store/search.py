"""One search box over community posts, the private journal and drafts.

Each source has its own FTS5 index (so each hit says where it came from and
snippets come from the right table); the person's words are turned into a
safe FTS query of quoted terms, the last one a prefix, so typing never hits
FTS syntax errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput

Source = Literal["post", "journal", "draft"]
SOURCES: tuple[Source, ...] = ("post", "journal", "draft")

#: snippet markers around matched terms; views turn them into bold, brackets or colour
MARK_START = "\x02"
MARK_END = "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: which source, which item, and a snippet with marked matches."""

    source: Source
    ref: str
    community: str | None
    created_at: int
    snippet: str
    rank: float

    def segments(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces for highlighting without markup parsing."""
        pieces: list[tuple[str, bool]] = []
        for i, part in enumerate(re.split(f"[{MARK_START}{MARK_END}]", self.snippet)):
            if part:
                pieces.append((part, i % 2 == 1))
        return pieces


def fts_query(text: str) -> str:
    """Quoted terms joined by AND, the last one a prefix for search-as-you-type."""
    terms = _WORD.findall(text)[:MAX_TERMS]
    if not terms:
        raise BadInput("Type at least one word to search for.")
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


_QUERIES: dict[Source, str] = {
    "post": (
        "SELECT e.id, e.community, e.created_at, "
        f"snippet(posts_fts, 0, '{MARK_START}', '{MARK_END}', '…', 16), posts_fts.rank "
        "FROM posts_fts JOIN events e ON e.rowid = posts_fts.rowid "
        "WHERE posts_fts MATCH ? AND e.hidden = 0 AND e.deleted = 0 "
        "ORDER BY posts_fts.rank LIMIT ?"
    ),
    "journal": (
        "SELECT j.id, NULL, j.created_at, "
        f"snippet(journal_fts, -1, '{MARK_START}', '{MARK_END}', '…', 16), journal_fts.rank "
        "FROM journal_fts JOIN journal j ON j.id = journal_fts.rowid "
        "WHERE journal_fts MATCH ? ORDER BY journal_fts.rank LIMIT ?"
    ),
    "draft": (
        "SELECT d.id, d.community, d.updated_at, "
        f"snippet(drafts_fts, 0, '{MARK_START}', '{MARK_END}', '…', 16), drafts_fts.rank "
        "FROM drafts_fts JOIN drafts d ON d.id = drafts_fts.rowid "
        "WHERE drafts_fts MATCH ? ORDER BY drafts_fts.rank LIMIT ?"
    ),
}


def search(
    store: Store,
    text: str,
    *,
    limit: int = 20,
    sources: tuple[Source, ...] = SOURCES,
) -> dict[Source, list[SearchHit]]:
    """Best matches per source, best first; every source present even when empty."""
    query = fts_query(text)
    results: dict[Source, list[SearchHit]] = {}
    for source in sources:
        rows = store.execute(_QUERIES[source], (query, limit)).fetchall()
        results[source] = [
            SearchHit(source, str(ref), community, int(created), snippet, float(rank))
            for ref, community, created, snippet, rank in rows
        ]
    return results
