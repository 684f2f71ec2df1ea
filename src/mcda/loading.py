"""Read problem files into validated models, reporting every problem with where and what.

Formats (see README, "Problem files"):
- criteria YAML: ``criteria: [{id, name, direction, unit?, description?, scale?}]``, an
  optional ``problem: {id, name, description}`` block and an optional value tree
  ``groups: [{id, name, description?, children: [criterion or group ids]}]``;
- data CSV: ``id,name,<criterion ids>`` plus optional ``name_en``, ``material``,
  ``material_en``, ``stage``, ``stage_en`` and uncertainty columns ``<criterion>_min`` /
  ``<criterion>_max``; ``,`` or ``;`` separated (with ``;`` a decimal comma is accepted);
- provenance CSV beside the data (``<data>.sources.csv``):
  ``id,criterion,kind,source,author,date,rationale`` and optional ``rationale_nb`` and ``source_nb``
  (the rationale and the source's description in bokmål, citing the same ``[S#]`` keys);
- bibliography YAML beside the data (``bibliography.yaml``): ``sources: [{key, citation}]``;
- weights YAML/JSON: ``{criterion: weight}`` or ``{name: ..., weights: {criterion: weight}}``;
- pairwise CSV: header ``,id1,id2,...``; first column the ids; numbers or fractions.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Callable, Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeGuard

import yaml
from pydantic import Field, ValidationError

from .ahp import PairwiseMatrix, validate_pairwise
from .errors import MESSAGES, InputError, Issue, IssueCollector
from .models import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    MISSING,
    UNSPECIFIED,
    Alternative,
    Cell,
    CriteriaGroup,
    Criterion,
    DecisionProblem,
    Frozen,
    LocalizedText,
    ProblemInfo,
    Provenance,
    ProvenanceKind,
    WeightOrigin,
    WeightSet,
)
from .models import check_tree as value_tree_issues
from .text_input import (
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    MAX_NESTING,
    MAX_NUMBER_CHARS,
    MAX_PAIRWISE_ITEMS,
    bad_character,
    depth,
    text_issue,
    tree_issues,
)

META_COLUMNS = ("name_en", "material", "material_en", "stage", "stage_en")
MISSING_TOKENS = {"", "na", "n/a", "nan", "missing", "-"}
SOURCE_KINDS = ("published", "expert_judgment", "missing")


def _is_source_kind(kind: str) -> TypeGuard[ProvenanceKind]:
    return kind in SOURCE_KINDS


_ID_RE = re.compile(ID_PATTERN)


# --- reading files ---------------------------------------------------------------------


def read_text(path: str | Path) -> str:
    """File contents as text (UTF-8, BOM tolerated), or an InputError naming the file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError(Issue("file_not_found", file=str(path))) from None
    except OSError as exc:
        raise InputError(Issue("file_unreadable", file=str(path), details={"reason": exc.strerror})) from None
    return decode(raw, str(path))


def decode(raw: bytes, name: str) -> str:
    check_size(len(raw), name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Issue("not_utf8", file=name)) from None


