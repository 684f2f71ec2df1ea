"""The fonts vl-convert draws chart text with, set up once per process before its first rendering.

vl-convert finds fonts through fontdb, which keeps a system font as the path of its file and opens
and maps that file again for every character it measures or draws: with Debian's fonts-liberation
installed, more than half of a report's rendering time. A font held in memory costs nothing of the
kind. vl-convert carries the charts' font, Liberation Sans (version 2.00.1), in memory, but takes it
only when the system has no font of that family. So :func:`prepare_fonts` lets vl-convert start
while its fontconfig file (``FONTCONFIG_FILE``, the one setting fontdb reads) names an empty
directory - it finds no system font and takes its own Liberation Sans - and then registers the
system's font directories, for characters Liberation Sans lacks. The first font of a family is the
one used, so the charts' text comes from memory.

The pictures differ from those drawn with fonts-liberation 1.07.4 only where the two versions of the
font differ: the anti-aliasing of a few glyph outlines, and the middle dot "·", 333 thousandths of
an em wide instead of 278 (a rotated label with one can make a chart a pixel taller).

Only on systems where vl-convert reads fontconfig's files (Linux and the other Unixes but macOS); on
macOS and Windows it reads the system's font folders itself and this does nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

_lock = threading.Lock()
_prepared = False


def prepare_fonts() -> None:
    """Set up vl-convert's fonts as the module says; once per process, before its first rendering
    (a later call does nothing). ``os.environ`` is as it was afterwards."""
    global _prepared
    if _prepared:
        return
    with _lock:
        if _prepared:
            return
        if _reads_fontconfig():
            import vl_convert as vlc

            with tempfile.TemporaryDirectory(prefix="mcda-fonts-") as scratch:
                empty = Path(scratch, "empty")
                empty.mkdir()
                config = Path(scratch, "fonts.conf")
                config.write_text(f"<fontconfig><dir>{escape(str(empty))}</dir></fontconfig>\n", encoding="utf-8")
                with _environment_variable("FONTCONFIG_FILE", str(config)):
                    vlc.register_font_directory(str(empty))  # vl-convert's first use: it loads its fonts now
            for directory in system_font_directories():
                vlc.register_font_directory(str(directory))
        _prepared = True


def system_font_directories() -> list[Path]:
    """The font directories of fontconfig's default configuration that exist: ``/usr/share/fonts``,
    ``/usr/local/share/fonts``, ``$XDG_DATA_HOME/fonts`` (``~/.local/share/fonts``) and ``~/.fonts``."""
    home = Path.home()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    candidates = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts", home / ".fonts"]
    return [directory for directory in candidates if directory.is_dir()]


def _reads_fontconfig() -> bool:
    """Whether vl-convert (fontdb) finds the system's fonts through fontconfig's files here."""
    return os.name == "posix" and sys.platform not in ("darwin", "android", "ios")


@contextmanager
def _environment_variable(name: str, value: str) -> Iterator[None]:
    """``name`` set to ``value`` inside the block, and as before after it."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before
