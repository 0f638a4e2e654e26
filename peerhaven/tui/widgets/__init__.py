"""Widgets that draw one thing; data comes in through methods, never from the store."""
