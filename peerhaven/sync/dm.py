"""Direct messages over the network: prekey bundles out and in, sending, and receiving.

- ``send_bundles`` gives a relay each persona's newest prekey bundle (a new one is
  made when it is missing, expiring or nearly used up, ``store.dm_prekeys``), once
  a sync has read the device's mailboxes there (so the relay keeps mailboxes).
- ``fetch_bundle`` asks the relays for a persona's bundle and the one-time prekey
  a relay claimed for us, and verifies it (``core/dm/prekeys.verify_bundle``).
- ``send_dm`` (the CLI's) and ``send_message`` (the app's, through its
  ``store_call``, pushed by the app on its own connection) send a message: a
  first message fetches the bundle (so it needs a relay); then the message is
  sealed, saved and queued in one transaction (``store.dm_send.seal_and_queue``,
  which both call) and pushed on the same path as posts (``sync.send``); offline,
  it waits in the outbox.
- ``DmHandler`` is what ``sync.mailbox`` hands each verified ``dm`` event to:
  it is stored with its state in one transaction (``store.dm_receive``), and
  then the relay may delete its copy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.prekeys import PrekeyBundle, verify_bundle
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import Event
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair
from peerhaven.core.persona import Persona
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.dm_prekeys import publish_prekeys, published, unpublished
from peerhaven.store.dm_receive import Received, receive_dm
from peerhaven.store.dm_send import Sent, needs_bundle, seal_and_queue
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.personas import load_persona
from peerhaven.store.relays import relay_urls
from peerhaven.store.settings import get_setting
from peerhaven.sync.client import RelayClient
from peerhaven.sync.errors import SyncError
from peerhaven.sync.mailbox import MailboxKey
from peerhaven.sync.send import TIMEOUT, Delivery, send_now

KIND = "dm"
P = ParamSpec("P")
T = TypeVar("T")


#: personas that speak somewhere (a community joined, not observed) or already talk
_SPEAKING = (
    "SELECT pubkey FROM personas p WHERE EXISTS (SELECT 1 FROM memberships m"
    " WHERE m.persona = p.pubkey AND m.observer = 0) OR EXISTS (SELECT 1 FROM"
    " dm_conversations c WHERE c.persona = p.pubkey) ORDER BY created_at"
)


def publish_bundles(store: Store) -> list[Event]:
    """Make a new prekey bundle for every persona that needs one; returns those made.

    Only personas that speak somewhere (joined a community, or already talk with
    someone) have one: a persona nobody can meet needs none, and a bundle tells
    relays that its persona takes messages. Relays get them in ``send_bundles``.
    """
    made = []
    for (pubkey,) in store.execute(_SPEAKING).fetchall():
        event = publish_prekeys(store, load_persona(store, str(pubkey)))
        if event is not None:
            made.append(event)
    return made


def send_bundles(store: Store, client: RelayClient) -> int:
    """Give this relay (which keeps mailboxes) every newest bundle it lacks; how many it took.

    A relay that fails stops the round; the rest go with the next sync.
    """
    publish_bundles(store)
    took = 0
    for event in unpublished(store, client.url):
        try:
            [answer] = client.publish([event.to_wire()])
        except (SyncError, ValueError):
            return took
        if isinstance(answer, dict) and answer.get("status") in ("accepted", "duplicate"):
            published(store, client.url, event)
            took += 1
    return took


def bundle_from(client: RelayClient, peer: str, *, at: int) -> PrekeyBundle | None:
    """``peer``'s verified bundle from one relay, keeping only the one-time key it claimed.

    None when the relay has none. The relay hands each one-time key out once, so
    two senders never use the same one; without one, X3DH runs without it.
    """
    claim = client.prekeys(peer)
    if claim is None:
        return None
    try:
        bundle = verify_bundle(Event.from_wire(claim.event), now=at)
    except (DmError, InvalidEvent, ValueError, TypeError):
        return None  # a relay's bad copy: another relay may hold a good one
    if bundle.identity != peer:
        return None
    chosen = tuple(otpk for otpk in bundle.one_time if otpk.id == claim.otpk)
    return dataclasses.replace(bundle, one_time=chosen)


def bundle_from_relays(
    urls: list[str], peer: str, *, proxy: str | None = None, direct: str | None = None
) -> PrekeyBundle:
    """``peer``'s bundle from the first of ``urls`` that has a valid one (network only,
    no store: the app calls it outside the store's lock). ``direct`` is the local relay,
    reached without the proxy."""
    if not urls:
        raise NotFound(_("There is no relay yet; add one with `peerhaven relays add URL`."))
    reached = False
    at = now()
    for url in urls:
        client = RelayClient(url, proxy=None if url == direct else proxy, timeout=TIMEOUT)
        try:
            bundle = bundle_from(client, peer, at=at)
        except SyncError:
            continue
        finally:
            client.close()
        reached = True
        if bundle is not None:
            return bundle
    if not reached:
        raise BadInput(
            _(
                "No relay could be reached to start this conversation; nothing was sent. "
                "Try again when you are online."
            )
        )
    raise NotFound(
        _(
            "This persona has not published keys for messages on your relays, so it cannot "
            "receive messages there yet; nothing was sent."
        )
    )


def _route(store: Store, proxy: str | None) -> tuple[list[str], str | None, str | None]:
    """The relays, the proxy (given, else the setting) and the local relay."""
    chosen = proxy if proxy is not None else get_setting(store, "proxy")
    return relay_urls(store), chosen, get_setting(store, "local_relay")


def fetch_bundle(store: Store, peer: str, proxy: str | None = None) -> PrekeyBundle:
    """``peer``'s bundle from the first relay that has a valid one."""
    urls, chosen, direct = _route(store, proxy)
    return bundle_from_relays(urls, peer, proxy=chosen, direct=direct)


