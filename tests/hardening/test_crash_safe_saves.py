"""Saves survive being killed mid-write: the newest complete save always loads, and autosaves
always leave at least one good file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.paths import ROOT, TEST_SCENARIO
from game.persistence.saves import SaveError, load_game

WRITER = """
import sys
from pathlib import Path
from game.core.game import Game
from game.core.orders import EndPhase
from game.persistence.saves import autosave, save_game
from game.scenario.build import load_game
folder = Path(sys.argv[1])
game = Game(load_game(Path(sys.argv[2])), 1)
print("ready", flush=True)
while True:
    if game.state.game_over:  # a new game (saves past the scenario's last turn would be refused)
        game = Game(load_game(Path(sys.argv[2])), 1)
    game.play(EndPhase())
    autosave(game, folder, keep=3)
    save_game(game, folder / "manual.json")
"""


def _kill_while_saving(folder: Path, rng: random.Random) -> None:
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), str(TEST_SCENARIO)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0.0, 0.3))
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def _check_folder(folder: Path) -> int:
    """Every complete save loads; returns how many autosaves there are."""
    saves = [p for p in folder.glob("*.json")]
    for path in saves:
        try:
            load_game(path)
        except SaveError as exc:  # a complete file must never be damaged
            pytest.fail(f"{path.name} does not load after a kill: {exc}")
    return len([p for p in saves if p.name.startswith("autosave-")])


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_writers_never_leave_a_damaged_save(tmp_path: Path, kills: int = 8) -> None:
    rng = random.Random(1944)
    autosaves_seen = 0
    for _ in range(kills):
        _kill_while_saving(tmp_path, rng)
        count = _check_folder(tmp_path)
        autosaves_seen = max(autosaves_seen, count)
        if autosaves_seen:
            assert count >= 1, "a kill left no good autosave"
    assert autosaves_seen >= 1
    print(f"\ncrash-safe saves: {kills} kills, {len(list(tmp_path.glob('*.json')))} saves checked")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_many_kills(tmp_path: Path) -> None:
    test_killed_writers_never_leave_a_damaged_save(tmp_path, kills=60)
