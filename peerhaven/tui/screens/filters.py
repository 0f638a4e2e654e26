"""Safety and filters: what you choose not to see, and all of it stays on this device.

Content-warning labels (show, collapse or hide each), a default per community,
"go gently", muted words, personas and threads with their expiry, and blocked
personas. Every change is saved at once through ``store.filter_prefs``, the same
functions the CLI's ``mute``, ``block`` and ``cw`` commands use, and the feed
applies them the next time it draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Header, Input, OptionList, Select, Static, Switch
from textual.widgets.option_list import Option

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.messages import SettingsChanged
from peerhaven.tui.others_text import markup, plain
from peerhaven.tui.screens.base import PlaceScreen

if TYPE_CHECKING:
    from peerhaven.store.filter_view import (
        CommunityChoice,
        FilterOverview,
        LabelChoice,
        MutedItem,
    )

DURATIONS = ((N_("For a day"), "day"), (N_("For a week"), "week"), (N_("For good"), "forever"))
SPANS = {"day": N_("for a day"), "week": N_("for a week"), "forever": N_("for good")}
#: what a content-warning policy does, in words (the stored values are English codes)
ACTION_WORDS = {"show": N_("show"), "collapse": N_("collapse"), "hide": N_("hide")}


def action_words(action: str) -> str:
    """A policy's action (``show``, ``collapse``, ``hide``) in the member's language."""
    return _(ACTION_WORDS[action]) if action in ACTION_WORDS else action


def label_line(choice: LabelChoice) -> Text:
    """A label and what it does, saying whether that is your choice or the default."""
    text = Text(plain(choice.label), style="bold")  # labels seen on others' posts
    if choice.action is None:
        text.append(_(" — follows each community's default"), style="dim")
    else:
        text.append(_(" — {value} (your choice)").format(value=action_words(choice.action.value)))
    return text


def community_line(choice: CommunityChoice) -> Text:
    """A community and the default for labels without a choice of their own."""
    text = Text(plain(choice.name), style="bold")
    text.append(f" ({choice.slug})", style="dim")
    if choice.action is None:
        text.append(_(" — collapse (the usual default)"), style="dim")
    else:
        text.append(_(" — {value} (your choice)").format(value=action_words(choice.action.value)))
    return text


def mute_line(item: MutedItem, at: int) -> Text:
    """What is muted and until when, in words."""
    from peerhaven.store.filter_view import expiry_words

    text = Text(plain(item.shown), style="bold")
    text.append(f" — {expiry_words(item.until, at)}")
    return text


class FiltersScreen(PlaceScreen):
    """Each change is saved at once, in a worker, and the lists reload."""

    PLACE = "filters"
    SUB_TITLE = N_("Safety and filters")
    BINDINGS = bindings_for("filters")
    AUTO_FOCUS = "#labels"

    class Loaded(Message):
        """Every filter as it stands."""

        def __init__(self, overview: FilterOverview) -> None:
            self.overview = overview
            super().__init__()

    class Done(Message):
        """A change went through; ``note`` says which."""

        def __init__(self, note: str, *, clear_word: bool = False) -> None:
            self.note = note
            self.clear_word = clear_word
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.overview: FilterOverview | None = None
        self.ready = False
        self.first_load = True

    def compose(self) -> ComposeResult:
        """Sections top to bottom, scrolling on small terminals."""
        yield Header()
        yield Static(
            _(
                "Everything here stays on this device: no member, moderator or relay learns "
                "what you mute, block, collapse or hide."
            ),
            id="filters-lead",
        )
        with VerticalScroll(id="filters"):
            with Horizontal(classes="setting"):
                yield Static(_("Go gently"), classes="label")
                yield Switch(id="gently", value=False)
                yield Static(_("Off"), id="gently-state", classes="state")
                yield Static(
                    _(
                        "Fold every post that carries a content warning, whatever the choices "
                        "below say (hidden stays hidden). Ctrl+G."
                    ),
                    classes="explain",
                )
            yield Static(_("Content warnings"), classes="section")
            yield Static(
                _("On a highlighted label: s show, c collapse, h hide, d back to the default."),
                classes="hint",
            )
            yield OptionList(id="labels")
            yield Static(_("Default per community"), classes="section")
            yield Static(
                _("For labels without a choice of your own. The same keys apply."), classes="hint"
            )
            yield OptionList(id="defaults")
            yield Static(_("Muted"), classes="section")
            yield Static(
                _(
                    "Muted words are matched in posts and in their content warnings. "
                    "Press u to unmute."
                ),
                classes="hint",
            )
            yield OptionList(id="mutes")
            with Horizontal(id="mute-add"):
                yield Input(
                    placeholder=_("a word or phrase to mute (m)"), id="mute-word", max_length=100
                )
                yield Select(
                    [(_(label), value) for label, value in DURATIONS],
                    id="mute-for",
                    allow_blank=False,
                    value="forever",
                )
                yield Button(_("Mute"), id="mute")
            yield Static(_("Blocked"), classes="section")
            yield Static(
                _(
                    "A blocked persona's posts are hidden everywhere on this device. "
                    "Press u to unblock."
                ),
                classes="hint",
            )
            yield OptionList(id="blocks")
        yield Footer()

    def on_mount(self) -> None:
        """Load the current choices."""
        self.load()

    @work(thread=True, exclusive=True, group="filters-load", exit_on_error=False)
    def load(self) -> None:
        """Every list in one trip."""
        from peerhaven.store.filter_view import filter_overview

        self.post_message(self.Loaded(self.peerhaven.store_call(filter_overview)))

    def on_filters_screen_loaded(self, message: Loaded) -> None:
        """Fill every list, keeping each highlight where it was."""
        self.ready = False
        view = self.overview = message.overview
        self.query_one("#gently", Switch).value = view.go_gently
        self._fill(
            "#labels",
            [label_line(c) for c in view.labels],
            _("No content warnings seen yet. Labels appear here as posts carry them."),
        )
        self._fill(
            "#defaults",
            [community_line(c) for c in view.communities],
            _("You have not joined a community yet."),
        )
        self._fill("#mutes", [mute_line(m, view.at) for m in view.mutes], _("Nothing muted."))
        self._fill(
            "#blocks",
            [
                Text.assemble((b.pseudonym, "bold"), f" — blocked {_date(b.since)}")
                for b in view.blocks
            ],
            _("Nobody blocked."),
        )
        if self.first_load:  # start at the top, with go gently in view
            self.first_load = False
            self.call_after_refresh(self.query_one("#filters").scroll_home, animate=False)
        self.call_after_refresh(self._ready)

    def _fill(self, selector: str, lines: list[Text], empty: str) -> None:
        option_list = self.query_one(selector, OptionList)
        keep = option_list.highlighted
        option_list.clear_options()
        option_list.add_options(Option(line) for line in lines)
        if not lines:
            option_list.add_option(Option(empty, disabled=True))
        else:
            option_list.highlighted = min(keep or 0, len(lines) - 1)

    def _ready(self) -> None:
        """From now on, a changed control is a person's choice."""
        self.ready = True

    # -- go gently -------------------------------------------------------------------------

    @on(Switch.Changed, "#gently")
    def gently_chosen(self, event: Switch.Changed) -> None:
        """Stored at once; the feed folds warned posts from its next draw."""
        self.query_one("#gently-state", Static).update(_("On") if event.value else _("Off"))
        if self.ready:
            self.post_message(SettingsChanged("go_gently", event.value))
            self.change("set_go_gently", event.value, note=_gently_note(event.value))

    def action_toggle_gently(self) -> None:
        """The same as flipping the switch."""
        switch = self.query_one("#gently", Switch)
        switch.value = not switch.value

    # -- labels and community defaults -----------------------------------------------------

    def action_choose(self, action: str) -> None:
        """Show, collapse, hide or back to the default, for the highlighted label or community."""
        view = self.overview
        focused = self.focused
        if view is None or not isinstance(focused, OptionList):
            return
        index = focused.highlighted
        if focused.id == "labels" and index is not None and index < len(view.labels):
            label = view.labels[index].label
            shown = markup(label)  # the note is a notification: markup is read there
            if action == "default":
                if view.labels[index].action is None:
                    return
                self.change(
                    "clear_cw_policy",
                    label,
                    note=_("“{shown}” follows the default.").format(shown=shown),
                )
            else:
                self.change(
                    "set_cw_policy",
                    label,
                    action,
                    note=_("“{shown}”: {action}.").format(shown=shown, action=action_words(action)),
                )
        elif focused.id == "defaults" and index is not None and index < len(view.communities):
            slug = view.communities[index].slug
            if action == "default":
                if view.communities[index].action is None:
                    return
                self.change(
                    "clear_community_default",
                    slug,
                    note=_("{slug}: {action}.").format(slug=slug, action=action_words("collapse")),
                )
            else:
                self.change(
                    "set_community_default",
                    slug,
                    action,
                    note=_("{slug}: {action}.").format(slug=slug, action=action_words(action)),
                )
        else:
            self.notify(_("Highlight a label or a community first."), timeout=3)

    # -- mutes and blocks ------------------------------------------------------------------

    def action_mute_word(self) -> None:
        """Put the cursor in the mute box."""
        self.query_one("#mute-word", Input).focus()

    @on(Input.Submitted, "#mute-word")
    @on(Button.Pressed, "#mute")
    def add_mute(self) -> None:
        """Mute the typed word for the chosen time; the text stays if it is refused."""
        word = self.query_one("#mute-word", Input).value
        duration = self.query_one("#mute-for", Select).value
        if not word.strip():
            self.notify(_("Type the word or phrase to mute first."), timeout=3)
            return
        span = _(SPANS[str(duration)])
        self.change(
            "mute",
            "word",
            word,
            str(duration),
            note=_("Muted “{strip}” {span}. Only this device knows.").format(
                strip=word.strip(), span=span
            ),
            clear_word=True,
        )

    def action_lift(self) -> None:
        """Unmute or unblock the highlighted item."""
        view = self.overview
        focused = self.focused
        if view is None or not isinstance(focused, OptionList):
            return
        index = focused.highlighted
        if focused.id == "mutes" and index is not None and index < len(view.mutes):
            item = view.mutes[index]
            self.change(
                "unmute",
                item.kind,
                item.value,
                note=_("Unmuted {shown}.").format(shown=item.shown),
            )
        elif focused.id == "blocks" and index is not None and index < len(view.blocks):
            blocked = view.blocks[index]
            self.change(
                "unblock",
                blocked.pubkey,
                note=_("Unblocked {pseudonym}.").format(pseudonym=blocked.pseudonym),
            )
        else:
            self.notify(_("Highlight a mute or a blocked persona first."), timeout=3)

    # -- saving ----------------------------------------------------------------------------

    def change(self, name: str, *args: Any, note: str, clear_word: bool = False) -> None:
        """Run one ``store.filter_prefs`` function by name, then reload."""
        self._change(name, args, note, clear_word)

    @work(thread=True, group="filters-write", exit_on_error=False)
    def _change(self, name: str, args: tuple[Any, ...], note: str, clear_word: bool) -> None:
        """Write the choice off the UI thread."""
        from peerhaven.store import filter_prefs

        self.peerhaven.store_call(getattr(filter_prefs, name), *args)
        self.post_message(self.Done(note, clear_word=clear_word))

    def on_filters_screen_done(self, message: Done) -> None:
        """Confirm quietly and show the new state."""
        self.notify(message.note, timeout=3)
        if message.clear_word:
            self.query_one("#mute-word", Input).value = ""
        self.load()


def _date(at: int) -> str:

    return _("since {date}").format(date=localized.when(at, localized.DAY_YEAR))


def _gently_note(on: bool) -> str:
    if on:
        return _("Go gently is on: every post with a warning is folded.")
    return _("Go gently is off.")
