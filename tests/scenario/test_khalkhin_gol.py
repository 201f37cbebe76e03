"""Khalkhin Gol 1939: the second scenario, proof that the format is not Manchuria-shaped.

Checks: the files validate, the map is in sync with geo/, each side's totals sit in the ranges the
orders of battle document, the armour claims of the battle hold in the data, the victory set-up is
coherent, and a few turns of baseline-vs-baseline play run through.
"""

from __future__ import annotations

from typing import Any

import pytest

from game.ai.match import play_match
from game.ai.players import baseline_player
from game.core.game import Game
from game.core.rules.armor import penetration_records
from game.core.state import GameState
from game.core.summary import scenario_info
from game.paths import SCENARIOS
from game.scenario import mapgen
from game.scenario.build import load_game
from game.scenario.source import read_scenario

FOLDER = SCENARIOS / "khalkhin_gol_1939"

# The plausible ranges documented in oob_soviet.yaml and oob_japan.yaml ([M] totals of the battle:
# the 1st Army Group had ~57,000 men, 498 tanks, 346 armoured cars and 500-580 aircraft on 20 August;
# the 6th Army ~30,000 men at the front, its tank regiments gone since July, 200-300 aircraft).
SOVIET = {"men": (50_000, 65_000), "tanks": (450, 520), "armored_cars": (300, 380), "aircraft": (450, 600),
          "guns": (400, 600)}
JAPAN = {"men": (25_000, 40_000), "tanks": (0, 30), "armored_cars": (0, 0), "aircraft": (200, 320),
         "guns": (120, 300)}


@pytest.fixture(scope="module")
def state() -> GameState:
    return load_game(FOLDER)


@pytest.fixture(scope="module")
def info(state: GameState) -> dict[str, Any]:
    return scenario_info(state)


@pytest.fixture(scope="module")
def pen() -> dict[tuple[str, str, str, int], bool]:
    """(shooter, target, facing, range) -> penetrates, from the scenario's own equipment."""
    recs = penetration_records(load_game(FOLDER).scenario.equipment)
    return {(r["shooter"], r["target"], r["facing"], r["range_m"]): r["penetrates"] for r in recs}


def test_scenario_validates() -> None:
    src = read_scenario(FOLDER)  # raises ScenarioError listing every problem
    assert src.scenario.model.id == "khalkhin_gol_1939"


def test_map_is_in_sync_with_geo() -> None:
    diffs = mapgen.check(FOLDER)
    assert diffs == [], "map.yaml is stale; run `python main.py mapgen scenarios/khalkhin_gol_1939`:\n" + \
        "\n".join(diffs)


def test_map_scale_and_calendar(info: dict[str, Any]) -> None:
    m = info["map"]
    assert 40 <= m["width"] <= 60 and 40 <= m["height"] <= 50
    assert 2 <= m["km_per_hex"] <= 3
    assert info["start_date"] == "1939-08-20" and info["end_date"] == "1939-08-31"
    assert 12 <= info["turns"] <= 16


@pytest.mark.parametrize(("side", "ranges"), [("soviet", SOVIET), ("japan", JAPAN)])
def test_side_totals_in_documented_range(info: dict[str, Any], side: str, ranges: dict[str, tuple[int, int]]) -> None:
    totals = info["sides"][side]
    for key, (lo, hi) in ranges.items():
        assert lo <= totals[key] <= hi, f"{side} {key} = {totals[key]}, expected {lo}-{hi}"


def test_unit_count_and_echelons(state: GameState, info: dict[str, Any]) -> None:
    assert 25 <= sum(s["units"] for s in info["sides"].values()) <= 50
    ground = [u for i, u in enumerate(state.scenario.units) if state.scenario.unit_ground[i]]
    # at 2.75 km a hex, regiments and brigades (and a few battalions) are the counters, never divisions
    assert {u.type.size for u in ground} <= {"II", "III", "X"}


def test_the_45mm_beats_every_japanese_tank(pen: dict[tuple[str, str, str, int], bool]) -> None:
    for shooter in ("bt7", "bt5", "t26", "ba10", "ba6", "at_45mm_53k"):
        for target in ("type89_i_go", "type95_ha_go"):
            assert pen[(shooter, target, "front", 2000)], (shooter, target)
        # the few Chi-Ha: holed from the front to 1,500 m, not at 2,000
        assert pen[(shooter, "type97_chi_ha", "front", 1500)]
        assert not pen[(shooter, "type97_chi_ha", "front", 2000)]


def test_the_japanese_37mm_holes_bt_armour(pen: dict[tuple[str, str, str, int], bool]) -> None:
    for r in (100, 500, 1000, 1500):
        assert pen[("at_37mm_type94", "bt7", "front", r)], r
    for target in ("bt5", "ba10", "ba6"):
        assert pen[("at_37mm_type94", target, "front", 2000)], target
    assert pen[("type95_ha_go", "bt7", "front", 1000)]


