"""Other people's words on screen: made inert, and never read as Textual markup.

``core.inert`` neutralises what a terminal would act on (escape sequences,
controls, bidi overrides, zero-width runs). The app adds one danger of its own:
Textual reads ``[bold]`` or ``[@click=…]`` in a string as markup, so a post, a
name or a reason that ends up inside a markup string (a notification, a modal's
title, a ``Static``) must have its square brackets escaped as well. Text drawn
through ``rich.text.Text`` or ``Content`` is not parsed: ``plain`` is enough there.
"""

from __future__ import annotations

from peerhaven.core.inert import inert, inert_line


def plain(text: str, *, multiline: bool = False) -> str:
    """For ``Text.append`` and other unparsed text: inert, one line unless asked."""
    return inert(text) if multiline else inert_line(text)


def markup(text: str, *, multiline: bool = False) -> str:
    """For a string Textual parses as markup (notify, Static, modal titles).

    Only an opening bracket starts markup, and a backslash right before it makes
    it a plain bracket; Textual's parser keeps every other backslash as it is.
    (``textual.markup.escape`` also doubles backslashes before a bracket, which
    this parser then shows doubled: ``a\\[b]`` would read ``a\\\\[b]``.)
    """
    return plain(text, multiline=multiline).replace("[", "\\[")
