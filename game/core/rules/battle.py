"""Attacks: who may attack where, the preview a player sees, and the resolution with its dice.

The rule (also in the README): units of the side to move that have movement points left and
have not attacked this phase may attack an adjacent hex holding enemy ground units. All
defenders in the hex fight; artillery units within their ``support_range`` fire for either
side. Attacking ends the attackers' movement for the phase. After the exchange of fire
(``combat.py``) the defender retreats when it lost more than its retreat threshold —
``retreat.loss_fraction`` scaled by its cohesion (the share of its men it still has) — and
``retreat.advantage`` times the attacker's share. A retreating unit leaves stragglers behind as
prisoners, many more when routed; a unit with nowhere to go surrenders. A unit reduced below
``retreat.destroyed_below`` of its starting men with no armour left is destroyed. Knocked-out
vehicles are destroyed or damaged; damaged ones are repaired over the following days. Heavy
guns batter the target's fortification. When the hex empties, the strongest attacker that can
enter it advances and takes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.core.equipment import FACINGS
from game.core.events import Combat, Event, HexCaptured
from game.core.hexgrid import distance
from game.core.orders import Attack, IllegalOrder
from game.core.rules.combat import (
    Engagement,
    Force,
    Losses,
    engagement,
    exchange,
    expected_losses,
    fortification_factor,
    loss_fraction,
    luck,
    penetration_breakdown,
    shock_factor,
)
from game.core.rules.combat import drawn_losses as draw
from game.core.rules.movement import enemy_occupied, enemy_zoc
from game.core.rules.supply import burn_ammo
from game.core.state import GameState
from game.core.units import OFF_MAP


@dataclass
class CombatPreview:
    """The expected outcome of an attack and why: what the UI shows and the AI weighs."""

    range_m: float
    night: bool
    facing: str
    modifiers: list[dict[str, Any]]
    attacker_losses: dict[str, float]  # expected: "men" and equipment id -> count
    defender_losses: dict[str, float]
    attacker_loss_fraction: float
    defender_loss_fraction: float
    likely_result: str  # "defender retreats" or "defender holds"
    attacker_guns: list[dict[str, Any]] = field(default_factory=list)  # penetration of the attacker's guns
    defender_guns: list[dict[str, Any]] = field(default_factory=list)
    close_assault: dict[str, dict[str, float]] = field(default_factory=dict)


def attackers_of(state: GameState, attack: Attack) -> tuple[list[int], int]:
    """Unit indices and target hex index of a legal attack; raises IllegalOrder otherwise."""
    scn = state.scenario
    if scn.combat is None:
        raise IllegalOrder("this scenario has no combat rules")
    grid = scn.map.grid
    if not grid.contains(attack.target):
        raise IllegalOrder(f"{attack.target} is off the map")
    target = grid.index(attack.target)
    if not enemy_occupied(state, state.side)[target]:
        raise IllegalOrder(f"no enemy in {attack.target}")
    if not attack.units or len(set(attack.units)) != len(attack.units):
        raise IllegalOrder("name each attacking unit once")
    units = []
    for uid in attack.units:
        u = scn.unit_index.get(uid)
        if u is None:
            raise IllegalOrder(f"no unit '{uid}'")
        why = why_unit_cannot_attack(state, u, target)
        if why is not None:
            raise IllegalOrder(f"{scn.units[u].name} {why}")
        units.append(u)
    return units, target


def attack_groups(state: GameState) -> dict[int, list[str]]:
    """For each enemy-held hex next to the side's units (in hex order), the ids of the units that may
    attack it now: what the list of legal orders and the baseline player build their attacks from."""
    scn = state.scenario
    grid = scn.map.grid
    enemy = enemy_occupied(state, state.side)
    joining: dict[int, list[str]] = {}
    for u in state.ground_units_of(state.side):
        for n in grid.neighbor_table[state.unit_hex[u]]:
            if n >= 0 and enemy[n] and why_unit_cannot_attack(state, int(u), int(n)) is None:
                joining.setdefault(int(n), []).append(scn.units[u].id)
    return dict(sorted(joining.items()))


def why_unit_cannot_attack(state: GameState, u: int, target: int) -> str | None:
    """The one check of whether unit ``u`` may join an attack on hex ``target`` now: None when it may,
    else the reason as the end of a sentence that starts with the unit's name. The engine, the UI's
    "why not" lines and the computer players all ask this."""
    scn = state.scenario
    unit = scn.units[u]
    if unit.side != state.side or state.unit_hex[u] == OFF_MAP or not scn.unit_ground[u]:
        return "cannot attack now"
    if state.turn < unit.moves_from_turn:
        return f"is held back until turn {unit.moves_from_turn}"
    if state.unit_attacked[u]:
        return "has already attacked this phase"
    if state.unit_mp[u] <= 0:
        return "has no movement points left"
    if target not in scn.map.grid.neighbor_table[state.unit_hex[u]]:
        return f"is not next to {scn.map.grid.hex_at(target)}"
    return None


def _setup(state: GameState, attack: Attack) -> Engagement:
    units, target = attackers_of(state, attack)
    assert state.scenario.combat is not None
    return engagement(state, state.scenario.combat, units, target)


def preview(state: GameState, attack: Attack, detail: bool = True) -> CombatPreview:
    """Expected losses and the breakdown; changes nothing (not even the RNG). Without ``detail`` the
    losses, fractions and likely result only (no gun breakdowns, shock or close-assault lines, which only
    the UI shows): the computer players weigh thousands of attacks a turn."""
    scn = state.scenario
    eng = _setup(state, attack)
    table = scn.weapon_table
    ex = exchange(table, eng)
    att_loss = expected_losses(ex.defender_fire, eng.attacker, ex.attacker_fire.assault, table)
    def_loss = expected_losses(ex.attacker_fire, eng.defender, ex.defender_fire.assault, table)
    ids = [e.id for e in scn.equipment]
    att_frac = loss_fraction(att_loss, eng.attacker, table, own_assault=True)
    def_frac = loss_fraction(def_loss, eng.defender, table, own_assault=True)
    outcome = CombatPreview(
        eng.range_m, eng.night, FACINGS[eng.defender.facing], [],
        _as_dict(att_loss, ids, float), _as_dict(def_loss, ids, float), round(att_frac, 4), round(def_frac, 4),
        "defender retreats" if _retreats(state, att_frac, def_frac, eng.defender.units) else "defender holds")
    if not detail:
        return outcome
    outcome.modifiers = [{"name": m.name, "value": round(m.value, 3), "side": m.side} for m in eng.modifiers]
    sides = ((eng.attacker, ex.defender_fire, "attacker"), (eng.defender, ex.attacker_fire, "defender"))
    for force, hit_by, side in sides:
        shock = shock_factor(table, force, hit_by.kill_p, eng.range_m)
        if shock > 1.0:
            outcome.modifiers.append({"name": "armour the enemy cannot stop: fire on men", "value": round(shock, 3),
                                      "side": side})
    outcome.attacker_guns = penetration_breakdown(table, eng.attacker, eng.defender, eng.range_m, ids)
    outcome.defender_guns = penetration_breakdown(table, eng.defender, eng.attacker, eng.range_m, ids)
    outcome.close_assault = {"attacker": _assault_summary(ex.attacker_fire.assault),
                             "defender": _assault_summary(ex.defender_fire.assault)}
    return outcome


def _assault_summary(a: Losses) -> dict[str, float]:
    return {"teams": round(a.assault_teams, 1), "cut_down": round(a.assault_cut_down, 1),
            "tanks_knocked_out": round(a.assault_kills, 2), "men_lost": round(a.men, 1)}


def _as_dict(losses: Losses, ids: list[str], cast: type) -> dict[str, Any]:
    out: dict[str, Any] = {"men": cast(round(float(losses.men), 1) if cast is float else losses.men)}
    for i in np.flatnonzero(losses.equipment > (0.005 if cast is float else 0)):
        out[ids[i]] = cast(round(float(losses.equipment[i]), 2) if cast is float else losses.equipment[i])
    return out


def cohesion(state: GameState, units: list[int]) -> float:
    """Share of their starting men the units still have: worn units break sooner."""
    now = float(state.unit_men[units].sum())
    start = now + float(state.unit_lost_men[units].sum())
    return now / start if start > 0 else 1.0


def _retreats(state: GameState, att_frac: float, def_frac: float, defenders: list[int]) -> bool:
    """Losses past the threshold — lower as cohesion falls, higher behind concrete — and well past the
    attacker's."""
    r = state.scenario.combat
    assert r is not None
    hexes = state.unit_hex[defenders]
    level = float(state.fort_level[hexes[0]]) if len(hexes) else 0.0
    if level >= r.hold_fortification:
        return False  # the garrison fights where it stands until it is destroyed or starves
    threshold = r.retreat_loss_fraction * cohesion(state, defenders) * fortification_factor(r, level)
    return def_frac > threshold and def_frac > r.retreat_advantage * att_frac


