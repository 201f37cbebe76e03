"""Generated scenarios of any size, for benchmarks and tests of scale (Unciv's "tiny world" idea).

The terrain, rivers, roads and units are random but seeded, so a size always gives the same
scenario. Rules and equipment are copied from a real scenario folder (by default the test
scenario): the numbers stay in YAML.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import yaml

from game.core.hexgrid import DIRECTION_NAMES, Grid, distance, line
from game.paths import TEST_SCENARIO

CODES = {"s": "steppe", ".": "clear", "f": "forest", "h": "hills", "m": "mountains", "w": "marsh",
         "u": "urban", "l": "lake"}
WEIGHTS = {"s": 0.3, ".": 0.35, "f": 0.12, "h": 0.1, "m": 0.04, "w": 0.05, "u": 0.01, "l": 0.03}
KIT = {  # equipment by unit type, ids from the test scenario's equipment file
    "rifle_division": {"zis3": 30, "hmg_maxim": 80, "truck": 100},
    "tank_brigade": {"t34_85": 60, "truck": 80},
    "infantry_division": {"lunge_mine": 150, "truck": 80},
    "cavalry_division": {"truck": 50},
}


def write_scenario(dest: Path, width: int = 90, height: int = 70, units: int = 300, seed: int = 1,
                   base: Path = TEST_SCENARIO) -> Path:
    """Write a playable scenario folder at ``dest`` and return it."""
    rng = np.random.default_rng(seed)
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("rules.yaml", "equipment.yaml"):
        shutil.copyfile(base / name, dest / name)
    grid = Grid(width, height)
    codes = list(WEIGHTS)
    terrain = rng.choice(codes, size=(height, width), p=list(WEIGHTS.values()))
    rows = ["".join(r) for r in terrain]
    land = [(c, r) for r in range(height) for c in range(width) if terrain[r, c] not in ("l", "m")]
    places = [land[i] for i in rng.choice(len(land), size=max(4, width * height // 300), replace=False)]
    _dump(dest / "map.yaml", {
        "width": width, "height": height, "km_per_hex": 22, "terrain_codes": CODES, "terrain": rows,
        "control": ["S" * (width // 2) + "J" * (width - width // 2)] * height,
        "rivers": [_river(grid, rng) for _ in range(max(1, width // 15))],
        "roads": [{"name": f"road {i}", "path": [list(h) for h in line(a, b)]}
                  for i, (a, b) in enumerate(_road_pairs(places))],
        "railways": [{"name": "trunk line", "gauge": 1435,
                      "path": [list(h) for h in line((0, height // 2), (width - 1, height // 2))]}],
        "places": [{"id": f"p{i}", "name": f"Place {i}", "hex": list(h), "vp": int(rng.integers(1, 6))}
                   for i, h in enumerate(places)],
    })
    west = [h for h in land if h[0] < width // 3]
    east = [h for h in land if h[0] >= 2 * width // 3]
    depots = {"soviet": [f"p{i}" for i, h in enumerate(places) if h[0] < width // 2],
              "japan": [f"p{i}" for i, h in enumerate(places) if h[0] >= width // 2]}
    _dump(dest / "scenario.yaml", {
        "format": 1, "id": "synthetic", "name": f"Synthetic {width}x{height}", "start_date": "1944-08-09",
        "turns": 10, "seed": seed, "map": "map.yaml", "rules": "rules.yaml", "equipment": ["equipment.yaml"],
        "orders_of_battle": ["oob_a.yaml", "oob_b.yaml"],
        "sides": [{"id": "soviet", "name": "Soviet Union", "color": "#b03a2e", "map_code": "S",
                   "supply_sources": depots["soviet"], "rail_gauges": [1435]},
                  {"id": "japan", "name": "Japan", "color": "#c9a227", "map_code": "J",
                   "supply_sources": depots["japan"], "rail_gauges": [1435]}],
    })
    for fname, side, pool, types in (("oob_a.yaml", "soviet", west, ("rifle_division", "tank_brigade")),
                                     ("oob_b.yaml", "japan", east, ("infantry_division", "cavalry_division"))):
        n = units // 2
        spots = [pool[i] for i in rng.choice(len(pool), size=n, replace=False)]
        _dump(dest / fname, {"side": side, "units": [
            {"id": f"{side}_{i}", "name": f"{side} unit {i}", "type": types[i % 2], "hex": list(h),
             "men": 8000, "equipment": KIT[types[i % 2]]} for i, h in enumerate(spots)]})
    return dest


def _road_pairs(places: list[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Each place joined to its nearest neighbour (each pair once).

    Roads stay local, so a bigger map has more roads, not longer ones: the share of road hexes,
    and with it how far a unit reaches, is the same at every size.
    """
    pairs: set[tuple[int, int]] = set()
    for i, a in enumerate(places):
        j = min((k for k in range(len(places)) if k != i), key=lambda k: (distance(a, places[k]), k))
        pairs.add((min(i, j), max(i, j)))
    return [(places[i], places[j]) for i, j in sorted(pairs)]


def _river(grid: Grid, rng: np.random.Generator) -> dict[str, object]:
    """A river as a random walk of hexsides down the map."""
    col = int(rng.integers(1, grid.width - 1))
    sides = []
    for row in range(1, grid.height - 1):
        col = int(np.clip(col + rng.integers(-1, 2), 1, grid.width - 2))
        sides.append([col, row, DIRECTION_NAMES[int(rng.integers(0, 6))]])
    return {"name": "river", "kind": "minor", "hexsides": sides}


def _dump(path: Path, data: dict[str, object]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=1000), encoding="utf-8")
