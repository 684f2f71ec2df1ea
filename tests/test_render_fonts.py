"""vl-convert draws the charts' text with its own Liberation Sans, held in memory, not with a system
font file it would open again for every character; set up once per process, before the first
rendering, here and in the worker processes; the environment is left as it was."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from mcda import png_worker, render_fonts
from mcda.charts import common

ROOT = Path(__file__).resolve().parents[1]


class FakeRenderer(types.ModuleType):
    """vl_convert, recording each call with the FONTCONFIG_FILE it saw."""

    def __init__(self) -> None:
        super().__init__("vl_convert")
        self.calls: list[tuple[str, str, str | None]] = []

    def register_font_directory(self, directory: str) -> None:
        self.calls.append(("register", directory, os.environ.get("FONTCONFIG_FILE")))

    def vegalite_to_png(self, spec: str, scale: float = 1.0) -> bytes:
        self.calls.append(("render", spec, os.environ.get("FONTCONFIG_FILE")))
        return b"\x89PNG"


@pytest.fixture
def fake_renderer(monkeypatch) -> FakeRenderer:
    fake = FakeRenderer()
    monkeypatch.setitem(sys.modules, "vl_convert", fake)
    monkeypatch.setattr(render_fonts, "_prepared", False)
    return fake


@pytest.mark.parametrize("before", [None, "/etc/fonts/own.conf"])
def test_fonts_are_prepared_once_with_no_system_font_and_the_environment_as_before(
    fake_renderer, monkeypatch, tmp_path, before
) -> None:
    if before is None:
        monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    else:
        monkeypatch.setenv("FONTCONFIG_FILE", before)
    system = [tmp_path / "share" / "fonts", tmp_path / ".fonts"]
    monkeypatch.setattr(render_fonts, "system_font_directories", lambda: system)
    seen: dict[str, object] = {}
    register = fake_renderer.register_font_directory

    def first_use(directory: str) -> None:  # what vl-convert finds when it starts: the config's directories
        if not seen:
            config = Path(os.environ["FONTCONFIG_FILE"]).read_text(encoding="utf-8")
            seen.update(config=config, listing=os.listdir(directory))
        register(directory)

    monkeypatch.setattr(fake_renderer, "register_font_directory", first_use)
    render_fonts.prepare_fonts()
    render_fonts.prepare_fonts()

    (_, empty, config_file), *later = fake_renderer.calls
    assert config_file not in (None, before) and seen["config"] == f"<fontconfig><dir>{empty}</dir></fontconfig>\n"
    assert seen["listing"] == []  # vl-convert started with no system font
    assert later == [("register", str(directory), before) for directory in system]  # once, after it
    assert os.environ.get("FONTCONFIG_FILE") == before and not Path(config_file).exists()


def test_system_font_directories_are_fontconfigs_defaults_that_exist(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "data" / "fonts").mkdir(parents=True)
    found = render_fonts.system_font_directories()
    assert tmp_path / "data" / "fonts" in found and tmp_path / ".fonts" not in found
    assert all(d.is_dir() for d in found)


def test_the_exporting_process_and_the_worker_prepare_the_fonts_before_rendering(fake_renderer, monkeypatch) -> None:
    order: list[str] = []
    monkeypatch.setattr(render_fonts, "prepare_fonts", lambda: order.append("fonts"))
    monkeypatch.setattr(fake_renderer, "vegalite_to_png", lambda spec, scale=1.0: order.append("render") or b"")
    png_worker.serve(io.BytesIO(), io.BytesIO())
    assert order == ["fonts", "render"]  # the warm-up, after the fonts

    order.clear()
    monkeypatch.setattr(common, "prepare_fonts", lambda: order.append("fonts"))
    monkeypatch.setattr(common, "vlc", fake_renderer)
    common._render_here("{}", 2.0)
    assert order == ["fonts", "render"]


# In a fresh process whose only system font is a copy of Liberation Sans in a folder of its own: the
# picture of a text, then the copy deleted, the same picture again. vl-convert reads a system font's
# file at each character, so it draws the second picture without that font (or fails) unless the
# charts' font comes from memory. Also: the charts' font is not a fallback's (a family no system has).
SCRIPT = """
import hashlib, json, sys
from pathlib import Path
import vl_convert as vlc
from mcda import render_fonts
from mcda.charts.common import FONT

folder = Path(sys.argv[2])
render_fonts.system_font_directories = lambda: [folder]
if sys.argv[1] == "prepared":
    render_fonts.prepare_fonts()

def picture(text, font=FONT):
    spec = {"data": {"values": [{"t": text}]}, "mark": {"type": "text", "font": font, "fontSize": 20},
            "encoding": {"text": {"field": "t"}}}
    try:
        return hashlib.sha256(vlc.vegalite_to_png(json.dumps(spec))).hexdigest()
    except Exception as exc:
        return f"failed: {exc}"

first, blank, missing = picture("Rangering æøå 0,25"), picture(""), picture("Rangering æøå 0,25", "No Such Family")
for font_file in folder.iterdir():
    font_file.unlink()
print(json.dumps({"first": first, "blank": blank, "missing_family": missing, "again": picture("Rangering æøå 0,25")}))
"""


def _system_liberation_sans() -> Path:
    for directory in render_fonts.system_font_directories():
        for found in directory.rglob("LiberationSans-Regular.ttf"):
            return found
    raise AssertionError("Liberation Sans is not installed (Debian's fonts-liberation; ./dev.sh test installs it)")


def _pictures_in_a_fresh_process(mode: str, tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / mode / "fonts"
    folder.mkdir(parents=True)
    shutil.copy(_system_liberation_sans(), folder)
    config = tmp_path / mode / "fonts.conf"
    config.write_text(f"<fontconfig><dir>{folder}</dir></fontconfig>\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "FONTCONFIG_FILE": str(config)}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode, str(folder)], capture_output=True, text=True, env=env, check=True
    ).stdout
    return json.loads(out.splitlines()[-1])


def test_the_charts_font_is_drawn_from_memory_in_a_fresh_process(tmp_path) -> None:
    prepared = _pictures_in_a_fresh_process("prepared", tmp_path)
    assert not prepared["first"].startswith("failed") and prepared["first"] != prepared["blank"]
    assert prepared["again"] == prepared["first"]  # the font file was not needed
    assert prepared["missing_family"] != prepared["first"]  # the charts' family is found, not a fallback

    # the same without prepare_fonts (vl-convert's own start): the system's file was its font
    unprepared = _pictures_in_a_fresh_process("unprepared", tmp_path)
    assert not unprepared["first"].startswith("failed") and unprepared["again"] != unprepared["first"]
