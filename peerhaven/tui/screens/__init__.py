"""One screen per module; each coordinates widgets and store workers for one place."""
