"""Settings: theme, lock time, break reminder, background sync, the crisis prompt, the
activity bell and its quiet hours, relays and
proxy, personas (their profiles, and withdrawing everything one wrote), passphrase, and the
way to Safety and filters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Header, OptionList, Select, Static, Switch
from textual.widgets.option_list import Option

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.local_relay import LocalRelayFailed, LocalRelayProgress, LocalRelayReady
from peerhaven.tui.messages import SettingsChanged
from peerhaven.tui.modals.confirm import ConfirmModal
from peerhaven.tui.modals.new_persona import NewPersonaModal
from peerhaven.tui.modals.passphrase import PassphraseModal
from peerhaven.tui.screens.base import PlaceScreen
from peerhaven.tui.themes import THEME_LABELS
from peerhaven.tui.widgets.network_settings import NetworkSettings
from peerhaven.tui.widgets.profile_editor import ProfileEditor

if TYPE_CHECKING:
    from peerhaven.store.personas import PersonaInfo

BREAK_CHOICES = (20, 30, 45, 60, 90)
SYNC_CHOICES = (1, 5, 15, 30, 60)
LOCK_CHOICES = (1, 2, 5, 10, 15, 30, 60)
#: quiet hours offered here (any other span can be set with ``peerhaven settings``)
QUIET_CHOICES = ("21:00-07:00", "22:00-07:00", "23:00-08:00", "00:00-08:00")

#: each language in its own words, so a member who cannot read the current one finds theirs
LANGUAGE_NAMES = {"en": "English", "es": "Español", "de": "Deutsch"}


def quiet_options(spans: Iterable[str]) -> list[tuple[str, str]]:
    """Never quiet (""), or a span of the day without the bell."""
    return [
        (_("Never"), ""),
        *(
            (_("No bell {replace}").format(replace=span.replace("-", " to ")), span)
            for span in spans
        ),
    ]


def sync_options(minutes: Iterable[int]) -> list[tuple[str, int]]:
    """The background sync choices: off (0), or every so many minutes."""
    every = (
        (ngettext("Every {count} minute", "Every {count} minutes", m).format(count=m), m)
        for m in minutes
    )
    return [(_("Off: only when I press Ctrl+T"), 0), *every]


def persona_label(persona: PersonaInfo) -> Text:
    """Pseudonym, short key, default mark in words, label and communities."""
    text = Text()
    text.append(persona.pseudonym, style="bold")
    text.append(f"  {persona.fingerprint}")
    if persona.is_default:
        text.append("  (default)", style="bold")
    since = localized.when(persona.created_at, localized.DAY_YEAR)
    text.append(f"  since {since}", style="dim")
    if persona.label:
        text.append(f"  {persona.label}", style="italic")
    if persona.communities:
        text.append("  in " + ", ".join(persona.communities))
    return text


class SettingsScreen(PlaceScreen):
    """Each change is saved at once, in a worker."""

    PLACE = "settings"
    SUB_TITLE = N_("Settings")
    BINDINGS = bindings_for("settings")
    #: the first control, so the screen opens with something visibly focused
    AUTO_FOCUS = "#theme"

    class Loaded(Message):
        """Current settings and personas."""

        def __init__(self, settings: dict[str, Any], personas: list[PersonaInfo]) -> None:
            self.settings = settings
            self.personas = personas
            super().__init__()

    class Done(Message):
        """A change went through; ``note`` says which."""

        def __init__(self, note: str, reload: bool = False) -> None:
            self.note = note
            self.reload = reload
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.personas: list[PersonaInfo] = []
        self.ready = False

    def compose(self) -> ComposeResult:
        """Sections top to bottom, scrolling on small terminals."""
        yield Header()
        with VerticalScroll(id="settings"):
            with Horizontal(classes="setting"):
                yield Static(_("Theme"), classes="label")
                yield Select(
                    [(_(label), name) for name, label in THEME_LABELS.items()],
                    id="theme", allow_blank=False,
                )  # fmt: skip
            with Horizontal(classes="setting"):
                yield Static(_("Language"), classes="label")
                yield Select(
                    [(_("Automatic (system)"), "auto"),
                     *((name, code) for code, name in LANGUAGE_NAMES.items())],
                    id="language", allow_blank=False, value="auto",
                )  # fmt: skip
            with Horizontal(classes="setting"):
                yield Static(_("Lock after"), classes="label")
                yield Select(
                    [(ngettext("{count} minute idle", "{count} minutes idle", m).format(count=m), m)
                     for m in LOCK_CHOICES],
                    id="lock", allow_blank=False, value=10,
                )  # fmt: skip
            with Horizontal(classes="setting"):
                yield Static(_("Break reminder"), classes="label")
                yield Select(
                    [(_("Off"), 0), *(
                        (_("After {minutes} minutes of reading").format(minutes=m), m)
                        for m in BREAK_CHOICES
                    )],
                    id="break", allow_blank=False, value=0,
                )  # fmt: skip
            with Horizontal(classes="setting"):
                yield Static(_("Background sync"), classes="label")
                yield Select(
                    sync_options(SYNC_CHOICES), id="sync-interval", allow_blank=False, value=5
                )
            with Horizontal(classes="setting"):
                yield Static(_("Crisis prompt"), classes="label")
                yield Switch(id="crisis", value=True)
                yield Static(_("On"), id="crisis-state", classes="state")
                yield Static(
                    _(
                        "Offer crisis resources when something you write sounds like you may "
                        "be in danger."
                    ),
                    classes="explain",
                )
            with Horizontal(classes="setting"):
                yield Static(_("Activity bell"), classes="label")
                yield Switch(id="activity-bell", value=False)
                yield Static(_("Off"), id="activity-bell-state", classes="state")
                yield Static(
                    _(
                        "Ring the terminal bell when a sync brings a reply, a reaction or a "
                        "moderator's decision about your posts."
                    ),
                    classes="explain",
                )
            with Horizontal(classes="setting"):
                yield Static(_("Quiet hours"), classes="label")
                yield Select(
                    quiet_options(QUIET_CHOICES), id="quiet-hours", allow_blank=False, value=""
                )
            with Horizontal(classes="setting"):
                yield Static(_("Reduce motion"), classes="label")
                yield Switch(id="reduce-motion", value=False)
                yield Static(_("Off"), id="reduce-motion-state", classes="state")
                yield Static(
                    _("No spinners or animation: loading says so in words."), classes="explain"
                )
            with Horizontal(classes="setting"):
                yield Static(_("Plain mode"), classes="label")
                yield Switch(id="plain-mode", value=False)
                yield Static(_("Off"), id="plain-mode-state", classes="state")
                yield Static(
                    _(
                        "After unlocking, carry on as lines of text for screen readers and "
                        "braille (peerhaven --plain starts there)."
                    ),
                    classes="explain",
                )
            yield NetworkSettings()
            yield Static(_("Personas"), classes="section")
            yield OptionList(id="personas")
            with Horizontal(classes="buttons"):
                yield Button(_("New persona (Ctrl+N)"), id="new-persona")
                yield Button(_("Use as default (Ctrl+D)"), id="default-persona")
            with Horizontal(classes="buttons"):  # a second row: four do not fit in 80 columns
                yield Button(_("Edit profile… (Ctrl+E)"), id="edit-profile")
                yield Button(_("Withdraw everything… (Ctrl+W)"), id="withdraw-persona")
            yield Static(_("Passphrase"), classes="section")
            with Horizontal(classes="buttons"):
                yield Button(_("Change passphrase… (Ctrl+K)"), id="change-passphrase")
            yield Static(_("Safety"), classes="section")
            with Horizontal(classes="buttons"):
                yield Button(_("Safety and filters… (Ctrl+F)"), id="filters")
            yield ProfileEditor()
        yield Footer()

    def on_mount(self) -> None:
        """Load the current values."""
        self.load()

    @work(thread=True, exclusive=True, group="settings-load", exit_on_error=False)
    def load(self) -> None:
        """Settings and personas in one trip."""
        from peerhaven.store.personas import list_personas
        from peerhaven.store.settings import all_settings

        settings = self.peerhaven.store_call(all_settings)
        self.post_message(self.Loaded(settings, self.peerhaven.store_call(list_personas)))

    def on_settings_screen_loaded(self, message: Loaded) -> None:
        """Show the stored values without treating that as a change."""
        self.ready = False
        values = message.settings
        theme = values.get("theme")
        self.query_one("#theme", Select).value = theme if theme in THEME_LABELS else "calm"
        language = values.get("language")
        self.query_one("#language", Select).value = (
            language if language in LANGUAGE_NAMES else "auto"
        )
        minutes = values.get("lock_after_minutes")
        if minutes in LOCK_CHOICES:
            self.query_one("#lock", Select).value = minutes
        self.query_one("#crisis", Switch).value = bool(values.get("crisis_prompt"))
        reminder = values.get("break_reminder_minutes")
        self.query_one("#break", Select).value = reminder if reminder in BREAK_CHOICES else 0
        interval = self.query_one("#sync-interval", Select)
        every = values.get("sync_interval_minutes")
        if not every:
            interval.value = 0
        elif every in SYNC_CHOICES:
            interval.value = every
        elif isinstance(every, int) and every > 0:  # another value, set from the CLI
            interval.set_options(sync_options(sorted({*SYNC_CHOICES, every})))
            interval.value = every
        self.query_one("#activity-bell", Switch).value = bool(values.get("activity_bell"))
        self.query_one("#reduce-motion", Switch).value = bool(values.get("reduce_motion"))
        self.query_one("#plain-mode", Switch).value = bool(values.get("plain"))
        quiet = self.query_one("#quiet-hours", Select)
        span = values.get("quiet_hours") or ""
        if span and span not in QUIET_CHOICES:  # another span, set from the CLI
            quiet.set_options(quiet_options(sorted({*QUIET_CHOICES, span})))
        quiet.value = span
        self.personas = message.personas
        option_list = self.query_one("#personas", OptionList)
        keep = option_list.highlighted
        option_list.clear_options()
        option_list.add_options(Option(persona_label(p), id=p.pubkey) for p in self.personas)
        if self.personas:
            option_list.highlighted = min(keep or 0, len(self.personas) - 1)
        self.call_after_refresh(self._ready)

    def focus_control(self, control: str) -> None:
        """Focus one control by id and bring it into view (the palette finds settings)."""
        widget = self.query_one(f"#{control}")
        widget.focus()
        self.call_after_refresh(widget.scroll_visible, top=True, animate=False)

    def _ready(self) -> None:
        """From now on, a changed control is a person's choice."""
        self.ready = True

    # -- simple settings -------------------------------------------------------------------

    @on(Select.Changed, "#theme")
    def theme_chosen(self, event: Select.Changed) -> None:
        """Apply the theme at once, then store it."""
        if self.ready and isinstance(event.value, str):
            self.post_message(SettingsChanged("theme", event.value))
            self.store_setting("theme", event.value)

    @on(Select.Changed, "#language")
    def language_chosen(self, event: Select.Changed) -> None:
        """Screens opened from now on speak it (the app says so in the new language)."""
        current = self.peerhaven.settings.get("language", "auto")
        if self.ready and isinstance(event.value, str) and event.value != current:
            self.post_message(SettingsChanged("language", event.value))
            self.store_setting("language", event.value)

    @on(Select.Changed, "#lock")
    def lock_chosen(self, event: Select.Changed) -> None:
        """The new idle time counts from now."""
        if self.ready and isinstance(event.value, int):
            self.post_message(SettingsChanged("lock_after_minutes", event.value))
            self.store_setting("lock_after_minutes", event.value)

    @on(Select.Changed, "#break")
    def break_chosen(self, event: Select.Changed) -> None:
        """Off, or minutes of reading before a gentle note; counts from now."""
        if self.ready and isinstance(event.value, int):
            value = event.value or None
            self.post_message(SettingsChanged("break_reminder_minutes", value))
            self.store_setting("break_reminder_minutes", value)

    @on(Select.Changed, "#sync-interval")
    def sync_interval_chosen(self, event: Select.Changed) -> None:
        """Off, or minutes between background syncs; the next one is an interval from now."""
        if self.ready and isinstance(event.value, int):
            value = event.value or None
            self.post_message(SettingsChanged("sync_interval_minutes", value))
            self.store_setting("sync_interval_minutes", value)

    @on(Switch.Changed, "#crisis")
    def crisis_chosen(self, event: Switch.Changed) -> None:
        """Stored now; the prompt itself arrives with the crisis resources."""
        self.query_one("#crisis-state", Static).update(_("On") if event.value else _("Off"))
        if self.ready:
            self.post_message(SettingsChanged("crisis_prompt", event.value))
            self.store_setting("crisis_prompt", event.value)

    @on(Switch.Changed, "#activity-bell")
    def bell_chosen(self, event: Switch.Changed) -> None:
        """Read after each sync, so it applies from the next one."""
        self.query_one("#activity-bell-state", Static).update(_("On") if event.value else _("Off"))
        if self.ready:
            self.store_setting("activity_bell", event.value)

    @on(Switch.Changed, "#reduce-motion")
    def motion_chosen(self, event: Switch.Changed) -> None:
        """Spinners and animation stop (or start again) at once."""
        self.query_one("#reduce-motion-state", Static).update(_("On") if event.value else _("Off"))
        if self.ready:
            self.post_message(SettingsChanged("reduce_motion", event.value))
            self.store_setting("reduce_motion", event.value)

    @on(Switch.Changed, "#plain-mode")
    def plain_chosen(self, event: Switch.Changed) -> None:
        """Read at the next unlock, when the app hands the store to plain mode."""
        self.query_one("#plain-mode-state", Static).update(_("On") if event.value else _("Off"))
        if self.ready:
            self.store_setting("plain", event.value)

    @on(Select.Changed, "#quiet-hours")
    def quiet_chosen(self, event: Select.Changed) -> None:
        """Never, or a span of the day in which the bell stays silent."""
        if self.ready and isinstance(event.value, str):
            self.store_setting("quiet_hours", event.value or None)

    @work(thread=True, group="settings-write", exit_on_error=False)
    def store_setting(self, key: str, value: Any) -> None:
        """Write one preference."""
        from peerhaven.store.settings import set_setting

        self.peerhaven.store_call(set_setting, key, value)

    # -- personas --------------------------------------------------------------------------

    @on(Button.Pressed, "#new-persona")
    def action_new_persona(self) -> None:
        """Ask for an optional label, then make the persona."""

        def chosen(label: str | None) -> None:
            """The dialog closed: act on its answer (None means cancelled)."""
            if label is not None:
                self.create_persona(label)

        self.app.push_screen(NewPersonaModal(), chosen)

    @work(thread=True, exclusive=True, group="settings-persona", exit_on_error=False)
    def create_persona(self, label: str) -> None:
        """A new key pair, stored encrypted."""
        from peerhaven.store.personas import create_persona

        persona = self.peerhaven.store_call(create_persona, label=label)
        self.post_message(
            self.Done(
                _("New persona: {pseudonym}.").format(pseudonym=persona.pseudonym), reload=True
            )
        )

    @on(Button.Pressed, "#default-persona")
    def action_default_persona(self) -> None:
        """Make the highlighted persona the default."""
        index = self.query_one("#personas", OptionList).highlighted
        if index is not None and index < len(self.personas):
            self.set_default(self.personas[index].pubkey, self.personas[index].pseudonym)

    @work(thread=True, exclusive=True, group="settings-persona", exit_on_error=False)
    def set_default(self, pubkey: str, name: str) -> None:
        """Store the choice."""
        from peerhaven.store.personas import set_default_persona

        self.peerhaven.store_call(set_default_persona, pubkey)
        self.post_message(
            self.Done(_("{name} is now your default persona.").format(name=name), reload=True)
        )

    @on(Button.Pressed, "#edit-profile")
    def action_edit_profile(self) -> None:
        """The highlighted persona's profile, checked like a post before it goes out."""
        index = self.query_one("#personas", OptionList).highlighted
        if index is not None and index < len(self.personas):
            persona = self.personas[index]
            self.query_one(ProfileEditor).edit(persona.pubkey, persona.pseudonym)

    def on_settings_changed(self, message: SettingsChanged) -> None:
        """The crisis offer's "don't offer this again" (from the profile editor) shows here
        too; the message goes on to the app, which keeps the setting."""
        if message.key == "crisis_prompt":
            with self.prevent(Switch.Changed):
                self.query_one("#crisis", Switch).value = bool(message.value)
            self.query_one("#crisis-state", Static).update(_("On") if message.value else _("Off"))

    @on(Button.Pressed, "#withdraw-persona")
    def action_withdraw_persona(self) -> None:
        """Leaving for good: ask, with the honest sentence about copies elsewhere."""
        index = self.query_one("#personas", OptionList).highlighted
        if index is None or index >= len(self.personas):
            return
        persona = self.personas[index]
        body = _(
            "A deletion is signed for every post and reaction this persona wrote that this "
            "device knows of. They are erased here at once, and relays purge them when the "
            "next sync delivers the deletions. Copies that other members already synced stay "
            "on their devices until those devices sync the deletions; nobody can recall them "
            "sooner. This cannot be undone."
        )

        def chosen(confirmed: bool | None) -> None:
            """Withdraw only on a clear yes."""
            if confirmed:
                self.withdraw(persona.pubkey, persona.pseudonym)

        self.app.push_screen(
            ConfirmModal(
                _("Withdraw everything {pseudonym} wrote?").format(pseudonym=persona.pseudonym),
                body,
                _("Withdraw everything"),
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="settings-persona", exit_on_error=False)
    def withdraw(self, pubkey: str, name: str) -> None:
        """One deletion per event, queued for every relay, and sent at once."""
        from peerhaven.store.publish import publish_withdraw_all

        deletes = self.peerhaven.store_call(publish_withdraw_all, pubkey)
        count = (
            _("1 post or reaction")
            if len(deletes) == 1
            else _("{count} posts and reactions").format(count=len(deletes))
        )
        self.post_message(
            self.Done(
                _(
                    "Withdrew {count} by {name}: erased here, and purged by relays once they "
                    "receive "
                    "the deletions. Copies already on other members' devices go when those devices "
                    "sync."
                ).format(count=count, name=name),
                reload=True,
            )
        )
        self.services.send_now(deletes, _("Deletions"))

    # -- relays (the section is a widget: widgets/network_settings.py) ----------------------

    def action_remove_relay(self) -> None:
        """Ask before forgetting the highlighted relay."""
        self.query_one(NetworkSettings).ask_remove()

    def on_local_relay_progress(self, message: LocalRelayProgress) -> None:
        """The local relay's start, step by step, under the relay list."""
        self.query_one(NetworkSettings).show_progress(message.text)

    def on_local_relay_ready(self, message: LocalRelayReady) -> None:
        """It runs and is listed; say where to look next."""
        from peerhaven.tui.local_relay import ready_note

        network = self.query_one(NetworkSettings)
        network.show_progress("")
        network.load()
        self.notify(ready_note(message.offered), title=_("Local relay started"), timeout=12)

    def on_local_relay_failed(self, message: LocalRelayFailed) -> None:
        """The app has said why; clear the progress line."""
        self.query_one(NetworkSettings).show_progress("")

    # -- passphrase ------------------------------------------------------------------------

    @on(Button.Pressed, "#change-passphrase")
    def action_change_passphrase(self) -> None:
        """Ask for the current and new passphrase, then re-encrypt in a worker."""

        def chosen(result: tuple[str, str] | None) -> None:
            """The dialog closed: act on its answer (None means cancelled)."""
            if result is not None:
                self.notify(_("Re-encrypting the store…"), timeout=3)
                self.rekey(*result)

        self.app.push_screen(PassphraseModal(), chosen)

    @work(thread=True, exclusive=True, group="settings-rekey", exit_on_error=False)
    def rekey(self, current: str, new: str) -> None:
        """Check the current passphrase, then re-encrypt the whole store."""
        self.peerhaven.change_passphrase(current, new)
        self.post_message(self.Done(_("Passphrase changed. Use the new one from now on.")))

    # -- safety and filters ----------------------------------------------------------------

    @on(Button.Pressed, "#filters")
    def action_filters(self) -> None:
        """Content warnings, go gently, mutes and blocks; Esc comes back here."""
        from peerhaven.tui.screens.filters import FiltersScreen

        self.app.push_screen(FiltersScreen())

    def on_settings_screen_done(self, message: Done) -> None:
        """Confirm quietly."""
        self.notify(message.note, timeout=4)
        if message.reload:
            self.load()
