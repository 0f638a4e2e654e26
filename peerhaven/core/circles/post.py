"""A circle post or reply: sealed to the epoch, signed by its author's persona.

What the post key seals (``sealbox.seal_for_epoch``)::

    author persona pubkey (32) || signature (64) || JSON [text, cw, reply_to, sent_at]

and the signature is the author persona's Ed25519 signature of::

    "peerhaven-circle-sig-v1" || JSON ["peerhaven-circle-v1", circle, epoch,
                                       one-time pubkey, author, text, cw, reply_to, sent_at]

Every member holds the post key, so the key proves only that *some* member
sealed the post; the persona signature proves *which*. It covers the circle,
the epoch and the one-time key that signed the outer event, so a member cannot
make a post look like another's, move a real post into another circle or epoch,
or wrap someone's signed words in an event of their own: the reader checks that
the signed one-time key is the one that signed the event it came in. A post kept
with its outer event is therefore something the circle's owner can verify when
a member reports it (``CirclePost.verify``).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from peerhaven.core.circles.epoch import EpochKeys
from peerhaven.core.circles.errors import CircleError
from peerhaven.core.circles.sealbox import altered, open_for_epoch, seal_for_epoch
from peerhaven.core.event import HEX64_RE, HEX128_RE, Event
from peerhaven.core.i18n import _
from peerhaven.core.keys import Keypair, verify_bytes

_SIG_DOMAIN = b"peerhaven-circle-sig-v1"
_MESSAGE_DOMAIN = "peerhaven-circle-v1"
MAX_CW_CHARS = 64


@dataclass(frozen=True, slots=True)
class CirclePost:
    """One post or reply as its author wrote it, and the proof that they did."""

    id: str  # the outer event's id: what replies point to
    circle: str
    epoch: int
    author: str
    text: str
    cw: str | None
    reply_to: str | None
    sent_at: int
    one_time_key: str
    signature: str

    def signed_bytes(self) -> bytes:
        """The exact bytes the author's persona signed."""
        return signed_bytes(
            self.circle,
            self.epoch,
            self.one_time_key,
            self.author,
            self.text,
            self.cw,
            self.reply_to,
            self.sent_at,
        )

    def verify(self) -> None:
        """Refuse a post whose author's signature does not cover exactly these words."""
        if not verify_bytes(self.author, self.signed_bytes(), self.signature):
            raise CircleError(_("This circle post was not signed by the member it names."))


def signed_bytes(
    circle: str,
    epoch: int,
    one_time_key: str,
    author: str,
    text: str,
    cw: str | None,
    reply_to: str | None,
    sent_at: int,
) -> bytes:
    """The domain-separated bytes a post's author signs."""
    fields: list[Any] = [
        _MESSAGE_DOMAIN,
        circle,
        epoch,
        one_time_key,
        author,
        text,
        cw,
        reply_to,
        sent_at,
    ]
    return _SIG_DOMAIN + json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()


def check_words(text: str, cw: str | None, reply_to: str | None) -> None:
    """Refuse what no post may carry, in a sentence the author can act on."""
    if not text.strip():
        raise CircleError(_("A circle post cannot be empty."))
    try:
        (text + (cw or "")).encode()
    except UnicodeEncodeError:
        raise CircleError(_("This post holds characters that cannot be sent.")) from None
    if cw is not None and (not cw.strip() or len(cw) > MAX_CW_CHARS or not cw.isprintable()):
        raise CircleError(
            _("A content warning label is 1 to {limit} characters on one line.").format(
                limit=MAX_CW_CHARS
            )
        )
    if reply_to is not None and not HEX64_RE.fullmatch(reply_to):
        raise CircleError(_("A reply names the id of the post it answers."))


def seal_post(
    me: Keypair,
    keys: EpochKeys,
    text: str,
    *,
    now: int,
    cw: str | None = None,
    reply_to: str | None = None,
) -> tuple[Event, CirclePost]:
    """Sign and seal a post (or a reply, with ``reply_to``) for the epoch's members."""
    check_words(text, cw, reply_to)
    one_time = Keypair.generate()
    message = signed_bytes(
        keys.circle, keys.epoch, one_time.pubkey, me.pubkey, text, cw, reply_to, now
    )
    signature = me.sign_bytes(message)
    body = json.dumps([text, cw, reply_to, now], ensure_ascii=False, separators=(",", ":"))
    plaintext = bytes.fromhex(me.pubkey) + bytes.fromhex(signature) + body.encode()
    event = seal_for_epoch(one_time, keys.mailbox_pubkey, keys.post_key, plaintext, now=now)
    post = CirclePost(
        event.id,
        keys.circle,
        keys.epoch,
        me.pubkey,
        text,
        cw,
        reply_to,
        now,
        one_time.pubkey,
        signature,
    )
    return event, post


def _fields(body: bytes) -> tuple[str, str | None, str | None, int]:
    try:
        text, cw, reply_to, sent_at = json.loads(body.decode())
    except (ValueError, TypeError, RecursionError):
        raise altered() from None
    if not isinstance(text, str) or not isinstance(sent_at, int) or isinstance(sent_at, bool):
        raise altered()
    if cw is not None and not isinstance(cw, str):
        raise altered()
    if reply_to is not None and not isinstance(reply_to, str):
        raise altered()
    try:
        check_words(text, cw, reply_to)
    except CircleError:
        raise altered() from None
    return text, cw, reply_to, sent_at


def open_post(event: Event, keys: EpochKeys, members: Collection[str]) -> CirclePost:
    """Open, authenticate and attribute a post of this epoch; nothing else is accepted.

    ``members`` are the personas of the epoch: a post sealed with the right key but
    signed by anyone else (a removed member who kept an old key, or a forger) is
    refused.
    """
    plaintext = open_for_epoch(event, keys.mailbox_pubkey, keys.post_key)
    if len(plaintext) < 96:
        raise altered()
    author, signature = plaintext[:32].hex(), plaintext[32:96].hex()
    if not HEX64_RE.fullmatch(author) or not HEX128_RE.fullmatch(signature):
        raise altered()
    text, cw, reply_to, sent_at = _fields(plaintext[96:])
    post = CirclePost(
        event.id,
        keys.circle,
        keys.epoch,
        author,
        text,
        cw,
        reply_to,
        sent_at,
        event.pubkey,
        signature,
    )
    post.verify()
    if author not in members:
        raise CircleError(_("This circle post was not written by a member of the circle."))
    return post
