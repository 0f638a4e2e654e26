"""``import`` trusts nothing in the file: signatures, owners, types, ranges, one transaction."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from peerhaven.core import Keypair, builders
from peerhaven.store import ExportError, Store, StoreError, create_store
from peerhaven.store.communities import pinned_owner
from peerhaven.store.drafts import list_drafts
from peerhaven.store.events import store_verified
from peerhaven.store.export import export_bytes, read_export
from peerhaven.store.importing import IMPOSTOR, NOT_YOURS, import_data
from peerhaven.store.journal import list_entries
from peerhaven.store.relays import relay_urls
from peerhaven.store.search import search
from tests.fixtures.store import PASSPHRASE
from tests.store.import_world import (
    ATTACKER,
    OWNER,
    SLUG,
    STRANGER,
    build_source,
    definition,
    document,
    exported,
    joined,
    snapshot,
)


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Store]:
    store = build_source(tmp_path / "source" / "peerhaven.db")
    yield store
    store.close()


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Store]:
    store = create_store(tmp_path / "target" / "peerhaven.db", PASSPHRASE)
    yield store
    store.close()


def reasons(report: Any, section: str) -> list[str]:
    return list(report.refused.get(section, {}))


# -- what a good file brings ---------------------------------------------------------


def test_a_whole_export_imports_and_a_second_import_adds_nothing(
    source: Store, target: Store
) -> None:
    doc = exported(source)
    report = import_data(target, doc)
    assert report.refused_total() == 0
    assert report.added == {
        "personas": 2,
        "journal": 1,
        "drafts": 1,
        "settings": 1,
        "relays": 1,
        "communities": 1,
        "community_relays": 1,
        "memberships": 1,
        "blocks": 1,
        "mutes": 1,
        "events": 1,
    }
    assert pinned_owner(target, SLUG) == OWNER.pubkey
    assert list_entries(target)[0].content == "a private thought"
    assert list_drafts(target)[0].cw == ("loss", "grief")
    again = import_data(target, doc)
    assert again.total() == 0 and again.refused_total() == 0
    assert sum(again.present.values()) == sum(report.added.values())


# -- item 3: definitions and events by signature; a pinned owner stays ----------------


def _tampered(event: dict[str, Any]) -> dict[str, Any]:
    """The real definition with an attacker's key and altered content: id and sig invalid."""
    return {**event, "pubkey": ATTACKER.pubkey, "content": event["content"].replace("A", "B")}


def test_a_definition_with_a_bad_signature_is_refused_and_not_pinned(
    source: Store, target: Store
) -> None:
    doc = exported(source)
    doc["data"]["communities"] = [_tampered(doc["data"]["communities"][0])]
    report = import_data(target, doc)
    assert report.added.get("communities", 0) == 0
    assert reasons(report, "communities") == ["its id does not match its content"]
    # the membership has no definition to stand on, so it is refused too, in words
    assert "definition" in reasons(report, "memberships")[0]
    assert pinned_owner(target, SLUG) is None
    joined(target)  # the real community, offered later by a relay, is joined as usual
    assert pinned_owner(target, SLUG) == OWNER.pubkey


def test_a_validly_self_signed_impostor_never_replaces_the_pinned_owner(
    source: Store, target: Store
) -> None:
    joined(target)
    impostor = definition(ATTACKER, name="Totally calm", at=1_790_000_000)
    doc = exported(source)
    doc["data"]["communities"] = [impostor.to_wire()]
    report = import_data(target, doc)
    assert reasons(report, "communities") == [IMPOSTOR]
    assert pinned_owner(target, SLUG) == OWNER.pubkey
    # the real community keeps working: the owner's next definition is taken
    newer = definition(OWNER, name="Calm corner, renamed", at=1_750_000_000)
    assert store_verified(target, [newer]).accepted == 1
    row = target.execute("SELECT name FROM communities WHERE slug = ?", (SLUG,)).fetchone()
    assert row[0] == "Calm corner, renamed"
    # and so is a newer real definition carried by a later import
    newest = definition(OWNER, name="Calm corner again", at=1_760_000_000)
    report = import_data(target, document({"communities": [newest.to_wire()]}))
    assert report.added == {"communities": 1} and report.refused_total() == 0
    row = target.execute("SELECT name FROM communities WHERE slug = ?", (SLUG,)).fetchone()
    assert row[0] == "Calm corner again"


def test_an_impostor_in_the_same_file_after_the_real_one_is_refused(target: Store) -> None:
    real = definition(OWNER, at=1_700_000_000)
    impostor = definition(ATTACKER, at=1_700_000_500)
    report = import_data(
        target, document({"communities": [impostor.to_wire(), real.to_wire()][::-1]})
    )
    assert report.added == {"communities": 1}
    assert reasons(report, "communities") == [IMPOSTOR]
    assert pinned_owner(target, SLUG) == OWNER.pubkey


