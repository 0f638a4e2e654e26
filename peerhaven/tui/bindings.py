"""Every key binding as data: the help screen and the command palette are generated from here.

A binding applies in one place (``where``): ``app`` everywhere, otherwise the
screen of that name. Screens take theirs with ``bindings_for(where)``, so a key
that is not listed here does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

from peerhaven.core.i18n import N_, _

#: the places bindings apply, in the order the help screen lists them
PLACES: dict[str, str] = {
    "app": N_("Everywhere"),
    "home": N_("Home"),
    "journal": N_("Journal"),
    "entry": N_("Journal entry editor"),
    "drafts": N_("Drafts"),
    "draft": N_("Draft editor"),
    "browse": N_("Browse communities"),
    "feed": N_("Community feed"),
    "thread": N_("Thread"),
    "compose": N_("Compose a post or reply"),
    "queue": N_("Moderation queue"),
    "modlog": N_("Moderation log"),
    "search": N_("Search"),
    "activity": N_("Activity"),
    "messages": N_("Messages"),
    "requests": N_("Message requests"),
    "conversation": N_("A conversation"),
    "circles": N_("Circles"),
    "circle": N_("A circle"),
    "settings": N_("Settings"),
    # safety and filters (moderation work): its own place, reached from Settings and F8
    "filters": N_("Safety and filters"),
    "tour": N_("Tour"),
    "help": N_("Help"),
    "crisis": N_("Crisis lines"),
    "rules": N_("A community's rules"),
    "dialog": N_("Dialogs (confirm, passphrase, new persona)"),
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
        """What the help screen and the palette say, in the member's language."""
        return _(self.explain or self.description)

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
        N_("Quit"),
        "app",
        priority=True,
        show=False,
        explain=N_("Quit (open drafts are saved first)"),
    ),
    KeySpec(
        "help", "f1", "app.help", N_("Help"), "app", explain=N_("Help: every key and what it does")
    ),
    # ? opens help too (typed into a text field it is just a question mark)
    KeySpec(
        "help.question",
        "question_mark",
        "app.help",
        N_("Help"),
        "app",
        show=False,
        palette=False,
        explain=N_("Help: every key and what it does"),
    ),
    KeySpec(
        "crisis",
        "f9",
        "app.crisis",
        # its own words: "Help" here once opened crisis lines where people looked for keys
        N_("Crisis lines"),
        "app",
        priority=True,
        explain=N_("Crisis lines: someone to talk to right now, from any screen"),
    ),
    KeySpec(
        "palette",
        "ctrl+p",
        "app.command_palette",
        N_("Actions"),
        "app",
        show=False,
        explain=N_("Find an action, a place or a setting by name"),
    ),
    KeySpec("lock", "ctrl+l", "app.lock", N_("Lock"), "app", explain=N_("Lock now")),
    # each place's words start with its name, so the palette finds it by that name first
    KeySpec(
        "home",
        "f2",
        "app.go('home')",
        N_("Go home"),
        "app",
        show=False,
        explain=N_("Home: you, your communities, what waits to be sent"),
    ),
    KeySpec(
        "journal",
        "f3",
        "app.go('journal')",
        N_("Open the journal"),
        "app",
        show=False,
        explain=N_("Journal: your private entries and mood chart"),
    ),
    KeySpec(
        "drafts",
        "f4",
        "app.go('drafts')",
        N_("Open drafts"),
        "app",
        show=False,
        explain=N_("Drafts: what you started writing"),
    ),
    KeySpec("search", "f5", "app.go('search')", N_("Search everything"), "app", show=False),
    KeySpec(
        "settings",
        "f6",
        "app.go('settings')",
        N_("Open settings"),
        "app",
        show=False,
        explain=N_("Settings: every choice in one place"),
    ),
    KeySpec(
        "filters",
        "f8",
        "app.go('filters')",
        N_("Filters"),
        "app",
        show=False,
        explain=N_("Safety and filters: content warnings, go gently, mutes and blocks"),
    ),
    KeySpec(
        "activity",
        "f10",
        "app.go('activity')",
        N_("Activity"),
        "app",
        show=False,
        explain=N_("Activity: replies, reactions and moderators' decisions that concern you"),
    ),
    KeySpec(
        "messages",
        "f11",
        "app.go('messages')",
        N_("Messages"),
        "app",
        show=False,
        explain=N_("Messages: private conversations, message requests and circles"),
    ),
    # home
    # not in the footer (no room at 80 columns): home's "For you" panel names the key
    KeySpec(
        "home.activity",
        "a",
        "app.go('activity')",
        N_("Activity"),
        "home",
        palette=False,
        show=False,
    ),
    KeySpec("home.journal", "j", "app.go('journal')", N_("Journal"), "home", palette=False),
    KeySpec("home.drafts", "d", "app.go('drafts')", N_("Drafts"), "home", palette=False),
    KeySpec("home.messages", "m", "app.go('messages')", N_("Messages"), "home", palette=False),
    # not in the footer since Messages took its room (F5 and the palette open it too)
    KeySpec(
        "home.search", "slash", "app.go('search')", N_("Search"), "home", palette=False, show=False
    ),
    # not in the footer: at 80 columns it would push Lock and Help off (F6 opens it too)
    KeySpec(
        "home.settings",
        "s",
        "app.go('settings')",
        N_("Settings"),
        "home",
        palette=False,
        show=False,
    ),
    # the offline panel names this key (it shows only while no relay is set up)
    KeySpec(
        "home.local_relay",
        "t",
        "start_local_relay",
        N_("Try locally"),
        "home",
        show=False,
        explain=N_("Start a local relay to try communities on this device"),
    ),
    # journal
    KeySpec("journal.new", "n", "new_entry", N_("New"), "journal", explain=N_("New journal entry")),
    KeySpec("journal.edit", "e", "edit_entry", N_("Edit"), "journal", explain=N_("Edit the entry")),
    KeySpec(
        "journal.delete",
        "x",
        "delete_entry",
        N_("Delete"),
        "journal",
        explain=N_("Delete the entry"),
    ),
    KeySpec(
        "journal.range",
        "r",
        "next_range",
        N_("Range"),
        "journal",
        show=False,  # the chart's caption says "r changes the range"
        explain=N_("Chart range: 4 weeks, 3 months, 12 months"),
    ),
    KeySpec("journal.back", "escape", "app.back", N_("Back"), "journal", palette=False),
    # journal entry editor
    KeySpec("entry.save", "ctrl+s", "save", N_("Save entry"), "entry", priority=True),
    KeySpec("entry.cancel", "escape", "cancel", N_("Cancel"), "entry", palette=False),
    # drafts
    KeySpec("drafts.new", "n", "new_draft", N_("New"), "drafts", explain=N_("New draft")),
    KeySpec("drafts.open", "o", "open_draft", N_("Open"), "drafts", explain=N_("Open the draft")),
    KeySpec(
        "drafts.delete", "x", "delete_draft", N_("Delete"), "drafts", explain=N_("Delete the draft")
    ),
    KeySpec(
        "drafts.publish",
        "p",
        "publish_draft",
        N_("Publish"),
        "drafts",
        explain=N_("Publish the draft: choose a community, or a post to reply to"),
    ),
    KeySpec("drafts.back", "escape", "app.back", N_("Back"), "drafts", palette=False),
    # draft editor
    KeySpec("draft.save", "ctrl+s", "save_now", N_("Save now"), "draft", priority=True),
    KeySpec("draft.close", "escape", "close", N_("Save and close"), "draft", palette=False),
    # browse (browse/join/sync work adds its keys below this line)
    KeySpec(
        "browse",
        "f7",
        "app.go('browse')",
        N_("Browse communities"),
        "app",
        show=False,
        explain=N_("Browse and join communities"),
    ),
    KeySpec(
        "sync",
        # not Ctrl+R: screens use it for their own refresh or preview, which would hide it
        "ctrl+t",
        "app.sync_now",
        N_("Sync now"),
        "app",
        show=False,
        explain=N_("Sync now: send the outbox and fetch new posts from every relay"),
    ),
    KeySpec("home.browse", "b", "app.go('browse')", N_("Browse"), "home", palette=False),
    KeySpec(
        "browse.join",
        "j",
        "join",
        N_("Join"),
        "browse",
        explain=N_("Join the community (its rules first)"),
    ),
    KeySpec(
        "browse.observe",
        "o",
        "observe",
        N_("Observe"),
        "browse",
        explain=N_("Observe: read it without joining; nothing is published"),
    ),
    KeySpec(
        "browse.leave",
        "x",
        "leave",
        N_("Leave"),
        "browse",
        show=False,
        explain=N_("Leave the community (its posts are erased here)"),
    ),
    KeySpec(
        "browse.rules",
        "g",
        "rules",
        N_("Rules"),
        "browse",
        show=False,
        explain=N_("Read the community's rules"),
    ),
    KeySpec(
        "browse.refresh",
        "r",
        "refresh",
        N_("Refresh"),
        "browse",
        explain=N_("Ask every relay what it offers now"),
    ),
    KeySpec(
        "browse.open",
        "enter",
        "open_feed",
        N_("Open"),
        "browse",
        show=False,
        palette=False,
        explain=N_("Open the feed of a joined or observed community"),
    ),
    KeySpec("browse.back", "escape", "app.back", N_("Back"), "browse", palette=False),
    # rules dialog (reused by the feed's rules key)
    KeySpec("rules.close", "escape", "close", N_("Close"), "rules", palette=False),
    # feed and thread (feed work adds its keys below this line)
    # home: Enter on a community opens its feed (a list selection, so no binding of its own)
    KeySpec(
        "feed.new", "n", "new_post", N_("New post"), "feed", explain=N_("Write a new post here")
    ),
    KeySpec(
        "feed.rules", "g", "rules", N_("Rules"), "feed", explain=N_("Read the community's rules")
    ),
    KeySpec(
        "feed.log",
        "l",
        "mod_log",
        N_("Mod log"),
        "feed",
        show=False,
        explain=N_("The moderation log: what moderators did and why"),
    ),
    KeySpec(
        "feed.queue",
        "m",
        "mod_queue",
        N_("Queue"),
        "feed",
        show=False,
        explain=N_("The moderation queue (owners and moderators only)"),
    ),
    KeySpec(
        "feed.back",
        "escape",
        "leave",
        N_("Back"),
        "feed",
        palette=False,
        explain=N_("Back (what you saw counts as read)"),
    ),
    KeySpec(
        "thread.me_too",
        "1",
        "react('me-too')",
        N_("Me too"),
        "thread",
        show=False,
        explain=N_("React: me too"),
    ),
    KeySpec(
        "thread.been_there",
        "2",
        "react('been-there')",
        N_("Been there"),
        "thread",
        show=False,
        explain=N_("React: been there"),
    ),
    KeySpec(
        "thread.support",
        "3",
        "react('sending-support')",
        N_("Support"),
        "thread",
        show=False,
        explain=N_("React: sending support"),
    ),
    KeySpec(
        "thread.thanks",
        "4",
        "react('thank-you')",
        N_("Thanks"),
        "thread",
        show=False,
        explain=N_("React: thank you"),
    ),
    KeySpec("thread.reply", "r", "reply", N_("Reply"), "thread", explain=N_("Reply to the post")),
    KeySpec(
        "thread.unfold",
        "o",
        "unfold",
        N_("Open"),
        "thread",
        show=False,
        explain=N_("Open or fold again a post behind a content warning"),
    ),
    KeySpec(
        "thread.report",
        "exclamation_mark",
        "report",
        N_("Report"),
        "thread",
        show=False,
        explain=N_("Report the post to the community's moderators"),
    ),
    KeySpec(
        "thread.mute",
        "m",
        "mute",
        N_("Mute"),
        "thread",
        show=False,
        explain=N_("Mute the thread or its author for a day, a week or for good"),
    ),
    KeySpec(
        "thread.block",
        "b",
        "block",
        N_("Block"),
        "thread",
        show=False,
        explain=N_("Block the author of the post"),
    ),
    KeySpec(
        "thread.delete",
        "x",
        "withdraw",
        N_("Withdraw"),
        "thread",
        show=False,
        explain=N_("Withdraw (delete) your own post"),
    ),
    KeySpec(
        "thread.edit",
        "e",
        "edit_post",
        N_("Edit"),
        "thread",
        show=False,
        explain=N_("Edit your own post (within 15 minutes of writing it)"),
    ),
    KeySpec(
        "thread.message",
        "w",
        "write_privately",
        N_("Message"),
        "thread",
        show=False,
        explain=N_("Write to the post's author privately (a request until they accept)"),
    ),
    KeySpec("thread.back", "escape", "app.back", N_("Back"), "thread", palette=False),
    # compose (compose work adds its keys below this line)
    KeySpec(
        "compose.publish",
        "ctrl+s",
        "publish",
        N_("Publish"),
        "compose",
        priority=True,
        explain=N_("Publish (after the oversharing check)"),
    ),
    KeySpec(
        "compose.preview",
        "ctrl+r",
        "toggle_preview",
        N_("Preview"),
        "compose",
        priority=True,
        explain=N_("Preview as readers will see it, or back to writing"),
    ),
    KeySpec(
        "compose.parent",
        "ctrl+o",
        "toggle_parent",
        N_("Open the post"),
        "compose",
        show=False,
        priority=True,
        explain=N_("Open or fold the post you are replying to"),
    ),
    KeySpec(
        "compose.close",
        "escape",
        "close",
        N_("Close"),
        "compose",
        palette=False,
        explain=N_("Close (the draft is saved first)"),
    ),
    # moderation queue and log (moderation work adds its keys below this line)
    KeySpec(
        "queue.hide",
        "h",
        "hide",
        N_("Hide"),
        "queue",
        explain=N_("Hide the reported post for everyone"),
    ),
    KeySpec(
        "queue.restore",
        "r",
        "restore",
        N_("Restore"),
        "queue",
        show=False,
        explain=N_("Restore a hidden post"),
    ),
    KeySpec(
        "queue.ban",
        "b",
        "ban",
        N_("Ban"),
        "queue",
        explain=N_("Ban the post's author from this community (asks first)"),
    ),
    KeySpec(
        "queue.unban",
        "u",
        "unban",
        N_("Unban"),
        "queue",
        show=False,
        explain=N_("Lift the ban on the post's author"),
    ),
    KeySpec(
        "queue.dismiss",
        "d",
        "set_aside",
        N_("Dismiss"),
        "queue",
        explain=N_("Dismiss: no action needed (kept on this device)"),
    ),
    KeySpec(
        "queue.handled",
        "a",
        "toggle_handled",
        N_("Handled"),
        "queue",
        show=False,
        explain=N_("Show or leave out handled reports"),
    ),
    KeySpec(
        "queue.reveal",
        "v",
        "reveal",
        N_("Read"),
        "queue",
        show=False,
        explain=N_("Read or fold a post behind a content warning"),
    ),
    KeySpec(
        "queue.refresh",
        "ctrl+r",
        "refresh",
        N_("Refresh"),
        "queue",
        show=False,
        explain=N_("Fetch new reports and reload the queue"),
    ),
    KeySpec(
        "queue.log",
        "l",
        "open_log",
        N_("Log"),
        "queue",
        show=False,
        explain=N_("Open this community's moderation log"),
    ),
    KeySpec(
        "queue.approve",
        "y",
        "approve",
        N_("Approve"),
        "queue",
        show=False,
        explain=N_("Approve the highlighted first post waiting for approval"),
    ),
    KeySpec(
        "queue.decline",
        "n",
        "decline",
        N_("Decline"),
        "queue",
        show=False,
        explain=N_("Decline the highlighted first post waiting for approval (asks first)"),
    ),
    KeySpec("queue.back", "escape", "app.back", N_("Back"), "queue", palette=False),
    KeySpec(
        "modlog.older", "n", "older", N_("Older"), "modlog", explain=N_("Older entries (next page)")
    ),
    KeySpec(
        "modlog.newer",
        "p",
        "newer",
        N_("Newer"),
        "modlog",
        explain=N_("Newer entries (previous page)"),
    ),
    KeySpec("modlog.back", "escape", "app.back", N_("Back"), "modlog", palette=False),
    # search
    KeySpec(
        "search.focus",
        "ctrl+f",
        "focus_box",
        N_("Search box"),
        "search",
        explain=N_("Back to the search box"),
    ),
    KeySpec("search.back", "escape", "app.back", N_("Back"), "search", palette=False),
    # activity
    KeySpec(
        "activity.read",
        "m",
        "mark_all_read",
        N_("Mark all read"),
        "activity",
        explain=N_("Mark everything shown as read"),
    ),
    KeySpec("activity.back", "escape", "app.back", N_("Back"), "activity", palette=False),
    # messages: conversations newest first, the requests, the circles
    KeySpec(
        "messages.requests",
        "r",
        "requests",
        N_("Requests"),
        "messages",
        explain=N_("Message requests: first messages from people you have not accepted yet"),
    ),
    KeySpec(
        "messages.circles",
        "c",
        "circles",
        N_("Circles"),
        "messages",
        explain=N_("Circles: small private groups you belong to"),
    ),
    KeySpec("messages.back", "escape", "app.back", N_("Back"), "messages", palette=False),
    # message requests
    KeySpec(
        "requests.accept",
        "a",
        "accept",
        N_("Accept"),
        "requests",
        explain=N_("Accept the request: the conversation opens and they can write to you"),
    ),
    KeySpec(
        "requests.decline",
        "x",
        "decline",
        N_("Decline"),
        "requests",
        explain=N_("Decline the request (they are not told)"),
    ),
    KeySpec(
        "requests.block",
        "B",
        "decline_and_block",
        N_("Block"),
        "requests",
        explain=N_("Decline the request and block its sender"),
    ),
    KeySpec(
        "requests.unfold",
        "o",
        "unfold",
        N_("Open"),
        "requests",
        show=False,
        explain=N_("Open or fold again a request behind its content warning"),
    ),
    KeySpec("requests.back", "escape", "app.back", N_("Back"), "requests", palette=False),
    # a conversation: the composer holds the focus, so its keys are Ctrl keys
    KeySpec(
        "conversation.send",
        "ctrl+s",
        "send",
        N_("Send"),
        "conversation",
        priority=True,
        explain=N_("Send the message (checked first, like a post)"),
    ),
    KeySpec(
        "conversation.preview",
        "ctrl+r",
        "toggle_preview",
        N_("Preview"),
        "conversation",
        priority=True,
        explain=N_("Preview the message as they will see it, or go back to writing"),
    ),
    KeySpec(
        "conversation.unfold",
        "ctrl+o",
        "unfold",
        N_("Open"),
        "conversation",
        show=False,
        priority=True,
        explain=N_("Open or fold again the highlighted message behind its content warning"),
    ),
    KeySpec(
        "conversation.report",
        "ctrl+e",
        "report",
        N_("Report"),
        "conversation",
        show=False,
        priority=True,
        explain=N_("Report the highlighted message (you choose to reveal it to moderators)"),
    ),
    KeySpec(
        "conversation.seen",
        "ctrl+y",
        "toggle_seen",
        N_("Seen"),
        "conversation",
        show=False,
        priority=True,
        explain=N_("Tell them when you have read their messages here, or stop telling them"),
    ),
    KeySpec(
        "conversation.block",
        "ctrl+b",
        "block",
        N_("Block"),
        "conversation",
        show=False,
        priority=True,
        explain=N_("Block this persona: nothing more from them reaches you"),
    ),
    KeySpec(
        "conversation.close",
        "escape",
        "close",
        N_("Back"),
        "conversation",
        palette=False,
        explain=N_("Back (asks first when words are not sent)"),
    ),
    # circles
    KeySpec("circles.new", "n", "new_circle", N_("New"), "circles", explain=N_("Start a circle")),
    KeySpec(
        "circles.join",
        "j",
        "join_circle",
        N_("Join"),
        "circles",
        explain=N_("Join a circle with the invite code someone gave you"),
    ),
    KeySpec("circles.back", "escape", "app.back", N_("Back"), "circles", palette=False),
    # a circle
    KeySpec(
        "circle.post", "n", "new_post", N_("New post"), "circle", explain=N_("Post in the circle")
    ),
    KeySpec("circle.reply", "r", "reply", N_("Reply"), "circle", explain=N_("Reply to the post")),
    KeySpec(
        "circle.send",
        "ctrl+s",
        "send",
        N_("Send"),
        "circle",
        priority=True,
        show=False,
        explain=N_("Send the post (checked first, like any post)"),
    ),
    KeySpec(
        "circle.preview",
        "ctrl+r",
        "toggle_preview",
        N_("Preview"),
        "circle",
        priority=True,
        show=False,
        explain=N_("Preview the post as the members will see it, or go back to writing"),
    ),
    KeySpec(
        "circle.invite",
        "i",
        "invite",
        N_("Invite"),
        "circle",
        show=False,
        explain=N_("Make a one-time invite code for someone to join"),
    ),
    KeySpec(
        "circle.members",
        "m",
        "members",
        N_("Members"),
        "circle",
        explain=N_("Who is in the circle (the owner can remove a member there)"),
    ),
    KeySpec(
        "circle.remove",
        "x",
        "remove_member",
        N_("Remove"),
        "circle",
        show=False,
        explain=N_("Remove the highlighted member (owner only; the circle's key changes)"),
    ),
    KeySpec(
        "circle.unfold",
        "o",
        "unfold",
        N_("Open"),
        "circle",
        show=False,
        explain=N_("Open or fold again a post behind a content warning"),
    ),
    KeySpec(
        "circle.leave",
        "L",
        "leave",
        N_("Leave"),
        "circle",
        show=False,
        explain=N_("Leave the circle (you will not read what is posted after)"),
    ),
    KeySpec(
        "circle.close",
        "escape",
        "close",
        N_("Back"),
        "circle",
        palette=False,
        explain=N_("Back (asks first when words are not sent)"),
    ),
    # settings
    # the settings buttons name their keys, so these stay out of the footer, where at
    # 80 columns they pushed Help (F9) and Lock off
    KeySpec("settings.persona", "ctrl+n", "new_persona", N_("New persona"), "settings", show=False),
    KeySpec(
        "settings.default",
        "ctrl+d",
        "default_persona",
        N_("Default"),
        "settings",
        show=False,
        explain=N_("Use the highlighted persona by default"),
    ),
    KeySpec(
        "settings.passphrase",
        "ctrl+k",
        "change_passphrase",
        N_("Passphrase"),
        "settings",
        show=False,
        explain=N_("Change the passphrase"),
    ),
    KeySpec(
        "settings.filters",
        "ctrl+f",
        "filters",
        N_("Filters"),
        "settings",
        show=False,
        explain=N_("Safety and filters (content warnings, mutes, blocks)"),
    ),
    KeySpec(
        "settings.profile",
        "ctrl+e",
        "edit_profile",
        N_("Profile"),
        "settings",
        show=False,
        explain=N_("Edit the highlighted persona's profile"),
    ),
    KeySpec(
        "settings.withdraw",
        "ctrl+w",
        "withdraw_persona",
        N_("Withdraw"),
        "settings",
        show=False,
        explain=N_("Withdraw everything the highlighted persona wrote"),
    ),
    KeySpec(
        "settings.remove_relay",
        "ctrl+r",
        "remove_relay",
        N_("Remove relay"),
        "settings",
        show=False,
        explain=N_("Remove the highlighted relay"),
    ),
    KeySpec("settings.back", "escape", "app.back", N_("Back"), "settings", palette=False),
    # safety and filters
    KeySpec(
        "filters.show",
        "s",
        "choose('show')",
        N_("Show"),
        "filters",
        show=False,
        explain=N_("Show posts with the highlighted warning label (or community)"),
    ),
    KeySpec(
        "filters.collapse",
        "c",
        "choose('collapse')",
        N_("Collapse"),
        "filters",
        show=False,
        explain=N_("Collapse posts with the highlighted label (or community)"),
    ),
    KeySpec(
        "filters.hide",
        "h",
        "choose('hide')",
        N_("Hide"),
        "filters",
        show=False,
        explain=N_("Hide posts with the highlighted label (or community)"),
    ),
    KeySpec(
        "filters.default",
        "d",
        "choose('default')",
        N_("Default"),
        "filters",
        show=False,
        explain=N_("Forget your choice for the highlighted label (or community)"),
    ),
    KeySpec(
        "filters.lift",
        "u",
        "lift",
        N_("Lift"),
        "filters",
        show=False,
        explain=N_("Unmute or unblock the highlighted item"),
    ),
    KeySpec(
        "filters.word",
        "m",
        "mute_word",
        N_("Mute a word"),
        "filters",
        show=False,
        explain=N_("Type a word or phrase to mute"),
    ),
    KeySpec(
        "filters.gently",
        "ctrl+g",
        "toggle_gently",
        N_("Go gently"),
        "filters",
        show=False,
        explain=N_("Turn go gently on or off"),
    ),
    KeySpec("filters.back", "escape", "app.back", N_("Back"), "filters", palette=False),
    # tour
    KeySpec("tour.next", "right", "next", N_("Next"), "tour", palette=False),
    KeySpec("tour.previous", "left", "previous", N_("Previous"), "tour", palette=False),
    KeySpec("tour.skip", "escape", "skip", N_("Skip the tour"), "tour", palette=False),
    # help
    KeySpec("help.close", "escape", "close", N_("Close help"), "help", palette=False),
    # crisis lines
    KeySpec("crisis.close", "escape", "close", N_("Close"), "crisis", palette=False),
    # dialogs
    KeySpec("dialog.cancel", "escape", "cancel", N_("Cancel"), "dialog", palette=False),
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
    SettingSpec("setting.theme", "theme", N_("Theme: the app's colours")),
    SettingSpec("setting.lock", "lock", N_("Lock after: how long the app waits before it locks")),
    SettingSpec(
        "setting.break", "break", N_("Break reminder: a gentle note after reading a while")
    ),
    SettingSpec("setting.sync", "sync-interval", N_("Background sync: how often, or only by hand")),
    SettingSpec(
        "setting.crisis_prompt",
        "crisis",
        N_("Crisis prompt: offer crisis lines when what you write sounds like danger"),
    ),
    SettingSpec(
        "setting.activity_bell",
        "activity-bell",
        N_("Activity bell: ring when a sync brings something that concerns you"),
    ),
    SettingSpec(
        "setting.quiet_hours", "quiet-hours", N_("Quiet hours: when the bell stays silent")
    ),
    SettingSpec(
        "setting.reduce_motion", "reduce-motion", N_("Reduce motion: no spinners or animation")
    ),
    SettingSpec(
        "setting.plain",
        "plain-mode",
        N_("Plain mode: lines of text for screen readers and braille"),
    ),
    SettingSpec("setting.relays", "relay-url", N_("Relays: add or remove a relay")),
    SettingSpec("setting.proxy", "proxy", N_("Proxy or Tor: the way every sync connects")),
    SettingSpec("setting.personas", "personas", N_("Personas: a new one, the default, profiles")),
    SettingSpec("setting.passphrase", "change-passphrase", N_("Passphrase: change it")),
)


