"""The code of the first page's elements, fetched by a new browser while it waits for the page.

Streamlit's frontend loads an element's code only when the element arrives: on a cold first paint of
/ranking the browser asks for the toggle's, the HTML's, the select boxes' and the chart's code (about
50 files, 1.2 MB, Vega among them) in waves, each after the server sent that element, and compiles
them then. Before that it sat idle for a second or more while the server ran the page's script.
:class:`PreloadElementCode` adds a small script to the HTML page: once the page has loaded, it lists
those files as ``modulepreload`` links, so the browser fetches and compiles them in that idle time;
when the elements arrive their code is there (the same addresses, so nothing is fetched twice).

Which files: the frontend's build manifest (``static/manifest.json``, written by Vite) names each
element's chunk and the chunks it imports; those the page itself already preloads are left out. A
Streamlit whose manifest has other names gives an empty list, and the page is served unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

# the elements of /ranking's first paint whose code Streamlit loads on arrival (the sidebar's toggle,
# st.html, the select boxes, the score chart), as the manifest names their sources
FIRST_PAINT_ELEMENTS = (
    "../lib/src/components/widgets/Checkbox/Checkbox.tsx",
    "../lib/src/components/elements/Html/Html.tsx",
    "../lib/src/components/widgets/Selectbox/Selectbox.tsx",
    "../lib/src/components/elements/ArrowVegaLiteChart/ArrowVegaLiteChart.tsx",
)
ASSET_PREFIXES = ("/static/", "/_stcore/", "/media/", "/component/", "/app/static/")


def streamlit_static_dir() -> Path:
    import streamlit

    return Path(streamlit.__file__).parent / "static"


def element_code_files(static_dir: Path | None = None, elements: Iterable[str] = FIRST_PAINT_ELEMENTS) -> list[str]:
    """The script files (``static/js/...``) of ``elements`` and of every chunk they import, in the
    manifest's order, without those the page's own entry loads; [] if the manifest does not name them."""
    static_dir = streamlit_static_dir() if static_dir is None else static_dir
    try:
        manifest: dict[str, Any] = json.loads((static_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(manifest, dict) or "index.html" not in manifest:
        return []
    loaded = _closure(manifest, ["index.html"])
    wanted = _closure(manifest, [e for e in elements if e in manifest])
    files = [manifest[key].get("file") for key in wanted if key not in loaded]
    return [f for f in files if isinstance(f, str) and f.endswith(".js") and (static_dir / f).is_file()]


def _closure(manifest: dict[str, Any], roots: Sequence[str]) -> list[str]:
    """``roots`` and every chunk they import (static imports), each once, depth first."""
    seen: list[str] = []
    stack = list(reversed(roots))
    while stack:
        key = stack.pop()
        if key in seen or not isinstance(manifest.get(key), dict):
            continue
        seen.append(key)
        stack.extend(reversed([k for k in manifest[key].get("imports", ()) if isinstance(k, str)]))
    return seen


def preload_script(files: Sequence[str]) -> bytes:
    """A script that lists ``files`` as module preloads (marked ``data-first-paint``) once the page has
    loaded (after Streamlit's own code, which it must not delay)."""
    addresses = json.dumps([f"./{f}" for f in files])
    return (
        "<script>addEventListener('load',()=>{for(const f of "
        + addresses
        + "){const l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href=f;"
        "l.dataset.firstPaint='';document.head.appendChild(l)}})</script>"
    ).encode()


class PreloadElementCode:
    """ASGI middleware: the HTML page gets :func:`preload_script` before ``</head>``; everything else
    passes unchanged. The page is asked for uncompressed (a few KB) so the script can be added.

    ``base_path``: the server's URL prefix (Streamlit's ``server.baseUrlPath`` unless given), so that
    assets behind it are still recognised and keep their compression."""

    def __init__(self, app: Any, files: Sequence[str] | None = None, base_path: str | None = None) -> None:
        self.app = app
        files = element_code_files() if files is None else files
        self.script = preload_script(files) if files else b""
        if base_path is None:
            from streamlit import config

            base_path = str(config.get_option("server.baseUrlPath") or "")
        base = base_path.strip("/")
        self.asset_prefixes = tuple(f"/{base}{prefix}" for prefix in ASSET_PREFIXES) if base else ASSET_PREFIXES

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if (
            not self.script
            or scope["type"] != "http"
            or scope.get("method") != "GET"
            or scope.get("path", "").startswith(self.asset_prefixes)
        ):
            await self.app(scope, receive, send)
            return
        scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]}
        started: dict[str, Any] | None = None
        body: list[bytes] = []

        async def add_script(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                if _content_type(message).startswith(b"text/html") and message.get("status") == 200:
                    started = message  # sent with the changed body
                    return
            elif started is not None and message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                page = b"".join(body).replace(b"</head>", self.script + b"</head>", 1)
                headers = [(k, v) for k, v in started.get("headers", []) if k.lower() != b"content-length"]
                await send({**started, "headers": [*headers, (b"content-length", str(len(page)).encode())]})
                await send({"type": "http.response.body", "body": page})
                return
            await send(message)

        await self.app(scope, receive, add_script)


def _content_type(start: dict[str, Any]) -> bytes:
    for key, value in start.get("headers", []):
        if key.lower() == b"content-type":
            return bytes(value).lower()
    return b""
