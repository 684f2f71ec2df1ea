"""The first paint imports only what it draws: the chart and export packages load their modules on
first use, so the ranking page's imports leave scipy and the report writers unloaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("scipy.stats", "docx", "pptx", "openpyxl", "mcda.comparison", "mcda.gaps", "mcda.workshop")


def modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport json, sys; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_the_ranking_pages_imports_leave_the_heavy_modules_unloaded() -> None:
    loaded = modules_after(
        "import ui.state, ui.widgets, ui.downloads, mcda.views, mcda.formatting\n"
        "from mcda.charts import contribution_chart, score_chart, weights_chart\n"
        "from mcda.export import FORMATS, MEDIA_TYPES, Report, export_report, file_name"
    )
    assert "mcda.charts.ranking" in loaded and "mcda.export.report" in loaded
    assert not {m for m in HEAVY if m in loaded}, sorted(m for m in HEAVY if m in loaded)


@pytest.mark.parametrize("package", ["mcda.charts", "mcda.export"])
def test_every_public_name_resolves(package: str) -> None:
    module = __import__(package, fromlist=["__all__"])
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        module.nothing_here  # noqa: B018


def test_a_lazy_name_is_the_submodules_object() -> None:
    import mcda.charts
    import mcda.export
    from mcda.charts.robustness import sweep_chart
    from mcda.export.docx_export import to_docx

    assert mcda.charts.sweep_chart is sweep_chart
    assert mcda.export.to_docx is to_docx
