"""A process that renders Vega-Lite specs to PNG for :mod:`mcda.charts.common`.

vl-convert holds the interpreter lock while it renders, so the charts of an export are
rendered side by side in a few of these processes (``python -m mcda.png_worker``), while the
exporting process writes the document. It imports only vl-convert and :mod:`mcda.render_fonts`
(it starts in a fraction of a second), sets up the fonts and warms vl-convert at once. Frames on
stdin: 4-byte big-endian length, then JSON ``{"spec": ..., "scale": ...}``; on stdout: one status
byte (0 PNG, 1 error), 4-byte length, then the PNG or the error's text.
"""

from __future__ import annotations

import json
import struct
import sys
from typing import BinaryIO

WARM_UP = '{"mark": "point", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}}'


def read_frame(stream: BinaryIO) -> bytes | None:
    """One length-prefixed frame, or None at the end of the stream."""
    head = stream.read(4)
    if len(head) < 4:
        return None
    (size,) = struct.unpack(">I", head)
    body = stream.read(size)
    return body if len(body) == size else None


def write_frame(stream: BinaryIO, status: int, body: bytes) -> None:
    stream.write(struct.pack(">BI", status, len(body)) + body)
    stream.flush()


def serve(source: BinaryIO, sink: BinaryIO) -> None:
    import vl_convert as vlc

    from mcda.render_fonts import prepare_fonts

    prepare_fonts()
    vlc.vegalite_to_png(WARM_UP)  # the first rendering starts the JavaScript runtime
    while (frame := read_frame(source)) is not None:
        request = json.loads(frame)
        try:
            png = vlc.vegalite_to_png(request["spec"], scale=float(request["scale"]))
        except Exception as exc:  # the renderer's own errors are plain ValueErrors/RuntimeErrors
            write_frame(sink, 1, (str(exc) or type(exc).__name__).encode("utf-8"))
        else:
            write_frame(sink, 0, png)


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
