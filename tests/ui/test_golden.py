"""Golden images: the tiny scenario's map screen compared with committed PNGs, tightly, and by region.

Rendering is deterministic (the same fonts, no clock, no randomness), so the comparison is tight:
a pixel counts as different beyond ``TOLERANCE`` on a channel, and the whole image may differ in
no more than ``MAX_DIFFERENT`` of its pixels. A loose whole-image check passed with every unit
removed or every hex's owner swapped (a few per cent of the pixels), so regions are checked on
their own too: each counter's rectangle, the side panel and the top bar may differ in no more
than ``MAX_REGION_DIFFERENT`` of theirs. The last tests prove the check fails on those
regressions. After an intended change of the look, regenerate the images on purpose:
``AUGUST_STORM_UPDATE_GOLDEN=1 pytest tests/ui/test_golden.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pygame
import pytest

from game import paths
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.scenario.build import load_game
from game.ui.app import App
from game.ui.counters import counter_dims
from game.ui.screenshot import render_screenshot

GOLDEN = Path(__file__).parent / "golden"
UPDATE = "AUGUST_STORM_UPDATE_GOLDEN"
SIZE = (960, 640)
ZOOM = 24.0
TOLERANCE = 12  # per channel, 0-255: room for a font hinting change, not for a different colour
MAX_DIFFERENT = 0.002  # fraction of the image's pixels
MAX_REGION_DIFFERENT = 0.02  # fraction of one region's pixels (a counter, a panel)

Region = tuple[str, pygame.Rect]


def _pixels(path: Path) -> np.ndarray:
    return pygame.surfarray.array3d(pygame.image.load(str(path))).astype(np.int16)


def regions(app: App) -> list[Region]:
    """Where the screen must match by itself: every counter on the map, the side panel, the top bar."""
    st = app.state
    w, h = counter_dims(app.camera.tile_size)
    out: list[Region] = [("side panel", pygame.Rect(app.layout.side)), ("top bar", pygame.Rect(app.layout.top))]
    grid = st.scenario.map.grid
    for i in sorted(app.stacks()):
        x, y = app.camera.hex_to_screen(grid.hex_at(i))
        r = pygame.Rect(0, 0, w, h)
        r.center = (round(x), round(y))
        if app.layout.map.contains(r):
            out.append((f"counter at {grid.hex_at(i)}", r))
    return out


def check_golden(name: str, out: Path, app: App) -> None:
    """Compare the PNG at ``out`` with ``golden/<name>.png`` as a whole and by region; with the update
    variable set, replace the golden."""
    golden = GOLDEN / f"{name}.png"
    if os.environ.get(UPDATE) == "1" or not golden.exists():
        if os.environ.get(UPDATE) != "1":
            pytest.fail(f"no golden image {golden}: run with {UPDATE}=1 to create it")
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(out.read_bytes())
        return
    got, want = _pixels(out), _pixels(golden)
    assert got.shape == want.shape, f"{name}: size {got.shape[:2]} != golden {want.shape[:2]}"
    differs = np.abs(got - want).max(axis=2) > TOLERANCE  # [x, y]
    problems = []
    if differs.mean() > MAX_DIFFERENT:
        problems.append(f"{differs.mean():.2%} of all pixels (allowed {MAX_DIFFERENT:.1%})")
    for label, r in regions(app):
        share = differs[r.left:r.right, r.top:r.bottom].mean()
        if share > MAX_REGION_DIFFERENT:
            problems.append(f"{share:.0%} of the {label}")
    if problems:
        keep = Path(os.environ.get("AUGUST_STORM_GOLDEN_FAILS", out.parent)) / f"{name}-actual.png"
        keep.write_bytes(out.read_bytes())
        pytest.fail(f"{name} differs from the golden image: {'; '.join(problems[:4])}; this render is at {keep}")


def _render(tmp_path: Path, name: str, state: GameState | None = None, **kwargs: object) -> tuple[Path, App]:
    state = state if state is not None else load_game(paths.TEST_SCENARIO)
    out = tmp_path / f"{name}.png"
    app = render_screenshot(state, out, size=SIZE, zoom=ZOOM, **kwargs)  # type: ignore[arg-type]
    return out, app


def _first_unit_to_move() -> str:
    state = load_game(paths.TEST_SCENARIO)
    return next(u.id for u in state.scenario.units if u.side == state.side and int(state.unit_hex[
        state.scenario.unit_index[u.id]]) >= 0)


def test_golden_plain_map(tmp_path: Path) -> None:
    check_golden("tiny_plain", *_render(tmp_path, "tiny_plain"))


def test_golden_fog_overlay(tmp_path: Path) -> None:
    check_golden("tiny_fog", *_render(tmp_path, "tiny_fog", overlay="fog"))


def test_golden_cost_overlay_with_selection(tmp_path: Path) -> None:
    check_golden("tiny_cost", *_render(tmp_path, "tiny_cost", overlay="cost", select=_first_unit_to_move()))


def test_golden_fails_with_every_unit_removed(tmp_path: Path) -> None:
    """Issue 14: the old comparison (40 per channel on 1 % of pixels) passed this; the regions do not."""
    full = load_game(paths.TEST_SCENARIO)
    _, app = _render(tmp_path, "full", full)  # the regions where the counters are
    empty = load_game(paths.TEST_SCENARIO)
    empty.unit_hex[:] = OFF_MAP
    out, _ = _render(tmp_path, "empty", empty)
    with pytest.raises(pytest.fail.Exception, match="counter at"):
        check_golden("tiny_plain", out, app)


def test_golden_fails_with_every_owner_swapped(tmp_path: Path) -> None:
    swapped = load_game(paths.TEST_SCENARIO)
    held = swapped.control >= 0
    swapped.control[held] = 1 - swapped.control[held]
    out, app = _render(tmp_path, "swapped", swapped)
    with pytest.raises(pytest.fail.Exception, match="of all pixels"):
        check_golden("tiny_plain", out, app)
