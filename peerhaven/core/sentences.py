"""Joining words for people: an error's sentence inside a longer one, without doubled
punctuation ("could not be reached.." or "reached.; waiting").

Errors carry one whole sentence each (``core/errors.py``). Where one is quoted inside
another line (a relay's status, a sync summary) it becomes a clause first; where one
is shown on its own (the CLI's stderr, the app's notification) it ends exactly once.
"""

from __future__ import annotations

import re

#: what may end a sentence; a clause drops it, a sentence keeps one
_ENDINGS = ".;:,!? "
#: runs such as "..", ".;", ". ." that joining sentences leaves behind (not an ellipsis "…")
_DOUBLED = re.compile(r"[.;:,!?](?:\s*[.;:,])+")


def clause(text: str) -> str:
    """A sentence to be quoted inside another: its closing punctuation dropped."""
    return text.strip().rstrip(_ENDINGS)


def sentence(text: str) -> str:
    """One sentence to show on its own: doubled punctuation folded, one full stop at the end
    (a question or an exclamation keeps its own mark)."""
    # the last mark of a run is the one the joining meant ("reached.; waiting" → ";")
    folded = _DOUBLED.sub(lambda run: run.group(0)[-1], text.strip())
    if not folded:
        return folded
    return folded if folded[-1] in ".!?…" else folded.rstrip(_ENDINGS) + "."
