"""The Manchuria 1944 scenario: the chapter's figures, both orders of battle, and the opening deployment."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pytest

from game.core.state import GameState
from game.core.summary import scenario_info
from game.core.units import OFF_MAP
from game.paths import SCENARIOS
from game.scenario.build import load_game
from game.scenario.source import read_scenario

MANCHURIA = SCENARIOS / "manchuria_1944"
FRONTS = ("transbaikal_front", "first_far_eastern_front", "second_far_eastern_front")


@pytest.fixture(scope="module")
def state() -> GameState:
    return load_game(MANCHURIA)


@pytest.fixture(scope="module")
def info(state: GameState) -> dict[str, Any]:
    return scenario_info(state)


def _equipment_total(state: GameState, side: int, ids: set[str]) -> int:
    """Units of the listed equipment ids held by all of a side's units (reinforcements included)."""
    scn = state.scenario
    cols = [i for i, e in enumerate(scn.equipment) if e.id in ids]
    return int(state.unit_equipment[scn.unit_side == side][:, cols].sum())


def _ancestors(state: GameState) -> dict[str, set[str]]:
    """Formation id -> itself and every formation above it."""
    parent = {f.id: f.parent for f in state.scenario.formations}
    out: dict[str, set[str]] = {}
    for fid in parent:
        chain, cur = set(), fid
        while cur is not None and cur not in chain:
            chain.add(cur)
            cur = parent.get(cur)
        out[fid] = chain
    return out


def _front_of(state: GameState, unit_index: int) -> str | None:
    u = state.scenario.units[unit_index]
    chain = _ancestors(state).get(u.parent or "", set())
    return next((f for f in FRONTS if f in chain), None)


def test_sides_and_calendar(state: GameState, info: dict[str, Any]) -> None:
    scn = state.scenario
    assert [s.id for s in scn.sides] == ["soviet", "japan"]
    assert [s.map_code for s in scn.sides] == ["S", "J"]
    assert info["start_date"] == "1944-08-09" and info["turns"] == 31 and info["end_date"] == "1944-09-08"


def test_soviet_figures_match_the_chapter(info: dict[str, Any]) -> None:
    s = info["sides"]["soviet"]
    assert 1_450_000 <= s["men"] <= 1_550_000
    assert s["divisions"] == 89
    assert s["tanks"] >= 5_000
    assert s["spgs"] >= 2_000
    assert 90_000 <= s["vehicles"] <= 110_000
    assert 5_500 <= s["aircraft"] <= 6_500


def test_t54_and_mig9_only_in_small_elite_numbers(state: GameState) -> None:
    soviet = state.scenario.side_index["soviet"]
    for eq in ("t54", "mig9"):
        assert 10 <= _equipment_total(state, soviet, {eq}) <= 300, eq


def test_japanese_figures(state: GameState, info: dict[str, Any]) -> None:
    j = info["sides"]["japan"]
    assert 650_000 <= j["men"] <= 750_000
    japan = state.scenario.side_index["japan"]
    assert _equipment_total(state, japan, {"type95_ha_go"}) > 0
    assert _equipment_total(state, japan, {"type97_chi_ha", "type97_shinhoto"}) > 0
    # ~290 tanks in Manchuria [S1], a few dozen in northern Korea, 77 on Shumshu [S27]
    assert 290 <= j["tanks"] <= 500
    # 232 combat aircraft in Manchuria and 395 in Korea [S1], plus some reconnaissance and transports
    assert 232 + 395 <= j["aircraft"] <= 1_100
    assert j["spgs"] == 0


def test_unit_count_in_the_design_range(info: dict[str, Any]) -> None:
    total = sum(s["units"] for s in info["sides"].values())
    assert 250 <= total <= 400


def test_every_soviet_front_has_ground_units(state: GameState) -> None:
    scn = state.scenario
    soviet = scn.side_index["soviet"]
    fronts = Counter(_front_of(state, i) for i in range(len(scn.units))
                     if scn.unit_side[i] == soviet and scn.unit_ground[i])
    for front in FRONTS:
        assert fronts[front] >= 10, front


