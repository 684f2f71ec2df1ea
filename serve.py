"""The app's server: ``streamlit run serve.py`` serves ``app.py`` exactly as ``streamlit run app.py``
does, and at start warms the process in a background thread (``ui.warmup``): the server answers
its health check without waiting, and a first visitor who comes after the warm-up finds the engine
imported and the shipped problem parsed and ranked instead of paying for it (one who comes at once
shares the same work; ``benchmarks/bench_browser.py`` measures both).

The warm-up is not done before the server answers: measured, that shortened the paint after the
answer but lengthened it from the process's start (a new browser's second or two of loading
Streamlit's frontend no longer overlapped the warm-up), and a browser that opens the address at
once waited longer.
"""

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.middleware import Middleware

from ui.preload import PreloadElementCode


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    from ui.warmup import warm_up  # after the runtime has started, so the cached calls use its cache

    threading.Thread(target=warm_up, name="mcda-warm-up", daemon=True).start()
    yield


app = st.App(
    str(Path(__file__).resolve().parent / "app.py"),
    lifespan=lifespan,
    middleware=[Middleware(PreloadElementCode)],  # a new browser fetches the first page's element code early
)
