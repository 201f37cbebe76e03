"""Hex grid maths: offset storage, axial/cube algorithms, vectorized neighbour tables.

Storage is **odd-r offset, pointy-top hexes**: a hex is ``(col, row)``, per-hex layers are
numpy arrays indexed ``[row, col]`` and every odd row is shoved half a hex to the right.
Rows run north to south, so a row is a band of latitude and a column one of longitude.
Algorithms (distance, lines, rings) work in axial/cube coordinates, after Red Blob Games'
hexagon guide. A flat hex index is ``row * width + col``.

Directions are numbered 0..5 counter-clockwise from east: E, NE, NW, W, SW, SE; the
opposite of direction ``d`` is ``(d + 3) % 6``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import numpy as np

Hex = tuple[int, int]  # (col, row) in odd-r offset coordinates

DIRECTION_NAMES: tuple[str, ...] = ("E", "NE", "NW", "W", "SW", "SE")
AXIAL_DIRECTIONS: tuple[tuple[int, int], ...] = ((1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1))
SQRT3 = math.sqrt(3.0)


def opposite(direction: int) -> int:
    """The direction pointing back across the same hexside."""
    return (direction + 3) % 6


def offset_to_axial(col: int, row: int) -> tuple[int, int]:
    """Odd-r offset -> axial (q, r)."""
    return col - (row - (row & 1)) // 2, row


def axial_to_offset(q: int, r: int) -> Hex:
    """Axial (q, r) -> odd-r offset (col, row)."""
    return q + (r - (r & 1)) // 2, r


def neighbor(h: Hex, direction: int) -> Hex:
    """The hex across side ``direction`` of ``h`` (may be off any map)."""
    q, r = offset_to_axial(*h)
    dq, dr = AXIAL_DIRECTIONS[direction]
    return axial_to_offset(q + dq, r + dr)


def neighbors(h: Hex) -> list[Hex]:
    """The six hexes around ``h`` in direction order."""
    return [neighbor(h, d) for d in range(6)]


def direction_to(a: Hex, b: Hex) -> int | None:
    """The direction from ``a`` to an adjacent ``b``, or None when they are not adjacent."""
    aq, ar = offset_to_axial(*a)
    bq, br = offset_to_axial(*b)
    try:
        return AXIAL_DIRECTIONS.index((bq - aq, br - ar))
    except ValueError:
        return None


def distance(a: Hex, b: Hex) -> int:
    """Number of hex steps between ``a`` and ``b``."""
    aq, ar = offset_to_axial(*a)
    bq, br = offset_to_axial(*b)
    dq, dr = aq - bq, ar - br
    return (abs(dq) + abs(dr) + abs(dq + dr)) // 2


def _cube_round(fq: float, fr: float) -> tuple[int, int]:
    fs = -fq - fr
    q, r, s = round(fq), round(fr), round(fs)
    dq, dr, ds = abs(q - fq), abs(r - fr), abs(s - fs)
    if dq > dr and dq > ds:
        q = -r - s
    elif dr > ds:
        r = -q - s
    return q, r


def line(a: Hex, b: Hex) -> list[Hex]:
    """Hexes on the straight line from ``a`` to ``b``, both ends included.

    A tiny nudge keeps the line off exact hex corners so the result is deterministic.
    """
    n = distance(a, b)
    aq, ar = offset_to_axial(*a)
    bq, br = offset_to_axial(*b)
    aq_f, ar_f = aq + 1e-6, ar + 2e-6
    out: list[Hex] = []
    for i in range(n + 1):
        t = i / n if n else 0.0
        q, r = _cube_round(aq_f + (bq - aq) * t, ar_f + (br - ar) * t)
        out.append(axial_to_offset(q, r))
    return out


def ring(center: Hex, radius: int) -> list[Hex]:
    """Hexes at exactly ``radius`` steps from ``center`` (just the centre for radius 0)."""
    if radius == 0:
        return [center]
    q, r = offset_to_axial(*center)
    dq, dr = AXIAL_DIRECTIONS[4]
    q, r = q + dq * radius, r + dr * radius
    out: list[Hex] = []
    for d in range(6):
        for _ in range(radius):
            out.append(axial_to_offset(q, r))
            q, r = q + AXIAL_DIRECTIONS[d][0], r + AXIAL_DIRECTIONS[d][1]
    return out


def spiral(center: Hex, radius: int) -> Iterator[Hex]:
    """Hexes within ``radius`` of ``center``, ring by ring outward."""
    for k in range(radius + 1):
        yield from ring(center, k)


def hex_to_pixel(h: Hex, size: float) -> tuple[float, float]:
    """Centre of ``h`` in pixels for pointy-top hexes of circumradius ``size``; (0, 0) is hex (0, 0)."""
    col, row = h
    return size * SQRT3 * (col + 0.5 * (row & 1)), size * 1.5 * row


def pixel_to_hex(x: float, y: float, size: float) -> Hex:
    """The hex containing pixel (x, y); inverse of ``hex_to_pixel``."""
    fq = (SQRT3 / 3 * x - y / 3) / size
    fr = (2 / 3 * y) / size
    return axial_to_offset(*_cube_round(fq, fr))


def hex_corners(center: tuple[float, float], size: float) -> list[tuple[float, float]]:
    """The six corners of a pointy-top hex around a pixel centre."""
    cx, cy = center
    return [
        (cx + size * math.cos(math.radians(60 * i - 30)), cy + size * math.sin(math.radians(60 * i - 30)))
        for i in range(6)
    ]


@dataclass(frozen=True)
class Grid:
    """A rectangular odd-r map of ``width`` columns by ``height`` rows, with cached tables."""

    width: int
    height: int

    @property
    def size(self) -> int:
        return self.width * self.height

    def contains(self, h: Hex) -> bool:
        col, row = h
        return 0 <= col < self.width and 0 <= row < self.height

    def index(self, h: Hex) -> int:
        """Flat index of an on-map hex."""
        return h[1] * self.width + h[0]

    def hex_at(self, index: int) -> Hex:
        """The hex of a flat index."""
        return index % self.width, index // self.width

    @cached_property
    def axial(self) -> tuple[np.ndarray, np.ndarray]:
        """Axial (q, r) of every hex as flat int32 arrays."""
        rows, cols = np.divmod(np.arange(self.size, dtype=np.int32), self.width)
        return cols - (rows - (rows & 1)) // 2, rows

    @cached_property
    def row_col(self) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of every hex as flat int64 arrays (a look-up is cheaper than dividing)."""
        rows, cols = np.divmod(np.arange(self.size, dtype=np.int64), self.width)
        rows.setflags(write=False)
        cols.setflags(write=False)
        return rows, cols

    @cached_property
    def neighbor_table(self) -> np.ndarray:
        """int32 [size, 6]: flat index of each hex's neighbour per direction, -1 off the map."""
        q, r = self.axial
        table = np.full((self.size, 6), -1, dtype=np.int32)
        for d, (dq, dr) in enumerate(AXIAL_DIRECTIONS):
            nq, nr = q + dq, r + dr
            ncol = nq + (nr - (nr & 1)) // 2
            ok = (nr >= 0) & (nr < self.height) & (ncol >= 0) & (ncol < self.width)
            table[ok, d] = (nr * self.width + ncol)[ok]
        table.setflags(write=False)
        return table

    def distances_from(self, h: Hex) -> np.ndarray:
        """int32 [size]: hex distance from ``h`` to every hex of the map."""
        q, r = self.axial
        hq, hr = offset_to_axial(*h)
        dq, dr = q - hq, r - hr
        return ((np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) // 2).astype(np.int32)
