"""The receiver of a play-by-e-mail turn sees the opponent's demolitions it could have watched: the unit
that blew its hex when the hex was in sight, nothing of it when not (the wreck itself is public and
drawn on the map whoever blew it; the report counts it)."""

from __future__ import annotations

from game.core.engine import apply
from game.core.game import Game
from game.core.orders import Demolish, EndPhase
from game.core.rules.demolition import DemolitionRules
from game.core.state import GameState
from game.pbem.playback import DEMOLITION, play_back
from tests.conftest import only_units

SOVIET = 0


def japan_to_move(tiny: GameState, placements: dict[str, tuple[int, int]]) -> Game:
    tiny.scenario.demolition = DemolitionRules(entry_cost=(1.0, 1.0, 4.0, 3.0), mp_share=0.5, repair_days=2)
    s = only_units(tiny, placements, turn=2)
    apply(s, EndPhase())
    return Game(s, 1)


def test_a_demolition_in_sight_names_the_unit_and_its_hex(tiny: GameState) -> None:
    game = japan_to_move(tiny, {"id_107": (6, 2), "rd_124": (5, 3)})
    seen = [s for s in play_back(game, [Demolish("id_107")], SOVIET, frames=True) if s.kind == DEMOLITION]
    assert len(seen) == 1
    assert seen[0].unit == "id_107" and seen[0].hex == (6, 2) and "blows the bridges" in seen[0].text
    assert seen[0].before is not None and seen[0].after is not None
    index = tiny.scenario.map.grid.index((6, 2))
    assert seen[0].before.wreck_days[index] == 0 < seen[0].after.wreck_days[index]


def test_a_demolition_out_of_sight_shows_nothing_of_the_unit(tiny: GameState) -> None:
    game = japan_to_move(tiny, {"id_107": (6, 2), "rd_124": (0, 9)})
    seen = play_back(game, [Demolish("id_107")], SOVIET)
    assert game.state.extra.get("wrecks", 0) == 1  # it was blown
    assert not any(s.kind == DEMOLITION or s.unit == "id_107" for s in seen)