def check_size(size: int, name: str) -> None:
    """Refuse a file over :data:`MAX_FILE_BYTES` (``size`` in bytes, or characters of a text)."""
    if size > MAX_FILE_BYTES:
        raise InputError(
            Issue(
                "file_too_large",
                file=name,
                details={"size": size, "max": MAX_FILE_BYTES, "max_mb": MAX_FILE_BYTES // (1024 * 1024)},
            )
        )


def parse_yaml(text: str, name: str) -> Any:
    check_size(len(text), name)
    if not text.strip():
        raise InputError(Issue("empty_file", file=name))
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason, reason_nb = _yaml_reason(getattr(exc, "problem", None) or str(exc).splitlines()[0])
        raise InputError(
            Issue("yaml_syntax", file=name, line=line, details={"reason": reason, "reason_nb": reason_nb})
        ) from None
    except RecursionError:
        raise InputError(Issue("too_deep", file=name, details={"max": MAX_NESTING})) from None
    except (ValueError, OverflowError) as exc:  # e.g. an integer of more than 4300 digits
        raise InputError(Issue("yaml_syntax", file=name, details={"reason": _short(exc)})) from None
    check_tree(data, name)
    return data


def parse_json(text: str, name: str) -> Any:
    """JSON text -> data, every failure (syntax, depth, huge numbers) an InputError naming the file."""
    check_size(len(text), name)
    if not text.strip():
        raise InputError(Issue("empty_file", file=name))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(Issue("json_syntax", file=name, line=exc.lineno, details={"reason": exc.msg})) from None
    except RecursionError:
        raise InputError(Issue("too_deep", file=name, details={"max": MAX_NESTING})) from None
    except (ValueError, OverflowError) as exc:  # e.g. an integer of more than 4300 digits
        raise InputError(Issue("json_syntax", file=name, details={"reason": _short(exc)})) from None
    check_tree(data, name)
    return data


def check_tree(data: Any, name: str) -> None:
    """Refuse parsed YAML/JSON nested deeper than :data:`MAX_NESTING`."""
    if depth(data) > MAX_NESTING:
        raise InputError(Issue("too_deep", file=name, details={"max": MAX_NESTING}))


# free-text fields of YAML/JSON inputs: tab and line breaks allowed there, nowhere else
MULTILINE_KEYS = (
    "description",
    "rationale",
    "rationale_nb",
    "source",
    "citation",
    "levels",
    "notes",
    "sources",
    "details",
)


def check_text_fields(data: Any, name: str) -> None:
    """Refuse control characters in every string of parsed YAML/JSON (see :mod:`mcda.text_input`)."""
    issues = tree_issues(data, file=name, multiline_keys=MULTILINE_KEYS)
    if issues:
        raise InputError(issues)


def _short(exc: BaseException) -> str:
    if "digits" in str(exc):
        return "a number has more than 4300 digits"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def _csv_rows(text: str, name: str) -> tuple[list[tuple[int, list[str]]], str]:
    """(line where it starts, cells) for each row of a CSV text, and its delimiter. A quoted cell may
    span lines, so a row's line is counted in the file, not as the row's number."""
    text = text.removeprefix("\ufeff")
    check_size(len(text), name)
    if not text.strip():
        raise InputError(Issue("empty_file", file=name))
    first = text.lstrip().splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(Issue("csv_syntax", file=name, details={"reason": str(exc)})) from None
    return rows, delimiter


def _numbered(rows: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """(line number, stripped cells) for non-blank rows; line numbers count from 1 at the first line."""
    return [(line, [c.strip() for c in row]) for line, row in rows if any(c.strip() for c in row)]


def _check_cells(
    numbered: list[tuple[int, list[str]]], name: str, multiline_columns: Iterable[str] = (), limit: int = 50
) -> None:
    """Refuse control characters in CSV cells (tab and line breaks only in ``multiline_columns``)."""
    if not numbered:
        return
    header = numbered[0][1]
    free = {j for j, col in enumerate(header) if col in set(multiline_columns)}
    issues: list[Issue] = []
    for line, row in numbered:
        if bad_character("".join(row)) is None:  # the common case: one search per row
            continue
        for j, cell in enumerate(row):
            column = header[j] if line != numbered[0][0] and j < len(header) else f"#{j + 1}"
            issue = text_issue(cell, file=name, line=line, column=column, multiline=j in free)
            if issue:
                issues.append(issue)
        if len(issues) >= limit:
            break
    if issues:
        raise InputError(issues)


def _check_row_count(numbered: list[tuple[int, list[str]]], name: str, limit: int, what: tuple[str, str]) -> None:
    if len(numbered) - 1 > limit:
        raise InputError(
            Issue(
                "too_many_rows",
                file=name,
                line=numbered[limit + 1][0],
                details={"max": limit, "what": what[0], "what_nb": what[1]},
            )
        )


# --- criteria ----------------------------------------------------------------------------


class CriteriaFile(Frozen):
    problem: ProblemInfo | None = Field(default=None, description="what is being decided")
    criteria: tuple[Criterion, ...] = Field(min_length=1, description="the criteria, in display order")
    groups: tuple[CriteriaGroup, ...] = Field(
        default=(), description="the value tree: groups of criteria or of other groups (optional)"
    )


def parse_criteria(text: str, name: str = "criteria.yaml") -> CriteriaFile:
    data = parse_yaml(text, name)
    if data is None:
        raise InputError(Issue("empty_file", file=name))
    if isinstance(data, list):
        data = {"criteria": data}
    if not isinstance(data, dict):
        raise InputError(
            Issue(
                "schema",
                file=name,
                details={
                    "reason": "expected a group with a 'criteria' list",
                    "reason_nb": "forventet en gruppe med en liste «criteria»",
                },
            )
        )
    check_text_fields(data, name)
    try:
        parsed = CriteriaFile.model_validate(data)
    except ValidationError as exc:
        raise InputError(_validation_issues(exc, name, text, data)) from None
    ids = [c.id for c in parsed.criteria]
    first: dict[str, int] = {}
    for i, cid in enumerate(ids):
        first.setdefault(cid, i)
    line_of = _yaml_lines(text)
    issues = [
        Issue(
            "duplicate_id",
            file=name,
            column=f"criteria[{i}].id",
            value=cid,
            details={"first_line": line_of(("criteria", first[cid])) or "?"},
            line=line_of(("criteria", i)),
        )
        for i, cid in enumerate(ids)
        if first[cid] != i
    ]
    if issues:
        raise InputError(issues)
    tree_issues = _tree_issues(parsed, text, name)
    if tree_issues:
        raise InputError(tree_issues)
    return parsed


def _tree_issues(parsed: CriteriaFile, text: str, name: str) -> list[Issue]:
    """The value tree's problems, each located at its group (or criterion) in the file."""
    ids = [c.id for c in parsed.criteria]
    index = {g.id: i for i, g in reversed(list(enumerate(parsed.groups)))}
    known = ids + [g.id for g in parsed.groups]
    out = []
    for code, group, details in value_tree_issues(parsed.groups, ids):
        if group is None:  # a criterion in no group: point at the criterion
            k = ids.index(str(details["child"]))
            out.append(
                Issue(code, file=name, line=_yaml_line(text, ("criteria", k)), column=f"criteria[{k}]", details=details)
            )
            continue
        i = index[group]
        loc: tuple = ("groups", i)
        if "child" in details:
            loc = ("groups", i, "children", list(parsed.groups[i].children).index(str(details["child"])))
            if code == "tree_child_twice":  # the second mention of the child in this group, if any
                kids = list(parsed.groups[i].children)
                if details.get("other") == group and kids.count(str(details["child"])) > 1:
                    loc = ("groups", i, "children", len(kids) - 1 - kids[::-1].index(str(details["child"])))
        elif code == "tree_group_id":
            loc = ("groups", i, "id")
        elif code == "tree_empty_group":
            loc = ("groups", i, "children")
        out.append(
            Issue(
                code,
                file=name,
                line=_yaml_line(text, loc),
                column=f"groups[{i}] (id '{group}')",
                details={"group": group, "expected": known, **details},
            )
        )
    return out


def load_criteria(path: str | Path) -> CriteriaFile:
    return parse_criteria(read_text(path), str(path))


def _validation_issues(exc: ValidationError, name: str, text: str, data: Any) -> list[Issue]:
    issues = []
    line_of = _yaml_lines(text)  # the YAML is composed once, not once per error
    errors = exc.errors()
    locs = [tuple(err["loc"]) for err in errors]
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "too_short" and any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs):
            continue  # a list whose items failed is reported by its items, not as "empty"
        column = _loc_text(loc, data)
        place = _place(loc, data)
        value = err.get("input")
        value_text = value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
        line = line_of(loc)
        if loc and loc[-1] == "direction" and err["type"] == "literal_error":
            issues.append(
                Issue("unknown_direction", file=name, line=line, column=column, value=str(value), place=place)
            )
            continue
        reason, reason_nb = _pydantic_reason(err)
        shown_value = err["type"] not in ("missing", "extra_forbidden") and value_text is not None
        issues.append(
            Issue(
                "schema",
                file=name,
                line=line,
                column=column,
                value=str(value_text) if shown_value else None,
                details={"reason": reason, "reason_nb": reason_nb},
                place=place,
            )
        )
    return issues


def _items(n: object, en: tuple[str, str], nb: tuple[str, str]) -> tuple[str, str]:
    """``n`` with the singular or plural noun, in English and bokmål."""
    one = str(n) == "1"
    return f"{n} {en[0] if one else en[1]}", f"{n} {nb[0] if one else nb[1]}"


def _pydantic_reason(err: Any) -> tuple[str, str]:
    """Pydantic's error for one field as a plain sentence in English and bokmål."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling and the indentation)", (
            "er ikke et kjent felt (kontroller stavemåten og innrykket)"
        )
    if kind == "missing":
        return "is required but missing", "mangler, men må fylles ut"
    if kind in ("too_short", "too_long"):
        limit = ctx.get("min_length" if kind == "too_short" else "max_length", "?")
        actual = ctx.get("actual_length", "?")
        want_en, want_nb = _items(limit, ("item", "items"), ("element", "elementer"))
        has_en, has_nb = _items(actual, ("item", "items"), ("element", "elementer"))
        if kind == "too_short":
            if str(actual) == "0":
                return f"is empty; at least {want_en} needed", f"er tom; minst {want_nb} trengs"
            return f"has {has_en}; at least {want_en} needed", f"har {has_nb}; minst {want_nb} trengs"
        return f"has {has_en}; at most {want_en} allowed", f"har {has_nb}; høyst {want_nb} er tillatt"
    if kind == "string_too_long":
        limit = ctx.get("max_length", "?")
        return f"is longer than {limit} characters", f"er lengre enn {limit} tegn"
    if kind == "string_too_short":
        return "is empty; text is needed", "er tom; her trengs en tekst"
    if kind == "string_pattern_mismatch":
        return MESSAGES["bad_id"]
    if kind == "string_type":
        return "must be text", "må være tekst"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float", "finite_number"):
        return "is not a number", "er ikke et tall"
    if kind in ("bool_parsing", "bool_type"):
        return "must be true or false", "må være true (ja) eller false (nei)"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        return f"must be one of {expected}", f"må være en av {expected.replace(' or ', ' eller ')}"
    if kind in ("dict_type", "model_type", "model_attributes_type", "mapping_type"):
        return "must be a group of fields (key: value)", "må være en gruppe med felt (nøkkel: verdi)"
    if kind in ("list_type", "tuple_type", "set_type"):
        return "must be a list (lines starting with '-')", "må være en liste (linjer som starter med «-»)"
    bounds = {
        "greater_than_equal": ("ge", "must be at least {}", "må være minst {}"),
        "greater_than": ("gt", "must be greater than {}", "må være større enn {}"),
        "less_than_equal": ("le", "must be at most {}", "må være høyst {}"),
        "less_than": ("lt", "must be less than {}", "må være mindre enn {}"),
    }
    if kind in bounds:
        key, en, nb = bounds[kind]
        return en.format(ctx.get(key, "?")), nb.format(ctx.get(key, "?"))
    message = str(err.get("msg", kind)).removeprefix("Value error, ")
    return message, f"er ugyldig (kontrollens melding på engelsk: «{message}»)"


# YAML syntax errors by PyYAML's problem text -> (English, bokmål); matched by prefix
YAML_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (
        "mapping values are not allowed here",
        "a colon is not allowed here; put a value that contains ': ' in quotes, or check the indentation",
        "et kolon er ikke tillatt her; sett en verdi som inneholder «: » i anførselstegn, eller kontroller innrykket",
    ),
    (
        "could not find expected ':'",
        "a line is missing the colon between key and value",
        "en linje mangler kolonet mellom nøkkel og verdi",
    ),
    (
        "found character '\\t' that cannot start any token",
        "a tab is used for indentation; indent with spaces",
        "et tabulatortegn er brukt til innrykk; bruk mellomrom",
    ),
    (
        "found character",
        "a line starts with a character that cannot begin a value; put the value in quotes",
        "en linje starter med et tegn som ikke kan innlede en verdi; sett verdien i anførselstegn",
    ),
    (
        "expected <block end>",
        "the indentation does not match the lines above",
        "innrykket stemmer ikke med linjene over",
    ),
    (
        "did not find expected key",
        "the indentation is wrong or a key is missing",
        "innrykket er feil, eller en nøkkel mangler",
    ),
    (
        "did not find expected '-' indicator",
        "a list item lacks its '-' or is indented wrongly",
        "et listeelement mangler «-» eller har feil innrykk",
    ),
    (
        "found unexpected end of stream",
        "the file ends before a quote or bracket is closed",
        "filen slutter før et anførselstegn eller en klamme er lukket",
    ),
    (
        "expected ',' or",
        "a list or group in brackets is not closed correctly",
        "en liste eller gruppe i klammer er ikke lukket riktig",
    ),
    (
        "found undefined alias",
        "refers to an alias (*name) that is not defined",
        "viser til et alias (*navn) som ikke er definert",
    ),
    (
        "found duplicate anchor",
        "defines the same anchor (&name) twice",
        "definerer det samme ankeret (&navn) to ganger",
    ),
)


def _yaml_reason(problem: str) -> tuple[str, str]:
    for prefix, en, nb in YAML_PROBLEMS:
        if problem.startswith(prefix):
            return en, nb
    return problem, f"syntaksfeil (YAML-leserens melding på engelsk: «{problem}»)"


# list fields whose items a member knows by a name: key -> (English, bokmål)
_ITEM_NAMES = {
    "criteria": ("criterion", "kriterium"),
    "alternatives": ("alternative", "alternativ"),
    "weight_sets": ("weight set", "vektsett"),
    "sources": ("source", "kilde"),
    "levels": ("level", "nivå"),
}


def _place(loc: tuple, data: Any) -> tuple[str, str]:
    """Where an error is, in words: ``criterion 1 (id 'cost'), field 'units'``."""
    en: list[str] = []
    nb: list[str] = []
    fields: list[str] = []  # consecutive keys are shown as one dotted field name
    node = data
    last_key: str | None = None

    def flush() -> None:
        if fields:
            name = ".".join(fields)
            en.append(f"field '{name}'")
            nb.append(f"feltet «{name}»")
            fields.clear()

    for key in loc:
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
            ident = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
            word = _ITEM_NAMES.get(last_key or "")
            if word is not None and fields and fields[-1] == last_key:
                fields.pop()
            flush()
            word_en, word_nb = word or ("item", "element")
            en.append(f"{word_en} {key + 1}" + (f" (id '{ident}')" if ident else ""))
            nb.append(f"{word_nb} {key + 1}" + (f" (id «{ident}»)" if ident else ""))
            node = item
            last_key = None
        else:
            fields.append(str(key))
            last_key = str(key)
            node = node.get(key) if isinstance(node, dict) else None
    flush()
    return ", ".join(en), ", ".join(nb)


def _loc_text(loc: tuple, data: Any) -> str:
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            label = f"[{key}]"
            if isinstance(node, list) and key < len(node) and isinstance(node[key], dict) and "id" in node[key]:
                label = f"[{key}] (id '{node[key]['id']}')"
            parts.append(label)
            node = node[key] if isinstance(node, list) and key < len(node) else None
        else:
            parts.append(("." if parts else "") + str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts)


def _yaml_lines(text: str) -> Callable[[tuple], int | None]:
    """A lookup of the 1-based line of the node at a location, composing the YAML once."""
    try:
        root = yaml.compose(text)
    except (yaml.YAMLError, RecursionError, ValueError):
        root = None
    index: dict[int, dict[Any, Any]] = {}

    def children(node: Any) -> dict[Any, Any]:
        if id(node) not in index:
            if isinstance(node, yaml.MappingNode):
                index[id(node)] = {k.value: v for k, v in reversed(node.value) if isinstance(k, yaml.ScalarNode)}
            elif isinstance(node, yaml.SequenceNode):
                index[id(node)] = dict(enumerate(node.value))
            else:
                index[id(node)] = {}
        return index[id(node)]

    def line_of(loc: tuple) -> int | None:
        return None if root is None else _node_line(root, loc, children)

    return line_of


def _yaml_line(text: str, loc: tuple) -> int | None:
    """1-based line of the YAML node at ``loc`` (or of its nearest existing parent)."""
    return _yaml_lines(text)(loc)


def _node_line(node: Any, loc: tuple, children: Callable[[Any], dict[Any, Any]]) -> int | None:
    line = None
    for key in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        node = children(node).get(key)
    if node is not None:
        line = node.start_mark.line + 1
    return line


# --- data and provenance -----------------------------------------------------------------


# a decimal number as written in a file: ASCII digits only (float() also takes '2_50' and
# full-width digits), an optional sign, fraction and exponent
_NUMBER_RE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def parse_number(token: str, decimal_comma: bool = False) -> float | None:
    """A float, None for a missing-value token; ValueError when not a number."""
    t = token.strip()
    if t.lower() in MISSING_TOKENS:
        return None
    if decimal_comma:
        t = t.replace(",", ".")
    if t.lower() in ("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"):
        raise OverflowError(t)
    if len(t) > MAX_NUMBER_CHARS or not _NUMBER_RE.fullmatch(t):
        raise ValueError(t[:40])
    value = float(t)
    if not math.isfinite(value):
        raise OverflowError(t)
    return value


def parse_problem(
    criteria_text: str,
    data_text: str,
    *,
    criteria_name: str = "criteria.yaml",
    data_name: str = "data.csv",
    sources_text: str | None = None,
    sources_name: str = "sources.csv",
    bibliography_text: str | None = None,
    bibliography_name: str = "bibliography.yaml",
) -> DecisionProblem:
    """Criteria YAML + data CSV (+ provenance CSV, + bibliography) -> DecisionProblem."""
    spec = parse_criteria(criteria_text, criteria_name)
    alternatives, values, ranges = _parse_data(data_text, data_name, spec.criteria)
    provenance = (
        _parse_sources(sources_text, sources_name, alternatives, spec.criteria, values)
        if sources_text is not None
        else {}
    )
    bibliography = _parse_bibliography(bibliography_text, bibliography_name) if bibliography_text else {}
    no_range = (None, None)
    cells = {
        alt.id: {
            c.id: Cell(
                value=values[alt.id][c.id],
                provenance=provenance.get((alt.id, c.id)) or (MISSING if values[alt.id][c.id] is None else UNSPECIFIED),
                low=ranges.get((alt.id, c.id), no_range)[0],
                high=ranges.get((alt.id, c.id), no_range)[1],
            )
            for c in spec.criteria
        }
        for alt in alternatives
    }
    return DecisionProblem(
        info=spec.problem or ProblemInfo(),
        criteria=spec.criteria,
        alternatives=tuple(alternatives),
        cells=cells,
        sources=bibliography,
        groups=spec.groups,
    )


def load_problem(
    criteria_path: str | Path,
    data_path: str | Path,
    sources_path: str | Path | None = None,
    bibliography_path: str | Path | None = None,
) -> DecisionProblem:
    """Load files; the provenance CSV and bibliography are found beside the data by default."""
    data_path = Path(data_path)
    sources = Path(sources_path) if sources_path else data_path.with_name(data_path.stem + ".sources.csv")
    biblio = Path(bibliography_path) if bibliography_path else data_path.with_name("bibliography.yaml")
    return parse_problem(
        read_text(criteria_path),
        read_text(data_path),
        criteria_name=str(criteria_path),
        data_name=str(data_path),
        sources_text=read_text(sources) if sources.exists() or sources_path else None,
        sources_name=str(sources),
        bibliography_text=read_text(biblio) if biblio.exists() or bibliography_path else None,
        bibliography_name=str(biblio),
    )


def _parse_data(
    text: str, name: str, criteria: Iterable[Criterion]
) -> tuple[
    list[Alternative], dict[str, dict[str, float | None]], dict[tuple[str, str], tuple[float | None, float | None]]
]:
    criteria = tuple(criteria)
    crit_ids = [c.id for c in criteria]
    rows, delimiter = _csv_rows(text, name)
    numbered = _numbered(rows)
    issues = IssueCollector(name)
    if not numbered:
        raise InputError(Issue("empty_file", file=name))
    _check_row_count(numbered, name, MAX_DATA_ROWS, ("data rows", "datarader"))
    _check_cells(numbered, name)
    header_line, header = numbered[0]
    body = numbered[1:]
    range_cols = {f"{c}_{end}": (c, end) for c in crit_ids for end in ("min", "max")}
    allowed = ["id", "name", *META_COLUMNS, *crit_ids]
    position: dict[str, int] = {}
    for j, col in enumerate(header):
        if col in position:
            issues.add("duplicate_column", line=header_line, column=col)
        elif col in allowed or col in range_cols:
            position[col] = j
        else:
            issues.add("unknown_column", line=header_line, column=col, expected=allowed)
    for required in ("id", "name", *crit_ids):
        if required not in position:
            expected = "id, name and one column per criterion id (" + ", ".join(crit_ids) + ")"
            issues.add("missing_column", line=header_line, column=required, expected=expected)
    issues.raise_if_any()
    if not body:
        raise InputError(Issue("no_rows", file=name))

    decimal_comma = delimiter == ";"
    alternatives: list[Alternative] = []
    values: dict[str, dict[str, float | None]] = {}
    ranges: dict[tuple[str, str], tuple[float | None, float | None]] = {}
    first_line: dict[str, int] = {}
    scales = {c.id: c.scale for c in criteria}
    for line, row in body:
        if len(row) != len(header):
            issues.add("ragged_row", line=line, found=len(row), expected=len(header))
            continue
        alt_id = row[position["id"]]
        if not alt_id:
            issues.add("empty_id", line=line, column="id")
            continue
        if not _ID_RE.match(alt_id) or len(alt_id) > ID_MAX_LENGTH:
            issues.add("bad_id", line=line, column="id", value=alt_id)
            continue
        if alt_id in first_line:
            issues.add("duplicate_id", line=line, column="id", value=alt_id, first_line=first_line[alt_id])
            continue
        first_line[alt_id] = line

        def cell(col: str, row: list[str] = row) -> str:
            return row[position[col]] if col in position else ""

        def localized(base: str) -> LocalizedText | None:
            nb, en = cell(base), cell(base + "_en")
            if not nb and not en:
                return None
            return LocalizedText(nb=nb or en, en=en or nb)

        row_values: dict[str, float | None] = {}
        for cid in crit_ids:
            row_values[cid] = _number_cell(cell(cid), decimal_comma, issues, line, cid)
            scale = scales[cid]
            v = row_values[cid]
            if v is not None and scale is not None and not scale.contains(v):
                issues.add(
                    "outside_scale", line=line, column=cid, value=cell(cid), min=f"{scale.min:g}", max=f"{scale.max:g}"
                )
        for col, (cid, end) in range_cols.items():
            if col in position:
                bound = _number_cell(cell(col), decimal_comma, issues, line, col)
                low, high = ranges.get((alt_id, cid), (None, None))
                ranges[(alt_id, cid)] = (bound, high) if end == "min" else (low, bound)
        for cid in crit_ids:
            low, high = ranges.get((alt_id, cid), (None, None))
            v = row_values[cid]
            if v is not None and ((low is not None and low > v) or (high is not None and high < v)):
                issues.add(
                    "range_order",
                    line=line,
                    column=f"{cid}_min/{cid}_max",
                    value=f"{low}..{high}",
                    value_=f"{v:g}",
                    low_col=f"{cid}_min",
                    high_col=f"{cid}_max",
                )
        values[alt_id] = row_values
        alternatives.append(
            Alternative(
                id=alt_id,
                name=localized("name") or LocalizedText(en=alt_id, nb=alt_id),
                material=localized("material"),
                stage=localized("stage"),
            )
        )
    if not issues.issues and len(alternatives) < 2:
        issues.add("too_few_alternatives", found=len(alternatives))
    issues.raise_if_any()
    return alternatives, values, ranges


def _number_cell(token: str, decimal_comma: bool, issues: IssueCollector, line: int, column: str) -> float | None:
    try:
        return parse_number(token, decimal_comma)
    except OverflowError:
        issues.add("not_finite", line=line, column=column, value=token)
    except ValueError:
        issues.add("not_number", line=line, column=column, value=token)
    return None


def _parse_sources(
    text: str,
    name: str,
    alternatives: list[Alternative],
    criteria: Iterable[Criterion],
    values: dict[str, dict[str, float | None]],
) -> dict[tuple[str, str], Provenance]:
    crit_ids = {c.id for c in criteria}
    alt_ids = {a.id for a in alternatives}
    rows, _ = _csv_rows(text, name)
    numbered = _numbered(rows)
    if not numbered:
        raise InputError(Issue("empty_file", file=name))
    n_cells = len(alt_ids) * len(crit_ids)
    _check_row_count(
        numbered,
        name,
        max(n_cells, 1),
        ("rows (one per position and criterion)", "rader (én per posisjon og kriterium)"),
    )
    _check_cells(numbered, name, multiline_columns=("source", "source_nb", "rationale", "rationale_nb"))
    issues = IssueCollector(name)
    header_line, header = numbered[0]
    known = ("id", "criterion", "kind", "source", "source_nb", "author", "date", "rationale", "rationale_nb")
    position = {col: j for j, col in enumerate(header) if col in known}
    for col in header:
        if col not in known:
            issues.add("unknown_column", line=header_line, column=col, expected=list(known))
    for col in ("id", "criterion", "kind"):
        if col not in position:
            issues.add("missing_column", line=header_line, column=col, expected=", ".join(known))
    issues.raise_if_any()
    out: dict[tuple[str, str], Provenance] = {}
    first: dict[tuple[str, str], int] = {}
    for line, row in numbered[1:]:
        if len(row) != len(header):
            issues.add("ragged_row", line=line, found=len(row), expected=len(header))
            continue
        get = {col: row[j] for col, j in position.items()}
        alt, crit, kind = get["id"], get["criterion"], get["kind"]
        if alt not in alt_ids:
            issues.add("source_unknown_pair", line=line, column="id", what="alternative", name=alt)
            continue
        if crit not in crit_ids:
            issues.add("source_unknown_pair", line=line, column="criterion", what="criterion", name=crit)
            continue
        if not _is_source_kind(kind):
            issues.add("source_kind", line=line, column="kind", value=kind)
            continue
        if (alt, crit) in first:
            issues.add("source_duplicate", line=line, alternative=alt, criterion=crit, first_line=first[(alt, crit)])
            continue
        first[(alt, crit)] = line
        has_value = values[alt][crit] is not None
        if (kind == "missing") == has_value:
            issues.add(
                "source_value_conflict",
                line=line,
                column="kind",
                value=kind,
                kind=kind,
                state="filled" if has_value else "empty",
            )
            continue
        required = {"published": ("source",), "expert_judgment": ("author", "rationale", "date"), "missing": ()}[kind]
        lacking = [f for f in required if not (get.get(f) or (f == "rationale" and get.get("rationale_nb")))]
        for field in lacking:
            issues.add("source_required", line=line, column=field, kind=kind, field=field)
        if lacking:
            continue
        if get.get("source_nb") and not get.get("source"):
            issues.add("source_nb_alone", line=line, column="source_nb")
            continue
        cited, cited_nb = _source_keys(get.get("source", "")), _source_keys(get.get("source_nb", ""))
        if get.get("source_nb") and cited_nb != cited:
            issues.add(
                "source_nb_keys",
                line=line,
                column="source_nb",
                found=", ".join(cited_nb) or "–",
                expected=", ".join(cited) or "–",
            )
            continue
        when = None
        if get.get("date"):
            try:
                when = dt.date.fromisoformat(get["date"])
            except ValueError:
                issues.add("bad_date", line=line, column="date", value=get["date"])
                continue
        out[(alt, crit)] = Provenance(
            kind=kind,
            source=get.get("source") or None,
            source_nb=get.get("source_nb") or None,
            author=get.get("author") or None,
            date=when,
            rationale=get.get("rationale") or None,
            rationale_nb=get.get("rationale_nb") or None,
        )
    issues.raise_if_any()
    return out


def _source_keys(text: str) -> list[str]:
    """The bibliography keys a source cites, ``[S9]``, sorted: a translation cites the same."""
    return sorted(re.findall(r"\[[^\[\]\s]+\]", text))


def _parse_bibliography(text: str, name: str) -> dict[str, str]:
    data = parse_yaml(text, name)
    check_text_fields(data, name)
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(
            Issue(
                "schema",
                file=name,
                details={
                    "reason": "expected 'sources:' with a list of {key, citation}",
                    "reason_nb": "forventet «sources:» med en liste av {key, citation}",
                },
            )
        )
    out: dict[str, str] = {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or "key" not in entry or "citation" not in entry:
            raise InputError(
                Issue(
                    "schema",
                    file=name,
                    column=f"sources[{i}]",
                    details={
                        "reason": "each source needs 'key' and 'citation'",
                        "reason_nb": "hver kilde trenger «key» og «citation»",
                    },
                )
            )
        out[str(entry["key"])] = str(entry["citation"])
    return out


# --- weights -------------------------------------------------------------------------------


def parse_weights(text: str, name: str = "weights.yaml", criteria: Iterable[str] | None = None) -> WeightSet:
    """``{criterion: weight}`` or ``{name, weights: {...}}`` in YAML or JSON (JSON is YAML)."""
    if name.lower().endswith(".json"):
        data = parse_json(text, name)
    else:
        data = parse_yaml(text, name)
    check_text_fields(data, name)
    label = Path(name).stem
    if isinstance(data, dict) and isinstance(data.get("weights"), dict):
        label = str(data.get("name") or label)
        data = data["weights"]
    if not isinstance(data, dict) or not data:
        raise InputError(
            Issue(
                "schema",
                file=name,
                details={
                    "reason": "expected a mapping criterion id -> weight",
                    "reason_nb": "forventet kriterie-id-er med hver sin vekt (id: vekt)",
                },
            )
        )
    return WeightSet.from_raw(
        {str(k): v for k, v in data.items()},
        name=label,
        origin=WeightOrigin(kind="file", details={"file": Path(name).name}),
        criteria=criteria,
        file=name,
    )


def load_weights(path: str | Path, criteria: Iterable[str] | None = None) -> WeightSet:
    return parse_weights(read_text(path), str(path), criteria)


# --- pairwise comparisons ---------------------------------------------------------------------


def parse_judgment(token: str) -> float:
    """'3', '0.5', '1/3' -> float; ValueError otherwise (also for a number too long or too large)."""
    t = token.strip().replace(" ", "")
    if not t:
        raise ValueError("empty")
    if len(t) > MAX_NUMBER_CHARS:
        raise ValueError("too long")
    if "/" in t:
        num, _, den = t.partition("/")
        if not (_NUMBER_RE.fullmatch(num) and _NUMBER_RE.fullmatch(den)):
            raise ValueError(t[:40])
        try:
            value = float(Fraction(t))
        except OverflowError:
            raise ValueError("too large") from None
        if not math.isfinite(value):
            raise ValueError(t[:40])
        return value
    if not _NUMBER_RE.fullmatch(t):
        raise ValueError(t[:40])
    value = float(t)
    if not math.isfinite(value):
        raise ValueError(t)
    return value


def parse_pairwise(text: str, name: str = "pairwise.csv") -> PairwiseMatrix:
    rows, delimiter = _csv_rows(text, name)
    numbered = _numbered(rows)
    if not numbered:
        raise InputError(Issue("empty_file", file=name))
    _check_row_count(numbered, name, MAX_PAIRWISE_ITEMS, ("rows", "rader"))
    _check_cells(numbered, name)
    header_line, header = numbered[0]
    if len(header) - 1 > MAX_PAIRWISE_ITEMS:
        raise InputError(
            Issue(
                "too_many_rows",
                file=name,
                line=header_line,
                details={"max": MAX_PAIRWISE_ITEMS, "what": "columns", "what_nb": "kolonner"},
            )
        )
    if not header or header[0] != "" or len(header) < 2:
        raise InputError(Issue("pairwise_header", file=name, line=header_line))
    labels = header[1:]
    issues = IssueCollector(name)
    for j, label in enumerate(labels):
        if not _ID_RE.match(label) or len(label) > ID_MAX_LENGTH:
            issues.add("bad_id", line=header_line, column=f"#{j + 2}", value=label)
        elif labels.index(label) != j:
            issues.add("duplicate_id", line=header_line, column=label, value=label, first_line=header_line)
    body = numbered[1:]
    if len(body) != len(labels):
        issues.add("pairwise_not_square", rows=len(body), cols=len(labels))
    issues.raise_if_any()
    values: list[list[float]] = []
    for i, (line, row) in enumerate(body):
        if len(row) != len(header):
            issues.add("ragged_row", line=line, found=len(row), expected=len(header))
            continue
        if row[0] != labels[i]:
            issues.add("pairwise_label_mismatch", line=line, column="", value=row[0], row_id=row[0], col_id=labels[i])
        parsed: list[float] = []
        for j, token in enumerate(row[1:]):
            try:
                x = parse_judgment(token if delimiter == "," else token.replace(",", "."))
            except (ValueError, ZeroDivisionError, OverflowError):
                issues.add("pairwise_not_number", line=line, column=labels[j], value=token[:40])
                x = math.nan
            parsed.append(x)
        values.append(parsed)
    issues.raise_if_any()
    first_line = body[0][0]
    shape_issues = validate_pairwise(labels, values, file=name, first_line=first_line)
    # each body line may have been preceded by blank lines; report the real line numbers
    lines = [line for line, _ in body]
    if shape_issues:
        raise InputError([_relined(issue, first_line, lines) for issue in shape_issues])
    return PairwiseMatrix(labels=tuple(labels), values=tuple(tuple(r) for r in values))


def _relined(issue: Issue, first_line: int, lines: list[int]) -> Issue:
    if issue.line is None:
        return issue
    k = issue.line - first_line
    return Issue(
        issue.code,
        issue.file,
        lines[k] if 0 <= k < len(lines) else issue.line,
        issue.column,
        issue.value,
        issue.details,
    )


def load_pairwise(path: str | Path) -> PairwiseMatrix:
    return parse_pairwise(read_text(path), str(path))


# --- preset weight sets -------------------------------------------------------------------------


def parse_presets(text: str, name: str, criteria: Iterable[str]) -> list[WeightSet]:
    """Named example weight sets: ``weight_sets: [{name: {nb, en}, description?, weights}]``."""
    data = parse_yaml(text, name)
    check_text_fields(data, name)
    entries = data.get("weight_sets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(
            Issue(
                "schema",
                file=name,
                details={
                    "reason": "expected 'weight_sets:' with a list",
                    "reason_nb": "forventet «weight_sets:» med en liste",
                },
            )
        )
    ids = list(criteria)
    out = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("weights"), dict) or "name" not in entry:
            raise InputError(
                Issue(
                    "schema",
                    file=name,
                    column=f"weight_sets[{i}]",
                    details={
                        "reason": "each weight set needs 'name' and 'weights'",
                        "reason_nb": "hvert vektsett trenger «name» og «weights»",
                    },
                )
            )
        label = LocalizedText.model_validate(entry["name"])
        description = LocalizedText.model_validate(entry.get("description") or "")
        out.append(
            WeightSet.from_raw(
                entry["weights"],
                name=label.nb,
                criteria=ids,
                file=name,
                origin=WeightOrigin(
                    kind="preset",
                    details={"name_en": label.en, "description_nb": description.nb, "description_en": description.en},
                ),
            )
        )
    return out


def load_presets(path: str | Path, criteria: Iterable[str]) -> list[WeightSet]:
    return parse_presets(read_text(path), str(path), criteria)


def parse_problem_files(files: dict[str, tuple[str, str]]) -> DecisionProblem:
    """A problem from ``{role: (text, file name)}`` with roles criteria, data, sources?, bibliography?"""
    sources, sources_name = files.get("sources", (None, "sources.csv"))
    bibliography, bibliography_name = files.get("bibliography", (None, "bibliography.yaml"))
    return parse_problem(
        files["criteria"][0],
        files["data"][0],
        criteria_name=files["criteria"][1],
        data_name=files["data"][1],
        sources_text=sources,
        sources_name=sources_name,
        bibliography_text=bibliography,
        bibliography_name=bibliography_name,
    )
