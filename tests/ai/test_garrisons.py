"""Threatened garrisons go to the strongest units sent there: a weaker unit standing in the place
makes room for a stronger one that can reach it this phase, and keeps its place when none can."""

from __future__ import annotations

import dataclasses

from game.ai import goals, maneuver, planner
from game.ai.config import LEVELS
from game.ai.situation import Situation
from game.core.engine import apply
from game.core.orders import EndPhase
from game.core.rules.movement import movement_ranges
from game.core.state import GameState
from tests.conftest import only_units, unit

BAYAN = (6, 6)  # a Japanese place of the tiny scenario


def japan_at_bayan(tiny: GameState, placements: dict[str, tuple[int, int]]) -> tuple[Situation, dict, dict]:
    """Japan's phase with a stack of one and both Japanese ground units sent to hold Bayan, Soviets near."""
    tiny.scenario.movement = dataclasses.replace(tiny.scenario.movement, stack_max=1)
    s = only_units(tiny, {**placements, "rd_124": (4, 6), "rd_192": (4, 7)}, turn=2)
    apply(s, EndPhase())
    v = planner.sanitized_view(s, 1)
    sit = Situation(v, 1, LEVELS["normal"])
    units = [unit(v, "id_107"), unit(v, "tk_1")]
    ranges = {mr.unit: mr for mr in movement_ranges(v, units)}
    bayan = next(g for g in goals.side_goals(sit) if g.name == "bayan")
    assert bayan.kind == goals.HOLD and bayan.threatened
    return sit, ranges, {u: bayan for u in units}


def test_a_weaker_unit_in_the_place_makes_room_for_a_stronger_one(tiny: GameState) -> None:
    sit, ranges, sent = japan_at_bayan(tiny, {"id_107": BAYAN, "tk_1": (7, 6)})
    weak, strong = unit(sit.state, "id_107"), unit(sit.state, "tk_1")
    assert sit.power[strong] > sit.power[weak]
    stacks = maneuver.garrisons(sit, ranges, sent)
    assert stacks.keep == {strong} and stacks.yielding == {weak}
    moves = dict(maneuver.plan_moves(sit, ranges, sent, list(sent)))
    bayan = sit.grid.index(BAYAN)
    assert moves[strong] == bayan
    assert moves.get(weak, bayan) != bayan  # it stepped out


def test_without_the_room_rule_the_weaker_unit_kept_the_place(tiny: GameState) -> None:
    """The behaviour the rule fixes: with no threatened goal, the unit standing there stays."""
    sit, ranges, sent = japan_at_bayan(tiny, {"id_107": BAYAN, "tk_1": (7, 6)})
    for g in sent.values():
        g.threatened = False
    moves = dict(maneuver.plan_moves(sit, ranges, sent, list(sent)))
    assert unit(sit.state, "id_107") not in moves


def test_nobody_yields_to_help_that_cannot_come(tiny: GameState) -> None:
    sit, ranges, sent = japan_at_bayan(tiny, {"id_107": BAYAN, "tk_1": (11, 0)})
    weak, strong = unit(sit.state, "id_107"), unit(sit.state, "tk_1")
    assert not (ranges[strong].hexes == sit.grid.index(BAYAN)).any()
    stacks = maneuver.garrisons(sit, ranges, sent)
    assert stacks.keep == {weak} and not stacks.yielding
    assert weak not in dict(maneuver.plan_moves(sit, ranges, sent, list(sent)))
