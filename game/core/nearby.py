"""Units near a place, found without a pass over the map or a sort of every unit.

A move, a sight check or a zone of control reads only the units within a few rows and columns of
the hexes involved; on a big map with thousands of units, masking, sorting and dilating all of
them once per order made an AI phase grow with the square of the work. A hex's flat index is
``row * width + col``, so the units within a band of rows are a range of ``unit_hex``: two
comparisons over the unit array, then the column test on the few inside the band.

One step moves at most one row and one column, so everything within ``d`` steps of a hex lies in
its box widened by ``d`` (callers widen by the reach they need).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from game.core.hexgrid import Grid
    from game.core.state import GameState

Box = tuple[int, int, int, int]  # first row, last row, first column, last column (inclusive)


def box_around(grid: Grid, hexes: np.ndarray | list[int] | int, margin: int | np.ndarray) -> Box:
    """The rows and columns of ``hexes`` widened by ``margin`` (one per hex, or one for all), clipped to the map."""
    h = np.asarray(hexes, dtype=np.int64).ravel()
    h = h[h >= 0]
    if not h.size:
        return 0, -1, 0, -1
    rows, cols = grid.row_col
    r, c = rows[h], cols[h]
    m = np.asarray(margin, dtype=np.int64)
    return (max(int((r - m).min()), 0), min(int((r + m).max()), grid.height - 1),
            max(int((c - m).min()), 0), min(int((c + m).max()), grid.width - 1))


def covers_map(grid: Grid, box: Box) -> bool:
    """The box is the whole map (then a plain pass over the units is as cheap)."""
    return box == (0, grid.height - 1, 0, grid.width - 1)


def units_in_box(state: GameState, box: Box) -> np.ndarray:
    """Indices (ascending) of the units on the map whose hex lies in ``box``, of any side and domain."""
    r0, r1, c0, c1 = box
    if r1 < r0 or c1 < c0:
        return np.zeros(0, dtype=np.int64)
    width = state.scenario.map.grid.width
    at = state.unit_hex
    band = np.flatnonzero((at >= r0 * width) & (at < (r1 + 1) * width))  # off the map (-1) is below any band
    if c0 == 0 and c1 == width - 1:
        return band
    col = at[band] % width
    return band[(col >= c0) & (col <= c1)]
