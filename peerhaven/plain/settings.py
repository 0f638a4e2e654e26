"""The settings that matter day to day: relays, lock time, language, plain mode, crisis lines.

Each change goes through ``store.settings.set_setting`` (the schema refuses a
wrong value with one sentence, read out as it is); relays through
``store.relays``; lifting a block or a mute through ``store.filter_prefs``.
"""

from __future__ import annotations

import json

from peerhaven.core.i18n import _
from peerhaven.plain.session import Session, others_line

#: the settings read out here, in this order (those a newer or older schema lacks are skipped)
SHOWN = (
    "lock_after_minutes",
    "language",
    "plain",
    "reduce_motion",
    "crisis_prompt",
    "country",
    "sync_interval_minutes",
    "proxy",
)


def settings(session: Session) -> None:
    """Relays, each setting with its value and meaning, and lifting blocks and mutes."""
    from peerhaven.store.settings import SCHEMA

    console = session.console
    while True:
        console.heading(_("Settings."))
        names = [name for name in SHOWN if name in SCHEMA]
        options = [_("Relays")]
        for name in names:
            options.append(
                _("{name}: {value} ({meaning})").format(
                    name=name,
                    value=_shown(session.settings.get(name)),
                    meaning=SCHEMA[name].meaning,
                )
            )
        options.append(_("Lift a block or a mute"))
        picked = console.choose(options)
        if not isinstance(picked, int):
            return
        if picked == 0:
            relays(session)
        elif picked == len(options) - 1:
            lift(session)
        else:
            change(session, names[picked - 1])


def _shown(value: object) -> str:
    if value is None:
        return _("not set")
    if value is True:
        return _("on")
    if value is False:
        return _("off")
    return others_line(value if isinstance(value, str) else json.dumps(value))


def change(session: Session, name: str) -> None:
    """Ask for a new value; a flag is simply turned over."""
    from peerhaven.store.errors import BadInput
    from peerhaven.store.settings import SCHEMA, set_setting

    console = session.console
    setting = SCHEMA[name]
    current = session.settings.get(name)
    if isinstance(setting.default, bool):
        value: object = not bool(current)
    else:
        console.say(_("{name} takes {accepts}.").format(name=name, accepts=setting.accepts))
        answer = console.ask(_("New value (off for none, Enter to keep it):"))
        if not answer:
            return
        value = None if answer.casefold() in ("off", _("off"), "null") else _parse(answer)
    try:
        set_setting(session.store, name, value)
    except BadInput as exc:
        console.say(str(exc))
        return
    session.reload_settings()
    if name == "language":
        from peerhaven.core.i18n import use_language

        use_language(str(session.settings.get(name) or "") or None)
    console.announce(
        _("{name} is now {value}.").format(name=name, value=_shown(session.settings.get(name)))
    )


def _parse(answer: str) -> object:
    if answer.isdigit():
        return int(answer)
    try:
        return float(answer) if answer.replace(".", "", 1).isdigit() else answer
    except ValueError:
        return answer


def relays(session: Session) -> None:
    """Each relay with its state; add one, or forget one."""
    from peerhaven.store.errors import StoreError
    from peerhaven.store.relays import add_relay, relay_statuses, remove_relay

    console = session.console
    while True:
        console.heading(_("Relays."))
        statuses = relay_statuses(session.store)
        if not statuses:
            console.say(_("No relays yet."))
        for status in statuses:
            console.say(
                _("{url}: {state}").format(
                    url=others_line(status.url), state=others_line(status.describe())
                )
            )
        picked = console.choose([_("Add a relay"), _("Forget a relay")])
        if picked == 0:
            url = console.ask(_("The relay's address, like https://relay.example.org:"))
            if not url:
                continue
            try:
                added = add_relay(session.store, url)
            except StoreError as exc:
                console.say(str(exc))
                continue
            console.announce(_("Added {url}; Sync at home fetches from it.").format(url=added))
        elif picked == 1 and statuses:
            which = console.choose([others_line(status.url) for status in statuses])
            if isinstance(which, int) and console.confirm(
                _("Forget {url}?").format(url=others_line(statuses[which].url))
            ):
                remove_relay(session.store, statuses[which].url)
                console.announce(_("Forgotten."))
        elif not isinstance(picked, int):
            return


def lift(session: Session) -> None:
    """Every block and mute by name; choosing one lifts it."""
    from peerhaven.core.persona import pseudonym
    from peerhaven.store.filter_prefs import load_rules, unblock, unmute

    console = session.console
    rules = load_rules(session.store)
    found: list[tuple[str, str, str]] = []
    for pubkey in sorted(rules.blocked):
        found.append(("block", pubkey, _("Blocked: {who}").format(who=pseudonym(pubkey))))
    for mute in rules.muted_personas:
        found.append(("persona", mute.value, _("Muted: {who}").format(who=pseudonym(mute.value))))
    for mute in rules.muted_words:
        found.append(
            ("word", mute.value, _("Muted word: {word}").format(word=others_line(mute.value)))
        )
    for mute in rules.muted_threads:
        found.append(("thread", mute.value, _("Muted thread {id}").format(id=mute.value[:12])))
    if not found:
        console.say(_("Nothing is blocked or muted."))
        return
    picked = console.pick([words for _kind, _value, words in found])
    if not isinstance(picked, int):
        return
    kind, value, words = found[picked]
    if kind == "block":
        unblock(session.store, value)
    else:
        unmute(session.store, kind, value)  # type: ignore[arg-type]
    console.announce(_("Lifted. {words}").format(words=words))
