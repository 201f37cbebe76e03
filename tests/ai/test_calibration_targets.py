"""Calibration targets measured on hand-made `simulate --json` documents, the calibration file's
errors, and the per-turn keys `simulate --json` must carry for them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from game.calibration import evaluate, format_report, load_calibration
from game.scenario.build import load_game
from game.scenario.calibration_schema import CalibrationFile
from game.scenario.loader import ScenarioError
from tests.ai.conftest import MANCHURIA
from tests.conftest import TINY
from tests.test_cli import run

FORTS = ["hailar", "hutou"]


def side(**kw: Any) -> dict[str, Any]:
    base = {"men": 1000, "tanks": 10, "casualties": {"killed": 0, "wounded": 0, "captured": 0}, "tanks_lost": 0,
            "units_out_of_supply": 0, "low_fuel_units": 0, "deepest_advance_km": 0.0}
    return base | kw


def game(seed: int, advance: list[float] | None = None, control: list[dict[str, str]] | None = None,
         captures: list[tuple[str, int]] | None = None, link_up: int | None = None, **last: Any) -> dict[str, Any]:
    """A document of ``len(advance)`` turns: the Soviet deepest advance and place control per turn."""
    advance = advance or [100.0, 200.0, 300.0]
    turns = []
    for i, km in enumerate(advance):
        extra = last if i == len(advance) - 1 else {}
        turns.append({"turn": i + 1, "sides": {"soviet": side(deepest_advance_km=km, **extra), "japan": side()},
                      "control": (control[i] if control else {p: "japan" for p in FORTS})})
    taken = [{"place": p, "turn": t, "side": "soviet"} for p, t in captures or []]
    return {"seed": seed, "turns": turns, "captures": taken,
            "link_ups": [{"name": "Fronts join", "turn": link_up}],
            "start": {"soviet": {"men": 2000, "tanks": 150, "spgs": 50}}}


def targets(*items: dict[str, Any], min_share: float = 0.8) -> CalibrationFile:
    return CalibrationFile.model_validate({"min_share": min_share,
                                           "targets": [{"name": f"t{i}", "source": "test"} | t
                                                       for i, t in enumerate(items)]})


def one(cal: CalibrationFile, docs: list[dict[str, Any]]) -> dict[str, Any]:
    return evaluate(cal, docs)["targets"][0]


ADVANCE = {"metric": "deepest_advance_km", "side": "soviet", "turn": 3, "min": 250, "max": 600}


def test_a_target_in_range_passes_and_one_out_of_range_misses() -> None:
    docs = [game(s) for s in range(3)]
    assert one(targets(ADVANCE), docs)["pass"] is True
    missed = one(targets(ADVANCE | {"min": 350}), docs)
    assert missed["pass"] is False and missed["meeting"] == 0 and missed["median"] == 300


def test_eight_of_ten_seeds_pass_and_seven_miss() -> None:
    eight = [game(s, [100, 200, 300 if s < 8 else 100]) for s in range(10)]
    seven = [game(s, [100, 200, 300 if s < 7 else 100]) for s in range(10)]
    assert one(targets(ADVANCE), eight)["meeting"] == 8 and one(targets(ADVANCE), eight)["pass"]
    assert not one(targets(ADVANCE), seven)["pass"]
    assert one(targets(ADVANCE | {"min_share": 0.7}), seven)["pass"]  # a target may ask for fewer


def test_a_turn_not_played_never_meets_the_range() -> None:
    result = one(targets(ADVANCE | {"turn": 9, "min": 0}), [game(1)])
    assert result["values"] == [None] and not result["pass"]


def test_a_missing_link_up_fails_whatever_the_range() -> None:
    made, never = game(1, link_up=11), game(2)
    for rng in ({"min": 8, "max": 25}, {"min": 8}, {"max": 25}):
        target = targets({"metric": "link_up_turn", "link_up": "Fronts join"} | rng)
        assert one(target, [made])["pass"] and not one(target, [never])["pass"]


def test_fall_turn_median_counts_never_as_later_than_any_turn() -> None:
    control = [{"hailar": "japan", "hutou": "japan"}, {"hailar": "soviet", "hutou": "japan"},
               {"hailar": "soviet", "hutou": "japan"}]
    doc = game(1, control=control)
    median = {"metric": "fall_turn_median", "side": "soviet", "places": FORTS}
    assert one(targets(median | {"min": 5}), [doc])["values"] == ["never"]  # median of 2 and never
    assert one(targets(median | {"min": 5}), [doc])["pass"]
    assert not one(targets(median | {"max": 25}), [doc])["pass"]
    assert one(targets(median | {"places": ["hailar"], "min": 2, "max": 2}), [doc])["pass"]


def test_places_held_at_a_turn_and_at_the_end() -> None:
    control = [{"hailar": "japan", "hutou": "japan"}, {"hailar": "soviet", "hutou": "japan"},
               {"hailar": "soviet", "hutou": "soviet"}]
    doc = game(1, control=control)
    count = {"metric": "places_held_count", "side": "japan", "places": FORTS}
    assert one(targets(count | {"turn": 2, "min": 1, "max": 1}), [doc])["pass"]
    assert one(targets(count | {"max": 0}), [doc])["pass"]  # the end: both Soviet
    held = {"metric": "place_held", "side": "soviet", "place": "hutou", "min": 1}
    assert one(targets(held), [doc])["pass"] and not one(targets(held | {"turn": 2}), [doc])["pass"]


def test_worst_turn_of_a_range_and_losses_at_the_end() -> None:
    doc = game(1, low_fuel_units=2, casualties={"killed": 10_000, "wounded": 25_000, "captured": 1_000},
               tanks_lost=30)
    low_fuel = {"metric": "max_over_turns", "side": "soviet", "field": "low_fuel_units", "min": 1}
    assert one(targets(low_fuel | {"turns": [1, 3]}), [doc])["values"] == [2]
    assert one(targets(low_fuel | {"turns": [1, 2]}), [doc])["values"] == [0]
    assert one(targets({"metric": "min_over_turns", "side": "soviet", "field": "deepest_advance_km",
                        "turns": [2, 3], "max": 200}), [doc])["pass"]
    cas = one(targets({"metric": "casualties", "side": "soviet", "kinds": ["killed", "wounded", "captured"],
                       "min": 15_000, "max": 90_000}), [doc])
    assert cas["values"] == [36_000] and cas["pass"]
    pct = one(targets({"metric": "tanks_lost_pct", "side": "soviet", "max": 15}), [doc])
    assert pct["values"] == [15] and pct["pass"]  # 30 of 150 tanks + 50 SPGs


def test_cross_seed_target_counts_distinct_capture_sets_in_the_first_seeds() -> None:
    sets = [[("a", 2)], [("a", 3)], [("b", 1)], [("a", 1), ("b", 6)], [("a", 2), ("c", 9)], [("z", 1)]]
    docs = [game(seed, captures=caps) for seed, caps in zip([5, 1, 2, 3, 4, 6], sets, strict=True)]
    variety = {"metric": "distinct_capture_sets", "side": "soviet", "turn": 6, "seeds": 5, "min": 3}
    result = one(targets(variety), docs)
    # seeds 1-5 (not the file order): {a}, {b}, {a, b}, {a}, {a} -> three sets; seed 6's {z} is not compared
    assert result["values"] == [3] and result["seeds"] == 5 and result["pass"] and result["cross_seed"]
    assert not one(targets(variety | {"min": 4}), docs)["pass"]
    assert one(targets(variety | {"turn": 5, "min": None, "max": 2}), docs)["pass"]  # by turn 5 seed 3 is {a}


def test_report_lines_and_the_final_count() -> None:
    cal = targets(ADVANCE, ADVANCE | {"name": "too far", "min": 500})
    text = format_report(evaluate(cal, [game(s) for s in range(4)]))
    assert "calibration: 1 of 2 targets pass" in text
    line = next(ln for ln in text.splitlines() if ln.startswith("too far"))
    assert line.split()[-1] == "MISS" and "0/4" in line and "500-600" in line


# ------------------------------------------------------------------ the file


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calibration.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """targets:
  - name: Deep
    metric: deepest_advance_km
    side: soviet
    turn: 3
    min: 100
    source: facts 5.2
