"""The first page's element code listed for a new browser to fetch early (ui/preload.py): which files the
frontend's manifest names, and the HTML page that lists them (everything else untouched)."""

from __future__ import annotations

import asyncio
import gzip
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse
from starlette.routing import Route

from ui.preload import PreloadElementCode, element_code_files, preload_script, streamlit_static_dir

PAGE = "<html><head><title>Streamlit</title></head><body>" + "<p>x</p>" * 300 + "</body></html>"


def test_the_installed_streamlit_names_the_ranking_pages_element_code() -> None:
    files = element_code_files()
    names = [Path(f).name.split(".")[0] for f in files]
    for element in ("Checkbox", "Html", "Selectbox", "ArrowVegaLiteChart", "embed"):  # embed: Vega itself
        assert element in names
    static = streamlit_static_dir()
    assert all(f.startswith("static/js/") and (static / f).is_file() for f in files)
    assert len(files) == len(set(files))
    index = (static / "index.html").read_text(encoding="utf-8")
    assert not [f for f in files if f in index]  # what the page loads itself is not listed again


def _manifest(tmp_path: Path, manifest: object) -> Path:
    (tmp_path / "static" / "js").mkdir(parents=True)
    for name in ("index.1.js", "shared.2.js", "Chart.3.js", "vega.4.js", "chart.5.css"):
        (tmp_path / "static" / "js" / name).write_text("")
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    return tmp_path


def test_an_elements_chunk_and_its_imports_without_the_pages_own(tmp_path: Path) -> None:
    static = _manifest(
        tmp_path,
        {
            "index.html": {"file": "static/js/index.1.js", "imports": ["_shared"]},
            "_shared": {"file": "static/js/shared.2.js"},
            "Chart.tsx": {"file": "static/js/Chart.3.js", "imports": ["_shared", "_vega", "_css", "_missing"]},
            "_vega": {"file": "static/js/vega.4.js", "imports": ["Chart.tsx"]},  # a cycle ends
            "_css": {"file": "static/js/chart.5.css"},
        },
    )
    assert element_code_files(static, ["Chart.tsx", "Unknown.tsx"]) == ["static/js/Chart.3.js", "static/js/vega.4.js"]


def test_a_manifest_of_another_shape_lists_nothing(tmp_path: Path) -> None:
    assert element_code_files(tmp_path, ["Chart.tsx"]) == []  # no manifest
    assert element_code_files(_manifest(tmp_path, ["not", "a", "mapping"]), ["Chart.tsx"]) == []
    (tmp_path / "manifest.json").write_text("{not json")
    assert element_code_files(tmp_path, ["Chart.tsx"]) == []
    (tmp_path / "manifest.json").write_text(json.dumps({"Chart.tsx": {"file": "static/js/Chart.3.js"}}))
    assert element_code_files(tmp_path, ["Chart.tsx"]) == []  # no page entry: nothing is known


@dataclass
class Answer:
    status_code: int
    headers: dict[str, str]
    content: bytes


class Client:
    """Requests straight to an ASGI app (no HTTP client library needed), the whole answer at once."""

    def __init__(self, app: Starlette) -> None:
        self.app = app

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self._run("GET", path, headers or {})

    def post(self, path: str) -> Answer:
        return self._run("POST", path, {})

    def _run(self, method: str, path: str, headers: dict[str, str]) -> Answer:
        # a loop of its own in a thread of its own: playwright's sync API leaves one running in this thread
        with ThreadPoolExecutor(1) as thread:
            return thread.submit(asyncio.run, self._call(method, path, headers)).result()

    async def _call(self, method: str, path: str, headers: dict[str, str]) -> Answer:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
        }
        sent: list[dict] = []

        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            sent.append(message)

        await self.app(scope, receive, send)
        start = next(m for m in sent if m["type"] == "http.response.start")
        body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        return Answer(start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body)


def _client(files: list[str], base_path: str = "") -> Client:
    app = Starlette(
        routes=[
            Route("/{path:path}", lambda request: _answer(request.url.path, base_path), methods=["GET", "POST"]),
        ],
        middleware=[
            Middleware(PreloadElementCode, files=files, base_path=base_path),
            Middleware(GZipMiddleware, minimum_size=100),
        ],
    )
    return Client(app)


def _answer(path: str, base_path: str = ""):
    path = path.removeprefix(f"/{base_path.strip('/')}") if base_path else path
    if path.startswith("/static/"):
        return HTMLResponse(PAGE)  # an asset that happens to be HTML: left alone
    if path == "/api":
        return JSONResponse({"page": PAGE})
    if path == "/text":
        return PlainTextResponse(PAGE)
    if path == "/missing":
        return HTMLResponse(PAGE, status_code=404)
    return HTMLResponse(PAGE)


def test_the_page_lists_the_files_before_its_head_ends_with_a_right_length() -> None:
    client = _client(["static/js/Chart.3.js"])
    for path in ("/", "/ranking"):
        answer = client.get(path, headers={"accept-encoding": "gzip"})
        assert answer.status_code == 200
        assert "content-encoding" not in answer.headers  # asked for uncompressed, to add the script
        body = answer.content
        script = preload_script(["static/js/Chart.3.js"])
        assert body == PAGE.encode().replace(b"</head>", script + b"</head>")
        assert int(answer.headers["content-length"]) == len(body)
        assert b'["./static/js/Chart.3.js"]' in script and b"modulepreload" in script


def test_everything_else_passes_unchanged() -> None:
    client = _client(["static/js/Chart.3.js"])
    for path in ("/static/page.html", "/api", "/text", "/missing"):
        answer = client.get(path, headers={"accept-encoding": "gzip"})
        assert b"modulepreload" not in answer.content
    assert client.get("/static/page.html", headers={"accept-encoding": "gzip"}).headers["content-encoding"] == "gzip"
    assert client.post("/ranking").content == PAGE.encode()  # only GET


def test_behind_a_url_prefix_the_assets_are_recognised_and_keep_their_compression() -> None:
    client = _client(["static/js/Chart.3.js"], base_path="/mcda/")
    asset = client.get("/mcda/static/page.html", headers={"accept-encoding": "gzip"})
    assert asset.headers["content-encoding"] == "gzip"
    assert b"modulepreload" not in gzip.decompress(asset.content)
    page = client.get("/mcda/ranking", headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in page.headers and b"modulepreload" in page.content


def test_the_url_prefix_comes_from_streamlits_setting() -> None:
    from streamlit import config

    before = config.get_option("server.baseUrlPath")
    config.set_option("server.baseUrlPath", "tools/mcda")
    try:
        middleware = PreloadElementCode(None, files=["static/js/Chart.3.js"])
    finally:
        config.set_option("server.baseUrlPath", before)
    assert "/tools/mcda/static/" in middleware.asset_prefixes


def test_nothing_to_list_serves_the_page_as_it_is() -> None:
    answer = _client([]).get("/", headers={"accept-encoding": "gzip"})
    assert answer.headers["content-encoding"] == "gzip"  # compressed as without the middleware
    assert gzip.decompress(answer.content) == PAGE.encode()
