"""Every literal a member or an operator reads goes through the catalogs.

The sinks (printing, notifications, widgets' labels, bindings, argparse help, the
errors a member reads) are defined in tests/i18n_sinks.py, with its short allow-list.
"""

from __future__ import annotations

from pathlib import Path

from tests.i18n_sinks import bare_literals, error_classes


def test_no_user_visible_literal_escapes_the_catalogs() -> None:
    bare = bare_literals()
    assert not bare, "wrap these in _() or ngettext():\n" + "\n".join(map(str, bare))


def _package(tmp_path: Path, source: str) -> Path:
    root = tmp_path / "peerhaven"
    (root / "core").mkdir(parents=True)
    (root / "core" / "errors.py").write_text(
        "class PeerHavenError(Exception): ...\nclass StoreError(PeerHavenError): ...\n"
    )
    (root / "cli.py").write_text(source)
    return root


def test_the_finder_catches_each_kind_of_sink(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        "def run(app, name):\n"
        "    print('Saved your entry.')\n"
        "    app.notify(f'Joined {name}.')\n"
        "    raise StoreError('The store is busy.')\n"
        "    Button('Cancel', id='cancel')\n"
        "    parser.add_argument('--x', help='how many to show')\n",
    )
    found = {bare.text for bare in bare_literals(root)}
    assert found == {
        "Saved your entry.",
        "Joined {}.",
        "The store is busy.",
        "Cancel",
        "how many to show",
    }


def test_wrapped_words_and_non_words_pass(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        "def run(app, name, n):\n"
        "    print(_('Saved your entry.'))\n"
        "    app.notify(_('Joined {name}.').format(name=name))\n"
        "    print(ngettext('{n} draft', '{n} drafts', n).format(n=n))\n"
        "    raise StoreError(_('The store is busy.'))\n"
        "    print(' · ')\n"
        "    print(name)\n",
    )
    assert bare_literals(root) == []


def test_every_subclass_of_the_errors_a_member_reads_is_a_sink() -> None:
    errors = error_classes()
    assert {"PeerHavenError", "BadInput", "RelayRefused", "InputRefused", "DmError"} <= errors
