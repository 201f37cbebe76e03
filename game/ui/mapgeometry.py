"""Hex geometry for whole arrays of hexes at once: centres, sides and half-sides as segments.

Map pixels scale linearly with the hex size, so every position is kept at size 1 and multiplied
out per size; a tile then picks the segments whose boxes meet it with one numpy test instead of
asking each of its hexes in Python. Directions and corners follow ``game.core.hexgrid``:
direction ``d`` (0 E, 1 NE, 2 NW, 3 W, 4 SW, 5 SE) crosses the side between corners
``SIDE_CORNERS[d]``, corner ``i`` at ``60 i - 30`` degrees with screen y pointing down.
No pygame here.
"""

from __future__ import annotations

import math

import numpy as np

from game.core.hexgrid import SQRT3, Grid

SIDE_CORNERS: tuple[tuple[int, int], ...] = tuple(((6 - d) % 6, (7 - d) % 6) for d in range(6))
# Unit vector from a hex centre towards the centre of the neighbour in direction d.
DIRECTION_VECTORS = np.array([(math.cos(math.radians(60 * d)), -math.sin(math.radians(60 * d))) for d in range(6)])
CORNER_VECTORS = np.array([(math.cos(math.radians(60 * i - 30)), math.sin(math.radians(60 * i - 30)))
                           for i in range(6)])
_SIDE_A = CORNER_VECTORS[[a for a, _ in SIDE_CORNERS]]
_SIDE_B = CORNER_VECTORS[[b for _, b in SIDE_CORNERS]]


def unit_centers(grid: Grid) -> np.ndarray:
    """Centre of every hex (flat index order) in map pixels at hex size 1, shape (size, 2)."""
    rows, cols = np.divmod(np.arange(grid.size), grid.width)
    x = SQRT3 * (cols + 0.5 * (rows & 1)) + SQRT3 / 2
    y = 1.0 + 1.5 * rows
    return np.stack([x, y], axis=1)


def side_segments(centers: np.ndarray, d: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """Ends of side ``d`` of hexes centred at ``centers`` (size 1), pulled in by ``scale``: (n, 4)."""
    return np.concatenate([centers + scale * _SIDE_A[d], centers + scale * _SIDE_B[d]], axis=1)


def half_segments(centers: np.ndarray, d: np.ndarray) -> np.ndarray:
    """From each centre to the middle of its side ``d`` (half-way to that neighbour): (n, 4)."""
    return np.concatenate([centers, centers + (SQRT3 / 2) * DIRECTION_VECTORS[d]], axis=1)


def points_near(points: np.ndarray, x0: float, y0: float, x1: float, y1: float, margin: float) -> np.ndarray:
    """Rows of ``points`` (n, 2) inside the rectangle grown by ``margin`` (hex centres whose marks reach a tile)."""
    x, y = points[:, 0], points[:, 1]
    return np.flatnonzero((x >= x0 - margin) & (x <= x1 + margin) & (y >= y0 - margin) & (y <= y1 + margin))


def cross_ties(halves: np.ndarray, d: np.ndarray, s: int) -> np.ndarray:
    """The cross-ties of railway half-segments (size 1) drawn at hex size ``s``, in map pixels: (m, 4).

    Ties are spaced at about a fifth of a hex, at least 4 px apart, so they read at every zoom.
    """
    half = s * SQRT3 / 2
    n = max(1, round(half / max(4.0, s * 0.22)))
    tie = max(2.0, s * 0.12)
    along = DIRECTION_VECTORS[d]  # (k, 2)
    across = np.stack([-along[:, 1], along[:, 0]], axis=1) * tie
    steps = (np.arange(n) + 0.5) / n * half
    mid = halves[:, None, :2] * s + along[:, None, :] * steps[None, :, None]  # (k, n, 2)
    ends = np.concatenate([mid - across[:, None, :], mid + across[:, None, :]], axis=2)
    return ends.reshape(-1, 4)


class Strokes:
    """Segments and dots of one hex size in draw order, each with a style, for picking per tile.

    Gathering every kind of line (rivers, roads, railways and their ties) into one array means a
    tile asks numpy once which strokes reach into it, instead of once per kind.
    """

    def __init__(self) -> None:
        self._parts: list[np.ndarray] = []
        self._style_parts: list[np.ndarray] = []
        self.styles: list[tuple[object, float, bool]] = []  # colour, width (dot: diameter), is a dot
        self.segs = np.zeros((0, 4))
        self.style = np.zeros(0, dtype=np.intp)
        self._box = np.zeros((0, 4))

    def add(self, segs: np.ndarray, color: object, width: float, dot: bool = False) -> None:
        """Append segments (n, 4) in map pixels; a dot is drawn at each segment's first end."""
        self._parts.append(segs.reshape(-1, 4))
        self._style_parts.append(np.full(len(self._parts[-1]), len(self.styles), dtype=np.intp))
        self.styles.append((color, width, dot))

    def done(self) -> Strokes:
        """Join what was added and work out the boxes (call once, after the last ``add``)."""
        if self._parts:
            self.segs = np.concatenate(self._parts)
            self.style = np.concatenate(self._style_parts)
        widths = np.array([w for _, w, _ in self.styles] or [0.0])[self.style] / 2 + 1
        self._box = np.stack([np.minimum(self.segs[:, 0], self.segs[:, 2]) - widths,
                              np.minimum(self.segs[:, 1], self.segs[:, 3]) - widths,
                              np.maximum(self.segs[:, 0], self.segs[:, 2]) + widths,
                              np.maximum(self.segs[:, 1], self.segs[:, 3]) + widths], axis=1)
        return self

    def meeting(self, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        """Indices, in draw order, of the strokes that may touch the rectangle."""
        b = self._box
        return np.flatnonzero((b[:, 2] >= x0) & (b[:, 0] <= x1) & (b[:, 3] >= y0) & (b[:, 1] <= y1))
