"""The one pre-publish check the CLI and the app share: guard findings and crisis signal."""

from __future__ import annotations

from peerhaven.safety.crisis_detect import CrisisCategory
from peerhaven.safety.precheck import check_before_publish


def test_clear_text_needs_nothing() -> None:
    check = check_before_publish("Slept better after the walk, 20mg in the morning helps.")
    assert check.clear and not check.has_personal_details and not check.offers_crisis_support


def test_findings_come_with_spans_and_a_sentence_without_the_detail() -> None:
    text = "Call me on 07700 900123 or jane.doe@example.org"
    check = check_before_publish(text)
    assert [f.kind for f in check.findings] == ["phone", "e-mail"]
    assert all(text[f.start : f.end] == f.text for f in check.findings)
    sentence = check.describe_findings()
    assert "a phone number and an e-mail address" in sentence and "07700" not in sentence


def test_publish_anyway_skips_the_guard_but_not_the_crisis_offer() -> None:
    check = check_before_publish("I want to end it all. Call 07700 900123.", allow_personal=True)
    assert check.findings == () and check.crisis is not None
    assert check.crisis.category is CrisisCategory.SUICIDAL


def test_the_crisis_prompt_setting_turns_the_offer_off() -> None:
    text = "I don't want to be here anymore."
    assert check_before_publish(text).offers_crisis_support
    quiet = check_before_publish(text, crisis_prompt=False)
    assert quiet.crisis is None and quiet.clear
