"""``mcda export``: report formats to stdout and files, scenarios with group judgments, one-line errors."""

from __future__ import annotations

import csv
import io

import openpyxl

from mcda.scenario import load_scenario


def _cli(*args: str):
    from typer.testing import CliRunner

    from mcda.cli import app

    return CliRunner().invoke(app, list(args))


def _shipped_args(tmp_path) -> list[str]:
    from conftest import SHIPPED_CRITERIA, SHIPPED_DATA

    weights = tmp_path / "w.yaml"
    weights.write_text(
        "name: Like vekter\nweights: {resource_base: 1, industrial_base: 1, power_demand: 1, climate_advantage: 1, "
        "eu_demand: 1, supply_risk: 1, eu_partner_role: 1, market_access_risk: 1, maturity: 1}\n",
        encoding="utf-8",
    )
    return ["--criteria", str(SHIPPED_CRITERIA), "--data", str(SHIPPED_DATA), "--weights", str(weights)]


def test_cli_export_csv_to_stdout_and_json_to_a_file(tmp_path) -> None:
    args = _shipped_args(tmp_path)
    result = _cli("export", *args, "--missing", "drop_criteria", "--format", "csv", "--out", "-")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["rank", "id", "name", "score"] and rows[1][1:3] == ["P05", "Raffinering av kobolt"]
    out = tmp_path / "s.json"
    result = _cli("export", *args, "--missing", "worst", "--method", "vikor", "--format", "json", "--out", str(out))
    assert result.exit_code == 0 and result.stdout.startswith(f"wrote {out} (json, ")
    scenario = load_scenario(out.read_bytes())
    assert scenario.method == "vikor" and scenario.missing_policy == "worst" and scenario.weights.name == "Like vekter"


def test_cli_export_from_a_scenario_with_group_judgments(tmp_path) -> None:
    from conftest import FIXTURES

    crit, data = str(FIXTURES / "small_criteria.yaml"), str(FIXTURES / "small_data.csv")
    a, b = str(FIXTURES / "small_pairwise.csv"), str(FIXTURES / "member_b.csv")
    scenario = tmp_path / "group.json"
    args = ["--criteria", crit, "--data", data, "--pairwise", a, "--pairwise", b, "--aggregation", "aip"]
    assert _cli("export", *args, "--format", "json", "--out", str(scenario)).exit_code == 0
    saved = load_scenario(scenario.read_bytes())
    assert saved.judgments is not None and saved.judgments.members == (a, b) and saved.judgments.aggregation == "aip"
    workbook_path = tmp_path / "r.xlsx"
    result = _cli(
        "export",
        "--scenario",
        str(scenario),
        "--compare",
        "vikor",
        "--lang",
        "en",
        "--format",
        "xlsx",
        "--out",
        str(workbook_path),
    )
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(workbook_path)
    assert {"Consistency", "Consensus", "Comparison"} <= set(workbook.sheetnames)
    md = _cli("export", "--scenario", str(scenario), "--format", "md", "--out", "-")
    assert md.exit_code == 0 and "## Konsensus i gruppen" in md.stdout


def test_cli_export_errors_exit_2_with_one_line(tmp_path) -> None:
    args = _shipped_args(tmp_path)
    tampered = tmp_path / "t.json"
    assert (
        _cli("export", *args, "--missing", "drop_criteria", "--format", "json", "--out", str(tampered)).exit_code == 0
    )
    tampered.write_text(tampered.read_text(encoding="utf-8").replace('"topsis"', '"vikor"'), encoding="utf-8")
    cases = {
        "missing values": ([*args, "--missing", "refuse", "--format", "csv", "--out", "-"], "25 values are missing"),
        "no weights": ([*args[:4], "--format", "csv", "--out", "-"], "give exactly one of --weights or --pairwise"),
        "no data": (["--format", "csv", "--out", "-"], "give --criteria and --data"),
        "binary to stdout": ([*args, "--format", "docx", "--out", "-"], "docx is a binary format"),
        "scenario and files": (
            ["--scenario", str(tampered), *args, "--format", "md", "--out", "-"],
            "leave out --criteria, --data, --weights",
        ),
        "tampered scenario": (["--scenario", str(tampered), "--format", "md", "--out", "-"], "SHA-256"),
        "unwritable": (
            [*args, "--missing", "drop_criteria", "--format", "csv", "--out", str(tmp_path / "no" / "r.csv")],
            "cannot be written",
        ),
    }
    for label, (extra, expected) in cases.items():
        result = _cli("export", *extra)
        assert result.exit_code == 2, (label, result.output)
        assert expected in result.stderr, (label, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output, label


def test_cli_export_is_registered_when_run_as_a_module() -> None:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "mcda.cli", "export", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "--format" in proc.stdout and "--scenario" in proc.stdout
