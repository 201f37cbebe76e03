"""The combat lab (`python main.py duel`): named units fight one attack, many times, on a clean board.

Calibration needs the combat model on its own: the same attack repeated with different dice,
with nothing else in the way — no rivers, roads, supply trouble, night or surprise unless asked
for, no air support, no other units. So the lab builds a small map of one terrain kind, puts
the defenders in its centre hex (with the chosen fortification) and the attackers next to it,
and applies the attack through the engine, exactly as a game would. It reads only the public
entry points of the rules (``battle.preview`` and ``engine.apply``), so it measures whatever the
combat model currently is.

Pure and headless: numpy and the core only.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.core import engine
from game.core.events import Combat
from game.core.hexgrid import Grid, Hex, neighbor
from game.core.mapdata import MapData
from game.core.orders import Attack, IllegalOrder
from game.core.rules import battle
from game.core.state import GameState, Scenario, new_state
from game.core.units import OFF_MAP

LAB_SIZE = 7  # hexes a side: room for the attackers all round and for the defender to fall back
CENTRE: Hex = (LAB_SIZE // 2, LAB_SIZE // 2)
# Where attacker stacks go, in order: one hex west is the standard duel (facing front); a second
# adjacent hexside still strikes the front; from ``flank_hexsides`` hexsides on, the side.
ATTACK_DIRECTIONS = (3, 2, 4, 1, 5, 0)  # W, NW, SW, NE, SE, E
TANK_KINDS = frozenset({"tank", "spg"})  # "tanks" in the lab's figures: armoured fighting vehicles


class LabError(ValueError):
    """A duel that cannot be set up; the message is one line a user can act on."""


@dataclass
class Duel:
    """A duel set up: the lab's opening state (copied for every run) and the attack to apply."""

    state: GameState
    attack: Attack
    attackers: list[int]  # unit indices in the lab scenario
    defenders: list[int]
    attacker_side: int
    defender_side: int
    terrain: str
    fortification: int
    night: bool
    attack_hexes: list[Hex] = field(default_factory=list)


# ------------------------------------------------------------------ what the scenario allows


def terrain_kinds(scn: Scenario) -> list[str]:
    """Terrain kinds of the scenario a ground unit can stand in (some movement class may enter them).

    Kinds the rules file leaves out are impassable to every class, and so are sea and lake: a
    duel there would put units where the rules never let them be.
    """
    enterable = np.isfinite(scn.movement.terrain_cost).any(axis=0)
    return [k for i, k in enumerate(scn.map.terrain_kinds) if i < enterable.size and enterable[i]]


def fortification_levels(scn: Scenario) -> range:
    """Fortification levels the combat rules define (one defence factor per level)."""
    assert scn.combat is not None
    return range(len(scn.combat.fortification_defense))


def quiet_turn(scn: Scenario) -> int:
    """The first turn with no special rule and clear weather, so the lab's date means nothing special.

    The lab clears night, surprise, no-artillery and weather anyway; choosing a quiet turn also keeps
    any rule keyed on the turn number that the lab does not know about out of the duel.
    """
    special = set(scn.night_turns) | set(scn.weather_by_turn)
    for turns in (*scn.surprised.values(), *scn.no_artillery.values()):
        special |= set(turns)
    return next((t for t in range(1, scn.turns + 1) if t not in special), 1)


# ------------------------------------------------------------------ the board


def lab_map(scn: Scenario, terrain: str, fortification: int) -> MapData:
    """A small map of one terrain kind, no rivers, roads or railways, fortified only at the centre."""
    md = MapData.empty(Grid(LAB_SIZE, LAB_SIZE), scn.map.km_per_hex, scn.map.terrain_kinds)
    md.terrain[:] = scn.map.terrain_kinds.index(terrain)
    md.fortification[md.grid.index(CENTRE)] = fortification
    return md


