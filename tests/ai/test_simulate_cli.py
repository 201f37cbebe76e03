"""`simulate` as a user runs it: the AI by default, a difficulty, many seeds with a summary table."""

from __future__ import annotations

import json

from game.ai.runs import format_summary, run_many, summarize
from tests.conftest import TINY
from tests.test_cli import run


def test_simulate_plays_the_ai_by_default_and_summarises() -> None:
    out = run("simulate", str(TINY), "--difficulty", "hard")
    assert out.returncode == 0, out.stderr
    assert "soviet = ai, japan = ai; hard" in out.stdout and "result:" in out.stdout
    assert "turn  1" in out.stderr


def test_simulate_json_keeps_the_keys_and_names_the_players() -> None:
    out = run("simulate", str(TINY), "--json", "--japan", "baseline", "--seed", "3")
    doc = json.loads(out.stdout)
    assert doc["players"] == {"soviet": "ai", "japan": "baseline"} and doc["seed"] == 3
    for key in ("winner", "result", "turns_played", "wall_s", "ai_turn_s", "turns", "captures", "link_ups"):
        assert key in doc
    side = doc["turns"][-1]["sides"]["soviet"]
    assert {"men", "tanks", "aircraft", "casualties", "units_out_of_supply", "deepest_advance_km",
            "objectives_held", "victory_points"} <= set(side)


def test_simulate_runs_many_seeds_and_prints_a_table(tmp_path) -> None:
    out = run("simulate", str(TINY), "--runs", "3", "--workers", "2", "--report", str(tmp_path / "report.html"))
    assert out.returncode == 0, out.stderr
    assert "3 games" in out.stdout and "win rate" in out.stdout and "median turn" in out.stdout
    assert "3/3 games" in out.stderr  # the progress bar


def test_simulate_rejects_an_unknown_difficulty() -> None:
    out = run("simulate", str(TINY), "--difficulty", "impossible")
    assert out.returncode == 2 and "invalid choice" in out.stderr


def test_summary_of_many_games() -> None:
    docs = run_many(TINY, range(1, 4), {"soviet": "ai", "japan": "baseline"}, workers=1)
    summary = summarize(docs)
    assert summary["games"] == 3 and summary["objectives"]["bayan"]["soviet"]["taken_in"] > 0.5
    assert summary["link_ups"]["Meet at Bayan"]["made_in"] >= 0
    assert "bayan" in format_summary(summary)
