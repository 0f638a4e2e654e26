"""``PeerHavenApp``: holds the open store, composes screens, locks when idle.

The app owns exactly three things: the ``Store`` (and the lock serialising
access to it from worker threads), navigation between screens, and the one
place errors become notifications (``on_store_failed``). Screens do the rest.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Concatenate, ParamSpec, TypeVar

from textual import constants, events, work
from textual.app import App
from textual.screen import ModalScreen
from textual.signal import Signal
from textual.worker import Worker

from peerhaven.core.i18n import N_, _, use_language
from peerhaven.sync.background import AfterSync, BackgroundSync, SyncRun
from peerhaven.tui.bindings import bindings_for, speak
from peerhaven.tui.commands import ActionsProvider
from peerhaven.tui.messages import SettingsChanged, StoreClosed, StoreFailed, StoreOpened
from peerhaven.tui.others_text import markup
from peerhaven.tui.sending import (
    ANSWER_TIMEOUT,
    SENDING_TIMEOUT,
    SendEnded,
    SendWanted,
    answer_words,
    sending_words,
)
from peerhaven.tui.syncing import (
    DEFAULT_INTERVAL_MINUTES,
    FIRST_SCREEN_WAIT,
    FIRST_SYNC_DELAY,
    SYNC_TIMEOUT,
    LiveArrived,
    LiveMailboxArrived,
    LivePollWanted,
    LiveStateChanged,
    RelayLive,
    StreamState,
    SyncEnded,
    SyncProgressed,
    SyncRelayFinished,
    SyncRelayStarted,
    SyncState,
    SyncStoreReady,
)
from peerhaven.tui.themes import DEFAULT_THEME, THEMES

if TYPE_CHECKING:
    from collections.abc import Iterator

    from textual.notifications import Notification

    from peerhaven.core.event import Event
    from peerhaven.store import Store
    from peerhaven.store.instance import InstanceLock
    from peerhaven.sync import RelayReport
    from peerhaven.sync.connection import SyncConnection
    from peerhaven.sync.live import Arrival
    from peerhaven.sync.local_relay import LocalRelay

P = ParamSpec("P")
T = TypeVar("T")

#: a save to run before the store closes (lock or quit): built on the UI thread, run in a worker
PendingSave = Callable[["Store"], object]

#: where each place's screen lives; imported on first visit so start-up stays quick
SCREENS_BY_PLACE: dict[str, str] = {
    "home": "peerhaven.tui.screens.home:HomeScreen",
    "journal": "peerhaven.tui.screens.journal:JournalScreen",
    "drafts": "peerhaven.tui.screens.drafts:DraftsScreen",
    "search": "peerhaven.tui.screens.search:SearchScreen",
    "activity": "peerhaven.tui.screens.activity:ActivityScreen",
    "settings": "peerhaven.tui.screens.settings:SettingsScreen",
    "browse": "peerhaven.tui.screens.browse:BrowseScreen",
}
# safety and filters (moderation work): reached from Settings (Ctrl+F), F8 and the palette
SCREENS_BY_PLACE["filters"] = "peerhaven.tui.screens.filters:FiltersScreen"
# private conversations and circles (issue 15): F11, m on home, the palette
SCREENS_BY_PLACE["messages"] = "peerhaven.tui.screens.messages:MessagesScreen"

IDLE_CHECK_SECONDS = 5.0

#: an error the code did not foresee: no class name (it means nothing to a member)
UNEXPECTED = N_("Something unexpected went wrong; nothing already saved was lost.")


class StoreLocked(Exception):
    """A worker reached for the store after it was locked; its result is simply dropped."""


def _pending(screen: object) -> list[PendingSave]:
    """A screen's unsaved work as a save to run, if it has any (see ``DraftEditorScreen``)."""
    pending = getattr(screen, "pending_save", None)
    save = pending() if callable(pending) else None
    return [save] if save is not None else []


def _usable(store: Store) -> bool:
    """Whether a connection still answers (after a failed re-key)."""
    try:
        store.execute("SELECT 1").fetchone()
    except Exception:
        return False
    return True


def _reopen(path: Path, passphrases: tuple[str, ...]) -> Store | None:
    """Open the store with whichever passphrase works now."""
    from peerhaven.store import open_store

    for passphrase in passphrases:
        try:
            return open_store(path, passphrase)
        except Exception:
            continue
    return None


def _load(target: str) -> Any:
    """Import a screen class from ``module:Name`` on first use."""
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


