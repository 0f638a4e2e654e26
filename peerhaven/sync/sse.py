"""Reading server-sent events from a relay without trusting it to be small.

httpx-sse (used by the tests to read the relay as any client would) buffers a
line for as long as the server keeps it going, which a hostile relay can make
gigabytes. This decoder keeps the parts of the format PeerHaven uses (``event``,
``data``, comments; ``id`` and ``retry`` are read and ignored, since a stream
resumes from cursors inside the pages) and refuses a line or a frame past its
cap the moment the cap is crossed, so what a stream can cost is bounded by the
caps, whatever arrives.
"""

from __future__ import annotations

from dataclasses import dataclass


class StreamTooLarge(ValueError):
    """A line or a frame went past its cap."""


@dataclass(frozen=True, slots=True)
class Frame:
    """One dispatched event: its type (``message`` when none was named) and its data."""

    event: str
    data: str


class SSEDecoder:
    """Bytes in, frames out; comments only count as signs of life."""

    def __init__(self, max_line: int, max_frame: int) -> None:
        self.max_line = max_line
        self.max_frame = max_frame
        self._partial = bytearray()
        #: bytes of ``_partial`` already searched for a line end (a long line arriving in
        #: many chunks is searched once, not once a chunk)
        self._searched = 0
        self._event = ""
        self._data: list[str] = []
        self._data_size = 0
        #: comment lines seen (heartbeats)
        self.comments = 0

    def feed(self, chunk: bytes) -> list[Frame]:
        """The frames completed by ``chunk`` (lines end in LF, CRLF or CR alone)."""
        frames: list[Frame] = []
        self._partial += chunk
        while True:
            end = _line_end(self._partial, self._searched)
            if end is None:
                if len(self._partial) > self.max_line:
                    raise StreamTooLarge(f"a line of the stream passed {self.max_line:,} bytes")
                self._searched = max(0, len(self._partial) - 1)
                return frames
            cut, skip = end
            if cut > self.max_line:
                raise StreamTooLarge(f"a line of the stream passed {self.max_line:,} bytes")
            line = bytes(self._partial[:cut])
            del self._partial[: cut + skip]
            self._searched = 0
            frame = self._line(line.decode("utf-8", "replace"))
            if frame is not None:
                frames.append(frame)

    def _line(self, line: str) -> Frame | None:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            self.comments += 1
            return None
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._event = value
        elif name == "data":
            self._data_size += len(value) + 1
            if self._data_size > self.max_frame:
                raise StreamTooLarge(f"a frame of the stream passed {self.max_frame:,} bytes")
            self._data.append(value)
        return None

    def _dispatch(self) -> Frame | None:
        event, data = self._event or "message", self._data
        self._event, self._data, self._data_size = "", [], 0
        if not data:
            return None
        return Frame(event, "\n".join(data))


def _line_end(buffer: bytearray, start: int) -> tuple[int, int] | None:
    """Where the first line ends and how long its ending is, or None for no full line yet;
    no line ends before ``start``.

    A CR at the very end may be the first half of a CRLF, so it waits for the next byte.
    """
    lf = buffer.find(b"\n", start)
    cr = buffer.find(b"\r", start)
    if cr == -1 and lf == -1:
        return None
    if cr == -1 or (lf != -1 and lf < cr):
        return lf, 1
    if cr + 1 == len(buffer):
        return None
    return cr, 2 if buffer[cr + 1 : cr + 2] == b"\n" else 1
