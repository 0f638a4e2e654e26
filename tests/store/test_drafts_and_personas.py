"""Drafts autosave in place; personas keep one default and never show their secret."""

from __future__ import annotations

import pytest

from peerhaven.core.persona import pseudonym
from peerhaven.store import NotFound, Store
from peerhaven.store.drafts import delete_draft, get_draft, list_drafts, save_draft
from peerhaven.store.personas import (
    create_persona,
    default_persona,
    list_personas,
    load_persona,
    set_default_persona,
)


def test_autosave_overwrites_the_same_draft(fresh_store: Store) -> None:
    draft = save_draft(fresh_store, "Has anyone", community="sleep-help", cw=["insomnia"])
    again = save_draft(
        fresh_store, "Has anyone tried", community="sleep-help", cw=["insomnia"], draft_id=draft.id
    )
    assert again.id == draft.id and again.uid == draft.uid
    assert [d.content for d in list_drafts(fresh_store)] == ["Has anyone tried"]
    assert get_draft(fresh_store, draft.id).cw == ("insomnia",)


def test_missing_draft_is_a_clear_error(fresh_store: Store) -> None:
    with pytest.raises(NotFound, match="draft 99"):
        get_draft(fresh_store, 99)
    with pytest.raises(NotFound):
        save_draft(fresh_store, "x", draft_id=99)
    with pytest.raises(NotFound):
        delete_draft(fresh_store, 99)


def test_first_persona_is_default_and_default_can_move(fresh_store: Store) -> None:
    with pytest.raises(NotFound):
        default_persona(fresh_store)
    first = create_persona(fresh_store)
    second = create_persona(fresh_store, label="for the grief group")
    assert default_persona(fresh_store).pubkey == first.pubkey
    set_default_persona(fresh_store, second.pseudonym)
    infos = list_personas(fresh_store)
    assert [(p.pubkey, p.is_default) for p in infos] == [
        (second.pubkey, True),
        (first.pubkey, False),
    ]
    assert infos[0].pseudonym == pseudonym(second.pubkey)
    assert infos[0].label == "for the grief group"


def test_load_by_prefix_or_pseudonym(fresh_store: Store) -> None:
    persona = create_persona(fresh_store)
    assert load_persona(fresh_store, persona.pubkey[:10]).pubkey == persona.pubkey
    assert load_persona(fresh_store, persona.pseudonym).pubkey == persona.pubkey
    with pytest.raises(NotFound):
        load_persona(fresh_store, "nobody-here-1")


def test_persona_repr_hides_the_secret(fresh_store: Store) -> None:
    persona = create_persona(fresh_store)
    text = repr(persona) + str(list_personas(fresh_store))
    assert persona.keys.secret_bytes().hex() not in text