"""


@pytest.mark.parametrize(("edit", "line", "field", "message"), [
    (("min: 100", "mn: 100"), 6, "targets[0].mn", "did you mean 'min'?"),
    (("turn: 3", "turns: [1, 3]"), 2, "targets[0]", "needs 'turn'"),
    (("side: soviet", "side: soviet\n    place: bayan"), 2, "targets[0]", "'place' means nothing"),
    (("metric: deepest_advance_km", "metric: deepest"), 3, "targets[0].metric", "Input should be"),
    (("min: 100", "min: 100\n    max: 50"), 2, "targets[0]", "'min' 100 is above 'max' 50"),
])
def test_a_broken_file_gives_one_located_line(tmp_path: Path, edit: tuple[str, str], line: int, field: str,
                                              message: str) -> None:
    path = write(tmp_path, GOOD.replace(*edit))
    with pytest.raises(ScenarioError) as err:
        load_calibration(path)
    [problem] = err.value.problems
    text = str(problem)
    assert "\n" not in text and text.startswith(f"{path}:{line}:")
    assert problem.field == field and message in problem.message, text


def test_ids_are_checked_against_the_scenario(tmp_path: Path) -> None:
    scenario = load_game(TINY).scenario
    load_calibration(write(tmp_path, GOOD), scenario)
    path = write(tmp_path, GOOD.replace("side: soviet", "side: russia")
                 + "  - {name: X, metric: link_up_turn, link_up: Nowhere, max: 9, source: s}\n"
                 + "  - {name: Y, metric: place_held, side: japan, place: atlantis, min: 1, source: s}\n")
    with pytest.raises(ScenarioError) as err:
        load_calibration(path, scenario)
    found = {(p.line, p.field): p.message for p in err.value.problems}
    assert "unknown side 'russia'" in found[(4, "targets[0].side")]
    assert "no link-up named 'Nowhere'" in found[(8, "targets[1].link_up")]
    assert "unknown place 'atlantis'" in found[(9, "targets[2].place")]


def test_the_manchuria_file_loads_against_its_scenario() -> None:
    cal = load_calibration(MANCHURIA / "calibration.yaml", load_game(MANCHURIA).scenario)
    assert len(cal.targets) >= 10 and all(t.source for t in cal.targets)
    assert {str(t.metric) for t in cal.targets} >= {"deepest_advance_km", "link_up_turn", "distinct_capture_sets"}


# ------------------------------------------------------------------ the command line


def test_simulate_json_turns_carry_losses_supply_and_control() -> None:
    out = run("simulate", str(TINY), "--turns", "2", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    turn = doc["turns"][-1]
    soviet = turn["sides"]["soviet"]
    assert set(soviet["casualties"]) == {"killed", "wounded", "captured"}
    assert {"tanks_lost", "low_fuel_units", "tons_delivered", "tons_needed", "units_out_of_supply",
            "deepest_advance_km", "men", "tanks"} <= set(soviet)
    assert set(turn["control"]) == {"borzya", "hailar", "bayan"} and turn["control"]["borzya"] == "soviet"
    assert doc["start"]["soviet"]["tanks"] > 0 and {"captures", "link_ups", "result"} <= set(doc)


def test_simulate_calibrate_reports_targets_or_says_there_are_none(tmp_path: Path) -> None:
    none = run("simulate", str(TINY), "--runs", "1", "--calibrate")
    assert none.returncode == 1 and "no calibration.yaml" in none.stderr and not none.stdout
    scenario = tmp_path / "tiny"
    shutil.copytree(TINY, scenario)
    write(scenario, GOOD + "  - {name: Never, metric: link_up_turn, link_up: Meet at Bayan, max: 0, source: s}\n")
    out = run("simulate", str(scenario), "--runs", "2", "--workers", "1", "--turns", "3", "--calibrate", "--json")
    assert out.returncode == 0, out.stderr  # a miss is a measurement, not an error
    result = json.loads(out.stdout)
    assert result["targets"][1]["name"] == "Never" and result["targets"][1]["pass"] is False
    assert result["total"] == 2 and result["games"] == 2 and len(result["targets"][0]["values"]) == 2


def test_validate_checks_a_scenarios_calibration_file(tmp_path: Path) -> None:
    """`validate` reads calibration.yaml with the scenario: a wrong place is one located line, exit 1."""
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    assert run("validate", str(folder)).returncode == 0
    write(folder, GOOD.replace("side: soviet", "side: russia"))
    out = run("validate", str(folder))
    assert out.returncode == 1
    line = out.stdout.strip()
    assert "targets[0].side: unknown side 'russia'" in line
    assert line.startswith(str(folder / "calibration.yaml") + ":4:") and "\n" not in line
