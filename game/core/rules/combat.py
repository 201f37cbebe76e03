"""Combat through armour penetration.

An attack goes from units in one or more hexes into one hex. Both sides fire at once:

* Range: the defender's terrain sets the engagement range (night turns: the scenario's night
  range). Every gun's penetration at that range comes from its table.
* Against armour: a weapon's aimed shots (``shots_per_weapon`` x hit chance at the range)
  are spread over the enemy's armoured vehicles by their numbers; each hit penetrates with
  probability Phi((pen - armour) / (spread * armour)) against the facing struck — front,
  side when the defender is attacked from ``flank_hexsides`` or more hexsides, rear from five
  — and a penetration knocks the vehicle out with ``kill_given_penetration``. Anti-armour
  weapons put ``at_focus`` of their fire on armour when there is any, the rest on soft targets.
* Against men and soft equipment: each weapon's ``he`` and the firing side's small arms.
* Close assault (lunge mines, satchel charges) only at short range: teams go in, the enemy's
  machine guns cut many down first, the rest may knock out a tank; every team is lost.
* Modifiers multiply a side's fire: terrain and fortification divide the fire the defender
  receives; a river hexside weakens the attacker; surprise weakens the surprised side;
  artillery is silent on no-artillery turns; experience scales a side's fire.

``preview`` gives the expected outcome with its breakdown, ``resolve`` draws the dice from
the state's RNG. Both use the same ``_exchange``, vectorized over weapons x vehicle types.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from game.core.equipment import FACINGS
from game.core.mapdata import RIVER_NONE
from game.core.rules.air import ground_support_power
from game.core.rules.supply import fire_factor

if TYPE_CHECKING:
    from game.core.state import GameState, Scenario

FRONT, SIDE, REAR = 0, 1, 2
_ERF = np.vectorize(math.erf, otypes=[float])


@dataclass(frozen=True)
class CloseAssault:
    max_range_m: float
    teams_per_1000_men: float
    men_per_team: int
    cut_down_per_machine_gun: float
    kill_chance: float
    facing: int
    machine_guns_per_armored_vehicle: float
    weapons: tuple[int, ...]  # equipment indices of the charges
    machine_guns: tuple[int, ...]  # equipment indices


@dataclass(frozen=True)
class CombatRules:
    """The scenario's combat numbers (see the rules file's ``combat`` section)."""

    night_range_m: float
    hit_range_m: tuple[float, ...]
    hit_probability: tuple[float, ...]
    shots_per_weapon: float
    penetration_spread: float
    kill_given_penetration: float
    at_focus: float
    he_casualties_per_point: float
    small_arms_per_1000: float
    soft_equipment_loss: float
    fortification_defense: tuple[float, ...]
    river_attack: tuple[float, float, float]  # by RIVER_NONE, RIVER_MINOR, RIVER_MAJOR
    surprise_fire: float
    flank_hexsides: int
    artillery_kinds: frozenset[str]
    close_assault: CloseAssault
    retreat_loss_fraction: float
    retreat_advantage: float
    destroyed_below: float


class WeaponTable:
    """Every weapon of every equipment type as flat arrays, with per-range caches."""

    def __init__(self, scenario: Scenario, rules: CombatRules):
        self.rules = rules
        eq = scenario.equipment
        rows = [(e_i, w) for e_i, e in enumerate(eq) for w in e.weapons]
        self.owner = np.array([e_i for e_i, _ in rows], dtype=np.int64)
        self.weapons = [w for _, w in rows]
        self.he = np.array([w.he for w in self.weapons], dtype=float)
        self.armor = np.array([e.armor if e.armor else (0.0, 0.0, 0.0) for e in eq], dtype=float)
        self.armored = self.armor.max(axis=1) > 0
        self.artillery = np.array([e.kind in rules.artillery_kinds for e in eq], dtype=bool)[self.owner] \
            if rows else np.zeros(0, bool)
        self._pen: dict[float, np.ndarray] = {}
        self._ppen: dict[tuple[float, int], np.ndarray] = {}

    def penetration(self, range_m: float) -> np.ndarray:
        """mm each weapon penetrates at ``range_m`` (0 where it has no table or is out of reach)."""
        if range_m not in self._pen:
            self._pen[range_m] = np.array([w.penetration(range_m) for w in self.weapons], dtype=float)
        return self._pen[range_m]

    def p_penetrate(self, range_m: float, facing: int) -> np.ndarray:
        """[weapons, equipment types]: chance a hit penetrates that facing (0 for soft types)."""
        key = (range_m, facing)
        if key not in self._ppen:
            self._ppen[key] = penetration_chance(self.penetration(range_m)[:, None], self.armor[None, :, facing],
                                                 self.rules.penetration_spread) * self.armored[None, :]
        return self._ppen[key]

    @cached_property
    def close_assault_pen(self) -> np.ndarray:
        """[equipment types, facings]: best chance any charge penetrates (point-blank)."""
        ca = self.rules.close_assault
        charge = np.isin(self.owner, ca.weapons)
        pen = self.penetration(0.0)[charge]
        if not pen.size:
            return np.zeros_like(self.armor)
        return penetration_chance(pen.max(), self.armor, self.rules.penetration_spread) * self.armored[:, None]


def penetration_chance(pen: np.ndarray | float, armor: np.ndarray | float, spread: float) -> np.ndarray:
    """Phi((pen - armor) / (spread * armor)); certain against no armour, impossible with no gun."""
    pen, armor = np.asarray(pen, float), np.asarray(armor, float)
    scale = np.maximum(spread * armor, 1e-6)
    p = 0.5 * (1 + _ERF((pen - armor) / (scale * math.sqrt(2))))
    return np.where(pen > 0, p, 0.0)


# ------------------------------------------------------------------ one side's fire


@dataclass
class Force:
    """One side of an engagement, summed over its units."""

    units: list[int]
    equipment: np.ndarray  # int [n_equipment]
    men: int
    fire: float = 1.0  # product of this side's fire modifiers
    defense: float = 1.0  # incoming fire is divided by this
    facing: int = FRONT  # armour facing the enemy strikes
    artillery_silent: bool = False
    air_power: float = 0.0  # ground-support aircraft x he x sorties over the target hex


@dataclass
class Losses:
    """Expected (preview) or drawn (resolve) losses of one side."""

    men: float
    equipment: np.ndarray  # per equipment type
    assault_teams: float = 0.0  # teams this side sent in (their men are in ``men``)
    assault_cut_down: float = 0.0
    assault_kills: float = 0.0


@dataclass
class Fire:
    """What one side's fire does to the other, as probabilities and expected counts."""

    kill_p: np.ndarray  # per equipment type: chance each vehicle is knocked out
    men_fraction: float  # fraction of the target's men hit
    soft_fraction: float  # fraction of the target's soft equipment lost
    assault: Losses  # the firing side's own close-assault cost and its kills


