"""The wording kept as data: the reports' ``mcda/export/strings`` and the app's ``ui/strings``.

Checked: every key has a text in both languages with the same ``{placeholders}``; every key the
export code asks for exists and every key in the files is asked for; the loader's errors name
the key, the language or the file; the files ship with the package.
"""

from __future__ import annotations

import ast
import re
import string
import tomllib
from pathlib import Path

import pytest

from mcda.export.texts import REPORT_STRINGS, count, join_names, plural, t
from mcda.strings import Catalogue, StringsError, load_catalogue

ROOT = Path(__file__).resolve().parents[1]
EXPORT = ROOT / "src" / "mcda" / "export"
CATALOGUES = {"report": EXPORT / "strings", "ui": ROOT / "ui" / "strings"}
BY_VALUE: set[str] = set()  # keys looked up from a data value (none today)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_key_has_both_languages_with_the_same_placeholders(name: str) -> None:
    entries = load_catalogue(CATALOGUES[name])
    assert entries
    for key, texts in entries.items():
        assert set(texts) == {"en", "nb"} and all(texts.values()), key
        assert _fields(texts["en"]) == _fields(texts["nb"]), key


class _Uses(ast.NodeVisitor):
    """What the export code asks the catalogue for: exact keys, and patterns of keys built with f-strings."""

    def __init__(self) -> None:
        self.literals: set[str] = set()
        self.patterns: set[str] = set()
        self.asked: list[tuple[str, str]] = []  # (how, key or pattern) that must exist

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self.literals.add(node.value)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        if node.values and isinstance(node.values[0], ast.Constant):  # f"prefix_{x}": a family of keys
            self.patterns.add(_pattern(node))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.id if isinstance(node.func, ast.Name) else None
        args = node.args
        if name == "t" and args:
            if isinstance(args[0], ast.Constant):
                self.asked.append(("key", args[0].value))
            elif isinstance(args[0], ast.JoinedStr):
                self.asked.append(("pattern", _pattern(args[0])))
        elif name == "count" and len(args) == 3 and isinstance(args[1], ast.Constant):
            self.asked += [("key", f"count.{args[1].value}.one"), ("key", f"count.{args[1].value}.other")]
        elif name == "plural" and args and isinstance(args[0], ast.Constant):
            forms = {f"{args[0].value}.one", f"{args[0].value}.other"}
            self.asked += [("key", key) for key in sorted(forms)]
            self.literals |= forms
        elif name == "_family" and args and isinstance(args[0], ast.Constant):
            self.patterns.add(re.escape(f"{args[0].value}.") + ".+")
            self.asked.append(("pattern", re.escape(f"{args[0].value}.") + ".+"))
        self.generic_visit(node)


def _pattern(node: ast.JoinedStr) -> str:
    return "".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in node.values)


@pytest.fixture(scope="module")
def uses() -> _Uses:
    visitor = _Uses()
    for path in sorted(EXPORT.glob("*.py")):
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    return visitor


def test_every_key_the_exports_ask_for_exists(uses: _Uses) -> None:
    keys = set(REPORT_STRINGS.entries)
    missing = [k for how, k in uses.asked if how == "key" and k not in keys]
    assert not missing
    unmatched = [p for how, p in uses.asked if how == "pattern" and not any(re.fullmatch(p, k) for k in keys)]
    assert not unmatched


def test_every_key_in_the_files_is_used(uses: _Uses) -> None:
    unused = [
        key
        for key in REPORT_STRINGS.entries
        if key not in uses.literals | BY_VALUE and not any(re.fullmatch(p, key) for p in uses.patterns)
    ]
    assert not unused


def test_text_fills_fields_and_counts_pick_the_singular() -> None:
    assert t("report_title", "nb", name="Prosess21") == "Flerkriterieanalyse: Prosess21"
    assert t("report_title", "en", name="Prosess21") == "Multi-criteria analysis: Prosess21"
    assert count(1, "missing", "nb") == "1 manglende verdi"
    assert count(38, "missing", "nb") == "38 manglende verdier"
    assert count(0, "criterion", "en") == "0 criteria"
    assert plural("more_rows", 1, "nb").startswith("… og 1 rad til")
    assert join_names(["A", "B", "C"], "nb") == "A, B og C" and join_names(["A", "B"], "en") == "A and B"
    assert plural("more_rows", 2, "en").startswith("… and 2 more rows")


def test_unknown_key_language_or_field_is_a_clear_error() -> None:
    with pytest.raises(StringsError, match="no text 'sec_intr'.*did you mean 'sec_intro'"):
        t("sec_intr", "nb")
    with pytest.raises(StringsError, match="no language 'de'"):
        t("sec_intro", "de")  # type: ignore[arg-type]
    with pytest.raises(StringsError, match="needs the field 'name'"):
        t("report_title", "nb")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"a.yaml": "k:\n  nb: Ja\n  en: Hi\n", "b.yaml": "k:\n  nb: Ja\n  en: Hi\n"},
            "b.yaml: string key 'k' defined twice",
        ),
        ({"a.yaml": "k:\n  nb: Ja\n"}, "a.yaml: 'k' needs exactly the languages en, nb"),
        ({"a.yaml": "k:\n  nb: ''\n  en: x\n"}, "a.yaml: 'k' has an empty"),
        ({"a.yaml": "yes:\n  nb: ja\n  en: yes\n"}, "a.yaml: key True is not text"),
        ({"a.yaml": "- k\n"}, "a.yaml: expected keys"),
        ({}, "no string files"),
    ],
)
def test_a_broken_file_names_itself_and_the_key(tmp_path: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        Catalogue(tmp_path).text("k", "nb")


def test_the_report_strings_ship_with_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["mcda"]
    package = ROOT / "src" / "mcda"
    shipped = {p for pattern in globs for p in package.glob(pattern) if p.suffix == ".yaml"}
    assert shipped and shipped == set(CATALOGUES["report"].glob("*.yaml"))
