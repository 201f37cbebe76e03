"""Supply: rail from depots, truck range, encirclement, fuel, ammunition, attrition, gauge conversion."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.engine import apply
from game.core.events import SupplyReport
from game.core.orders import EndPhase, IllegalOrder, Move
from game.core.rules.movement import movement_range
from game.core.rules.supply import supply_map, usable_rail
from game.core.state import GameState
from game.core.units import OFF_MAP
from tests.conftest import only_units, unit


def hexi(state: GameState, h: tuple[int, int]) -> int:
    return state.scenario.map.grid.index(h)


def next_soviet_phase(state: GameState) -> list:
    events = apply(state, EndPhase())
    return events + apply(state, EndPhase())


def test_rail_runs_from_depot_and_trucks_reach_a_few_mp(tiny: GameState) -> None:
    smap = supply_map(tiny, 0)
    assert smap.rail[hexi(tiny, (1, 6))] and smap.rail[hexi(tiny, (3, 6))]  # Borzya and the line east
    assert smap.supplied[hexi(tiny, (2, 4))]
    assert not smap.supplied[hexi(tiny, (9, 2))]  # far beyond truck range


def test_encirclement_cuts_supply_and_relief_restores_it(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (2, 4), "tb_206": (8, 8), "rd_192": (1, 6)}, hold=True)
    target = hexi(s, (2, 4))
    assert supply_map(s, 0).supplied[target]
    # two Japanese units whose zones of control close every way from the railway to (2, 4)
    grid = s.scenario.map.grid
    s.unit_hex[unit(s, "id_107")] = grid.index((1, 5))
    s.unit_hex[unit(s, "tk_1")] = grid.index((3, 4))
    assert not supply_map(s, 0).supplied[target]
    # a Soviet unit standing in the enemy zone between depot and pocket opens the corridor again
    s.unit_hex[unit(s, "rd_192")] = grid.index((2, 5))
    assert supply_map(s, 0).supplied[target]


def test_out_of_supply_units_do_not_refill_and_count_turns(tiny: GameState) -> None:
    s = only_units(tiny, {"tb_206": (9, 3), "id_107": (6, 2)}, hold=True)
    u = unit(s, "tb_206")
    s.unit_fuel[u] = 1.0
    next_soviet_phase(s)
    assert s.unit_oos[u] == 1 and s.unit_fuel[u] == 1.0
    s2 = only_units(tiny.clone(), {"tb_206": (2, 4), "id_107": (6, 2)}, hold=True)
    s2.unit_fuel[unit(s2, "tb_206")] = 1.0
    s2.unit_oos[unit(s2, "tb_206")] = 3
    next_soviet_phase(s2)
    assert s2.unit_oos[unit(s2, "tb_206")] == 0 and s2.unit_fuel[unit(s2, "tb_206")] == 3.0


def test_tanks_without_fuel_cannot_move_and_fuel_limits_range(tiny: GameState) -> None:
    s = only_units(tiny, {"tb_206": (2, 4), "rd_124": (1, 8)}, hold=True)
    u = unit(s, "tb_206")
    full = movement_range(s, u).destinations().size
    s.unit_fuel[u] = 0.25  # a quarter day: 2 of 8 MP
    part = movement_range(s, u)
    assert 0 < part.destinations().size < full and part.cost[part.destinations()].max() <= 2.0
    s.unit_fuel[u] = 0.0
    assert movement_range(s, u).destinations().size == 0
    with pytest.raises(IllegalOrder):
        apply(s, Move("tb_206", (3, 4)))
    # foot infantry needs no fuel
    s.unit_fuel[unit(s, "rd_124")] = 0.0
    assert movement_range(s, unit(s, "rd_124")).destinations().size > 0


def test_moving_burns_fuel(tiny: GameState) -> None:
    s = only_units(tiny, {"tb_206": (2, 4)}, hold=True)
    u = unit(s, "tb_206")
    before = float(s.unit_fuel[u])
    cost = apply(s, Move("tb_206", (4, 4)))[0].cost
    assert float(s.unit_fuel[u]) == pytest.approx(before - cost / 8)


def test_attrition_then_surrender_out_of_supply(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (9, 3), "id_107": (6, 8)}, hold=True)
    s.scenario.turns = 20
    u = unit(s, "rd_124")
    men = int(s.unit_men[u])
    surrendered = []
    for _ in range(4):
        events = next_soviet_phase(s)
        surrendered += [e for e in events if isinstance(e, SupplyReport) and e.surrendered]
    assert s.unit_hex[u] == OFF_MAP and surrendered
    assert s.unit_lost_men[u] == men  # every man accounted for as lost


def test_fortress_stockpile_feeds_a_cut_off_garrison(tiny: GameState) -> None:
    # the hill fort at (8, 2) (level 3), cut off: the Soviets hold every other hex, depots included
    s = only_units(tiny, {"id_107": (8, 2), "tb_206": (2, 4)}, hold=True)
    s.scenario.turns = 20
    s.control[:] = 0
    s.control[hexi(s, (8, 2))] = 1
    u = unit(s, "id_107")
    ammo = []
    for _ in range(7):
        s.unit_ammo[u] = 0.5
        apply(s, EndPhase())  # the Japanese phase begins
        ammo.append(float(s.unit_ammo[u]))
        apply(s, EndPhase())
    # refilled from the stockpile while it lasts (fortress_supply_turns = 5), then nothing
    assert ammo[:5] == [3.0] * 5 and ammo[5:] == [0.5, 0.5]


def test_captured_foreign_gauge_is_usable_only_after_conversion(tiny: GameState) -> None:
    s = only_units(tiny, {"tb_206": (6, 6)}, hold=True)
    s.scenario.turns = 20
    # the Soviets hold the whole Manchurian line (1435 mm), which meets their 1520 mm line at (4, 6)
    for h in [(4, 6), (5, 6), (6, 6), (6, 5), (6, 4), (6, 3), (6, 2)]:
        s.control[hexi(s, h)] = 0
    usable = usable_rail(s, 0)
    assert not usable[hexi(s, (6, 5))].any()
    assert not supply_map(s, 0).rail[hexi(s, (6, 4))]
    converted = []
    for _ in range(8):
        next_soviet_phase(s)
        converted.append(int((s.rail_converted == 0).sum()))
    assert converted == sorted(converted) and converted[-1] > converted[0]
    assert np.any(usable_rail(s, 0)[hexi(s, (6, 5))])