def resolve(state: GameState, attack: Attack) -> list[Event]:
    """Carry out a legal attack: draw losses, apply them, retreat, destroy, advance."""
    scn = state.scenario
    rules = scn.combat
    assert rules is not None
    eng = _setup(state, attack)
    table = scn.weapon_table
    for force in (eng.attacker, eng.defender):  # the day's luck: the same battle can go either way
        force.fire = luck(state.rng, force.fire, rules.fire_spread)
    ex = exchange(table, eng)
    att_loss = draw(state.rng, ex.defender_fire, eng.attacker, ex.attacker_fire.assault, table)
    def_loss = draw(state.rng, ex.attacker_fire, eng.defender, ex.defender_fire.assault, table)
    def_frac = loss_fraction(def_loss, eng.defender, table, own_assault=True)
    retreat = _retreats(state, loss_fraction(att_loss, eng.attacker, table, own_assault=True), def_frac,
                        eng.defender.units)
    _apply_losses(state, eng.attacker, att_loss)
    _apply_losses(state, eng.defender, def_loss)
    state.unit_attacked[eng.attacker.units] = True
    state.unit_mp[eng.attacker.units] = 0
    support = eng.attacker.support_units
    state.unit_attacked[support] = True  # the guns fired for this attack: not again this phase
    _batter(state, eng.target, ex.attacker_fire.heavy_points)
    if scn.supply is not None:
        burn_ammo(state, eng.attacker.units + support, scn.supply.ammo_per_attack_days)
        burn_ammo(state, eng.defender.units, scn.supply.ammo_per_defence_days)
    destroyed = [u for u in eng.attacker.units + eng.defender.units if _destroy_if_spent(state, u)]
    retreated: list[int] = []
    surrendered: list[int] = []
    if retreat:
        routed = def_frac > rules.rout_fraction
        for u in eng.defender.units:
            if state.unit_hex[u] == OFF_MAP:
                continue
            to = _retreat_hex(state, u, eng)
            if to is None:
                state.eliminate(u, captured=True)
                surrendered.append(u)
            else:
                _stragglers(state, u, rules.rout_captured_share if routed else rules.retreat_captured_share)
                state.unit_hex[u] = to
                state.control[to] = state.scenario.unit_side[u]
                retreated.append(u)
    events: list[Event] = []
    advanced = _advance(state, eng, events)
    ids = [e.id for e in scn.equipment]
    uid = [u.id for u in scn.units]
    result = "taken" if advanced is not None else "retreated" if retreat else "held"
    combat = Combat(tuple(attack.units), attack.target, eng.range_m, eng.night, FACINGS[eng.defender.facing],
                    _as_dict(att_loss, ids, int), _as_dict(def_loss, ids, int), result,
                    tuple(uid[u] for u in retreated), tuple(uid[u] for u in surrendered),
                    tuple(uid[u] for u in destroyed), uid[advanced] if advanced is not None else None,
                    round(att_loss.assault_teams + def_loss.assault_teams),
                    round(att_loss.assault_kills + def_loss.assault_kills))
    return [combat, *events]


