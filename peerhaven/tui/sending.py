"""Sending at once from the app: the words, and the messages between a screen, the app
and the worker that sends.

Every action that signs an event (a post, a reply, a reaction, a withdrawal, a report,
a moderator's action, a held post's decision, a profile, withdrawing everything) is
stored and queued first, as before, so the outbox stays the safety net. The screen then
asks the app to send it at once with ``SendWanted``; the app says "Sending…" straight
away and runs ``sync.send.send_events`` (the use case ``peerhaven post`` calls) in a
worker on the sync's own connection, after any sync in flight, so no screen waits and
two pushes never share a connection. What the relays answered replaces "Sending…":
"Sent.", "Refused by <relay>: <reason>." or "Saved; goes out when a relay is reachable."
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message

from peerhaven.core.i18n import N_, _

if TYPE_CHECKING:
    from textual.notifications import Notification

    from peerhaven.core.event import Event
    from peerhaven.sync.send import Delivery

SENDING = N_("Sending…")
#: seconds "Sending…" may stay up: the answer replaces it long before (a sync under way
#: can hold a send back, and then it stays until the answer comes)
SENDING_TIMEOUT = 600.0
#: seconds the relays' answer stays on screen
ANSWER_TIMEOUT = 8.0


#: added to "Sent." when a relay holds a new member's first post
HELD_WORDS = N_("It waits for a moderator's approval before members see it.")


def sending_words(done: str) -> str:
    """What happened here already, then "Sending…"."""
    return f"{done} {_(SENDING)}" if done else _(SENDING)


def answer_words(delivery: Delivery | None) -> str:
    """What the relays answered, in the words ``peerhaven post`` prints, plus a hold."""
    from peerhaven.sync.send import SAVED

    if delivery is None:
        return _(SAVED)
    text = delivery.sentence()
    return f"{text} {_(HELD_WORDS)}" if delivery.held else text


class SendWanted(Message):
    """A screen signed ``events`` for one action and wants them sent at once.

    Posted to the app from a screen's worker or the UI thread alike (posting is
    thread-safe). ``title`` names the action ("Reply", "Hidden"); ``done`` says what
    already happened on this device, shown before "Sending…"; ``keep`` is a sentence the
    relays' answer repeats (an edit's honest word about copies synced already).
    """

    def __init__(self, events: Sequence[Event], title: str, done: str = "", keep: str = "") -> None:
        self.events = tuple(events)
        self.title = title
        self.done = done
        self.keep = keep
        super().__init__()


class SendEnded(Message):
    """The send worker has the relays' answers (``None``: no connection to send on)."""

    def __init__(
        self, title: str, delivery: Delivery | None, sending: Notification, keep: str = ""
    ) -> None:
        self.title = title
        self.delivery = delivery
        self.sending = sending
        self.keep = keep
        super().__init__()
