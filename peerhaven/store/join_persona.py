"""Who to be in a community you join: a new persona (the default) or one you already have.

Written once here and asked by both ``peerhaven join`` and the app's Browse screen, so
the two offer the same choices in the same order with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerhaven.core.i18n import N_, _
from peerhaven.store.communities import memberships
from peerhaven.store.database import Store
from peerhaven.store.personas import list_personas
from peerhaven.store.settings import get_setting

#: the one line on why a new persona is the default
WHY_NEW = N_("relays cannot link your communities to each other")


@dataclass(frozen=True, slots=True)
class PersonaChoice:
    """One answer to "join as…": ``pubkey`` None means a persona made for this community."""

    pubkey: str | None
    #: the pseudonym (empty for a new persona: it is made on joining)
    pseudonym: str
    #: what the choice is, in words (first line)
    words: str
    #: the why, or where the persona is used already (second line)
    detail: str


def persona_choices(store: Store) -> list[PersonaChoice]:
    """The default first, then every existing persona (default persona first).

    With the ``persona_per_community`` setting on (it is unless turned off), the
    default is a new persona; with it off, the default is the default persona, and a
    new one is not offered here (Settings makes one).
    """
    personas = list_personas(store)
    # where each one speaks: a community only observed publishes nothing, so links nothing
    speaks: dict[str, list[str]] = {}
    for member in memberships(store):
        if not member.observer:
            speaks.setdefault(member.persona, []).append(member.slug)
    choices: list[PersonaChoice] = []
    if get_setting(store, "persona_per_community"):
        choices.append(PersonaChoice(None, "", _("A new persona (recommended)"), _(WHY_NEW)))
    for persona in personas:
        used = ", ".join(speaks.get(persona.pubkey, ()))
        # the cost of reusing one, said as plainly as the reason for a new one
        where = (
            _("in {used}, so relays can link that to this one").format(used=used)
            if used
            else _("in no community yet")
        )
        mark = _(" (your default)") if persona.is_default else ""
        choices.append(
            PersonaChoice(persona.pubkey, persona.pseudonym, f"{persona.pseudonym}{mark}", where)
        )
    return choices
