"""Realistic synthetic posts for benchmarks: Zipf-distributed words from support talk."""

from __future__ import annotations

import random

from peerhaven.core import Event, Keypair, builders
from peerhaven.core.wordlists import ADJECTIVES, NOUNS

COMMON = (
    "i me my you we the a and to of in it is was that for on with this but not so have "
    "had just feel feeling today tonight day week again still really about after when "
    "sleep tired pain grief loss miss mum dad baby anxious anxiety panic calm breathe "
    "help support thank thanks hope hard better worse doctor therapy meds appointment "
    "clean sober craving relapse meeting sponsor walk rest tea friends family alone "
    "night morning cry cried laugh work home body heart mind slow small step kind"
).split()
VOCABULARY = tuple(dict.fromkeys(COMMON + list(ADJECTIVES) + list(NOUNS)))
_WEIGHTS = [1.0 / (rank + 1) for rank in range(len(VOCABULARY))]

COMMUNITIES = ("grief-support", "sleep-help", "new-parents", "recovery-circle", "calm-minds")


def sentence(rng: random.Random, words: int) -> str:
    """A run of words with Zipf frequencies, like real chat."""
    picked = rng.choices(VOCABULARY, weights=_WEIGHTS, k=words)
    text = " ".join(picked)
    return text[0].upper() + text[1:] + "."


def signed_posts(
    count: int,
    *,
    seed: int = 7,
    authors: int = 500,
    communities: tuple[str, ...] = COMMUNITIES,
    base: int = 1_790_000_000,
) -> list[Event]:
    """``count`` signed posts and replies by ``authors`` personas across ``communities``."""
    rng = random.Random(seed)
    keys = [Keypair.from_secret(rng.randbytes(32)) for _ in range(authors)]
    events: list[Event] = []
    for i in range(count):
        parent = events[rng.randrange(len(events))] if events and rng.random() < 0.6 else None
        community = parent.community if parent else rng.choice(communities)
        text = " ".join(sentence(rng, rng.randint(6, 18)) for _ in range(rng.randint(1, 4)))
        events.append(
            builders.post(
                rng.choice(keys), community, text, reply_to=parent, created_at=base + i * 7
            )
        )
    return events


def queries(count: int, *, seed: int = 11) -> list[str]:
    """Search queries of one or two words, drawn with the same frequencies as the text."""
    rng = random.Random(seed)
    return [
        " ".join(rng.choices(VOCABULARY, weights=_WEIGHTS, k=rng.choice((1, 1, 2))))
        for _ in range(count)
    ]