def attacker_hexes(count: int, stack_max: int) -> list[Hex]:
    """One hex per attacker: fill the hex west of the centre up to the stacking limit, then the next.

    Stacking is a rule of the game, so the lab keeps to it; more attackers than one hex holds
    come from more hexsides, which may turn the defender's facing from front to side.
    """
    if count > stack_max * len(ATTACK_DIRECTIONS):
        raise LabError(f"at most {stack_max * len(ATTACK_DIRECTIONS)} attackers fit round one hex "
                       f"({stack_max} per hex, the stacking limit)")
    return [neighbor(CENTRE, ATTACK_DIRECTIONS[i // stack_max]) for i in range(count)]


def _pick_units(scn: Scenario, ids: list[str], role: str) -> list[int]:
    """Unit indices of the named ground units, one side only; every problem as one line."""
    unknown = [u for u in ids if u not in scn.unit_index]
    if unknown:
        raise LabError(f"unknown {role} unit id{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)} "
                       f"(unit ids are in the scenario's oob_*.yaml files)")
    if len(set(ids)) != len(ids):
        raise LabError(f"name each {role} unit once")
    units = [scn.unit_index[u] for u in ids]
    air = [scn.units[u].id for u in units if not scn.unit_ground[u]]
    if air:
        raise LabError(f"{', '.join(air)}: not a ground unit; the lab fights ground units only")
    sides = {int(scn.unit_side[u]) for u in units}
    if len(sides) > 1:
        raise LabError(f"the {role}s belong to different sides")
    return units


def lab_scenario(scn: Scenario, units: list[int], md: MapData, turn: int, night: bool,
                 control: np.ndarray) -> Scenario:
    """The scenario cut down to the named units on the lab map, with every special rule cleared.

    ``dataclasses.replace`` builds a new Scenario through ``__init__``, so none of the big
    scenario's cached properties (unit index, weapon table, distances) carry over. Units keep
    their type, side and experience; reinforcement dates and hold-backs are dropped, so every
    unit can fight on the lab's turn.
    """
    infos = tuple(dataclasses.replace(scn.units[u], arrives=None, entry_hex=OFF_MAP, moves_from_turn=1)
                  for u in units)
    return dataclasses.replace(
        scn, name=f"{scn.name} (combat lab)", map=md, units=infos,
        night_turns=frozenset({turn}) if night else frozenset(), surprised={}, no_artillery={},
        weather_by_turn={}, weather_chances=(), link_ups=(), scheduled=(), landings=(), initial_control=control.copy())


def build_duel(state: GameState, attacker_ids: list[str], defender_ids: list[str], terrain: str = "clear",
               fortification: int = 0, night: bool = False) -> Duel:
    """Set up a duel from a loaded scenario's opening state; raises LabError on a bad request.

    Units fight at their opening strength, fully supplied (``new_state`` fills fuel and ammunition);
    defenders stand in the centre hex and hold the rest of the board, attackers stand west of them.
    """
    scn = state.scenario
    if scn.combat is None:
        raise LabError(f"{scn.id} has no combat rules")
    kinds = terrain_kinds(scn)
    if terrain not in kinds:
        raise LabError(f"unknown terrain '{terrain}' (terrain kinds: {', '.join(kinds)})")
    levels = fortification_levels(scn)
    if fortification not in levels:
        raise LabError(f"fortification {fortification} is not one of the scenario's levels "
                       f"({levels.start}-{levels.stop - 1})")
    attackers = _pick_units(scn, attacker_ids, "attacker")
    defenders = _pick_units(scn, defender_ids, "defender")
    att_side, def_side = int(scn.unit_side[attackers[0]]), int(scn.unit_side[defenders[0]])
    if att_side == def_side:
        raise LabError(f"attacker and defender are both {scn.sides[att_side].name}: pick units of opposing sides")
    stack_max = scn.movement.stack_max
    if len(defenders) > stack_max:
        raise LabError(f"at most {stack_max} defenders stand in one hex (the stacking limit)")
    hexes = attacker_hexes(len(attackers), stack_max)
    md = lab_map(scn, terrain, fortification)
    grid = md.grid
    control = np.full(grid.size, def_side, np.int8)  # the defender fights in its own territory
    for h in hexes:
        control[grid.index(h)] = att_side
    chosen = attackers + defenders
    turn = quiet_turn(scn)
    lab = lab_scenario(scn, chosen, md, turn, night, control)
    unit_hex = np.array([grid.index(h) for h in hexes] + [grid.index(CENTRE)] * len(defenders), np.int32)
    lab_state = new_state(lab, unit_hex, state.unit_men[chosen], state.unit_equipment[chosen], control)
    lab_state.turn = turn
    lab_state.phase = att_side  # attacks are legal only in the attacker's phase
    n_att = len(attackers)
    return Duel(lab_state, Attack(tuple(attacker_ids), CENTRE), list(range(n_att)),
                list(range(n_att, len(chosen))), att_side, def_side, terrain, fortification, night, hexes)


# ------------------------------------------------------------------ fighting it


def fresh_state(duel: Duel, seed: int) -> GameState:
    """A copy of the lab's opening state whose dice start from ``seed``."""
    state = duel.state.clone()
    state.rng = np.random.Generator(np.random.PCG64(seed))
    return state


def fight(duel: Duel, seed: int) -> tuple[Combat, GameState]:
    """One attack through the engine, as a game would apply it; the Combat event and the state after."""
    state = fresh_state(duel, seed)
    try:
        events = engine.apply(state, duel.attack)
    except IllegalOrder as exc:  # the board is built to make the attack legal; say so if a rule disagrees
        raise LabError(f"the engine refused the attack: {exc}") from exc
    combat = next(e for e in events if isinstance(e, Combat))
    return combat, state


def preview(duel: Duel) -> battle.CombatPreview:
    """The rules' expectation for the duel (no dice drawn)."""
    try:
        return battle.preview(duel.state.clone(), duel.attack)
    except IllegalOrder as exc:
        raise LabError(f"the engine refused the attack: {exc}") from exc


def run_duel(duel: Duel, runs: int, seed: int) -> dict[str, Any]:
    """Fight the duel ``runs`` times with seeds seed, seed+1, ...; the summary as a JSON-ready dict."""
    if runs < 1:
        raise LabError("--runs must be at least 1")
    fights = [fight(duel, seed + i)[0] for i in range(runs)]
    return summarize(duel, fights, preview(duel), seed)


# ------------------------------------------------------------------ the figures


def _stats(values: np.ndarray, brought: float, expected: float) -> dict[str, float]:
    """Mean, p10 and p90 of a loss, as counts and as % of what the side brought, beside the preview."""
    pct = 100.0 / brought if brought else 0.0
    mean, p10, p90 = float(values.mean()), float(np.percentile(values, 10)), float(np.percentile(values, 90))
    return {"mean": round(mean, 2), "p10": round(p10, 2), "p90": round(p90, 2), "brought": int(brought),
            "mean_pct": round(mean * pct, 2), "p10_pct": round(p10 * pct, 2), "p90_pct": round(p90 * pct, 2),
            "preview": round(expected, 2), "preview_pct": round(expected * pct, 2)}


def _side_figures(duel: Duel, units: list[int], losses: list[dict[str, int]],
                  expected: dict[str, float]) -> dict[str, Any]:
    """Men, tanks and every equipment type the side brought: what it lost over the runs."""
    scn, state = duel.state.scenario, duel.state
    brought = state.unit_equipment[units].sum(axis=0)
    men = int(state.unit_men[units].sum())
    tank_ids = [e.id for e in scn.equipment if e.kind in TANK_KINDS]
    tanks = int(sum(brought[scn.equipment_index[t]] for t in tank_ids))
    out: dict[str, Any] = {
        "side": scn.sides[int(scn.unit_side[units[0]])].id,
        "units": [scn.units[u].id for u in units],
        "men": _stats(np.array([d.get("men", 0) for d in losses], float), men, expected.get("men", 0.0)),
        "tanks": _stats(np.array([sum(d.get(t, 0) for t in tank_ids) for d in losses], float), tanks,
                        sum(expected.get(t, 0.0) for t in tank_ids)),
        "equipment": {},
    }
    for i in np.flatnonzero(brought):
        eid = scn.equipment[i].id
        out["equipment"][eid] = _stats(np.array([d.get(eid, 0) for d in losses], float), int(brought[i]),
                                       expected.get(eid, 0.0))
    return out


def summarize(duel: Duel, fights: list[Combat], pv: battle.CombatPreview, seed: int) -> dict[str, Any]:
    """The lab's report: the headline numbers at the top level, the detail beneath."""
    scn = duel.state.scenario
    att = _side_figures(duel, duel.attackers, [c.attacker_losses for c in fights], pv.attacker_losses)
    dfn = _side_figures(duel, duel.defenders, [c.defender_losses for c in fights], pv.defender_losses)
    n = len(fights)
    retreated = sum(1 for c in fights if c.retreated or c.surrendered) / n
    results = {r: sum(1 for c in fights if c.result == r) for r in ("held", "retreated", "taken")}
    return {
        "attacker_men_lost_pct": att["men"]["mean_pct"], "defender_men_lost_pct": dfn["men"]["mean_pct"],
        "attacker_tanks_lost_pct": att["tanks"]["mean_pct"], "defender_tanks_lost_pct": dfn["tanks"]["mean_pct"],
        "defender_retreat_rate": round(retreated, 4), "hex_taken_rate": round(results["taken"] / n, 4),
        "runs": n,
        "defender_surrender_rate": round(sum(1 for c in fights if c.surrendered) / n, 4),
        "results": results,
        "scenario": scn.id, "terrain": duel.terrain, "fortification": duel.fortification, "night": duel.night,
        "turn": duel.state.turn, "seed": seed,
        "range_m": fights[0].range_m, "facing": fights[0].facing,
        "attack_hexsides": len(set(duel.attack_hexes)),
        "attacker": att, "defender": dfn,
        "preview": {"range_m": pv.range_m, "night": pv.night, "facing": pv.facing, "likely_result": pv.likely_result,
                    "attacker_loss_fraction": pv.attacker_loss_fraction,
                    "defender_loss_fraction": pv.defender_loss_fraction, "modifiers": pv.modifiers},
    }


def format_report(doc: dict[str, Any]) -> str:
    """The summary as a table a designer reads at a glance."""
    when = "night" if doc["night"] else "day"
    lines = [f"Combat lab: {doc['scenario']}, {doc['terrain']}, fortification {doc['fortification']}, {when} "
             f"(turn {doc['turn']}), {doc['runs']} runs from seed {doc['seed']}"]
    for role in ("attacker", "defender"):
        s = doc[role]
        lines.append(f"{role}s ({s['side']}): {', '.join(s['units'])} - {s['men']['brought']:,} men, "
                     f"{s['tanks']['brought']:,} tanks and SPGs")
    lines.append(f"range {doc['range_m']:g} m, facing {doc['facing']} (attacked from {doc['attack_hexsides']} "
                 f"hexside{'s' if doc['attack_hexsides'] > 1 else ''}); preview: {doc['preview']['likely_result']}")
    lines.append("")
    lines.append(f"{'':9s}{'lost':22s}{'mean':>9s}{'p10':>9s}{'p90':>9s}{'mean %':>8s}{'p10 %':>7s}{'p90 %':>7s}"
                 f"{'preview':>10s}{'prev %':>8s}")
    for role in ("attacker", "defender"):
        s = doc[role]
        rows = [("men", s["men"]), ("tanks+SPGs", s["tanks"]), *s["equipment"].items()]
        for i, (name, v) in enumerate(rows):
            lines.append(f"{role if i == 0 else '':9s}{name:22s}{v['mean']:9.1f}{v['p10']:9.1f}{v['p90']:9.1f}"
                         f"{v['mean_pct']:8.1f}{v['p10_pct']:7.1f}{v['p90_pct']:7.1f}{v['preview']:10.1f}"
                         f"{v['preview_pct']:8.1f}")
    r = doc["results"]
    lines.append("")
    lines.append(f"defender retreats {doc['defender_retreat_rate']:.0%} "
                 f"(surrenders {doc['defender_surrender_rate']:.0%}), hex taken {doc['hex_taken_rate']:.0%}; "
                 f"held {r['held']}, retreated {r['retreated']}, taken {r['taken']} of {doc['runs']}")
    return "\n".join(lines)
