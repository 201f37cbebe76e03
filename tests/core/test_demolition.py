"""Demolitions: a unit wrecks the bridges and track of its hex; entering costs more, no train passes,
the other side's engineers repair it; the order is listed, checked, saved and replayed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game.core.engine import apply, legal_orders
from game.core.events import Demolished, Repaired
from game.core.game import Game, replay
from game.core.mapdata import RIVER_MAJOR
from game.core.orders import Demolish, EndPhase, IllegalOrder, Move
from game.core.rules.demolition import DemolitionRules, bridge_cost, why_cannot_demolish
from game.core.rules.movement import movement_range
from game.core.rules.supply import supply_map, usable_rail
from game.core.state import GameState
from game.persistence.saves import load_game, order_from_json, order_to_json, save_game
from game.scenario.build import load_game as load_scenario_game
from tests.conftest import TINY, only_units, unit

RULES = DemolitionRules(entry_cost=(1.0, 1.0, 4.0, 3.0), mp_share=0.5, repair_days=2)


@pytest.fixture
def game_state(tiny: GameState) -> GameState:
    tiny.scenario.demolition = RULES
    return tiny


def hexi(state: GameState, h: tuple[int, int]) -> int:
    return state.scenario.map.grid.index(h)


def test_a_unit_wrecks_its_road_hex_and_keeps_the_rest_of_its_movement(game_state: GameState) -> None:
    s = only_units(game_state, {"rd_124": (2, 4), "id_107": (9, 8)}, turn=2)
    u = unit(s, "rd_124")
    events = apply(s, Demolish("rd_124"))
    assert events == [Demolished("rd_124", (2, 4))]
    assert s.wreck_days[hexi(s, (2, 4))] == RULES.repair_days and s.wreck_side[hexi(s, (2, 4))] == 0
    assert s.unit_mp[u] == pytest.approx(s.scenario.unit_max_mp[u] * (1 - RULES.mp_share))
    assert movement_range(s, u).destinations().size > 0  # it may still fall back


@pytest.mark.parametrize("place,prepare,words", [
    ((0, 0), None, "no road or railway"),
    ((2, 4), "wreck", "wrecked already"),
    ((2, 4), "tired", "needs 2.0 MP"),
])
def test_a_demolition_that_is_not_allowed_is_refused_and_changes_nothing(game_state: GameState, place, prepare,
                                                                         words: str) -> None:
    s = only_units(game_state, {"rd_124": place, "id_107": (9, 8)}, turn=2)
    u = unit(s, "rd_124")
    if prepare == "wreck":
        s.wreck_days[s.unit_hex[u]] = 1
        s.extra["wrecks"] = 1
    if prepare == "tired":
        s.unit_mp[u] = 1.0
    before = s.state_hash()
    with pytest.raises(IllegalOrder, match=words):
        apply(s, Demolish("rd_124"))
    assert s.state_hash() == before


def test_only_the_side_to_move_demolishes_and_only_where_the_scenario_allows(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (2, 4), "id_107": (6, 2)}, turn=2)
    assert "no demolitions" in (why_cannot_demolish(s, unit(s, "rd_124")) or "")
    s.scenario.demolition = RULES
    with pytest.raises(IllegalOrder, match="not yours"):
        apply(s, Demolish("id_107"))


def test_entering_a_wrecked_hex_costs_each_class_its_entry_cost(game_state: GameState) -> None:
    s = only_units(game_state, {"rd_124": (1, 4), "tb_206": (1, 3), "id_107": (4, 4)}, turn=2)
    target = hexi(s, (4, 4))
    apply(s, EndPhase())  # Japan's phase: its division blows the road it stands on, then falls back
    apply(s, Demolish("id_107"))
    apply(s, Move("id_107", (5, 4)))
    apply(s, EndPhase())
    s.unit_mp[:] = 40  # far enough to reach the hex whatever it costs (the cost is what is measured)
    s.unit_fuel[:] = 10
    wrecked_costs = {uid: float(movement_range(s, unit(s, uid)).cost[target]) for uid in ("rd_124", "tb_206")}
    s.wreck_days[target] = 0
    s.extra["wrecks"] = 0
    whole = {uid: float(movement_range(s, unit(s, uid)).cost[target]) for uid in ("rd_124", "tb_206")}
    # (4, 4)'s road crosses the major river: the blown bridge leaves that crossing to pay as well
    river = s.scenario.movement.river_cost
    assert wrecked_costs["rd_124"] == pytest.approx(whole["rd_124"] + RULES.entry_cost[0] + river[0][RIVER_MAJOR])
    assert wrecked_costs["tb_206"] == pytest.approx(whole["tb_206"] + RULES.entry_cost[3] + river[3][RIVER_MAJOR])


def test_a_blown_bridge_costs_the_river_it_spanned_and_a_road_on_dry_land_only_the_entry_cost(
        game_state: GameState) -> None:
    s = game_state
    river = s.scenario.movement.river_cost
    for mclass in range(4):
        costs = bridge_cost(s, mclass)
        assert costs[hexi(s, (2, 4))] == 0  # road, no river
        assert costs[hexi(s, (4, 4))] == river[mclass][RIVER_MAJOR]
        assert costs[hexi(s, (0, 0))] == 0  # no road at all


def test_no_train_runs_through_a_wrecked_hex_and_the_lorries_pay_to_cross(game_state: GameState) -> None:
    s = only_units(game_state, {"id_107": (6, 4), "rd_124": (0, 0)}, turn=2, hold=True)
    japan = 1
    h = hexi(s, (6, 4))
    assert usable_rail(s, japan)[h].any()
    rail_before = supply_map(s, japan).rail.sum()
    s.phase = japan
    apply(s, Demolish("id_107"))
    assert not usable_rail(s, japan)[h].any()
    assert supply_map(s, japan).rail.sum() < rail_before


def test_the_other_side_repairs_a_wreck_it_holds_and_the_wrecker_does_not(game_state: GameState) -> None:
    s = only_units(game_state, {"rd_124": (1, 4), "id_107": (3, 4)}, turn=2, hold=True)
    s.scenario.turns = 20
    h = hexi(s, (3, 4))
    apply(s, EndPhase())
    apply(s, Demolish("id_107"))
    apply(s, EndPhase())  # turn 3 begins: Japan still holds the hex, no repair
    assert s.wreck_days[h] == RULES.repair_days
    s.control[h] = 0  # the Soviets take it
    events: list = []
    for _ in range(2 * RULES.repair_days):
        events += apply(s, EndPhase())
    assert s.wreck_days[h] == 0 and s.wreck_side[h] == -1 and s.extra["wrecks"] == 0
    assert Repaired((3, 4)) in events


def test_legal_orders_list_the_demolitions_and_the_engine_takes_each(game_state: GameState) -> None:
    s = only_units(game_state, {"rd_124": (2, 4), "rd_192": (2, 6), "tb_206": (0, 0), "id_107": (9, 8)}, turn=2)
    listed = {o.unit for o in legal_orders(s) if isinstance(o, Demolish)}
    assert listed == {"rd_124", "rd_192"}  # tb_206 stands where no road or railway runs
    for uid in sorted(listed):
        apply(s.clone(), Demolish(uid))


def test_a_game_with_a_wreck_saves_loads_and_replays_to_the_same_state(broken, tmp_path: Path) -> None:
    root = broken(("rules.yaml", "\nstacking:", "\ndemolition: {entry_cost: {foot: 1, cavalry: 1, wheeled: 4, "
                   "tracked: 3}, mp_share: 0.5, repair_days: 2}\nstacking:"), name="wrecks")
    start = load_scenario_game(root)
    assert start.scenario.demolition == RULES
    game = Game(start.clone(), 7)
    u = unit(start, "id_107")
    game.play(EndPhase())
    game.play(Demolish("id_107"))
    game.play(EndPhase())
    assert order_from_json(order_to_json(Demolish("rd_124"))) == Demolish("rd_124")
    assert replay(start.clone(), 7, list(game.log)).state.state_hash() == game.state.state_hash()
    path = tmp_path / "wreck.json"
    save_game(game, path)
    loaded = load_game(path)
    assert loaded.state.state_hash() == game.state.state_hash() and loaded.log == game.log
    assert loaded.state.wreck_days[start.unit_hex[u]] == RULES.repair_days


def test_a_save_from_before_demolitions_loads_with_the_same_hash(tmp_path: Path) -> None:
    game = Game(load_scenario_game(TINY), 3)
    game.play(EndPhase())
    path = tmp_path / "v2.json"
    save_game(game, path)
    doc = json.loads(path.read_text())
    doc["version"] = 1
    for name in ("wreck_days", "wreck_side"):
        del doc["snapshot"]["arrays"][name]
    old = tmp_path / "v1.json"
    old.write_text(json.dumps(doc))
    loaded = load_game(old)
    assert loaded.state.state_hash() == game.state.state_hash()
    assert not loaded.state.wreck_days.any() and (loaded.state.wreck_side == -1).all()


def test_the_hash_of_a_game_without_wrecks_leaves_the_wreck_arrays_out(game_state: GameState) -> None:
    s = game_state
    before = s.state_hash()
    s.wreck_side[:] = np.int8(1)  # not counted: nothing is wrecked
    assert s.state_hash() == before
    s.extra["wrecks"] = 1
    assert s.state_hash() != before


def test_engineers_next_to_a_wreck_its_wrecker_has_left_repair_it_from_the_near_bank(
        game_state: GameState) -> None:
    """A blown major-river bridge may cost more to enter than a whole day's move: were it repaired only
    once held, it would stay for ever. Troops next door repair it, unless the wrecker still stands in it."""
    s = only_units(game_state, {"rd_124": (3, 4), "id_107": (4, 4)}, turn=2, hold=True)
    s.scenario.turns = 20
    h = hexi(s, (4, 4))
    apply(s, EndPhase())
    apply(s, Demolish("id_107"))
    apply(s, EndPhase())  # Japan stands in it: no repair, though the Soviets are next door
    assert s.wreck_days[h] == RULES.repair_days
    apply(s, EndPhase())
    apply(s, Move("id_107", (5, 4)))  # the rearguard falls back over the river; Japan still holds the hex
    for _ in range(RULES.repair_days):
        apply(s, EndPhase())
        apply(s, EndPhase())
    assert s.control[h] == 1 and s.wreck_days[h] == 0