class PeerHavenApp(App[None]):
    """The terminal app over one encrypted store."""

    CSS_PATH = "app.tcss"
    TITLE = "PeerHaven"
    BINDINGS = bindings_for("app")
    COMMANDS: ClassVar[set[Any]] = {ActionsProvider}

    def __init__(self, path: Path | None = None, *, idle_check_seconds: float = IDLE_CHECK_SECONDS):
        # NO_COLOR means no colour at all: with native ANSI colours Textual's filter strips
        # every colour (without them it only turns colours grey); app.tcss then marks focus
        # and selection with shapes (a heavy border, reversed text) under :nocolor
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DEFAULT_THEME
        self.store_file = path
        self.store: Store | None = None
        self.settings: dict[str, Any] = {}
        self._store_lock = threading.Lock()
        self._idle_check_seconds = idle_check_seconds
        self.last_activity = time.monotonic()
        #: when the current stretch of reading began (for the break reminder)
        self.reading_since = time.monotonic()
        self.locked = False
        self._closer: Worker[None] | None = None
        #: the local relay this app started (stopped on quit); one found running is left be
        self.local_relay: LocalRelay | None = None
        #: this window's claim on the store (``store/instance.py``); None until taken
        self.instance_lock: InstanceLock | None = None
        #: the store unlocked here for plain mode to carry on with (the ``plain`` setting)
        self.plain_handover: Store | None = None
        self._init_sync()

    # -- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Ask for the passphrase, or welcome a first-time user when there is no store yet."""
        # every screen's keys read in the language of the moment it is shown
        self.screen_change_signal.subscribe(self, speak)
        speak(self)
        if self.store_file is None:
            from peerhaven.store.paths import store_path

            self.store_file = store_path()
        if not self._claim_store(self.store_file):
            return
        if self.store_file.exists():
            from peerhaven.tui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen(self.store_file))
        else:
            from peerhaven.tui.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen(self.store_file))
        self.set_interval(self._idle_check_seconds, self._tick)

    def _claim_store(self, path: Path) -> bool:
        """One window per store: take its lock, or say that another window has it."""
        from peerhaven.store.instance import AlreadyOpen, InstanceLock

        lock = InstanceLock(path)
        try:
            lock.acquire()
        except AlreadyOpen as exc:
            from peerhaven.tui.screens.already_open import AlreadyOpenScreen

            self.push_screen(AlreadyOpenScreen(str(exc)))
            return False
        self.instance_lock = lock
        return True

    def on_unmount(self) -> None:
        """The store is free for another window once this one has gone; an exit that
        skipped ``action_quit`` still ends the live streams and closes their connection."""
        connection = self.background.closed()
        if connection is not None:
            threading.Thread(target=connection.close, name="peerhaven-close", daemon=True).start()
        if self.instance_lock is not None:
            self.instance_lock.release()

    def _tick(self) -> None:
        """The periodic checks: auto-lock, then the break reminder."""
        self.check_lock()
        self.check_break()
        self.check_sync()

    def on_store_opened(self, message: StoreOpened) -> None:
        """Take the unlocked store; return to where the person was, or go home, or meet them."""
        if message.settings.get("plain") and not (self.locked or message.first_run):
            # the member chose plain mode: it carries on with this store once the app is gone
            self.plain_handover = message.store
            self.first_screen_ready.set()  # the unlock worker need not wait for a home screen
            self.exit()
            return
        self.store = message.store
        self.settings = message.settings
        self.apply_reduce_motion(bool(message.settings.get("reduce_motion")))
        use_language(str(message.settings.get("language", "auto")))
        speak(self)
        self.apply_theme(str(message.settings.get("theme", DEFAULT_THEME)))
        self.last_activity = self.reading_since = time.monotonic()
        self._await_first_screen(home=not (self.locked or message.first_run))
        if self.locked:
            self.locked = False
            self.pop_screen()
            return
        if message.settings.get("local_relay"):
            self._resume_local_relay()
        if message.first_run:
            from peerhaven.tui.screens.welcome import WelcomeScreen

            self.switch_screen(WelcomeScreen(message.pseudonym))
        else:
            self.switch_screen(_load(SCREENS_BY_PLACE["home"])())

    # -- the local relay (peerhaven/tui/local_relay.py starts it from a screen) ---------------

    @work(thread=True, group="local-relay", exclusive=True, exit_on_error=False)
    def _resume_local_relay(self) -> None:
        """The person chose the local relay: start it again on unlock, then sync."""
        from urllib.parse import urlsplit

        from peerhaven.sync.local_relay import start_local_relay

        try:
            # on the port the store knows it by, so its address (and cursors) stay valid
            relay = start_local_relay(port=urlsplit(str(self.settings["local_relay"])).port)
        except Exception as exc:
            self.post_message(StoreFailed(exc))
            return
        if relay.started:
            self.call_from_thread(self.adopt_local_relay, relay)
        self.call_from_thread(self.start_sync)

    def adopt_local_relay(self, relay: LocalRelay) -> None:
        """This app started the local relay, so it stops it when it quits."""
        self.local_relay = relay

    @work(thread=True, group="close", exit_on_error=False)
    def _stop_local_relay(self) -> None:
        """Stop the local relay this app started (it finishes what it holds first)."""
        from peerhaven.sync.local_relay import stop_local_relay

        self.local_relay = None
        stop_local_relay()

    def apply_theme(self, name: str) -> None:
        """Use a registered theme; an unknown name (a newer version's) falls back quietly."""
        self.theme = name if name in self.available_themes else DEFAULT_THEME

    def apply_reduce_motion(self, reduce: bool) -> None:
        """No spinners or animation when the member asked for less motion (Textual's
        animation level: "none" draws a loading indicator as the word "Loading...")."""
        self.animation_level = "none" if reduce else constants.TEXTUAL_ANIMATIONS

    def on_settings_changed(self, message: SettingsChanged) -> None:
        """Settings the app acts on take effect at once."""
        self.settings[message.key] = message.value
        if message.key == "theme":
            self.apply_theme(str(message.value))
        elif message.key == "reduce_motion":
            self.apply_reduce_motion(bool(message.value))
        elif message.key == "language":
            # screens already open keep their words; every screen opened from now on reads anew
            use_language(str(message.value))
            speak(self)
            speak(self.screen)
            self.notify(
                _("Screens you open from now on use this language; all of them after a restart.")
            )
        elif message.key == "break_reminder_minutes":
            self.reading_since = time.monotonic()
        elif message.key == "sync_interval_minutes":
            self._schedule_sync()
        elif message.key == "proxy" and self.background.connection is not None:
            proxy = message.value if isinstance(message.value, str) else None
            self._use_proxy(self.background.connection, proxy)

    # -- the store, from worker threads ------------------------------------------------------

    def store_call(
        self, fn: Callable[Concatenate[Store, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run one store function with the open store; call from a thread worker only.

        Calls are serialised (one connection, many workers). Errors are reported
        once, here, and re-raised so the worker stops.
        """
        with self._store_lock:
            store = self.store
            if store is None:
                raise StoreLocked
            try:
                return fn(store, *args, **kwargs)
            except Exception as exc:
                self.post_message(StoreFailed(exc))
                raise

    def change_passphrase(self, current: str, new: str) -> None:
        """Re-key the store (call from a worker): check the current passphrase, then swap in
        the re-encrypted store. Whatever fails, the app keeps a working connection."""
        from peerhaven.store import change_passphrase, open_store
        from peerhaven.store.errors import WrongPassphrase

        with self._sync_closed_for_rekey(current, new), self._store_lock:
            store = self.store
            if store is None:
                raise StoreLocked
            try:
                try:
                    open_store(store.path, current).close()
                except WrongPassphrase as exc:
                    raise WrongPassphrase(
                        _("That is not your current passphrase; nothing was changed.")
                    ) from exc
                rekeyed = change_passphrase(store, new)
                if self.locked:  # locked while re-keying: the new connection closes too
                    rekeyed.close()
                else:
                    self.store = rekeyed
            except Exception as exc:
                self.post_message(StoreFailed(exc))
                if self.store is store and not _usable(store):
                    self.store = _reopen(store.path, (current, new))
                raise

    def on_store_failed(self, message: StoreFailed) -> None:
        """The one place an error becomes words: the error's own sentence, never a traceback
        and never an internal name."""
        from peerhaven.core.errors import PeerHavenError
        from peerhaven.core.sentences import sentence

        error = message.error
        if isinstance(error, PeerHavenError):
            # the sentence may quote a relay or a name: inert, and not markup
            text = markup(sentence(str(error)), multiline=True)
        else:
            text = _(UNEXPECTED)
        self.notify(text, title=_("Not done"), severity="error", timeout=8)

    # -- navigation --------------------------------------------------------------------------

    async def action_go(self, place: str) -> None:
        """Open a place from anywhere: back to home first, so Esc always leads home."""
        if self.store is None or self.locked or isinstance(self.screen, ModalScreen):
            return  # a dialog is open: finish or cancel it first, nothing typed is dropped
        if getattr(self.screen, "PLACE", None) == place:
            return
        leaving = []
        for screen in reversed(self.screen_stack[2:]):
            if getattr(screen, "PLACE", None) == "home":
                break
            leaving.append(screen)
        # saved before the pops: home reloads its counts as it comes back, and must read
        # the feed's read mark (and an open draft) as saved, not race the save
        saves = [save for screen in leaving for save in _pending(screen)]
        if saves:
            self._run_saves(saves)
        for _screen in leaving:
            await self.pop_screen()
        if place != "home":
            await self.push_screen(_load(SCREENS_BY_PLACE[place])())

    async def action_open_setting(self, control: str) -> None:
        """Open Settings with one control focused (the palette's "proxy", "theme"...)."""
        from peerhaven.tui.screens.settings import SettingsScreen

        await self.action_go("settings")
        if isinstance(self.screen, SettingsScreen):
            self.screen.focus_control(control)

    async def action_back(self) -> None:
        """Leave the current place; home is the bottom and stays."""
        if len(self.screen_stack) > 2:
            await self.pop_screen()

    async def open_item(self, source: str, ref: int | str) -> None:
        """Open a journal entry, a draft or a post (from search) in the place it lives.

        A post opens its whole thread with the post highlighted, over the search
        results, so Esc goes back to them.
        """
        if source == "journal":
            await self.action_go("journal")
            open_entry = getattr(self.screen, "open_entry", None)
            if callable(open_entry):
                open_entry(int(ref))
        elif source == "draft":
            await self.action_go("drafts")
            open_draft = getattr(self.screen, "open_draft", None)
            if callable(open_draft):
                open_draft(int(ref))  # the composer for a post or reply, else the draft editor
        elif source == "post":
            from peerhaven.tui.screens.thread import ThreadScreen

            await self.push_screen(ThreadScreen(str(ref), focus=str(ref)))

    def action_crisis(self) -> None:
        """Crisis lines over whatever is showing, even the unlock screen."""
        from peerhaven.tui.modals.crisis import CrisisScreen

        if not isinstance(self.screen, CrisisScreen):
            self.push_screen(CrisisScreen())

    def action_help(self) -> None:
        """Show every key, generated from the bindings table."""
        from peerhaven.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- auto-lock and quitting --------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Any key or mouse event counts as activity for the auto-lock."""
        if isinstance(event, events.Key | events.MouseEvent):
            self.last_activity = time.monotonic()
        await super().on_event(event)

    @property
    def lock_after_seconds(self) -> float:
        """Idle time before locking, from the ``lock_after_minutes`` setting."""
        return float(self.settings.get("lock_after_minutes") or 10) * 60

    def check_lock(self, now: float | None = None) -> None:
        """Lock once idle for longer than the setting (a timer calls this every few seconds)."""
        if self.store is None or self.locked:
            return
        current = time.monotonic() if now is None else now
        if current - self.last_activity >= self.lock_after_seconds:
            self.lock(idle=True)

    def check_break(self, now: float | None = None) -> None:
        """After the chosen reading time, a gentle note (never a block); then count afresh."""
        minutes = self.settings.get("break_reminder_minutes")
        if self.store is None or self.locked or not minutes:
            return
        current = time.monotonic() if now is None else now
        if current - self.reading_since >= float(minutes) * 60:
            self.reading_since = current
            self.notify(
                _(
                    "You have been reading for {minutes} minutes. A short break (some water, a "
                    "stretch, a look out of the window) can help. Everything will still be here."
                ).format(minutes=minutes),
                title=_("A gentle pause"),
                timeout=30,
            )

    def _pending_saves(self) -> list[PendingSave]:
        """Unsaved work on every open screen."""
        return [save for screen in self.screen_stack for save in _pending(screen)]

    @work(thread=True, group="saves", exit_on_error=False)
    def _run_saves(self, saves: list[PendingSave]) -> None:
        """Save what a screen being left had not saved yet (an open draft)."""
        for save in saves:
            self.store_call(save)

    def action_lock(self) -> None:
        """Ctrl+L: lock now."""
        self.lock(idle=False)

    def lock(self, *, idle: bool) -> None:
        """Cover everything with the unlock screen, save open drafts, then drop the connection.

        ``idle``: the idle timer locked it, and only then does the screen say so.
        """
        if self.store is None or self.locked or self.store_file is None:
            return
        from peerhaven.tui.screens.unlock import LockedBy, UnlockScreen

        self.locked = True
        by: LockedBy = "idle" if idle else "hand"
        self.push_screen(UnlockScreen(self.store_file, locked_by=by))
        self._close_sync_store(self._take_sync_store())
        self._closer = self._close_store(self._take_store(), self._pending_saves())

    def _take_store(self) -> Store | None:
        """Detach the store on the UI thread, so nothing new can start using it."""
        store, self.store = self.store, None
        return store

    # not exclusive: a lock followed by a quit must run both closes, never cancel one
    @work(thread=True, group="close", exit_on_error=False)
    def _close_store(self, store: Store | None, saves: list[PendingSave]) -> None:
        """Wait for calls in flight, run pending saves, and close the store off the UI thread."""
        if store is None:
            return
        with self._store_lock:
            try:
                for save in saves:
                    save(store)
            except Exception as exc:
                self.post_message(StoreFailed(exc))
            finally:
                store.close()
        self.post_message(StoreClosed())

    async def action_quit(self) -> None:
        """Save open drafts before leaving; nothing typed is lost to a quit."""
        closing = [self._closer] if self._closer is not None else []
        closing.append(self._close_sync_store(self._take_sync_store()))
        if self.store is not None:
            closing.append(self._close_store(self._take_store(), self._pending_saves()))
        if self.local_relay is not None:
            closing.append(self._stop_local_relay())
        try:
            for worker in closing:
                with contextlib.suppress(Exception):
                    await worker.wait()
        finally:
            self.exit()

    # -- sync in the app (browse/join/sync work) ---------------------------------------------
    #
    # The sync runs in one thread worker at a time on its own connection (see
    # ``tui/syncing.py``), so store calls from screens never wait for a long pull. Its
    # messages come back here; the live state goes out to screens through the
    # ``sync_changed`` signal. When syncs run is decided by ``sync/background.py``
    # (``self.background``), shared with ``peerhaven sync --watch``; ``start_sync`` and
    # ``request_sync`` are the ways to ask for one (the Sync now key, the palette, a
    # join, screens through ``tui/services.py``). The controller also holds the
    # ``SyncConnection`` (``sync/connection.py``): one long-lived ``Syncer`` on the sync's
    # connection for every sync and send, and a live stream per relay; what the streams
    # do comes back as ``LiveArrived`` and ``LiveStateChanged`` and goes out to screens
    # through ``sync_changed`` and ``arrived``.

    def _init_sync(self) -> None:
        """Sync state, created with the app."""
        self._pull_counts: dict[tuple[str, str], int] = {}
        #: when syncs run, one at a time (headless: ``peerhaven sync --watch`` shares it)
        self.background = BackgroundSync(self._launch_sync, lambda: self.sync_interval_seconds)
        self.sync_state = SyncState()
        #: sends asked for before the sync's connection opened: started once it is open
        self._sends_waiting: list[tuple[tuple[Event, ...], str, Notification, str]] = []
        #: the "Sending…" notes on screen, taken down on lock (they name the action)
        self._sending_notes: list[Notification] = []
        #: set once the first screen after unlocking has its figures: the sync connection
        #: (another ~85 ms key derivation) opens only then, so unlocking stays quick
        self.first_screen_ready = threading.Event()
        #: every screen that shows sync status subscribes to this
        self.sync_changed: Signal[SyncState] = Signal(self, "sync-changed")
        #: screens that show posts subscribe to this: a live stream stored new ones
        self.arrived: Signal[Arrival] = Signal(self, "arrived")

    @property
    def syncing(self) -> bool:
        """Whether a sync is running now."""
        return self.background.syncing

    @property
    def sync_store(self) -> Store | None:
        """The sync's own connection; None while locked or before it is opened."""
        connection = self.background.connection
        return connection.store if connection is not None else None

    def _await_first_screen(self, *, home: bool) -> None:
        """Home sets ``first_screen_ready`` when its figures are on screen (or after a
        moment at most); returning to a place after a lock, or a first run, sets it now."""
        if not home:
            self.first_screen_ready.set()
        else:
            self.set_timer(FIRST_SCREEN_WAIT, self.first_screen_ready.set)

    def on_sync_store_ready(self, message: SyncStoreReady) -> None:
        """Take the sync's connection (closing it at once if the app locked meanwhile):
        the controller holds it, and its live streams open now."""
        from peerhaven.sync.connection import SyncConnection

        if self.locked or self.store is None or self.sync_store is not None:
            self._close_bare_store(message.store)
            return
        connection = SyncConnection(
            message.store,
            timeout=SYNC_TIMEOUT,
            on_arrival=self._live_arrival,
            on_state=self._live_state,
            poll=self._live_poll,
            on_mailbox=self._live_mailbox,
        )
        self.background.opened(first_in=FIRST_SYNC_DELAY, connection=connection)
        waiting, self._sends_waiting = self._sends_waiting, []
        for signed, title, sending, keep in waiting:
            self._run_send(signed, title, sending, keep)

    def start_sync(self, *, relays: list[str] | None = None, force: bool = False) -> bool:
        """Start a sync in the background (UI thread); False when one runs already or the
        store is locked. Right after unlocking it starts once the sync's connection is open.

        ``force`` ignores the relays' back-off (an explicit "Sync now"); ``relays``
        limits it to some relays (after joining a community, say).
        """
        if self.store is None or self.locked:
            return False
        return self.background.start(relays=relays, force=force)

    def request_sync(
        self,
        *,
        relays: list[str] | None = None,
        force: bool = False,
        then: AfterSync | None = None,
    ) -> None:
        """Sync now, or as soon as the running sync ends (after joining, say, so the new
        community's posts are fetched even if a background sync was under way).

        ``then`` runs on the UI thread once the sync covering this request has ended
        (the moderators' queue reloads then); at once if no sync can run (locked).
        """
        if self.store is None or self.locked:
            if then is not None:
                then()
            return
        self.background.request(relays=relays, force=force, then=then)

    def _launch_sync(self, run: SyncRun) -> None:
        """How the app runs a sync the controller starts: in a worker, saying so first."""
        self._pull_counts = {}
        self._publish_sync(replace(self.sync_state, running=True, landed=False))
        self._run_sync(run, self.background.connection)

    def stop_sync(self) -> None:
        """Ask a running sync to end at its next page boundary (nothing stored is lost)."""
        self.background.stop()

    def action_sync_now(self) -> None:
        """The Sync now key: every relay, back-off or not."""
        if self.store is None or self.locked:
            return
        if not self.start_sync(force=True):
            self.notify(_("A sync is already running; its progress shows on home."), timeout=4)
        else:
            self.notify(_("Syncing with your relays…"), timeout=3)

    @property
    def sync_interval_seconds(self) -> float | None:
        """Seconds between background syncs; None when the setting turns them off."""
        minutes = self.settings.get("sync_interval_minutes", DEFAULT_INTERVAL_MINUTES)
        return float(minutes) * 60 if minutes else None

    def _schedule_sync(self) -> None:
        """The next background sync, one interval from now."""
        self.background.schedule()

    def check_sync(self, now: float | None = None) -> None:
        """Start the background sync when it is due (a timer calls this every few seconds).

        Relays in back-off are skipped by the sync itself, so a failing relay is
        not hammered; with no relays the sync does nothing.
        """
        self.background.tick(now)

    @contextlib.contextmanager
    def sync_paused(self) -> Iterator[None]:
        """In a worker: stop a running sync and keep syncs, sends and live pages out while
        this block runs (leaving a community must not race a pull that would bring its
        posts back); the streams then follow the communities kept."""
        self.stop_sync()
        connection = self.background.connection
        if connection is None:
            yield
            return
        with connection.paused():
            yield

    @work(thread=True, group="sync", exit_on_error=False)
    def _run_sync(self, run: SyncRun, connection: SyncConnection | None) -> None:
        """Push and pull on the sync's own connection; every step is a message."""
        from peerhaven.sync import SyncStopped

        def progress(url: str, slug: str, count: int) -> None:
            self.post_message(SyncProgressed(url, slug, count))

        def started(url: str) -> None:
            self.post_message(SyncRelayStarted(url))

        def finished(report: RelayReport) -> None:
            self.post_message(SyncRelayFinished(report))

        if connection is None:
            self.post_message(SyncEnded(None, explicit=run.force, stopped=True))
            return
        try:
            report = connection.sync(run, progress=progress, started=started, finished=finished)
        except SyncStopped:
            self.post_message(SyncEnded(None, explicit=run.force, stopped=True))
        except Exception as exc:
            self.post_message(SyncEnded(None, explicit=run.force, error=exc))
        else:
            self.post_message(SyncEnded(report, explicit=run.force))

    def _publish_sync(self, state: SyncState) -> None:
        self.sync_state = state
        self.sync_changed.publish(state)

    def on_sync_relay_started(self, message: SyncRelayStarted) -> None:
        """Home shows "syncing…" for this relay."""
        self._publish_sync(self.sync_state.with_relay(message.url, RelayLive("syncing")))

    def on_sync_progressed(self, message: SyncProgressed) -> None:
        """A page landed: the count goes up, and screens may reload their counts."""
        self._pull_counts[(message.url, message.slug)] = message.count
        pulled = sum(n for (url, _), n in self._pull_counts.items() if url == message.url)
        live = RelayLive("syncing", pulled=pulled)
        self._publish_sync(self.sync_state.with_relay(message.url, live, landed=True))

    def on_sync_relay_finished(self, message: SyncRelayFinished) -> None:
        """The relay's outcome in words: done with counts, failed with the reason, or waiting."""
        report: RelayReport = message.report
        if report.skipped:
            live = RelayLive("waiting")
        elif report.error:
            live = RelayLive("failed", error=report.error)
        else:
            live = RelayLive("done", pulled=report.pulled, pushed=report.pushed)
        self._publish_sync(self.sync_state.with_relay(report.url, live, landed=True))

    def on_sync_ended(self, message: SyncEnded) -> None:
        """Publish the end; an explicit sync says how it went, a background one stays quiet."""
        from peerhaven.tui.syncing import summary

        relays = dict(self.sync_state.relays)
        if message.stopped:
            relays = {
                url: RelayLive("stopped") if live.phase == "syncing" else live
                for url, live in relays.items()
            }
        self._publish_sync(replace(self.sync_state, running=False, relays=relays, landed=True))
        self._pulled_into_open_screens()
        self.background.ended(stopped=message.stopped)
        if message.error is not None:
            self.post_message(StoreFailed(message.error))
        elif message.report is not None and message.explicit:
            text, failed = summary(message.report)  # quotes relays' error messages
            self.notify(
                markup(text, multiline=True),
                title=_("Sync"),
                severity="warning" if failed else "information",
            )

    def _pulled_into_open_screens(self) -> None:
        """What a sync pulled (a poll of a relay that cannot stream, say) shows in open
        feeds and threads as a live arrival does (which posts is not told: ``ids`` empty)."""
        from peerhaven.sync.live import Arrival

        for (url, slug), count in self._pull_counts.items():
            if count:
                self.arrived.publish(Arrival(url, slug, ()))
        self._pull_counts = {}

    # -- live streams (``sync/connection.py``) ------------------------------------------------

    # the streams' threads call these three; each becomes a message on the UI thread

    def _live_arrival(self, arrival: Arrival) -> None:
        self.post_message(LiveArrived(arrival))

    def _live_mailbox(self, url: str, stored: tuple[str, ...]) -> None:
        self.post_message(LiveMailboxArrived(url, stored))

    def _live_state(self, url: str, state: str, detail: str | None) -> None:
        self.post_message(LiveStateChanged(url, state, detail))

    def _live_poll(self, url: str) -> None:
        self.post_message(LivePollWanted(url))

    def on_live_arrived(self, message: LiveArrived) -> None:
        """A stream stored new posts: open feeds and threads add them in place; home's
        counts, Activity and the header's count reload."""
        if self.locked or self.store is None:
            return
        self.arrived.publish(message.arrival)
        self._publish_sync(replace(self.sync_state, landed=True))

    def on_live_mailbox_arrived(self, message: LiveMailboxArrived) -> None:
        """A stream stored private messages or circle events: every screen that counts or
        lists them reloads in place (``landed``), as for posts."""
        if self.locked or self.store is None or not message.stored:
            return
        self._publish_sync(replace(self.sync_state, landed=True))
        from peerhaven.store.outbox import pending_count

        if pending_count(self.store, message.url):
            # what arrived asked for an answer (a circle's welcome to a joiner, a new key
            # after a leave): it leaves now, not at the next scheduled sync
            self.background.request(relays=[message.url])

    def on_live_state_changed(self, message: LiveStateChanged) -> None:
        """Home's relay lines say what each stream does now ("live", "polling"…)."""
        if self.locked or self.store is None:
            return
        stream = StreamState(message.state, message.detail)
        self._publish_sync(self.sync_state.with_stream(message.url, stream))

    def on_live_poll_wanted(self, message: LivePollWanted) -> None:
        """A relay that cannot stream is polled: a sync of that relay (its back-off holds)."""
        if self.locked or self.store is None:
            return
        self.background.request(relays=[message.url])

    def follow_relays(self) -> None:
        """A relay was added or removed: streams follow the list now, not after the next
        sync (any thread; the work runs on a thread of its own, as the store may be busy)."""
        connection = self.background.connection
        if connection is not None:
            threading.Thread(
                target=connection.follow, name="peerhaven-live-open", daemon=True
            ).start()

    @work(thread=True, group="sync-proxy", exit_on_error=False)
    def _use_proxy(self, connection: SyncConnection, proxy: str | None) -> None:
        """A new proxy: syncs and streams connect through it from now on."""
        connection.use_proxy(proxy)

    # -- sending at once (``tui/sending.py``) --------------------------------------------------

    def send_now(self, events: Sequence[Event], title: str, done: str = "", keep: str = "") -> None:
        """Send what one action signed at once, saying "Sending…" now and the relays'
        answer when it comes (with ``keep`` after it). Safe from a worker thread too (it
        posts a message)."""
        self.post_message(SendWanted(events, title, done, keep))

    def on_send_wanted(self, message: SendWanted) -> None:
        """Say "Sending…" at once; send on the sync's connection, or once it is open."""
        from textual.notifications import Notification, Notify

        if not message.events:
            return
        sending = Notification(
            sending_words(message.done), message.title, timeout=SENDING_TIMEOUT, markup=True
        )
        self.post_message(Notify(sending))
        self._sending_notes.append(sending)
        if self.locked or self.store is None:  # locked meanwhile: the outbox keeps them
            self.post_message(SendEnded(message.title, None, sending, message.keep))
        elif self.background.connection is None:  # just unlocked: sent once it is open
            self._sends_waiting.append((message.events, message.title, sending, message.keep))
        else:
            self._run_send(message.events, message.title, sending, message.keep)

    # not exclusive: every send runs, one after another on the sync's lock
    def _run_send(
        self, events: tuple[Event, ...], title: str, sending: Notification, keep: str = ""
    ) -> None:
        """Send on the sync's connection (UI thread: the connection is taken here)."""
        self._send_on(self.background.connection, events, title, sending, keep)

    @work(thread=True, group="send", exit_on_error=False)
    def _send_on(
        self,
        connection: SyncConnection | None,
        events: tuple[Event, ...],
        title: str,
        sending: Notification,
        keep: str,
    ) -> None:
        """Push on the sync's own connection, after a sync in flight (which holds it)."""
        from peerhaven.sync.send import Delivery

        delivery: Delivery | None = None
        if connection is not None:
            try:
                delivery = connection.send(events)
            except Exception:  # the events stay queued: the next sync carries them
                delivery = None
        self.post_message(SendEnded(title, delivery, sending, keep))

    def on_send_ended(self, message: SendEnded) -> None:
        """The relays' answer replaces "Sending…"; home's "waiting to send" is re-read."""
        self._unnotify(message.sending)
        if message.sending in self._sending_notes:
            self._sending_notes.remove(message.sending)
        if self.locked or self.store is None:
            return  # the lock screen shows nothing of what was done
        delivery = message.delivery
        text = f"{answer_words(delivery)} {message.keep}".rstrip()
        refused = delivery is not None and bool(delivery.refused)
        self.notify(
            markup(text, multiline=True),
            title=message.title,
            severity="warning" if refused else "information",
            timeout=ANSWER_TIMEOUT,
        )
        self._publish_sync(replace(self.sync_state, landed=True))

    def _take_sync_store(self) -> SyncConnection | None:
        """Stop the sync and the live streams, and detach their connection on the UI thread
        (lock, quit); the streams' sockets are shut now, the rest closes in a worker.

        Sends not started yet stay in the outbox for the next unlock's sync; their
        "Sending…" notes come down, so the lock screen shows nothing of what was done.
        """
        connection = self.background.closed()
        self._sends_waiting = []
        for note in self._sending_notes:
            self._unnotify(note)
        self._sending_notes = []
        self.first_screen_ready.clear()
        self._publish_sync(replace(self.sync_state, streams={}, landed=False))
        return connection

    @work(thread=True, group="close-sync", exit_on_error=False)
    def _close_sync_store(self, connection: SyncConnection | None) -> None:
        """Close the streams and the sync's connection once the running sync has let go."""
        if connection is not None:
            connection.close()

    @work(thread=True, group="close-sync", exit_on_error=False)
    def _close_bare_store(self, store: Store) -> None:
        """A sync connection that opened too late (locked meanwhile) closes unused."""
        store.close()

    @contextlib.contextmanager
    def _sync_closed_for_rekey(self, current: str, new: str) -> Iterator[None]:
        """Re-keying replaces the file: the sync's connection closes before and reopens
        after, with whichever passphrase opens the store then (called in a worker)."""
        connection = self.call_from_thread(self.background.suspend)
        path = connection.store.path if connection is not None else None
        if connection is not None:
            connection.close()
        try:
            yield
        finally:
            if path is not None:
                reopened = _reopen(path, (new, current))
                if reopened is not None:
                    self.post_message(SyncStoreReady(reopened))


def run() -> Store | None:
    """Start the app in this terminal (the bare ``peerhaven`` command).

    Returns the store the app unlocked and handed over when the member's ``plain``
    setting is on (the caller carries on in plain mode with it), else None.
    """
    app = PeerHavenApp()
    try:
        app.run()
    finally:
        if app.local_relay is not None:  # an exit that skipped action_quit (a crash)
            from peerhaven.sync.local_relay import stop_local_relay

            stop_local_relay()
    return app.plain_handover
