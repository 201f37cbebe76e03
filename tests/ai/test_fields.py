"""Goal fields searched only as far as asked give the whole-map search's numbers; reachability
from the map's connected parts equals the whole-map search's."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import fields
from game.core.rules.movement import label_correcting
from game.core.state import GameState


def _full(state: GameState, mclass: int, goal: int) -> np.ndarray:
    scn = state.scenario
    dist, _ = label_correcting(fields.reverse_costs(scn, mclass), scn.map.grid.neighbor_table, np.zeros(1, np.int64),
                               np.array([goal]), np.array([np.inf], np.float32))
    return dist[0]


@pytest.mark.parametrize("mclass", [0, 1, 2, 3])
def test_bounded_fields_and_reach_equal_the_whole_map_search(tiny: GameState, mclass: int) -> None:
    scn = tiny.scenario
    n = scn.map.grid.size
    every = np.arange(n)
    rng = np.random.default_rng(mclass)
    for goal in rng.choice(n, 8, replace=False):
        full = _full(tiny, mclass, int(goal))
        assert np.array_equal(fields.reaches(scn, mclass, every, int(goal)), np.isfinite(full))
        near = np.flatnonzero(np.isfinite(full) & (full < 6))
        field = fields.GoalField(scn, mclass, int(goal))
        assert np.array_equal(field[near], full[near])
        assert field[int(goal)] == 0.0
        assert np.array_equal(field[every], full)  # asking about everything searches everything
        fields.prefetch(scn, [(mclass, int(goal), every)])
        assert np.array_equal(fields.goal_field(scn, mclass, int(goal))[every], full)


@pytest.mark.parametrize("weather", [0, 1])
def test_distances_to_heads_equal_the_label_correcting_search(tiny: GameState, weather: int) -> None:
    scn = tiny.scenario
    heads = np.array([3, 40, 77], dtype=np.int64)
    for mclass in range(4):
        rev = fields.reverse_costs(scn, mclass, weather)
        for limit in (6.0, np.inf):
            ref, _ = label_correcting(rev, scn.map.grid.neighbor_table, np.zeros(3, np.int64), heads,
                                      np.array([limit], np.float32))
            assert np.array_equal(fields.distances_to(scn, mclass, weather, heads, limit), ref[0])
