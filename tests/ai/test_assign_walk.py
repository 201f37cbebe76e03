"""The goal hand-out's shortcuts give what the plain computations give: the heap walk over each
goal's best units takes the same (unit, goal) pairs in the same order as walking every pair sorted,
and reachability asked per part equals asking per goal."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import fields
from game.ai.goals import greedy_pairs
from game.core.state import GameState


def _plain_walk(utility: np.ndarray, demand: list[float], power: list[float]) -> list[tuple[int, int]]:
    """The walk as it was: every finite pair by falling utility (ties row-major), skipping taken rows
    and columns with no demand left."""
    n_rows, n_cols = utility.shape
    order = np.argsort(-utility, axis=None, kind="stable")
    order = order[np.isfinite(utility.ravel()[order])]
    taken: set[int] = set()
    out: list[tuple[int, int]] = []
    for flat in order.tolist():
        i, j = divmod(flat, n_cols)
        if i in taken or demand[j] <= 0:
            continue
        taken.add(i)
        out.append((i, j))
        demand[j] -= power[i]
        if len(taken) == n_rows:
            break
    return out


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("head", [1, 3, 16])
def test_heap_walk_takes_the_pairs_of_the_plain_walk(seed: int, head: int) -> None:
    rng = np.random.default_rng(seed)
    n_rows, n_cols = int(rng.integers(1, 60)), int(rng.integers(1, 25))
    utility = np.round(rng.random((n_rows, n_cols)), int(rng.integers(1, 3)))  # coarse values: many ties
    utility[rng.random(utility.shape) < 0.3] = -np.inf  # units a goal cannot have
    demand = (rng.random(n_cols) * 4 - 0.5).tolist()  # some goals want nothing from the start
    power = (rng.random(n_rows) * 2).tolist()
    want = _plain_walk(utility, list(demand), power)
    got = greedy_pairs(utility, list(demand), power, head)
    assert got == want
    assert len(want) > 0 or not np.isfinite(utility).any() or max(demand) <= 0


def test_heap_walk_reads_on_when_a_goal_uses_up_its_best_rows() -> None:
    """A column whose first rows are all taken by better columns must go on to its other rows."""
    utility = np.array([[9.0, 8.0], [7.0, 6.0], [5.0, 4.0], [3.0, 1.0]])
    demand, power = [2.5, 10.0], [1.0, 1.0, 1.0, 1.0]
    assert greedy_pairs(utility, list(demand), power, head=1) == _plain_walk(utility, list(demand), power)
    assert greedy_pairs(utility, list(demand), power, head=1) == [(0, 0), (1, 0), (2, 0), (3, 1)]


@pytest.mark.parametrize("mclass", [0, 1, 2, 3])
def test_reaches_each_equals_reaches_goal_by_goal(tiny: GameState, mclass: int,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    scn = tiny.scenario
    n = scn.map.grid.size
    rng = np.random.default_rng(mclass)
    hexes = rng.choice(n, 40, replace=True)
    goals = rng.choice(n, 9, replace=False)
    plain = np.stack([fields.reaches(scn, mclass, hexes, int(g)) for g in goals], axis=1)
    assert np.array_equal(fields.reaches_each(scn, mclass, hexes, goals), plain)
    monkeypatch.setattr(fields, "_parts_of", lambda *_: None)  # when one-way links chain: the searches
    assert np.array_equal(fields.reaches_each(scn, mclass, hexes, goals), plain)
