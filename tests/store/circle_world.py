"""Several devices' stores and a hand-carried mailbox between them, for circle tests.

``Mail`` plays the relay's part without a network: it collects every ``circle``
event the devices queued in their outboxes and hands each device the ones
addressed to a mailbox that device follows (``circle_inbox.mailboxes``), exactly
what the sync's mailbox handler does with a real relay's pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from peerhaven.core.event import Event
from peerhaven.store import Store, create_store
from peerhaven.store.circle_inbox import mailboxes, receive
from peerhaven.store.personas import create_persona
from peerhaven.store.relays import add_relay
from tests.fixtures.store import PASSPHRASE

RELAY = "http://127.0.0.1:9/"


@dataclass
class Device:
    """One member's device: its store and its one persona."""

    store: Store
    persona: str
    path: Path


def device(tmp_path: Path, name: str, relay: str = RELAY) -> Device:
    """A new device with one persona and one relay."""
    path = tmp_path / name / "peerhaven.db"
    store = create_store(path, PASSPHRASE)
    add_relay(store, relay)
    persona = create_persona(store)
    return Device(store, persona.pubkey, path)


@dataclass
class Mail:
    """Every circle event sent so far, as a relay would hold them."""

    events: dict[str, Event] = field(default_factory=dict)

    def collect(self, *devices: Device) -> None:
        """Take what each device queued (the push of a sync)."""
        for dev in devices:
            for (raw,) in dev.store.execute("SELECT event FROM outbox").fetchall():
                event = Event.from_json(raw)
                if event.kind == "circle":
                    self.events.setdefault(event.id, event)

    def deliver(self, dev: Device) -> int:
        """Hand ``dev`` the events for the mailboxes it follows (the pull of a sync)."""
        both = mailboxes(dev.store)
        followed = {key.pubkey for key in both.personas + both.epochs}
        handed = 0
        for event in list(self.events.values()):
            if event.tag("to") in followed:
                receive(dev.store, event)
                handed += 1
        return handed

    def round(self, *devices: Device, times: int = 3) -> None:
        """Sync every device a few times, so requests, answers and keys all arrive."""
        for _ in range(times):
            self.collect(*devices)
            for dev in devices:
                self.deliver(dev)
