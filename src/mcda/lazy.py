"""Imports on first use: a page that needs one chart or the export's format list does not pay for
every module of the package before its first paint (package attributes, PEP 562), and a library's
submodules the engine never calls are not imported with the library (:func:`defer_submodules`)."""

from __future__ import annotations

import importlib
import sys
import types
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


class _DeferredModule(types.ModuleType):
    """Stands in ``sys.modules`` for a submodule not yet imported; the first attribute asked of it
    imports the real module, which then takes its place in ``sys.modules`` and in its package (the
    stand-in passes on what it is asked). It has no file until then: tools that
    look through every module for its file (``inspect.getmodule``, which Streamlit's first element of
    a process calls) pass it by instead of importing it."""

    def __getattr__(self, attribute: str) -> Any:
        if attribute in ("__file__", "__cached__"):
            raise AttributeError(attribute)
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)
        parent, _, child = name.rpartition(".")
        setattr(sys.modules[parent], child, real)
        return getattr(real, attribute)


def defer_submodules(package: str, submodules: tuple[str, ...]) -> None:
    """Let ``import package`` skip ``submodules`` its ``__init__`` imports eagerly, until one of their
    names is used; nothing changes once ``package`` has been imported."""
    if package in sys.modules:
        return
    for submodule in submodules:
        sys.modules.setdefault(f"{package}.{submodule}", _DeferredModule(f"{package}.{submodule}"))
