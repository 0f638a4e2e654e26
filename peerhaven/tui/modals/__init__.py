"""Dialogs that ask one thing and dismiss with the answer; they never touch the store."""
