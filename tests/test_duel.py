"""The combat lab, `python main.py duel`: its numbers, its determinism, its errors.

Unit ids from scenarios/manchuria_1944: tb_44 (44th Tank Brigade, 88 T-34/85), ija_tank_1 (1st
Independent Tank Brigade, Type 97 and Type 95), ija_div_122 (122nd Division, infantry, no tanks),
rd_209 (209th Rifle Division, held back until turn 2 in the scenario).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from game import paths
from game.cli import main
from game.core.hexgrid import distance
from game.lab import CENTRE, attacker_hexes, build_duel
from game.scenario.build import load_game
from tests.test_cli import run

SCN = "manchuria_1944"
HEADLINE_PCT = ("attacker_men_lost_pct", "defender_men_lost_pct", "attacker_tanks_lost_pct", "defender_tanks_lost_pct")
HEADLINE_RATE = ("defender_retreat_rate", "hex_taken_rate")


def duel(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    """Run `duel --json` in this process and parse its document."""
    assert main(["duel", SCN, *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_headline_numbers_in_range(capsys: pytest.CaptureFixture[str]) -> None:
    doc = duel(capsys, "tb_44", "ija_tank_1", "--runs", "8", "--seed", "5")
    assert doc["runs"] == 8
    for key in HEADLINE_PCT:
        assert 0 <= doc[key] <= 100, key
    for key in HEADLINE_RATE:
        assert 0 <= doc[key] <= 1, key
    assert doc["defender"]["tanks"]["brought"] > 0 and doc["attacker"]["tanks"]["brought"] == 88
    assert doc["facing"] == "front" and doc["attack_hexsides"] == 1  # the standard duel: one hex, the front
    # the preview stands beside every mean
    assert doc["defender"]["men"]["preview"] > 0 and "t34_85" in doc["attacker"]["equipment"]


def test_same_seed_same_numbers_other_seed_differs(capsys: pytest.CaptureFixture[str]) -> None:
    a = duel(capsys, "tb_44", "ija_tank_1", "--runs", "5", "--seed", "11")
    b = duel(capsys, "tb_44", "ija_tank_1", "--runs", "5", "--seed", "11")
    c = duel(capsys, "tb_44", "ija_tank_1", "--runs", "5", "--seed", "500")
    assert a == b
    assert (a["attacker"]["men"]["mean"], a["defender"]["men"]["mean"]) != \
        (c["attacker"]["men"]["mean"], c["defender"]["men"]["mean"])


def test_night_shortens_the_engagement_range(capsys: pytest.CaptureFixture[str]) -> None:
    day = duel(capsys, "tb_44", "ija_tank_1", "--runs", "5")
    night = duel(capsys, "tb_44", "ija_tank_1", "--runs", "5", "--night")
    rules = load_game(paths.resolve_scenario(SCN)).scenario.combat
    assert rules is not None
    assert not day["night"] and night["night"]
    assert night["range_m"] == rules.night_range_m == night["preview"]["range_m"]
    assert night["range_m"] < day["range_m"]


def test_fortification_spares_the_defender(capsys: pytest.CaptureFixture[str]) -> None:
    """A held-back rifle division attacks (the lab lifts hold-backs); concrete cuts the defender's losses."""
    open_ = duel(capsys, "rd_209", "ija_div_122", "--runs", "6")
    fort = duel(capsys, "rd_209", "ija_div_122", "--runs", "6", "--fortification", "4")
    assert fort["fortification"] == 4
    assert open_["defender_men_lost_pct"] > 0
    assert fort["defender_men_lost_pct"] < open_["defender_men_lost_pct"]
    assert fort["defender"]["men"]["preview"] < open_["defender"]["men"]["preview"]
    assert open_["defender_tanks_lost_pct"] == 0 and open_["defender"]["tanks"]["brought"] == 0


def test_text_report_names_units_range_and_rates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["duel", SCN, "tb_44", "ija_tank_1", "--runs", "3"]) == 0
    out = capsys.readouterr().out
    assert "tb_44" in out and "ija_tank_1" in out and "range 1000 m" in out and "facing front" in out
    assert "defender retreats" in out and "hex taken" in out and "3 runs" in out


@pytest.mark.parametrize("args, words", [
    (["tb_44", "no_such_unit"], "unknown defender unit id: no_such_unit"),
    (["tb_44", "rd_209"], "pick units of opposing sides"),
    (["tb_44", "ija_tank_1", "--terrain", "swamp"], "terrain kinds: clear"),
    (["tb_44", "ija_tank_1", "--fortification", "9"], "fortification 9"),
])
def test_bad_requests_one_line_exit_1(args: list[str], words: str) -> None:
    out = run("duel", SCN, *args, "--runs", "2")
    assert out.returncode == 1
    assert out.stdout == "" and "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], out.stderr


def test_attackers_over_the_stacking_limit_spill_into_adjacent_hexes() -> None:
    hexes = attacker_hexes(4, 3)
    assert len(set(hexes)) == 2 and all(distance(h, CENTRE) == 1 for h in hexes)
    state = load_game(paths.resolve_scenario(SCN))
    d = build_duel(state, ["rd_209", "tb_44"], ["ija_div_122"], "forest", 2, night=True)
    lab = d.state.scenario
    # only the named units, on a 7 x 7 board; the big scenario is untouched
    assert [u.id for u in lab.units] == ["rd_209", "tb_44", "ija_div_122"] and lab.unit_index["ija_div_122"] == 2
    assert lab.map.grid.size == 49 and len(state.scenario.units) > 3
    assert d.state.turn in lab.night_turns and not lab.surprised and not lab.no_artillery
    assert d.state.phase == lab.side_index["soviet"]
