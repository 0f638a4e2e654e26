"""Circle cryptography: posts only members can read and only their authors can sign,
control messages only their recipient opens, invite codes that say what they hold."""

from __future__ import annotations

import base64
import json
from dataclasses import replace

import pytest

from peerhaven.core.builders import sign_event
from peerhaven.core.circles.control import (
    JoinRequest,
    NewEpoch,
    Welcome,
    open_control,
    seal_control,
)
from peerhaven.core.circles.epoch import EpochKeys, new_circle_id, new_epoch_key
from peerhaven.core.circles.errors import CircleError
from peerhaven.core.circles.invite import Invite, join_proof, proves
from peerhaven.core.circles.post import open_post, seal_post
from peerhaven.core.dm.padding import BUCKETS
from peerhaven.core.event import Event
from peerhaven.core.keys import Keypair

NOW = 1_760_000_000


def _epoch(epoch: int = 0) -> EpochKeys:
    return EpochKeys.derive(new_circle_id(), epoch, new_epoch_key())


def _tamper(event: Event, change: str) -> Event:
    """The same event with its ciphertext (or one-time signature) altered and re-signed
    when ``change`` says so, so only the inner checks can catch it."""
    document = json.loads(event.content)
    raw = bytearray(base64.b64decode(document["ct"]))
    raw[40] ^= 1
    document["ct"] = base64.b64encode(bytes(raw)).decode()
    content = json.dumps(document, separators=(",", ":"))
    if change == "unsigned":
        return replace(event, content=content)
    one_time = Keypair.generate()
    return sign_event(one_time, "circle", "", content, event.tags, created_at=event.created_at)


def test_a_member_reads_a_post_and_knows_who_wrote_it() -> None:
    keys, author = _epoch(), Keypair.generate()
    event, sent = seal_post(author, keys, "six months today", now=NOW, cw="milestone")
    post = open_post(event, keys, {author.pubkey})
    assert post == sent
    assert (post.author, post.text, post.cw, post.sent_at) == (
        author.pubkey,
        "six months today",
        "milestone",
        NOW,
    )
    assert event.tags == (("to", keys.mailbox_pubkey),)
    assert event.pubkey != author.pubkey
    assert event.created_at <= NOW


def test_the_relay_sees_no_words_and_no_author() -> None:
    keys, author = _epoch(), Keypair.generate()
    event, _ = seal_post(author, keys, "the words only members read", now=NOW)
    stored = event.to_json()
    assert "the words" not in stored
    assert author.pubkey not in stored
    assert keys.circle not in stored
    assert len(base64.b64decode(json.loads(event.content)["ct"])) - 16 in BUCKETS


@pytest.mark.parametrize("change", ["resigned", "unsigned"])
def test_altered_ciphertext_is_refused(change: str) -> None:
    keys, author = _epoch(), Keypair.generate()
    event, _ = seal_post(author, keys, "hello", now=NOW)
    with pytest.raises(CircleError, match="altered"):
        open_post(_tamper(event, change), keys, {author.pubkey})


def test_a_post_signed_by_a_non_member_is_refused() -> None:
    keys, member, outsider = _epoch(), Keypair.generate(), Keypair.generate()
    event, _ = seal_post(outsider, keys, "let me in", now=NOW)
    with pytest.raises(CircleError, match="not written by a member"):
        open_post(event, keys, {member.pubkey})


def test_another_epochs_key_opens_nothing() -> None:
    old, author = _epoch(), Keypair.generate()
    new = EpochKeys.derive(old.circle, 1, new_epoch_key())
    event, _ = seal_post(author, new, "after the change", now=NOW)
    assert old.mailbox_pubkey != new.mailbox_pubkey
    with pytest.raises(CircleError):
        open_post(event, old, {author.pubkey})
    # even addressed to the old mailbox, the old key cannot open it
    moved = sign_event(
        Keypair.generate(), "circle", "", event.content, [["to", old.mailbox_pubkey]]
    )
    with pytest.raises(CircleError, match="altered"):
        open_post(moved, old, {author.pubkey})


