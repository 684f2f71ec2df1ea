"""A small evaluator of the Vega expressions the charts write (ternaries, comparisons, + - * /, min, max,
floor, indexof, JSON arrays and strings, ``datum.label``, ``containerSize()[0]``), so that a test can read
what a spec draws at a given width of its place in the page, without a browser."""

from __future__ import annotations

import json
import math
import operator
import re
from typing import Any

_TOKEN = re.compile(r'\s*(\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|[A-Za-z_][\w.]*|>=|<=|&&|\|\||[-+*/?:()\[\],<>])')
_OPERATORS = {
    "||": lambda a, b: a or b,
    "&&": lambda a, b: a and b,
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}
_FUNCTIONS = {"min": min, "max": max, "floor": math.floor, "indexof": lambda seq, x: seq.index(x) if x in seq else -1}


def evaluate(expression: str, page_width: float | None, label: str | None = None) -> Any:
    """The value of ``expression`` where the chart's place is ``page_width`` px wide (None: a picture, no page)."""
    tokens = _TOKEN.findall(expression)
    assert _TOKEN.sub("", expression).strip() == "", f"a token this evaluator does not know in {expression}"
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take(expected: str | None = None) -> str:
        nonlocal position
        token = tokens[position]
        assert expected is None or token == expected, (expected, token, expression)
        position += 1
        return token

    def ternary() -> Any:
        test = binary(0)
        if peek() == "?":
            take("?")
            yes = ternary()
            take(":")
            no = ternary()
            return yes if test else no
        return test

    levels = [("||",), ("&&",), (">", "<", ">=", "<="), ("+", "-"), ("*", "/")]

    def binary(level: int) -> Any:
        if level == len(levels):
            return postfix()
        left = binary(level + 1)
        while peek() in levels[level]:
            op = take()
            right = binary(level + 1)
            if op in "+-*/<>=" and (left is None or right is None):  # undefined: NaN, compares false
                left = False if op in (">", "<", ">=", "<=") else None
                continue
            left = _OPERATORS[op](left, right)
        return left

    def postfix() -> Any:
        value = primary()
        while peek() == "[":
            take("[")
            index = ternary()
            take("]")
            value = value[int(index)] if value is not None and 0 <= index < len(value) else None
        return value

    def items(closing: str) -> list[Any]:
        """The comma-separated values up to ``closing`` (after its opening bracket)."""
        values = []
        while peek() != closing:
            values.append(ternary())
            if peek() == ",":
                take(",")
        take(closing)
        return values

    def primary() -> Any:
        token = take()
        if token == "(":
            value = ternary()
            take(")")
            return value
        if token == "-":
            return -postfix()
        if token == "[":
            return items("]")
        if token.startswith('"'):
            return json.loads(token)
        if token[0].isdigit():
            return float(token)
        if token in ("true", "false"):
            return token == "true"
        if token == "datum.label":
            return label
        if token == "containerSize":
            take("(")
            take(")")
            return [page_width, 0] if page_width is not None else [None, None]
        if token in _FUNCTIONS:
            take("(")
            values = items(")")
            if token != "indexof" and None in values:  # NaN in, NaN out
                return None
            return _FUNCTIONS[token](*values)
        raise AssertionError(f"unknown token {token!r} in {expression}")

    value = ternary()
    assert position == len(tokens), expression
    return value
