"""``inert``: nothing in someone else's text reaches the terminal as a control."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerhaven.core.inert import has_visible_text, inert, inert_json, inert_line

ESC = "\x1b"
HOSTILE = [
    f"{ESC}]0;owned{ESC}\\",  # OSC: window title, ended by ST
    f"{ESC}]0;owned\a",  # OSC ended by BEL
    f"{ESC}]52;c;ZXZpbA==\a",  # OSC 52: write the clipboard
    f"{ESC}[2J{ESC}[H",  # CSI: clear the screen, cursor home
    f"{ESC}[31mred{ESC}[0m",  # SGR colours
    f"{ESC}[8mhidden",  # concealed text
    f"{ESC}P1$r{ESC}\\",  # DCS
    f"{ESC}_apc{ESC}\\",  # APC
    "\x9b31m",  # C1 CSI
    "\x9d0;owned\x9c",  # C1 OSC and ST
    "\x90dcs\x9c",  # C1 DCS
    "real line\rfake line",  # CR draws over a line
    "back\x08\x08\x08\x08",  # backspaces
    "\x07\x00\x7f\x85",  # BEL, NUL, DEL, NEL
]
#: what a terminal acts on: C0 (but newline and tab), DEL and C1
CONTROLS = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} - {"\n", "\t"}


@pytest.mark.parametrize("text", HOSTILE)
def test_no_control_survives(text: str) -> None:
    for shown in (inert(text), inert_line(text)):
        assert not CONTROLS & set(shown), repr(shown)


def test_escape_is_shown_not_dropped() -> None:
    assert inert(f"{ESC}[31mred") == "␛[31mred"
    assert inert("\x9b31m") == "<U+009B>31m"
    assert inert("a\rb") == "a␍b"
    assert inert("\ud800") == "\ufffd"


def test_lines_and_tabs_stay_where_text_has_lines() -> None:
    assert inert("one\n\ttwo") == "one\n\ttwo"
    assert inert_line("one\n\ttwo") == "one␊ two"
    assert inert("a\u2028b") == "a\nb"
    assert inert_line("a\u2028b") == "a<U+2028>b"


@pytest.mark.parametrize("mark", ["\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2069"])
def test_bidi_overrides_and_isolates_are_made_visible(mark: str) -> None:
    shown = inert(f"invoice{mark}fdp.exe")
    assert mark not in shown and f"<U+{ord(mark):04X}>" in shown


def test_zero_width_runs_are_made_visible() -> None:
    assert inert("pass\u200b\u200b\u200bword") == "pass<U+200B><U+200B><U+200B>word"
    assert inert("a\u200bb") == "a<U+200B>b"
    assert inert("\ufeffstart") == "<U+FEFF>start"
    assert inert("hide\u200d\u200d\u200cme") == "hide<U+200D><U+200D><U+200C>me"
    assert inert("tag\U000e0041\U000e0042") == "tag<U+E0041><U+E0042>"


def test_real_writing_is_left_alone() -> None:
    family = "👨\u200d👩\u200d👧"  # a single joiner between emoji
    persian = "می\u200cخواهم"  # a non-joiner inside a word
    england = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    for text in (family, persian, england, "héllo wörld ✓", "שלום עולם", "❤\ufe0f", "日本語"):
        assert inert(text) == text
        assert inert_line(text) == text


def test_markup_is_not_this_function_s_business() -> None:
    # Rich markup is escaped by the app where it renders; plain text keeps its brackets
    assert inert("[bold]hi[/bold]") == "[bold]hi[/bold]"


@given(st.text())
def test_any_text_comes_out_inert(text: str) -> None:
    shown = inert(text)
    assert not CONTROLS & set(shown)
    shown.encode("utf-8")  # never a lone surrogate
    assert not {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e"} & set(shown)
    assert not {"\u2066", "\u2067", "\u2068", "\u2069"} & set(shown)
    line = inert_line(text)
    assert "\n" not in line and "\t" not in line and not CONTROLS & set(line)
    assert inert(shown) == shown  # nothing left to neutralise


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\u200b\u200b", "\u202e\u2066", "\u200d \ufeff\n\t", "\u3164", "\u2800", "\u0301"],
)
def test_blank_or_invisible_text_has_nothing_visible(text: str) -> None:
    assert not has_visible_text(text)


@pytest.mark.parametrize("text", ["a", " ok ", "\u200bx", "…", "🙂", "ש"])
def test_visible_text(text: str) -> None:
    assert has_visible_text(text)


def test_every_format_character_alone_is_invisible() -> None:
    formats = [chr(c) for c in range(0x2000, 0x2070) if unicodedata.category(chr(c)) == "Cf"]
    assert formats and not has_visible_text("".join(formats))


@given(st.text())
def test_json_output_keeps_the_data_and_nothing_live(text: str) -> None:
    encoded = inert_json(json.dumps({"t": text, "n": [text]}, ensure_ascii=False, indent=2))
    assert json.loads(encoded) == {"t": text, "n": [text]}
    assert not CONTROLS & set(encoded.replace("\n", ""))
    assert not set("\u202e\u2066\u200b\U000e0041") & set(encoded)
