"""Generate a scenario's hex map (map.yaml) from geographic source data (geo/*.yaml).

Why: a map painted hex by hex cannot be corrected, reviewed or re-scaled; one drawn from
latitude/longitude can. A designer moves a river's point in ``geo/rivers.yaml`` and runs
``python main.py mapgen scenarios/<name>``; the hexes follow.

The pipeline, all on numpy arrays over hex centres (no per-hex Python loops on hot paths):

1. every hex gets the latitude/longitude of its centre from the projection; hexes inside an
   inset get the coordinates of the far-away area the inset shows instead,
2. land polygons make land, lakes and terrain areas paint over it in file order,
3. rivers are snapped onto the graph of hex corners and hexsides, so each river is a
   continuous line of hexsides (shortest corner-to-corner paths between dense samples),
4. control polygons give each land hex its holder, then border rivers push each bank's
   hexes to the bank's side so a frontier river lies between the two sides,
5. places take the hex of their point (moved to the nearest fitting hex when that one is
   sea, held by the other side, or taken by a more valuable place),
6. railways and roads are densely sampled between their waypoints and gap-filled into paths
   of adjacent hexes.

``generate`` returns the text of map.yaml, ``write`` replaces the file atomically and
``check`` lists how the committed file differs from a fresh generation.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import math
import os
import sys
import tempfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
import yaml
from pydantic import ValidationError

from game.core.hexgrid import DIRECTION_NAMES, SQRT3, Grid, Hex, direction_to, line
from game.fileio import FileError, read_text
from game.scenario.geo_schema import (
    Area,
    ControlDef,
    FortifiedRegionGeo,
    GeoFile,
    InsetGeo,
    PlaceGeo,
    ProjectionDef,
    RailGeo,
    RiverGeo,
    RoadGeo,
    TerrainArea,
)
from game.scenario.loader import MAX_FILE_BYTES, Path_, Problem, ScenarioError, SourceDoc, load_yaml
from game.scenario.projection import Projection
from game.scenario.schema import RiverKind, TerrainKind
from game.scenario.source import validation_problems

GEO_DIR = "geo"
MAP_NAME = "map.yaml"
WATER = (TerrainKind.sea, TerrainKind.lake)
KM_PER_DEG = 111.2
SAMPLE_STEP = 0.25  # polylines are sampled every quarter hex (in hex widths)
SEARCH_RADIUS = 3  # how far a place may move to a fitting hex
END_SIDES = 2  # hexsides at each end of a border reach whose banks do not spread their side

T = TypeVar("T")


def map_schema_line(folder: Path) -> str:
    """The editor's schema line, relative to wherever the scenario folder is."""
    from game.paths import SCENARIOS

    rel = Path(os.path.relpath(SCENARIOS / "schema" / "map.schema.json", folder.resolve())).as_posix()
    return f"# yaml-language-server: $schema={rel}"


def regen_command(folder: Path) -> str:
    """The command that regenerates a scenario's map, as written into map.yaml and messages."""
    return f"python main.py mapgen scenarios/{folder.resolve().name}"


# ------------------------------------------------------------------ loading the geo files


@dataclass
class Item(Generic[T]):
    """One model from a geo file with where it came from, so later checks can name file:line."""

    model: T
    doc: SourceDoc
    path: Path_

    def problem(self, message: str, *sub: str | int) -> Problem:
        return self.doc.problem(self.path + sub, message)


@dataclass
class Geo:
    """All geo files merged: singletons once, lists joined in file-name order."""

    projection: Item[ProjectionDef]
    terrain_codes: Item[dict[str, TerrainKind]]
    base_terrain: TerrainKind
    control: Item[ControlDef] | None
    insets: list[Item[InsetGeo]] = field(default_factory=list)
    land: list[Item[Area]] = field(default_factory=list)
    lakes: list[Item[Area]] = field(default_factory=list)
    terrain: list[Item[TerrainArea]] = field(default_factory=list)
    rivers: list[Item[RiverGeo]] = field(default_factory=list)
    railways: list[Item[RailGeo]] = field(default_factory=list)
    roads: list[Item[RoadGeo]] = field(default_factory=list)
    places: list[Item[PlaceGeo]] = field(default_factory=list)
    fortified_regions: list[Item[FortifiedRegionGeo]] = field(default_factory=list)


LIST_SECTIONS = ("insets", "land", "lakes", "terrain", "rivers", "railways", "roads", "places", "fortified_regions")
SINGLE_SECTIONS = ("projection", "terrain_codes", "base_terrain", "control")


