"""Load the labelled corpora that sit next to these tests (also used by bench/safety.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).parent / "corpus"


def load(name: str) -> list[dict[str, Any]]:
    """Every example of ``corpus/NAME.jsonl``, in file order."""
    with open(CORPUS_DIR / f"{name}.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
