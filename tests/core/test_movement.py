"""Movement: terrain, river, road costs, zones of control, stacking; the batch search is exact."""

from __future__ import annotations

import heapq

import numpy as np
import pytest

from game.core.engine import IllegalOrder, apply
from game.core.orders import EndPhase, Move
from game.core.rules.movement import enemy_zoc, movement_range, movement_ranges
from game.core.state import GameState
from game.core.units import OFF_MAP


def uid(state: GameState, unit_id: str) -> int:
    return state.scenario.unit_index[unit_id]


def place(state: GameState, unit_id: str, h: tuple[int, int]) -> None:
    state.unit_hex[uid(state, unit_id)] = state.scenario.map.grid.index(h)


def cost_to(state: GameState, unit_id: str, h: tuple[int, int]) -> float:
    return float(movement_range(state, uid(state, unit_id)).cost[state.scenario.map.grid.index(h)])


def isolate(state: GameState, *keep: str) -> None:
    """Take every unit but ``keep`` off the map, so one rule at a time can be checked."""
    for i, u in enumerate(state.scenario.units):
        if u.id not in keep:
            state.unit_hex[i] = OFF_MAP


def test_terrain_cost_by_class(tiny: GameState) -> None:
    isolate(tiny, "rd_124")
    place(tiny, "rd_124", (1, 8))
    # (2, 8) is hills: 2 MP on foot
    assert cost_to(tiny, "rd_124", (2, 8)) == 2.0
    assert cost_to(tiny, "rd_124", (0, 8)) == 1.0  # clear


def test_major_river_costs_extra_but_road_bridges_it(tiny: GameState) -> None:
    isolate(tiny, "rd_124")
    place(tiny, "rd_124", (3, 4))
    # the Little Argun runs between columns 3 and 4; (4, 4) is reached by the road (0.5)
    assert cost_to(tiny, "rd_124", (4, 4)) == 0.5
    # (4, 3) is across the river off the road: clear 1 + major river 2, or round by the road
    assert cost_to(tiny, "rd_124", (4, 3)) == 1.5  # road to (4, 4) then one clear hex
    place(tiny, "rd_124", (3, 1))
    assert cost_to(tiny, "rd_124", (4, 1)) == 3.0  # 1 clear + 2 river


def test_impassable_terrain_and_class(tiny: GameState) -> None:
    isolate(tiny, "rd_124", "tb_206")
    mr = movement_range(tiny, uid(tiny, "rd_124"))
    grid = tiny.scenario.map.grid
    sea = grid.index((10, 6))
    assert not np.isfinite(mr.cost[sea])


def test_zoc_stops_movement_and_leaving_costs_extra(tiny: GameState) -> None:
    isolate(tiny, "rd_124", "id_107")
    place(tiny, "id_107", (8, 2))
    place(tiny, "rd_124", (6, 3))
    zoc = enemy_zoc(tiny, 0)
    grid = tiny.scenario.map.grid
    assert zoc[grid.index((7, 3))] and not zoc[grid.index((6, 3))]
    mr = movement_range(tiny, uid(tiny, "rd_124"))
    # (7, 3) is in the enemy zone: reachable, but nothing beyond it through it
    assert np.isfinite(mr.cost[grid.index((7, 3))])
    for n in grid.neighbor_table[grid.index((7, 3))]:
        if n >= 0 and mr.pred[n] == grid.index((7, 3)):
            pytest.fail("a path continues out of an enemy zone of control")
    # a unit that starts in the zone pays leave_cost (2) on its first step
    place(tiny, "rd_124", (7, 3))
    assert cost_to(tiny, "rd_124", (6, 3)) == 1 + 2  # clear + leave_cost


def test_cannot_enter_enemy_hex(tiny: GameState) -> None:
    isolate(tiny, "tb_206", "id_107")
    place(tiny, "tb_206", (5, 2))
    mr = movement_range(tiny, uid(tiny, "tb_206"))
    assert not mr.can_end[tiny.scenario.map.grid.index((6, 2))]
    assert not np.isfinite(mr.cost[tiny.scenario.map.grid.index((6, 2))])


