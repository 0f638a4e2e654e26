"""Personas and their derived pseudonyms."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from peerhaven.core import Persona, fingerprint, pseudonym
from peerhaven.core.persona import PSEUDONYM_NUMBERS
from peerhaven.core.wordlists import ADJECTIVES, NOUNS

PATTERN = re.compile(r"(?P<adjective>[a-z]+)-(?P<noun>[a-z]+)-(?P<number>[1-9][0-9]{0,3})")
SEED = bytes([1]) * 32
SEED_PUBKEY = "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c"
PINNED = "trusty-orchid-8378"
PINNED_ZERO = "lavender-glen-5192"


def random_pubkeys(count: int, seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    return [rng.randbytes(32).hex() for _ in range(count)]


def test_pseudonym_is_deterministic_and_well_formed() -> None:
    for pubkey in random_pubkeys(200):
        name = pseudonym(pubkey)
        assert pseudonym(pubkey) == name
        match = PATTERN.fullmatch(name)
        assert match, name
        assert match["adjective"] in ADJECTIVES and match["noun"] in NOUNS
        assert 1 <= int(match["number"]) <= PSEUDONYM_NUMBERS


def test_pseudonym_is_pinned() -> None:
    # A change here renames every persona on every device: it must be deliberate.
    assert pseudonym(SEED_PUBKEY) == PINNED
    assert pseudonym("00" * 32) == PINNED_ZERO


def test_pseudonym_depends_on_every_byte_of_the_key() -> None:
    base = random_pubkeys(1)[0]
    names = {
        pseudonym(base[:i] + ("0" if base[i] != "0" else "1") + base[i + 1 :]) for i in range(64)
    }
    assert pseudonym(base) not in names
    assert len(names) >= 60


@pytest.mark.parametrize("words", [ADJECTIVES, NOUNS], ids=["adjectives", "nouns"])
def test_word_lists_have_256_unique_lowercase_words(words: tuple[str, ...]) -> None:
    assert len(words) == 256
    assert len(set(words)) == 256
    assert all(re.fullmatch(r"[a-z]+", word) for word in words)


def test_few_collisions_among_many_personas() -> None:
    names = [pseudonym(pubkey) for pubkey in random_pubkeys(20_000)]
    collisions = len(names) - len(set(names))
    assert collisions < 100  # < 0.5 %; about 0.3 collisions are expected


def test_words_and_numbers_are_spread_evenly() -> None:
    names = [PATTERN.fullmatch(pseudonym(pubkey)) for pubkey in random_pubkeys(20_000)]
    adjectives = Counter(match["adjective"] for match in names if match)
    nouns = Counter(match["noun"] for match in names if match)
    numbers = [int(match["number"]) for match in names if match]
    # ~78 each expected; a skewed mapping (e.g. a digest byte reused) would break these
    assert len(adjectives) == 256 and len(nouns) == 256
    assert max(adjectives.values()) < 160 and min(adjectives.values()) > 30
    assert max(nouns.values()) < 160 and min(nouns.values()) > 30
    assert min(numbers) < 50 and max(numbers) > 9950
    assert 4700 < sum(numbers) / len(numbers) < 5300


def test_fingerprint() -> None:
    assert fingerprint(SEED_PUBKEY) == "8a88…6f5c"


def test_persona_from_secret_round_trip() -> None:
    persona = Persona.from_secret(SEED)
    assert persona.pubkey == SEED_PUBKEY
    assert persona.pseudonym == pseudonym(SEED_PUBKEY)
    assert persona.keys.secret_bytes() == SEED
    again = Persona.from_secret(persona.keys.secret_bytes())
    assert again.pubkey == persona.pubkey and again.pseudonym == persona.pseudonym


def test_generated_personas_differ_and_hide_the_secret() -> None:
    first, second = Persona.generate(), Persona.generate()
    assert first.pubkey != second.pubkey
    assert first.pseudonym == pseudonym(first.pubkey)
    secret = first.keys.secret_bytes()
    for text in (repr(first), str(first)):
        assert secret.hex() not in text and str(secret) not in text
