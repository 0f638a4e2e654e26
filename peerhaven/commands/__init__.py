"""Command groups of the ``peerhaven`` CLI; each module exposes ``register(subparsers)``."""
