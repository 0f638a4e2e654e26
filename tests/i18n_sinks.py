"""Where a string literal reaches a member or an operator, and whether it went through ``_``.

A *sink* is a call whose text argument is read by a person: printing and echoing,
the app's notifications and widgets' labels, key bindings' descriptions, argparse's
help, and the errors a member reads (``PeerHavenError`` and every subclass defined
in the package). A literal or f-string handed straight to a sink, or formatted with
``.format``/``%`` there, is *bare*: no catalog could translate it. Wrapping it in
``_``/``ngettext``/``N_`` (or building it from wrapped parts) makes it not bare.

``tests/test_i18n_wrapped.py`` fails on any bare literal outside ``ALLOWED``; the
finder is also what a volunteer runs to see what is left (docs/translating.md).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "peerhaven"

#: the front ends (plain mode included once it exists) and the layers whose errors a member
#: reads (the relay's server code answers in English codes on the wire; its operator CLI,
#: relay/cli.py, is included)
AREAS = ("cli.py", "commands", "tui", "plain", "core", "store", "sync", "safety", "relay/cli.py")

#: the translation functions: a string inside one of these is in the catalog
WRAPPERS = {"_", "ngettext", "N_"}

#: calls whose first positional argument is text a person reads
TEXT_FIRST = {
    "print",
    "notify",
    "Label",
    "Static",
    "Button",
    "Checkbox",
    "RadioButton",
    "Switch",
    "Header",
    "update",
    "warn",
    "say",
    "exit",
    "SystemExit",
}
#: keyword arguments that are text a person reads, whatever the call
TEXT_KEYWORDS = {
    "help",
    "description",
    "title",
    "placeholder",
    "tooltip",
    "message",
    "epilog",
    "label",
    "prompt",
    "border_title",
    "border_subtitle",
}
#: a literal is text for people when it holds a word; "·", "\n" or "%s" are not
WORD = re.compile(r"[^\W\d_]{2,}")

#: (file relative to the package, the literal) that are not for people: markup, keys,
#: file names, technical tokens that must read the same in every language
ALLOWED: set[tuple[str, str]] = set()


@dataclass(frozen=True, slots=True)
class Bare:
    """One literal a person reads that no catalog can translate."""

    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


def error_classes(root: Path = PACKAGE) -> set[str]:
    """Names of ``PeerHavenError`` and every class in the package that derives from it."""
    bases: dict[str, set[str]] = {}
    for file in root.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = {_name(base) for base in node.bases}
                bases.setdefault(node.name, set()).update(n for n in names if n)
    found = {"PeerHavenError"}
    grew = True
    while grew:
        grew = False
        for name, parents in bases.items():
            if name not in found and parents & found:
                found.add(name)
                grew = True
    return found


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _literal_text(node: ast.expr) -> str | None:
    """The words of a bare literal, f-string, ``"...".format()`` or ``"..." % x``; else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "format":
            return _literal_text(node.func.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        left, right = _literal_text(node.left), _literal_text(node.right)
        if left is not None or right is not None:
            return (left or "{}") + (right or "{}")
    if isinstance(node, ast.IfExp):
        body, orelse = _literal_text(node.body), _literal_text(node.orelse)
        if body is not None and WORD.search(body):
            return body
        return orelse
    return None


def _texts(call: ast.Call, errors: set[str]) -> Iterator[ast.expr]:
    name = _name(call.func)
    if name in WRAPPERS:
        return
    if (name in TEXT_FIRST or name in errors) and call.args:
        first = call.args[0]
        # self.exit(code, message) and parser.exit(status, message): the text comes second
        if name == "exit" and len(call.args) > 1:
            first = call.args[1]
        yield first
    for keyword in call.keywords:
        if keyword.arg in TEXT_KEYWORDS:
            yield keyword.value


def bare_literals(root: Path = PACKAGE) -> list[Bare]:
    """Every bare literal at a sink in ``AREAS``, in file order."""
    errors = error_classes(root)
    found: list[Bare] = []
    for area in AREAS:
        target = root / area
        if not target.exists():
            continue
        files = [target] if target.suffix == ".py" else sorted(target.rglob("*.py"))
        for file in files:
            relative = file.relative_to(root).as_posix()
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                for argument in _texts(node, errors):
                    text = _literal_text(argument)
                    if text is None or not WORD.search(text):
                        continue
                    if (relative, text) in ALLOWED:
                        continue
                    found.append(Bare(relative, argument.lineno, text))
    return sorted(found, key=lambda bare: (bare.path, bare.line))


if __name__ == "__main__":  # pragma: no cover - the volunteer's list of what is left
    for bare in bare_literals():
        print(bare)
