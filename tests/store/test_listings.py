"""What the browse screen lists: offers and memberships, the definition to read, trust in words."""

from __future__ import annotations

import pytest

from peerhaven.core import builders
from peerhaven.core.keys import Keypair
from peerhaven.store import BadInput, Store
from peerhaven.store.communities import (
    accept_rules,
    definition,
    join,
    leave,
    listings,
    membership,
    record_offers,
)
from peerhaven.store.errors import NotFound
from peerhaven.store.personas import create_persona

OWNER = Keypair.from_secret(bytes([11]) * 32)
IMPOSTOR = Keypair.from_secret(bytes([12]) * 32)
MAIN = "https://relay.example.org"
OTHER = "https://other.example.net"


def offer(keys: Keypair, slug: str, name: str, rules: tuple[str, ...] = (), at: int = 1) -> object:
    return builders.community(
        keys, slug, name, f"about {name}", rules, created_at=1_790_000_000 + at
    ).to_wire()


@pytest.fixture
def store(fresh_store: Store) -> Store:
    create_persona(fresh_store)
    return fresh_store


def test_listings_join_offers_and_memberships_with_where_you_stand(store: Store) -> None:
    record_offers(store, MAIN, [offer(OWNER, "night-owls", "Night owls", ("Be gentle.",)),
                                offer(OWNER, "grief", "Grief support")])  # fmt: skip
    record_offers(store, OTHER, [offer(OWNER, "grief", "Grief support")])
    join(store, "night-owls", observer=True)
    found = {item.slug: item for item in listings(store)}
    assert [item.name for item in listings(store)] == ["Grief support", "Night owls"]
    assert set(found["grief"].relays) == {MAIN, OTHER}
    assert not found["grief"].joined and found["grief"].warnings == ()
    assert found["night-owls"].observer and found["night-owls"].rules == ("Be gentle.",)


def test_a_relay_serving_another_owners_definition_is_a_warning(store: Store) -> None:
    record_offers(store, MAIN, [offer(OWNER, "grief", "Grief support")])
    join(store, "grief")
    record_offers(store, OTHER, [offer(IMPOSTOR, "grief", "Grief support (new!)", at=9)])
    [item] = listings(store)
    assert item.name == "Grief support" and item.relays == (MAIN,)
    assert len(item.warnings) == 1 and OTHER in item.warnings[0]
    assert "not by the owner you trusted" in item.warnings[0]
    assert definition(store, "grief").owner == OWNER.pubkey


def test_relays_disagreeing_before_joining_is_said_plainly(store: Store) -> None:
    record_offers(store, MAIN, [offer(OWNER, "sleep", "Sleep help")])
    record_offers(store, OTHER, [offer(IMPOSTOR, "sleep", "Sleep help")])
    [item] = listings(store)
    assert item.disputed and "Relays disagree about who owns 'sleep'" in item.warnings[0]


def test_definition_prefers_what_was_kept_on_joining(store: Store) -> None:
    with pytest.raises(NotFound, match="Nothing is known"):
        definition(store, "grief")
    record_offers(store, MAIN, [offer(OWNER, "grief", "Grief support", ("One.", "Two."))])
    assert definition(store, "grief").rules == ("One.", "Two.")
    join(store, "grief")
    record_offers(store, MAIN, [])  # the relay stopped offering it
    assert definition(store, "grief").name == "Grief support"


def test_joining_an_observed_community_makes_you_a_member(store: Store) -> None:
    record_offers(store, MAIN, [offer(OWNER, "grief", "Grief support", ("Be kind.",))])
    watcher = join(store, "grief", observer=True)
    with pytest.raises(BadInput, match="already observe"):
        join(store, "grief", observer=True)
    member = join(store, "grief")
    accept_rules(store, "grief")
    assert not member.observer and member.persona == watcher.persona
    assert membership(store, "grief").rules_accepted_at is not None
    with pytest.raises(BadInput, match="already joined"):
        join(store, "grief")
    leave(store, "grief")
    assert not listings(store)[0].joined
