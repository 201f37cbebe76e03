"""Air missions: ground support, interdiction, patrols and air battles, air supply."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.engine import apply
from game.core.events import AirBattle
from game.core.orders import AirMission, Attack, EndPhase, IllegalOrder, Move
from game.core.rules.battle import preview
from game.core.rules.movement import movement_range
from game.core.state import GameState
from tests.conftest import only_units, unit


def test_ground_support_adds_to_an_attack(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (1, 3), "id_107": (2, 3), "ad_12": (1, 6)}, turn=2)
    plain = preview(s, Attack(("rd_124",), (2, 3))).defender_losses["men"]
    apply(s, AirMission("ad_12", "ground_support", (2, 3)))
    supported = preview(s, Attack(("rd_124",), (2, 3)))
    assert supported.defender_losses["men"] > plain * 1.5
    assert any(m["name"].startswith("air support") for m in supported.modifiers)


def test_interdiction_slows_the_enemy(tiny: GameState) -> None:
    s = only_units(tiny, {"ad_12": (1, 6), "id_107": (6, 6), "rd_124": (0, 0)}, turn=1)
    apply(s, EndPhase())
    before = movement_range(s, unit(s, "id_107")).cost.copy()
    apply(s, EndPhase())
    apply(s, AirMission("ad_12", "interdiction", (6, 5)))
    apply(s, EndPhase())
    after = movement_range(s, unit(s, "id_107")).cost
    grid = s.scenario.map.grid
    assert after[grid.index((6, 5))] == before[grid.index((6, 5))] + 1


def test_a_patrol_fights_an_incoming_mission_and_speed_counts(tiny: GameState) -> None:
    s = only_units(tiny, {"ad_12": (1, 6), "air_2": (7, 2), "id_107": (6, 6)}, turn=2)
    apply(s, EndPhase())
    apply(s, AirMission("air_2", "air_superiority", (6, 5)))
    apply(s, EndPhase())
    events = apply(s, AirMission("ad_12", "ground_support", (6, 6)))
    battle = next(e for e in events if isinstance(e, AirBattle))
    assert battle.mission_lost > 0 and battle.patrols_lost > 0
    lost = s.unit_lost_equipment[unit(s, "ad_12")].sum() + s.unit_lost_equipment[unit(s, "air_2")].sum()
    assert lost == battle.mission_lost + battle.patrols_lost


def test_air_supply_keeps_a_cut_off_unit_moving(tiny: GameState) -> None:
    s = only_units(tiny, {"ad_12": (1, 6), "tb_206": (9, 3), "id_107": (6, 8)}, turn=2)
    u = unit(s, "tb_206")
    s.unit_fuel[u] = 0.0
    s.unit_oos[u] = 3
    assert movement_range(s, u).destinations().size == 0
    apply(s, AirMission("ad_12", "air_supply", (9, 3)))
    assert s.unit_fuel[u] > 0 and s.unit_oos[u] == 0  # supplied by air: no attrition this turn
    dest = movement_range(s, u).destinations()
    assert dest.size > 0
    apply(s, Move("tb_206", s.scenario.map.grid.hex_at(int(dest[0]))))


@pytest.mark.parametrize("order,words", [
    (AirMission("ad_12", "ground_support", (11, 0)), "beyond"),
    (AirMission("ad_12", "sightseeing", (2, 3)), "unknown mission"),
    (AirMission("rd_124", "ground_support", (2, 3)), "not one of your air units"),
    (AirMission("air_2", "ground_support", (2, 3)), "not one of your air units"),
    (AirMission("ad_12", "air_supply", (5, 5)), "no unit of yours"),
])
def test_illegal_missions(tiny: GameState, order: AirMission, words: str) -> None:
    s = only_units(tiny, {"ad_12": (1, 6), "air_2": (7, 2), "rd_124": (1, 3), "id_107": (2, 3)}, turn=2)
    with pytest.raises(IllegalOrder, match=words):
        apply(s, order)


def test_one_mission_a_turn_and_back_at_base_next_phase(tiny: GameState) -> None:
    s = only_units(tiny, {"ad_12": (1, 6), "rd_124": (1, 3), "id_107": (2, 3)}, turn=2)
    apply(s, AirMission("ad_12", "ground_support", (2, 3)))
    with pytest.raises(IllegalOrder, match="flown its mission"):
        apply(s, AirMission("ad_12", "interdiction", (2, 3)))
    apply(s, EndPhase())
    assert s.unit_mission[unit(s, "ad_12")] >= 0  # still over the target during the enemy's phase
    apply(s, EndPhase())
    assert s.unit_mission[unit(s, "ad_12")] == -1
    assert np.all(s.unit_mission_target[s.scenario.unit_side == 0] == -1)