def specs_for(where: str) -> list[KeySpec]:
    """The bindings that apply in one place."""
    return [spec for spec in KEYS if spec.where == where]


def bindings_for(where: str) -> list[BindingType]:
    """Textual bindings for one place, each with its id so keymaps can override it.

    Descriptions stay English msgids here (a class's bindings are made once, at import);
    ``speak`` translates each screen's own copy when it is shown.
    """
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


def speak(node: DOMNode) -> None:
    """Put ``node``'s bindings (a screen's or the app's) and a screen's name in the
    member's current language.

    Textual copies a class's ``BINDINGS`` into each screen when it is made, and the
    footer reads the descriptions from that copy. The class keeps the English msgids
    (``bindings_for``), so translating the copy here, each time a screen is shown or the
    language changes, reads right even when the module was imported in another language.
    This is the one place that reaches into Textual's binding maps.
    """
    name = type(node).SUB_TITLE if isinstance(node, Screen) else None
    if isinstance(node, Screen) and name and node.sub_title == name:
        # a screen's name in the header (SUB_TITLE keeps the English msgid too)
        node.sub_title = _(name)
    merged = type(node)._merged_bindings
    if merged is None:
        return
    node._bindings.key_to_bindings = {
        key: [replace(binding, description=_(binding.description)) for binding in bindings]
        for key, bindings in merged.key_to_bindings.items()
    }
    node.refresh_bindings()
