"""Direct messages in plain mode: conversations, one conversation, requests, a first message.

The same use cases as ``peerhaven dm`` and the app's Messages screens:
``store.dm`` lists conversations and requests and records answers,
``store.dm_receipts.mark_read`` counts a conversation read (and makes the "seen"
receipt when the member chose it), ``store.dm_report.report_message`` seals one
message with its proof to the moderators, and ``sync.dm.send_dm`` seals, saves,
queues and sends at once (a first message fetches the other persona's keys from a
relay). Words pass the oversharing guard and the crisis offer first
(``plain.compose.check_words``). Nothing a stranger sends is read out before the
member accepts it, and a message under a content warning is announced by its
label and opened only on request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerhaven.core.errors import PeerHavenError
from peerhaven.core.i18n import _, ngettext
from peerhaven.core.inert import inert_line
from peerhaven.core.persona import pseudonym
from peerhaven.core.sentences import sentence
from peerhaven.plain.compose import ask_words, check_words
from peerhaven.plain.console import Key, choice_prompt, parse_choice
from peerhaven.plain.session import Session, others, others_line, when

if TYPE_CHECKING:
    from peerhaven.store.dm import ConversationRow, Message, Request


def news(session: Session) -> str:
    """What waits in Messages, in one line: "2 new messages from 1 person; 1 request"."""
    from peerhaven.store.dm import conversations, requests

    rows = conversations(session.store)
    unread = sum(row.unread for row in rows)
    people = sum(1 for row in rows if row.unread)
    waiting = len(requests(session.store))
    parts = []
    if unread:
        parts.append(
            _("{messages} from {people}").format(
                messages=ngettext("{count} new message", "{count} new messages", unread).format(
                    count=unread
                ),
                people=ngettext("{count} person", "{count} people", people).format(count=people),
            )
        )
    if waiting:
        parts.append(ngettext("{count} request", "{count} requests", waiting).format(count=waiting))
    return "; ".join(parts)


def home_label(session: Session) -> str:
    """Home's entry: "Messages" and, when something waits, what."""
    waiting = news(session)
    if not waiting:
        return _("Messages: private conversations and requests")
    return _("Messages: {news}").format(news=waiting)


def messages_place(session: Session) -> None:
    """Conversations newest first, numbered; r for requests, c for circles."""
    from peerhaven.store.dm import conversations, requests

    console = session.console
    while True:
        rows = conversations(session.store)
        waiting = len(requests(session.store))
        console.heading(_("Messages. Only you and the other persona can read these."))
        said = news(session)
        if said:
            console.say(_("{news}.").format(news=said))
        if not rows:
            console.say(
                _(
                    "No conversations yet. To write to someone privately, open a post of "
                    "theirs in a thread and choose to write privately to its author; they see "
                    "a request until they accept."
                )
            )
        keys = [
            Key(
                "r",
                ngettext(
                    "message requests, {count} waiting",
                    "message requests, {count} waiting",
                    waiting,
                ).format(count=waiting),
            ),
            Key("c", _("circles")),
        ]
        picked = console.pick([conversation_line(row) for row in rows], keys=keys)
        if picked == "b":
            return
        if picked == "r":
            requests_place(session)
        elif picked == "c":
            from peerhaven.plain.circles import circles

            circles(session)
        elif isinstance(picked, int):
            row = rows[picked]
            conversation(session, row.persona, row.peer)


def conversation_line(row: ConversationRow) -> str:
    """Who, as whom, where you met, how many new, when, and the last message (or its fold)."""
    parts = [_("as {persona}").format(persona=row.persona_name)]
    if row.community:
        parts.append(_("met in {community}").format(community=others_line(row.community)))
    if row.unread:
        parts.append(ngettext("{count} new", "{count} new", row.unread).format(count=row.unread))
    parts.append(when(row.last_at))
    head = _("{peer} ({details})").format(peer=row.peer_name, details=", ".join(parts))
    if row.last_text is None:
        return _("{head}: no messages yet").format(head=head)
    if row.last_cw:
        last = _("folded: content warning “{label}”").format(label=others_line(row.last_cw))
    else:
        last = others_line(" ".join(row.last_text.split()))[:70]
    if row.last_outgoing:
        return _("{head}: you wrote: {last}").format(head=head, last=last)
    return _("{head}: {last}").format(head=head, last=last)


