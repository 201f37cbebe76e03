"""Answers kept for a phase (game.core.memo) equal fresh ones, before and after the position changes."""

from __future__ import annotations

import numpy as np
import pytest

from game.core import memo
from game.core.rules.movement import MoveRange, movement_ranges
from game.core.rules.supply import supply_map
from game.core.state import GameState
from game.paths import SCENARIOS
from game.scenario.build import load_game


def _same(a: list[MoveRange], b: list[MoveRange]) -> bool:
    return all(np.array_equal(getattr(x, f), getattr(y, f))
               for x, y in zip(a, b, strict=True) for f in ("hexes", "costs", "preds", "ends"))


def _crowd(state: GameState, side: int) -> GameState:
    """A copy with every enemy ground unit moved next to the side's first unit's hex (where it can stand)."""
    out = state.clone()
    scn = out.scenario
    first = int(out.ground_units_of(side)[0])
    ring = scn.map.grid.neighbor_table[out.unit_hex[first]]
    free = [int(h) for h in ring if h >= 0 and not (out.occupancy(side)[h])]
    enemies = [int(u) for u in np.flatnonzero((scn.unit_side != side) & scn.unit_ground & (out.unit_hex >= 0))]
    for u, h in zip(enemies, free, strict=False):
        out.unit_hex[u] = h
    return out


def test_movement_ranges_kept_for_the_phase_equal_fresh_ones_after_the_enemy_moves(midgame: GameState) -> None:
    side = midgame.side
    units = [int(u) for u in midgame.ground_units_of(side)]
    moved = _crowd(midgame, side)
    fresh, fresh_moved = movement_ranges(midgame, units), movement_ranges(moved, units)
    assert not _same(fresh, fresh_moved)  # the enemies' move changes some range, so a stale answer shows
    with memo.kept():
        first = movement_ranges(midgame, units)
        again = movement_ranges(midgame, units[::-1])[::-1]
        after = movement_ranges(moved, units)
        assert memo.table("movement_search")
    assert _same(first, fresh) and _same(again, fresh) and _same(after, fresh_moved)


def test_supply_kept_for_the_phase_equals_a_fresh_trace_after_the_enemy_moves() -> None:
    start = load_game(SCENARIOS / "manchuria_1944", 1)
    side = start.side
    moved = _crowd(start, side)
    fresh, fresh_moved = supply_map(start, side), supply_map(moved, side)
    assert not np.array_equal(fresh.cost, fresh_moved.cost)
    with memo.kept():
        kept = [supply_map(start, side), supply_map(moved, side), supply_map(start, side)]
    for got, want in zip(kept, [fresh, fresh_moved, fresh], strict=True):
        assert np.array_equal(got.cost, want.cost) and np.array_equal(np.asarray(got.network), np.asarray(want.network))


def test_a_kept_answer_cannot_be_written_into_and_nothing_is_kept_outside_a_phase(midgame: GameState) -> None:
    side = midgame.side
    with memo.kept():
        smap = supply_map(midgame, side)
        with pytest.raises(ValueError):
            smap.cost[0] = 0.0
        with memo.kept():  # a block inside another shares its answers
            assert supply_map(midgame, side) is smap
    assert memo.table("supply_map") is None
    assert supply_map(midgame, side) is not supply_map(midgame, side)
