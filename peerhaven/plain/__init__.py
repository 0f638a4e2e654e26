"""Plain mode (``peerhaven --plain``): PeerHaven as lines of text for screen readers and braille.

A full-screen app redraws, moves a hidden cursor and never announces anything, so a
screen reader or a braille display cannot follow it. Plain mode writes each screen
once, top to bottom, as plain lines on standard output and reads typed answers from
standard input: no alternate screen, no cursor movement, no colour. Choices are
numbered, announcements stand on their own lines, long lists ask "more?", and typing
``!`` at any prompt reads the crisis lines out.

It holds no logic of its own: every question it asks goes to the same headless use
cases (``store/``, ``sync/``, ``safety/``) the CLI and the app call.
"""
