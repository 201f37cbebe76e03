"""Golden images: the tiny scenario's map screen compared with committed PNGs, within a tolerance.

A drawing regression (a layer missing, an overlay in the wrong place, the cache showing a stale
picture) changes many pixels; font hinting or a pygame patch release changes a few by a little.
So a pixel counts as different only beyond ``TOLERANCE`` on some channel, and a test fails only
when more than ``MAX_DIFFERENT`` of the pixels differ. After an intended change of the look,
regenerate the images on purpose: ``AUGUST_STORM_UPDATE_GOLDEN=1 pytest tests/ui/test_golden.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pygame
import pytest

from game import paths
from game.scenario.build import load_game
from game.ui.screenshot import render_screenshot

GOLDEN = Path(__file__).parent / "golden"
UPDATE = "AUGUST_STORM_UPDATE_GOLDEN"
SIZE = (960, 640)
ZOOM = 24.0
TOLERANCE = 40  # per channel, 0-255
MAX_DIFFERENT = 0.01  # fraction of pixels


def _pixels(path: Path) -> np.ndarray:
    return pygame.surfarray.array3d(pygame.image.load(str(path))).astype(np.int16)


def check_golden(name: str, out: Path) -> None:
    """Compare the PNG at ``out`` with ``golden/<name>.png``; with the update variable set, replace the golden."""
    golden = GOLDEN / f"{name}.png"
    if os.environ.get(UPDATE) == "1" or not golden.exists():
        if os.environ.get(UPDATE) != "1":
            pytest.fail(f"no golden image {golden}: run with {UPDATE}=1 to create it")
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(out.read_bytes())
        return
    got, want = _pixels(out), _pixels(golden)
    assert got.shape == want.shape, f"{name}: size {got.shape[:2]} != golden {want.shape[:2]}"
    different = (np.abs(got - want).max(axis=2) > TOLERANCE).mean()
    if different > MAX_DIFFERENT:
        keep = Path(os.environ.get("AUGUST_STORM_GOLDEN_FAILS", out.parent)) / f"{name}-actual.png"
        keep.write_bytes(out.read_bytes())
        pytest.fail(f"{name}: {different:.2%} of pixels differ from the golden image (allowed {MAX_DIFFERENT:.0%});"
                    f" this render is at {keep}")


def _render(tmp_path: Path, name: str, **kwargs: object) -> Path:
    state = load_game(paths.TEST_SCENARIO)
    out = tmp_path / f"{name}.png"
    render_screenshot(state, out, size=SIZE, zoom=ZOOM, **kwargs)  # type: ignore[arg-type]
    return out


def _first_unit_to_move() -> str:
    state = load_game(paths.TEST_SCENARIO)
    return next(u.id for u in state.scenario.units if u.side == state.side and int(state.unit_hex[
        state.scenario.unit_index[u.id]]) >= 0)


def test_golden_plain_map(tmp_path: Path) -> None:
    check_golden("tiny_plain", _render(tmp_path, "tiny_plain"))


def test_golden_fog_overlay(tmp_path: Path) -> None:
    check_golden("tiny_fog", _render(tmp_path, "tiny_fog", overlay="fog"))


def test_golden_cost_overlay_with_selection(tmp_path: Path) -> None:
    check_golden("tiny_cost", _render(tmp_path, "tiny_cost", overlay="cost", select=_first_unit_to_move()))
