"""The oversharing guard, one kind at a time: what it must catch and what it must leave alone."""

from __future__ import annotations

import pytest

from peerhaven.safety import checksums
from peerhaven.safety.pii import KINDS, Finding, describe, find_personal_details


def kinds(text: str) -> list[str]:
    return [finding.kind for finding in find_personal_details(text)]


def only(text: str, kind: str) -> Finding:
    """The single finding in ``text``, which must be of ``kind``."""
    findings = find_personal_details(text)
    assert [f.kind for f in findings] == [kind], findings
    return findings[0]


# -- offsets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Email me at jane.doe@example.org please", "jane.doe@example.org"),
        ("Call +44 20 7946 0958 tonight", "+44 20 7946 0958"),
        ("I live at 221B Baker Street, London NW1 6XE.", "221B Baker Street, London NW1 6XE"),
        ("IBAN DE89 3704 0044 0532 0130 00 thanks", "DE89 3704 0044 0532 0130 00"),
        ("card 4111 1111 1111 1111, exp soon", "4111 1111 1111 1111"),
        ("DOB 03/04/1990.", "03/04/1990"),
        ("see facebook.com/jane.doe.", "facebook.com/jane.doe"),
        ("Zoë’s number: 06 12 34 56 78 ✨", "06 12 34 56 78"),
    ],
)
def test_offsets_point_at_the_detail_for_highlighting(text: str, detail: str) -> None:
    (finding,) = find_personal_details(text)
    assert text[finding.start : finding.end] == finding.text == detail


def test_findings_come_in_reading_order_without_overlaps() -> None:
    text = "Write to a@b.org, call 07700 900123, or pay GB82 WEST 1234 5698 7654 32."
    findings = find_personal_details(text)
    assert [f.kind for f in findings] == ["e-mail", "phone", "iban"]
    for first, second in zip(findings, findings[1:], strict=False):
        assert first.end <= second.start


def test_finding_is_frozen_and_labelled() -> None:
    finding = only("jane@example.org", "e-mail")
    assert finding.label == "an e-mail address"
    with pytest.raises(AttributeError):
        finding.kind = "phone"  # type: ignore[misc]


# -- describe ------------------------------------------------------------------------


def test_describe_names_each_kind_once_in_order() -> None:
    text = "a@b.org, c@d.org, +1-202-555-0143"
    assert describe(find_personal_details(text)) == (
        "This text seems to contain an e-mail address and a phone number."
    )


def test_describe_three_kinds_and_none() -> None:
    text = "a@b.org, +1-202-555-0143, born 3 March 1990"
    assert describe(find_personal_details(text)) == (
        "This text seems to contain an e-mail address, a phone number and a date of birth."
    )
    assert describe([]) == "This text does not seem to contain personal details."


def test_describe_never_repeats_the_detail_itself() -> None:
    assert "4111" not in describe(find_personal_details("4111 1111 1111 1111"))


def test_every_kind_has_a_label() -> None:
    assert set(KINDS) == {
        "e-mail", "phone", "street-address", "date-of-birth", "card-number", "iban",
        "national-id", "identifying-link",
    }  # fmt: skip


# -- traps: support talk full of numbers --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "clean 365 days",
        "20mg twice a day",
        "since 2019",
        "room 204",
        "at 3:30pm",
        "2-3 times a week",
        "1 in 4 people",
        "£1,500",
        "ward 7B",
        "step 12",
        "on 3 March I relapsed",
        "admitted 12/04/2022, discharged 30/04/2022",
        "between 2015 and 2018",
        "10,000 steps",
        "BP 142/91",
        "it took 10-15 minutes",
        "I was born in 1988",
        "my sober birthday is 4 May 2015",
        "born again on 1 January 2020",
        "He passed away on 12 November 2022 at 4:10am",
        "Samaritans are on 116 123, Lifeline 13 11 14, TelefonSeelsorge 0800 111 0 111",
        "Join facebook.com/groups/griefcircle or read reddit.com/r/stopdrinking",
        "It's a 2 Hour Drive to the clinic",
        "I walked 8 miles down the road",
        "order number 4471902",
    ],
)
def test_ordinary_support_talk_passes_clean(text: str) -> None:
    assert find_personal_details(text) == []


# -- each kind -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["jane.doe@example.org", "HANS.MUELLER@WEB.DE", "priya+x@yahoo.co.in",
     "lucy dot baker at gmail dot com", "danny [at] hotmail [dot] com"],
)  # fmt: skip
def test_email(text: str) -> None:
    only(f"reach me: {text}", "e-mail")


@pytest.mark.parametrize(
    "text",
    [
        "+44 20 7946 0958",
        "(555) 123-4567",
        "0151 496 0000",
        "+1-202-555-0143",
        "06 12 34 56 78",
        "030 12345678",
        "+33 (0)1 45 67 89 10",
        "0044 20 7946 0958",
        "555.867.5309",
        "+91 98765 43210",
        "07700900123",
    ],
)
def test_phone_by_shape(text: str) -> None:
    only(f"my number {text} ok", "phone")


def test_short_or_plain_digits_need_a_calling_word() -> None:
    assert kinds("call me on 555-0199") == ["phone"]
    assert kinds("text 4155550132 for the group") == ["phone"]
    assert kinds("I counted 4155550132 grains of sand") == []


