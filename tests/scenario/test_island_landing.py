"""The guide's worked example, scenarios/island_landing_1945, validates and plays: the landing is made."""

from __future__ import annotations

from game.ai.match import play_match
from game.ai.players import make_player
from game.core.game import Game
from game.paths import SCENARIOS
from game.scenario.build import load_game

ISLAND_WEST_EDGE = 10  # the strait is columns 7-9: a Soviet unit east of it came by sea


def test_the_computer_lands_and_fights_on_the_island() -> None:
    state = load_game(SCENARIOS / "island_landing_1945")
    game = Game(state, state.scenario.seed)
    play_match(game, [make_player("ai")] * 2, max_turns=4)
    st = game.state
    grid = st.scenario.map.grid
    soviet = st.scenario.side_index["soviet"]
    ashore = [st.scenario.units[u].id for u in st.ground_units_of(soviet)
              if grid.hex_at(int(st.unit_hex[u]))[0] >= ISLAND_WEST_EDGE]
    assert len(ashore) >= 2, ashore
    assert st.extra.get("landed:Kokutan landing", 0) == len(ashore)
