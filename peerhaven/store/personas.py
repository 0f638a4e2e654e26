"""Personas kept on this device: secrets exist only inside the encrypted file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from peerhaven.core.i18n import _
from peerhaven.core.inputs import shown
from peerhaven.core.persona import Persona, fingerprint, pseudonym
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput, NotFound

#: the first characters of a public key; anything else is matched as a pseudonym only
HEX_PREFIX_RE = re.compile(r"[0-9a-f]{1,64}")


@dataclass(frozen=True, slots=True)
class PersonaInfo:
    """What lists and screens show about a persona; never the secret."""

    pubkey: str
    pseudonym: str
    label: str
    created_at: int
    is_default: bool
    communities: tuple[str, ...]

    @property
    def fingerprint(self) -> str:
        """Short key form to tell apart two personas with the same pseudonym."""
        return fingerprint(self.pubkey)


def create_persona(store: Store, *, label: str = "", default: bool | None = None) -> Persona:
    """Make a new persona on this device; the first one becomes the default."""
    persona = Persona.generate()
    with store.transaction() as conn:
        has_default = conn.execute("SELECT 1 FROM personas WHERE is_default = 1").fetchone()
        make_default = default if default is not None else not has_default
        if make_default:
            conn.execute("UPDATE personas SET is_default = 0")
        conn.execute(
            "INSERT INTO personas (pubkey, secret, label, created_at, is_default) "
            "VALUES (?, ?, ?, ?, ?)",
            (persona.pubkey, persona.keys.secret_bytes(), label, now(), int(make_default)),
        )
    return persona


def list_personas(store: Store) -> list[PersonaInfo]:
    """Every persona, default first, with the communities each one is used in."""
    rows = store.execute(
        "SELECT p.pubkey, p.label, p.created_at, p.is_default, "
        "       group_concat(m.slug, ' ') "
        "FROM personas p LEFT JOIN memberships m ON m.persona = p.pubkey "
        "GROUP BY p.pubkey ORDER BY p.is_default DESC, p.created_at, p.pubkey"
    ).fetchall()
    return [
        PersonaInfo(
            pubkey=pubkey,
            pseudonym=pseudonym(pubkey),
            label=label,
            created_at=created_at,
            is_default=bool(is_default),
            communities=tuple(sorted((slugs or "").split())),
        )
        for pubkey, label, created_at, is_default, slugs in rows
    ]


#: how many candidates an ambiguous lookup names
_SHOWN_CANDIDATES = 5


def match_persona(text: str, pubkeys: Iterable[str]) -> str:
    """The one public key among ``pubkeys`` that ``text`` names, else a sentence.

    ``text`` is a whole public key, a pseudonym, or the first characters of a
    key (0-9, a-f only: nothing is a wildcard, and an empty text names no one).
    A prefix several keys share is refused with the candidates listed.
    """
    wanted = text.strip()
    if not wanted:
        raise BadInput(
            _("Say which persona: a pseudonym or a public key (or its first characters).")
        )
    keys = list(dict.fromkeys(pubkeys))
    lowered = wanted.lower()
    if lowered in keys:
        return lowered
    named = [key for key in keys if pseudonym(key) == wanted]
    if not named and HEX_PREFIX_RE.fullmatch(lowered):
        named = [key for key in keys if key.startswith(lowered)]
    if len(named) == 1:
        return named[0]
    if not named:
        raise NotFound(
            _("No single persona matches {wanted}; `peerhaven persona list` shows them.").format(
                wanted=shown(wanted)
            )
        )
    listed = ", ".join(
        f"{pseudonym(key)} ({fingerprint(key)})" for key in named[:_SHOWN_CANDIDATES]
    )
    more = f" and {len(named) - _SHOWN_CANDIDATES} more" if len(named) > _SHOWN_CANDIDATES else ""
    raise BadInput(
        _("{wanted} could be any of {listed}{more}; give more of the key.").format(
            wanted=shown(wanted), listed=listed, more=more
        )
    )


def load_persona(store: Store, pubkey: str) -> Persona:
    """The persona with this public key (or an unambiguous prefix of it, or its pseudonym)."""
    secrets = dict(store.execute("SELECT pubkey, secret FROM personas").fetchall())
    chosen = match_persona(pubkey, secrets)
    return Persona.from_secret(bytes(secrets[chosen]))


def default_persona(store: Store) -> Persona:
    """The persona used where no other is chosen."""
    row = store.execute(
        "SELECT secret FROM personas ORDER BY is_default DESC, created_at LIMIT 1"
    ).fetchone()
    if row is None:
        raise NotFound(_("There is no persona yet; run `peerhaven persona new`."))
    return Persona.from_secret(bytes(row[0]))


def set_default_persona(store: Store, pubkey: str) -> None:
    """Make one persona the default."""
    persona = load_persona(store, pubkey)
    with store.transaction() as conn:
        conn.execute("UPDATE personas SET is_default = (pubkey = ?)", (persona.pubkey,))
