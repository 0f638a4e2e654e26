"""``init``, ``passphrase change`` and ``persona``: who you are and how the store is locked."""

from __future__ import annotations

import argparse
import json
from typing import Any

from peerhaven.commands.common import (
    ENV_NEW_PASSPHRASE,
    ENV_PASSPHRASE,
    read_secret,
    unlocked_store,
    when,
)
from peerhaven.core import inputs
from peerhaven.core.i18n import _

Subparsers = Any  # argparse's private _SubParsersAction


def register(sub: Subparsers) -> None:
    """Add the commands of this group."""
    init = sub.add_parser("init", help=_("create the encrypted store and your first persona"))
    init.set_defaults(func=cmd_init)

    check = sub.add_parser("check", help=_("verify every page of the store"))
    check.set_defaults(func=cmd_check)

    phrase = sub.add_parser("passphrase", help=_("manage the store's passphrase"))
    phrase_sub = phrase.add_subparsers(title=_("actions"), metavar="ACTION", required=True)
    change = phrase_sub.add_parser("change", help=_("re-encrypt the store under a new passphrase"))
    change.set_defaults(func=cmd_passphrase_change)

    persona = sub.add_parser("persona", help=_("your pseudonymous personas"))
    persona_sub = persona.add_subparsers(title=_("actions"), metavar="ACTION", required=True)
    listing = persona_sub.add_parser("list", help=_("list personas on this device"))
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    listing.set_defaults(func=cmd_persona_list)
    new = persona_sub.add_parser("new", help=_("make a new persona"))
    new.add_argument(
        "--label",
        default="",
        type=inputs.line,
        help=_("a private note for yourself; never published"),
    )
    new.add_argument("--default", action="store_true", help=_("use it where none is chosen"))
    new.set_defaults(func=cmd_persona_new)
    withdraw = persona_sub.add_parser(
        "withdraw", help=_("withdraw everything a persona ever wrote, for good")
    )
    withdraw.add_argument(
        "persona", type=inputs.lookup, help=_("pseudonym or public key (a unique prefix is enough)")
    )
    withdraw.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    withdraw.set_defaults(func=cmd_persona_withdraw)
    default = persona_sub.add_parser("default", help=_("choose the default persona"))
    default.add_argument(
        "persona", type=inputs.lookup, help=_("pseudonym or public key (a unique prefix is enough)")
    )
    default.set_defaults(func=cmd_persona_default)
    profile = persona_sub.add_parser(
        "profile", help=_("publish a short bio for a persona (an empty TEXT clears it)")
    )
    profile.add_argument(
        "text",
        type=inputs.text,
        help=_("what others see about this persona; keep it unidentifying"),
    )
    profile.add_argument(
        "--persona",
        type=inputs.lookup,
        help=_("pseudonym or public key (default: the default one)"),
    )
    profile.add_argument(
        "--allow-personal",
        action="store_true",
        help=_("publish even if the text seems to contain personal details"),
    )
    profile.set_defaults(func=cmd_persona_profile)


def cmd_init(args: argparse.Namespace) -> int:
    """Create the store and a first persona, then say plainly what that means."""
    from peerhaven.store import create_store, store_path
    from peerhaven.store.database import has_store
    from peerhaven.store.passphrase_policy import assess
    from peerhaven.store.personas import create_persona, default_persona

    path = store_path()
    if has_store(path):  # asked before the passphrase; create_store checks again
        from peerhaven.store.errors import StoreExists

        raise StoreExists(
            _("A store already exists at {path}; nothing was changed.").format(path=path)
        )
    passphrase = read_secret(ENV_PASSPHRASE, _("Choose a passphrase: "), confirm=True)
    # the first persona is made inside the new file, so init is all or nothing
    with create_store(path, passphrase, prepare=create_persona) as store:
        persona = default_persona(store)
    strength = assess(passphrase)
    print(_("You are {pseudonym}. Nobody here sees your name.").format(pseudonym=persona.pseudonym))
    print(
        _(
            "That is your first persona: a pseudonym with its own key, all that a community sees "
            "of you. `peerhaven join` makes a new one for each community unless you choose one "
            "you have, so relays cannot link your communities."
        )
    )
    print(
        _("Your store is at {path}, encrypted with your passphrase ({label}).").format(
            path=path, label=strength.label
        )
    )
    print(_("The passphrase cannot be recovered: if it is lost, so is everything in the store."))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Read the whole file: every page's HMAC, then the database structure."""
    with unlocked_store() as store:
        store.verify_integrity()
    print(_("The store is intact."))
    return 0