def test_forged_events_and_events_by_someone_else_are_refused(source: Store, target: Store) -> None:
    doc = exported(source)
    own = doc["data"]["events"][0]
    forged = {**own, "content": "words never written"}
    strangers = builders.post(STRANGER, SLUG, "not yours", created_at=1_700_000_100).to_wire()
    doc["data"]["events"] = [forged, strangers, own]
    report = import_data(target, doc)
    assert report.added["events"] == 1
    assert report.refused["events"] == {"its id does not match its content": 1, NOT_YOURS: 1}
    texts = [row[0] for row in target.execute("SELECT content FROM events WHERE kind = 'post'")]
    assert texts == ["a first post about lanterns"]


# -- item 4: every field's type and range -------------------------------------------


@pytest.mark.parametrize(
    ("section", "change", "reason"),
    [
        ("journal", {"created_at": "yesterday"}, "its date is not a time in whole seconds"),
        ("journal", {"created_at": 2**70}, "its date is not a time in whole seconds"),
        ("journal", {"mood": 11}, "its mood is not a whole number from 1 to 10"),
        ("journal", {"mood": True}, "its mood is not a whole number from 1 to 10"),
        ("journal", {"mood": 5.0}, "its mood is not a whole number from 1 to 10"),
        ("journal", {"tags": "abc"}, "its tags are not a list of at most 64 texts"),
        ("journal", {"tags": [{"a": 1}]}, "its tag is not text"),
        ("journal", {"content": None}, "its text is not text"),
        ("journal", {"content": "\ud800"}, "its text is not valid Unicode text"),
        ("journal", {"uid": ["x"]}, "its uid is not a short ASCII identifier"),
        ("drafts", {"cw": "abc"}, "its content warnings are not a list of labels"),
        ("drafts", {"cw": ["\x1b[31mred"]}, "its content warning holds control characters"),
        (
            "drafts",
            {"community": "Not A Slug!"},
            "its community is not a community name like calm-corner",
        ),
        ("drafts", {"reply_to": 7}, "its reply target is not 64 lowercase hex characters"),
        ("personas", {"secret": "00" * 32}, "its secret key does not belong to its public key"),
        ("personas", {"secret": 5}, "its secret key is not 64 hex characters"),
        ("memberships", {"keep_days": 0}, "its days kept is not a whole number from 1 to 100000"),
        ("memberships", {"persona": "me"}, "its persona is not 64 lowercase hex characters"),
        ("blocks", {"pubkey": None}, "its public key is not 64 lowercase hex characters"),
        ("mutes", {"kind": "everything"}, "its kind is not one of word, persona, thread"),
        ("mutes", {"until": "soon"}, "its end is not a time in whole seconds"),
        ("community_relays", {"relay_url": {"url": "x"}}, "its relay address is not text"),
    ],
)
def test_a_row_of_the_wrong_type_or_range_is_refused_with_its_reason(
    source: Store, target: Store, section: str, change: dict[str, Any], reason: str
) -> None:
    doc = exported(source)
    doc["data"][section][0].update(change)
    report = import_data(target, doc)
    assert reasons(report, section) == [reason]
    assert report.added.get(section, 0) == len(doc["data"][section]) - 1
    # what was taken works: listing and searching never fail afterwards
    list_entries(target)
    list_drafts(target)
    search(target, "lanterns")


@pytest.mark.parametrize(
    "url",
    [
        {"url": "http://relay.example.org"},
        42,
        None,
        "ftp://relay.example.org",
        "http://[::1",
        "http://exa mple.org",
        "http://relay.example.org:99999",
        "relay.example.org",
    ],
)
def test_relays_must_be_http_addresses(target: Store, url: Any) -> None:
    report = import_data(target, document({"relays": [url, "https://good.example.org/"]}))
    assert report.added == {"relays": 1}
    assert reasons(report, "relays") == ["its address is not an http(s) relay address"] or (
        reasons(report, "relays") == ["its address is not text"]
    )
    assert relay_urls(target) == ["https://good.example.org"]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("cw_policy", [1, 2]),
        ("cw_policy", {"grief": "explode"}),
        ("lock_after_minutes", "ten"),
        ("go_gently", 1),
        ("proxy", "not a proxy"),
        ("country", "\udcff"),
        ("no_such_setting", 1),
    ],
)
def test_settings_must_be_known_and_of_their_type(target: Store, key: str, value: Any) -> None:
    report = import_data(target, document({"settings": {key: value, "theme": "calm"}}))
    assert report.added == {"settings": 1} and report.refused_total() == 1
    assert target.execute("SELECT key FROM settings").fetchall() == [("theme",)]


def test_version_as_text_is_refused_naming_what_is_expected(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "peerhaven-export", "version": "1", "data": {}}))
    with pytest.raises(
        ExportError,
        match=r"version \"1\"; this PeerHaven reads version 1 \(the number 1, not text\)\.",
    ):
        read_export(path)


