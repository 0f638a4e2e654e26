"""Crisis language: explicit phrases fire, figures of speech and support talk do not.

Corpus bounds (``corpus/crisis.jsonl``, labels explicit / implicit / trap /
recovered / ordinary):

- recall on explicit phrases must stay at or above ``MIN_EXPLICIT_RECALL``;
- the false-positive rate on everything that must not fire (ordinary support
  talk, traps such as "this headache is killing me", and recovery told in the
  past) must stay at or below ``MAX_FALSE_POSITIVE_RATE``;
- implicit language ("I can't see a future") is only partly covered on purpose
  (see docs/safety.md); its recall is pinned so that it does not silently drop.

``crisis.jsonl`` is the development corpus (tuned on, optimistic);
``crisis_holdout.jsonl`` was written after the detector was frozen and is never
tuned against. Its bounds are lower because they are honest: phrase lists miss
wordings nobody listed (measured 0.70 explicit recall, 1 false positive in 52).
"""

from __future__ import annotations

from collections import Counter

import pytest

from peerhaven.safety.crisis import CrisisCategory, detect_crisis_language
from tests.safety.corpora import load

MIN_EXPLICIT_RECALL = 0.9
MAX_FALSE_POSITIVE_RATE = 0.05
MIN_HELD_OUT_EXPLICIT_RECALL = 0.65  # measured 28/40 = 0.70
MIN_IMPLICIT_RECALL = 0.55  # measured 19/32 = 0.59 on the development corpus


def fires(text: str) -> bool:
    return detect_crisis_language(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "I want to end it all",
        "thinking about killing myself",
        "I don't want to be here anymore",
        "I've got the pills ready",
        "going to hurt myself tonight",
    ],
)
def test_the_phrases_from_the_brief_fire(text: str) -> None:
    assert fires(text)


@pytest.mark.parametrize(
    "text",
    [
        "I DON’T WANT TO BE HERE ANYMORE",
        "i dont want to be here anymore",
        "I don\u2019t want to live",
        "Im thinking about killing myself",
        "I’ve   got the pills\nready",
    ],
)
def test_case_apostrophes_and_spacing_do_not_matter(text: str) -> None:
    assert fires(text)


@pytest.mark.parametrize(
    "text",
    [
        "this headache is killing me",
        "I died laughing",
        "my grandmother passed away",
        "I used to self-harm but I'm 2 years clean",
        "I'm not suicidal, just tired",
        "we lost him to suicide in 2019",
        "I want to end it with him",
        "I cut myself chopping onions again",
        "my friend says she wants to kill herself",
        "I want to die on this hill, the GP is wrong about my meds",
        "I could kill for a pizza",
    ],
)
def test_ordinary_support_talk_does_not_fire(text: str) -> None:
    assert not fires(text)


@pytest.mark.parametrize(
    "text",
    ["No one knows I want to kill myself", "Nobody knows I've started cutting again"],
)
def test_someone_else_not_knowing_is_not_a_negation(text: str) -> None:
    assert fires(text)


def test_the_most_urgent_category_wins_and_offsets_point_into_the_original() -> None:
    text = "I’m suicidal. Honestly I’ve got the pills ready."
    signal = detect_crisis_language(text)
    assert signal is not None
    assert signal.category is CrisisCategory.IMMEDIATE_DANGER
    assert text[signal.start : signal.end] == signal.phrase == "got the pills ready"


def test_self_harm_category_and_relapse_fires() -> None:
    signal = detect_crisis_language("I used to self-harm and now the urges to cut are back")
    assert signal is not None and signal.category is CrisisCategory.SELF_HARM


def test_corpus_size_and_labels() -> None:
    examples = load("crisis")
    assert len(examples) >= 150
    labels = Counter(example["label"] for example in examples)
    assert set(labels) == {"explicit", "implicit", "trap", "recovered", "ordinary"}
    assert labels["explicit"] >= 50 and labels["trap"] >= 30 and labels["ordinary"] >= 40


def test_explicit_recall_on_the_corpus() -> None:
    explicit = [e["text"] for e in load("crisis") if e["label"] == "explicit"]
    missed = [text for text in explicit if not fires(text)]
    assert 1 - len(missed) / len(explicit) >= MIN_EXPLICIT_RECALL, missed


def test_false_positive_rate_on_ordinary_talk_traps_and_recovery() -> None:
    quiet = [e["text"] for e in load("crisis") if not e["expect"]]
    wrong = [text for text in quiet if fires(text)]
    assert len(wrong) / len(quiet) <= MAX_FALSE_POSITIVE_RATE, wrong


def test_implicit_recall_does_not_silently_drop() -> None:
    implicit = [e["text"] for e in load("crisis") if e["label"] == "implicit"]
    found = sum(fires(text) for text in implicit)
    assert found / len(implicit) >= MIN_IMPLICIT_RECALL


def test_held_out_corpus() -> None:
    examples = load("crisis_holdout")
    assert len(examples) >= 100
    explicit = [e["text"] for e in examples if e["label"] == "explicit"]
    quiet = [e["text"] for e in examples if not e["expect"]]
    missed = [text for text in explicit if not fires(text)]
    wrong = [text for text in quiet if fires(text)]
    assert 1 - len(missed) / len(explicit) >= MIN_HELD_OUT_EXPLICIT_RECALL, missed
    assert len(wrong) / len(quiet) <= MAX_FALSE_POSITIVE_RATE, wrong
    development = {e["text"] for e in load("crisis")}
    assert not development & {e["text"] for e in examples}
