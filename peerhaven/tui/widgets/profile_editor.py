"""Editing a persona's profile from Settings: the words, the same checks as a post, publishing.

The steps are those of the composer and of ``peerhaven persona profile``: the
oversharing guard (edit, or publish anyway), then the crisis offer, then
``store.publish.publish_profile``. This widget shows nothing itself; it holds the
workers and the dialogs so that the settings screen only says which persona.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work
from textual.message import Message
from textual.widget import Widget

from peerhaven.core.i18n import _
from peerhaven.tui.messages import SettingsChanged
from peerhaven.tui.modals.profile import ProfileModal

if TYPE_CHECKING:
    from peerhaven.safety.precheck import Precheck
    from peerhaven.tui.app import PeerHavenApp
    from peerhaven.tui.modals.crisis_offer import CrisisChoice
    from peerhaven.tui.modals.guard import GuardChoice


class ProfileEditor(Widget):
    """Invisible; ``edit(pubkey, pseudonym)`` runs the whole flow."""

    DEFAULT_CSS = "ProfileEditor { display: none; }"

    class Loaded(Message):
        def __init__(self, pubkey: str, pseudonym: str, bio: str) -> None:
            self.pubkey, self.pseudonym, self.bio = pubkey, pseudonym, bio
            super().__init__()

    class Checked(Message):
        def __init__(self, pubkey: str, pseudonym: str, before: str, check: Precheck) -> None:
            self.pubkey, self.pseudonym, self.before, self.check = pubkey, pseudonym, before, check
            super().__init__()

    @property
    def peerhaven(self) -> PeerHavenApp:
        """The app, typed, for ``store_call`` from workers."""
        return cast("PeerHavenApp", self.app)

    @work(thread=True, exclusive=True, group="profile", exit_on_error=False)
    def edit(self, pubkey: str, pseudonym: str) -> None:
        """Read the current profile, then ask for the new one."""
        from peerhaven.store.publish import profile_bio

        bio = self.peerhaven.store_call(profile_bio, pubkey)
        self.post_message(self.Loaded(pubkey, pseudonym, bio))

    def on_profile_editor_loaded(self, message: Loaded) -> None:
        self._ask(message.pubkey, message.pseudonym, message.bio, message.bio)

    def _ask(self, pubkey: str, pseudonym: str, before: str, text: str) -> None:
        """The dialog, holding ``text``; ``before`` is what relays have now."""

        def answered(bio: str | None) -> None:
            if bio is None:
                return
            if bio == before:
                self.notify(_("The profile is unchanged."), timeout=3)
                return
            crisis_prompt = bool(self.peerhaven.settings.get("crisis_prompt", True))
            self.check(pubkey, pseudonym, before, bio, crisis_prompt)

        self.app.push_screen(ProfileModal(pseudonym, text), answered)

    @work(thread=True, exclusive=True, group="profile", exit_on_error=False)
    def check(self, pubkey: str, pseudonym: str, before: str, bio: str, crisis: bool) -> None:
        """The composer's and the CLI's check, off the UI thread."""
        from peerhaven.safety.precheck import check_before_publish

        check = check_before_publish(bio, crisis_prompt=crisis)
        self.post_message(self.Checked(pubkey, pseudonym, before, check))

    def on_profile_editor_checked(self, message: Checked) -> None:
        """Personal details first (edit or publish anyway), then the crisis offer."""
        check = message.check
        if not check.has_personal_details:
            self._offer_crisis(message)
            return
        from peerhaven.tui.modals.guard import GuardModal

        def answered(choice: GuardChoice | None) -> None:
            if choice == "publish":
                self._offer_crisis(message)
            else:
                self._ask(message.pubkey, message.pseudonym, message.before, check.text)

        self.app.push_screen(GuardModal(check.text, check.findings, what="profile"), answered)

    def _offer_crisis(self, message: Checked) -> None:
        check = message.check
        if check.crisis is None:
            self.publish(message.pubkey, message.pseudonym, check.text)
            return
        from peerhaven.tui.modals.crisis_offer import CrisisOfferModal

        def answered(choice: CrisisChoice | None) -> None:
            if choice is not None and choice.stop_offering:
                self.peerhaven.settings["crisis_prompt"] = False
                self.post_message(SettingsChanged("crisis_prompt", False))
                self._stop_offering()
            if choice is not None and choice.post:
                self.publish(message.pubkey, message.pseudonym, check.text)
            else:
                self._ask(message.pubkey, message.pseudonym, message.before, check.text)

        country = self.peerhaven.settings.get("country")
        self.app.push_screen(
            CrisisOfferModal(country if isinstance(country, str) else None, what="profile"),
            answered,
        )

    @work(thread=True, group="profile-setting", exit_on_error=False)
    def _stop_offering(self) -> None:
        from peerhaven.store.settings import set_setting

        self.peerhaven.store_call(set_setting, "crisis_prompt", False)

    @work(thread=True, exclusive=True, group="profile", exit_on_error=False)
    def publish(self, pubkey: str, pseudonym: str, bio: str) -> None:
        """Sign, store and queue for every relay, then send it at once."""
        from peerhaven.store.publish import publish_profile

        event = self.peerhaven.store_call(publish_profile, pubkey, bio)
        verb = "saved" if bio else "cleared"
        self.peerhaven.send_now(
            [event], _("Profile of {pseudonym} {verb}").format(pseudonym=pseudonym, verb=verb)
        )
