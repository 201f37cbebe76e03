"""What a counter says about its unit: the number, the strength bars and the marks.

Pure functions of the state a side sees (no pygame), so what a counter claims is tested
without a screen; ``counters`` only draws it. A seen enemy's numbers are whatever the side's
view gives (the core may estimate them); its status and supply are never shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.core.rules.battle import why_unit_cannot_attack
from game.core.state import GameState

ARMOUR_SYMBOLS = frozenset({"armor"})  # units whose number is their tanks and SPGs
BAR_STEPS = 10  # the strength bars move in tenths (a cache key that changes with every man lost would not cache)


def strength_label(men: int) -> str:
    """Men in thousands: '9.0', '14.0'; whole thousands from 100,000 up."""
    k = men / 1000
    return f"{k:.0f}" if k >= 100 else f"{k:.1f}"


def counter_number(men: int, tanks: int, armour_unit: bool) -> str:
    """The counter's number, with its unit: "9.6k" men, or "40T" tanks and SPGs for an armour unit."""
    if armour_unit and tanks > 0:
        return f"{tanks}T"
    return f"{strength_label(men)}k"


def bar_tenths(now: float, start: float) -> int:
    """How many tenths of ``start`` are left (rounded up, so a unit with any strength shows some bar)."""
    if start <= 0:
        return -1
    return max(0 if now <= 0 else 1, min(BAR_STEPS, math.ceil(BAR_STEPS * now / start - 1e-9)))


@dataclass(frozen=True)
class CounterFacts:
    number: str
    men_bar: int
    armour_bar: int
    status: tuple[str, ...]
    spent: bool
    marks: tuple[str, ...]


def enemy_hexes(state: GameState) -> np.ndarray:
    """bool [n_hexes]: hexes holding ground units of a side other than the one to move."""
    mask = np.zeros(state.scenario.map.grid.size, dtype=bool)
    for side in range(len(state.scenario.sides)):
        if side != state.side:
            mask |= state.occupancy(side) > 0
    return mask


def counter_facts(state: GameState, u: int, viewer: int | None, enemy: np.ndarray,
                  encircled: frozenset[int] = frozenset()) -> CounterFacts:
    """The counter of unit ``u`` as the side ``viewer`` (None: a spectator) sees it.

    ``enemy``: ``enemy_hexes(state)``, computed once per state by the caller. Status marks
    (moved, can attack, held back, spent) show on the counters of the side to move, to that
    side (or a spectator); supply marks on a side's own counters only.
    """
    scn = state.scenario
    side = int(scn.unit_side[u])
    tanks_mask = scn.tank_types
    tanks = int(state.unit_equipment[u][tanks_mask].sum())
    tanks_start = tanks + int(state.unit_lost_equipment[u][tanks_mask].sum())
    men = int(state.unit_men[u])
    armour_unit = scn.units[u].type.symbol in ARMOUR_SYMBOLS
    number = counter_number(men, tanks, armour_unit)
    men_bar = bar_tenths(men, men + int(state.unit_lost_men[u]))
    armour_bar = bar_tenths(tanks, tanks_start) if tanks_start > 0 else -1
    mine = viewer is None or viewer == side
    status: tuple[str, ...] = ()
    spent = False
    if mine and side == state.side and not state.game_over:
        status, spent = _status(state, u, enemy)
    marks = supply_marks(state, u) + (("encircled",) if u in encircled else ()) if mine else ()
    return CounterFacts(number, men_bar if men_bar >= 0 else BAR_STEPS, armour_bar, status, spent, marks)


def _status(state: GameState, u: int, enemy: np.ndarray) -> tuple[tuple[str, ...], bool]:
    info = state.scenario.units[u]
    if state.turn < info.moves_from_turn:
        return ("held",), False
    mp, full = float(state.unit_mp[u]), float(state.scenario.unit_max_mp[u])
    if state.unit_hex[u] < 0 or not state.scenario.unit_ground[u]:
        return (), False
    if mp <= 0:
        return (), True
    out = ["moved"] if mp < full - 1e-6 else []
    nbr = state.scenario.map.grid.neighbor_table[state.unit_hex[u]]
    if any(j >= 0 and enemy[j] and why_unit_cannot_attack(state, u, int(j)) is None for j in nbr):
        out.append("attack")
    return tuple(out), False


def supply_marks(state: GameState, unit: int) -> tuple[str, ...]:
    """Low fuel (under a day), no ammunition, out of supply: the unit's own side's warnings."""
    rules = state.scenario.supply
    if rules is None:
        return ()
    marks = []
    if int(state.scenario.unit_class[unit]) in rules.fuel_classes and state.unit_fuel[unit] < 1:
        marks.append("fuel")
    if state.unit_ammo[unit] <= 0:
        marks.append("ammo")
    if state.unit_oos[unit] > 0:
        marks.append("oos")
    return tuple(marks)
