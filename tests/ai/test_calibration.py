"""Manchuria 1944 against the chapter, AI against AI at normal difficulty (slow: `make test-all`).

Twenty seeds, in parallel processes. The targets come from the chapter and the 1945 campaign
(reference/manchuria-facts.md sections 0 and 5): a deep advance in the first week, the fronts
joined at Changchun, the great cities taken, southern Sakhalin cleared, and the Kwantung Army
losing several times what the Red Army loses. Then the AI against the greedy baseline from
either side, and whole games without a single refused order.
"""

from __future__ import annotations

import statistics
from functools import cache
from typing import Any

import pytest

from game.ai.match import play_match
from game.ai.players import make_player
from game.ai.runs import first_capture, run_many, turn_side
from game.scenario.build import load_game
from tests.ai.conftest import MANCHURIA, counting

SEEDS = range(1, 21)
COMPARE = range(1, 11)
LINK_UP = "Fronts join at Changchun"


@cache
def games(soviet: str, japan: str, seeds: range) -> tuple[dict[str, Any], ...]:
    return tuple(run_many(MANCHURIA, seeds, {"soviet": soviet, "japan": japan}, "normal"))


def share(docs: tuple[dict[str, Any], ...], test: Any) -> float:
    return sum(1 for d in docs if test(d)) / len(docs)


def losses(doc: dict[str, Any], side: str) -> int:
    c = doc["turns"][-1]["sides"][side]["casualties"]
    return int(c["killed"] + c["wounded"] + c["captured"])


@pytest.mark.slow
def test_the_first_week_goes_deep() -> None:
    docs = games("ai", "ai", SEEDS)
    assert share(docs, lambda d: turn_side(d, 7, "soviet")["deepest_advance_km"] >= 250) >= 0.8


@pytest.mark.slow
def test_the_fronts_join_at_changchun() -> None:
    docs = games("ai", "ai", SEEDS)
    joined = share(docs, lambda d: d["final_control"]["changchun"] == "soviet"
                   and next(lu["turn"] for lu in d["link_ups"] if lu["name"] == LINK_UP) is not None)
    assert joined >= 0.8


@pytest.mark.slow
@pytest.mark.parametrize("place", ["harbin", "shenyang", "qiqihar", "yuzhno_sakhalinsk"])
def test_the_cities_and_southern_sakhalin_fall(place: str) -> None:
    docs = games("ai", "ai", SEEDS)
    assert share(docs, lambda d: first_capture(d, place, "soviet") is not None) > 0.5
    assert share(docs, lambda d: d["final_control"][place] == "soviet") > 0.5


@pytest.mark.slow
def test_the_kwantung_army_loses_several_times_what_the_red_army_loses() -> None:
    docs = games("ai", "ai", SEEDS)
    soviet = statistics.median(losses(d, "soviet") for d in docs)
    japan = statistics.median(losses(d, "japan") for d in docs)
    assert japan >= 3 * soviet
    assert soviet < 200_000  # the baseline lost over a million to supply before this calibration


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
def test_an_ai_defender_costs_the_soviets_more_than_the_baseline_defender() -> None:
    against_ai = statistics.median(losses(d, "soviet") for d in games("ai", "ai", COMPARE))
    against_baseline = statistics.median(losses(d, "soviet") for d in games("ai", "baseline", COMPARE))
    assert against_ai > 1.2 * against_baseline


@pytest.mark.slow
@pytest.mark.parametrize("level", ["easy", "hard"])
def test_whole_games_without_a_refused_order(level: str) -> None:
    game = counting(load_game(MANCHURIA, 31), 31)
    play_match(game, [make_player("ai", level), make_player("ai", level)])
    assert game.state.game_over and game.refused == 0
