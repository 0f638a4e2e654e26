"""PeerHaven: private, offline-first peer support communities in the terminal."""

__version__ = "0.1.0"
