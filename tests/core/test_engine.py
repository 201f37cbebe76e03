"""State, orders and the turn sequence: clone, hash, determinism, legal orders, game end."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.ai.match import play_match
from game.ai.players import baseline_player
from game.core.engine import IllegalOrder, apply, legal_orders
from game.core.events import Arrived, GameOver, PhaseEnded, SupplyReport, TurnBegan
from game.core.game import Game
from game.core.orders import EndPhase, Move
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.paths import ROOT
from tests.conftest import TINY


def test_clone_is_independent_and_hash_follows_the_state(tiny: GameState) -> None:
    copy = tiny.clone()
    assert copy.state_hash() == tiny.state_hash()
    apply(copy, Move("tb_206", (4, 4)))
    assert copy.state_hash() != tiny.state_hash()
    assert copy.scenario is tiny.scenario  # the static part is shared, not copied
    assert tiny.unit_hex[tiny.scenario.unit_index["tb_206"]] != copy.unit_hex[copy.scenario.unit_index["tb_206"]]


def test_rng_lives_in_the_state(tiny: GameState) -> None:
    copy = tiny.clone()
    assert tiny.rng.random() == copy.rng.random()
    tiny.rng.random()
    assert tiny.state_hash() != copy.state_hash()


def test_legal_orders_are_all_accepted(tiny: GameState) -> None:
    orders = legal_orders(tiny)
    assert orders[-1] == EndPhase()
    moves = [o for o in orders if isinstance(o, Move)]
    assert len(moves) > 20
    for order in moves[::7]:
        trial = tiny.clone()
        apply(trial, order)  # raises if the engine disagrees with legal_orders


def test_turn_sequence_and_game_over(tiny: GameState) -> None:
    events = apply(tiny, EndPhase())
    assert events[0] == PhaseEnded("soviet", 1) and isinstance(events[-1], SupplyReport) and tiny.side == 1
    events = apply(tiny, EndPhase())
    assert any(isinstance(e, TurnBegan) for e in events) and tiny.turn == 2 and tiny.side == 0
    for _ in range(3):
        events = apply(tiny, EndPhase())
    events = apply(tiny, EndPhase())
    assert tiny.game_over and isinstance(events[-1], GameOver)
    assert legal_orders(tiny) == []


def test_reinforcement_arrives_on_its_turn(tiny: GameState) -> None:
    u = tiny.scenario.unit_index["cd_59"]
    assert tiny.unit_hex[u] == OFF_MAP
    with pytest.raises(IllegalOrder, match="not on the map"):
        apply(tiny, Move("cd_59", (1, 5)))
    apply(tiny, EndPhase())
    events = apply(tiny, EndPhase())
    assert Arrived("cd_59", (0, 5)) in events
    assert tiny.unit_hex[u] == tiny.scenario.map.grid.index((0, 5))
    apply(tiny, Move("cd_59", (1, 5)))


def test_reinforcement_waits_while_the_enemy_holds_its_hex(tiny: GameState) -> None:
    tiny.unit_hex[tiny.scenario.unit_index["id_107"]] = tiny.scenario.map.grid.index((0, 5))
    apply(tiny, EndPhase())
    events = apply(tiny, EndPhase())
    assert not any(isinstance(e, Arrived) for e in events)
    assert tiny.unit_hex[tiny.scenario.unit_index["cd_59"]] == OFF_MAP


def test_held_back_units_wait_for_their_turn(tiny: GameState) -> None:
    with pytest.raises(IllegalOrder, match="held back until turn 2"):
        apply(tiny, Move("rd_94", (1, 8)))
    assert not any(isinstance(o, Move) and o.unit == "rd_94" for o in legal_orders(tiny))
    apply(tiny, EndPhase())
    apply(tiny, EndPhase())
    apply(tiny, Move("rd_94", (1, 8)))


def test_air_units_do_not_march_or_block(tiny: GameState) -> None:
    with pytest.raises(IllegalOrder, match="air unit"):
        apply(tiny, Move("ad_12", (2, 6)))
    # the Japanese may not enter Borzya's hex only because of ground units; the air base alone does not
    # hold a hex or exert a zone of control
    from game.core.rules.movement import enemy_occupied, enemy_zoc

    grid = tiny.scenario.map.grid
    tiny.unit_hex[tiny.scenario.unit_index["rd_192"]] = grid.index((3, 8))
    tiny.unit_hex[tiny.scenario.unit_index["rd_94"]] = grid.index((4, 9))
    assert not enemy_occupied(tiny, 1)[grid.index((1, 6))]
    assert not enemy_zoc(tiny, 1)[grid.index((2, 6))]


def test_baseline_game_takes_objectives(tiny: GameState) -> None:
    record = play_match(Game(tiny, 7), [baseline_player, baseline_player])
    assert tiny.game_over and len(record.turns) == tiny.scenario.turns
    assert {c["place"] for c in record.captures if c["side"] == "soviet"} >= {"bayan"}


def _hashes_in_subprocess() -> list[str]:
    code = (
        "import json; from pathlib import Path\n"
        "from game.scenario.build import load_game\n"
        "from game.ai.players import baseline_player\n"
        "from game.core.game import Game\n"
        f"s = load_game(Path({str(TINY)!r})); hs = []\n"
        "while not s.game_over:\n"
        "    baseline_player(Game(s, 7)); hs.append(s.state_hash())\n"
        "print(json.dumps(hs))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "random", "PATH": ""})
    return json.loads(out.stdout)


def test_same_game_gives_same_hashes_in_two_processes() -> None:
    first, second = _hashes_in_subprocess(), _hashes_in_subprocess()
    assert len(first) == 6 and first == second
