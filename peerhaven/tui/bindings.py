"""Every key binding as data: the help screen and the command palette are generated from here.

A binding applies in one place (``where``): ``app`` everywhere, otherwise the
screen of that name. Screens take theirs with ``bindings_for(where)``, so a key
that is not listed here does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

from peerhaven.core.i18n import _

#: the places bindings apply, in the order the help screen lists them
PLACES: dict[str, str] = {
    "app": "Everywhere",
    "home": "Home",
    "journal": "Journal",
    "entry": "Journal entry editor",
    "drafts": "Drafts",
    "draft": "Draft editor",
    "browse": "Browse communities",
    "feed": "Community feed",
    "thread": "Thread",
    "compose": "Compose a post or reply",
    "queue": "Moderation queue",
    "modlog": "Moderation log",
    "search": "Search",
    "activity": "Activity",
    "messages": _("Messages"),
    "requests": _("Message requests"),
    "conversation": _("A conversation"),
    "circles": _("Circles"),
    "circle": _("A circle"),
    "settings": "Settings",
    # safety and filters (moderation work): its own place, reached from Settings and F8
    "filters": "Safety and filters",
    "tour": "Tour",
    "help": "Help",
    "crisis": "Crisis lines",
    "rules": "A community's rules",
    "dialog": "Dialogs (confirm, passphrase, new persona)",
}


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One binding: a stable id, the key, the action it runs, and words for people."""

    id: str
    key: str
    action: str
    description: str
    where: str
    show: bool = True
    priority: bool = False
    #: offered in the command palette (off for keys that only make sense in a list)
    palette: bool = True
    #: the longer wording for the help screen and the palette (the footer is short on room)
    explain: str = ""

    @property
    def long(self) -> str:
        """What the help screen and the palette say."""
        return self.explain or self.description

    @property
    def key_display(self) -> str:
        """The key as the help screen prints it."""
        names = {
            "slash": "/",
            "escape": "Esc",
            "right": "→",
            "left": "←",
            "exclamation_mark": "!",
            "question_mark": "?",
        }
        parts = [names.get(part, part) for part in self.key.split("+")]
        if len(parts) == 1:
            return parts[0] if len(parts[0]) == 1 else parts[0].title()
        return "+".join(part.title() for part in parts)