def test_a_member_cannot_wrap_anothers_signed_words_in_an_event_of_their_own() -> None:
    """The signature covers the one-time key, so a member holding the post key cannot
    re-seal a real post under another one-time key (nor change its words)."""
    from peerhaven.core.circles.sealbox import open_for_epoch, seal_for_epoch

    keys, author, forger = _epoch(), Keypair.generate(), Keypair.generate()
    event, _ = seal_post(author, keys, "I said this", now=NOW)
    plaintext = open_for_epoch(event, keys.mailbox_pubkey, keys.post_key)
    resealed = seal_for_epoch(
        Keypair.generate(), keys.mailbox_pubkey, keys.post_key, plaintext, now=NOW
    )
    with pytest.raises(CircleError, match="not signed by the member"):
        open_post(resealed, keys, {author.pubkey, forger.pubkey})
    changed = plaintext.replace(b"I said this", b"I said that")
    forged = seal_for_epoch(
        Keypair.generate(), keys.mailbox_pubkey, keys.post_key, changed, now=NOW
    )
    with pytest.raises(CircleError, match="not signed by the member"):
        open_post(forged, keys, {author.pubkey, forger.pubkey})


def test_a_post_is_verifiable_later_by_the_owner() -> None:
    keys, author = _epoch(), Keypair.generate()
    event, _ = seal_post(author, keys, "reported words", now=NOW)
    post = open_post(event, keys, {author.pubkey})
    post.verify()
    with pytest.raises(CircleError):
        replace(post, text="words never written").verify()


def test_a_control_message_opens_only_for_its_recipient_and_names_its_sender() -> None:
    owner, member, other = Keypair.generate(), Keypair.generate(), Keypair.generate()
    welcome = Welcome(
        new_circle_id(),
        "Bereaved parents",
        "Be gentle.",
        3,
        new_epoch_key(),
        (owner.pubkey, member.pubkey),
    )
    event = seal_control(owner, member.pubkey, welcome, now=NOW)
    opened = open_control(event, member)
    assert (opened.sender, opened.message) == (owner.pubkey, welcome)
    assert owner.pubkey not in event.to_json() and "Bereaved" not in event.to_json()
    with pytest.raises(CircleError):
        open_control(event, other)
    forwarded = sign_event(Keypair.generate(), "circle", "", event.content, [["to", other.pubkey]])
    with pytest.raises(CircleError):
        open_control(forwarded, other)


def test_an_altered_control_message_is_refused() -> None:
    owner, member = Keypair.generate(), Keypair.generate()
    message = NewEpoch(new_circle_id(), 2, new_epoch_key(), (owner.pubkey, member.pubkey))
    event = seal_control(owner, member.pubkey, message, now=NOW)
    for change in ("resigned", "unsigned"):
        with pytest.raises(CircleError, match="altered"):
            open_control(_tamper(event, change), member)


def test_an_invite_code_round_trips_and_proves_only_for_its_joiner() -> None:
    owner, joiner, thief = Keypair.generate(), Keypair.generate(), Keypair.generate()
    invite = Invite.make(new_circle_id(), owner.pubkey, "https://relay.example/", NOW + 3600)
    code = invite.code()
    assert code.startswith("circle-") and code.isprintable() and " " not in code
    assert Invite.from_code("  " + code + "\n") == invite
    proof = join_proof(invite.secret, invite.circle, joiner.pubkey)
    assert proves(invite.secret, invite.circle, joiner.pubkey, proof)
    assert not proves(invite.secret, invite.circle, thief.pubkey, proof)
    request = JoinRequest(invite.circle, invite.id, proof)
    assert invite.secret.hex() not in json.dumps([request.invite, request.proof])


@pytest.mark.parametrize(
    "code", ["", "circle-", "circle-!!!!", "hello", "circle-AAAA", "circle-" + "A" * 2000]
)
def test_a_garbled_invite_code_is_refused_in_one_sentence(code: str) -> None:
    with pytest.raises(CircleError, match=r"^This is not a PeerHaven circle invite code\.$"):
        Invite.from_code(code)


def test_a_text_too_long_for_the_largest_bucket_is_refused() -> None:
    keys = _epoch()
    with pytest.raises(CircleError, match="too long for a circle"):
        seal_post(Keypair.generate(), keys, "x" * 9000, now=NOW)


def test_a_welcome_fits_for_a_full_circle_unless_the_rules_are_too_long() -> None:
    from peerhaven.core.circles.control import MAX_RULES_CHARS, welcome_fits

    assert welcome_fits("Morning group", "Be kind.\n" * 200)
    assert welcome_fits("x" * 80, "r" * MAX_RULES_CHARS)
    assert not welcome_fits("Morning group", "\U0001f33f" * MAX_RULES_CHARS)
    assert welcome_fits("x" * 80, "\n" * MAX_RULES_CHARS)  # escaped, and still fits
