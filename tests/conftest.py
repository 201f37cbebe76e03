"""Shared fixtures: the tiny scenario, and broken copies of it made by exact text edits."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from game.core.state import GameState
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


def line_of(path: Path, needle: str, last: bool = False) -> int:
    """1-based line of the first (or last) line containing ``needle``."""
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert hits, f"{needle!r} not in {path}"
    return hits[-1] if last else hits[0]
