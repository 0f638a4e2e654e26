"""Checking words before they leave: the oversharing guard, then the crisis offer.

Posts, replies, direct messages and circle posts all go through the same steps
(issue 15: "the oversharing guard and the crisis offer run before a DM or circle
post is sent, as for public posts"), so the steps live here once and every screen
that sends words inherits them: ``start_check`` runs
``safety.precheck.check_before_publish`` (the CLI's check) in a worker; personal
details open the guard (edit, or send anyway), words that sound like a crisis open
the gentle offer of lines (keep editing, or send), and only then ``send_checked``
receives exactly the words that were checked. A screen says where the words go
(``send_checked``), which box holds them (``writing_area``) and whose crisis lines
to add (``crisis_lines``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from peerhaven.core.i18n import _
from peerhaven.tui.messages import SettingsChanged
from peerhaven.tui.screens.autosave import AutosavingScreen

if TYPE_CHECKING:
    from peerhaven.safety.precheck import Precheck
    from peerhaven.tui.modals.crisis_offer import CrisisChoice
    from peerhaven.tui.modals.guard import GuardChoice


def location(text: str, offset: int) -> tuple[int, int]:
    """(row, column) of a character offset, as ``TextArea`` counts them."""
    row = text.count("\n", 0, offset)
    return row, offset - (text.rfind("\n", 0, offset) + 1)


class CheckedSendingScreen(AutosavingScreen):
    """A place whose words are autosaved and checked (guard, crisis offer) before sending."""

    #: what the dialogs call the words: "post" or "message"
    WHAT: ClassVar[str] = "post"

    class Checked(Message):
        """The pre-send check of the current words is ready."""

        def __init__(self, check: Precheck) -> None:
            self.check = check
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        #: a check or a send is under way: a second press of the key does nothing
        self.checking = False

    # -- what a screen tells the mechanism -------------------------------------------------

    def writing_area(self) -> TextArea:
        """The box the words are typed in (the guard's "Edit it" selects the finding there)."""
        raise NotImplementedError

    def crisis_lines(self) -> list[dict[str, Any]] | None:
        """Lines to offer besides the member's country's (a community's own), if any."""
        return None

    def send_checked(self, text: str) -> None:
        """Send exactly ``text``, which passed the checks (or the member chose to send it)."""
        raise NotImplementedError

    def before_editing(self) -> None:
        """Called before the words get the focus back (the composer leaves its preview)."""

    # -- the mechanism -----------------------------------------------------------------------

    def start_check(self, text: str) -> None:
        """Check ``text`` before it leaves (a press while one check runs is ignored)."""
        if self.checking:
            return
        self.checking = True
        self._check(text, bool(self.peerhaven.settings.get("crisis_prompt", True)))

    @work(thread=True, exclusive=True, group="checked-send", exit_on_error=False)
    def _check(self, text: str, crisis_prompt: bool) -> None:
        """The same check the CLI runs, off the UI thread (it reads the whole text)."""
        from peerhaven.safety.precheck import check_before_publish

        try:
            check = check_before_publish(text, crisis_prompt=crisis_prompt)
        except Exception:
            self.checking = False
            raise
        self.post_message(self.Checked(check))

    def on_checked_sending_screen_checked(self, message: Checked) -> None:
        """Personal details first (edit or send anyway), then the crisis offer."""
        check = message.check
        if check.has_personal_details:
            from peerhaven.tui.modals.guard import GuardModal

            def answered(choice: GuardChoice | None) -> None:
                if choice == "publish":
                    self._offer_crisis(check)
                else:
                    self._edit_at(check)

            self.app.push_screen(GuardModal(check.text, check.findings, what=self.WHAT), answered)
        else:
            self._offer_crisis(check)

    def _edit_at(self, check: Precheck) -> None:
        """Back to the words with the first finding selected."""
        self.checking = False
        self.before_editing()
        area = self.writing_area()
        first = check.findings[0]
        area.selection = Selection(
            location(check.text, first.start), location(check.text, first.end)
        )
        area.focus()

    def _offer_crisis(self, check: Precheck) -> None:
        """A gentle offer of crisis lines when the words sound like a crisis; never a block."""
        if check.crisis is None:
            self.send_checked(check.text)
            return
        from peerhaven.tui.modals.crisis_offer import CrisisOfferModal

        def answered(choice: CrisisChoice | None) -> None:
            if choice is not None and choice.stop_offering:
                self._stop_offering()
            if choice is not None and choice.post:
                self.send_checked(check.text)
            else:
                self.checking = False
                self.before_editing()
                self.writing_area().focus()

        country = self.peerhaven.settings.get("country")
        self.app.push_screen(
            CrisisOfferModal(
                country if isinstance(country, str) else None, self.crisis_lines(), what=self.WHAT
            ),
            answered,
        )

    def _stop_offering(self) -> None:
        """The author turned the offer off: remembered in Settings, on this device only."""
        self.peerhaven.settings["crisis_prompt"] = False
        self.post_message(SettingsChanged("crisis_prompt", False))
        self._store_crisis_prompt()
        self.notify(_("You will not be offered crisis lines again; Settings turns it back on."))

    @work(thread=True, group="checked-send-setting", exit_on_error=False)
    def _store_crisis_prompt(self) -> None:
        """Write the choice (nothing else about the offer is ever stored)."""
        from peerhaven.store.settings import set_setting

        self.peerhaven.store_call(set_setting, "crisis_prompt", False)
