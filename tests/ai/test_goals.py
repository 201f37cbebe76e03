"""The operational layer's goals: a side weaker than the enemy it sees fights a defensive war, going back
for its own places it lost but not raiding the enemy's home ground."""

from __future__ import annotations

from game.ai import goals
from game.ai.config import LEVELS
from game.ai.situation import Situation
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.core.view import view
from tests.ai.conftest import manchuria_after


def take_goals_by_home(state: GameState, side: int) -> dict[int, set[str]]:
    """The side's take goals, by which side held each place at the start of the game."""
    sit = Situation(view(state, side), side, LEVELS["normal"])
    out: dict[int, set[str]] = {}
    for g in goals.side_goals(sit):
        if g.kind == goals.TAKE:
            out.setdefault(int(state.scenario.initial_control[g.hex]), set()).add(g.name)
    return out


def test_the_weaker_side_goes_back_for_its_own_places_but_not_for_the_enemys_home_ground() -> None:
    state = manchuria_after(4)
    assert Situation(view(state, 1), 1, LEVELS["normal"]).outmatched
    japan = take_goals_by_home(state, 1)
    assert 0 not in japan  # no Soviet city is a Japanese goal while Japan is the weaker side
    assert japan.get(1), "the places Japan has lost are goals to take back"


def test_a_side_that_is_not_the_weaker_goes_for_the_enemys_home_places() -> None:
    state = manchuria_after(4)
    scn = state.scenario
    soviet = (scn.unit_side == 0) & scn.unit_ground
    state.unit_hex[soviet] = OFF_MAP  # the Soviet army gone: Japan sees no one stronger
    assert not Situation(view(state, 1), 1, LEVELS["normal"]).outmatched
    assert take_goals_by_home(state, 1).get(0), "with the enemy gone, its cities are goals too"
    assert take_goals_by_home(manchuria_after(4), 0).get(1), "the Soviets go for Japan's places"
