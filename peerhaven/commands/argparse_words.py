"""argparse's own words (the help's headings, a few refusals) in the member's language.

argparse looks its words up with the standard library's gettext, whose global domain
knows nothing of PeerHaven's catalogs, so ``--help`` said "usage:" and "options" in
English whatever the language. Here the words it would show as they are go through
``_`` instead. Those that ``cli.usage_sentence`` rewrites into a sentence naming the
option (an argument's complaint, an invalid choice, a missing value) stay English, so
that it can still read them; its own sentences are translated.
"""

from __future__ import annotations

import argparse

from peerhaven.core.i18n import N_, _

#: the argparse messages shown to a member as they are (argparse's exact msgids)
SHOWN_AS_THEY_ARE = frozenset(
    {
        N_("usage: "),
        N_("positional arguments"),
        N_("options"),
        N_("show this help message and exit"),
        N_("the following arguments are required: %s"),
        N_("unrecognized arguments: %s"),
        N_("one of the arguments %s is required"),
        N_("not allowed with argument %s"),
    }
)


def _argparse_words(message: str) -> str:
    return _(message) if message in SHOWN_AS_THEY_ARE else message


def speak_argparse() -> None:
    """Make argparse read its shown words from PeerHaven's catalogs (once per process)."""
    # argparse calls the module-level name at each use, so replacing it is enough
    setattr(argparse, "_", _argparse_words)  # noqa: B010 - argparse's own global, on purpose
