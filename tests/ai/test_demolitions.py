"""The computer player's demolitions: a rearguard outgunned on its own ground blows its road; ground
taken from the enemy and, at normal, a rearguard strong enough to hold are left whole; hard on the
defensive blows that one too; easy blows nothing."""

from __future__ import annotations

import pytest

from game.ai.config import LEVELS
from game.ai.planner import plan_phase
from game.core.engine import apply
from game.core.orders import Demolish, EndPhase
from game.core.rules.demolition import DemolitionRules
from game.core.state import GameState
from game.core.view import view
from tests.conftest import only_units

RULES = DemolitionRules(entry_cost=(1.0, 1.0, 4.0, 3.0), mp_share=0.5, repair_days=2)


def japan_to_plan(tiny: GameState, placements: dict[str, tuple[int, int]]) -> GameState:
    """Japan's phase of turn 2 on a known board, with demolitions in the rules."""
    tiny.scenario.demolition = RULES
    s = only_units(tiny, placements, turn=2)
    apply(s, EndPhase())
    return s


def blown(s: GameState, level: str = "normal") -> set[str]:
    return {o.unit for o in plan_phase(view(s, s.side), LEVELS[level]) if isinstance(o, Demolish)}


def test_an_outgunned_rearguard_on_its_own_ground_blows_its_road(tiny: GameState) -> None:
    s = japan_to_plan(tiny, {"id_107": (6, 2), "rd_124": (5, 3), "rd_192": (5, 4), "tb_206": (4, 4)})
    assert s.scenario.initial_control[s.scenario.map.grid.index((6, 2))] == 1  # Japan's ground at the start
    assert blown(s) == {"id_107"}
    assert blown(s, "easy") == set()


def test_a_rearguard_that_outguns_its_enemy_blows_its_road_only_at_hard(tiny: GameState) -> None:
    s = japan_to_plan(tiny, {"id_107": (6, 2), "rd_94": (4, 3)})  # a weak division two hexes off
    assert blown(s) == set()
    assert blown(s, "hard") == {"id_107"}


def test_ground_taken_from_the_enemy_is_left_whole(tiny: GameState) -> None:
    s = japan_to_plan(tiny, {"id_107": (6, 2), "rd_124": (5, 3), "rd_192": (5, 4), "tb_206": (4, 4)})
    s.scenario.initial_control = s.scenario.initial_control.copy()
    s.scenario.initial_control[s.scenario.map.grid.index((6, 2))] = 0  # as if Japan had taken it
    assert blown(s) == set()


def test_a_rearguard_with_no_enemy_in_reach_blows_nothing(tiny: GameState) -> None:
    s = japan_to_plan(tiny, {"id_107": (6, 2), "rd_124": (0, 9)})
    assert blown(s) == set()


@pytest.mark.parametrize("level", ["normal", "hard"])
def test_every_demolition_planned_is_one_the_engine_takes(tiny: GameState, level: str) -> None:
    s = japan_to_plan(tiny, {"id_107": (6, 2), "tk_1": (6, 4), "rd_124": (5, 3), "rd_192": (5, 4),
                             "tb_206": (4, 4)})
    for order in plan_phase(view(s, s.side), LEVELS[level]):
        apply(s, order)  # raises IllegalOrder if the plan holds an order the rules refuse
    assert s.extra.get("wrecks", 0) >= 1
