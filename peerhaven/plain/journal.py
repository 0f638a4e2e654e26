"""The private journal: write an entry with a mood, read entries back, hear the mood trend.

``store.journal`` does the work (``add_entry``, ``list_entries``, ``mood_trend``);
the trend is said in words ("Average 5.2 this week (3 entries), up from 4.1.")
because a chart cannot be read aloud.
"""

from __future__ import annotations

from peerhaven.core.i18n import _
from peerhaven.plain.session import Session, when


def journal(session: Session) -> None:
    """The journal's place: the trend first, then what can be done."""
    from peerhaven.store.journal import mood_trend

    console = session.console
    while True:
        console.heading(_("Journal. It never leaves this device."))
        console.say(mood_trend(session.store).words())
        picked = console.choose([_("Write an entry"), _("Read your entries")])
        if picked == 0:
            add(session)
        elif picked == 1:
            read(session)
        else:
            return


def add(session: Session) -> None:
    """Words (may be empty), a mood from 1 to 10, and tags."""
    from peerhaven.store.errors import BadInput
    from peerhaven.store.journal import MOOD_MAX, MOOD_MIN, add_entry, check_mood

    console = session.console
    text = console.write_text(_("Write your entry (it may be empty when a mood says enough)."))
    while True:
        answer = console.ask(
            _("Your mood from {low} (low) to {high} (good):").format(low=MOOD_MIN, high=MOOD_MAX)
        )
        try:
            mood = check_mood(int(answer)) if answer.isdigit() else check_mood(-1)
            break
        except BadInput:
            console.say(
                _("Type a whole number from {low} to {high}.").format(low=MOOD_MIN, high=MOOD_MAX)
            )
    tags = console.ask(_("Tags, separated by commas, or Enter for none:"))
    entry = add_entry(session.store, text, mood, [tag for tag in tags.split(",") if tag.strip()])
    console.announce(
        _("Saved, mood {mood}, {when}.").format(mood=entry.mood, when=when(entry.created_at))
    )


def read(session: Session) -> None:
    """Entries newest first, a page at a time (the store pages too)."""
    from peerhaven.store.journal import list_entries

    console = session.console
    entries = list_entries(session.store, limit=1_000)
    if not entries:
        console.say(_("No entries yet."))
        return
    lines: list[str] = []
    for entry in entries:
        tags = _(", tags {tags}").format(tags=", ".join(entry.tags)) if entry.tags else ""
        lines.append(
            _("{when}, mood {mood}{tags}:").format(
                when=when(entry.created_at), mood=entry.mood, tags=tags
            )
        )
        lines.extend(entry.content.splitlines() or [_("(no words)")])
    console.page(lines)
