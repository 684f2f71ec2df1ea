"""``mcda ahp`` and ``mcda group-ahp``: JSON outputs, and exit 2 with one located line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from mcda.cli import app

runner = CliRunner()
PAIRWISE = str(FIXTURES / "small_pairwise.csv")


def run(*args: str):
    return runner.invoke(app, list(args))


def test_ahp_json() -> None:
    result = run("ahp", PAIRWISE, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"weights", "lambda_max", "ci", "cr", "priority_method", "ri_table", "hints"}
    assert data["priority_method"] == "eigenvector" and data["ri_table"] == "saaty"
    assert sum(data["weights"].values()) == pytest.approx(1)
    assert data["weights"]["price"] == pytest.approx(0.6483, abs=1e-4)


def test_ahp_geometric_and_alonso_lamata() -> None:
    data = json.loads(run("ahp", PAIRWISE, "--json", "--priority", "geometric", "--ri", "alonso-lamata").stdout)
    assert data["priority_method"] == "geometric" and data["ri_table"] == "alonso-lamata"
    assert data["cr"] == pytest.approx((data["lambda_max"] - 3) / (2.7699 * 3 - 4.3513 - 3))


def test_group_ahp_json() -> None:
    result = run("group-ahp", PAIRWISE, str(FIXTURES / "member_b.csv"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"weights", "cr", "consensus", "members"}
    assert [m["source"] for m in data["members"]] == [PAIRWISE, str(FIXTURES / "member_b.csv")]
    assert 0 <= data["consensus"]["s_star"] <= 1 and data["consensus"]["band"]
    aip = json.loads(
        run("group-ahp", PAIRWISE, str(FIXTURES / "member_b.csv"), "--json", "--aggregation", "aip").stdout
    )
    assert aip["weights"] != data["weights"]


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


BAD_PAIRWISE = {
    "non_reciprocal": (",a,b\na,1,3\nb,3,1\n", "not the reciprocal"),
    "non_positive": (",a,b\na,1,0\nb,1,1\n", "not positive"),
    "non_numeric": (",a,b\na,1,x\nb,1,1\n", "value 'x' is not a number"),
    "ragged": (",a,b,c\na,1,2,3\nb,1/2,1\nc,1/3,1,1\n", "has 3 cells; expected 4"),
}


@pytest.mark.parametrize("name", list(BAD_PAIRWISE))
def test_bad_pairwise_exits_2_with_one_located_line(tmp_path: Path, name: str) -> None:
    text, expected = BAD_PAIRWISE[name]
    path = _write(tmp_path, "p.csv", text)
    result = run("ahp", path)
    assert result.exit_code == 2
    assert expected in result.stderr and path in result.stderr and "line" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_console_entry_point_reports_without_traceback(tmp_path: Path) -> None:
    path = _write(tmp_path, "p.csv", ",a,b\na,1,3\nb,3,1\n")
    proc = subprocess.run([sys.executable, "-m", "mcda.cli", "ahp", path], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr


def test_group_ahp_names_the_file_whose_criteria_differ(tmp_path: Path) -> None:
    other = tmp_path / "member_c.csv"
    other.write_text(",price,speed,comfort\nprice,1,2,3\nspeed,1/2,1,2\ncomfort,1/3,1/2,1\n")
    result = run("group-ahp", PAIRWISE, str(other))
    assert result.exit_code == 2
    assert str(other) in result.stderr and "compares" in result.stderr
