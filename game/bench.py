"""`python main.py bench`: medians of the hot paths, measured on this machine.

Movement and loading run on a generated 90 x 70 map with 300 units (the Foundation issue's
yardstick). Combat, supply and saves run on the Manchuria scenario after a few turns of play
by the baseline players, so units are in contact (on the generated map when Manchuria is
missing). Names are stable and carry their unit; later issues add theirs.

``--scale`` times four costs on generated scenarios at 1x, 4x and 16x the work (map area and
units scaled together, one process, one run) and divides: ``scale_<case>_ratio_16x`` is the time
at 16x the work over the time at 1x. Linear growth gives 16. These are CPU times of the process
(medians): on a shared machine wall time swings with other people's load between the small and
the big runs, which a ratio of growth must not measure.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from game.ai.bench import BUDGETS as AI_BUDGETS
from game.ai.match import play_match
from game.ai.players import baseline_player, candidate_attacks, make_player
from game.core.game import Game
from game.core.orders import IllegalOrder
from game.core.rules import battle
from game.core.rules.movement import movement_range, movement_ranges
from game.core.rules.supply import supply_map
from game.paths import SCENARIOS
from game.persistence.saves import load_game as load_save
from game.persistence.saves import save_game
from game.scenario.build import load_game
from game.scenario.loader import ScenarioError
from game.scenario.synthetic import write_scenario

BUDGETS = {"load_validate_ms": 500.0, "movement_range_side_ms": 50.0, "combat_turn_ms": 50.0,
           "combat_preview_ms": 2.0, "supply_both_sides_ms": 30.0, "save_ms": 200.0, "load_ms": 200.0,
           "frame_pan_median_ms": 2.0, "frame_pan_p95_ms": 4.0, "zoom_first_frame_ms": 8.0, "zoom_full_ms": 35.0,
           "overlay_change_ms": 10.0, "startup_menu_s": 1.5, "new_game_s": 2.0, "computer_phase_window_s": 1.5,
           **AI_BUDGETS}  # in the name's unit
SCALE_CASES = ("load", "move_side", "supply", "ai_phase", "ai_first_phase")
BUDGETS.update({f"scale_{case}_ratio_16x": 20.0 for case in SCALE_CASES[:4]})
SCALE_BASE = (90, 70, 300)  # width, height, units of the 1x scenario
UI_NAMES = ("frame_pan", "zoom_", "overlay_", "startup_menu", "new_game", "computer_phase")
AI_NAMES = ("ai_turn", "game_full")
ATTACKS_PER_TURN = 60


def selects(only: str | None, names: tuple[str, ...]) -> bool:
    """Whether ``bench --only`` wants any figure of a group whose names start with one of ``names``:
    ``only`` may be a part of a prefix ("turn" of "ai_turn"), or a longer name beginning with one
    ("ai_turn_hard" begins with "ai_turn"); the group's own figures are then filtered by ``only``."""
    return not only or any(only in n or only.startswith(n) for n in names)


def _median_ms(fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter) -> float:
    times = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        times.append((clock() - t0) * 1000)
    return round(statistics.median(times), 3)