def conversation(session: Session, persona: str, peer: str, *, community: str = "") -> None:
    """One conversation read out in order; then write, open, report, "seen", block, back."""
    from peerhaven.store.dm import conversations, messages
    from peerhaven.store.dm_receipts import mark_read

    console, store = session.console, session.store
    name = pseudonym(peer)
    while True:
        found = [r for r in conversations(store) if r.persona == persona and r.peer == peer]
        row = found[0] if found else None
        console.heading(
            _("Conversation with {peer}, as {persona}.").format(
                peer=name, persona=pseudonym(persona)
            )
        )
        where = row.community if row is not None else community
        if where:
            console.say(_("You met in {community}.").format(community=others_line(where)))
        shown: list[Message] = []
        if row is None:
            console.say(
                _(
                    "Nothing written yet. Your first message reaches {peer} as a request, which "
                    "they can accept or decline."
                ).format(peer=name)
            )
        else:
            console.say(seen_sentence(row.seen, name))
            shown = messages(store, persona, peer)
            receipt = mark_read(store, persona, peer)
            if receipt is not None:  # "seen" is on here: it leaves now, as in the app
                session.send(receipt)
            lines: list[str] = []
            for number, message in enumerate(shown, 1):
                lines.extend(message_lines(message, number))
            if not console.page(lines):
                console.say(_("Stopped reading."))
        picked = _conversation_prompt(session, len(shown), row is not None)
        if picked == "b":
            return
        if picked == "w":
            write_message(session, persona, peer, community=where)
        elif picked == "s" and row is not None:
            _toggle_seen(session, row)
        elif picked == "k":
            if _block(session, peer):
                return
        elif isinstance(picked, int):
            _message_actions(session, shown[picked])


def seen_sentence(seen: bool, peer: str) -> str:
    """What the other persona learns about your reading, as the CLI says it."""
    if seen:
        return _("{who} will be told when you have read its messages.").format(who=peer)
    return _("{who} is not told when you read its messages.").format(who=peer)


def message_lines(message: Message, number: int) -> list[str]:
    """One message: its number, who, when, its state (yours), then its words or its fold."""
    head = [
        _("Message {number}, from {who}").format(
            number=number, who=_("you") if message.outgoing else message.author_name
        ),
        when(message.sent_at),
    ]
    if message.outgoing:
        if message.delivery:
            head.append(others_line(message.delivery))
        else:
            head.append(_("seen") if message.seen else _("sent"))
    elif not message.read:
        head.append(_("new"))
    lines = [", ".join(head) + "."]
    if message.cw:
        lines.append(
            _(
                "Folded: content warning “{label}”. Type {number} to choose whether to open it."
            ).format(label=others_line(message.cw), number=number)
        )
    else:
        lines.extend(others(message.text).splitlines() or [""])
    return lines


def _conversation_prompt(session: Session, count: int, started: bool) -> int | str:
    console = session.console
    letters = ["w"]
    if count:
        console.say(_("Type a message's number to open it or report it."))
    console.say(_("w: write a message"))
    if started:
        console.say(_("s: turn “seen” on or off"))
        letters.append("s")
    console.say(_("k: block this persona"))
    console.say(_("b: go back"))
    letters += ["k", "b"]
    while True:
        answer = console.ask(choice_prompt(count, letters))
        picked = parse_choice(answer, count, letters)
        if picked is not None:
            return picked
        console.say(_("That is not one of the choices."))


def _message_actions(session: Session, message: Message) -> None:
    """Open a folded message on request; report one of theirs."""
    console = session.console
    if message.cw:
        console.say(
            _("This message is folded: content warning “{label}”.").format(
                label=others_line(message.cw)
            )
        )
        if console.confirm(_("Open it?")):
            console.page(others(message.text).splitlines() or [""])
    if message.outgoing:
        return
    picked = console.choose([_("Report it to the moderators where you met")])
    if picked == 0:
        report_message(session, message)


def report_message(session: Session, message: Message) -> None:
    """Say what a report reveals and to whom, ask why, then seal it and send it at once."""
    from peerhaven.store.dm_report import report_message as seal_report

    console = session.console
    if not message.reportable:
        console.say(_("This message cannot be reported: this device did not keep its proof."))
        return
    whom = (
        _("the moderators of {community}").format(community=others_line(message.community))
        if message.community
        else _("the moderators of the community where you met")
    )
    console.say(
        _(
            "A report reveals exactly this message, and that {author} sent it, to {whom}, who "
            "can check that {author} really wrote it. Nothing else of this conversation is "
            "revealed, relays learn nothing, and {author} is not told who reported it."
        ).format(author=message.author_name, whom=whom)
    )
    reason = console.ask(_("Why are you reporting it? Only the moderators can read this:"))
    if not reason:
        console.say(_("Nothing was reported."))
        return
    try:
        event = seal_report(session.store, message.id, reason)
    except PeerHavenError as exc:
        console.say(inert_line(sentence(str(exc))))
        return
    outcome = session.send(event)
    console.announce(
        _("Reported to the moderators of {community}. {outcome}")
        .format(community=event.community, outcome=outcome)
        .strip()
    )


def _toggle_seen(session: Session, row: ConversationRow) -> None:
    from peerhaven.store.dm import set_seen

    set_seen(session.store, row.persona, row.peer, not row.seen)
    session.console.announce(seen_sentence(not row.seen, row.peer_name))


