"""Costs that grow with the work, not the map: counted work per unit, and local look-ups that equal
the whole-map ones they replace."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from game.core.engine import apply
from game.core.orders import Move
from game.core.rules.movement import movement_range, movement_ranges, reach_radius
from game.core.state import GameState
from game.core.view import positions_seen, view, visible, visible_at
from game.scenario.build import load_game
from game.scenario.synthetic import write_scenario


def _work_per_unit(tmp_path: Path, k: int) -> float:
    state = load_game(write_scenario(tmp_path / f"syn{k}", width=40 * k, height=30 * k, units=60 * k * k, seed=2))
    units = state.units_of(0)
    work: dict[str, int] = {}
    movement_ranges(state, units, work)
    return (work["slots"] + work["steps"]) / len(units)


def test_movement_work_per_unit_does_not_grow_with_the_map(tmp_path: Path) -> None:
    """The labels allocated and steps examined per unit on a 160 x 120 map with 960 units against an
    80 x 60 map with 240: the same density, four times the map. A full-map array per search (the old
    way) makes the ratio about 4; bounded searches keep it near 1 (about 1.1: fewer windows are cut
    by the map's edge on the bigger map)."""
    mid, big = _work_per_unit(tmp_path, 2), _work_per_unit(tmp_path, 4)
    assert big / mid < 1.5, (mid, big)


def test_visible_at_equals_the_whole_map_visibility(midgame: GameState) -> None:
    for side in (0, 1):
        every = np.arange(midgame.scenario.map.grid.size)
        assert np.array_equal(visible_at(midgame, side, every), visible(midgame, side))


def test_a_move_checked_near_the_unit_equals_one_checked_on_the_whole_view(midgame: GameState) -> None:
    side = midgame.side
    seen = view(midgame, side)
    for u in midgame.ground_units_of(side)[:25]:
        near = positions_seen(midgame, side, int(midgame.unit_hex[u]), reach_radius(midgame, int(u)) + 2)
        a, b = movement_range(seen, int(u)), movement_range(near, int(u))
        assert np.array_equal(a.hexes, b.hexes) and np.array_equal(a.costs, b.costs)
        assert np.array_equal(a.preds, b.preds) and np.array_equal(a.ends, b.ends)


def test_sparse_range_answers_like_its_full_map_arrays(midgame: GameState) -> None:
    u = int(midgame.ground_units_of(midgame.side)[0])
    mr = movement_range(midgame, u)
    every = np.arange(midgame.scenario.map.grid.size)
    assert np.array_equal(mr.cost_at(every), mr.cost)
    assert [mr.can_end_at(int(h)) for h in every[:200]] == list(mr.can_end[:200])
    target = int(mr.destinations()[-1])
    scn = midgame.scenario
    apply(midgame.clone(), Move(scn.units[u].id, scn.map.grid.hex_at(target)))  # the engine accepts it


def test_enemy_at_equals_the_whole_map_zones(midgame: GameState) -> None:
    from game.core.rules.movement import enemy_at, enemy_occupied, enemy_zoc

    every = np.arange(midgame.scenario.map.grid.size)
    for side in (0, 1):
        held, zone = enemy_at(midgame, side, every)
        assert np.array_equal(held, enemy_occupied(midgame, side)) and np.array_equal(zone, enemy_zoc(midgame, side))


def test_units_in_box_equals_a_plain_filter(midgame: GameState) -> None:
    from game.core.nearby import box_around, units_in_box
    from game.core.units import OFF_MAP

    grid = midgame.scenario.map.grid
    rows, cols = grid.row_col
    on = midgame.unit_hex != OFF_MAP
    rng = np.random.default_rng(3)
    boxes = [(0, grid.height - 1, 0, grid.width - 1), (0, -1, 0, -1), (4, 4, 0, grid.width - 1)]
    boxes += [box_around(grid, rng.choice(grid.size, int(rng.integers(1, 4))), int(rng.integers(0, 6)))
              for _ in range(40)]
    for r0, r1, c0, c1 in boxes:
        h = np.where(on, midgame.unit_hex, 0)
        inside = on & (rows[h] >= r0) & (rows[h] <= r1) & (cols[h] >= c0) & (cols[h] <= c1)
        assert np.array_equal(units_in_box(midgame, (r0, r1, c0, c1)), np.flatnonzero(inside))


def test_enemies_a_move_brings_into_sight_are_all_near_it(midgame: GameState) -> None:
    """The executor looks for newly seen enemies only around the last move's path: after each move,
    the enemies seen on the whole map and not seen before are exactly those found there."""
    from game.ai.planner import Executor
    from game.core.events import Moved
    from game.core.game import Game

    game = Game(midgame.clone(), 5)
    side = game.state.side
    ex = Executor(game, side)
    known = ex._seen_enemies()
    revealed = moves = 0
    for u in midgame.ground_units_of(side):
        st = game.state
        if st.unit_mp[u] <= 0:
            continue
        mr = movement_range(view(st, side), int(u))
        far = [h for h in mr.destinations().tolist() if h != st.unit_hex[u]]
        if not far:
            continue
        events = ex.play(Move(st.scenario.units[u].id, st.scenario.map.grid.hex_at(int(far[-1]))))
        moved = next(e for e in events if isinstance(e, Moved))
        everywhere, near = ex._seen_enemies(), ex._seen_enemies(ex._revealed_by(moved))
        assert everywhere - known == near - known
        revealed += len(everywhere - known)
        known |= everywhere
        moves += 1
    assert moves > 10 and revealed > 0, (moves, revealed)