# -- item 5: all or nothing -----------------------------------------------------------


@pytest.mark.parametrize("section", ["mutes", "events", "settings", "journal"])
def test_a_broken_section_late_in_the_file_imports_nothing(
    source: Store, target: Store, section: str
) -> None:
    doc = exported(source)
    doc["data"][section] = "broken"
    before = snapshot(target)
    with pytest.raises(ExportError, match=f"its {section} section is not"):
        import_data(target, doc)
    assert snapshot(target) == before


def test_a_failure_while_writing_rolls_everything_back(source: Store, target: Store) -> None:
    # a real SQLite failure in the last table written before events
    target.execute(
        "CREATE TEMP TRIGGER refuse_mutes BEFORE INSERT ON main.mutes"
        " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    before = snapshot(target)
    with pytest.raises(StoreError):
        import_data(target, exported(source))
    assert snapshot(target) == before
    target.execute("DROP TRIGGER temp.refuse_mutes")
    assert import_data(target, exported(source)).refused_total() == 0


@pytest.mark.parametrize(
    "data",
    [
        [],
        "text",
        {"personas": ["a string, not an object"]},
        {"personas": [{"pubkey": 1}]},
        {"journal": [None, 1, "x", []]},
        {"settings": {"": None}},
        {"communities": [{"kind": "community"}, 5, "x"]},
        {"events": [None, {"id": 1}, [1, 2]]},
        {"memberships": [{"slug": SLUG, "persona": "0" * 64, "joined_at": 1}]},
    ],
)
def test_damaged_rows_and_sections_are_sentences_never_crashes(target: Store, data: Any) -> None:
    before = snapshot(target)
    try:
        report = import_data(
            target,
            document(data)
            if isinstance(data, dict)
            else {"format": "peerhaven-export", "version": 1, "data": data},
        )
    except ExportError as exc:
        assert str(exc).endswith(".") and "\n" not in str(exc)
        assert snapshot(target) == before
    else:
        assert report.total() == 0 and report.refused_total() > 0


def test_importing_twice_with_a_refusal_never_says_nothing_new(
    source: Store, target: Store
) -> None:
    doc = exported(source)
    doc["data"]["journal"].append(
        copy.deepcopy(doc["data"]["journal"][0]) | {"mood": 0, "uid": "b"}
    )
    report = import_data(target, doc)
    assert report.refused == {"journal": {"its mood is not a whole number from 1 to 10": 1}}
    assert report.added["journal"] == 1


def test_a_setting_that_is_not_valid_unicode_is_exported_and_refused_on_import(
    source: Store, target: Store
) -> None:
    # as `settings country $'\xff'` once stored it, before settings had a schema
    with source.transaction() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('country', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (json.dumps("\udcff"),),
        )
    raw, _data = export_bytes(source, None)
    path = Path(str(target.path) + ".export.json")
    path.write_bytes(raw)
    report = import_data(target, read_export(path))
    assert list(report.refused) == ["settings"]
    (reason,) = report.refused["settings"]
    assert "country" in reason and "two-letter country code" in reason
    assert report.added["journal"] == 1


def test_a_persona_is_never_lost_over_its_private_label(source: Store, target: Store) -> None:
    doc = exported(source)
    doc["data"]["personas"][0]["label"] = "two\nlines \x1b[1m"
    doc["data"]["journal"][0]["tags"] = ["  #Calm  ", "x" * 41]
    report = import_data(target, doc)
    assert report.added["personas"] == 2
    assert report.refused == {"journal": {"a tag is longer than 40 characters": 1}}


def test_an_expiry_beyond_any_storable_time_is_read_as_never(target: Store) -> None:
    # the file brings its own persona, so it can sign anything as "yours"
    keys = Keypair.from_secret(bytes([5]) * 32)
    far = builders.sign_event(
        keys, "post", SLUG, "hi", [("expires", "9" * 30)], created_at=1_700_000_000
    )
    persona = {
        "pubkey": keys.pubkey,
        "secret": keys.secret_bytes().hex(),
        "label": "",
        "created_at": 1,
        "is_default": True,
    }
    report = import_data(target, document({"personas": [persona], "events": [far.to_wire()]}))
    assert report.added == {"personas": 1, "events": 1}
    row = target.execute("SELECT expires_at FROM events WHERE id = ?", (far.id,)).fetchone()
    assert row == (None,) and far.expires_at is None


def test_a_file_marking_every_persona_default_leaves_exactly_one(
    source: Store, target: Store
) -> None:
    doc = exported(source)
    for persona in doc["data"]["personas"]:
        persona["is_default"] = True
    assert import_data(target, doc).added["personas"] == 2
    defaults = target.execute("SELECT count(*) FROM personas WHERE is_default = 1").fetchone()
    assert defaults == (1,)
