"""Landings: only the scenario's operations, from their ports, to their beaches, in their numbers."""

from __future__ import annotations

import pytest

from game.core.engine import apply
from game.core.events import Landed
from game.core.orders import EndPhase, IllegalOrder, Landing, Move
from game.core.state import GameState


def at_day_two(state: GameState) -> GameState:
    """Turn 2, the Soviet phase, with the 192nd Rifle Division in Borzya, the operation's port."""
    apply(state, EndPhase())
    apply(state, EndPhase())
    state.unit_hex[state.scenario.unit_index["rd_192"]] = state.scenario.map.grid.index((1, 6))
    return state


def test_a_unit_in_port_lands_next_to_the_target(tiny: GameState) -> None:
    s = at_day_two(tiny)
    events = apply(s, Landing("rd_192", "Lake crossing", (5, 6)))
    assert Landed("rd_192", "Lake crossing", (5, 6)) in events
    u = s.scenario.unit_index["rd_192"]
    assert s.unit_hex[u] == s.scenario.map.grid.index((5, 6)) and s.unit_mp[u] == 0


@pytest.mark.parametrize("order,words", [
    (Landing("rd_192", "Lake crossing", (9, 9)), "not a landing beach"),
    (Landing("rd_192", "Invasion of Japan", (5, 6)), "no landing operation"),
    (Landing("rd_124", "Lake crossing", (5, 6)), "not in a port"),
    (Landing("rd_192", "Lake crossing", (7, 4)), "not a landing beach"),
])
def test_refused_landings(tiny: GameState, order: Landing, words: str) -> None:
    s = at_day_two(tiny)
    with pytest.raises(IllegalOrder, match=words):
        apply(s, order)


def test_not_before_its_turn_nor_after_moving_nor_beyond_its_size(tiny: GameState) -> None:
    tiny.unit_hex[tiny.scenario.unit_index["rd_192"]] = tiny.scenario.map.grid.index((1, 6))
    with pytest.raises(IllegalOrder, match="before turn 2"):
        apply(tiny, Landing("rd_192", "Lake crossing", (5, 6)))
    s = at_day_two(tiny)
    apply(s, Move("rd_192", (1, 5)))
    apply(s, Move("rd_192", (1, 6)))
    with pytest.raises(IllegalOrder, match="already moved"):
        apply(s, Landing("rd_192", "Lake crossing", (5, 6)))
    s.unit_mp[s.scenario.unit_index["rd_192"]] = s.scenario.unit_max_mp[s.scenario.unit_index["rd_192"]]
    s.unit_hex[s.scenario.unit_index["rd_124"]] = s.scenario.map.grid.index((1, 6))
    apply(s, Landing("rd_192", "Lake crossing", (5, 6)))
    with pytest.raises(IllegalOrder, match="carried all the 1 units"):
        apply(s, Landing("rd_124", "Lake crossing", (5, 5)))
