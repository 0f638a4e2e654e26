"""The relay: a small, self-hostable HTTP store and forwarder of signed events.

It never imports Textual; ``create_app(settings)`` builds the ASGI app and
``peerhaven relay serve`` runs it.
"""
