"""Personas, bundles and conversations for the direct-message tests (real crypto only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from peerhaven.core.dm.conversation import Conversation
from peerhaven.core.dm.envelope import Received, open_dm, read_dm, seal_dm
from peerhaven.core.dm.prekeys import (
    PrekeyBundle,
    PrekeySecrets,
    new_prekeys,
    prekeys_event,
    verify_bundle,
)
from peerhaven.core.event import Event
from peerhaven.core.keys import Keypair

NOW = 1_700_000_000


@dataclass
class Device:
    """One persona's device: its key, its prekey secrets and its conversations."""

    keys: Keypair = field(default_factory=Keypair.generate)
    prekeys: PrekeySecrets = field(default_factory=PrekeySecrets)
    conversations: dict[str, Conversation] = field(default_factory=dict)

    @property
    def pubkey(self) -> str:
        return self.keys.pubkey

    def publish(self, *, one_time: int = 5) -> PrekeyBundle:
        """Publish a bundle and hand it over as another device would receive it."""
        bundle, self.prekeys = new_prekeys(self.keys, now=NOW, held=self.prekeys, one_time=one_time)
        return verify_bundle(prekeys_event(self.keys, bundle, created_at=NOW), now=NOW)

    def send(self, to: Device, text: str, **options: str) -> Event:
        """Send ``text``, starting a conversation from ``to``'s bundle when there is none."""
        conversation = self.conversations.get(to.pubkey)
        bundle = None if conversation is not None else to.publish()
        conversation, event = seal_dm(
            self.keys, to.pubkey, text, now=NOW, conversation=conversation, bundle=bundle, **options
        )
        self.conversations[to.pubkey] = conversation
        return event

    def receive(self, event: Event) -> Received:
        """Read a delivered event and save everything it changed, as the store would."""
        sealed = open_dm(event, self.keys)
        received = read_dm(
            self.keys,
            sealed,
            conversation=self.conversations.get(sealed.sender),
            prekeys=self.prekeys,
        )
        self.conversations[sealed.sender] = received.conversation
        if received.prekeys is not None:
            self.prekeys = received.prekeys
        return received