def _fire(table: WeaponTable, shooter: Force, target: Force, range_m: float) -> Fire:
    r = table.rules
    counts = shooter.equipment[table.owner].astype(float)
    if shooter.artillery_silent:
        counts = counts * ~table.artillery
    hit = float(np.interp(range_m, r.hit_range_m, r.hit_probability))
    shots = counts * r.shots_per_weapon * hit * shooter.fire
    armored = target.equipment * table.armored
    n_armor = float(armored.sum())
    can_pen = table.penetration(range_m) > 0
    focus = r.at_focus * can_pen if n_armor > 0 else np.zeros_like(counts)
    expected_kills = np.zeros(len(target.equipment))
    if n_armor > 0:
        hits = (shots * focus) @ table.p_penetrate(range_m, target.facing)  # penetrating hits if all on one type
        expected_kills = hits * armored / n_armor * r.kill_given_penetration / target.defense
    assault = _close_assault(table, shooter, target, range_m, armored)
    expected_kills = expected_kills + assault.equipment
    kill_p = 1 - np.exp(-expected_kills / np.maximum(target.equipment, 1))
    he = (float((counts * table.he * (1 - focus)).sum()) * shooter.fire + shooter.air_power) * r.he_casualties_per_point
    small = shooter.men / 1000 * r.small_arms_per_1000 * shooter.fire
    men_fraction = min(0.95, (he + small) / target.defense / max(target.men, 1))
    return Fire(np.where(armored > 0, kill_p, 0.0), men_fraction, min(0.95, men_fraction * r.soft_equipment_loss),
                assault)


