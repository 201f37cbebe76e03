"""A weaker side's garrisons stand: units in a fortified position or in a place worth ``garrison_vp`` keep
it before goals are handed out, and the garrison of a place worth ``stand_fast_vp`` stays in it when the
place is cut off."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.ai import goals, maneuver, planner
from game.ai.config import LEVELS, Difficulty, tuned
from game.ai.situation import Situation
from game.core.engine import apply
from game.core.orders import EndPhase
from game.core.rules.movement import movement_ranges
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.core.view import view
from game.scenario.build import load_game
from tests.ai.conftest import MANCHURIA
from tests.conftest import only_units, unit

HAILAR = (6, 2)  # a Japanese city of the tiny scenario, 5 VP, fortified


def fortified_garrisons(sit: Situation) -> dict[int, int]:
    """Own units standing in fortified hexes the side holds that are its hold goals: unit -> hex."""
    fort = sit.scn.map.fortification
    held = {g.hex for g in goals.side_goals(sit) if g.kind == goals.HOLD}
    return {int(u): int(sit.state.unit_hex[u]) for u in sit.own
            if int(sit.state.unit_hex[u]) in held and fort[sit.state.unit_hex[u]] >= goals.FORTIFIED}


def test_the_weaker_side_keeps_its_standing_garrisons_in_place() -> None:
    state = load_game(MANCHURIA, 3)
    sit = Situation(view(state, 1), 1, LEVELS["normal"])
    assert sit.outmatched
    inside = fortified_garrisons(sit)
    assert len(inside) >= 10  # the fortified regions' garrisons: Hailar, Hutou, the eastern border works...
    handed = goals.assign(sit, goals.side_goals(sit), list(sit.own))
    assert {u: handed[u].hex for u in inside} == inside
    hailar = [u for u in inside if state.scenario.units[u].id == "ija_imb_80"]
    assert hailar, "the 80th Brigade stands in Hailar at the start"


def handed_at_start(cfg: Difficulty) -> tuple[GameState, dict[int, int], dict[int, int]]:
    """Manchuria, Japan's first phase: the ground units standing in Qiqihar (8 VP, not fortified) and the
    hex of the goal each is handed."""
    state = load_game(MANCHURIA, 3)
    sit = Situation(view(state, 1), 1, cfg)
    qiqihar = next(sit.grid.index(p.hex) for p in sit.scn.map.places if p.id == "qiqihar")
    inside = {int(u): qiqihar for u in sit.own if int(sit.state.unit_hex[u]) == qiqihar and sit.scn.unit_ground[u]}
    handed = goals.assign(sit, goals.side_goals(sit), list(sit.own))
    return state, inside, {u: handed[u].hex for u in inside if u in handed}


def test_the_weaker_side_keeps_the_garrison_of_a_big_city_in_it() -> None:
    assert LEVELS["normal"].garrison_vp <= 8
    state, inside, handed = handed_at_start(LEVELS["normal"])
    ids = {state.scenario.units[u].id for u in inside}
    assert {"ija_div_149", "ija_army4_troops"} <= ids
    assert handed == inside


def test_without_big_city_garrisons_the_hand_out_sends_part_of_qiqihars_elsewhere() -> None:
    """The behaviour the rule changes: a city's small want of firepower, met by its first unit, frees the rest."""
    _, inside, handed = handed_at_start(tuned(LEVELS["normal"], garrison_vp=0.0))
    assert len(inside) >= 2 and handed != inside


def test_a_stronger_side_hands_out_its_standing_garrisons_like_anyone() -> None:
    state = load_game(MANCHURIA, 3)
    scn = state.scenario
    state.unit_hex[(scn.unit_side == 0) & scn.unit_ground] = OFF_MAP  # no Soviet army: Japan is not the weaker
    sit = Situation(view(state, 1), 1, LEVELS["normal"])
    assert not sit.outmatched
    assert goals.standing_garrisons(sit, goals.side_goals(sit), list(sit.own)) == {}


def cut_off_hailar(broken: Callable[..., Path], cfg: Difficulty) -> tuple[Situation, dict, dict]:
    """Japan's phase with its one unit in Hailar, fed only from Bayan, cut off by a Soviet division on the
    railway south of it and out of supply long enough that it must start home now (the walk-home rule)."""
    path = broken(("scenario.yaml", "supply_sources: [hailar, bayan]", "supply_sources: [bayan]"))
    s = only_units(load_game(path), {"id_107": HAILAR, "rd_124": (6, 3)}, turn=2)
    apply(s, EndPhase())
    u = unit(s, "id_107")
    rules = s.scenario.supply
    assert rules is not None
    s.unit_oos[u] = rules.attrition_after_turns - 1
    sit = Situation(planner.sanitized_view(s, 1), 1, cfg)
    assert sit.outmatched and sit.beyond_supply[sit.grid.index(HAILAR)] > 0
    ranges = {mr.unit: mr for mr in movement_ranges(sit.state, [u])}
    hailar = next(g for g in goals.side_goals(sit) if g.name == "hailar")
    return sit, ranges, {u: hailar}


def test_a_cut_off_garrison_of_a_place_worth_enough_stays(broken: Callable[..., Path]) -> None:
    sit, ranges, sent = cut_off_hailar(broken, LEVELS["normal"])
    assert LEVELS["normal"].stand_fast_vp <= 5
    assert maneuver.plan_moves(sit, ranges, sent, list(sent)) == []


def test_without_standing_fast_the_cut_off_garrison_walks_toward_supply(broken: Callable[..., Path]) -> None:
    """The behaviour the rule changes: the walk-home rule takes the garrison out of the city."""
    sit, ranges, sent = cut_off_hailar(broken, tuned(LEVELS["normal"], stand_fast_vp=0.0))
    moves = dict(maneuver.plan_moves(sit, ranges, sent, list(sent)))
    assert moves and moves[next(iter(sent))] != sit.grid.index(HAILAR)
