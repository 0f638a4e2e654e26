"""The ``circle`` mailbox handler: what a sync does with circle events it fetched.

``sync/mailbox.py`` pulls (and ``sync/live.py`` follows) every mailbox this
handler names and hands each verified ``circle`` event to ``receive``, which
applies it through ``store.circle_inbox``:

- a persona's own mailbox (control messages: join requests, welcomes, new keys)
  is read by this device alone, so what was applied is deleted from the relay;
- an epoch's mailbox (the circle's posts) is shared by every member of the
  epoch, so its events stay on the relay for the others.

The handler is registered for the ``circle`` kind in ``peerhaven/sync/__init__.py``,
so ``peerhaven sync``, ``sync --watch`` and the app's background sync all pull
circles. ``send_queued`` sends what a circle action queued at once.
"""

from __future__ import annotations

from peerhaven.core.event import Event
from peerhaven.store.circle_inbox import mailboxes, receive
from peerhaven.store.database import Store
from peerhaven.store.outbox import pending_for
from peerhaven.store.relays import relay_urls
from peerhaven.sync.mailbox import MailboxKey
from peerhaven.sync.send import Delivery, send_events

KIND = "circle"
#: the most queued circle events one send looks at per relay
SEND_BATCH = 500


class CircleMailbox:
    """Circle events for one store: which mailboxes to follow, and applying what comes."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def mailboxes(self) -> list[MailboxKey]:
        """Personas' mailboxes (delete what was applied), then epochs' (shared: keep)."""
        followed = mailboxes(self.store)
        return [MailboxKey(keys) for keys in followed.personas] + [
            MailboxKey(keys, delete_delivered=False) for keys in followed.epochs
        ]

    def receive(self, relay_url: str, event: Event) -> bool:
        """Apply one verified ``circle`` event; whether it was taken (stored or applied)."""
        del relay_url  # a circle event means the same whichever relay carried it
        return receive(self.store, event)


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
