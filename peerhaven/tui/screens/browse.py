"""Browse: every community the relays offer, and joining, observing or leaving one.

What is shown comes from the store (``store.communities.listings``): the offers
each relay served when last asked, and the communities joined here. Refreshing
asks every relay again in a worker (the same ``record_offers`` the CLI's
``peerhaven communities`` uses), one relay at a time with its outcome in words;
offline, the list is what was seen last and the status line says so. Joining
shows the rules first and joins only on "I agree"; a first sync of the new
community then runs in the background.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core.i18n import N_, _
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.modals.confirm import ConfirmModal
from peerhaven.tui.modals.rules import RulesModal
from peerhaven.tui.others_text import markup, plain
from peerhaven.tui.screens.base import PlaceScreen

if TYPE_CHECKING:
    from peerhaven.store.communities import Listing, Membership
    from peerhaven.store.join_persona import PersonaChoice

#: seconds a relay may take to list its communities
BROWSE_TIMEOUT = 10.0

OBSERVE_EXPLAINED = N_(
    "Reading only: you publish nothing there, so no persona of yours appears in it. Its "
    "posts are fetched and kept here so you can read it first; its relays see this device "
    "ask for them, as they do for every reader. You can join properly later (press j), after "
    "reading its rules."
)
LEAVE_EXPLAINED = N_(
    "Its posts are erased from this device. Your own posts stay here, and relays keep what "
    "you already published. The owner key you trusted stays on record, so a relay cannot "
    "swap the owner if you come back."
)


def status_marker(listing: Listing) -> str:
    """Where you stand, in words (never only a colour)."""
    if listing.observer:
        return "reading"
    return "joined" if listing.joined else ""


def listing_label(listing: Listing) -> Text:
    """Status marker and name on one line (the slug is in the detail pane); a warning mark
    when trust is in doubt."""
    text = Text(no_wrap=True, overflow="ellipsis")
    marker = status_marker(listing)
    if marker:
        text.append(f"[{marker}] ", style="bold")
    text.append(plain(listing.name))
    if listing.warnings:
        text.append(" ")
        text.append("(warning)", style="bold")
    return text


def listing_detail(listing: Listing) -> Text:
    """The detail pane: status, description, rules count, relays and trust warnings."""
    text = Text()
    text.append(f"{plain(listing.name)}\n", style="bold")
    text.append(f"{listing.slug}\n\n", style="dim")
    if listing.observer:
        text.append(
            _("You observe it: reading only, nothing is published. Press j to join properly.\n")
        )
    elif listing.joined:
        text.append(_("You joined it. Enter opens its feed; press x to leave.\n"))
    else:
        text.append(
            _("Not joined. Press j to join (rules first) or o to observe it without joining.\n")
        )
    text.append("\n")
    text.append(plain(listing.description, multiline=True) or _("No description."))
    text.append("\n\n")
    count = len(listing.rules)
    if count:
        rules = "1 rule" if count == 1 else f"{count} rules"
        text.append(_("{rules}; press g to read them.\n").format(rules=rules))
    else:
        text.append(_("No written rules.\n"))
    where = ", ".join(listing.relays) if listing.relays else _("no relay at the moment")
    text.append(_("Carried by: {where}\n").format(where=where))
    for warning in listing.warnings:
        text.append(_("\nWarning: "), style="bold")
        text.append(plain(warning))
        text.append("\n")
    return text


class BrowseScreen(PlaceScreen):
    """A list of communities on the left, the highlighted one in detail on the right."""

    PLACE = "browse"
    SUB_TITLE = N_("Browse communities")
    BINDINGS = bindings_for("browse")
    AUTO_FOCUS = "#offers"

    class Loaded(Message):
        """What the store knows: offers and memberships, and how many relays there are."""

        def __init__(self, listings: list[Listing], relays: int) -> None:
            self.listings = listings
            self.relays = relays
            super().__init__()

    class Refreshing(Message):
        """A relay is being asked (``note`` says which)."""

        def __init__(self, note: str) -> None:
            self.note = note
            super().__init__()

    class Refreshed(Message):
        """The relays were asked: a sentence per relay not reached, and other notes."""

        def __init__(self, asked: int, unreachable: list[str], notes: list[str]) -> None:
            self.asked = asked
            self.unreachable = unreachable
            self.notes = notes
            super().__init__()

    class Joined(Message):
        """A join or observe went through."""

        def __init__(self, member: Membership, promoted: bool, new: bool = False) -> None:
            self.member = member
            self.promoted = promoted
            #: the persona was made for this community just now
            self.new = new
            super().__init__()

    class Choices(Message):
        """Who the member may join as, loaded once the rules are agreed."""

        def __init__(self, listing: Listing, choices: list[PersonaChoice]) -> None:
            self.listing = listing
            self.choices = choices
            super().__init__()

    class Left(Message):
        """Left a community; ``erased`` posts were removed from this device."""

        def __init__(self, slug: str, erased: int) -> None:
            self.slug = slug
            self.erased = erased
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.listings: list[Listing] = []
        self.relay_count = 0
        self.refreshing = False
        #: what the last refresh found, kept on the status line until the next one
        self.note: str | None = None
        self._first_load = True

    def compose(self) -> ComposeResult:
        """Status line, then the list and the detail pane side by side."""
        yield Header()
        yield Static(_("Loading…"), id="browse-status")
        with Horizontal(id="browse-columns"):
            yield OptionList(id="offers")
            with VerticalScroll(id="offer-detail-pane"):
                yield Static("", id="offer-detail")
        yield Footer()

    def on_mount(self) -> None:
        """Title the panes and read what is on record."""
        self.query_one("#offers").border_title = _("Communities")
        self.query_one("#offer-detail-pane").border_title = _("About")
        self.load()

    # -- reading what is on record ----------------------------------------------------------

    @work(thread=True, exclusive=True, group="browse-load", exit_on_error=False)
    def load(self) -> None:
        """Offers and memberships off the UI thread."""
        from peerhaven.store.communities import listings
        from peerhaven.store.relays import relay_urls

        found = self.peerhaven.store_call(listings)
        relays = len(self.peerhaven.store_call(relay_urls))
        self.post_message(self.Loaded(found, relays))

    def on_browse_screen_loaded(self, message: Loaded) -> None:
        """Fill the list, keeping the highlighted community; ask relays if nothing is known."""
        option_list = self.query_one("#offers", OptionList)
        keep = self._selected()
        self.listings = message.listings
        self.relay_count = message.relays
        option_list.clear_options()
        option_list.add_options(Option(listing_label(item), id=item.slug) for item in self.listings)
        if not self.listings:
            empty = (
                _("No communities known yet. Press r to ask your relays what they offer.")
                if self.relay_count
                else _("No relays yet, so no communities to browse. Add a relay in Settings.")
            )
            option_list.add_option(Option(empty, disabled=True))
        else:
            slugs = [item.slug for item in self.listings]
            option_list.highlighted = slugs.index(keep.slug) if keep and keep.slug in slugs else 0
        self.show_detail()
        if not self.refreshing:
            self.say(self.note or self._summary())
        if self._first_load and not self.listings and self.relay_count:
            self.action_refresh()
        self._first_load = False

    def _summary(self) -> str:
        """The status line when nothing is happening."""
        if not self.relay_count:
            return _("No relays added; everything you write stays on this device.")
        count = len(self.listings)
        communities = "1 community" if count == 1 else f"{count} communities"
        relays = "1 relay" if self.relay_count == 1 else f"{self.relay_count} relays"
        return _(
            "{communities} from {relays}, as last seen. Press r to ask the relays again."
        ).format(communities=communities, relays=relays)

    def say(self, text: str) -> None:
        """The one status line above the list (it quotes relays: inert, never markup)."""
        self.query_one("#browse-status", Static).update(markup(text, multiline=True))

    def _selected(self) -> Listing | None:
        index = self.query_one("#offers", OptionList).highlighted
        if index is None or index >= len(self.listings):
            return None
        return self.listings[index]

    @on(OptionList.OptionHighlighted, "#offers")
    def show_detail(self) -> None:
        """The detail pane follows the highlight."""
        listing = self._selected()
        detail = self.query_one("#offer-detail", Static)
        detail.update(listing_detail(listing) if listing else "")

    # -- asking the relays ------------------------------------------------------------------

    def action_refresh(self) -> None:
        """Ask every relay what it offers, in a worker."""
        if self.refreshing:
            return
        self.refreshing = True
        self.say(_("Asking your relays what they offer…"))
        self.refresh_offers()

    @work(thread=True, exclusive=True, group="browse-refresh", exit_on_error=False)
    def refresh_offers(self) -> None:
        """One relay at a time: fetch its definitions (no store lock held while waiting on
        the network), then record them in one short store call."""
        from peerhaven.store.communities import record_offers
        from peerhaven.store.relays import relay_urls
        from peerhaven.store.settings import get_setting
        from peerhaven.sync import RelayClient, SyncError

        app = self.peerhaven
        asked = 0
        unreachable: list[str] = []
        notes: list[str] = []
        try:
            urls = app.store_call(relay_urls)
            proxy = app.store_call(get_setting, "proxy")
            for number, url in enumerate(urls, 1):
                self.post_message(
                    self.Refreshing(
                        _("Asking {url} ({number} of {count})…").format(
                            url=url, number=number, count=len(urls)
                        )
                    )
                )
                asked += 1
                try:
                    with RelayClient(url, proxy=proxy, timeout=BROWSE_TIMEOUT) as client:
                        served = client.communities()
                except SyncError as exc:
                    unreachable.append(str(exc))
                    continue
                _kept, refused = app.store_call(record_offers, url, served)
                if refused:
                    notes.append(
                        _("{url} served {refused} definitions that failed verification.").format(
                            url=url, refused=refused
                        )
                    )
        except Exception:
            # locked, or a store error (already shown): say the refresh did not finish
            notes.append(_("The refresh stopped before every relay was asked."))
            raise
        finally:
            self.post_message(self.Refreshed(asked, unreachable, notes))

    def on_browse_screen_refreshing(self, message: Refreshing) -> None:
        """Say which relay is being asked."""
        self.say(message.note)

    def on_browse_screen_refreshed(self, message: Refreshed) -> None:
        """Reload the list, and say plainly what could not be reached."""
        self.refreshing = False
        problems = " ".join([*message.unreachable, *message.notes])
        if not message.asked and not message.notes:
            self.note = _("No relays added; everything you write stays on this device.")
        elif message.unreachable and len(message.unreachable) == message.asked:
            self.note = _(
                "Offline: no relay answered, so this is what was seen last. {problems}"
            ).format(problems=problems)
        elif problems:
            self.note = _("Updated, except: {problems}").format(problems=problems)
        else:
            self.note = _("Up to date: every relay answered.")
        self.say(self.note)
        self.load()

    # -- rules, joining, observing, leaving -------------------------------------------------

    def action_rules(self) -> None:
        """Read the highlighted community's rules (nothing is joined)."""
        listing = self._selected()
        if listing is not None:
            self.app.push_screen(RulesModal(listing.slug))

    def action_join(self) -> None:
        """Rules first; only "I agree" joins (an observed community becomes joined)."""
        listing = self._selected()
        if listing is None:
            return
        if listing.joined and not listing.observer:
            self.notify(
                _("You have already joined {markup}.").format(markup=markup(listing.name)),
                timeout=4,
            )
            return
        if self._disputed(listing):
            return

        def answered(agreed: bool | None) -> None:
            if agreed:
                self.load_choices(listing)  # then: join as a new persona, or one you have
            else:
                self.notify(
                    _("You did not join {markup}.").format(markup=markup(listing.name)), timeout=4
                )

        self.app.push_screen(RulesModal(listing.slug, confirm=True), answered)

    @work(thread=True, exclusive=True, group="browse-join", exit_on_error=False)
    def load_choices(self, listing: Listing) -> None:
        """Who the member may be there (the same choices ``peerhaven join`` offers)."""
        from peerhaven.store.join_persona import persona_choices

        self.post_message(self.Choices(listing, self.peerhaven.store_call(persona_choices)))

    def on_browse_screen_choices(self, message: Choices) -> None:
        """Ask who to join as; one possible answer needs no question."""
        from peerhaven.tui.modals.join_persona import JoinPersonaModal

        listing = message.listing

        def chosen(choice: PersonaChoice | None) -> None:
            if choice is None:
                self.notify(_("You did not join {name}.").format(name=listing.name), timeout=4)
            else:
                rules = bool(listing.rules)
                self.join(listing.slug, observer=False, rules=rules, persona=choice.pubkey)

        if len(message.choices) == 1:
            chosen(message.choices[0])
        else:
            self.app.push_screen(JoinPersonaModal(listing.name, message.choices), chosen)

    def action_observe(self) -> None:
        """Explain what observing means, then observe on a clear yes."""
        listing = self._selected()
        if listing is None:
            return
        if listing.joined:
            state = _("observe") if listing.observer else _("have joined")
            self.notify(
                _("You {state} {markup} already.").format(state=state, markup=markup(listing.name)),
                timeout=4,
            )
            return
        if self._disputed(listing):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.join(listing.slug, observer=True, rules=False)

        self.app.push_screen(
            ConfirmModal(
                _("Observe {markup}?").format(markup=markup(listing.name)),
                _(OBSERVE_EXPLAINED),
                _("Observe"),
                cancel_label=_("Not now"),
                destructive=False,
            ),
            answered,
        )

    def _disputed(self, listing: Listing) -> bool:
        """Relays disagree about the owner: say so rather than let one of them choose."""
        if listing.disputed:
            self.notify(
                _(
                    "Relays disagree about who owns {markup}, so it cannot be joined until they "
                    "agree; the warning below says which relay says what."
                ).format(markup=markup(listing.name)),
                severity="warning",
                timeout=8,
            )
        return listing.disputed

    @work(thread=True, exclusive=True, group="browse-join", exit_on_error=False)
    def join(self, slug: str, *, observer: bool, rules: bool, persona: str | None = None) -> None:
        """The store's own join (pins the owner), then the rules acceptance. ``persona``
        None: a persona made for this community (or, observing, none that is shown)."""
        from peerhaven.store.communities import accept_rules, join, memberships
        from peerhaven.store.personas import list_personas

        app = self.peerhaven
        promoted = any(m.slug == slug and m.observer for m in app.store_call(memberships))
        had = {p.pubkey for p in app.store_call(list_personas)}
        member = app.store_call(join, slug, observer=observer, persona=persona)
        if rules:
            app.store_call(accept_rules, slug)
        new = persona is None and not promoted and member.persona not in had
        self.post_message(self.Joined(member, promoted, new))

    def on_browse_screen_joined(self, message: Joined) -> None:
        """Say so, fetch its posts in the background, and offer to open its feed."""
        from peerhaven.core.persona import pseudonym
        from peerhaven.store.join_persona import WHY_NEW

        member = message.member
        name = markup(member.name)
        if member.observer:
            note = _("Observing {name}: reading only, nothing is published.").format(name=name)
        elif message.promoted:
            note = _("You joined {name}; you speak there as {pseudonym}.").format(
                name=name, pseudonym=pseudonym(member.persona)
            )
        elif message.new:
            note = _("Joined {name} as {pseudonym}, a new persona: {WHY_NEW}.").format(
                name=name, pseudonym=pseudonym(member.persona), WHY_NEW=_(WHY_NEW)
            )
        else:
            note = _("Joined {name} as {pseudonym}.").format(
                name=name, pseudonym=pseudonym(member.persona)
            )
        self.notify(note, timeout=6)
        self.load()
        if member.relays:
            self.services.request_sync(relays=list(member.relays), force=True)

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_feed(member.slug)

        self.app.push_screen(
            ConfirmModal(
                _("Open {markup} now?").format(markup=markup(member.name)),
                _("Its posts are being fetched in the background; they appear as they arrive."),
                _("Open its feed"),
                cancel_label=_("Stay here"),
                destructive=False,
            ),
            answered,
        )

    def action_leave(self) -> None:
        """Ask first, saying what is erased and what is kept."""
        listing = self._selected()
        if listing is None or not listing.joined:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.leave(listing.slug)

        self.app.push_screen(
            ConfirmModal(
                _("Leave {name}?").format(name=markup(listing.name)),
                _(LEAVE_EXPLAINED),
                _("Leave"),
                cancel_label=_("Stay"),
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="browse-leave", exit_on_error=False)
    def leave(self, slug: str) -> None:
        """No sync may bring its posts back while it is being erased."""
        from peerhaven.store.communities import leave

        with self.services.sync_paused():
            erased = self.peerhaven.store_call(leave, slug)
        self.post_message(self.Left(slug, erased))

    def on_browse_screen_left(self, message: Left) -> None:
        """Say how much was erased."""
        posts = (
            _("1 post was")
            if message.erased == 1
            else _("{erased} posts were").format(erased=message.erased)
        )
        self.notify(
            _("Left {slug}; {posts} erased from this device.").format(
                slug=message.slug, posts=posts
            ),
            timeout=6,
        )
        self.load()

    @on(OptionList.OptionSelected, "#offers")
    def action_open_feed(self) -> None:
        """Enter on a joined or observed community opens its feed."""
        listing = self._selected()
        if listing is None:
            return
        if not listing.joined:
            self.notify(
                _("Join or observe {markup} first (J or O).").format(markup=markup(listing.name)),
                timeout=4,
            )
            return
        self.open_feed(listing.slug)

    def open_feed(self, slug: str) -> None:
        """The feed screen, imported when first needed (it lives in its own module)."""
        from peerhaven.tui.screens.feed import FeedScreen

        self.app.push_screen(FeedScreen(slug))
