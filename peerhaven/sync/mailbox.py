"""Private mailboxes on the device: pulled during a sync, followed live, handed on by kind.

A mailbox (protocol section 15) is an Ed25519 key; the relay serves its events
(``dm``, ``circle``) only to whoever signs for that key. This module fetches
them and checks each one (shape, id, one-time signature, and that its one
``to`` tag names the mailbox asked for) before handing it to the
``MailboxHandler`` registered for its kind. What an event *means* is the
handler's business (``dm``: the direct-message use cases; ``circle``: the
circles' use cases); nothing here opens a seal.

How the pieces fit:

- A handler says which mailboxes to follow now (``mailboxes()``, keys with
  their secret halves, since reading needs a signature) and takes each verified
  event (``receive(relay_url, event)``), returning whether it stored it (a copy
  already stored counts as stored: relays deliver at least once).
- A ``MailboxKey`` with ``delete_delivered`` (a persona's own mailbox) has each
  event the handler stored deleted from the relay at once ("expiry after
  delivery"); a shared mailbox (a circle's epoch key, read by every member)
  keeps them until they expire, and the device moves past them by cursor.
- Handlers register by kind, once per process: ``register_handler(kind,
  factory)``, where ``factory(store)`` builds the handler for an unlocked store
  (or returns ``None`` when there is nothing to follow). ``Syncer`` builds them
  when it is created, or takes ``mailbox_handlers=`` explicitly (tests).
- A sync (``Syncer.sync_relay``) pulls every mailbox after the communities,
  within the same round budget (pages and events counted, the deadline and
  pace applied); the live stream of a relay (``sync/live.py``) follows the same
  mailboxes on its one connection and delivers through ``deliver`` too.

Each mailbox's cursor lives with the community cursors (``store/cursors.py``)
under the name ``@KEY``, which no community slug can take. It moves after the
handler has taken a page, so a device killed in between receives the page
again and the handler's "already stored" answer makes that harmless.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import MAILBOX_KINDS, Event
from peerhaven.core.keys import Keypair
from peerhaven.core.validate import validate
from peerhaven.store.cursors import cursor_hook, cursor_of
from peerhaven.store.database import Store
from peerhaven.sync.client import Pull, RelayClient
from peerhaven.sync.errors import RelayRefused, SyncError

#: events asked for in one mailbox page
MAILBOX_PAGE = 100
#: the cursor name of a mailbox among a relay's feeds (``@`` is in no community slug)
CURSOR_PREFIX = "@"


@dataclass(frozen=True, slots=True)
class MailboxKey:
    """A mailbox to follow: its key pair, where, and whether delivered events are deleted.

    ``relays`` ``None`` means every relay the device uses. ``delete_delivered``
    is for a mailbox only this device reads (a persona's own): what the handler
    stored is deleted from the relay at once. A shared mailbox (a circle's posts)
    sets it False.
    """

    keys: Keypair
    relays: frozenset[str] | None = None
    delete_delivered: bool = True

    @property
    def pubkey(self) -> str:
        return self.keys.pubkey


class MailboxHandler(Protocol):
    """What a use-case layer registers for one kind of mailbox event."""

    def mailboxes(self) -> list[MailboxKey]:
        """The mailboxes to follow now (asked at the start of every sync and stream)."""
        ...

    def receive(self, relay_url: str, event: Event) -> bool:
        """Take one verified event; whether it is stored (True also for a copy already
        stored). False (refused, not for this device) moves past it and leaves it
        on the relay; raising stops the pull or the stream, and the event comes again."""
        ...


@runtime_checkable
class PublishesAfterPull(Protocol):
    """A handler that also publishes something of its own to a relay once its mailboxes
    were read there (``dm``: each persona's prekey bundle), so only to relays that keep
    mailboxes, and not through the outbox."""

    def after_pull(self, client: RelayClient) -> None:
        """Publish to this relay; a failure is left for the next sync."""
        ...


HandlerFactory = Callable[[Store], MailboxHandler | None]

_factories: dict[str, HandlerFactory] = {}


def register_handler(kind: str, factory: HandlerFactory) -> None:
    """Register the handler of one mailbox kind (``dm`` or ``circle``) for this process."""
    if kind not in MAILBOX_KINDS:
        raise ValueError(f"{kind!r} is not a mailbox kind")
    _factories[kind] = factory


def handlers_for(store: Store) -> dict[str, MailboxHandler]:
    """The registered handlers built for this store (a factory giving None is left out)."""
    built: dict[str, MailboxHandler] = {}
    for kind, factory in sorted(_factories.items()):
        handler = factory(store)
        if handler is not None:
            built[kind] = handler
    return built


def cursor_name(pubkey: str) -> str:
    """The name of a mailbox's cursor in the store's cursor table."""
    return CURSOR_PREFIX + pubkey


@dataclass
class Delivered:
    """What one page of a mailbox gave: stored, refused as invalid, deleted from the relay."""

    stored: list[str] = field(default_factory=list)
    refused: int = 0
    deleted: int = 0
    #: events of a kind no handler takes here (left on the relay, passed by the cursor)
    unhandled: int = 0


class Mailboxes:
    """The handlers of one ``Syncer``, by kind, and the mailboxes they follow."""

    def __init__(self, handlers: dict[str, MailboxHandler]) -> None:
        unknown = set(handlers) - MAILBOX_KINDS
        if unknown:
            raise ValueError(f"not mailbox kinds: {sorted(unknown)}")
        self.handlers = handlers

    def __bool__(self) -> bool:
        return bool(self.handlers)

    def keys_for(self, relay_url: str) -> list[MailboxKey]:
        """The mailboxes to follow on one relay, each once.

        A key listed by two handlers (a persona's mailbox holds both its direct
        messages and its circle invitations) is followed once; its events are
        deleted only if every handler listing it agrees.
        """
        found: dict[str, MailboxKey] = {}
        for handler in self.handlers.values():
            for key in handler.mailboxes():
                if key.relays is not None and relay_url not in key.relays:
                    continue
                known = found.get(key.pubkey)
                if known is None:
                    found[key.pubkey] = MailboxKey(key.keys, None, key.delete_delivered)
                elif known.delete_delivered and not key.delete_delivered:
                    found[key.pubkey] = MailboxKey(key.keys, None, False)
        return [found[pubkey] for pubkey in sorted(found)]

    def deliver(
        self,
        store: Store,
        client: RelayClient,
        key: MailboxKey,
        items: Iterable[Any],
        cursor: str | None,
    ) -> Delivered:
        """Verify a page's items, hand each to its kind's handler, then move the cursor.

        Called holding the store's turn; the deletions are network waits, during
        which the client gives the turn up.
        """
        result = Delivered()
        now = int(time.time())
        deleting = key.delete_delivered
        for item in items:
            event = verified(item, key.pubkey, now)
            if event is None:
                result.refused += 1
                continue
            handler = self.handlers.get(event.kind)
            if handler is None:
                result.unhandled += 1
                continue
            if not handler.receive(client.url, event):
                continue
            result.stored.append(event.id)
            if deleting:
                try:
                    if client.delete_from_mailbox(key.keys, event.id):
                        result.deleted += 1
                except SyncError:
                    # unreachable, slow or limiting us: the rest of the page is not
                    # asked for (each would wait as long); they expire on the relay anyway
                    deleting = False
        if cursor is not None:
            with store.transaction() as conn:
                cursor_hook(client.url, cursor_name(key.pubkey), cursor, None)(conn)
        return result

    def pull(
        self,
        store: Store,
        client: RelayClient,
        *,
        next_page: Callable[[], None] = lambda: None,
        took_page: Callable[[Pull], None] = lambda page: None,
        check_stop: Callable[[], None] = lambda: None,
    ) -> Delivered:
        """Every mailbox of this relay, page by page from its cursor, to its end.

        ``next_page`` and ``took_page`` are the round's budget (``Syncer``), called
        before and after each page as for community pulls; ``check_stop`` ends the
        pull between pages when the sync is stopped.
        """
        total = Delivered()
        for key in self.keys_for(client.url):
            after = cursor_of(store, client.url, cursor_name(key.pubkey))[0]
            while True:
                check_stop()
                next_page()
                try:
                    page = client.mailbox(key.keys, after, MAILBOX_PAGE)
                except RelayRefused as exc:
                    if exc.status in (404, 405):
                        return total  # a relay without mailboxes: nothing to fetch there
                    raise
                took_page(page)
                moved = page.next if page.next and page.next != after else None
                got = self.deliver(store, client, key, page.events, moved)
                total.stored += got.stored
                total.refused += got.refused
                total.deleted += got.deleted
                total.unhandled += got.unhandled
                if not page.more or moved is None:
                    break
                after = moved
        for handler in self.handlers.values():
            if isinstance(handler, PublishesAfterPull):
                handler.after_pull(client)
        return total


def verified(item: Any, mailbox: str, now: int) -> Event | None:
    """A served item as an event of this mailbox, or ``None`` when it is anything else.

    A relay could serve junk, another mailbox's events or forgeries; each is
    dropped here, before any handler sees it.
    """
    if item is None:
        return None
    try:
        event = Event.from_wire(item)
        validate(event, now=now)
    except InvalidEvent:
        return None
    if event.kind not in MAILBOX_KINDS or event.tag_values("to") != [mailbox]:
        return None
    return event
