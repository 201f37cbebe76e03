"""Map generation, part 2: rivers snapped onto the graph of hex corners and hexsides, so each river is a
continuous line of hexsides. ``mapgen`` calls ``trace_river`` and ``rivers_out``."""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.core.hexgrid import DIRECTION_NAMES, Grid
from game.scenario.geo_schema import (
    RiverGeo,
)
from game.scenario.loader import ScenarioError
from game.scenario.mapgen_geo import (
    SAMPLE_STEP,
    Geometry,
    Item,
    pixels_to_hexes,
)
from game.scenario.schema import RiverKind

# ------------------------------------------------------------------ rivers on hexsides

# Corner k of a pointy-top hex sits at angle 60k - 30 degrees (y down). In units of half a hex
# width (x) and half a circumradius (y) corners have integer coordinates, so each corner of the
# whole grid gets one integer key shared by the up-to-three hexes that meet there.
CORNER_OFFSETS = ((1, -1), (1, 1), (0, 2), (-1, 1), (-1, -1), (0, -2))
SIDE_CORNERS = ((0, 1), (5, 0), (4, 5), (3, 4), (2, 3), (1, 2))  # E, NE, NW, W, SW, SE
KEY_SHIFT = 1 << 12


def _key(x: np.ndarray | int, y: np.ndarray | int) -> Any:
    return (x + 4) * KEY_SHIFT + (y + 4)


def _key_xy(key: int) -> tuple[int, int]:
    return key // KEY_SHIFT - 4, key % KEY_SHIFT - 4


class HexsideGraph:
    """Corners of the hex grid as vertices, hexsides between two on-map hexes as edges."""

    def __init__(self, grid: Grid, km: float, size_km: float):
        self.grid, self.km, self.size_km = grid, km, size_km
        rows, cols = np.divmod(np.arange(grid.size), grid.width)
        base_x = 2 * cols + (rows & 1)
        base_y = 3 * rows
        nb = grid.neighbor_table
        self.edges: dict[tuple[int, int], tuple[int, int]] = {}
        self.adj: dict[int, list[int]] = {}
        for d, (ca, cb) in enumerate(SIDE_CORNERS):
            ok = nb[:, d] >= 0
            ka = _key(base_x + CORNER_OFFSETS[ca][0], base_y + CORNER_OFFSETS[ca][1])
            kb = _key(base_x + CORNER_OFFSETS[cb][0], base_y + CORNER_OFFSETS[cb][1])
            for i, a, b in zip(np.nonzero(ok)[0].tolist(), ka[ok].tolist(), kb[ok].tolist(), strict=True):
                pair = (a, b) if a < b else (b, a)
                if pair not in self.edges:
                    self.edges[pair] = (i, d)
                    self.adj.setdefault(a, []).append(b)
                    self.adj.setdefault(b, []).append(a)

    def vertex_xy(self, key: int) -> tuple[float, float]:
        x, y = _key_xy(key)
        return x * self.km / 2, y * self.size_km / 2

    def nearest_vertices(self, col: np.ndarray, row: np.ndarray, pts: np.ndarray) -> np.ndarray:
        """Key of the corner of hex (col, row) nearest each pixel point."""
        bx = 2 * col + (row & 1)
        by = 3 * row
        off = np.array(CORNER_OFFSETS)
        cx = (bx[:, None] + off[None, :, 0]) * self.km / 2
        cy = (by[:, None] + off[None, :, 1]) * self.size_km / 2
        k = np.argmin((cx - pts[:, :1]) ** 2 + (cy - pts[:, 1:]) ** 2, axis=1)
        return _key(bx + off[k, 0], by + off[k, 1])

    def path(self, a: int, b: int, pa: np.ndarray, pb: np.ndarray) -> list[int] | None:
        """Fewest hexsides from corner a to b, ties broken by staying near the segment pa-pb."""
        if a == b:
            return [a]
        best: dict[int, float] = {a: 0.0}
        prev: dict[int, int] = {}
        heap = [(0.0, a)]
        while heap and len(best) < 400:
            cost, v = heapq.heappop(heap)
            if v == b:
                out = [b]
                while out[-1] != a:
                    out.append(prev[out[-1]])
                return out[::-1]
            if cost > best.get(v, math.inf):
                continue
            vx, vy = self.vertex_xy(v)
            for u in self.adj.get(v, ()):
                ux, uy = self.vertex_xy(u)
                mid = np.array([(vx + ux) / 2, (vy + uy) / 2])
                c = cost + 1.0 + 0.5 * _seg_dist(mid, pa, pb) / self.size_km
                if c < best.get(u, math.inf):
                    best[u], prev[u] = c, v
                    heapq.heappush(heap, (c, u))
        return None

    def side_of(self, a: int, b: int) -> tuple[int, int, int, int] | None:
        """(hex, direction, left hex, right hex) of the edge a->b, looking from a to b."""
        pair = (a, b) if a < b else (b, a)
        hit = self.edges.get(pair)
        if hit is None:
            return None
        i, d = hit
        j = int(self.grid.neighbor_table[i, d])
        ax, ay = self.vertex_xy(a)
        bx, by = self.vertex_xy(b)
        col, row = i % self.grid.width, i // self.grid.width
        cx, cy = self.km * (col + 0.5 * (row & 1)), 1.5 * self.size_km * row
        # left of travel a->b on a y-down page is the normal (dy, -dx)
        left_is_i = (cx - (ax + bx) / 2) * (by - ay) + (cy - (ay + by) / 2) * (ax - bx) > 0
        return i, d, (i if left_is_i else j), (j if left_is_i else i)


