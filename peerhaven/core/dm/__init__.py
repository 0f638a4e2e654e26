"""Direct messages between personas: the cryptography and the wire format, free of I/O.

The pieces, bottom up (docs/dm.md describes the format and what each party learns)::

    errors.py    DmError (and AlreadyReceived), what a member meets from this package
    padding.py   plaintext buckets and the outer event's randomised timestamp
    prekeys.py   the signed prekey bundle a persona publishes (event kind ``prekeys``)
    x3dh.py      the X3DH key agreement that starts a conversation
    ratchet.py   the ``doubleratchet`` library configured for PeerHaven, driven synchronously
    session.py   one session's ratchet state, serialisable to bytes for the store
    conversation.py  every session with one persona (simultaneous or fresh starts)
    franking.py  the inner message, its persona signature, and verifiable reports
    envelope.py  the sealed-sender ``dm`` event the relay stores and delivers
"""
