"""Manchuria 1944 against the chapter, AI against AI at normal difficulty (slow: `make test-all`).

The scenario's calibration targets (scenarios/manchuria_1944/calibration.yaml, from
reference/manchuria-facts.md §5) over ten seeds, each passing in at least 8 of 10 games, as
`simulate --runs 10 --calibrate` reports them; the great cities taken over twenty seeds; the AI
against the greedy baseline from either side; whole games without a single refused order.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from game.ai.match import play_match
from game.ai.players import make_player
from game.ai.runs import first_capture, run_many
from game.calibration import calibration_path, evaluate, load_calibration
from game.scenario.build import load_game
from tests.ai.conftest import MANCHURIA, counting

SEEDS = range(1, 21)
COMPARE = range(1, 11)


@cache
def games(soviet: str, japan: str, seeds: range) -> tuple[dict[str, Any], ...]:
    return tuple(run_many(MANCHURIA, seeds, {"soviet": soviet, "japan": japan}, "normal"))


def share(docs: tuple[dict[str, Any], ...], test: Any) -> float:
    return sum(1 for d in docs if test(d)) / len(docs)


def losses(doc: dict[str, Any], side: str) -> int:
    c = doc["turns"][-1]["sides"][side]["casualties"]
    return int(c["killed"] + c["wounded"] + c["captured"])


CALIBRATION_SEEDS = range(1944, 1954)  # what `simulate manchuria_1944 --runs 10 --calibrate` plays


@cache
def calibration() -> dict[str, Any]:
    """The scenario's calibration targets (calibration.yaml) over ten AI-vs-AI games."""
    cal = load_calibration(calibration_path(MANCHURIA))
    return evaluate(cal, list(games("ai", "ai", CALIBRATION_SEEDS)))


def _target_names() -> list[str]:
    return [t.name for t in load_calibration(calibration_path(MANCHURIA)).targets]


@pytest.mark.slow
@pytest.mark.parametrize("name", _target_names())
def test_the_campaign_meets_its_calibration_target(name: str) -> None:
    """Pace, fuel, fortresses, losses and prisoners against the record (reference/manchuria-facts.md §5)."""
    result = next(r for r in calibration()["targets"] if r["name"] == name)
    assert result["pass"], result


@pytest.mark.slow
@pytest.mark.parametrize("place", ["harbin", "shenyang", "qiqihar", "yuzhno_sakhalinsk"])
def test_the_cities_and_southern_sakhalin_fall(place: str) -> None:
    docs = games("ai", "ai", SEEDS)
    assert share(docs, lambda d: first_capture(d, place, "soviet") is not None) > 0.5
    assert share(docs, lambda d: d["final_control"][place] == "soviet") > 0.5


@pytest.mark.slow
def test_the_ai_beats_the_baseline_from_either_side() -> None:
    base = games("baseline", "baseline", COMPARE)
    soviet_ai = games("ai", "baseline", COMPARE)
    japan_ai = games("baseline", "ai", COMPARE)
    soviet_better = sum(a["victory_points"]["soviet"] > b["victory_points"]["soviet"]
                        for a, b in zip(soviet_ai, base, strict=True))
    japan_better = sum(a["victory_points"]["japan"] > b["victory_points"]["japan"]
                       for a, b in zip(japan_ai, base, strict=True))
    assert soviet_better >= 0.9 * len(base) and japan_better >= 0.9 * len(base)


@pytest.mark.slow
def test_the_japanese_ai_holds_out_longer_than_the_baseline_against_the_soviet_ai() -> None:
    """Issue 13: against the Soviet AI, the Japanese AI keeps a larger VP margin over the game (the
    tournament's measure: VP held turn by turn, so time bought counts) than the baseline defender. The
    issue's target is 9 of 10 seeds, which `tournament` reports; this guards against a regression. (It was
    a strict expected failure until the garrisons stood: fortress units keeping their works and cut-off cities
    held, `goals.standing_garrisons` and `MovePlanner.stands_fast`.)"""
    from game.tournament import margin

    ai = games("ai", "ai", COMPARE)
    base = games("ai", "baseline", COMPARE)
    better = sum(margin(a, "japan") > margin(b, "japan") for a, b in zip(ai, base, strict=True))
    assert better >= 8, [(margin(a, "japan"), margin(b, "japan")) for a, b in zip(ai, base, strict=True)]


@pytest.mark.slow
@pytest.mark.parametrize("level", ["easy", "hard"])
def test_whole_games_without_a_refused_order(level: str) -> None:
    game = counting(load_game(MANCHURIA, 31), 31)
    play_match(game, [make_player("ai", level), make_player("ai", level)])
    assert game.state.game_over and game.refused == 0
