"""`python main.py bench`: medians of the hot paths on a generated full-size scenario.

Budgets (2-core machine, ~6,000 hexes, 300 units): load + validate <= 500 ms; movement ranges
for every unit of a side <= 50 ms. Later issues add their names; keep the names stable, with
the unit in the name.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from game.core.rules.movement import movement_range, movement_ranges
from game.scenario.build import load_game
from game.scenario.synthetic import write_scenario

BUDGETS_MS = {"load_validate_ms": 500.0, "movement_range_side_ms": 50.0}


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 3)


def run_bench(only: str | None = None, repeat: int = 15) -> dict[str, float]:
    """Times every benchmark (or only those whose name contains ``only``); name -> median."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_scenario(Path(tmp) / "bench", width=90, height=70, units=300)
        state = load_game(path)
        side_units = state.units_of(0)
        unit = int(side_units[len(side_units) // 2])
        mr = movement_range(state, unit)
        far = int(mr.destinations()[mr.cost[mr.destinations()].argmax()])
        cases: dict[str, Callable[[], object]] = {
            "load_validate_ms": lambda: load_game(path),
            "movement_range_unit_ms": lambda: movement_range(state, unit),
            "movement_range_side_ms": lambda: movement_ranges(state, side_units),
            "path_unit_ms": lambda: movement_range(state, unit).path_to(far),
        }
        return {name: _median_ms(fn, repeat) for name, fn in cases.items() if not only or only in name}
