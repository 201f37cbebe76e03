"""`tournament` on the tiny scenario: a row per side and pairing, counts within 0..N, the JSON keys,
the same seeds giving the same table, and each set-up played once."""

from __future__ import annotations

import contextlib
import json

import pytest

from game.ai.players import Player
from game.ai.runs import run_many
from game.cli import main
from game.tournament import PAIRINGS, format_table, setups_needed, target
from tests.conftest import TINY

ARGS = ["tournament", str(TINY), "--runs", "2", "--workers", "1", "--seed", "3"]


def _run(capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main([*ARGS, *extra]) == 0
    return capsys.readouterr().out


def test_the_json_has_a_row_per_side_and_pairing_with_counts_in_range(capsys: pytest.CaptureFixture[str]) -> None:
    result = json.loads(_run(capsys, "--json"))
    for key in ("scenario", "sides", "seeds", "runs", "games", "rows", "refused_orders"):
        assert key in result, key
    assert result["sides"] == ["soviet", "japan"] and result["seeds"] == [3, 4] and result["runs"] == 2
    assert result["games"] == 16  # 8 distinct set-ups x 2 seeds: shared set-ups are not played twice
    assert isinstance(result["refused_orders"], int) and result["refused_orders"] >= 0
    rows = {(r["side"], r["pairing"]): r for r in result["rows"]}
    assert set(rows) == {(s, p.key) for s in ("soviet", "japan") for p in PAIRINGS}
    for r in rows.values():
        assert 0 <= r["improved"] <= r["runs"] == 2
        assert r["min_gain"] <= r["median_gain"] <= r["max_gain"] and len(r["gains"]) == 2
        if r["pairing"] == "ai_vs_pass":  # a reference: no target, neither met nor missed
            assert r["target"] is None and r["meets"] is None and r["control"] == "pass"
        else:
            assert r["target"] == 2 and r["meets"] == (r["improved"] >= r["target"])
    table = format_table(result)
    assert table.count("\nsoviet ") == 4 and "targets met:" in table and " of 6 " in table


def test_the_same_seeds_give_the_same_table(capsys: pytest.CaptureFixture[str]) -> None:
    first = _run(capsys)
    assert first == _run(capsys)
    lines = first.splitlines()
    assert sum(line.startswith(("soviet ", "japan ")) for line in lines) == 8
    assert "AI vs baseline" in first and ">= 2" in first and "orders refused by the engine" in first
    assert sum(line.startswith(("soviet ", "japan ")) and " ref " in line for line in lines) == 2


def test_targets_scale_with_the_runs() -> None:
    assert [target(0.9, 10), target(0.7, 10), target(0.9, 2), target(0.7, 3), target(0.9, 20)] == [9, 7, 2, 3, 18]


def test_every_set_up_is_listed_once() -> None:
    setups = setups_needed(["a", "b"])
    assert len(setups) == len(set(setups)) == 8
    assert (("pass", "normal"), ("ai", "normal")) in setups and (("ai", "normal"), ("pass", "normal")) in setups


def test_run_many_takes_a_level_per_side_and_counts_refusals(monkeypatch: pytest.MonkeyPatch) -> None:
    import game.ai.runs as runs

    made: list[tuple[str, str]] = []
    real = runs.make_player

    def recording(name: str, level: str = "normal") -> Player:
        made.append((name, level))
        return real(name, level)

    monkeypatch.setattr(runs, "make_player", recording)
    docs = run_many(TINY, [1], {"soviet": "ai", "japan": "ai"}, {"soviet": "hard"}, turns=1, workers=1)
    assert docs[0]["difficulty"] == {"soviet": "hard"} and docs[0]["refused_orders"] == 0
    assert made == [("ai", "hard"), ("ai", "normal")]  # sides left out play normal
    plain = run_many(TINY, [1], {"soviet": "ai", "japan": "baseline"}, "easy", turns=1, workers=1)
    assert plain[0]["difficulty"] == "easy"


def test_run_one_counts_the_orders_the_engine_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import game.ai.runs as runs
    from game.core.game import Game
    from game.core.orders import EndPhase, IllegalOrder, Move

    def clumsy(game: Game) -> list:
        with contextlib.suppress(IllegalOrder):
            game.play(Move("no_such_unit", (0, 0)))
        return game.play(EndPhase())

    monkeypatch.setattr(runs, "make_player", lambda _name, _level="normal": clumsy)
    doc = runs.run_one(TINY, 1, {"soviet": "pass", "japan": "pass"}, turns=1)
    assert doc["refused_orders"] == 2  # one a phase, two phases in the first turn


def test_the_margin_counts_how_long_places_were_held_not_only_the_end() -> None:
    """Two games that end alike: the side that held its ground longer has the larger margin."""
    from game.tournament import end_margin, margin

    def doc(japan_by_turn: list[int]) -> dict:
        turns = [{"sides": {"soviet": {"victory_points": 300 - j}, "japan": {"victory_points": j}}}
                 for j in japan_by_turn]
        return {"victory_points": {"soviet": 300 - japan_by_turn[-1], "japan": japan_by_turn[-1]}, "turns": turns}

    held_long, fell_fast = doc([250, 240, 200, 10]), doc([250, 100, 20, 10])
    assert end_margin(held_long, "japan") == end_margin(fell_fast, "japan") == -280
    assert margin(held_long, "japan") > margin(fell_fast, "japan")
    assert margin(held_long, "soviet") < margin(fell_fast, "soviet")
    assert margin({"victory_points": {"soviet": 5, "japan": 2}}, "japan") == -3  # no turns recorded: the end
