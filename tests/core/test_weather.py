"""Weather from the scenario: rain makes movement dearer (wheels most) and grounds half the sorties."""

from __future__ import annotations

from game.core.engine import apply
from game.core.orders import AirMission, Attack
from game.core.rules.battle import preview
from game.core.rules.movement import movement_range
from game.core.state import GameState
from tests.conftest import only_units


def test_rain_turn_is_read_from_the_scenario(tiny: GameState) -> None:
    names = tiny.scenario.weather_names
    assert [names[tiny.scenario.weather_by_turn.get(t, 0)] for t in (1, 2, 3)] == ["clear", "clear", "rain"]


def test_rain_raises_movement_costs_by_class(tiny: GameState) -> None:
    s = only_units(tiny, {"tb_206": (1, 3), "rd_124": (1, 8)}, turn=2)
    g = s.scenario.map.grid
    dry_tank = movement_range(s, s.scenario.unit_index["tb_206"]).cost[g.index((2, 3))]
    dry_foot = movement_range(s, s.scenario.unit_index["rd_124"]).cost[g.index((0, 8))]
    s.turn = 3
    assert movement_range(s, s.scenario.unit_index["tb_206"]).cost[g.index((2, 3))] == dry_tank * 1.5
    assert movement_range(s, s.scenario.unit_index["rd_124"]).cost[g.index((0, 8))] == dry_foot * 1.25


def test_rain_halves_air_support(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (1, 3), "id_107": (2, 3), "ad_12": (1, 6)}, turn=2)
    apply(s, AirMission("ad_12", "ground_support", (2, 3)))
    dry = preview(s, Attack(("rd_124",), (2, 3)))
    s.turn = 3
    wet = preview(s, Attack(("rd_124",), (2, 3)))

    def power(pv: object) -> float:
        return next(m["value"] for m in pv.modifiers if m["name"].startswith("air support"))  # type: ignore[attr-defined]

    assert power(wet) == power(dry) / 2
