"""Shared fixtures: the tiny scenario, and broken copies of it made by exact text edits."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from game.core.state import GameState
from game.core.units import OFF_MAP
from game.paths import TEST_SCENARIO
from game.scenario.build import load_game

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

TINY = TEST_SCENARIO


@pytest.fixture
def tiny() -> GameState:
    return load_game(TINY)


Edit = tuple[str, str, str]  # file, old text (must occur once), new text


@pytest.fixture
def broken(tmp_path: Path) -> Callable[..., Path]:
    """Copy the tiny scenario and apply exact edits; fails if an edit does not apply."""

    def make(*edits: Edit, name: str = "broken") -> Path:
        dest = tmp_path / name
        shutil.copytree(TINY, dest)
        for fname, old, new in edits:
            path = dest / fname
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"edit target {old!r} must occur once in {fname}"
            path.write_text(text.replace(old, new), encoding="utf-8")
        return dest

    return make


def only_units(state: GameState, placements: dict[str, tuple[int, int]], turn: int | None = None,
               hold: bool = False, clear_control: bool = False) -> GameState:
    """Only the named units on the map, where given: one rule at a time, on a known board.

    ``turn`` sets the turn (2 is a clear day), ``hold`` gives each placed hex to its unit's side,
    ``clear_control`` makes every hex nobody's first (for fog tests).
    """
    grid = state.scenario.map.grid
    if clear_control:
        state.control[:] = -1
    for i, u in enumerate(state.scenario.units):
        state.unit_hex[i] = grid.index(placements[u.id]) if u.id in placements else OFF_MAP
        if hold and u.id in placements:
            state.control[grid.index(placements[u.id])] = u.side
    if turn is not None:
        state.turn = turn
    return state


def unit(state: GameState, uid: str) -> int:
    """A unit's index from its id."""
    return state.scenario.unit_index[uid]


def line_of(path: Path, needle: str, last: bool = False) -> int:
    """1-based line of the first (or last) line containing ``needle``."""
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert hits, f"{needle!r} not in {path}"
    return hits[-1] if last else hits[0]
