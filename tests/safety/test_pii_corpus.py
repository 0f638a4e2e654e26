"""The guard against its labelled corpora: precision and recall per (example, kind) pair.

See ``peerhaven.safety.metrics`` for the definition. Both corpora are hand-written
support-community text; about half is clean, most of that full of numbers (doses,
day counts, years, money, room numbers, helplines) that must pass.

- ``pii.jsonl`` is the development corpus: the detectors were tuned on it, so its
  figures are optimistic.
- ``pii_holdout.jsonl`` was written after the detectors were frozen and is never
  tuned against; it is the honest estimate. Misses found later go to ``pii.jsonl``.
"""

from __future__ import annotations

from collections import Counter

from peerhaven.safety.metrics import score_kinds
from peerhaven.safety.pii import KINDS, find_personal_details
from tests.safety.corpora import load

MIN_PRECISION = 0.95
MIN_RECALL = 0.90


def detect_kinds(text: str) -> set[str]:
    return {finding.kind for finding in find_personal_details(text)}


def test_corpus_is_big_varied_and_well_formed() -> None:
    examples = load("pii")
    assert len(examples) >= 300
    texts = [example["text"] for example in examples]
    assert len(set(texts)) == len(texts), "duplicate examples"
    per_kind = Counter(kind for example in examples for kind in example["kinds"])
    assert set(per_kind) <= set(KINDS)
    assert all(per_kind[kind] >= 12 for kind in KINDS), per_kind
    clean = sum(1 for example in examples if not example["kinds"])
    assert clean >= 120, "the corpus needs many traps that must pass clean"


def test_guard_precision_and_recall_on_the_corpus() -> None:
    scores = score_kinds(load("pii"), detect_kinds, KINDS)
    overall = scores["all"]
    report = "\n".join(overall.errors)
    assert overall.precision >= MIN_PRECISION, report
    assert overall.recall >= MIN_RECALL, report


def test_guard_on_the_held_out_corpus() -> None:
    examples = load("pii_holdout")
    assert len(examples) >= 100
    overall = score_kinds(examples, detect_kinds, KINDS)["all"]
    assert overall.precision >= MIN_PRECISION, overall.errors
    assert overall.recall >= MIN_RECALL, overall.errors


def test_held_out_examples_are_not_in_the_development_corpus() -> None:
    development = {example["text"] for example in load("pii")}
    assert not development & {example["text"] for example in load("pii_holdout")}


def test_every_kind_is_useful_on_its_own() -> None:
    scores = score_kinds(load("pii"), detect_kinds, KINDS)
    for kind in KINDS:
        assert scores[kind].precision >= 0.85, (kind, scores[kind].errors)
        assert scores[kind].recall >= 0.85, (kind, scores[kind].errors)