def _close_assault(table: WeaponTable, shooter: Force, target: Force, range_m: float,
                   armored: np.ndarray) -> Losses:
    """Teams with charges rush the target's armour; machine guns cut many down first."""
    ca = table.rules.close_assault
    none = Losses(0.0, np.zeros(len(target.equipment)))
    n_armor = float(armored.sum())
    if range_m > ca.max_range_m or n_armor == 0 or not ca.weapons:
        return none
    charges = float(shooter.equipment[list(ca.weapons)].sum())
    teams = min(charges, shooter.men / 1000 * ca.teams_per_1000_men) * shooter.fire
    if teams <= 0:
        return none
    guns = float(target.equipment[list(ca.machine_guns)].sum()) if ca.machine_guns else 0.0
    guns = (guns + n_armor * ca.machine_guns_per_armored_vehicle) * target.fire
    # each gun's fire is spread over the teams: the share that gets through falls off exponentially,
    # so a few always reach the tanks and most are swept away when the guns outnumber them
    reach = teams * math.exp(-ca.cut_down_per_machine_gun * guns / teams)
    cut = teams - reach
    kills = reach * ca.kill_chance * armored / n_armor * table.close_assault_pen[:, ca.facing]
    return Losses(teams * ca.men_per_team, kills, teams, cut, float(kills.sum()))


# ------------------------------------------------------------------ the engagement


@dataclass
class Modifier:
    name: str
    value: float
    side: str  # "attacker" or "defender": whose fire it scales (or whose incoming fire, for defence)


@dataclass
class Engagement:
    """An attack set up: who fights, at what range, with which modifiers."""

    target: int
    range_m: float
    night: bool
    attacker: Force
    defender: Force
    modifiers: list[Modifier] = field(default_factory=list)


def engagement(state: GameState, rules: CombatRules, attackers: list[int], target: int) -> Engagement:
    scn = state.scenario
    m = scn.map
    defenders = [int(u) for u in state.units_at(target) if scn.unit_ground[u]]
    att_side = int(scn.unit_side[attackers[0]])
    def_side = int(scn.unit_side[defenders[0]])
    night = state.turn in scn.night_turns
    terrain = int(m.terrain[target])
    range_m = rules.night_range_m if night else float(scn.terrain_range_m[terrain])
    att = _force(state, attackers)
    dfn = _force(state, defenders)
    mods: list[Modifier] = []
    directions = {int(d) for u in attackers for d in np.flatnonzero(m.grid.neighbor_table[target] == state.unit_hex[u])}
    if len(directions) >= 5:
        dfn.facing = REAR
    elif len(directions) >= rules.flank_hexsides:
        dfn.facing = SIDE
    terrain_def = float(scn.terrain_defense[terrain])
    fort = rules.fortification_defense[int(m.fortification[target])]
    dfn.defense = terrain_def * fort
    mods += [Modifier(f"terrain: {m.terrain_kinds[terrain]}", terrain_def, "defender"),
             Modifier(f"fortification level {int(m.fortification[target])}", fort, "defender")]
    river = _river_factor(state, rules, attackers, target)
    att.fire *= river
    mods.append(Modifier("river crossing", river, "attacker"))
    for force, side, name in ((att, att_side, "attacker"), (dfn, def_side, "defender")):
        exp = _experience(state, force.units)
        force.fire *= exp
        mods.append(Modifier("experience", exp, name))
        ammo = fire_factor(state, force.units)
        force.fire *= ammo
        mods.append(Modifier("ammunition", ammo, name))
        if state.turn in scn.surprised.get(side, frozenset()):
            force.fire *= rules.surprise_fire
            mods.append(Modifier("surprised", rules.surprise_fire, name))
        if state.turn in scn.no_artillery.get(side, frozenset()):
            force.artillery_silent = True
            mods.append(Modifier("no artillery preparation", 0.0, name))
    for force, side, name in ((att, att_side, "attacker"), (dfn, def_side, "defender")):
        force.air_power = ground_support_power(state, side, target)
        if force.air_power:
            mods.append(Modifier("air support (ground-attack power)", force.air_power, name))
    if night:
        mods.append(Modifier(f"night: range {rules.night_range_m:g} m", 1.0, "both"))
    return Engagement(target, range_m, night, att, dfn, mods)


