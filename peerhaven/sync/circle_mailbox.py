"""The ``circle`` mailbox handler: what a sync does with circle events it fetched.

The sync pulls every mailbox this handler names (``mailboxes``: the personas in
circles, for control messages, and the epoch mailboxes of the circles this device
is in) and hands each verified ``circle`` event to ``receive``, which applies it
through ``store.circle_inbox``. A control message is this device's alone, so
``receive`` answers True once it is applied and the sync may delete it from the
relay; a post stays there for the other members (False).
"""

from __future__ import annotations

from peerhaven.core.event import Event
from peerhaven.core.keys import Keypair
from peerhaven.store.circle_inbox import mailboxes, receive
from peerhaven.store.database import Store
from peerhaven.store.outbox import pending_for
from peerhaven.store.relays import relay_urls
from peerhaven.sync.send import Delivery, send_events

KIND = "circle"


class CircleMailbox:
    """Circle events for one store: which mailboxes to follow, and applying what comes."""

    kind = KIND

    def __init__(self, store: Store) -> None:
        self.store = store

    def mailboxes(self) -> list[Keypair]:
        """The mailbox keys, with their secrets, to fetch and follow now."""
        return mailboxes(self.store)

    def receive(self, relay_url: str, event: Event) -> bool:
        """Apply one verified ``circle`` event; True when the relay may delete it."""
        del relay_url  # a circle event means the same whichever relay carried it
        return receive(self.store, event)


#: the most queued circle events one send looks at per relay
SEND_BATCH = 500


def send_queued(store: Store, proxy: str | None = None) -> Delivery:
    """Send every circle event still waiting in the outbox now, and what the relays said.

    A circle action may queue several events (a removal: a new key for each member
    and a word to the one removed), so the CLI and the app send them together.
    """
    waiting: dict[str, Event] = {}
    for url in relay_urls(store):
        for event in pending_for(store, url, SEND_BATCH):
            if event.kind == KIND:
                waiting.setdefault(event.id, event)
    return send_events(store, list(waiting.values()), proxy)