def run_bench(only: str | None = None, repeat: int = 15) -> dict[str, float]:
    """Times every benchmark (or only those whose name contains ``only``); name -> median."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = write_scenario(Path(tmp) / "bench", width=90, height=70, units=300)
        out.update(_movement_cases(path, only, repeat))
        rules_cases = ("combat", "supply", "save", "load_ms")
        if not only or any(only in c or c in only for c in rules_cases):
            game = _midgame(path)
            out.update(_rules_cases(game, Path(tmp), only, repeat))
    return out


def _movement_cases(path: Path, only: str | None, repeat: int) -> dict[str, float]:
    state = load_game(path)
    side_units = state.units_of(0)
    unit = int(side_units[len(side_units) // 2])
    mr = movement_range(state, unit)
    far = int(mr.destinations()[mr.cost[mr.destinations()].argmax()])
    cases: dict[str, Callable[[], object]] = {
        "load_validate_ms": lambda: load_game(path),
        "movement_range_unit_ms": lambda: movement_range(state, unit),
        "movement_range_side_ms": lambda: movement_ranges(state, side_units),
        "path_unit_ms": lambda: movement_range(state, unit).path_to(far),
    }
    return {name: _median_ms(fn, repeat) for name, fn in cases.items() if not only or only in name}


def _midgame(fallback: Path) -> Game:
    """Manchuria (or the generated map) after the baseline players have closed with each other."""
    try:
        state = load_game(SCENARIOS / "manchuria_1944")
    except (ScenarioError, OSError):
        state = load_game(fallback)
    game = Game(state, state.scenario.seed)
    for turns in range(2, 8):
        play_match(game, [baseline_player, baseline_player], max_turns=turns)
        if len(candidate_attacks(game.state)) >= 3 or game.state.game_over:
            break
    return game


def _rules_cases(game: Game, tmp: Path, only: str | None, repeat: int) -> dict[str, float]:
    state = game.state
    attacks = candidate_attacks(state)
    save_path = tmp / "bench-save.json"
    save_game(game, save_path)

    def combat_turn() -> None:
        trial = state.clone()
        done = 0
        while done < ATTACKS_PER_TURN:
            for attack in attacks:
                try:
                    battle.resolve(trial, attack)
                except IllegalOrder:
                    trial = state.clone()  # attacked already: start again from the same position
                done += 1
                if done == ATTACKS_PER_TURN:
                    return

    cases: dict[str, Callable[[], object]] = {
        "combat_preview_ms": lambda: battle.preview(state, attacks[0]),
        "combat_turn_ms": combat_turn,
        "supply_both_sides_ms": lambda: [supply_map(state, s) for s in range(len(state.scenario.sides))],
        "save_ms": lambda: save_game(game, save_path),
        "load_ms": lambda: load_save(save_path),
    }
    if not attacks:
        cases = {k: v for k, v in cases.items() if not k.startswith("combat")}
    return {name: _median_ms(fn, repeat) for name, fn in cases.items() if not only or only in name}


def run_scale(factors: tuple[int, ...] = (1, 2, 4), base: tuple[int, int, int] = SCALE_BASE,
              repeat: int = 5) -> dict[str, float]:
    """``scale_<case>_<work>x_ms`` and ``scale_<case>_ratio_<work>x`` for each linear factor (work = factor²).

    Cases: loading the scenario, the movement ranges of one side, both sides' supply, and one whole
    AI phase of side 0 (planning and its orders through the engine) on the opening position:
    ``ai_first_phase`` is the first phase played on the scenario, which also searches the goal
    fields (static: cached for the rest of a game), ``ai_phase`` a phase after it (every other
    phase of a game). The budget is on ``ai_phase``; the first phase is reported beside it.
    """
    times: dict[int, dict[str, float]] = {}
    width, height, units = base
    with tempfile.TemporaryDirectory() as tmp:
        for k in factors:
            path = write_scenario(Path(tmp) / f"scale{k}", width=width * k, height=height * k, units=units * k * k)
            times[k] = _scale_times(path, max(1, repeat // k))
    out: dict[str, float] = {}
    first = factors[0]
    for k in factors:
        work = k * k // (first * first)
        for case in SCALE_CASES:
            out[f"scale_{case}_{work}x_ms"] = times[k][case]
            if k != first:
                out[f"scale_{case}_ratio_{work}x"] = round(times[k][case] / times[first][case], 2)
    return out


def _scale_times(path: Path, repeat: int) -> dict[str, float]:
    state = load_game(path)
    side_units = state.units_of(0)
    sides = range(len(state.scenario.sides))
    player = make_player("ai")
    cpu = time.process_time
    movement_ranges(state, side_units)  # once untimed: the map's static tables (step costs, buffers) are
    for s in sides:  # built on first use at any size, and one timed run at 16x must not carry them
        supply_map(state, s)
    return {
        "load": _median_ms(lambda: load_game(path), repeat, cpu),
        "move_side": _median_ms(lambda: movement_ranges(state, side_units), repeat, cpu),
        "supply": _median_ms(lambda: [supply_map(state, s) for s in sides], repeat, cpu),
        "ai_first_phase": _median_ms(lambda: player(Game(state.clone(), 1)), 1, cpu),
        "ai_phase": _median_ms(lambda: player(Game(state.clone(), 1)), max(1, repeat // 2), cpu),
    }