def _batter(state: GameState, target: int, heavy_points: float) -> None:
    """Heavy guns knock the fortification down a little with every attack (never below nothing)."""
    rules = state.scenario.combat
    assert rules is not None
    if heavy_points > 0 and state.fort_level[target] > 0:
        hit = heavy_points * rules.fortification_damage_per_point
        state.fort_level[target] = max(0.0, float(state.fort_level[target]) - hit)


def _stragglers(state: GameState, u: int, share: float) -> None:
    """A unit falling back loses men who are cut off or give up: they count as captured."""
    lost = int(state.unit_men[u] * share)
    if lost <= 0:
        return
    state.unit_men[u] -= lost
    state.unit_lost_men[u] += lost
    state.tally("captured", int(state.scenario.unit_side[u]), lost)


def _allocate(total: np.ndarray, holdings: np.ndarray) -> np.ndarray:
    """Split integer totals per column over rows in proportion to holdings (largest remainder)."""
    sums = holdings.sum(axis=0)
    share = np.where(sums > 0, holdings * (total / np.maximum(sums, 1)), 0.0)
    out = np.floor(share).astype(np.int64)
    left = (total - out.sum(axis=0)).astype(np.int64)
    remainder = share - out
    for col in np.flatnonzero(left > 0):
        order = np.argsort(-remainder[:, col], kind="stable")[: left[col]]
        out[order, col] += 1
    return np.minimum(out, holdings)


