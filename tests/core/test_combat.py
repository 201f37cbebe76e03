"""Combat through armour penetration, on the tiny scenario with units placed by hand."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.engine import apply
from game.core.events import Combat
from game.core.orders import Attack, EndPhase, IllegalOrder
from game.core.rules.battle import preview
from game.core.rules.combat import penetration_chance
from game.core.state import GameState
from game.core.units import OFF_MAP
from tests.conftest import only_units, unit


def eq(state: GameState, uid: str, eid: str) -> int:
    return int(state.unit_equipment[unit(state, uid), state.scenario.equipment_index[eid]])


def test_penetration_chance_is_steep_around_the_armour() -> None:
    p = penetration_chance(np.array([50.0, 90.0, 100.0, 130.0]), 90.0, 0.1)
    assert p[0] < 1e-4 and abs(p[1] - 0.5) < 1e-9 and 0.8 < p[2] < 0.9 and p[3] > 0.999
    assert penetration_chance(0.0, 0.0, 0.1) == 0.0  # no gun, no penetration


def test_t34s_on_open_steppe_destroy_type97s_and_lose_none(tiny: GameState) -> None:
    # (1, 3) and (2, 3) are steppe: 1,800 m engagement range by day
    s = only_units(tiny, {"tb_206": (1, 3), "tk_1": (2, 3)}, turn=2)
    pv = preview(s, Attack(("tb_206",), (2, 3)))
    assert pv.range_m == 1800 and not pv.night
    assert pv.defender_losses["type97"] > 20  # of 40
    assert pv.attacker_losses.get("t34_85", 0) < 0.5
    assert all(g["p_penetrate"] == 1.0 for g in pv.attacker_guns if g["target"] == "type97")
    assert all(g["p_penetrate"] < 1e-6 for g in pv.defender_guns if g["target"] == "t34_85")
    events = apply(s, Attack(("tb_206",), (2, 3)))
    combat = events[0]
    assert isinstance(combat, Combat)
    assert combat.defender_losses.get("type97", 0) > 20 and combat.attacker_losses.get("t34_85", 0) == 0


def test_type97s_attacking_t34s_head_on_destroy_none_by_gunfire(tiny: GameState) -> None:
    s = only_units(tiny, {"tb_206": (1, 3), "tk_1": (2, 3)}, turn=2)
    apply(s, EndPhase())  # the Japanese phase
    for seed in range(5):
        trial = s.clone()
        trial.rng = np.random.default_rng(seed)
        before = eq(trial, "tb_206", "t34_85")
        apply(trial, Attack(("tk_1",), (1, 3)))
        assert eq(trial, "tb_206", "t34_85") == before


def test_close_assault_at_night_costs_infantry_and_kills_some_tanks(tiny: GameState) -> None:
    # turn 1 is a night turn (300 m): Japanese infantry with lunge mines rushes the tank brigade
    s = only_units(tiny, {"tb_206": (6, 7), "id_107": (6, 8)}, turn=1)
    apply(s, EndPhase())
    s.unit_mp[unit(s, "id_107")] = 3
    pv = preview(s, Attack(("id_107",), (6, 7)))
    assault = pv.close_assault["attacker"]
    assert pv.range_m == 300 and assault["teams"] > 20 and assault["tanks_knocked_out"] > 1
    assert pv.attacker_losses["men"] >= assault["teams"] * 3
    combat = apply(s, Attack(("id_107",), (6, 7)))[0]
    assert isinstance(combat, Combat)
    assert combat.defender_losses.get("t34_85", 0) > 0 and combat.assault_teams > 20


def test_machine_guns_cut_down_assault_teams(tiny: GameState) -> None:
    s = only_units(tiny, {"tb_206": (6, 7), "id_107": (6, 8)}, turn=1)
    apply(s, EndPhase())
    s.unit_mp[unit(s, "id_107")] = 3
    bare = preview(s, Attack(("id_107",), (6, 7))).close_assault["attacker"]
    s.unit_equipment[unit(s, "tb_206"), s.scenario.equipment_index["hmg_maxim"]] = 60
    guarded = preview(s, Attack(("id_107",), (6, 7))).close_assault["attacker"]
    assert guarded["cut_down"] > bare["cut_down"] and guarded["tanks_knocked_out"] < bare["tanks_knocked_out"]


def test_no_close_assault_at_long_range(tiny: GameState) -> None:
    s = only_units(tiny, {"tb_206": (1, 3), "id_107": (2, 3)}, turn=2)
    apply(s, EndPhase())
    pv = preview(s, Attack(("id_107",), (1, 3)))
    assert pv.close_assault["attacker"]["teams"] == 0


def test_preview_changes_nothing(tiny: GameState) -> None:
    s = only_units(tiny, {"tb_206": (1, 3), "tk_1": (2, 3)}, turn=2)
    h = s.state_hash()
    preview(s, Attack(("tb_206",), (2, 3)))
    assert s.state_hash() == h


def test_the_computer_players_preview_weighs_the_same_without_the_breakdown(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (1, 3), "tb_206": (2, 2), "tk_1": (2, 3)}, turn=2)
    attack = Attack(("rd_124", "tb_206"), (2, 3))
    full, short = preview(s, attack), preview(s, attack, detail=False)
    for name in ("attacker_losses", "defender_losses", "attacker_loss_fraction", "defender_loss_fraction",
                 "likely_result", "range_m", "night", "facing"):
        assert getattr(short, name) == getattr(full, name), name
    assert full.attacker_guns and full.close_assault and full.modifiers
    assert not (short.attacker_guns or short.close_assault or short.modifiers)


def test_same_seed_same_battle(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (1, 3), "tk_1": (2, 3)}, turn=2)
    a, b = s.clone(), s.clone()
    assert apply(a, Attack(("rd_124",), (2, 3))) == apply(b, Attack(("rd_124",), (2, 3)))
    assert a.state_hash() == b.state_hash()


def test_men_and_equipment_are_conserved(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (1, 3), "tb_206": (2, 2), "tk_1": (2, 3)}, turn=2)
    total = s.unit_men.sum() + s.unit_lost_men.sum(), (s.unit_equipment + s.unit_lost_equipment).sum(axis=0)
    apply(s, Attack(("rd_124", "tb_206"), (2, 3)))
    assert s.unit_men.sum() + s.unit_lost_men.sum() == total[0]
    assert np.array_equal((s.unit_equipment + s.unit_lost_equipment).sum(axis=0), total[1])
    assert (s.unit_men >= 0).all() and (s.unit_equipment >= 0).all()


def test_fortification_and_terrain_protect_the_defender(tiny: GameState) -> None:
    # Hailar (6, 2) is urban with a level-3 fortification; (8, 8) is clear and open
    s = only_units(tiny, {"rd_124": (5, 2), "id_107": (6, 2)}, turn=2)
    fortified = preview(s, Attack(("rd_124",), (6, 2))).defender_losses["men"]
    s = only_units(s, {"rd_124": (7, 8), "id_107": (8, 8)}, turn=2)
    s.unit_attacked[:] = False
    s.unit_mp[:] = 4
    open_ground = preview(s, Attack(("rd_124",), (8, 8))).defender_losses["men"]
    assert fortified < open_ground / 3


def test_river_weakens_the_attacker(tiny: GameState) -> None:
    # the Little Argun lies between (3, 1) and (4, 1)
    s = only_units(tiny, {"rd_124": (3, 1), "id_107": (4, 1)}, turn=2)
    across = preview(s, Attack(("rd_124",), (4, 1)))
    s = only_units(s, {"rd_124": (5, 1), "id_107": (4, 1)}, turn=2)
    dry = preview(s, Attack(("rd_124",), (4, 1)))
    assert across.defender_losses["men"] < dry.defender_losses["men"] * 0.6
    assert any(m["name"] == "river crossing" and m["value"] == 0.5 for m in across.modifiers)


def test_attacked_from_three_sides_the_defender_shows_its_flank(tiny: GameState) -> None:
    s = only_units(tiny, {"tk_1": (4, 7), "rd_124": (3, 7), "rd_192": (5, 7), "tb_206": (4, 6)}, turn=2)
    assert preview(s, Attack(("rd_124", "rd_192"), (4, 7))).facing == "front"
    assert preview(s, Attack(("rd_124", "rd_192", "tb_206"), (4, 7))).facing == "side"


def test_a_surrounded_defender_that_must_retreat_surrenders(tiny: GameState) -> None:
    s = only_units(tiny, {"tk_1": (4, 7), "rd_124": (3, 7), "rd_192": (5, 7), "tb_206": (4, 6),
                     "rd_94": (4, 8), "cd_59": (3, 8)}, turn=2)
    # every hex around (4, 7) is Soviet-held or in a Soviet zone of control; the brigade is spent
    s.unit_equipment[unit(s, "tk_1")] //= 10
    events = apply(s, Attack(("rd_124", "rd_192", "tb_206"), (4, 7)))
    combat = events[0]
    assert isinstance(combat, Combat) and combat.result == "taken"
    assert "tk_1" in combat.surrendered + combat.destroyed and s.unit_hex[unit(s, "tk_1")] == OFF_MAP
    assert s.unit_men[unit(s, "tk_1")] == 0 and combat.advanced is not None


def test_attacking_ends_movement_and_only_once(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_124": (1, 3), "id_107": (2, 3), "tb_206": (8, 8)}, turn=2)
    s.unit_men[unit(s, "id_107")] = 100000  # too strong to be pushed out
    apply(s, Attack(("rd_124",), (2, 3)))
    assert s.unit_mp[unit(s, "rd_124")] == 0
    with pytest.raises(IllegalOrder, match="already attacked"):
        apply(s, Attack(("rd_124",), (2, 3)))


@pytest.mark.parametrize("units,target,words", [
    (("tb_206",), (8, 8), "no enemy"),
    (("rd_124",), (2, 3), "not next to"),
    (("id_107",), (2, 3), "cannot attack now"),
    (("nobody",), (2, 3), "no unit"),
    ((), (2, 3), "name each"),
])
def test_illegal_attacks(tiny: GameState, units: tuple[str, ...], target: tuple[int, int], words: str) -> None:
    s = only_units(tiny, {"rd_124": (0, 3), "id_107": (2, 3), "tb_206": (8, 7)}, turn=2)
    h = s.state_hash()
    with pytest.raises(IllegalOrder, match=words):
        apply(s, Attack(units, target))
    assert s.state_hash() == h


def test_held_back_units_cannot_attack(tiny: GameState) -> None:
    s = only_units(tiny, {"rd_94": (1, 3), "id_107": (2, 3)}, turn=1)
    with pytest.raises(IllegalOrder, match="held back"):
        apply(s, Attack(("rd_94",), (2, 3)))
