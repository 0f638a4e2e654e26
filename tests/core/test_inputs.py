"""The typed border: each checker takes what it says and refuses the rest with a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerhaven.core import inputs
from peerhaven.core.inputs import InputRefused


@pytest.mark.parametrize(
    ("checker", "raw", "expected"),
    [
        (inputs.Whole(1, 10), "7", 7),
        (inputs.Whole(1, 10), " 10 ", 10),
        (inputs.ROW_ID, "9223372036854775807", 2**63 - 1),
        (inputs.PORT, "65535", 65_535),
        (inputs.INTERVAL, "0.2", 0.2),
        (inputs.slug, "calm-corner", "calm-corner"),
        (inputs.cw_label, "  grief ", "grief"),
        (inputs.hex_prefix, "ABC123", "abc123"),
        (inputs.country, "gb", "GB"),
        (inputs.relay_url, "HTTPS://Relay.Example.org/", "https://relay.example.org"),
        (inputs.relay_url, "http://[::1]:7447", "http://[::1]:7447"),
        (inputs.relay_url, "http://127.0.0.1:7447/base/", "http://127.0.0.1:7447/base"),
        (inputs.proxy_url, "SOCKS5H://127.0.0.1:9050", "socks5h://127.0.0.1:9050"),
        (inputs.proxy_url, "http://user:pw@proxy.example.org:3128", "http://user:pw@proxy.example.org:3128"),
        (inputs.path, "out.json", Path("out.json")),
        (inputs.text, "line one\nline two\tand a tab", "line one\nline two\tand a tab"),
        (inputs.community_scope, "", ""),
        (inputs.host, "0.0.0.0", "0.0.0.0"),
        (inputs.host, "[::1]", "::1"),
        (inputs.host, "::1", "::1"),
    ],
)  # fmt: skip
def test_accepted_values_come_back_typed(checker: object, raw: str, expected: object) -> None:
    assert checker(raw) == expected  # type: ignore[operator]


@pytest.mark.parametrize(
    ("checker", "raw", "needle"),
    [
        (inputs.Whole(1, 1000), "0", "from 1 to 1000"),
        (inputs.Whole(1, 1000), "-1", "from 1 to 1000"),
        (inputs.ROW_ID, "99999999999999999999999", "from 1 to 9223372036854775807"),
        (inputs.ROW_ID, "1e3", "whole number"),
        (inputs.ROW_ID, "٣", "whole number"),  # an Arabic-Indic digit int() would take
        (inputs.Whole(1, 10), "²", "from 1 to 10"),  # isdigit() says yes, int() raises
        (inputs.PORT, "99999", "from 1 to 65535"),
        (inputs.PORT, "-1", "from 1 to 65535"),
        (inputs.INTERVAL, "nan", "from 0.1 to 86400 seconds"),
        (inputs.INTERVAL, "inf", "from 0.1 to 86400 seconds"),
        (inputs.INTERVAL, "0", "from 0.1 to 86400 seconds"),
        (inputs.INTERVAL, "-1", "from 0.1 to 86400 seconds"),
        (inputs.slug, "Not A Slug!", "short name"),
        (inputs.slug, "../../x", "short name"),
        (inputs.cw_label, "\x1b[31mred", "control characters"),
        (inputs.cw_label, "x" * 65, "1 to 64 characters"),
        (inputs.hex_prefix, "%", "0-9 and a-f"),
        (inputs.hex_prefix, "", "0-9 and a-f"),
        (inputs.lookup, "   ", "pseudonym or a public key"),
        (inputs.relay_url, "http://[::1", "relay address"),
        (inputs.relay_url, "http://exa mple.org", "relay address"),
        (inputs.relay_url, "ftp://example.org", "relay address"),
        (inputs.relay_url, "http://example.org:99999", "relay address"),
        (inputs.relay_url, "https://user@example.org", "relay address"),
        (inputs.proxy_url, "not a proxy", "proxy address"),
        (inputs.proxy_url, "socks5h://127.0.0.1:99999", "proxy address"),
        (inputs.proxy_url, "socks5://127.0.0.1", "proxy address"),
        (inputs.proxy_url, "http://[::1", "proxy address"),
        (inputs.path, "", "an empty one is not a place"),
        (inputs.path, "a\x00b", "without NUL"),
        (inputs.text, "bad \udcff bytes", "valid UTF-8"),
        (inputs.text, "\x1b]0;title\x07", "control characters"),
        (inputs.passphrase, "        ", "at least one visible character"),
        (inputs.passphrase, "pass\x00word", "without NUL"),
        (inputs.passphrase, "pass\udcffword", "valid UTF-8"),
        (inputs.pubkey, "not-a-key", "whole public key"),
        (inputs.country, "GBR", "two-letter"),
        (inputs.host, "[::1", "host name or IP address"),  # relay serve listened on ::1
        (inputs.host, "::1]", "host name or IP address"),
        (inputs.host, "[127.0.0.1]", "host name or IP address"),
        (inputs.cw_label, "\u200b\u200b", "1 to 64 characters"),
        (inputs.name, "\u200b", "at least one visible character"),  # relay serve took it
        (inputs.lookup, "\u202e\u2066", "pseudonym or a public key"),
        (inputs.Number(1.0, 86_400.0, "seconds"), "\u0661\u0662", "from 1 to 86400 seconds"),
    ],
)
def test_refusals_say_what_the_field_takes(checker: object, raw: str, needle: str) -> None:
    with pytest.raises(InputRefused) as refused:
        checker(raw)  # type: ignore[operator]
    sentence = refused.value.for_field("--option")
    assert needle in sentence
    assert sentence.startswith("--option ") and sentence.endswith(".")
    assert "\x1b" not in sentence and "\x00" not in sentence


@given(st.text(max_size=40))
def test_whole_numbers_never_escape_their_range(raw: str) -> None:
    checker = inputs.Whole(1, 1000)
    try:
        value = checker(raw)
    except InputRefused:
        return
    assert 1 <= value <= 1000


@given(st.text(max_size=80))
def test_url_checkers_return_a_value_or_a_sentence(raw: str) -> None:
    for checker in (inputs.relay_url, inputs.proxy_url):
        try:
            value = checker(raw)
        except InputRefused as exc:
            assert str(exc).endswith(".")
            continue
        # an accepted address parses the same way again (normalised once)
        assert checker(value) == value
