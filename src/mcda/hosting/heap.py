"""The server process's long-lived objects left out of the garbage collector's passes.

A server imports thousands of modules' objects and fills its caches once; none of them ever becomes
garbage. A full collection still walks all of them, holding the interpreter lock: in a process with
the workshop service and its engine loaded (about 190,000 objects) one full collection takes about
0.12 s of CPU, and every member's submission, and every page's rerun, waits for it. Streamlit also
collects after each script run. :func:`freeze_long_lived` is called once the process has loaded what
it serves (``ui/warmup.py`` at the end of the server's warm-up): what is alive then is left out of
every later collection, which then walks only what came after.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> int:
    """Collect what is garbage now, then leave every object still alive out of later collections
    (``gc.freeze``); the number of objects so left out."""
    gc.collect()  # the start's own garbage first, or it would be kept for good
    gc.freeze()
    return gc.get_freeze_count()
