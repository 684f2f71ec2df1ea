"""The first paint imports only what it draws: the chart, export and workshop packages load their
modules on first use, and pymcdm's plots and weighting methods wait until they are used, so the app's
and the ranking page's imports leave scipy, matplotlib and the report writers unloaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = (
    "scipy",
    "matplotlib",
    "docx",
    "pptx",
    "openpyxl",
    "mcda.comparison",
    "mcda.gaps",
    "mcda.workshop.service",
    "mcda.workshop.group",
)


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
        "import ui.access, ui.i18n, ui.state, ui.widgets, ui.downloads, mcda.views, mcda.formatting\n"
        "from mcda.charts import contribution_chart, score_chart, weights_chart\n"
        "from mcda.export import FORMATS, MEDIA_TYPES, Report, export_report, file_name\n"
        "import mcda.kernels, mcda.ranking"
    )
    assert {"mcda.charts.ranking", "mcda.export.report", "mcda.workshop.errors", "pymcdm"} <= loaded
    assert not {m for m in HEAVY if m in loaded}, sorted(m for m in HEAVY if m in loaded)


@pytest.mark.parametrize("package", ["mcda.charts", "mcda.export", "mcda.workshop"])
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


def test_pymcdms_plots_and_weights_wait_until_used_even_when_a_tool_looks_for_every_modules_file() -> None:
    loaded = modules_after(
        "import inspect, sys\n"
        "import mcda.ranking, pymcdm\n"
        "inspect.stack()\n"  # what Streamlit's first element of a process does
        "assert all(inspect.getmodule(m) is not None for m in (inspect, mcda.ranking))\n"
        "assert type(sys.modules['pymcdm.visuals']).__name__ == '_DeferredModule'"
    )
    assert {"pymcdm.methods", "pymcdm.normalizations"} <= loaded
    assert not {m for m in ("matplotlib", "scipy", "pymcdm.weights.weights") if m in loaded}


def test_a_deferred_submodule_loads_on_first_use_and_replaces_its_stand_in() -> None:
    loaded = modules_after(
        "import sys, types\n"
        "import mcda.ranking, pymcdm\n"
        "stand_in = sys.modules['pymcdm.visuals']\n"
        "from pymcdm.visuals import ranking_bar\n"
        "real = sys.modules['pymcdm.visuals']\n"
        "assert real is not stand_in and pymcdm.visuals is real and real.ranking_bar is ranking_bar\n"
        "assert stand_in.ranking_bar is ranking_bar and real.__file__.endswith('__init__.py')\n"
        "namespace = {}\n"
        "exec('from pymcdm.visuals import *', namespace)\n"
        "assert namespace['ranking_bar'] is ranking_bar\n"
        "import pymcdm.weights.subjective\n"
        "assert pymcdm.weights.entropy_weights(__import__('numpy').eye(3) + 1).shape == (3,)\n"
        "assert isinstance(pymcdm.weights.subjective, types.ModuleType)"
    )
    assert {"matplotlib", "scipy.linalg", "pymcdm.weights.weights"} <= loaded
