"""Other people's text made inert before it reaches a terminal.

Posts, names, community definitions, content-warning labels, reasons and relay
messages come from people this device does not trust. Written raw, an escape
sequence in them retitles the window, hides or fakes lines, or on some
terminals writes the clipboard (OSC 52); a bidi override reorders what the
member reads; a run of zero-width characters hides text inside text. ``inert``
is the one function every CLI line and every app widget showing such text calls.

What it does, one character at a time so that no sequence survives whole:

- C0 controls and DEL become their Control Pictures (ESC is shown as ``␛``), so
  ``ESC [ 31 m`` is printed as the four harmless characters ``␛[31m``; C1 controls
  (which some terminals read as CSI, OSC, DCS, ST…) become ``<U+009B>``.
- Newlines and tabs stay where the text may have several lines; on one line
  (a name, a label) a newline is shown as ``␊`` and a tab as a space. CR always
  shows as ``␍``: it could draw a fake line over a real one.
- Bidi embeddings, overrides and isolates, and the Unicode line and paragraph
  separators, become ``<U+202E>``-style marks.
- Zero-width and invisible characters become marks too, except a single joiner
  between two visible characters (emoji sequences, Persian and Indic scripts
  need them) and the tag characters of a flag emoji; variation selectors are
  left alone (they only choose a glyph for the character before them).
- Lone surrogates, which no terminal encoding can write, become U+FFFD.

``has_visible_text`` is the other half of the border: a post (or a name) made
only of whitespace, zero-width or bidi characters is refused by the client and
the relay, since it would show as nothing.
"""

from __future__ import annotations

import re
import unicodedata

#: bidi embeddings, overrides (U+202A..U+202E) and isolates (U+2066..U+2069)
_BIDI = "\u202a-\u202e\u2066-\u2069"
#: characters with no width and no mark of their own
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200d\u2060-\u2064"
    "\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_SEPARATORS = "\u2028\u2029"
_SURROGATES = "\ud800-\udfff"
_MULTILINE = re.compile(f"[{_CONTROLS}{_BIDI}{_INVISIBLE}{_SEPARATORS}{_SURROGATES}]+")
_ONE_LINE = re.compile(f"[\t\n{_CONTROLS}{_BIDI}{_INVISIBLE}{_SEPARATORS}{_SURROGATES}]+")
_JOINERS = frozenset("\u200c\u200d")
_BLACK_FLAG = "\U0001f3f4"
_TAG_END = "\U000e007f"
_TAGS = re.compile("[\U000e0020-\U000e007e]+\U000e007f")


def inert(text: str, *, multiline: bool = True) -> str:
    """``text`` with nothing a terminal would act on; ``multiline=False`` for one line."""
    pattern = _MULTILINE if multiline else _ONE_LINE
    if pattern.search(text) is None:  # the usual case: nothing to do
        return text
    return pattern.sub(lambda match: _shown(match, multiline), text)


def inert_line(text: str) -> str:
    """``inert`` for a name, a label or a title: one line, always."""
    return inert(text, multiline=False)


def _shown(match: re.Match[str], multiline: bool) -> str:
    run, text = match.group(), match.string
    start, end = match.span()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if run in _JOINERS and before.strip() and after.strip():
        return run  # one joiner inside a word or an emoji sequence
    if before == _BLACK_FLAG and _TAGS.fullmatch(run):
        return run  # a subdivision flag (England, Scotland, Wales)
    return "".join(_mark(ch, multiline) for ch in run)


def _mark(ch: str, multiline: bool) -> str:
    code = ord(ch)
    if ch == "\n":
        return "␊"  # only reached on one line
    if ch == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "␡"
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if ch in _SEPARATORS and multiline:
        return "\n"
    return f"<U+{code:04X}>"


_JSON_UNSAFE = re.compile(f"[{_CONTROLS}{_BIDI}{_INVISIBLE}{_SEPARATORS}{_SURROGATES}]")


def inert_json(encoded: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with every character a terminal
    would act on written as a ``\\uXXXX`` escape: the same data for a script, nothing
    live for a terminal. (``json.dumps`` already escapes C0 but leaves C1 and bidi.)"""
    return _JSON_UNSAFE.sub(lambda match: _json_escape(match.group()), encoded)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # astral (the tag characters): a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


_UNSHOWABLE_LINE = re.compile(f"[\t\n{_CONTROLS}{_BIDI}{_SEPARATORS}{_SURROGATES}]")
_UNSHOWABLE_TEXT = re.compile(f"[{_CONTROLS}{_SURROGATES}]")


def control_free(text: str, *, multiline: bool) -> bool:
    """Whether ``text`` holds no control character a definition may not carry.

    For text its author controls fully (a community's name, description and
    rules): refusing is clearer than showing ``␛`` to every member. One line
    (a name) also refuses tabs, newlines, line separators and bidi overrides.
    """
    pattern = _UNSHOWABLE_TEXT if multiline else _UNSHOWABLE_LINE
    return pattern.search(text) is None


#: categories that draw nothing by themselves: spaces, separators, controls, formats
_NOT_VISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs"})
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible_text(text: str) -> bool:
    """Whether ``text`` shows at least one character that is not blank or invisible."""
    return any(
        unicodedata.category(ch) not in _NOT_VISIBLE_CATEGORIES
        and ch not in _FILLERS
        and not unicodedata.category(ch).startswith("M")
        for ch in text
    )