def load_geo(folder: Path) -> Geo:
    """Read and validate every ``folder/geo/*.yaml``; raises ScenarioError listing every problem."""
    geo_dir = folder / GEO_DIR
    files = sorted(geo_dir.glob("*.yaml"))
    if not files:
        raise ScenarioError([Problem(str(geo_dir), 1, 1, "", "no geo/*.yaml files to generate the map from")])
    problems: list[Problem] = []
    singles: dict[str, Item[Any]] = {}
    lists: dict[str, list[Item[Any]]] = {k: [] for k in LIST_SECTIONS}
    for path in files:
        loaded = _load_one(path, problems)
        if loaded is None:
            continue
        model, doc = loaded
        _merge(model, doc, singles, lists, problems)
    for key in ("projection", "terrain_codes"):
        if key not in singles and not problems:
            problems.append(Problem(str(geo_dir), 1, 1, key, f"no geo file defines '{key}'"))
    if problems:
        raise ScenarioError(problems)
    base = singles["base_terrain"].model if "base_terrain" in singles else TerrainKind.clear
    geo = Geo(singles["projection"], singles["terrain_codes"], base, singles.get("control"), **lists)
    problems += _cross_checks(geo)
    if problems:
        raise ScenarioError(problems)
    return geo


def _load_one(path: Path, problems: list[Problem]) -> tuple[GeoFile, SourceDoc] | None:
    doc = load_yaml(path)
    problems.extend(doc.problems)
    if doc.data is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), f"expected a mapping of sections, got {type(doc.data).__name__}"))
        return None
    try:
        model = GeoFile.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, doc, GeoFile))
        return None
    return (model, doc) if not doc.problems else None


def _merge(model: GeoFile, doc: SourceDoc, singles: dict[str, Item[Any]], lists: dict[str, list[Item[Any]]],
           problems: list[Problem]) -> None:
    for key in SINGLE_SECTIONS:
        value = getattr(model, key)
        if value is None:
            continue
        if key in singles:
            first = singles[key]
            problems.append(doc.problem((key,), f"'{key}' is already defined in {first.doc.file} line "
                                                f"{first.doc.mark((key,)).line}"))
        else:
            singles[key] = Item(value, doc, (key,))
    for key in LIST_SECTIONS:
        lists[key].extend(Item(v, doc, (key, i)) for i, v in enumerate(getattr(model, key)))


def _cross_checks(geo: Geo) -> list[Problem]:
    """Checks across files: duplicate ids, known place ids in routes, known terrain kinds and codes."""
    out: list[Problem] = []
    seen: dict[str, Item[PlaceGeo]] = {}
    for it in geo.places:
        if it.model.id in seen:
            first = seen[it.model.id]
            out.append(it.problem(f"duplicate place id '{it.model.id}' (first in {first.doc.file} line "
                                  f"{first.doc.mark(first.path).line})", "id"))
        seen.setdefault(it.model.id, it)
    for it in [*geo.railways, *geo.roads, *geo.fortified_regions]:
        key = "at" if isinstance(it.model, FortifiedRegionGeo) else "via"
        for j, w in enumerate(getattr(it.model, key)):
            if isinstance(w, str) and w not in seen:
                out.append(it.problem(f"unknown place id '{w}' in {key}", key, j))
    codes = geo.terrain_codes.model
    for code in codes:
        if len(code) != 1:
            out.append(geo.terrain_codes.problem(f"terrain code '{code}' must be one character", code))
    used = {geo.base_terrain, *WATER, TerrainKind.urban, *(t.model.kind for t in geo.terrain)}
    missing = sorted(k.value for k in used if k not in codes.values())
    if missing:
        out.append(geo.terrain_codes.problem(f"no terrain code for: {', '.join(missing)}"))
    return out


# ------------------------------------------------------------------ frames: main grid and insets


