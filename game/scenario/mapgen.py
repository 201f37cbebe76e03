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
``check`` lists how the committed file differs from a fresh generation. Steps 1-2's inputs (the geo
files, frames, polygon masks) live in ``mapgen_geo``, step 3 in ``mapgen_rivers``; this module paints,
places, traces routes and writes the YAML.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from game.core.hexgrid import Grid, Hex, direction_to, line
from game.fileio import FileError, read_text
from game.scenario.geo_schema import (
    ControlDef,
    InsetGeo,
    PlaceGeo,
    RailGeo,
    RoadGeo,
)
from game.scenario.loader import MAX_FILE_BYTES, Problem, ScenarioError
from game.scenario.mapgen_geo import (
    END_SIDES,
    MAP_NAME,
    SAMPLE_STEP,
    SEARCH_RADIUS,
    WATER,
    Geo,
    Geometry,
    Item,
    _area_mask,
    _centroid_hex,
    build_geometry,
    inside,
    load_geo,
)
from game.scenario.mapgen_rivers import (
    HexsideGraph,
    RiverTrace,
    _drop_loops,
    densify,
    rivers_out,
    trace_river,
)
from game.scenario.schema import TerrainKind


def map_schema_line(folder: Path) -> str:
    """The editor's schema line, relative to wherever the scenario folder is."""
    from game.paths import SCENARIOS

    rel = Path(os.path.relpath(SCENARIOS / "schema" / "map.schema.json", folder.resolve())).as_posix()
    return f"# yaml-language-server: $schema={rel}"


def regen_command(folder: Path) -> str:
    """The command that regenerates a scenario's map, as written into map.yaml and messages."""
    return f"python main.py mapgen scenarios/{folder.resolve().name}"


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
    width = geom.grid.width
    return [{"hex": [h % width, h // width], "level": best[h][0], "name": best[h][1]} for h in order]


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
