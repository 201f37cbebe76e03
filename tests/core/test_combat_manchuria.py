"""The chapter's battles with the Manchuria equipment data: steppe tank fights, head-on attacks
by Japanese tanks, and close assault at night and in forest."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from game.core.engine import apply
from game.core.events import Combat
from game.core.orders import Attack, EndPhase
from game.core.rules.battle import preview
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.paths import SCENARIOS
from game.scenario.build import load_game


@cache
def _opening() -> GameState:
    return load_game(SCENARIOS / "manchuria_1944")


def _terrain_pair(state: GameState, kind: str) -> tuple[int, int]:
    """Two neighbouring hexes of one terrain kind, away from every unit."""
    m = state.scenario.map
    k = m.terrain_kinds.index(kind)
    occupied = set(state.unit_hex[state.unit_hex >= 0].tolist())
    for h in np.flatnonzero(m.terrain == k):
        for n in m.grid.neighbor_table[h]:
            if n >= 0 and m.terrain[n] == k and h not in occupied and n not in occupied \
                    and m.fortification[h] == 0 and m.fortification[n] == 0 and not m.river[h].any():
                return int(h), int(n)
    raise AssertionError(f"no two {kind} hexes side by side")


def duel(soviet: dict[str, int], japan: dict[str, int], terrain: str, turn: int, soviet_men: int = 3000,
         japan_men: int = 3000, surprise: bool = True) -> tuple[GameState, str, str, tuple[int, int]]:
    """A fresh state with one Soviet and one Japanese ground unit, side by side, with the given kit.

    ``surprise=False`` loads a private copy of the scenario without the first night's surprise, to
    look at a night fight between forces that both expect it.
    """
    s = _opening().clone() if surprise else load_game(SCENARIOS / "manchuria_1944")
    scn = s.scenario
    if not surprise:
        scn.surprised = {}
    sov = next(u for u in s.ground_units_of(0) if scn.units[u].type.movement_class == 3)  # a tracked unit
    jap = max(s.ground_units_of(1), key=lambda u: (scn.units[u].experience, -u))  # a seasoned unit
    s.unit_hex[:] = OFF_MAP
    a, b = _terrain_pair(s, terrain)
    s.unit_hex[sov], s.unit_hex[jap] = a, b
    s.control[a], s.control[b] = 0, 1
    for u, kit, men in ((sov, soviet, soviet_men), (jap, japan, japan_men)):
        s.unit_equipment[u] = 0
        for eid, n in kit.items():
            s.unit_equipment[u, scn.equipment_index[eid]] = n
        s.unit_men[u] = men
    s.turn = turn
    return s, scn.units[sov].id, scn.units[jap].id, (scn.map.grid.hex_at(a), scn.map.grid.hex_at(b))


def test_t34s_attacking_type97s_on_open_steppe_lose_few_and_destroy_many() -> None:
    s, sov, _jap, (_a, b) = duel({"t34_85": 60}, {"type97_chi_ha": 40, "type95_ha_go": 30}, "steppe", turn=5)
    pv = preview(s, Attack((sov,), b))
    assert pv.range_m >= 1500
    japanese_tanks_lost = pv.defender_losses.get("type97_chi_ha", 0) + pv.defender_losses.get("type95_ha_go", 0)
    assert japanese_tanks_lost > 70 / 3 and pv.attacker_losses.get("t34_85", 0) < 1  # over a third of them
    combat = apply(s, Attack((sov,), b))[0]
    assert isinstance(combat, Combat) and combat.attacker_losses.get("t34_85", 0) <= 1


@pytest.mark.parametrize("seed", range(5))
def test_type95_and_97_attacking_t34s_head_on_destroy_none_by_gunfire(seed: int) -> None:
    s, _sov, jap, (a, _b) = duel({"t34_85": 60}, {"type97_chi_ha": 40, "type95_ha_go": 30}, "steppe", turn=5)
    apply(s, EndPhase())  # the Japanese phase
    s.rng = np.random.default_rng(seed)
    pv = preview(s, Attack((jap,), a))
    assert all(g["p_penetrate"] < 1e-6 for g in pv.attacker_guns if g["target"] == "t34_85")
    combat = apply(s, Attack((jap,), a))[0]
    assert isinstance(combat, Combat) and combat.defender_losses.get("t34_85", 0) == 0


@pytest.mark.parametrize("terrain,turn", [("forest", 5), ("clear", 1)])
def test_close_assault_in_forest_or_at_night_kills_some_tanks_at_a_heavy_cost(terrain: str, turn: int) -> None:
    s, _sov, jap, (a, _b) = duel({"t34_85": 60, "hmg_maxim": 20, "lmg_dp": 40},
                                {"lunge_mine": 300, "satchel_charge": 600, "lmg_type96": 100}, terrain, turn,
                                soviet_men=2500, japan_men=12000, surprise=False)
    apply(s, EndPhase())
    s.turn = turn
    pv = preview(s, Attack((jap,), a))
    assault = pv.close_assault["attacker"]
    assert pv.range_m <= 300
    assert assault["teams"] > 0 and assault["cut_down"] > 0.3 * assault["teams"]  # most are swept away
    assert assault["tanks_knocked_out"] > 1
    assert pv.attacker_losses["men"] > 50 * pv.defender_losses.get("t34_85", 0)  # a heavy price in infantry
    killed = []
    for seed in range(10):  # the dice: a couple of tanks a battle on average, some battles none
        battle = s.clone()
        battle.rng = np.random.default_rng(seed)
        combat = apply(battle, Attack((jap,), a))[0]
        assert isinstance(combat, Combat)
        killed.append(combat.defender_losses.get("t34_85", 0))
    assert np.mean(killed) > 1


def test_no_close_assault_on_the_open_steppe_by_day() -> None:
    s, _sov, jap, (a, _b) = duel({"t34_85": 60}, {"lunge_mine": 300}, "steppe", turn=5, japan_men=12000)
    apply(s, EndPhase())
    assert preview(s, Attack((jap,), a)).close_assault["attacker"]["teams"] == 0
