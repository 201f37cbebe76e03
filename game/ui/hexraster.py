"""Which hex each pixel of the map shows, computed with numpy instead of drawn hex by hex.

Filling a tile of small hexes with one ``pygame.draw.polygon`` per hex cost most of a zoom
step (two polygons and a corner list per hex, ~13,000 hexes for the whole theatre). Pointy-top
odd-r hexes of an integer size ``s`` repeat every two rows, that is every ``3 s`` pixel rows, so
the hex under every pixel of one such band is worked out once per size (``HexPattern``); a
tile is then a row gather from the band, a row offset and a colour lookup.

Pixels sample at their centres. The outline is the pixel where the hex changes from the pixel
on its left or above, so it is one pixel wide and each pixel belongs to one hex. This module
holds no pygame: tiles come out as arrays of packed colours.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from game.core.hexgrid import SQRT3

PAD_ROWS = 2  # rows of background above and below the map in the padded index


class HexPattern:
    """The padded hex index (times two, plus one on an outline pixel) of a ``3 s``-row band.

    Padded index: hex (col, row) is ``(row + PAD_ROWS) * (width + 2) + col + 1``, so the column
    and row just off each edge of the map land on background entries of the colour table
    (``padded_colors``) instead of needing a test per pixel. The band is worked out in column
    blocks as tiles ask for them, so a close zoom never pays for the whole map's width.
    """

    def __init__(self, grid_width: int, grid_height: int, s: int, outline: bool) -> None:
        self.s, self.outline = s, outline
        self.period = 3 * s
        self.stride = grid_width + 2
        self.grid_width = grid_width
        self._blocks: dict[tuple[int, int], np.ndarray] = {}

    def block(self, x0: int, w: int) -> np.ndarray:
        """The band for pixel columns ``x0`` to ``x0 + w`` (cached), shape (3 s, w), int32."""
        key = (x0, w)
        if key not in self._blocks:
            self._blocks[key] = self._band(x0, w)
        return self._blocks[key]

    def _band(self, x0: int, w: int) -> np.ndarray:
        s = self.s
        ys = np.arange(self.period, dtype=np.float64) + 0.5
        xs = np.arange(x0 - 1, x0 + w, dtype=np.float64) + 0.5  # one more column on the left, for the outline
        band = 1.5 * s
        row = np.floor(ys / band).astype(np.int64)  # 0 or 1 within the band
        top = ys - band * row  # depth below the top of the row's band
        cols, zigzag = [], []
        for odd in (0, 1):  # odd rows sit half a hex to the right
            q = xs / (s * SQRT3) - 0.5 * odd
            c = np.floor(q)
            cols.append(np.clip(c.astype(np.int64), -1, self.grid_width) + 1)
            zigzag.append(s * np.abs(q - c - 0.5))  # above this depth the pixel is in the row above
        col, zig = np.stack(cols), np.stack(zigzag)
        parity = row & 1
        own = (row + PAD_ROWS)[:, None] * self.stride + col[parity]
        above = (row - 1 + PAD_ROWS)[:, None] * self.stride + col[1 - parity]
        base = np.where(top[:, None] < zig[parity], above, own)
        edge = np.zeros(base.shape, dtype=bool)
        if self.outline:
            edge[:, 1:] = base[:, 1:] != base[:, :-1]
            edge[1:] |= base[1:] != base[:-1]
            edge[0] |= base[0] != base[-1] - 2 * self.stride  # the band above is two rows up
        return (2 * base + edge)[:, 1:].astype(np.int32)

    def index2(self, x0: int, y0: int, w: int, h: int) -> np.ndarray:
        """Padded index times two plus outline flag for the ``w`` x ``h`` pixels from map pixel (x0, y0).

        Pixels below the map come out past the end of the colour table; ``colors`` clips them
        to its last entry, which is background.
        """
        ys = np.arange(y0, y0 + h)
        idx = np.take(self.block(x0, w), ys % self.period, axis=0)
        idx += ((ys // self.period) * (4 * self.stride)).astype(np.int32)[:, None]  # two hex rows per band
        return idx

    def colors(self, table: np.ndarray, x0: int, y0: int, w: int, h: int) -> np.ndarray:
        """The packed colour of each pixel of the rectangle, from a ``padded_colors`` table."""
        return np.take(table, self.index2(x0, y0, w, h), mode="clip")


@lru_cache(maxsize=8)
def pattern(grid_width: int, grid_height: int, s: int) -> HexPattern:
    """The shared pattern of a map size and hex size (the map tiles and the overlays both read it).

    Outlines from size 6 up: below that they would grey out the whole map.
    """
    return HexPattern(grid_width, grid_height, s, outline=s >= 6)


def padded_colors(keys: np.ndarray, fill: np.ndarray, edge: np.ndarray, background: int,
                  grid_width: int, grid_height: int) -> np.ndarray:
    """The colour table ``HexPattern.index2`` reads: per padded hex, its fill then its outline colour.

    ``keys`` holds each hex's colour key (flat, row-major); ``fill`` and ``edge`` map a key to a
    packed colour; off-map entries are ``background``.
    """
    table = np.full((grid_height + 2 * PAD_ROWS, grid_width + 2, 2), background, dtype=np.uint32)
    k = keys.reshape(grid_height, grid_width)
    table[PAD_ROWS:PAD_ROWS + grid_height, 1:grid_width + 1, 0] = fill[k]
    table[PAD_ROWS:PAD_ROWS + grid_height, 1:grid_width + 1, 1] = edge[k]
    return table.reshape(-1)


def pack(color: tuple[int, ...]) -> int:
    """An RGB or RGBA colour as the little-endian word ``pygame.image.frombuffer`` reads as RGBX / RGBA."""
    r, g, b, *alpha = color
    return r | g << 8 | b << 16 | (alpha[0] if alpha else 0xFF) << 24
