"""On-device safety: the oversharing guard, crisis support, and the feed's filters.

Everything here is pure and headless: no I/O beyond reading the package's own
data, no network, no logging of text, and never an import of the terminal UI.
"""