def test_helpline_numbers_from_the_directory_are_not_oversharing() -> None:
    assert kinds("Pieta is on 1800 247 247 and Kids Help Phone on 1-800-668-6868") == []


@pytest.mark.parametrize(
    "text",
    [
        "42 Elm Grove, Bristol",
        "14B Marlborough Road",
        "Hauptstraße 12",
        "Berliner Straße 45a",
        "12 rue de la Paix",
        "Calle Mayor 5",
        "Keizersgracht 123",
        "PO Box 3321",
        "M1 1AE",
        "Portland, OR 97201",
        "K1A 0B1",
        "10115 Berlin",
    ],
)
def test_street_address(text: str) -> None:
    only(f"send it to {text} thanks", "street-address")


def test_address_parts_join_into_one_finding() -> None:
    finding = only("at 27 Willow Crescent, Cardiff CF10 3AT now", "street-address")
    assert finding.text == "27 Willow Crescent, Cardiff CF10 3AT"


@pytest.mark.parametrize(
    "text",
    [
        "born 3 March 1990",
        "DOB 03/04/1990",
        "my birthday is 12.05.1985",
        "I was born on the 3rd of March, 1990",
        "Date of birth: 1988-07-21",
        "née le 2 avril 1991",
        "she was born July 4, 1976",
    ],
)
def test_date_of_birth(text: str) -> None:
    only(text, "date-of-birth")


def test_date_without_birth_context_is_not_a_birth_date() -> None:
    assert kinds("On 3 March 1990 my dad started his first job.") == []


@pytest.mark.parametrize(
    "number",
    ["4111 1111 1111 1111", "5555-5555-5555-4444", "3782 822463 10005", "4012888888881881"],
)
def test_card_number(number: str) -> None:
    only(f"card {number}", "card-number")


def test_card_needs_luhn_and_card_grouping() -> None:
    assert kinds("card 4111 1111 1111 1112") == []
    assert kinds("4111 11 1111 1111 111") == []


@pytest.mark.parametrize(
    "iban",
    [
        "DE89 3704 0044 0532 0130 00",
        "GB82WEST12345698765432",
        "FR14 2004 1010 0505 0001 3M02 606",
        "NO93 8601 1117 947",
        "nl91abna0417164300",
    ],
)
def test_iban(iban: str) -> None:
    only(f"pay {iban} thanks", "iban")


def test_iban_needs_country_length_and_mod97() -> None:
    assert kinds("DE89 3704 0044 0532 0130 01") == []  # wrong check digits
    assert kinds("DE89 3704 0044 0532 0130") == []  # too short for Germany


@pytest.mark.parametrize(
    "text",
    [
        "123-45-6789",
        "SSN 219 09 9999",
        "AB 12 34 56 C",
        "NHS number 943 476 5919",
        "1 85 05 78 006 084 91",
        "12345678Z",
        "RSSMRA85T10A562S",
        "811218-9876",
        "131052-308T",
        "1234567T",
        "529.982.247-25",
        "SIN 046 454 286",
        "BSN 111222333",
    ],
)
def test_national_id(text: str) -> None:
    only(f"id: {text}", "national-id")


def test_national_ids_are_checked() -> None:
    assert kinds("666-12-3456") == []  # never issued
    assert kinds("NHS number 943 476 5918") == []  # wrong check digit
    assert kinds("12345678A") == []  # wrong DNI letter


@pytest.mark.parametrize(
    "link",
    [
        "facebook.com/jane.doe",
        "https://www.instagram.com/jane_doe/",
        "linkedin.com/in/jane-doe-123",
        "x.com/janedoe",
        "tiktok.com/@janedoe",
        "https://hannah.substack.com/p/first-year",
        "https://example.com/form?first_name=Jane&last_name=Doe",
        "facebook.com/profile.php?id=1000045",
    ],
)
def test_identifying_link(link: str) -> None:
    only(f"see {link} ok", "identifying-link")


@pytest.mark.parametrize(
    "link",
    ["facebook.com/groups/griefcircle", "instagram.com/p/Cx12", "x.com/search?q=grief",
     "gofundme.com/c/discover", "linkedin.com/company/nhs", "youtube.com/watch?v=abc"],
)  # fmt: skip
def test_links_to_groups_posts_and_pages_do_not_name_anyone(link: str) -> None:
    assert kinds(f"see {link}") == []


def test_handles_count_only_next_to_a_platform() -> None:
    assert kinds("my insta is @jane.doe") == ["identifying-link"]
    assert kinds("thanks @calm-otter for the kind words") == []


# -- checksums -----------------------------------------------------------------------


def test_luhn_and_mod97() -> None:
    assert checksums.luhn_valid("79927398713")
    assert not checksums.luhn_valid("79927398710")
    assert checksums.mod97_valid("GB82WEST12345698765432")
    assert not checksums.mod97_valid("GB82WEST12345698765433")


def test_guard_is_fast_enough_to_run_on_every_keystroke_pause() -> None:
    text = "Day 43 and feeling it. " * 40  # about 900 characters
    import time

    start = time.perf_counter()
    for _ in range(50):
        find_personal_details(text)
    assert (time.perf_counter() - start) / 50 < 0.02