KEYS: tuple[KeySpec, ...] = (
    # everywhere
    KeySpec(
        "quit",
        "ctrl+q",
        "app.quit",
        "Quit",
        "app",
        priority=True,
        show=False,
        explain="Quit (open drafts are saved first)",
    ),
    KeySpec("help", "f1", "app.help", "Help", "app", explain="Help: every key and what it does"),
    # ? opens help too (typed into a text field it is just a question mark)
    KeySpec(
        "help.question",
        "question_mark",
        "app.help",
        "Help",
        "app",
        show=False,
        palette=False,
        explain="Help: every key and what it does",
    ),
    KeySpec(
        "crisis",
        "f9",
        "app.crisis",
        # its own words: "Help" here once opened crisis lines where people looked for keys
        "Crisis lines",
        "app",
        priority=True,
        explain="Crisis lines: someone to talk to right now, from any screen",
    ),
    KeySpec(
        "palette",
        "ctrl+p",
        "app.command_palette",
        "Actions",
        "app",
        show=False,
        explain="Find an action, a place or a setting by name",
    ),
    KeySpec("lock", "ctrl+l", "app.lock", "Lock", "app", explain="Lock now"),
    # each place's words start with its name, so the palette finds it by that name first
    KeySpec(
        "home",
        "f2",
        "app.go('home')",
        "Go home",
        "app",
        show=False,
        explain="Home: you, your communities, what waits to be sent",
    ),
    KeySpec(
        "journal",
        "f3",
        "app.go('journal')",
        "Open the journal",
        "app",
        show=False,
        explain="Journal: your private entries and mood chart",
    ),
    KeySpec(
        "drafts",
        "f4",
        "app.go('drafts')",
        "Open drafts",
        "app",
        show=False,
        explain="Drafts: what you started writing",
    ),
    KeySpec("search", "f5", "app.go('search')", "Search everything", "app", show=False),
    KeySpec(
        "settings",
        "f6",
        "app.go('settings')",
        "Open settings",
        "app",
        show=False,
        explain="Settings: every choice in one place",
    ),
    KeySpec(
        "filters",
        "f8",
        "app.go('filters')",
        "Filters",
        "app",
        show=False,
        explain="Safety and filters: content warnings, go gently, mutes and blocks",
    ),
    KeySpec(
        "activity",
        "f10",
        "app.go('activity')",
        "Activity",
        "app",
        show=False,
        explain="Activity: replies, reactions and moderators' decisions that concern you",
    ),
    KeySpec(
        "messages",
        "f11",
        "app.go('messages')",
        _("Messages"),
        "app",
        show=False,
        explain=_("Messages: private conversations, message requests and circles"),
    ),
    # home
    # not in the footer (no room at 80 columns): home's "For you" panel names the key
    KeySpec(
        "home.activity", "a", "app.go('activity')", "Activity", "home", palette=False, show=False
    ),
    KeySpec("home.journal", "j", "app.go('journal')", "Journal", "home", palette=False),
    KeySpec("home.drafts", "d", "app.go('drafts')", "Drafts", "home", palette=False),
    KeySpec("home.messages", "m", "app.go('messages')", _("Messages"), "home", palette=False),
    # not in the footer since Messages took its room (F5 and the palette open it too)
    KeySpec(
        "home.search", "slash", "app.go('search')", "Search", "home", palette=False, show=False
    ),
    # not in the footer: at 80 columns it would push Lock and Help off (F6 opens it too)
    KeySpec(
        "home.settings", "s", "app.go('settings')", "Settings", "home", palette=False, show=False
    ),
    # the offline panel names this key (it shows only while no relay is set up)
    KeySpec(
        "home.local_relay",
        "t",
        "start_local_relay",
        "Try locally",
        "home",
        show=False,
        explain="Start a local relay to try communities on this device",
    ),
    # journal
    KeySpec("journal.new", "n", "new_entry", "New", "journal", explain="New journal entry"),
    KeySpec("journal.edit", "e", "edit_entry", "Edit", "journal", explain="Edit the entry"),
    KeySpec("journal.delete", "x", "delete_entry", "Delete", "journal", explain="Delete the entry"),
    KeySpec(
        "journal.range",
        "r",
        "next_range",
        "Range",
        "journal",
        show=False,  # the chart's caption says "r changes the range"
        explain="Chart range: 4 weeks, 3 months, 12 months",
    ),
    KeySpec("journal.back", "escape", "app.back", "Back", "journal", palette=False),
    # journal entry editor
    KeySpec("entry.save", "ctrl+s", "save", "Save entry", "entry", priority=True),
    KeySpec("entry.cancel", "escape", "cancel", "Cancel", "entry", palette=False),
    # drafts
    KeySpec("drafts.new", "n", "new_draft", "New", "drafts", explain="New draft"),
    KeySpec("drafts.open", "o", "open_draft", "Open", "drafts", explain="Open the draft"),
    KeySpec("drafts.delete", "x", "delete_draft", "Delete", "drafts", explain="Delete the draft"),
    KeySpec(
        "drafts.publish",
        "p",
        "publish_draft",
        "Publish",
        "drafts",
        explain="Publish the draft: choose a community, or a post to reply to",
    ),
    KeySpec("drafts.back", "escape", "app.back", "Back", "drafts", palette=False),
    # draft editor
    KeySpec("draft.save", "ctrl+s", "save_now", "Save now", "draft", priority=True),
    KeySpec("draft.close", "escape", "close", "Save and close", "draft", palette=False),
    # browse (browse/join/sync work adds its keys below this line)
    KeySpec(
        "browse",
        "f7",
        "app.go('browse')",
        "Browse communities",
        "app",
        show=False,
        explain="Browse and join communities",
    ),
    KeySpec(
        "sync",
        # not Ctrl+R: screens use it for their own refresh or preview, which would hide it
        "ctrl+t",
        "app.sync_now",
        "Sync now",
        "app",
        show=False,
        explain="Sync now: send the outbox and fetch new posts from every relay",
    ),
    KeySpec("home.browse", "b", "app.go('browse')", "Browse", "home", palette=False),
    KeySpec(
        "browse.join",
        "j",
        "join",
        "Join",
        "browse",
        explain="Join the community (its rules first)",
    ),
    KeySpec(
        "browse.observe",
        "o",
        "observe",
        "Observe",
        "browse",
        explain="Observe: read it without joining; nothing is published",
    ),
    KeySpec(
        "browse.leave",
        "x",
        "leave",
        "Leave",
        "browse",
        show=False,
        explain="Leave the community (its posts are erased here)",
    ),
    KeySpec(
        "browse.rules",
        "g",
        "rules",
        "Rules",
        "browse",
        show=False,
        explain="Read the community's rules",
    ),
    KeySpec(
        "browse.refresh",
        "r",
        "refresh",
        "Refresh",
        "browse",
        explain="Ask every relay what it offers now",
    ),
    KeySpec(
        "browse.open",
        "enter",
        "open_feed",
        "Open",
        "browse",
        show=False,
        palette=False,
        explain="Open the feed of a joined or observed community",
    ),
    KeySpec("browse.back", "escape", "app.back", "Back", "browse", palette=False),
    # rules dialog (reused by the feed's rules key)
    KeySpec("rules.close", "escape", "close", "Close", "rules", palette=False),
    # feed and thread (feed work adds its keys below this line)
    # home: Enter on a community opens its feed (a list selection, so no binding of its own)
    KeySpec("feed.new", "n", "new_post", "New post", "feed", explain="Write a new post here"),
    KeySpec("feed.rules", "g", "rules", "Rules", "feed", explain="Read the community's rules"),
    KeySpec(
        "feed.log",
        "l",
        "mod_log",
        "Mod log",
        "feed",
        show=False,
        explain="The moderation log: what moderators did and why",
    ),
    KeySpec(
        "feed.queue",
        "m",
        "mod_queue",
        "Queue",
        "feed",
        show=False,
        explain="The moderation queue (owners and moderators only)",
    ),
    KeySpec(
        "feed.back",
        "escape",
        "leave",
        "Back",
        "feed",
        palette=False,
        explain="Back (what you saw counts as read)",
    ),
    KeySpec(
        "thread.me_too",
        "1",
        "react('me-too')",
        "Me too",
        "thread",
        show=False,
        explain="React: me too",
    ),
    KeySpec(
        "thread.been_there",
        "2",
        "react('been-there')",
        "Been there",
        "thread",
        show=False,
        explain="React: been there",
    ),
    KeySpec(
        "thread.support",
        "3",
        "react('sending-support')",
        "Support",
        "thread",
        show=False,
        explain="React: sending support",
    ),
    KeySpec(
        "thread.thanks",
        "4",
        "react('thank-you')",
        "Thanks",
        "thread",
        show=False,
        explain="React: thank you",
    ),
    KeySpec("thread.reply", "r", "reply", "Reply", "thread", explain="Reply to the post"),
    KeySpec(
        "thread.unfold",
        "o",
        "unfold",
        "Open",
        "thread",
        show=False,
        explain="Open or fold again a post behind a content warning",
    ),
    KeySpec(
        "thread.report",
        "exclamation_mark",
        "report",
        "Report",
        "thread",
        show=False,
        explain="Report the post to the community's moderators",
    ),
    KeySpec(
        "thread.mute",
        "m",
        "mute",
        "Mute",
        "thread",
        show=False,
        explain="Mute the thread or its author for a day, a week or for good",
    ),
    KeySpec(
        "thread.block",
        "b",
        "block",
        "Block",
        "thread",
        show=False,
        explain="Block the author of the post",
    ),
    KeySpec(
        "thread.delete",
        "x",
        "withdraw",
        "Withdraw",
        "thread",
        show=False,
        explain="Withdraw (delete) your own post",
    ),
    KeySpec(
        "thread.edit",
        "e",
        "edit_post",
        "Edit",
        "thread",
        show=False,
        explain="Edit your own post (within 15 minutes of writing it)",
    ),
    KeySpec(
        "thread.message",
        "w",
        "write_privately",
        _("Message"),
        "thread",
        show=False,
        explain=_("Write to the post's author privately (a request until they accept)"),
    ),
    KeySpec("thread.back", "escape", "app.back", "Back", "thread", palette=False),
    # compose (compose work adds its keys below this line)
    KeySpec(
        "compose.publish",
        "ctrl+s",
        "publish",
        "Publish",
        "compose",
        priority=True,
        explain="Publish (after the oversharing check)",
    ),
    KeySpec(
        "compose.preview",
        "ctrl+r",
        "toggle_preview",
        "Preview",
        "compose",
        priority=True,
        explain="Preview as readers will see it, or back to writing",
    ),
    KeySpec(
        "compose.parent",
        "ctrl+o",
        "toggle_parent",
        "Open the post",
        "compose",
        show=False,
        priority=True,
        explain="Open or fold the post you are replying to",
    ),
    KeySpec(
        "compose.close",
        "escape",
        "close",
        "Close",
        "compose",
        palette=False,
        explain="Close (the draft is saved first)",
    ),
    # moderation queue and log (moderation work adds its keys below this line)
    KeySpec(
        "queue.hide", "h", "hide", "Hide", "queue", explain="Hide the reported post for everyone"
    ),
    KeySpec(
        "queue.restore",
        "r",
        "restore",
        "Restore",
        "queue",
        show=False,
        explain="Restore a hidden post",
    ),
    KeySpec(
        "queue.ban",
        "b",
        "ban",
        "Ban",
        "queue",
        explain="Ban the post's author from this community (asks first)",
    ),
    KeySpec(
        "queue.unban",
        "u",
        "unban",
        "Unban",
        "queue",
        show=False,
        explain="Lift the ban on the post's author",
    ),
    KeySpec(
        "queue.dismiss",
        "d",
        "set_aside",
        "Dismiss",
        "queue",
        explain="Dismiss: no action needed (kept on this device)",
    ),
    KeySpec(
        "queue.handled",
        "a",
        "toggle_handled",
        "Handled",
        "queue",
        show=False,
        explain="Show or leave out handled reports",
    ),
    KeySpec(
        "queue.reveal",
        "v",
        "reveal",
        "Read",
        "queue",
        show=False,
        explain="Read or fold a post behind a content warning",
    ),
    KeySpec(
        "queue.refresh",
        "ctrl+r",
        "refresh",
        "Refresh",
        "queue",
        show=False,
        explain="Fetch new reports and reload the queue",
    ),
    KeySpec(
        "queue.log",
        "l",
        "open_log",
        "Log",
        "queue",
        show=False,
        explain="Open this community's moderation log",
    ),
    KeySpec(
        "queue.approve",
        "y",
        "approve",
        "Approve",
        "queue",
        show=False,
        explain="Approve the highlighted first post waiting for approval",
    ),
    KeySpec(
        "queue.decline",
        "n",
        "decline",
        "Decline",
        "queue",
        show=False,
        explain="Decline the highlighted first post waiting for approval (asks first)",
    ),
    KeySpec("queue.back", "escape", "app.back", "Back", "queue", palette=False),
    KeySpec("modlog.older", "n", "older", "Older", "modlog", explain="Older entries (next page)"),
    KeySpec(
        "modlog.newer", "p", "newer", "Newer", "modlog", explain="Newer entries (previous page)"
    ),
    KeySpec("modlog.back", "escape", "app.back", "Back", "modlog", palette=False),
    # search
    KeySpec(
        "search.focus",
        "ctrl+f",
        "focus_box",
        "Search box",
        "search",
        explain="Back to the search box",
    ),
    KeySpec("search.back", "escape", "app.back", "Back", "search", palette=False),
    # activity
    KeySpec(
        "activity.read",
        "m",
        "mark_all_read",
        "Mark all read",
        "activity",
        explain="Mark everything shown as read",
    ),
    KeySpec("activity.back", "escape", "app.back", "Back", "activity", palette=False),
    # messages: conversations newest first, the requests, the circles
    KeySpec(
        "messages.requests",
        "r",
        "requests",
        _("Requests"),
        "messages",
        explain=_("Message requests: first messages from people you have not accepted yet"),
    ),
    KeySpec(
        "messages.circles",
        "c",
        "circles",
        _("Circles"),
        "messages",
        explain=_("Circles: small private groups you belong to"),
    ),
    KeySpec("messages.back", "escape", "app.back", _("Back"), "messages", palette=False),
    # message requests
    KeySpec(
        "requests.accept",
        "a",
        "accept",
        _("Accept"),
        "requests",
        explain=_("Accept the request: the conversation opens and they can write to you"),
    ),
    KeySpec(
        "requests.decline",
        "x",
        "decline",
        _("Decline"),
        "requests",
        explain=_("Decline the request (they are not told)"),
    ),
    KeySpec(
        "requests.block",
        "B",
        "decline_and_block",
        _("Block"),
        "requests",
        explain=_("Decline the request and block its sender"),
    ),
    KeySpec(
        "requests.unfold",
        "o",
        "unfold",
        _("Open"),
        "requests",
        show=False,
        explain=_("Open or fold again a request behind its content warning"),
    ),
    KeySpec("requests.back", "escape", "app.back", _("Back"), "requests", palette=False),
    # a conversation: the composer holds the focus, so its keys are Ctrl keys
    KeySpec(
        "conversation.send",
        "ctrl+s",
        "send",
        _("Send"),
        "conversation",
        priority=True,
        explain=_("Send the message (checked first, like a post)"),
    ),
    KeySpec(
        "conversation.preview",
        "ctrl+r",
        "toggle_preview",
        _("Preview"),
        "conversation",
        priority=True,
        explain=_("Preview the message as they will see it, or go back to writing"),
    ),
    KeySpec(
        "conversation.unfold",
        "ctrl+o",
        "unfold",
        _("Open"),
        "conversation",
        show=False,
        priority=True,
        explain=_("Open or fold again the highlighted message behind its content warning"),
    ),
    KeySpec(
        "conversation.report",
        "ctrl+e",
        "report",
        _("Report"),
        "conversation",
        show=False,
        priority=True,
        explain=_("Report the highlighted message (you choose to reveal it to moderators)"),
    ),
    KeySpec(
        "conversation.seen",
        "ctrl+y",
        "toggle_seen",
        _("Seen"),
        "conversation",
        show=False,
        priority=True,
        explain=_("Tell them when you have read their messages here, or stop telling them"),
    ),
    KeySpec(
        "conversation.block",
        "ctrl+b",
        "block",
        _("Block"),
        "conversation",
        show=False,
        priority=True,
        explain=_("Block this persona: nothing more from them reaches you"),
    ),
    KeySpec(
        "conversation.close",
        "escape",
        "close",
        _("Back"),
        "conversation",
        palette=False,
        explain=_("Back (asks first when words are not sent)"),
    ),
    # circles
    KeySpec("circles.new", "n", "new_circle", _("New"), "circles", explain=_("Start a circle")),
    KeySpec(
        "circles.join",
        "j",
        "join_circle",
        _("Join"),
        "circles",
        explain=_("Join a circle with the invite code someone gave you"),
    ),
    KeySpec("circles.back", "escape", "app.back", _("Back"), "circles", palette=False),
    # a circle
    KeySpec(
        "circle.post", "n", "new_post", _("New post"), "circle", explain=_("Post in the circle")
    ),
    KeySpec("circle.reply", "r", "reply", _("Reply"), "circle", explain=_("Reply to the post")),
    KeySpec(
        "circle.send",
        "ctrl+s",
        "send",
        _("Send"),
        "circle",
        priority=True,
        show=False,
        explain=_("Send the post (checked first, like any post)"),
    ),
    KeySpec(
        "circle.preview",
        "ctrl+r",
        "toggle_preview",
        _("Preview"),
        "circle",
        priority=True,
        show=False,
        explain=_("Preview the post as the members will see it, or go back to writing"),
    ),
    KeySpec(
        "circle.invite",
        "i",
        "invite",
        _("Invite"),
        "circle",
        show=False,
        explain=_("Make a one-time invite code for someone to join"),
    ),
    KeySpec(
        "circle.members",
        "m",
        "members",
        _("Members"),
        "circle",
        explain=_("Who is in the circle (the owner can remove a member there)"),
    ),
    KeySpec(
        "circle.remove",
        "x",
        "remove_member",
        _("Remove"),
        "circle",
        show=False,
        explain=_("Remove the highlighted member (owner only; the circle's key changes)"),
    ),
    KeySpec(
        "circle.unfold",
        "o",
        "unfold",
        _("Open"),
        "circle",
        show=False,
        explain=_("Open or fold again a post behind a content warning"),
    ),
    KeySpec(
        "circle.leave",
        "L",
        "leave",
        _("Leave"),
        "circle",
        show=False,
        explain=_("Leave the circle (you will not read what is posted after)"),
    ),
    KeySpec(
        "circle.close",
        "escape",
        "close",
        _("Back"),
        "circle",
        palette=False,
        explain=_("Back (asks first when words are not sent)"),
    ),
    # settings
    # the settings buttons name their keys, so these stay out of the footer, where at
    # 80 columns they pushed Help (F9) and Lock off
    KeySpec("settings.persona", "ctrl+n", "new_persona", "New persona", "settings", show=False),
    KeySpec(
        "settings.default",
        "ctrl+d",
        "default_persona",
        "Default",
        "settings",
        show=False,
        explain="Use the highlighted persona by default",
    ),
    KeySpec(
        "settings.passphrase",
        "ctrl+k",
        "change_passphrase",
        "Passphrase",
        "settings",
        show=False,
        explain="Change the passphrase",
    ),
    KeySpec(
        "settings.filters",
        "ctrl+f",
        "filters",
        "Filters",
        "settings",
        show=False,
        explain="Safety and filters (content warnings, mutes, blocks)",
    ),
    KeySpec(
        "settings.profile",
        "ctrl+e",
        "edit_profile",
        "Profile",
        "settings",
        show=False,
        explain="Edit the highlighted persona's profile",
    ),
    KeySpec(
        "settings.withdraw",
        "ctrl+w",
        "withdraw_persona",
        "Withdraw",
        "settings",
        show=False,
        explain="Withdraw everything the highlighted persona wrote",
    ),
    KeySpec(
        "settings.remove_relay",
        "ctrl+r",
        "remove_relay",
        "Remove relay",
        "settings",
        show=False,
        explain="Remove the highlighted relay",
    ),
    KeySpec("settings.back", "escape", "app.back", "Back", "settings", palette=False),
    # safety and filters
    KeySpec(
        "filters.show",
        "s",
        "choose('show')",
        "Show",
        "filters",
        show=False,
        explain="Show posts with the highlighted warning label (or community)",
    ),
    KeySpec(
        "filters.collapse",
        "c",
        "choose('collapse')",
        "Collapse",
        "filters",
        show=False,
        explain="Collapse posts with the highlighted label (or community)",
    ),
    KeySpec(
        "filters.hide",
        "h",
        "choose('hide')",
        "Hide",
        "filters",
        show=False,
        explain="Hide posts with the highlighted label (or community)",
    ),
    KeySpec(
        "filters.default",
        "d",
        "choose('default')",
        "Default",
        "filters",
        show=False,
        explain="Forget your choice for the highlighted label (or community)",
    ),
    KeySpec(
        "filters.lift",
        "u",
        "lift",
        "Lift",
        "filters",
        show=False,
        explain="Unmute or unblock the highlighted item",
    ),
    KeySpec(
        "filters.word",
        "m",
        "mute_word",
        "Mute a word",
        "filters",
        show=False,
        explain="Type a word or phrase to mute",
    ),
    KeySpec(
        "filters.gently",
        "ctrl+g",
        "toggle_gently",
        "Go gently",
        "filters",
        show=False,
        explain="Turn go gently on or off",
    ),
    KeySpec("filters.back", "escape", "app.back", "Back", "filters", palette=False),
    # tour
    KeySpec("tour.next", "right", "next", "Next", "tour", palette=False),
    KeySpec("tour.previous", "left", "previous", "Previous", "tour", palette=False),
    KeySpec("tour.skip", "escape", "skip", "Skip the tour", "tour", palette=False),
    # help
    KeySpec("help.close", "escape", "close", "Close help", "help", palette=False),
    # crisis lines
    KeySpec("crisis.close", "escape", "close", "Close", "crisis", palette=False),
    # dialogs
    KeySpec("dialog.cancel", "escape", "cancel", "Cancel", "dialog", palette=False),
)


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """A setting the command palette finds by name ("proxy", "theme"): choosing it opens
    Settings with that control focused, so nobody has to know which screen holds it."""

    id: str
    #: the control's id on the Settings screen
    control: str
    description: str

    @property
    def action(self) -> str:
        """The app action that opens Settings at this control."""
        return f"app.open_setting('{self.control}')"


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("setting.theme", "theme", "Theme: the app's colours"),
    SettingSpec("setting.lock", "lock", "Lock after: how long the app waits before it locks"),
    SettingSpec("setting.break", "break", "Break reminder: a gentle note after reading a while"),
    SettingSpec("setting.sync", "sync-interval", "Background sync: how often, or only by hand"),
    SettingSpec(
        "setting.crisis_prompt",
        "crisis",
        "Crisis prompt: offer crisis lines when what you write sounds like danger",
    ),
    SettingSpec(
        "setting.activity_bell",
        "activity-bell",
        "Activity bell: ring when a sync brings something that concerns you",
    ),
    SettingSpec("setting.quiet_hours", "quiet-hours", "Quiet hours: when the bell stays silent"),
    SettingSpec(
        "setting.reduce_motion", "reduce-motion", "Reduce motion: no spinners or animation"
    ),
    SettingSpec(
        "setting.plain", "plain-mode", "Plain mode: lines of text for screen readers and braille"
    ),
    SettingSpec("setting.relays", "relay-url", "Relays: add or remove a relay"),
    SettingSpec("setting.proxy", "proxy", "Proxy or Tor: the way every sync connects"),
    SettingSpec("setting.personas", "personas", "Personas: a new one, the default, profiles"),
    SettingSpec("setting.passphrase", "change-passphrase", "Passphrase: change it"),
)


def specs_for(where: str) -> list[KeySpec]:
    """The bindings that apply in one place."""
    return [spec for spec in KEYS if spec.where == where]


def bindings_for(where: str) -> list[BindingType]:
    """Textual bindings for one place, each with its id so keymaps can override it."""
    return [
        Binding(
            spec.key,
            spec.action,
            spec.description,
            show=spec.show,
            priority=spec.priority,
            id=spec.id,
        )
        for spec in specs_for(where)
    ]
