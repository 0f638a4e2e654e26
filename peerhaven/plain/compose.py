"""Writing a post or a reply: the words, content warnings, the guard, the crisis offer, send.

The same steps as the CLI's ``post`` and the app's composer, over the same use
cases: ``safety.precheck.check_before_publish`` looks for personal details and
crisis language, ``store.compose.publish_draft`` signs and queues (erasing the
draft it came from), ``sync.send`` sends at once. Personal details stop the post
until the member chooses; the crisis offer never does.
"""

from __future__ import annotations

from typing import Literal

from peerhaven.core.i18n import _
from peerhaven.plain.console import Key
from peerhaven.plain.session import Session, others, others_line


def write_post(
    session: Session,
    slug: str,
    *,
    reply_to: str | None = None,
    text: str | None = None,
    cw: tuple[str, ...] = (),
    draft_id: int | None = None,
) -> bool:
    """Ask for the words (unless a draft gave them), check them, publish; True once published."""
    from peerhaven.store.compose import compose_context
    from peerhaven.store.publish import parse_labels

    console = session.console
    context = compose_context(session.store, slug, reply_to=reply_to)
    if context.observer:
        console.say(
            _("You only read {name}: join it from Browse to post there.").format(
                name=others_line(context.community_name)
            )
        )
        return False
    if context.parent is not None:
        console.heading(
            _("Replying to {author} in {name}, as {persona}.").format(
                author=others_line(context.parent.author),
                name=others_line(context.community_name),
                persona=context.persona,
            )
        )
    else:
        console.heading(
            _("New post in {name}, as {persona}.").format(
                name=others_line(context.community_name), persona=context.persona
            )
        )
    if text is None:
        text = console.write_text(_("Write your words."))
        if not text:
            console.say(_("Nothing was written; nothing was posted."))
            return False
        labels = console.ask(_("Content warnings, separated by commas, or Enter for none:"))
        cw = tuple(parse_labels(labels))
    return _check_and_publish(session, slug, text, cw, reply_to, draft_id)


def _check_and_publish(
    session: Session,
    slug: str,
    text: str,
    cw: tuple[str, ...],
    reply_to: str | None,
    draft_id: int | None,
) -> bool:
    verdict = check_words(session, text, slug=slug, what="post")
    if verdict == "draft":
        return _keep_as_draft(session, slug, text, cw, reply_to, draft_id)
    if verdict == "drop":
        return False
    return _publish(session, slug, text, cw, reply_to, draft_id)


#: what ``check_words`` decided: send the words, keep them as a draft, or leave them unsent
Verdict = Literal["send", "draft", "drop"]
#: what the words are, for the questions the checks ask
What = Literal["post", "message", "circle post"]


def check_words(session: Session, text: str, *, slug: str | None, what: What) -> Verdict:
    """The oversharing guard, then the crisis offer, before any words leave this device.

    Posts, direct messages and circle posts all pass here (as in the app's
    ``CheckedSendingScreen`` and the CLI's ``commands.precheck``): personal
    details stop the words until the member chooses; the crisis offer never does.
    A post may be kept as a draft; a message or a circle post is kept nowhere,
    so "drop" means nothing was sent.
    """
    from peerhaven.safety.precheck import check_before_publish

    console = session.console
    check = check_before_publish(text, crisis_prompt=bool(session.settings.get("crisis_prompt")))
    if check.has_personal_details:
        console.announce(check.describe_findings())
        for finding in check.findings[:5]:
            console.say(_("Found: {text}").format(text=others_line(finding.text)))
        if what == "post":
            picked = console.choose(
                [
                    _("Publish it anyway"),
                    _("Keep it as a draft to edit"),
                    _("Throw it away"),
                ],
                back=False,
            )
            if picked == 1:
                return "draft"
            if picked == 2:
                console.say(_("Thrown away; nothing was posted."))
                return "drop"
        else:
            picked = console.choose([_("Send it anyway"), _("Do not send it")], back=False)
            if picked == 1:
                console.say(_("Not sent; nothing left this device."))
                return "drop"
    if check.offers_crisis_support:
        if what == "post":
            console.announce(
                _(
                    "It sounds like things may be very hard right now. Your post will still be "
                    "shared; people are there to talk to at any hour (only you see this):"
                )
            )
        else:
            console.announce(
                _(
                    "It sounds like things may be very hard right now. Your words will still "
                    "be sent; people are there to talk to at any hour (only you see this):"
                )
            )
        console.crisis_text = lambda: session.crisis_text(slug)
        console.crisis()
        options = (
            [_("Publish it"), _("Keep it as a draft for now")]
            if what == "post"
            else [_("Send it"), _("Do not send it now")]
        )
        picked = console.choose(
            options,
            keys=[Key("o", _("stop offering crisis lines when I post"))],
            back=False,
        )
        console.crisis_text = session.crisis_text
        if picked == 1:
            if what == "post":
                return "draft"
            console.say(_("Not sent; nothing left this device."))
            return "drop"
        if picked == "o":
            from peerhaven.store.settings import set_setting

            set_setting(session.store, "crisis_prompt", False)
            session.reload_settings()
            console.say(_("Crisis lines will no longer be offered; Settings turns it back on."))
    return "send"


def ask_words(session: Session, prompt: str) -> tuple[str, str | None] | None:
    """Words and one content warning for a message or a circle post; None when empty."""
    console = session.console
    text = console.write_text(prompt)
    if not text:
        console.say(_("Nothing was written; nothing was sent."))
        return None
    label = console.ask(_("A content warning, or Enter for none:")).strip()
    return text, label or None


def _publish(
    session: Session,
    slug: str,
    text: str,
    cw: tuple[str, ...],
    reply_to: str | None,
    draft_id: int | None,
) -> bool:
    from peerhaven.store.compose import publish_draft
    from peerhaven.store.held import is_waiting

    console = session.console
    event = publish_draft(session.store, slug, text, cw=cw, reply_to=reply_to, draft_id=draft_id)
    console.say(_("Sending…"))
    outcome = session.send(event)
    if reply_to:
        console.announce(_("Reply saved. {outcome}").format(outcome=outcome).strip())
    else:
        console.announce(_("Post saved. {outcome}").format(outcome=outcome).strip())
    if is_waiting(session.store, event.id):
        console.say(
            _(
                "{slug} holds new members' first posts until a moderator approves them: "
                "yours waits for one."
            ).format(slug=slug)
        )
    return True


def _keep_as_draft(
    session: Session,
    slug: str,
    text: str,
    cw: tuple[str, ...],
    reply_to: str | None,
    draft_id: int | None,
) -> bool:
    from peerhaven.store.drafts import save_draft

    save_draft(session.store, text, community=slug, reply_to=reply_to, cw=cw, draft_id=draft_id)
    session.console.say(_("Kept as a draft; Drafts at home opens it."))
    return False


def read_back(session: Session, text: str) -> None:
    """Read a member's own words back before a choice about them (a draft)."""
    for line in others(text).splitlines() or [""]:
        session.console.say(line)