def cmd_passphrase_change(args: argparse.Namespace) -> int:
    """Re-encrypt the store; the old file stays valid until the new one is in place."""
    from peerhaven.store import change_passphrase
    from peerhaven.store.instance import AlreadyOpen, InstanceLock
    from peerhaven.store.paths import store_path

    # the one command that replaces the file: never under an open app window
    lock = InstanceLock(store_path())
    try:
        lock.acquire()
    except AlreadyOpen as exc:
        raise AlreadyOpen(
            _(
                "PeerHaven is already open in another window on this store; change the "
                "passphrase in its Settings, or quit it (Ctrl+Q) and run this again."
            )
        ) from exc
    with lock, unlocked_store() as store:
        new = read_secret(ENV_NEW_PASSPHRASE, _("New passphrase: "), confirm=True)
        reopened = change_passphrase(store, new)
        reopened.close()
    print(_("Passphrase changed. Use the new one from now on."))
    return 0


def cmd_persona_list(args: argparse.Namespace) -> int:
    """Pseudonyms, short keys and where each persona is used."""
    from peerhaven.store.personas import list_personas

    with unlocked_store() as store:
        personas = list_personas(store)
    if args.json:
        # explicit keys: scripts read "default", not the field name
        records = [
            {
                "pseudonym": p.pseudonym,
                "pubkey": p.pubkey,
                "default": p.is_default,
                "label": p.label,
                "created_at": p.created_at,
                "communities": list(p.communities),
            }
            for p in personas
        ]
        print(json.dumps(records, indent=2))
        return 0
    for p in personas:
        mark = "*" if p.is_default else " "
        used = ", ".join(p.communities) or _("no communities yet")
        label = f"  ({p.label})" if p.label else ""
        print(
            _("{mark} {pseudonym:<32} {fingerprint}  since {when}  {used}{label}").format(
                mark=mark,
                pseudonym=p.pseudonym,
                fingerprint=p.fingerprint,
                when=when(p.created_at),
                used=used,
                label=label,
            )
        )
    return 0


def cmd_persona_new(args: argparse.Namespace) -> int:
    """Another persona, unlinkable to the others by anyone but you."""
    from peerhaven.store.personas import create_persona

    with unlocked_store() as store:
        persona = create_persona(store, label=args.label, default=True if args.default else None)
    print(
        _("New persona: {pseudonym} ({pubkey})").format(
            pseudonym=persona.pseudonym, pubkey=persona.pubkey
        )
    )
    return 0


def cmd_persona_withdraw(args: argparse.Namespace) -> int:
    """Leaving for good: a deletion for every event, and the truth about copies."""
    import sys

    from peerhaven.store.errors import BadInput
    from peerhaven.store.personas import load_persona
    from peerhaven.store.publish import publish_withdraw_all

    with unlocked_store() as store:
        persona = load_persona(store, args.persona)
        if not args.yes:
            if not sys.stdin.isatty():
                raise BadInput(_("Withdrawing everything cannot be undone; add --yes to confirm."))
            answer = input(
                _("Withdraw everything {pseudonym} wrote? Type 'withdraw': ").format(
                    pseudonym=persona.pseudonym
                )
            )
            if answer.strip() != "withdraw":
                print(_("Nothing was withdrawn."))
                return 0
        deletes = publish_withdraw_all(store, persona.pubkey)
    print(
        _(
            "Withdrew {count} events by {pseudonym}. They are erased here now, and relays "
            "purge them when the next sync delivers the deletions."
        ).format(count=len(deletes), pseudonym=persona.pseudonym)
    )
    print(
        _(
            "Members who already synced them keep their copies until their devices sync the "
            "deletions; nobody can recall them from those devices sooner."
        )
    )
    return 0


def cmd_persona_default(args: argparse.Namespace) -> int:
    """Choose which persona speaks where no other is chosen."""
    from peerhaven.core.persona import pseudonym
    from peerhaven.store.personas import load_persona, set_default_persona

    with unlocked_store() as store:
        persona = load_persona(store, args.persona)
        set_default_persona(store, persona.pubkey)
    print(_("Default persona is now {pseudonym}.").format(pseudonym=pseudonym(persona.pubkey)))
    return 0


def cmd_persona_profile(args: argparse.Namespace) -> int:
    """The same oversharing guard as a post, then sign, store and queue for every relay."""
    from peerhaven.commands.precheck import offer_crisis_support, refuse_personal_details
    from peerhaven.core.persona import pseudonym
    from peerhaven.safety.precheck import check_before_publish
    from peerhaven.store.publish import publish_profile

    check = check_before_publish(args.text, allow_personal=args.allow_personal)
    refuse_personal_details(check)  # before unlocking: a refusal needs no passphrase
    with unlocked_store() as store:
        offer_crisis_support(store, check, None, what="profile")
        event = publish_profile(store, args.persona, args.text)
    verb = "saved" if args.text.strip() else "cleared"
    print(
        _(
            "Profile of {pseudonym} {verb}. It waits in the outbox and goes out to every "
            "relay with the next sync (`peerhaven sync`)."
        ).format(pseudonym=pseudonym(event.pubkey), verb=verb)
    )
    return 0