def _force(state: GameState, units: list[int]) -> Force:
    return Force(units, state.unit_equipment[units].sum(axis=0), int(state.unit_men[units].sum()))


def _experience(state: GameState, units: list[int]) -> float:
    men = state.unit_men[units].astype(float)
    exp = np.array([state.scenario.units[u].experience for u in units])
    return float((men * exp).sum() / men.sum()) if men.sum() > 0 else float(exp.mean())


def _river_factor(state: GameState, rules: CombatRules, attackers: list[int], target: int) -> float:
    """Attackers' fire weighted by how many of their men cross a river hexside (no help from roads)."""
    m = state.scenario.map
    men = 0.0
    weighted = 0.0
    for u in attackers:
        d = np.flatnonzero(m.grid.neighbor_table[target] == state.unit_hex[u])
        river = int(m.river[target, d[0]]) if d.size else RIVER_NONE
        n = float(state.unit_men[u]) + 1.0
        men += n
        weighted += n * rules.river_attack[river]
    return weighted / men if men else 1.0


@dataclass
class Exchange:
    attacker_fire: Fire  # what the attacker's fire does to the defender
    defender_fire: Fire


def exchange(table: WeaponTable, eng: Engagement) -> Exchange:
    return Exchange(_fire(table, eng.attacker, eng.defender, eng.range_m),
                    _fire(table, eng.defender, eng.attacker, eng.range_m))


def expected_losses(fire_on: Fire, target: Force, own_assault: Losses, table: WeaponTable) -> Losses:
    """Expected losses of ``target`` under ``fire_on``, plus what its own close assault cost it."""
    soft = ~table.armored
    equipment = target.equipment * np.where(soft, fire_on.soft_fraction, fire_on.kill_p)
    men = target.men * fire_on.men_fraction + own_assault.men
    return Losses(min(men, target.men), equipment, own_assault.assault_teams, own_assault.assault_cut_down,
                  own_assault.assault_kills)


def drawn_losses(rng: np.random.Generator, fire_on: Fire, target: Force, own_assault: Losses,
                 table: WeaponTable) -> Losses:
    """The dice: binomial draws around the same probabilities."""
    soft = ~table.armored
    p = np.clip(np.where(soft, fire_on.soft_fraction, fire_on.kill_p), 0, 1)
    equipment = rng.binomial(target.equipment.astype(np.int64), p)
    hit = rng.binomial(max(target.men, 0), min(max(fire_on.men_fraction, 0.0), 1.0))
    men = min(target.men, hit + round(own_assault.men))
    return Losses(men, equipment, own_assault.assault_teams, own_assault.assault_cut_down,
                  own_assault.assault_kills)


def loss_fraction(losses: Losses, force: Force, table: WeaponTable) -> float:
    """The larger of the share of men and the share of armour lost."""
    men = losses.men / force.men if force.men else 0.0
    armor = float((force.equipment * table.armored).sum())
    lost_armor = float((losses.equipment * table.armored).sum())
    return max(men, lost_armor / armor if armor else 0.0)


def penetration_breakdown(table: WeaponTable, shooter: Force, target: Force, range_m: float,
                          equipment_ids: list[str]) -> list[dict[str, Any]]:
    """Which of the shooter's guns can hurt which of the target's vehicles at this range, and how likely."""
    out = []
    pen = table.penetration(range_m)
    ppen = table.p_penetrate(range_m, target.facing)
    present = np.flatnonzero(target.equipment * table.armored)
    for w in np.flatnonzero(shooter.equipment[table.owner] > 0):
        if pen[w] <= 0:
            continue
        for t in present:
            out.append({"shooter": equipment_ids[table.owner[w]], "weapon": table.weapons[w].name,
                        "target": equipment_ids[t], "facing": FACINGS[target.facing], "range_m": range_m,
                        "penetration_mm": round(float(pen[w]), 1),
                        "armor_mm": float(table.armor[t, target.facing]),
                        "p_penetrate": round(float(ppen[w, t]), 3)})
    return out
