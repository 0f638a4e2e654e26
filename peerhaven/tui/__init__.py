"""The terminal app: screens over the encrypted store. Nothing below this package imports it."""