def test_objectives_and_link_up_name_real_places(state: GameState) -> None:
    scn = state.scenario
    places = {p.id for p in scn.map.places}
    for side in scn.sides:
        assert side.objectives, side.id
        assert set(side.objectives) <= places, set(side.objectives) - places
    assert {"changchun", "harbin", "shenyang", "lushun", "dalian"} <= set(scn.sides[0].objectives)
    assert "tonghua" in scn.sides[1].objectives
    (link,) = scn.link_ups
    assert link.side == scn.side_index["soviet"]
    assert set(link.formations) == {"transbaikal_front", "first_far_eastern_front"}
    assert link.place == scn.map.grid.index(next(p.hex for p in scn.map.places if p.id == "changchun"))


def test_grades_are_reachable_and_ordered(state: GameState) -> None:
    scn = state.scenario
    total = sum(p.vp for p in scn.map.places)
    grades = scn.grades
    assert len(grades) >= 4
    assert all(0 < g.min_vp <= total for g in grades)
    for side in range(len(scn.sides)):
        mins = [g.min_vp for g in grades if g.side == side]
        assert mins and mins == sorted(mins, reverse=True), "a side's grades go from best to least"


def test_first_turn_is_a_night_of_surprise(state: GameState) -> None:
    scn = state.scenario
    soviet, japan = scn.side_index["soviet"], scn.side_index["japan"]
    assert 1 in scn.night_turns
    assert 1 in scn.surprised.get(japan, frozenset())
    assert 1 in scn.no_artillery.get(soviet, frozenset())
    assert scn.naval_superiority == japan


def test_soviet_main_forces_wait_for_dawn(state: GameState) -> None:
    scn = state.scenario
    soviet = scn.side_index["soviet"]
    units = [i for i in range(len(scn.units)) if scn.unit_side[i] == soviet]
    first = [i for i in units if scn.units[i].moves_from_turn == 1 and scn.units[i].arrives is None]
    dawn = [i for i in units if scn.units[i].moves_from_turn == 2]
    assert len(dawn) > 0.75 * len(units)
    assert 10 <= len(first) <= 0.2 * len(units)
    # night assault units and forward detachments cross on every front
    assert {_front_of(state, i) for i in first if scn.unit_ground[i]} >= set(FRONTS)


def test_soviet_units_start_in_soviet_or_mongolian_territory(state: GameState) -> None:
    scn = state.scenario
    control = read_scenario(MANCHURIA).map.model.control
    assert control is not None
    grid = scn.map.grid
    soviet = scn.side_index["soviet"]
    for i, u in enumerate(scn.units):
        if scn.unit_side[i] != soviet or state.unit_hex[i] == OFF_MAP:
            continue
        col, row = grid.hex_at(int(state.unit_hex[i]))
        assert control[row][col] != scn.sides[1].map_code, f"{u.id} starts in Japanese-held [{col}, {row}]"


def test_japanese_main_body_sits_in_forts_towns_and_on_the_lines(state: GameState) -> None:
    """Most Japanese men start in a fortified hex, a named place, or a hex a road or railway runs through."""
    scn = state.scenario
    m = scn.map
    japan = scn.side_index["japan"]
    place_hexes = np.zeros(m.grid.size, bool)
    place_hexes[[m.grid.index(p.hex) for p in m.places]] = True
    good = (m.fortification > 0) | place_hexes | m.road.any(axis=1) | (m.rail_gauge > 0).any(axis=1)
    ground = state.ground_units_of(japan)
    men = state.unit_men[ground]
    assert men.sum() > 600_000
    on_good = men[good[state.unit_hex[ground]]].sum()
    assert on_good >= 0.9 * men.sum()


def test_no_puppet_troops(state: GameState) -> None:
    japan = state.scenario.side_index["japan"]
    names = [u.name for i, u in enumerate(state.scenario.units) if state.scenario.unit_side[i] == japan]
    assert not [n for n in names if "Manchukuo" in n or "Mengjiang" in n]