def _block(session: Session, peer: str) -> bool:
    """Block the other persona once the member said yes; whether it was blocked."""
    from peerhaven.store.filter_prefs import block

    console = session.console
    name = pseudonym(peer)
    console.say(
        _(
            "Nothing more from {peer} reaches you: no messages, no requests, and their posts "
            "are hidden in every community. They are not told. Settings at home can lift it."
        ).format(peer=name)
    )
    if not console.confirm(_("Block {peer}?").format(peer=name)):
        console.say(_("Nothing was blocked."))
        return False
    block(session.store, peer, note=_("blocked in a conversation"))
    console.announce(_("{peer} is blocked.").format(peer=name))
    return True


def write_message(session: Session, persona: str, peer: str, *, community: str = "") -> None:
    """Words, the guard and the crisis offer, then seal, save and send at once."""
    from peerhaven.store.personas import load_persona
    from peerhaven.sync.dm import send_dm

    console = session.console
    words = ask_words(session, _("Your message to {peer}.").format(peer=pseudonym(peer)))
    if words is None:
        return
    text, label = words
    if check_words(session, text, slug=community or None, what="message") != "send":
        return
    console.say(_("Sending…"))
    try:
        result = send_dm(
            session.store,
            load_persona(session.store, persona),
            peer,
            text,
            cw=label,
            community=community,
            proxy=session.proxy,
        )
    except PeerHavenError as exc:
        console.announce(inert_line(sentence(str(exc))))
        return
    console.announce(_("Message saved. {outcome}").format(outcome=result.sentence()).strip())


def write_to_author(session: Session, slug: str, author: str) -> None:
    """A first message (or the next one) to a post's author, as your persona in ``slug``."""
    from peerhaven.store.dm import sender_for

    try:
        sender = sender_for(session.store, author, community=slug)
    except PeerHavenError as exc:  # observing there: nobody to write as
        session.console.say(inert_line(sentence(str(exc))))
        return
    conversation(session, sender.persona, author, community=sender.community)


def requests_place(session: Session) -> None:
    """Requests oldest first; each read out and answered."""
    from peerhaven.store.dm import requests

    console = session.console
    while True:
        waiting = requests(session.store)
        console.heading(_("Message requests: first messages from people you have not accepted."))
        if not waiting:
            console.say(_("No message requests."))
            return
        picked = console.pick([request_line(request) for request in waiting])
        if not isinstance(picked, int):
            return
        _answer_request(session, waiting[picked])


def request_line(request: Request) -> str:
    """Who, where you met, when, how many messages (never the words)."""
    parts = []
    if request.community:
        parts.append(_("met in {community}").format(community=others_line(request.community)))
    parts.append(when(request.first_at))
    parts.append(
        ngettext("{count} message", "{count} messages", request.count).format(count=request.count)
    )
    return _("{peer} ({details})").format(peer=request.peer_name, details=", ".join(parts))


def _answer_request(session: Session, request: Request) -> None:
    """The request read out (its opening folded behind a warning), then the answer."""
    from peerhaven.store.dm import accept_request, decline_request

    console = session.console
    name = request.peer_name
    console.heading(
        _("{sender} asks to talk with {persona}.").format(
            sender=name, persona=pseudonym(request.persona)
        )
    )
    if request.community:
        console.say(_("You met in {community}.").format(community=others_line(request.community)))
    if not request.shares_community:
        console.say(
            _("{sender} wrote nothing this device holds in a community you share.").format(
                sender=name
            )
        )
    if request.cw:
        console.say(
            _("The opening is folded: content warning “{label}”.").format(
                label=others_line(request.cw)
            )
        )
        if console.confirm(_("Open it?")):
            console.page(others(request.opening).splitlines() or [""])
    else:
        console.say(_("It opens:"))
        console.page(others(request.opening).splitlines() or [""])
    picked = console.choose(
        [
            _("Accept: read the messages and answer"),
            _("Decline: its words are deleted"),
            _("Decline and block {sender}").format(sender=name),
        ]
    )
    if picked == 0:
        accept_request(session.store, request.persona, request.peer)
        console.announce(_("You accepted {sender}'s request.").format(sender=name))
        conversation(session, request.persona, request.peer)
    elif picked == 1:
        decline_request(session.store, request.persona, request.peer)
        console.announce(_("Declined; the request is deleted."))
    elif picked == 2:
        console.say(
            _(
                "Their request is deleted, and nothing more from {sender} reaches you: no "
                "messages, no requests, and their posts are hidden in every community. They "
                "are not told. Settings at home can lift the block."
            ).format(sender=name)
        )
        if not console.confirm(_("Decline and block {sender}?").format(sender=name)):
            console.say(_("Nothing was declined."))
            return
        decline_request(session.store, request.persona, request.peer, and_block=True)
        console.announce(_("Declined; {sender} is blocked.").format(sender=name))
