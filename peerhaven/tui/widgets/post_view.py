"""How posts read on screen: the same words for a feed row and a post in a thread.

Nothing is conveyed by colour alone: new posts carry "● new", your own "(you)"
(and "not sent yet" while it waits for a relay, or the relay's refusal),
reactions are words with numbers, and a ✓ marks the ones you gave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.padding import Padding
from rich.text import Text

from peerhaven.core import localized
from peerhaven.core.event import REACTIONS
from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.store import clock
from peerhaven.tui.others_text import plain

if TYPE_CHECKING:
    from peerhaven.store.feed import Post, ThreadSummary

#: words for each reaction, in the order of the keys 1–4
REACTION_WORDS: dict[str, str] = {
    "me-too": N_("me too"),
    "been-there": N_("been there"),
    "sending-support": N_("sending support"),
    "thank-you": N_("thank you"),
}
NEW = N_("● new")
WITHDRAWN = N_("This post was withdrawn by its author.")
#: replies deeper than this are drawn at this depth (with "↳ to <author>" saying whose)
DEPTH_CAP = 4
INDENT = 2
#: how many lines of a post a feed row shows
FEED_LINES = 2


def age(created_at: int, now: int | None = None) -> str:
    """How long ago, in the largest whole unit; a date once it is over a month."""
    seconds = max(0, (clock.now() if now is None else now) - created_at)
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        return _("{count} min ago").format(count=seconds // 60)
    if seconds < 86_400:
        return _("{count} h ago").format(count=seconds // 3600)
    if seconds // 86_400 <= 30:
        return _("{count} d ago").format(count=seconds // 86_400)
    return localized.when(created_at, localized.DAY_YEAR)


def reaction_text(post: Post) -> Text:
    """ "me too 3 · thank you 1 ✓": counts in words, a tick where you reacted too."""
    text = Text()
    for which in REACTIONS:
        count = post.reactions.get(which, 0)
        if not count:
            continue
        if text:
            text.append(" · ", style="dim")
        text.append(f"{_(REACTION_WORDS[which])} {count}")
        if which in post.my_reactions:
            text.append(" ✓", style="bold")
    return text


def fold_text(post: Post, how_to_open: str) -> str:
    """What shows instead of a folded body: why it is folded and how to open it.

    The reason comes from the reader's filters ("Content warning: loss."), and
    so quotes the author's labels: it is made inert like the post.
    """
    reason = plain(post.fold or _("Folded by your settings")).rstrip(".")
    return f"{reason} — {how_to_open}"


def _byline(post: Post, extra: str = "") -> Text:
    text = Text()
    if post.unread:
        text.append(f"{_(NEW)}  ", style="bold")
    text.append(plain(post.author), style="bold")
    if post.mine:
        text.append(" (you)")
    if post.delivery:
        text.append(f" · {post.delivery}", style="bold")
    text.append(f" · {age(post.created_at)}", style="dim")
    if post.edited_at is not None:
        edited = localized.when(post.edited_at, localized.CLOCK)
        text.append(f" · edited {edited}", style="dim")
    if extra:
        text.append(f" · {extra}", style="dim")
    return text


def thread_row(summary: ThreadSummary) -> Text:
    """One feed row: who and when, replies, then the first lines or the warning, then reactions."""
    post = summary.post
    replies = (
        ngettext("{count} reply", "{count} replies", summary.replies).format(count=summary.replies)
        if summary.replies
        else _("no replies yet")
    )
    if summary.unread_replies:
        new = summary.unread_replies
        replies += ngettext(", {count} new", ", {count} new", new).format(count=new)
    text = _byline(post, replies)
    if summary.last_reply is not None and summary.last_reply > post.created_at:
        text.append(_(" · last {age}").format(age=age(summary.last_reply)), style="dim")
    text.append("\n")
    if post.deleted:
        text.append(_(WITHDRAWN), style="italic")
    elif post.fold is not None:
        text.append(fold_text(post, _("Enter to open")), style="italic")
    else:
        content = plain(post.content.strip(), multiline=True)
        lines = [line for line in content.splitlines() if line.strip()]
        first = " ".join(lines[:FEED_LINES])
        text.append(first[:300] + ("…" if len(first) > 300 or len(lines) > FEED_LINES else ""))
    reactions = reaction_text(post)
    if reactions:
        text.append("\n")
        text.append(reactions)
    return text


def post_block(post: Post, depth: int, *, opened: bool, parent_author: str | None) -> Padding:
    """A post in a thread, indented by depth (capped so 80 columns stay readable)."""
    extra = _("↳ to {author}").format(author=plain(parent_author)) if parent_author else ""
    text = _byline(post, extra)
    text.append("\n")
    if post.deleted:
        text.append(_(WITHDRAWN), style="italic")
    elif post.fold is not None and not opened:
        text.append(fold_text(post, _("press o to open")), style="italic")
    else:
        if post.fold is not None:
            reason = plain(post.fold or "").rstrip(".")
            text.append(_("{reason} (opened, o folds it again)\n").format(reason=reason), "italic")
        text.append(plain(post.content.strip(), multiline=True))
    reactions = reaction_text(post)
    if reactions:
        text.append("\n")
        text.append(reactions)
    return Padding(text, (0, 0, 0, INDENT * min(depth, DEPTH_CAP)))