def test_bottles_burn_tanks_only_at_close_range(state: GameState, pen: dict[tuple[str, str, str, int], bool]) -> None:
    rules = state.scenario.combat
    assert rules is not None
    charges = {state.scenario.equipment[i].id for i in rules.close_assault.weapons}
    assert charges == {"molotov_cocktail", "satchel_charge"}
    # the petrol bottle defeats the rear (engine deck) of every Soviet tank and armoured car ...
    assert all(pen[("molotov_cocktail", t, "rear", 100)] is False for t in ("bt7", "t26"))  # never at 100 m
    eq = {e.id: e for e in state.scenario.equipment}
    bottle = eq["molotov_cocktail"].weapons[0]
    for t in ("bt7", "bt5", "t26", "ba10", "ba6"):
        assert bottle.penetration(0.0) > eq[t].armor[2], t
    # ... and close assault happens in the dunes and on the heights but not on the open steppe
    terrain = state.scenario.map.terrain_kinds
    ranges = dict(zip(terrain, state.scenario.terrain_range_m.tolist(), strict=True))
    assert ranges["desert"] <= rules.close_assault.max_range_m and ranges["hills"] <= rules.close_assault.max_range_m
    assert ranges["steppe"] > rules.close_assault.max_range_m


def test_no_railway_and_map_edge_supply(state: GameState) -> None:
    scn = state.scenario
    assert not scn.map.rail_gauge.any()
    places = {p.id: p for p in scn.map.places}
    grid = scn.map.grid
    soviet = scn.sides[scn.side_index["soviet"]]
    assert soviet.supply_sources == ("tamtsag_track",)
    col, row = places["tamtsag_track"].hex
    assert col == 0 or row == grid.height - 1, "the Borzya lorry road enters at the map's edge"


def test_surprise_link_up_and_grades(state: GameState) -> None:
    scn = state.scenario
    soviet, japan = scn.side_index["soviet"], scn.side_index["japan"]
    assert 1 in scn.surprised.get(japan, frozenset())
    assert not scn.night_turns
    (link,) = scn.link_ups
    assert link.side == soviet and set(link.formations) == {"northern_group", "southern_group"}
    burd_obo = next(p for p in scn.map.places if p.id == "burd_obo")
    assert link.place == scn.map.grid.index(burd_obo.hex)
    # both pincers have units, and each side's grades go from best to least and can be reached
    formations = [scn.unit_formations[u] for u in range(len(scn.units)) if scn.unit_side[u] == soviet]
    for f in link.formations:
        assert sum(f in chain for chain in formations) >= 4, f
    total = sum(p.vp for p in scn.map.places) + link.vp
    for side in (soviet, japan):
        mins = [g.min_vp for g in scn.grades if g.side == side]
        assert mins and mins == sorted(mins, reverse=True) and all(0 < m <= total for m in mins)


def test_start_follows_the_mongolian_claim(state: GameState) -> None:
    """West bank and the strip are Soviet-held at the start; the Japanese hold the heights they stand on."""
    scn = state.scenario
    soviet, japan = scn.side_index["soviet"], scn.side_index["japan"]
    held = {p.id: int(state.control[scn.map.grid.index(p.hex)]) for p in scn.map.places}
    for p in ("khamar_daba", "bain_tsagan", "kawamata", "tamtsag_track"):
        assert held[p] == soviet, p
    for p in ("remizov_heights", "fui_heights", "noro_heights", "great_sands", "finger_height", "sand_hill",
              "burd_obo", "dungur_obo", "eris_ulain_obo", "nomonhan", "jiangjunmiao"):
        assert held[p] == japan, p
    fort = {p.id: int(scn.map.fortification[scn.map.grid.index(p.hex)]) for p in scn.map.places}
    assert fort["remizov_heights"] == fort["fui_heights"] == 3
    assert all(1 <= fort[p] <= 3 for p in ("noro_heights", "great_sands", "finger_height", "sand_hill"))


def test_a_few_baseline_turns_run() -> None:
    state = load_game(FOLDER)
    game = Game(state, state.scenario.seed)
    record = play_match(game, [baseline_player, baseline_player], max_turns=3)
    assert len(record.turns) == 3
    first, last = record.turns[0]["sides"], record.turns[-1]["sides"]
    # the offensive costs both sides men, and the Japanese more than the Soviets
    assert last["japan"]["men"] < first["japan"]["men"] or last["japan"]["men"] < 30_400
    lost = {s: v["casualties"]["killed"] + v["casualties"]["captured"] for s, v in last.items()}
    assert lost["japan"] > lost["soviet"] > 0
