"""Private circles: the cryptography and the wire format, free of I/O.

The pieces, bottom up (docs/circles.md describes the format and what each party learns)::

    errors.py    CircleError, what a member meets from this package
    epoch.py     a circle's id, its epoch keys, and what each epoch key derives
    sealbox.py   padding and sealing shared by posts and control messages
    post.py      a post or reply: sealed to the epoch, signed by its author's persona
    control.py   join, welcome, new epoch, removed, leave: sealed to one persona
    invite.py    the one-time, expiring invite code passed on out of band
"""
