"""Precision and recall over labelled examples, shared by the corpus tests and the benchmark.

The guard is scored per (example, kind) pair, not per character span: an example
labelled ``["e-mail", "phone"]`` contributes one true positive for each of those
kinds the guard reports, one false negative for each it misses, and one false
positive for each other kind it reports. That is what a person sees: the CLI
names the kinds it found, and a missed kind or a wrongly named one is the error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(slots=True)
class Scores:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    #: the texts of the errors, for a failing test to show (never logged anywhere)
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was reported."""
        reported = self.tp + self.fp
        return self.tp / reported if reported else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected."""
        expected = self.tp + self.fn
        return self.tp / expected if expected else 1.0


def score_kinds(
    examples: Iterable[Mapping[str, object]],
    detect: Callable[[str], Iterable[str]],
    kinds: Sequence[str],
) -> dict[str, Scores]:
    """Scores per kind and overall (key ``"all"``) for ``{"text", "kinds"}`` examples."""
    table = {kind: Scores() for kind in (*kinds, "all")}
    for example in examples:
        text = str(example["text"])
        raw_expected = example["kinds"]
        assert isinstance(raw_expected, list)
        expected = {str(kind) for kind in raw_expected}
        found = set(detect(text))
        for kind in expected | found:
            for key in (kind, "all"):
                scores = table.setdefault(key, Scores())
                if kind in expected and kind in found:
                    scores.tp += 1
                elif kind in found:
                    scores.fp += 1
                    scores.errors.append(f"false {kind}: {text}")
                else:
                    scores.fn += 1
                    scores.errors.append(f"missed {kind}: {text}")
    return table
