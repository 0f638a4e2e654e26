"""Crisis language: warning signs fire, figures of speech and support talk do not.

Corpora (labels explicit / implicit, which must fire, and trap / recovered /
ordinary, which must not; positives also carry the warning sign they show in
``sign``):

- ``corpus/crisis.jsonl`` is the development set, tuned on (optimistic);
- ``corpus/crisis_heldout.jsonl`` was written and committed before the detector was
  rewritten and is never tuned on: only its figures are read. The issue's target
  is recall >= 0.9 on it with false alarms <= 5 % on talk that shares the
  vocabulary; the figures are deterministic, so a test can hold them;
- ``corpus/crisis_heldout_long.jsonl`` (long posts, written after the last rule
  change) is never tuned on either; its recall is reported, not held.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable

import pytest

from peerhaven.safety import crisis_detect
from peerhaven.safety.crisis import CrisisCategory, detect_crisis_language
from peerhaven.safety.crisis_rules import RULES
from tests.safety.corpora import load

MIN_RECALL = 0.9
MAX_FALSE_ALARM_RATE = 0.05


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
    assert len(examples) >= 700
    labels = Counter(example["label"] for example in examples)
    assert set(labels) == {"explicit", "implicit", "trap", "recovered", "ordinary"}
    assert labels["explicit"] >= 150 and labels["trap"] >= 100 and labels["ordinary"] >= 100


def recall_and_false_alarms(name: str) -> tuple[float, float, list[str], list[str]]:
    examples = load(name)
    positives = [e["text"] for e in examples if e["expect"]]
    quiet = [e["text"] for e in examples if not e["expect"]]
    missed = [text for text in positives if not fires(text)]
    wrong = [text for text in quiet if fires(text)]
    return 1 - len(missed) / len(positives), len(wrong) / len(quiet), missed, wrong


def test_explicit_recall_on_the_corpus() -> None:
    explicit = [e["text"] for e in load("crisis") if e["label"] == "explicit"]
    missed = [text for text in explicit if not fires(text)]
    assert 1 - len(missed) / len(explicit) >= MIN_RECALL, missed


def test_false_positive_rate_on_ordinary_talk_traps_and_recovery() -> None:
    quiet = [e["text"] for e in load("crisis") if not e["expect"]]
    wrong = [text for text in quiet if fires(text)]
    assert len(wrong) / len(quiet) <= MAX_FALSE_ALARM_RATE, wrong


def test_implicit_recall_does_not_silently_drop() -> None:
    # indirect language was left mostly uncovered by the phrase list (0.59); it is
    # now held to the same bound as explicit statements
    implicit = [e["text"] for e in load("crisis") if e["label"] == "implicit"]
    missed = [text for text in implicit if not fires(text)]
    assert 1 - len(missed) / len(implicit) >= MIN_RECALL, missed


def test_held_out_corpus() -> None:
    # the held-out corpus is now crisis_heldout.jsonl (the round-5 crisis_holdout.jsonl
    # was measured, reported and folded into the development set)
    examples = load("crisis_heldout")
    assert len(examples) >= 100
    recall, false_alarms, _, _ = recall_and_false_alarms("crisis_heldout")
    assert recall >= MIN_RECALL and false_alarms <= MAX_FALSE_ALARM_RATE
    development = {e["text"] for e in load("crisis")}
    assert not development & {e["text"] for e in examples}


def test_development_set() -> None:
    recall, false_alarms, missed, wrong = recall_and_false_alarms("crisis")
    assert recall >= MIN_RECALL, missed
    assert false_alarms <= MAX_FALSE_ALARM_RATE, wrong


def test_held_out_set_meets_the_target() -> None:
    # measured 181/197 = 0.919 and 2/200 after the first round of tuning, 182/197 =
    # 0.924 and 1/200 after the second, 182/197 and 0/200 after the long-post rounds
    recall, false_alarms, _, _ = recall_and_false_alarms("crisis_heldout")
    # the misses are not printed: reading them would be tuning on the held-out set
    assert recall >= MIN_RECALL, f"held-out recall {recall:.3f}"
    assert false_alarms <= MAX_FALSE_ALARM_RATE, f"held-out false alarms {false_alarms:.3f}"


def test_ordinary_posts_of_the_guard_corpora_stay_quiet() -> None:
    # posts written to test the oversharing guard: support talk never meant to carry
    # crisis language (734 posts; the one false alarm it showed, "I can't stop
    # thinking about it" of a recurrence, was fixed, so this is not held out)
    posts = [e["text"] for name in ("pii", "pii_holdout") for e in load(name)]
    wrong = [text for text in posts if fires(text)]
    assert len(wrong) / len(posts) <= 0.01, wrong


def test_held_out_long_posts_are_separate_and_stay_quiet_on_their_ordinary_twins() -> None:
    # recall here is reported (2/10 when written, 3/10 now), not held to the target: long posts
    # in new words are beyond the rules (docs/safety.md)
    long_posts = load("crisis_heldout_long")
    others = {e["text"] for name in ("crisis", "crisis_heldout") for e in load(name)}
    assert not others & {e["text"] for e in long_posts}
    _, false_alarms, _, _ = recall_and_false_alarms("crisis_heldout_long")
    assert false_alarms <= MAX_FALSE_ALARM_RATE


def test_held_out_set_is_separate_and_covers_the_warning_signs() -> None:
    held_out = load("crisis_heldout")
    assert len(held_out) >= 350
    assert not {e["text"] for e in load("crisis")} & {e["text"] for e in held_out}
    signs = Counter(e["sign"] for e in held_out if e["expect"])
    assert set(signs) >= set(SIGNS)
    assert sum(not e["expect"] for e in held_out) >= 150


SIGNS = {
    "passive-ideation": ["i just want to go to sleep one night and not wake up",
                         "Honestly I wish I could stop existing."],
    "active-ideation": ["i keep thinking about suicide", "I want to end my life."],
    "method": ["I could take every tablet in the house", "thinking about jumping off the bridge"],
    "intent": ["I'm going to kill myself this weekend", "im gonna end it tonight"],
    "plan": ["I've picked the date.", "I've planned how I'm going to do it"],
    "preparatory": ["I've been saving up my tablets", "wrote my goodbye letters tonight",
                    "googled painless ways to die"],
    "burden": ["Everyone would be better off without me.", "nobody would miss me if i died"],
    "hopelessness": ["There's no reason to keep living.", "I'm done with life."],
    "trapped": ["Dying is the only way out for me.", "suicide seems like the only answer"],
    "unbearable-pain": ["I can't live with this pain anymore", "i cant take it any more"],
    "self-harm": ["I burned myself again", "i want to cut", "Relapsed and cut last night"],
    "goodbye": ["By the time you read this I'll be gone.", "Goodbye everyone, I'm sorry."],
    "slang": ["i want to kms", "unaliving myself tonight", "sewer slide thoughts"],
    "indirect": ["I won't be around much longer.", "tonight's the night"],
    "typo": ["i wnat to die", "feelin sucidal", "im thinkin about killin my self",
             "I W4NT TO K1LL MYSELF"],
}  # fmt: skip


@pytest.mark.parametrize(
    "text", [text for texts in SIGNS.values() for text in texts], ids=lambda text: text[:40]
)
def test_each_warning_sign_fires(text: str) -> None:
    assert fires(text)


@pytest.mark.parametrize(
    "text",
    [
        "this homework is killing me",
        "I could kill for a coffee",
        "dying to see you all at the meetup",
        "my feet are killing me",
        "I'm dead, that meme",
        "Tonight's the night - first gig in years, wish me luck",
        "I'll kill myself laughing if he wears that again",
        "going to cut the grass before the rain",
        "I cut ties with him and I feel free",
        "We ended things and I'm okay",
        "taking all my meds on time this week",
        "I stock up on my tablets because of the shortages",
        "My aunt died last month and I miss her",
        "We lost my cousin to suicide",
        "She wrote us letters before she died",
        "My son says he wants to die, how do I help him?",
        "I used to cut, I've been clean for three years",
        "Two years since my attempt and I'm glad I'm here",
        "I'm not going to hurt myself, I just need to vent",
        "I want to die of embarrassment",
        "the suicide note in that film was hard to watch",
        "I can't do this job anymore, handing in my notice",
        "won't be around much this week, exams",
        "I felt the urge to cut but I rode it out",
    ],
)
def test_idioms_grief_recovery_and_others_stay_quiet(text: str) -> None:
    assert not fires(text)


def test_the_signal_names_its_warning_sign() -> None:
    signal = detect_crisis_language("I've been saving my pills for weeks")
    assert signal is not None and signal.cue == "preparation"
    signal = detect_crisis_language("everyone would be better off without me")
    assert signal is not None and signal.cue == "burden"


def test_disguised_spellings_point_back_into_the_original() -> None:
    text = "honestly i w4nt to k!ll my self rn"
    signal = detect_crisis_language(text)
    assert signal is not None and signal.category is CrisisCategory.SUICIDAL
    assert text[signal.start : signal.end] == signal.phrase == "w4nt to k!ll my self"


def test_the_phrase_starts_and_ends_on_a_word() -> None:
    # what the composer highlights: never a stray full stop or comma
    for text in ("Ok. I wanna die", "Tired. Suicidal again.", "fine, wanting to die is all"):
        signal = detect_crisis_language(text)
        assert signal is not None
        assert signal.phrase[0].isalnum() and signal.phrase[-1].isalnum(), signal.phrase


def test_the_words_a_rule_needs_never_change_an_answer() -> None:
    # a rule is only tried on sentences holding a word it needs (for speed); a needed
    # word left off its list would silently drop matches, so compare with every rule
    # tried everywhere (the held-out sets are left out: their lines are not read here)
    texts = [e["text"] for name in ("crisis", "pii", "pii_holdout") for e in load(name)]
    gated = [detect_crisis_language(text) for text in texts]
    everywhere = tuple(dataclasses.replace(rule, needs=_Everything()) for rule in RULES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(crisis_detect, "RULES", everywhere)
        ungated = [detect_crisis_language(text) for text in texts]
    assert [text for text, a, b in zip(texts, gated, ungated, strict=True) if a != b] == []


class _Everything(frozenset[str]):
    """A ``needs`` that every sentence meets."""

    def isdisjoint(self, other: Iterable[str]) -> bool:
        return False