@dataclass(frozen=True)
class Frame:
    """A projection placed on the main grid: the main map, or an inset with its own origin."""

    proj: Projection
    col0: int = 0
    row0: int = 0
    box: tuple[float, float, float, float] | None = None  # west, east, south, north (insets only)

    def pixels(self, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Main-grid pixel coordinates in km (x east, y south from hex [0, 0]'s centre)."""
        xmin, _, _, ymax = self.proj.bounds_xy
        x, y = self.proj.to_xy(lat, lon)
        s = self.proj.hex_size_km
        return x - xmin + self.col0 * self.proj.km_per_hex, ymax - y + self.row0 * 1.5 * s

    def contains(self, lat: float, lon: float) -> bool:
        if self.box is None:
            return True
        west, east, south, north = self.box
        return west <= lon <= east and south <= lat <= north


def pixels_to_hexes(px: np.ndarray, py: np.ndarray, size: float) -> tuple[np.ndarray, np.ndarray]:
    """Vectorized ``hexgrid.pixel_to_hex``: the (col, row) containing each pixel."""
    fq = (SQRT3 / 3 * px - py / 3) / size
    fr = (2 / 3 * py) / size
    fs = -fq - fr
    q, r, s = np.round(fq), np.round(fr), np.round(fs)
    dq, dr, ds = np.abs(q - fq), np.abs(r - fr), np.abs(s - fs)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    q = np.where(fix_q, -r - s, q)
    r = np.where(fix_r, -q - s, r)
    q, r = q.astype(np.int64), r.astype(np.int64)
    return q + (r - (r & 1)) // 2, r


@dataclass
class Geometry:
    """The grid, its frames, and per-hex centre coordinates (lat/lon and pixels)."""

    grid: Grid
    km: float
    size_km: float
    frames: list[Frame]
    lat: np.ndarray
    lon: np.ndarray
    frame_of: np.ndarray  # int8 [size]: index into frames of the frame each hex shows
    px: np.ndarray
    py: np.ndarray

    def hexes_of(self, frame_id: int, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Flat hex index of each point in a frame (-1 where it is off the frame's hexes) and pixels."""
        px, py = self.frames[frame_id].pixels(lat, lon)
        return self.index_of_pixels(frame_id, px, py), np.stack([px, py], axis=1)

    def index_of_pixels(self, frame_id: int, px: np.ndarray, py: np.ndarray) -> np.ndarray:
        col, row = pixels_to_hexes(px, py, self.size_km)
        ok = (col >= 0) & (col < self.grid.width) & (row >= 0) & (row < self.grid.height)
        idx = np.where(ok, row * self.grid.width + col, -1)
        ok &= self.frame_of[np.maximum(idx, 0)] == frame_id
        return np.where(ok, idx, -1)

    def frame_for(self, points: list[tuple[float, float]]) -> int | None:
        """The frame a feature belongs to (by its first point), or None when its points disagree."""
        ids = {self.frame_id_of(lat, lon) for lat, lon in points}
        return ids.pop() if len(ids) == 1 else None

    def frame_id_of(self, lat: float, lon: float) -> int:
        for i, fr in enumerate(self.frames[1:], start=1):
            if fr.contains(lat, lon):
                return i
        return 0


def build_geometry(geo: Geo) -> Geometry:
    """Main projection plus insets; raises ScenarioError when an inset does not fit the grid."""
    p = geo.projection.model
    main = Projection(p.lat1, p.lat2, p.lat0, p.lon0, p.km_per_hex, p.west, p.east, p.south, p.north)
    width, height = main.size
    grid = Grid(width, height)
    lat, lon = main.centers()
    frame_of = np.zeros(grid.size, np.int8)
    frames = [Frame(main)]
    problems: list[Problem] = []
    for it in geo.insets:
        ins = it.model
        proj = Projection(p.lat1, p.lat2, p.lat0, ins.lon0, p.km_per_hex, ins.west, ins.east, ins.south, ins.north)
        w, h = proj.size
        if ins.col + w > width or ins.row + h > height:
            problems.append(it.problem(f"the inset needs {w} x {h} hexes from [{ins.col}, {ins.row}]; the map is "
                                       f"{width} x {height}"))
            continue
        rows, cols = np.divmod(np.arange(w * h), w)
        idx = (rows + ins.row) * width + cols + ins.col
        if np.any(frame_of[idx] != 0):
            problems.append(it.problem("the inset overlaps another inset"))
            continue
        frame_of[idx] = len(frames)
        frame = Frame(proj, ins.col, ins.row, (ins.west, ins.east, ins.south, ins.north))
        xmin, _, _, ymax = proj.bounds_xy
        llat, llon = proj.to_latlon(xmin + p.km_per_hex * (cols + 0.5 * (rows & 1)),
                                    ymax - 1.5 * proj.hex_size_km * rows)
        lat[idx], lon[idx] = llat, llon
        frames.append(frame)
    if problems:
        raise ScenarioError(problems)
    rows, cols = np.divmod(np.arange(grid.size), width)
    px = p.km_per_hex * (cols + 0.5 * (rows & 1))
    py = 1.5 * main.hex_size_km * rows
    return Geometry(grid, p.km_per_hex, main.hex_size_km, frames, lat, lon, frame_of, px, py)


# ------------------------------------------------------------------ polygons and bands


def inside(points: list[tuple[float, float]], lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Even-odd point-in-polygon test of many points against one lat/lon polygon."""
    poly = np.asarray(points, dtype=float)
    out = np.zeros(lat.shape, bool)
    cand = ((lat >= poly[:, 0].min()) & (lat <= poly[:, 0].max())
            & (lon >= poly[:, 1].min()) & (lon <= poly[:, 1].max()))
    if not cand.any():
        return out
    y, x = lat[cand][None, :], lon[cand][None, :]
    y0, x0 = poly[:, 0][:, None], poly[:, 1][:, None]
    y1, x1 = np.roll(poly[:, 0], -1)[:, None], np.roll(poly[:, 1], -1)[:, None]
    straddle = (y0 > y) != (y1 > y)
    dy = np.where(y1 == y0, 1.0, y1 - y0)
    xcross = x0 + (y - y0) * (x1 - x0) / dy
    out[cand] = (straddle & (x < xcross)).sum(axis=0) % 2 == 1
    return out


def near_line(points: list[tuple[float, float]], width_km: float, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points within half of ``width_km`` of a lat/lon polyline (local equirectangular distances)."""
    pts = np.asarray(points, dtype=float)
    half = width_km / 2
    pad = half / KM_PER_DEG
    cand = ((lat >= pts[:, 0].min() - pad) & (lat <= pts[:, 0].max() + pad)
            & (np.abs(lon - np.clip(lon, pts[:, 1].min(), pts[:, 1].max())) * np.cos(np.radians(lat)) <= pad))
    out = np.zeros(lat.shape, bool)
    if not cand.any():
        return out
    clat, clon = lat[cand], lon[cand]
    k = np.cos(np.radians(clat))[None, :] * KM_PER_DEG
    px, py = clon[None, :] * k, clat[None, :] * KM_PER_DEG
    ax, ay = pts[:-1, 1][:, None] * k, pts[:-1, 0][:, None] * KM_PER_DEG
    bx, by = pts[1:, 1][:, None] * k, pts[1:, 0][:, None] * KM_PER_DEG
    vx, vy = bx - ax, by - ay
    t = np.clip(((px - ax) * vx + (py - ay) * vy) / np.maximum(vx * vx + vy * vy, 1e-12), 0, 1)
    dist = np.hypot(px - ax - t * vx, py - ay - t * vy).min(axis=0)
    out[cand] = dist <= half
    return out


def _area_mask(geom: Geometry, it: Item[Area] | Item[TerrainArea]) -> np.ndarray:
    m = it.model
    if isinstance(m, TerrainArea) and m.line is not None:
        return near_line(m.line, m.width_km or 0.0, geom.lat, geom.lon)
    assert m.points is not None
    return inside(m.points, geom.lat, geom.lon)


def _centroid_hex(geom: Geometry, points: list[tuple[float, float]]) -> int:
    """The hex at the mean of a small polygon's points: small islands and lakes still get a hex."""
    lat = float(np.mean([p[0] for p in points]))
    lon = float(np.mean([p[1] for p in points]))
    idx, _ = geom.hexes_of(geom.frame_id_of(lat, lon), np.array([lat]), np.array([lon]))
    return int(idx[0])


# ------------------------------------------------------------------ terrain


KINDS: tuple[TerrainKind, ...] = tuple(TerrainKind)
KIND_INDEX = {k: i for i, k in enumerate(KINDS)}


def paint_terrain(geo: Geo, geom: Geometry) -> np.ndarray:
    """uint8 [size] of KIND_INDEX: sea, land polygons, terrain areas in order, lakes last."""
    terrain = np.full(geom.grid.size, KIND_INDEX[TerrainKind.sea], np.uint8)
    land = np.zeros(geom.grid.size, bool)
    for it in geo.land:
        mask = _area_mask(geom, it)
        if not mask.any():
            idx = _centroid_hex(geom, it.model.points)
            if idx >= 0:
                mask[idx] = True
        land |= mask
    terrain[land] = KIND_INDEX[geo.base_terrain]
    for t in geo.terrain:
        terrain[_area_mask(geom, t) & land] = KIND_INDEX[t.model.kind]
    for it in geo.lakes:
        mask = _area_mask(geom, it)
        if not mask.any():
            idx = _centroid_hex(geom, it.model.points)
            if idx >= 0:
                mask[idx] = True
        terrain[mask] = KIND_INDEX[TerrainKind.lake]
    return terrain


def is_water(terrain: np.ndarray) -> np.ndarray:
    return np.isin(terrain, [KIND_INDEX[k] for k in WATER])


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


# ------------------------------------------------------------------ control


def paint_control(geo: Geo, geom: Geometry, water: np.ndarray, traces: list[RiverTrace]) -> np.ndarray:
    """Array of one-character codes: polygons over the default, then border rivers' banks enforced."""
    ctl = geo.control.model if geo.control else ControlDef(land=".")
    codes = np.full(geom.grid.size, ctl.land, dtype="<U1")
    for region in ctl.regions:
        codes[inside(region.points, geom.lat, geom.lon)] = region.code
    _enforce_borders(geom, codes, water, traces, ctl.border_band)
    codes[water] = ctl.water
    return codes


def _enforce_borders(geom: Geometry, codes: np.ndarray, water: np.ndarray, traces: list[RiverTrace],
                     band: int) -> None:
    """Give the hexes near a border river to the side of their bank, without crossing the river.

    A breadth-first search from both banks at once, walled by the border hexsides, so a hex
    goes to the bank it can reach without crossing; only hexes held by one of the two sides
    change, and only within ``band`` hexes of the river. The bank hexes at a reach's two ends
    do not spread: there the frontier leaves the river and the control polygons decide.
    """
    walls: set[tuple[int, int]] = set()
    seeds: list[tuple[int, str, int]] = []
    sides_involved: set[str] = set()
    nb = geom.grid.neighbor_table
    for tr in traces:
        border = tr.reach.border
        if border is None:
            continue
        sides_involved |= {border.left, border.right}
        last = len(tr.sides) - 1
        for k, ((i, d), (left, right)) in enumerate(zip(tr.sides, tr.banks, strict=True)):
            walls |= {(i, d), (int(nb[i, d]), (d + 3) % 6)}
            start = band if k < END_SIDES or k > last - END_SIDES else 0
            seeds += [(left, border.left, start), (right, border.right, start)]
    dist: dict[int, int] = {}
    queue: deque[int] = deque()
    for h, code, start in sorted(seeds, key=lambda s: s[2]):
        if h not in dist and not water[h] and codes[h] in sides_involved:
            dist[h] = start
            codes[h] = code
            queue.append(h)
    while queue:
        h = queue.popleft()
        if dist[h] >= band:
            continue
        for d in range(6):
            j = int(nb[h, d])
            if j < 0 or j in dist or (h, d) in walls or water[j] or codes[j] not in sides_involved:
                continue
            dist[j] = dist[h] + 1
            codes[j] = codes[h]
            queue.append(j)


# ------------------------------------------------------------------ places, routes, forts


@dataclass
class PlacedPlace:
    item: Item[PlaceGeo]
    hex: int


def place_places(geo: Geo, geom: Geometry, water: np.ndarray, codes: np.ndarray) -> dict[str, PlacedPlace]:
    """Each place on the hex of its point, or the nearest land hex of its side not taken by a bigger place."""
    order = sorted(range(len(geo.places)), key=lambda k: -geo.places[k].model.vp)
    taken: set[int] = set()
    out: dict[str, PlacedPlace] = {}
    problems: list[Problem] = []
    for k in order:
        it = geo.places[k]
        m = it.model
        fid = geom.frame_id_of(*m.at)
        idx, pix = geom.hexes_of(fid, np.array([m.at[0]]), np.array([m.at[1]]))
        h = _fitting_hex(geom, int(idx[0]), pix[0], water, codes, m.side, taken)
        if h is None:
            problems.append(it.problem(f"no land hex{' held by ' + m.side if m.side else ''} within "
                                       f"{SEARCH_RADIUS} hexes of {list(m.at)}", "at"))
            continue
        taken.add(h)
        out[m.id] = PlacedPlace(it, h)
    if problems:
        raise ScenarioError(problems)
    return {p.model.id: out[p.model.id] for p in geo.places}


def _fitting_hex(geom: Geometry, start: int, pix: np.ndarray, water: np.ndarray, codes: np.ndarray,
                 side: str | None, taken: set[int]) -> int | None:
    if start < 0:
        return None
    dist = geom.grid.distances_from(geom.grid.hex_at(start))
    cand = np.nonzero((dist <= SEARCH_RADIUS) & ~water & (geom.frame_of == geom.frame_of[start]))[0]
    if side is not None:
        cand = cand[codes[cand] == side]
    cand = np.array([c for c in cand.tolist() if c not in taken], dtype=np.int64)
    if cand.size == 0:
        return None
    score = dist[cand] * 1e6 + np.hypot(geom.px[cand] - pix[0], geom.py[cand] - pix[1])
    return int(cand[np.argmin(score)])


def trace_route(geom: Geometry, it: Item[RoadGeo], places: dict[str, PlacedPlace],
                water: np.ndarray) -> list[list[Hex]]:
    """Hex paths of a route: waypoints joined, densely sampled, repeats dropped, gaps filled, kept ashore."""
    pts, fids = [], set()
    for w in it.model.via:
        if isinstance(w, str):
            h = places[w].hex
            pts.append((geom.px[h], geom.py[h]))
            fids.add(int(geom.frame_of[h]))
        else:
            fid = geom.frame_id_of(*w)
            x, y = geom.frames[fid].pixels(np.array([w[0]]), np.array([w[1]]))
            pts.append((float(x[0]), float(y[0])))
            fids.add(fid)
    if len(fids) != 1:
        raise ScenarioError([it.problem("the route's waypoints lie partly in an inset and partly outside it",
                                        "via")])
    fid = fids.pop()
    dense = densify(np.array(pts), SAMPLE_STEP * geom.km)
    idx = geom.index_of_pixels(fid, dense[:, 0], dense[:, 1]).tolist()
    runs: list[list[int]] = [[]]
    for i in idx:
        if i < 0:
            if runs[-1]:
                runs.append([])
        elif not runs[-1] or runs[-1][-1] != i:
            runs[-1].append(i)
    wp = np.array(pts)
    keep = set(geom.index_of_pixels(fid, wp[:, 0], wp[:, 1]).tolist())  # junctions stay on the path
    out = []
    for run in runs:
        if len(run) >= 2:
            path = _keep_to_land(_fill(geom.grid, run), water, geom.frame_of, geom.grid)
            out.append(_straighten(path, keep, geom.grid))
    return out


def _keep_to_land(path: list[Hex], water: np.ndarray, frame_of: np.ndarray, grid: Grid) -> list[Hex]:
    """Replace each stretch of water hexes by the shortest way round over land (a coast road stays ashore)."""
    idx = [grid.index(h) for h in path]
    out: list[int] = []
    k = 0
    while k < len(idx):
        if not water[idx[k]]:
            out.append(idx[k])
            k += 1
            continue
        end = k
        while end < len(idx) and water[idx[end]]:
            end += 1
        if out and end < len(idx):  # water at either end of the route is simply dropped
            detour = _land_path(out[-1], idx[end], water, frame_of, grid)
            out.extend(detour[1:-1] if detour else idx[k:end])
        k = end
    return [grid.hex_at(i) for i in _drop_loops(out)]


def _land_path(a: int, b: int, water: np.ndarray, frame_of: np.ndarray, grid: Grid) -> list[int] | None:
    """Fewest land hexes from a to b (breadth-first, within one frame); None if the sea is in the way."""
    nb = grid.neighbor_table
    prev = {a: a}
    queue = deque([a])
    while queue and len(prev) < 3000:
        h = queue.popleft()
        if h == b:
            out = [b]
            while out[-1] != a:
                out.append(prev[out[-1]])
            return out[::-1]
        for j in nb[h].tolist():
            if j >= 0 and j not in prev and not water[j] and frame_of[j] == frame_of[a]:
                prev[j] = h
                queue.append(j)
    return None


def _straighten(path: list[Hex], keep: set[int], grid: Grid) -> list[Hex]:
    """Drop each hex the path could skip (its neighbours touch), except waypoints (where lines meet):
    no zigzag along a row of hexes."""
    out = path[:1]
    for k in range(1, len(path) - 1):
        if grid.index(path[k]) in keep or direction_to(out[-1], path[k + 1]) is None:
            out.append(path[k])
    return out + path[-1:] if len(path) > 1 else out


def _fill(grid: Grid, run: list[int]) -> list[Hex]:
    hexes = [grid.hex_at(i) for i in run]
    out = [hexes[0]]
    for h in hexes[1:]:
        if direction_to(out[-1], h) is None:
            out.extend(line(out[-1], h)[1:])
        else:
            out.append(h)
    return out


def place_forts(geo: Geo, geom: Geometry, water: np.ndarray,
                places: dict[str, PlacedPlace]) -> list[dict[str, Any]]:
    """One fortified hex per point or place of each region; the strongest wins a shared hex."""
    best: dict[int, tuple[int, str]] = {}
    order: list[int] = []
    for it in geo.fortified_regions:
        m = it.model
        for j, w in enumerate(m.at):
            if isinstance(w, str):
                h: int | None = places[w].hex
            else:
                fid = geom.frame_id_of(*w)
                idx, pix = geom.hexes_of(fid, np.array([w[0]]), np.array([w[1]]))
                h = _fitting_hex(geom, int(idx[0]), pix[0], water, np.array([]), None, set())
            if h is None:
                raise ScenarioError([it.problem("no land hex near this point", "at", j)])
            if h not in best:
                order.append(h)
            if h not in best or best[h][0] < m.level:
                best[h] = (m.level, m.name)
    w = geom.grid.width
    return [{"hex": [h % w, h // w], "level": best[h][0], "name": best[h][1]} for h in order]


# ------------------------------------------------------------------ the whole map


def build_map(geo: Geo) -> dict[str, Any]:
    """The map as plain data in map.yaml's key order."""
    geom = build_geometry(geo)
    _check_insets_on_sea(geo, geom)
    terrain = paint_terrain(geo, geom)
    water = is_water(terrain)
    graph = HexsideGraph(geom.grid, geom.km, geom.size_km)
    traces = [trace_river(geom, graph, it) for it in geo.rivers]
    codes = paint_control(geo, geom, water, traces)
    places = place_places(geo, geom, water, codes)
    for p in places.values():
        if p.item.model.urban:
            terrain[p.hex] = KIND_INDEX[TerrainKind.urban]
    w, h = geom.grid.width, geom.grid.height
    char_of = {kind: code for code, kind in geo.terrain_codes.model.items()}
    chars = np.array([char_of.get(k, "?") for k in KINDS])[terrain]
    return {
        "width": w, "height": h, "km_per_hex": geom.km,
        "terrain_codes": {code: kind.value for code, kind in geo.terrain_codes.model.items()},
        "terrain": ["".join(chars[r * w:(r + 1) * w]) for r in range(h)],
        "control": ["".join(codes[r * w:(r + 1) * w]) for r in range(h)],
        "rivers": rivers_out(geom, traces, water),
        "roads": _routes(geom, geo.roads, places, water),
        "railways": _routes(geom, geo.railways, places, water),
        "places": [_place_out(p, w) for p in places.values()],
        "fortifications": place_forts(geo, geom, water, places),
        "insets": [_inset_out(it.model, geom) for it in geo.insets],
    }


def _check_insets_on_sea(geo: Geo, geom: Geometry) -> None:
    """An inset must cover only sea of the main map, or it would hide real land."""
    problems = []
    for k, it in enumerate(geo.insets, start=1):
        block = geom.frame_of == k
        main_lat, main_lon = geom.frames[0].proj.centers()
        covered = np.zeros(geom.grid.size, bool)
        for land in geo.land:
            covered |= inside(land.model.points, main_lat, main_lon) & block
        if covered.any():
            i = int(np.nonzero(covered)[0][0])
            problems.append(it.problem(f"the inset covers land of the main map at {list(geom.grid.hex_at(i))}"))
    if problems:
        raise ScenarioError(problems)


def _routes(geom: Geometry, items: list[Item[Any]], places: dict[str, PlacedPlace],
            water: np.ndarray) -> list[dict[str, Any]]:
    out = []
    for it in items:
        for path in trace_route(geom, it, places, water):
            entry: dict[str, Any] = {"name": it.model.name}
            if isinstance(it.model, RailGeo):
                entry["gauge"] = it.model.gauge
            entry["path"] = [list(h) for h in path]
            out.append(entry)
    return out


def _place_out(p: PlacedPlace, width: int) -> dict[str, Any]:
    m = p.item.model
    out: dict[str, Any] = {"id": m.id, "name": m.name}
    if m.name_1944:
        out["name_1944"] = m.name_1944
    out.update({"hex": [p.hex % width, p.hex // width], "vp": m.vp, "kind": m.kind.value})
    return out


def _inset_out(ins: InsetGeo, geom: Geometry) -> dict[str, Any]:
    w, h = next(f.proj.size for f in geom.frames[1:] if f.col0 == ins.col and f.row0 == ins.row)
    return {"name": ins.name, "cols": [ins.col, ins.col + w - 1], "rows": [ins.row, ins.row + h - 1],
            "note": ins.note}


# ------------------------------------------------------------------ YAML text


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _flow(items: list[Any]) -> list[str]:
    """Flow-style list items as text, e.g. [3, 4, NE]."""
    return [json.dumps(x, ensure_ascii=False).replace('"', "") if isinstance(x, list) else _q(x) for x in items]


def _wrapped(key: str, items: list[Any], indent: int) -> list[str]:
    """``key: [a, b, ...]`` wrapped under 120 characters."""
    head = " " * indent + f"{key}: ["
    pad = " " * len(head)
    lines, cur = [], head
    parts = _flow(items)
    for k, part in enumerate(parts):
        piece = part + ("]" if k == len(parts) - 1 else ",")
        if len(cur) + len(piece) + 1 > 118 and cur.strip() not in (f"{key}: [",):
            lines.append(cur.rstrip())
            cur = pad
        cur += piece if cur.endswith("[") or cur == pad else " " + piece
    lines.append(cur)
    return lines


def emit(data: dict[str, Any], folder: Path) -> str:
    """map.yaml's text: schema line, generated-file warning, then compact readable sections."""
    out = [map_schema_line(folder),
           f"# GENERATED from geo/*.yaml by `{regen_command(folder)}`: do not edit by hand.",
           "# Edit the geographic data in geo/ (lat/lon) and regenerate.",
           f"width: {data['width']}", f"height: {data['height']}", f"km_per_hex: {data['km_per_hex']:g}",
           "terrain_codes:"]
    out += [f"  {_q(code)}: {kind}" for code, kind in data["terrain_codes"].items()]
    out.append("# rows north to south; odd rows sit half a hex east")
    out.append("terrain:")
    out += [f"  - {_q(row)}" for row in data["terrain"]]
    out.append("control:")
    out += [f"  - {_q(row)}" for row in data["control"]]
    for key in ("rivers", "roads", "railways"):
        out.append(f"{key}:" + ("" if data[key] else " []"))
        for entry in data[key]:
            out.append(f"  - name: {_q(entry['name'])}")
            if "kind" in entry:
                out.append(f"    kind: {entry['kind']}")
            if "gauge" in entry:
                out.append(f"    gauge: {entry['gauge']}")
            field_ = "hexsides" if key == "rivers" else "path"
            out += _wrapped(field_, entry[field_], 4)
    out.append("places:" + ("" if data["places"] else " []"))
    for p in data["places"]:
        parts = [f"{k}: {_q(v) if isinstance(v, str) else json.dumps(v)}" for k, v in p.items()]
        out.append("  - {" + ", ".join(parts) + "}")
    out.append("fortifications:" + ("" if data["fortifications"] else " []"))
    for f in data["fortifications"]:
        out.append(f"  - {{hex: {json.dumps(f['hex'])}, level: {f['level']}, name: {_q(f['name'])}}}")
    out.append("insets:" + ("" if data["insets"] else " []"))
    for ins in data["insets"]:
        out += [f"  - name: {_q(ins['name'])}", f"    cols: {json.dumps(ins['cols'])}",
                f"    rows: {json.dumps(ins['rows'])}", f"    note: {_q(ins['note'])}"]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ public API


def generate(folder: Path) -> str:
    """The text of map.yaml built from ``folder/geo/*.yaml``; raises ScenarioError on bad geo data."""
    return emit(build_map(load_geo(folder)), folder)


def write(folder: Path) -> Path:
    """Generate and replace ``folder/map.yaml`` atomically (a reader never sees half a file)."""
    text = generate(folder)
    target = folder / MAP_NAME
    fd, tmp = tempfile.mkstemp(prefix=".map-", suffix=".yaml", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def check(folder: Path) -> list[str]:
    """How the committed map.yaml differs from a fresh generation; empty when they agree."""
    target = folder / MAP_NAME
    hint = f"run `{regen_command(folder)}`"
    if not target.exists():
        return [f"{target}: missing; {hint}"]
    try:
        committed = read_text(target, MAX_FILE_BYTES, "map file")
    except FileError as exc:
        return [str(exc)]
    fresh = generate(folder)
    if committed == fresh:
        return []
    diffs = _differences(yaml.load(committed, Loader=yaml.CSafeLoader), yaml.load(fresh, Loader=yaml.CSafeLoader))
    return [f"{target}: {d}; {hint}" for d in (diffs or ["comments or layout differ"])]


def _differences(old: Any, new: Any) -> list[str]:
    if not isinstance(old, dict):
        return ["not a mapping"]
    out = []
    for key in new:
        a, b = old.get(key), new[key]
        if a == b:
            continue
        if key in ("terrain", "control") and isinstance(a, list):
            rows = [r for r in range(max(len(a), len(b))) if r >= len(a) or r >= len(b) or a[r] != b[r]]
            out.append(f"{key}: rows {_ranges(rows)} differ")
        elif isinstance(b, list) and isinstance(a, list):
            names_a = {_label(x) for x in a}
            names_b = {_label(x) for x in b}
            changed = sorted({_label(x) for x in b if x not in a} & names_a)
            parts = [f"new {sorted(names_b - names_a)}" if names_b - names_a else "",
                     f"gone {sorted(names_a - names_b)}" if names_a - names_b else "",
                     f"changed {changed}" if changed else ""]
            out.append(f"{key}: " + "; ".join(p for p in parts if p) if any(parts) else f"{key}: order differs")
        else:
            out.append(f"{key}: {a!r} -> {b!r}")
    out += [f"{key}: no longer generated" for key in old if key not in new]
    return out


def _label(x: Any) -> str:
    if isinstance(x, dict):
        return str(x.get("id") or x.get("name") or x.get("hex"))
    return str(x)


def _ranges(rows: list[int]) -> str:
    spans, start = [], None
    for k, r in enumerate(rows):
        if start is None:
            start = r
        if k == len(rows) - 1 or rows[k + 1] != r + 1:
            spans.append(f"{start}" if start == r else f"{start}-{r}")
            start = None
    return ", ".join(spans)


def main(argv: list[str] | None = None) -> int:
    """``mapgen FOLDER [--check]``: regenerate a scenario's map.yaml, or report if it is stale."""
    ap = argparse.ArgumentParser(prog="mapgen", description="generate map.yaml from a scenario's geo/*.yaml")
    ap.add_argument("folder", type=Path)
    ap.add_argument("--check", action="store_true", help="only report differences; exit 1 if stale")
    args = ap.parse_args(argv)
    try:
        if args.check:
            diffs = check(args.folder)
            for d in diffs:
                print(d)
            return 1 if diffs else 0
        print(write(args.folder))
    except ScenarioError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
