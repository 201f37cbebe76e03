"""Map generation, part 1: the geo files loaded and checked, the frames (main grid and insets) that
place latitude/longitude on hexes, and polygon and band masks. ``mapgen`` builds the map on these."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
from pydantic import ValidationError

from game.core.hexgrid import SQRT3, Grid
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
from game.scenario.loader import Path_, Problem, ScenarioError, SourceDoc, load_yaml
from game.scenario.projection import Projection
from game.scenario.schema import TerrainKind
from game.scenario.source import validation_problems

GEO_DIR = "geo"
MAP_NAME = "map.yaml"
WATER = (TerrainKind.sea, TerrainKind.lake)
KM_PER_DEG = 111.2
SAMPLE_STEP = 0.25  # polylines are sampled every quarter hex (in hex widths)
SEARCH_RADIUS = 3  # how far a place may move to a fitting hex
END_SIDES = 2  # hexsides at each end of a border reach whose banks do not spread their side

T = TypeVar("T")


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
    ways: list[Item[Any]] = [*geo.railways, *geo.roads, *geo.fortified_regions]
    for way in ways:
        key = "at" if isinstance(way.model, FortifiedRegionGeo) else "via"
        for j, w in enumerate(getattr(way.model, key)):
            if isinstance(w, str) and w not in seen:
                out.append(way.problem(f"unknown place id '{w}' in {key}", key, j))
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
    return q + (r - r % 2) // 2, r  # r % 2 is r & 1 for integers, negative ones too


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
