"""The numpy map raster and segment geometry agree with the hex maths the rest of the game uses."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.core.hexgrid import SQRT3, Grid
from game.ui.camera import hex_at, hex_center
from game.ui.hexraster import PAD_ROWS, HexPattern, padded_colors
from game.ui.mapgeometry import Strokes, cross_ties, half_segments, points_near, side_segments, unit_centers

GRID = Grid(13, 9)


def _width(s: int) -> int:
    """Whole 64-px tiles across the map."""
    return math.ceil(s * SQRT3 * (GRID.width + 0.5) / 64) * 64


def _decode(pattern: HexPattern, idx2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Padded index back to (col, row); -1 / off-grid values for the background border."""
    padded = idx2 // 2
    row, col = np.divmod(padded, pattern.stride)
    return col - 1, row - PAD_ROWS


@pytest.mark.parametrize("s", [5, 8, 9, 21, 58])
def test_every_pixel_maps_to_the_hex_whose_centre_is_nearest(s: int) -> None:
    width = _width(s)
    pattern = HexPattern(GRID.width, GRID.height, s, outline=True)
    h = round(s * (1.5 * (GRID.height - 1) + 2))
    cols, rows = _decode(pattern, pattern.index2(0, 0, width, h))
    wrong = 0
    for y in range(0, h, 3):
        for x in range(0, width, 3):
            c, r = hex_at(x + 0.5, y + 0.5, s)
            on_map = 0 <= c < GRID.width and 0 <= r < GRID.height
            got = (int(cols[y, x]), int(rows[y, x]))
            got_on_map = 0 <= got[0] < GRID.width and 0 <= got[1] < GRID.height
            wrong += (got != (c, r)) if on_map else got_on_map
    assert wrong == 0


def test_outline_marks_where_the_hex_changes_and_nowhere_else() -> None:
    s = 12
    width = _width(s)
    pattern = HexPattern(GRID.width, GRID.height, s, outline=True)
    idx2 = pattern.index2(0, 0, width, 200)
    hexes, edge = idx2 // 2, idx2 % 2 == 1
    changed = np.zeros_like(edge)
    changed[:, 1:] |= hexes[:, 1:] != hexes[:, :-1]
    changed[1:] |= hexes[1:] != hexes[:-1]
    assert np.array_equal(edge[1:, 1:], changed[1:, 1:])
    flat = HexPattern(GRID.width, GRID.height, s, outline=False).index2(0, 0, width, 200)
    assert not (flat % 2).any()


def test_a_tile_is_the_same_pixels_as_that_part_of_the_whole() -> None:
    s = 9
    width = _width(s)
    pattern = HexPattern(GRID.width, GRID.height, s, outline=True)
    whole = pattern.index2(0, 0, width, 192)
    assert np.array_equal(pattern.index2(64, 128, 64, 64), whole[128:192, 64:128])  # its own column block
    assert np.array_equal(pattern.index2(64, 128, 64, 64), pattern.index2(64, 128, 64, 64))  # cached the same


def test_colours_come_from_the_hex_and_background_off_the_map() -> None:
    s = 10
    keys = np.arange(GRID.size) % 3
    fill = np.array([10, 20, 30], dtype="<u4")
    edge = np.array([11, 21, 31], dtype="<u4")
    table = padded_colors(keys, fill, edge, 99, GRID.width, GRID.height)
    width = _width(s)
    pattern = HexPattern(GRID.width, GRID.height, s, outline=True)
    pixels = pattern.colors(table, 0, 0, width, 640)  # runs far below the map
    x, y = (round(v) for v in hex_center((4, 3), s))
    assert pixels[y, x] == fill[keys[GRID.index((4, 3))]]
    assert (pixels[-5:] == 99).all()
    assert set(np.unique(pixels).tolist()) <= {10, 20, 30, 11, 21, 31, 99}


def test_unit_geometry_scales_to_the_hex_centres() -> None:
    centers = unit_centers(GRID)
    for h in ((0, 0), (5, 3), (12, 8)):
        assert np.allclose(centers[GRID.index(h)] * 21, hex_center(h, 21))
    halves = half_segments(centers[[GRID.index((5, 3))]], np.array([0]))  # east: half-way to (6, 3)
    mid = (np.array(hex_center((5, 3), 1)) + np.array(hex_center((6, 3), 1))) / 2
    assert np.allclose(halves[0, 2:], mid)
    side = side_segments(centers[[GRID.index((5, 3))]], np.array([0]))[0]  # the east side is vertical
    assert side[0] == pytest.approx(side[2]) and side[0] == pytest.approx(mid[0])


def test_strokes_pick_what_reaches_a_tile_in_draw_order() -> None:
    strokes = Strokes()
    strokes.add(np.array([[0.0, 0, 10, 0], [500, 500, 510, 500]]), "a", 2)
    strokes.add(np.array([[5.0, 5, 5, 5]]), "b", 6, dot=True)
    strokes.done()
    assert strokes.meeting(0, 0, 100, 100).tolist() == [0, 2]
    assert strokes.meeting(400, 400, 600, 600).tolist() == [1]
    assert strokes.meeting(13, 0, 20, 20).tolist() == []  # beyond the line's end and half its width


def test_cross_ties_sit_along_the_rail_and_across_it() -> None:
    halves = half_segments(unit_centers(GRID)[[0]], np.array([0]))
    ties = cross_ties(halves, np.array([0]), 30)
    assert len(ties) >= 2
    assert np.allclose(ties[:, 0], ties[:, 2])  # an east-going rail has vertical ties
    assert (ties[:, 0] > halves[0, 0] * 30).all() and (ties[:, 0] < halves[0, 2] * 30).all()


def test_points_near_a_tile_include_the_margin() -> None:
    pts = np.array([[10.0, 10.0], [70.0, 10.0], [-5.0, 30.0], [300.0, 300.0]])
    assert points_near(pts, 0, 0, 64, 64, 8).tolist() == [0, 1, 2]
    assert points_near(pts, 0, 0, 64, 64, 0).tolist() == [0]