def _apply_losses(state: GameState, force: Force, losses: Losses) -> None:
    """Take the losses from the units in proportion to what each has; keep the side's loss counters.

    Men hit split into killed and wounded (``killed_share``); knocked-out vehicles into destroyed
    and damaged (``destroyed_share``), the damaged kept apart for repair."""
    rules = state.scenario.combat
    assert rules is not None
    units = force.units
    side = int(state.scenario.unit_side[units[0]])
    eq = _allocate(np.asarray(losses.equipment, np.int64), state.unit_equipment[units].astype(np.int64))
    men = _allocate(np.array([int(losses.men)]), state.unit_men[units].astype(np.int64)[:, None])[:, 0]
    state.unit_equipment[units] -= eq.astype(np.int32)
    state.unit_lost_equipment[units] += eq.astype(np.int32)
    state.unit_men[units] -= men.astype(np.int32)
    state.unit_lost_men[units] += men.astype(np.int32)
    wounded = men - np.round(men * rules.killed_share).astype(np.int64)
    state.unit_wounded[units] += wounded.astype(np.int32)
    state.tally("wounded", side, int(wounded.sum()))
    armor = eq * state.scenario.weapon_table.armored
    damaged = np.floor(armor * (1 - rules.destroyed_share)).astype(np.int32)
    state.unit_damaged[units] += damaged
    tanks = state.scenario.tank_types
    state.tally("tanks_destroyed", side, int((armor - damaged)[:, tanks].sum()))
    state.tally("tanks_damaged", side, int(damaged[:, tanks].sum()))


def repair(state: GameState, side: int, units: np.ndarray) -> None:
    """Workshops return a share of each unit's damaged vehicles (``repair_per_day``, rounding by chance)
    and the field hospitals a share of its wounded (``wounded_return_per_day``, rounded down)."""
    rules = state.scenario.combat
    if rules is None or not units.size:
        return
    back_men = np.floor(state.unit_wounded[units] * rules.wounded_return_per_day).astype(np.int32)
    if back_men.any():
        state.unit_wounded[units] -= back_men
        state.unit_lost_men[units] -= back_men
        state.unit_men[units] += back_men
        state.tally("returned", side, int(back_men.sum()))
    if rules.repair_per_day <= 0:
        return
    held = state.unit_damaged[units]
    if not held.any():
        return
    back = state.rng.binomial(held.astype(np.int64), rules.repair_per_day).astype(np.int32)
    state.unit_damaged[units] -= back
    state.unit_lost_equipment[units] -= back
    state.unit_equipment[units] += back


def _destroy_if_spent(state: GameState, u: int) -> bool:
    r = state.scenario.combat
    assert r is not None
    start = int(state.unit_men[u]) + int(state.unit_lost_men[u])
    armor = int((state.unit_equipment[u] * state.scenario.weapon_table.armored).sum())
    if state.unit_hex[u] != OFF_MAP and armor == 0 and state.unit_men[u] < r.destroyed_below * start:
        state.eliminate(u, captured=True)  # the remnant scatters: missing, counted with the captured
        return True
    return False


def _retreat_hex(state: GameState, u: int, eng: Engagement) -> int | None:
    """The best hex next to the defender's to fall back to, away from the attackers, or None."""
    scn = state.scenario
    side = int(scn.unit_side[u])
    grid = scn.map.grid
    costs = scn.movement.edge_costs(scn.map, int(scn.unit_class[u]))
    blocked = enemy_occupied(state, side)
    zoc = enemy_zoc(state, side)
    occupancy = state.occupancy(side)
    here = eng.target
    attackers = [grid.hex_at(int(state.unit_hex[a])) for a in eng.attacker.units if state.unit_hex[a] != OFF_MAP]
    best, best_score = None, None
    for d, n in enumerate(grid.neighbor_table[here]):
        if n < 0 or blocked[n] or not np.isfinite(costs[here, d]) or occupancy[n] >= scn.movement.stack_max:
            continue
        if zoc[n] and occupancy[n] == 0:
            continue
        score = (sum(distance(grid.hex_at(int(n)), a) for a in attackers), int(state.control[n] == side), -int(n))
        if best_score is None or score > best_score:
            best, best_score = int(n), score
    return best


def _advance(state: GameState, eng: Engagement, events: list[Event]) -> int | None:
    """When the target hex is empty, the strongest attacker that can step in takes it."""
    scn = state.scenario
    if any(state.unit_hex[u] == eng.target for u in eng.defender.units):
        return None
    grid = scn.map.grid
    for u in sorted(eng.attacker.units, key=lambda a: (-int(state.unit_men[a]), a)):
        here = int(state.unit_hex[u])
        if here == OFF_MAP:
            continue
        d = int(np.flatnonzero(grid.neighbor_table[here] == eng.target)[0])
        if np.isfinite(scn.movement.edge_costs(scn.map, int(scn.unit_class[u]))[here, d]):
            state.unit_hex[u] = eng.target
            side = int(scn.unit_side[u])
            if state.control[eng.target] != side:
                state.control[eng.target] = side
                place = scn.map.place_at(eng.target)
                events.append(HexCaptured(grid.hex_at(eng.target), scn.sides[side].id, place.id if place else None))
            return u
    return None
