"""The one place plain mode reads and writes: lines, numbered choices, pages, and ``!``.

Everything a member reads goes through ``Console.say`` as whole lines, in reading
order, never rewritten; every answer comes from ``Console.ask``, which reads the
crisis lines out whenever ``!`` is typed and asks again, so help is one key away
from every prompt. Lists longer than a page stop and ask "more?" so a screen
reader is never flooded; choices are numbered and typed, never picked by arrows.
"""

from __future__ import annotations

import select
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from peerhaven.core.i18n import _, ngettext

#: typed at any prompt: the crisis lines, then the same question again
CRISIS_KEY = "!"
#: typed where a choice is asked: go back to the place before
BACK_KEY = "b"
#: typed where a list pages: the next page
MORE_KEY = "m"
#: lines shown before "more?" asks whether to go on
PAGE_SIZE = 10


class Leave(Exception):
    """The input ended (Ctrl+D, or a closed pipe): plain mode says goodbye and stops."""


class Idle(Exception):
    """Nobody typed for the lock time: the session locks the store."""


@dataclass(frozen=True, slots=True)
class Key:
    """A lettered choice beside the numbered ones: ``n`` for a new post, ``b`` for back."""

    key: str
    words: str


class Console:
    """Reads typed lines and writes plain ones; the member's only contact with plain mode.

    ``crisis_text`` gives the crisis lines to read out when ``!`` is typed (the
    session swaps it once the store is open, to add the member's country).
    ``idle_seconds``, when set and the input is a terminal, raises ``Idle`` after
    that long without an answer, so an unattended plain session locks like the app.
    """

    def __init__(
        self,
        reader: TextIO,
        writer: TextIO,
        crisis_text: Callable[[], str],
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.crisis_text = crisis_text
        self.page_size = page_size
        self.idle_seconds: float | None = None

    # -- writing ------------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        """Write whole lines and show them at once (a screen reader speaks what arrives)."""
        self.writer.write(text + "\n")
        self.writer.flush()

    def announce(self, text: str) -> None:
        """Something that happened, on a line of its own, apart from what surrounds it."""
        self.say()
        self.say(text)

    def heading(self, text: str) -> None:
        """Where the member now is: a blank line, then the place's name."""
        self.say()
        self.say(text)

    # -- reading ------------------------------------------------------------------------------

    def _read_line(self) -> str:
        if self.idle_seconds is not None and self._is_terminal():
            ready, _w, _x = select.select([self.reader], [], [], self.idle_seconds)
            if not ready:
                raise Idle
        line = self.reader.readline()
        if not line:
            raise Leave
        return line.rstrip("\r\n")

    def _is_terminal(self) -> bool:
        try:
            return self.reader.isatty()
        except (AttributeError, ValueError):
            return False

    def ask(self, prompt: str) -> str:
        """The member's answer to ``prompt``, stripped; ``!`` reads the crisis lines first."""
        while True:
            self.writer.write(prompt.rstrip() + " ")
            self.writer.flush()
            answer = self._read_line().strip()
            if answer == CRISIS_KEY:
                self.crisis()
                continue
            return answer

    def crisis(self) -> None:
        """Read the crisis lines out, then carry on where the member was."""
        self.say()
        for line in self.crisis_text().splitlines():
            self.say(line)
        self.say()

    def confirm(self, question: str, *, default: bool = False) -> bool:
        """A yes or no question; Enter takes the default, which the prompt names."""
        hint = (
            _("y for yes, n for no, Enter for yes")
            if default
            else _("y for yes, n for no, Enter for no")
        )
        while True:
            answer = self.ask(_("{question} ({hint}):").format(question=question, hint=hint))
            if not answer:
                return default
            word = answer.casefold()
            if word in (_("y"), _("yes"), "y", "yes"):
                return True
            if word in (_("n"), _("no"), "n", "no"):
                return False
            self.say(_("Type y or n."))

    def write_text(self, prompt: str) -> str:
        """Several lines of writing, ended by a line holding only a full stop."""
        self.say(prompt)
        self.say(_("End with a line holding only a full stop (.)."))
        lines: list[str] = []
        while True:
            self.writer.write("> ")
            self.writer.flush()
            line = self._read_line()
            if line.strip() == ".":
                return "\n".join(lines).strip()
            if line.strip() == CRISIS_KEY and not lines:
                self.crisis()
                continue
            lines.append(line)

    # -- choices and pages --------------------------------------------------------------------

    def choose(
        self, options: Sequence[str], *, keys: Sequence[Key] = (), back: bool = True
    ) -> int | str:
        """A number from 1 to ``len(options)`` (returned from 0), or one of ``keys``' letters.

        Each option is read out on its own line with its number; the letters follow,
        then the prompt names what can be typed. ``back`` adds ``b`` to go back.
        """
        letters = list(keys) + ([Key(BACK_KEY, _("go back"))] if back else [])
        for number, words in enumerate(options, 1):
            self.say(_("{number}. {words}").format(number=number, words=words))
        for key in letters:
            self.say(_("{key}: {words}").format(key=key.key, words=key.words))
        return self._choice(len(options), letters)

    def _choice(self, count: int, letters: Sequence[Key]) -> int | str:
        prompt = choice_prompt(count, [key.key for key in letters])
        while True:
            answer = self.ask(prompt)
            picked = parse_choice(answer, count, [key.key for key in letters])
            if picked is not None:
                return picked
            self.say(_("That is not one of the choices."))

    def pick(
        self, options: Sequence[str], *, keys: Sequence[Key] = (), back: bool = True
    ) -> int | str:
        """Like ``choose`` over a list of any length, a page at a time.

        After each page the prompt offers ``m`` for more; numbers keep counting
        across pages, so "12" is the twelfth item however it was reached.
        """
        letters = list(keys) + ([Key(BACK_KEY, _("go back"))] if back else [])
        shown = 0
        while True:
            end = min(shown + self.page_size, len(options))
            for number in range(shown + 1, end + 1):
                self.say(_("{number}. {words}").format(number=number, words=options[number - 1]))
            shown = end
            more = shown < len(options)
            if more:
                left = len(options) - shown
                self.say(
                    ngettext(
                        "{count} more; {key} reads it.", "{count} more; {key} reads them.", left
                    ).format(count=left, key=MORE_KEY)
                )
            current = letters + ([Key(MORE_KEY, _("more"))] if more else [])
            for key in letters:
                self.say(_("{key}: {words}").format(key=key.key, words=key.words))
            picked = self._choice(shown, current)
            if picked != MORE_KEY:
                return picked

    def page(self, lines: Sequence[str]) -> bool:
        """Read ``lines`` out a page at a time, asking "more?" between pages.

        Returns False when the member stopped before the end.
        """
        for start in range(0, len(lines), self.page_size):
            for line in lines[start : start + self.page_size]:
                self.say(line)
            if start + self.page_size < len(lines) and not self.confirm(_("More?"), default=True):
                return False
        return True


def choice_prompt(count: int, letters: Sequence[str]) -> str:
    """What the member may type: "Type 1 to 4, n, or b, then Enter (! for crisis lines):"."""
    parts: list[str] = (
        [str(number) for number in range(1, count + 1)]
        if count <= 2
        else [_("1 to {last}").format(last=count)]
    )
    parts.extend(letters)
    if not parts:
        return _("Press Enter (! for crisis lines):")
    if len(parts) == 1:
        listed = parts[0]
    else:
        listed = _("{some} or {last}").format(some=", ".join(parts[:-1]), last=parts[-1])
    return _("Type {choices}, then Enter (! for crisis lines):").format(choices=listed)


def parse_choice(answer: str, count: int, letters: Sequence[str]) -> int | str | None:
    """The number typed as an index from 0, a letter offered, or None for anything else."""
    text = answer.strip().casefold()
    if text.isdigit():
        number = int(text)
        return number - 1 if 1 <= number <= count else None
    return text if text in letters else None
