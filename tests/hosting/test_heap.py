"""The server's long-lived objects are left out of later garbage collections, and its garbage is not kept."""

from __future__ import annotations

import gc
import weakref

import pytest

from mcda.hosting.heap import freeze_long_lived


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture
def restored_heap():
    yield
    gc.unfreeze()  # the rest of the test session collects as before


def test_what_is_alive_is_frozen_and_cyclic_garbage_collected_first(restored_heap) -> None:
    alive = {"cache": [Node() for _ in range(3)]}
    garbage_a, garbage_b = Node(), Node()
    garbage_a.other, garbage_b.other = garbage_b, garbage_a  # a cycle only the collector frees
    gone = weakref.ref(garbage_a)
    del garbage_a, garbage_b
    assert gone() is not None

    frozen = freeze_long_lived()

    assert gone() is None  # collected before the freeze, not kept for good
    assert frozen == gc.get_freeze_count() > len(alive["cache"])
    tracked_now = {id(o) for o in gc.get_objects()}
    assert id(alive) not in tracked_now and not any(id(n) in tracked_now for n in alive["cache"])
    later = Node()
    assert id(later) in {id(o) for o in gc.get_objects()}  # what comes after is collected as usual


def test_the_servers_config_turns_off_streamlits_full_collection_after_every_script_run(monkeypatch) -> None:
    """As Streamlit reads the project's .streamlit/config.toml (a misspelt option would be ignored)."""
    from pathlib import Path

    from streamlit import config

    monkeypatch.chdir(Path(__file__).resolve().parents[2])  # Streamlit reads .streamlit/ in the working directory
    try:
        config.get_config_options(force_reparse=True)
        assert config.get_option("runner.postScriptGC") is False
        assert config.get_option("browser.gatherUsageStats") is False
    finally:
        monkeypatch.undo()
        config.get_config_options(force_reparse=True)