@dataclass(frozen=True, slots=True)
class DmSent:
    """A message saved and queued, and what its relays answered when it was pushed."""

    sent: Sent
    delivery: Delivery | None

    def sentence(self) -> str:
        """What the member reads: the relays' answer, or that it waits in the outbox."""
        if self.delivery is None:
            return _("Saved; goes out with the next sync.")
        return self.delivery.sentence()


def send_dm(
    store: Store,
    persona: Persona,
    peer: str,
    text: str,
    *,
    cw: str | None = None,
    community: str = "",
    proxy: str | None = None,
    push: bool = True,
) -> DmSent:
    """Send a message to ``peer`` as ``persona``: the guard and crisis offer ran already.

    A first message needs the peer's bundle from a relay; after that a message is
    saved and queued even offline and goes out when a relay is reachable.
    """
    bundle = fetch_bundle(store, peer, proxy) if needs_bundle(store, persona.pubkey, peer) else None
    sent = seal_and_queue(store, persona, peer, text, cw=cw, community=community, bundle=bundle)
    return DmSent(sent, send_now(store, sent.event, proxy) if push else None)


class StoreCall(Protocol):
    """How the app runs one store function from a worker (``PeerHavenApp.store_call``)."""

    def __call__(
        self, fn: Callable[Concatenate[Store, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T: ...


def send_message(
    store_call: StoreCall,
    persona: str,
    peer: str,
    text: str,
    *,
    cw: str | None = None,
    community: str = "",
    proxy: str | None = None,
) -> Sent:
    """``send_dm`` for the app: the store only through ``store_call``, the network
    (a first message's bundle) outside it, and no push: the app sends the returned
    event on its own connection (``AppServices.send_now``)."""
    bundle = None
    if store_call(needs_bundle, persona, peer):
        urls, chosen, direct = store_call(_route, proxy)
        bundle = bundle_from_relays(urls, peer, proxy=chosen, direct=direct)
    return store_call(_seal_as, persona, peer, text, cw=cw, community=community, bundle=bundle)


def _seal_as(
    store: Store,
    persona: str,
    peer: str,
    text: str,
    *,
    cw: str | None,
    community: str,
    bundle: PrekeyBundle | None,
) -> Sent:
    return seal_and_queue(
        store, load_persona(store, persona), peer, text, cw=cw, community=community, bundle=bundle
    )


class DmHandler:
    """Receives the ``dm`` events of this device's personas (for ``sync.mailbox``)."""

    kind = KIND

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def for_sync(cls, store: Store) -> DmHandler | None:
        """The handler a sync uses (None without personas: no mailbox to follow)."""
        if store.execute("SELECT 1 FROM personas LIMIT 1").fetchone() is None:
            return None
        return cls(store)

    def after_pull(self, client: RelayClient) -> None:
        """Once this relay's mailboxes were read (so it keeps them), give it each persona's
        newest prekey bundle it lacks: a persona can be written to once it has synced."""
        send_bundles(self.store, client)

    def mailboxes(self) -> list[MailboxKey]:
        """Every persona's mailbox (its own public key), on every relay; what is
        stored is deleted from the relay at once (expiry after delivery)."""
        rows = self.store.execute("SELECT secret FROM personas ORDER BY created_at").fetchall()
        return [MailboxKey(Keypair.from_secret(bytes(row[0]))) for row in rows]

    def accept(self, relay_url: str, event: Event) -> Received:
        """Open, judge and store one event; every verdict is final."""
        recipient = event.tag_values("to")
        if event.kind != KIND or len(recipient) != 1:
            return Received("refused", reason=_("This is not a direct message."))
        try:
            persona = load_persona(self.store, recipient[0])
        except (NotFound, BadInput):
            return Received("refused", reason=_("This message is for no persona of this device."))
        if persona.pubkey != recipient[0]:
            return Received("refused", reason=_("This message is for no persona of this device."))
        return receive_dm(self.store, persona, event, relay_url=relay_url)

    def receive(self, relay_url: str, event: Event) -> bool:
        """Store one delivered event. Every verdict is final (stored, a copy, or dropped:
        blocked, unwanted, over the day's requests, unreadable), so the answer is True
        and the relay deletes its copy; a store error is raised instead, and the event
        stays on the relay to come again. A request that used up a one-time prekey
        may leave the bundle low: ``after_pull`` replaces it."""
        self.accept(relay_url, event)
        return True