def _seg_dist(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    v = b - a
    t = float(np.clip(np.dot(p - a, v) / max(float(np.dot(v, v)), 1e-12), 0, 1))
    return float(np.hypot(*(p - a - t * v)))


def densify(pts: np.ndarray, step: float) -> np.ndarray:
    """Points every ``step`` (or closer) along a pixel polyline, both ends and every vertex kept."""
    out = [pts[:1]]
    for a, b in itertools.pairwise(pts):
        n = max(1, math.ceil(float(np.hypot(*(b - a))) / step))
        t = np.arange(1, n + 1)[:, None] / n
        out.append(a + (b - a) * t)
    return np.concatenate(out)


def _drop_loops(seq: list[int]) -> list[int]:
    """Cut every loop out of a vertex or hex sequence, keeping the first visit."""
    out: list[int] = []
    pos: dict[int, int] = {}
    for v in seq:
        if v in pos:
            for u in out[pos[v] + 1:]:
                del pos[u]
            out = out[:pos[v] + 1]
        else:
            pos[v] = len(out)
            out.append(v)
    return out


@dataclass
class RiverTrace:
    """A river reach on the grid: its hexsides in downstream order with the hexes on each bank."""

    reach: RiverGeo
    sides: list[tuple[int, int]]  # (hex, direction)
    banks: list[tuple[int, int]]  # (left hex, right hex)


def trace_river(geom: Geometry, graph: HexsideGraph, it: Item[RiverGeo]) -> RiverTrace:
    """Snap a reach's dense samples to hex corners and join them along hexsides."""
    frame_id = geom.frame_for(it.model.points)
    if frame_id is None:
        raise ScenarioError([it.problem("the river's points lie partly in an inset and partly outside it",
                                        "points")])
    lat = np.array([p[0] for p in it.model.points])
    lon = np.array([p[1] for p in it.model.points])
    px, py = geom.frames[frame_id].pixels(lat, lon)
    pts = densify(np.stack([px, py], axis=1), SAMPLE_STEP * geom.km)
    idx = geom.index_of_pixels(frame_id, pts[:, 0], pts[:, 1])
    col, row = pixels_to_hexes(pts[:, 0], pts[:, 1], geom.size_km)
    keys = graph.nearest_vertices(col, row, pts).tolist()
    trace = RiverTrace(it.model, [], [])
    seq: list[int] = []
    last: tuple[int, np.ndarray] | None = None
    for k, on, p in zip(keys, (idx >= 0).tolist(), pts, strict=True):
        step = graph.path(last[0], k, last[1], p) if (on and last is not None and k in graph.adj) else None
        if step is None:
            _add_run(graph, trace, seq)
            seq = [k] if on and k in graph.adj else []
        else:
            seq.extend(step[1:])
        last = (k, p) if seq else None
    _add_run(graph, trace, seq)
    return trace


def _add_run(graph: HexsideGraph, trace: RiverTrace, seq: list[int]) -> None:
    verts = _drop_loops(seq)
    for a, b in itertools.pairwise(verts):
        hit = graph.side_of(a, b)
        if hit is not None:
            trace.sides.append((hit[0], hit[1]))
            trace.banks.append((hit[2], hit[3]))


def rivers_out(geom: Geometry, traces: list[RiverTrace], water: np.ndarray) -> list[dict[str, Any]]:
    """Map rivers: reaches of one name and kind joined, water hexsides and repeats dropped."""
    nb = geom.grid.neighbor_table
    merged: dict[tuple[str, RiverKind], list[list[Any]]] = {}
    seen: dict[tuple[str, RiverKind], set[tuple[int, int]]] = {}
    for tr in traces:
        key = (tr.reach.name, tr.reach.kind)
        out, done = merged.setdefault(key, []), seen.setdefault(key, set())
        for i, d in tr.sides:
            j = int(nb[i, d])
            if water[i] or water[j]:
                continue
            i, d = (i, d) if d < 3 else (j, d - 3)  # one name per hexside: E, NE or NW of a hex
            if (i, d) in done:
                continue
            done.add((i, d))
            out.append([i % geom.grid.width, i // geom.grid.width, DIRECTION_NAMES[d]])
    return [{"name": name, "kind": kind.value, "hexsides": sides} for (name, kind), sides in merged.items() if sides]
