"""The command line as a user runs it: exit codes, one line per problem, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from game.paths import ROOT
from tests.conftest import TINY


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env=full_env, timeout=120)


def test_help_lists_every_subcommand() -> None:
    out = run("--help")
    assert out.returncode == 0
    for name in ("play", "validate", "info", "schema", "simulate", "screenshot", "armor", "bench"):
        assert f"\n    {name}" in out.stdout, name


def test_validate_good_and_broken(broken: Callable[..., Path]) -> None:
    ok = run("validate", str(TINY))
    assert ok.returncode == 0 and "valid" in ok.stdout
    bad = broken(("oob_soviet.yaml", "men: 9000", "mens: 9000"),
                 ("map.yaml", '"s.....u...~~"', '"s.....u..X~~"'))
    out = run("validate", str(bad))
    assert out.returncode == 1
    lines = out.stdout.strip().splitlines()
    assert len(lines) >= 2 and "Traceback" not in out.stdout + out.stderr
    for line in lines:
        file, lineno, col, rest = line.split(":", 3)
        assert Path(file).name.endswith(".yaml") and int(lineno) > 0 and int(col) > 0 and rest.strip()


def test_validate_missing_path() -> None:
    out = run("validate", "no/such/place")
    assert out.returncode == 1 and "no such file" in out.stderr and "Traceback" not in out.stderr


def test_info_json_has_stable_keys() -> None:
    out = run("info", str(TINY), "--json")
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    assert doc["map"]["hexes"] == 120 and doc["turns"] == 3
    soviet = doc["sides"]["soviet"]
    for key in ("men", "divisions", "tanks", "spgs", "guns", "aircraft", "vehicles"):
        assert isinstance(soviet[key], int), key
    # every unit counts, the reinforcement too; the air division counts by its aircraft, not as a division
    assert soviet["men"] == 9000 + 8800 + 1300 + 4500 + 8500 + 2000
    assert soviet["tanks"] == 65 and soviet["divisions"] == 4 and soviet["aircraft"] == 90 + 40 + 20
    assert soviet["guns"] == 62 and soviet["vehicles"] == 370


def test_play_without_display_says_so_in_one_line() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    out = subprocess.run([sys.executable, "main.py"], cwd=ROOT, capture_output=True, text=True, env=env,
                         timeout=60)
    assert out.returncode != 0
    assert out.stderr.strip().count("\n") == 0 and "no display" in out.stderr
    assert "make demo" in out.stderr and "Traceback" not in out.stderr


def test_simulate_json() -> None:
    out = run("simulate", str(TINY), "--json", "--japan", "pass")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["turns_played"] == 3 and len(doc["turns"]) == 3
    assert {"soviet", "japan"} == set(doc["turns"][0]["sides"])
    assert "turn  1" in out.stderr  # progress per turn


def test_simulate_rejects_an_unknown_player() -> None:
    out = run("simulate", str(TINY), "--soviet", "genius")
    assert out.returncode == 2 and "invalid choice" in out.stderr


def test_armor_json_records() -> None:
    out = run("armor", str(TINY), "--json")
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    hit = [r for r in records if r["shooter"] == "t34_85" and r["target"] == "type97" and r["facing"] == "front"
           and r["range_m"] == 2000]
    assert len(hit) == 1 and hit[0]["penetrates"] is True
    assert set(hit[0]) >= {"shooter", "weapon", "target", "facing", "range_m", "penetration_mm", "armor_mm",
                           "penetrates"}
    text = run("armor", str(TINY))
    assert text.returncode == 0 and "t34_85: 85 mm ZiS-S-53" in text.stdout


def test_schema_prints_json() -> None:
    out = run("schema", "map")
    assert out.returncode == 0 and json.loads(out.stdout)["title"] == "August Storm map"


def test_bench_only_reaches_the_group_of_a_whole_figure_name() -> None:
    from game.bench import AI_NAMES, UI_NAMES, selects

    assert selects("ai_turn_hard_soviet_ms", AI_NAMES)  # a whole name, longer than the group's prefix
    assert selects("ai_turn_hard", AI_NAMES)
    assert selects("hard", AI_NAMES) is False  # a part that no prefix holds: the AI's bench is not run for it
    assert not selects("ai_turn_hard", UI_NAMES)
    assert selects(None, UI_NAMES)


def test_bench_json_names() -> None:
    from game.bench import run_bench

    doc = run_bench(repeat=3)  # the engine's figures; the UI's and the AI's have their own tests
    assert set(doc) >= {"load_validate_ms", "movement_range_unit_ms", "movement_range_side_ms", "path_unit_ms",
                        "combat_turn_ms", "combat_preview_ms", "supply_both_sides_ms", "save_ms", "load_ms"}
    assert all(isinstance(v, float) and v > 0 for v in doc.values())
    out = run("bench", "--json", "--only", "combat")
    assert out.returncode == 0, out.stderr
    assert set(json.loads(out.stdout)) == {"combat_turn_ms", "combat_preview_ms"}


def test_bench_scale_names_and_ratios() -> None:
    """The scaling figures on small generated maps (1x and 4x the work): every case, time and ratio."""
    from game.bench import SCALE_CASES, run_scale

    doc = run_scale(factors=(1, 2), base=(24, 18, 24), repeat=1)
    for case in SCALE_CASES:
        assert doc[f"scale_{case}_1x_ms"] > 0 and doc[f"scale_{case}_4x_ms"] > 0
        assert doc[f"scale_{case}_ratio_4x"] == round(doc[f"scale_{case}_4x_ms"] / doc[f"scale_{case}_1x_ms"], 2)
