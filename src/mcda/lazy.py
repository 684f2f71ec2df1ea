"""Package attributes imported on first use (PEP 562): a page that needs one chart or the export's
format list does not pay for every module of the package before its first paint."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(package: str, modules: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports ``name`` from its submodule ``modules[name]``
    on first access and keeps it in the package's namespace."""

    def __getattr__(name: str) -> Any:
        if name not in modules:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{modules[name]}", package), name)
        setattr(importlib.import_module(package), name, value)
        return value

    return __getattr__
