"""Plain mode's console: numbered choices, letters, paging with "more?", and ``!`` anywhere."""

from __future__ import annotations

import io

import pytest

from peerhaven.plain.console import Console, Key, Leave, choice_prompt, parse_choice

CRISIS = "If you are in immediate danger, call your local emergency number."


def console(typed: str, *, page_size: int = 3) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(io.StringIO(typed), out, lambda: CRISIS, page_size=page_size), out


def test_a_number_picks_the_option_it_was_read_out_with() -> None:
    con, out = console("2\n")
    assert con.choose(["Journal", "Drafts", "Search"]) == 1
    lines = out.getvalue().splitlines()
    assert lines[:4] == ["1. Journal", "2. Drafts", "3. Search", "b: go back"]
    assert "Type 1 to 3 or b, then Enter (! for crisis lines):" in out.getvalue()


def test_a_letter_offered_is_returned_and_anything_else_is_asked_again() -> None:
    con, out = console("7\nx\n\nN\n")
    assert con.choose(["One"], keys=[Key("n", "write a new post")]) == "n"
    assert out.getvalue().count("That is not one of the choices.") == 3


def test_exclamation_mark_reads_the_crisis_lines_then_asks_again() -> None:
    con, out = console("!\n1\n")
    assert con.choose(["One", "Two"], back=False) == 0
    text = out.getvalue()
    assert CRISIS in text
    # the question comes back after the lines, so the member carries on where they were
    assert text.index(CRISIS) < text.rindex("Type 1 or 2, then Enter")


def test_crisis_lines_come_first_in_writing_too() -> None:
    con, out = console("!\nhello\nthere\n.\n")
    assert con.write_text("Write your words.") == "hello\nthere"
    assert CRISIS in out.getvalue()


def test_paging_stops_after_a_page_and_asks_more() -> None:
    con, out = console("\nn\n")
    lines = [f"line {n}" for n in range(1, 8)]
    assert con.page(lines) is False
    text = out.getvalue()
    assert "line 6" in text and "line 7" not in text  # two pages read, the third refused
    assert text.count("More? (y for yes, n for no, Enter for yes):") == 2


def test_a_short_list_reads_through_without_asking() -> None:
    con, out = console("")
    assert con.page(["a", "b"]) is True
    assert "More?" not in out.getvalue()


def test_pick_pages_long_lists_and_keeps_counting_across_pages() -> None:
    con, out = console("m\n5\n")
    options = [f"thread {n}" for n in range(1, 8)]
    assert con.pick(options) == 4
    text = out.getvalue()
    assert "4 more; m reads them." in text
    assert "4. thread 4" in text and "7. thread 7" not in text


def test_a_number_on_a_page_not_yet_read_is_not_a_choice() -> None:
    assert parse_choice("5", 3, ["b"]) is None
    assert parse_choice(" 3 ", 3, ["b"]) == 2
    assert parse_choice("B", 3, ["b"]) == "b"
    assert parse_choice("0", 3, []) is None


def test_the_prompt_names_what_can_be_typed() -> None:
    assert choice_prompt(1, ["b"]) == "Type 1 or b, then Enter (! for crisis lines):"
    assert choice_prompt(0, ["n", "b"]) == "Type n or b, then Enter (! for crisis lines):"
    assert choice_prompt(2, []) == "Type 1 or 2, then Enter (! for crisis lines):"
    assert choice_prompt(4, ["n", "r", "b"]) == (
        "Type 1 to 4, n, r or b, then Enter (! for crisis lines):"
    )


def test_yes_and_no_take_the_named_default_on_enter() -> None:
    con, _out = console("\n\nmaybe\ny\n")
    assert con.confirm("Open it?", default=True) is True
    assert con.confirm("Open it?") is False
    assert con.confirm("Open it?") is True


def test_the_end_of_input_leaves() -> None:
    con, _out = console("")
    with pytest.raises(Leave):
        con.ask("Anything:")
