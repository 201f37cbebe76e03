"""Seeing a scenario as data: `info --equipment/--units`, `screenshot --grid/--reveal`, bare names."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.cli import main
from game.core.state import GameState
from game.paths import TEST_SCENARIO
from game.ui.app import App
from game.ui.screenshot import render_screenshot

SIZE = (1024, 700)


def test_info_lists_equipment_and_unit_types_with_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(TEST_SCENARIO), "--equipment", "--units", "--json"]) == 0
    lists = json.loads(capsys.readouterr().out)
    t34 = next(e for e in lists["equipment"] if e["id"] == "t34_85")
    assert t34["kind"] == "tank" and t34["by_side"] == {"soviet": 65, "japan": 0}
    rifles = next(t for t in lists["unit_types"] if t["id"] == "rifle_division")
    assert rifles["by_side"] == {"soviet": 3, "japan": 0} and rifles["movement_class"] == "foot"
    assert main(["info", str(TEST_SCENARIO), "--units"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Unit types (5):") and "Equipment" not in text
    assert any(line.split()[:2] == ["tank_brigade", "Tank"] and line.split()[-2:] == ["1", "1"]
               for line in text.splitlines())


def _pixels(path: Path) -> np.ndarray:
    return pygame.surfarray.array3d(pygame.image.load(str(path))).astype(int)


def _around(px: np.ndarray, state: GameState, h: tuple[int, int], dy: float = 0.0) -> np.ndarray:
    app = App(state, SIZE)
    x, y = app.camera.hex_to_screen(h)
    y += dy * app.camera.tile_size
    return px[round(x) - 6: round(x) + 6, round(y) - 4: round(y) + 4]


def test_reveal_shows_the_enemy_the_fog_hides(tmp_path: Path, tiny: GameState) -> None:
    fog, seen = tmp_path / "fog.png", tmp_path / "seen.png"
    render_screenshot(tiny, fog, size=SIZE)
    render_screenshot(tiny, seen, size=SIZE, reveal=True)
    tank = (8, 6)  # a Japanese tank brigade the Soviet side cannot see at the start
    assert np.abs(_around(_pixels(fog), tiny, tank) - _around(_pixels(seen), tiny, tank)).sum() > 2000


def test_grid_writes_coordinates_on_the_hexes(tmp_path: Path, tiny: GameState) -> None:
    plain, grid = tmp_path / "plain.png", tmp_path / "grid.png"
    render_screenshot(tiny, plain, size=SIZE)
    render_screenshot(tiny, grid, size=SIZE, grid=True)
    a, b = _pixels(plain), _pixels(grid)
    for h in ((0, 0), (11, 9), (5, 5)):  # a label above each hex centre
        assert np.abs(_around(a, tiny, h, -0.6) - _around(b, tiny, h, -0.6)).sum() > 500, h


def test_screenshot_command_takes_grid_and_reveal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "shot.png"
    assert main(["screenshot", str(TEST_SCENARIO), "--out", str(out), "--size", "800x600", "--grid",
                 "--reveal"]) == 0
    assert out.is_file() and pygame.image.load(str(out)).get_size() == (800, 600)
