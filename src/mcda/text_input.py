"""Checks shared by every text input (files, forms, the workshop API) and by chart rendering.

Names, ids, labels and codes are one line of printable text: no control characters at all.
Free text that legitimately spans lines (descriptions, rationales, citations, sources) may
also hold tab, line feed and carriage return. Everywhere, lone surrogates and Unicode
non-characters are refused: they cannot be written as UTF-8 and crash the chart renderer.

The limits on input size live here too, so the loaders, the app and the README agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .errors import BAD_ALWAYS, SINGLE_LINE_BAD, Issue, escape_char, shown

MAX_FILE_BYTES = 20 * 1024 * 1024  # an uploaded or loaded file: 20 MB
MAX_DATA_ROWS = 100_000  # data rows (positions) in a data CSV; also provenance rows (x criteria)
MAX_PAIRWISE_ITEMS = 100  # rows/columns of a pairwise comparison matrix
MAX_NESTING = 100  # depth of nested lists/mappings in a YAML or JSON file
MAX_NUMBER_CHARS = 400  # characters in one number (digits, sign, exponent)

_MULTI_LINE = re.compile(f"[{BAD_ALWAYS}]")
# what the renderer must never see (it aborts the process on some of these): everything above
# except tab and line feed, plus the non-characters of the supplementary planes
_RENDER_BAD = re.compile(f"[{BAD_ALWAYS}\r\u2028\u2029]|[\U0001fffe-\U0001ffff\U0010fffe-\U0010ffff]")


def bad_character(text: str, multiline: bool = False) -> str | None:
    """The first character not allowed in this kind of field, or None."""
    match = (_MULTI_LINE if multiline else SINGLE_LINE_BAD).search(text)
    return match.group() if match else None


def text_issue(
    text: str,
    *,
    file: str | None = None,
    line: int | None = None,
    column: str | None = None,
    multiline: bool = False,
) -> Issue | None:
    """An Issue naming where a refused character is, or None when the text is fine."""
    ch = bad_character(text, multiline)
    if ch is None:
        return None
    return Issue(
        "control_character_text" if multiline else "control_character",
        file=file,
        line=line,
        column=column,
        value=shown(text, 40),
        details={"char": escape_char(ch)},
    )


def tree_issues(
    data: Any,
    *,
    file: str | None = None,
    multiline_keys: Iterable[str] = (),
    limit: int = 50,
) -> list[Issue]:
    """Refused characters in every string (keys too) of parsed YAML/JSON, with their paths.

    Strings under a key in ``multiline_keys`` may hold tab and line breaks. Iterative, so a
    deep document cannot exhaust the stack; stops after ``limit`` issues.
    """
    multi = frozenset(multiline_keys)
    issues: list[Issue] = []
    stack: list[tuple[Any, str, bool]] = [(data, "", False)]
    while stack and len(issues) < limit:
        node, path, free = stack.pop()
        if isinstance(node, str):
            issue = text_issue(node, file=file, column=path or None, multiline=free)
            if issue:
                issues.append(issue)
        elif isinstance(node, dict):
            for key, value in node.items():
                key_text = key if isinstance(key, str) else str(key)
                issue = text_issue(key_text, file=file, column=path or None)
                if issue:
                    issues.append(issue)
                    continue
                stack.append((value, f"{path}.{key_text}" if path else key_text, free or key_text in multi))
        elif isinstance(node, (list, tuple)):
            for i, value in enumerate(node):
                stack.append((value, f"{path}[{i}]", free))
    return issues


def depth(data: Any, limit: int = MAX_NESTING) -> int:
    """Nesting depth of lists/mappings (iterative; stops counting past ``limit``)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(node, dict):
            stack.extend((v, level + 1) for v in node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend((v, level + 1) for v in node)
    return deepest


def for_render(value: Any) -> Any:
    """A copy of a chart spec (or any JSON-like value) with every string made safe to render.

    Refused characters become U+FFFD; line breaks stay (the renderer handles them).
    """
    if isinstance(value, str):
        return _RENDER_BAD.sub("\ufffd", value) if _RENDER_BAD.search(value) else value
    if isinstance(value, dict):
        return {for_render(k): for_render(v) for k, v in value.items()}
    if isinstance(value, list):
        return [for_render(v) for v in value]
    if isinstance(value, tuple):
        return tuple(for_render(v) for v in value)
    return value


def require_text(text: str, *, column: str | None = None, multiline: bool = False, file: str | None = None) -> str:
    """``text`` unchanged, or an InputError naming the field when it holds a refused character."""
    from .errors import InputError

    issue = text_issue(text, file=file, column=column, multiline=multiline)
    if issue:
        raise InputError(issue)
    return text


def value_text(value: object, limit: int = 40) -> str:
    """Any value as short text for a message; an integer too long for str() is described instead."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"<an integer of about {int(value.bit_length() * 0.30103)} digits>"
    try:
        text = value if isinstance(value, str) else str(value)
    except (ValueError, RecursionError):
        return f"<{type(value).__name__}>"
    return shown(text, limit)