def test_stacking_limit_blocks_ending_but_not_passing(tiny: GameState) -> None:
    isolate(tiny, "rd_124", "rd_192", "tb_206")
    place(tiny, "rd_124", (2, 4))
    place(tiny, "rd_192", (2, 4))  # the limit is 2: the hex is full
    place(tiny, "tb_206", (0, 4))
    mr = movement_range(tiny, uid(tiny, "tb_206"))
    full = tiny.scenario.map.grid.index((2, 4))
    assert np.isfinite(mr.cost[full]) and not mr.can_end[full]
    assert mr.can_end[tiny.scenario.map.grid.index((3, 4))]  # through the full hex along the road


def _dijkstra(state: GameState, unit: int) -> np.ndarray:
    """Reference: plain Dijkstra with the same rules, one unit at a time."""
    scn = state.scenario
    nbr = scn.map.grid.neighbor_table
    costs = scn.movement.edge_costs(scn.map, int(scn.unit_class[unit]))
    side = int(scn.unit_side[unit])
    zoc = enemy_zoc(state, side)
    enemy = set(state.unit_hex[(scn.unit_side != side) & (state.unit_hex >= 0)].tolist())
    start, mp = int(state.unit_hex[unit]), float(state.unit_mp[unit])
    dist = np.full(scn.map.grid.size, np.inf)
    dist[start] = 0
    heap = [(0.0, start)]
    while heap:
        d, h = heapq.heappop(heap)
        if d > dist[h] or (zoc[h] and h != start):
            continue
        for k in range(6):
            n = int(nbr[h, k])
            if n < 0 or n in enemy:
                continue
            nd = d + float(costs[h, k]) + (scn.movement.zoc_leave_cost if h == start and zoc[h] else 0)
            if nd <= mp + 1e-4 and nd < dist[n]:
                dist[n] = nd
                heapq.heappush(heap, (nd, n))
    return dist


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batch_search_equals_dijkstra_on_a_large_random_map(tmp_path, seed: int) -> None:
    from game.scenario.build import load_game
    from game.scenario.synthetic import write_scenario

    state = load_game(write_scenario(tmp_path / "syn", width=40, height=30, units=60, seed=seed))
    for side in (0, 1):
        units = state.units_of(side)
        for mr in movement_ranges(state, units):
            ref = _dijkstra(state, mr.unit)
            assert np.allclose(np.where(np.isfinite(ref), ref, -1), np.where(np.isfinite(mr.cost), mr.cost, -1),
                               atol=1e-3)
            # every path's steps add up to its cost
            for target in mr.destinations()[:5]:
                path = mr.path_to(int(target))
                assert path is not None and path[0] == mr.start and path[-1] == target


def test_move_order_spends_movement_points_and_takes_control(tiny: GameState) -> None:
    grid = tiny.scenario.map.grid
    u = uid(tiny, "tb_206")
    before = float(tiny.unit_mp[u])
    events = apply(tiny, Move("tb_206", (4, 4)))
    assert tiny.unit_hex[u] == grid.index((4, 4))
    assert float(tiny.unit_mp[u]) == pytest.approx(before - events[0].cost)
    assert tiny.control[grid.index((4, 4))] == 0


def test_illegal_moves_change_nothing(tiny: GameState) -> None:
    h = tiny.state_hash()
    with pytest.raises(IllegalOrder, match="out of reach"):
        apply(tiny, Move("rd_124", (11, 0)))
    with pytest.raises(IllegalOrder, match="not yours"):
        apply(tiny, Move("id_107", (7, 2)))
    with pytest.raises(IllegalOrder, match="no unit"):
        apply(tiny, Move("nobody", (1, 1)))
    with pytest.raises(IllegalOrder, match="off the map"):
        apply(tiny, Move("rd_124", (40, 1)))
    assert tiny.state_hash() == h


def test_movement_points_come_back_next_phase(tiny: GameState) -> None:
    u = uid(tiny, "tb_206")
    apply(tiny, Move("tb_206", (4, 4)))
    apply(tiny, EndPhase())
    apply(tiny, EndPhase())
    assert tiny.turn == 2 and tiny.side == 0
    assert float(tiny.unit_mp[u]) == tiny.scenario.units[u].type.movement_points
