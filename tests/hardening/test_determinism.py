"""Determinism across processes: the same scenario, seed and orders give identical per-turn state
hashes in two separate Python processes (with different hash seeds)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from game.paths import ROOT, SCENARIOS

PLAY = """
import json, sys
from pathlib import Path
from game.ai.match import play_match
from game.ai.players import baseline_player
from game.core.game import Game
from game.persistence.saves import order_to_json
from game.scenario.build import load_game
game = Game(load_game(Path(sys.argv[1]), 5), 5)
play_match(game, [baseline_player, baseline_player], max_turns=int(sys.argv[2]))
print(json.dumps({"orders": [order_to_json(o) for o in game.log], "hashes": game.turn_hashes}))
"""

REPLAY = """
import json, sys
from pathlib import Path
from game.core.game import replay
from game.persistence.saves import order_from_json
from game.scenario.build import load_game
doc = json.loads(sys.stdin.read())
game = replay(load_game(Path(sys.argv[1]), 5), 5, [order_from_json(o) for o in doc["orders"]])
print(json.dumps(game.turn_hashes))
"""


def _run(code: str, *args: str, stdin: str = "", hash_seed: str = "0") -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, input=stdin, capture_output=True,
                         text=True, env=env, timeout=300, check=True)
    return out.stdout


def test_manchuria_replays_identically_in_another_process() -> None:
    scenario = str(SCENARIOS / "manchuria_1944")
    played = json.loads(_run(PLAY, scenario, "4", hash_seed="1"))
    assert len(played["hashes"]) == 4 and len(played["orders"]) > 100
    replayed = json.loads(_run(REPLAY, scenario, stdin=json.dumps(played), hash_seed="2"))
    assert replayed == played["hashes"]
    again = json.loads(_run(PLAY, scenario, "4", hash_seed="3"))
    assert again["hashes"] == played["hashes"]
