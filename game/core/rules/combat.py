"""Combat through armour penetration.

An attack goes from units in one or more hexes into one hex. Both sides fire at once:

* Range: the defender's terrain sets the engagement range (night turns: the scenario's night
  range). Every gun's penetration at that range comes from its table.
* Against armour: a weapon's aimed shots (``shots_per_weapon`` x hit chance at the range)
  are spread over the enemy's armoured vehicles by their numbers; each hit penetrates with
  probability Phi((pen - armour) / (spread * armour)) against the facing struck — front,
  side when the defender is attacked from ``flank_hexsides`` or more hexsides, rear from
  ``rear_hexsides``
  — and a penetration knocks the vehicle out with ``kill_given_penetration``. Anti-armour
  weapons put ``at_focus`` of their fire on armour when there is any, the rest on soft targets.
* Against men and soft equipment: each weapon's ``he`` within its reach (``max_range_m``) and
  the firing side's small arms within ``small_arms_range_m``. Losses follow exposure: the fire
  hits a share of the target's exposed men that grows with the fire and falls with the
  target's size (``reference_men``, ``size_exponent``); crews inside armour are exposed at
  ``crew_exposure`` and die mostly with their vehicles (``crew_loss_per_kill``). Armour the
  enemy cannot knock out multiplies its own fire on men (``armour_shock``).
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
    rear_hexsides: int = 5
    small_arms_range_m: float = 600.0
    reference_men: float = 10_000.0
    size_exponent: float = 0.5
    crew_exposure: float = 0.1
    crew_loss_per_kill: float = 0.5
    attacker_exposure: float = 1.0
    armour_shock: float = 0.0
    shock_kill_reference: float = 0.1
    max_loss_fraction: float = 0.95
    killed_share: float = 0.25
    destroyed_share: float = 0.4
    repair_per_day: float = 0.0
    wounded_return_per_day: float = 0.0
    fire_spread: float = 0.0
    retreat_captured_share: float = 0.0
    rout_fraction: float = 1.0
    rout_captured_share: float = 0.0
    heavy_he: float = 7.0
    fortification_damage_per_point: float = 0.0
    armour_reference: float = 0.0
    fortification_fire: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0)
    hold_fortification: float = 99.0
    shock_min_range_m: float = 0.0
    men_per_armoured_vehicle: float = 10.0


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
        self.max_range = np.array([w.max_range_m for w in self.weapons], dtype=float)
        self.crew = np.array([e.crew for e in eq], dtype=float)
        self.heavy = self.he >= rules.heavy_he
        self._pen: dict[float, np.ndarray] = {}
        self._ppen: dict[tuple[float, int], np.ndarray] = {}

    def penetration(self, range_m: float) -> np.ndarray:
        """mm each weapon penetrates at ``range_m`` (0 where it has no table or is out of reach)."""
        if range_m not in self._pen:
            self._pen[range_m] = np.array([w.penetration(range_m) for w in self.weapons], dtype=float)
        return self._pen[range_m]

    def in_reach(self, range_m: float) -> np.ndarray:
        """bool [weapons]: weapons whose fire reaches ``range_m`` (close-assault charges never do here)."""
        return self.max_range >= range_m

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
    support: np.ndarray | None = None  # int [n_equipment]: guns of artillery units firing from other hexes
    support_units: list[int] = field(default_factory=list)  # the units those guns belong to
    exposure: float = 1.0  # how exposed its men are (attackers in the open more than dug-in defenders)


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
    men_fraction: float  # fraction of the target's exposed (non-crew) men hit
    crew_fraction: float  # fraction of the target's crews hit by fire, besides those lost with their vehicles
    soft_fraction: float  # fraction of the target's soft equipment lost
    assault: Losses  # the firing side's own close-assault cost and its kills
    heavy_points: float = 0.0  # HE of heavy weapons: what batters fortifications


def _counts(table: WeaponTable, force: Force) -> np.ndarray:
    """float [weapons]: how many of each weapon the side fires, supporting artillery included."""
    counts = force.equipment[table.owner].astype(float)
    if force.support is not None:
        counts = counts + force.support[table.owner] * table.artillery
    if force.artillery_silent:
        counts = counts * ~table.artillery
    return counts


def _armour_fire(table: WeaponTable, shooter: Force, target: Force, range_m: float) -> tuple[np.ndarray, Losses]:
    """Expected kills of each of the target's vehicle types by gunfire and close assault."""
    r = table.rules
    counts = _counts(table, shooter)
    hit = float(np.interp(range_m, r.hit_range_m, r.hit_probability))
    shots = counts * r.shots_per_weapon * hit * shooter.fire
    armored = target.equipment * table.armored
    n_armor = float(armored.sum())
    kills = np.zeros(len(target.equipment))
    if n_armor > 0:
        focus = r.at_focus * (table.penetration(range_m) > 0)
        hits = (shots * focus) @ table.p_penetrate(range_m, target.facing)  # penetrating hits if all on one type
        found = min(1.0, n_armor / r.armour_reference) if r.armour_reference > 0 else 1.0  # guns that see a tank
        kills = hits * found * armored / n_armor * r.kill_given_penetration / target.defense
    assault = _close_assault(table, shooter, target, range_m, armored)
    kills = kills + assault.equipment
    kill_p = 1 - np.exp(-kills / np.maximum(target.equipment, 1))
    return np.where(armored > 0, kill_p, 0.0), assault


def _shock(table: WeaponTable, shooter: Force, kill_p_on_shooter: np.ndarray, range_m: float) -> np.ndarray:
    """float [weapons]: fire multiplier of each weapon on men from armour the enemy can hardly hurt.

    A vehicle the enemy knocks out at ``shock_kill_reference`` a day or more gets no bonus; one it
    cannot touch fires with ``1 + armour_shock``: tanks on open ground roll over infantry that has
    nothing to stop them with. Not below ``shock_min_range_m``: in forest, towns and at night the
    infantry gets close."""
    r = table.rules
    if r.armour_shock <= 0 or range_m < r.shock_min_range_m:
        return np.ones(len(table.owner))
    safe = 1 - np.minimum(1.0, kill_p_on_shooter / max(r.shock_kill_reference, 1e-9))
    per_type = 1 + r.armour_shock * safe * table.armored
    return per_type[table.owner]


def shock_factor(table: WeaponTable, force: Force, kill_p_on_force: np.ndarray, range_m: float) -> float:
    """The largest armour-shock multiplier among the force's armoured vehicles (1: none): what the preview
    shows a player beside the other modifiers."""
    present = (force.equipment > 0) & table.armored
    if not present.any():
        return 1.0
    per_weapon = _shock(table, force, kill_p_on_force, range_m)
    owned = present[table.owner]
    return float(per_weapon[owned].max()) if owned.any() else 1.0


def _fire(table: WeaponTable, shooter: Force, target: Force, range_m: float, kill_p: np.ndarray,
          assault: Losses, kill_p_on_shooter: np.ndarray) -> Fire:
    """What the shooter's HE and small arms do to the target's men, given the armour exchange already
    worked out: the share hit falls with the target's size (fire into a hex spreads over what is there)
    and is smaller for crews inside armour; heavy HE is kept apart for battering fortifications."""
    r = table.rules
    counts = _counts(table, shooter)
    focus = r.at_focus * (table.penetration(range_m) > 0) if (target.equipment * table.armored).any() else 0.0
    reach = table.in_reach(range_m)
    he_w = counts * table.he * (1 - focus) * reach * _shock(table, shooter, kill_p_on_shooter, range_m)
    he = float(he_w.sum()) * shooter.fire + shooter.air_power
    small = shooter.men / 1000 * r.small_arms_per_1000 * shooter.fire * (range_m <= r.small_arms_range_m)
    power = (he * r.he_casualties_per_point + small) * target.exposure / target.defense
    scale = r.reference_men ** (1 - r.size_exponent) * max(target.men, 1.0) ** r.size_exponent
    men_fraction = min(r.max_loss_fraction, 1 - math.exp(-power / scale))
    crew_fraction = min(r.max_loss_fraction, 1 - math.exp(-power * r.crew_exposure / scale))
    heavy = float((counts * table.he * table.heavy * reach).sum()) * shooter.fire
    return Fire(kill_p, men_fraction, crew_fraction, min(r.max_loss_fraction, men_fraction * r.soft_equipment_loss),
                assault, heavy)


def _crew_men(table: WeaponTable, force: Force) -> float:
    """Men who serve inside the force's armoured vehicles (at most all its men)."""
    return min(float(force.men), float((force.equipment * table.armored * table.crew).sum()))


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
    if len(directions) >= rules.rear_hexsides:
        dfn.facing = REAR
    elif len(directions) >= rules.flank_hexsides:
        dfn.facing = SIDE
    terrain_def = float(scn.terrain_defense[terrain])
    level = float(state.fort_level[target])
    fort = fortification_factor(rules, level)
    dfn.defense = terrain_def * fort
    bunker = float(np.interp(level, np.arange(len(rules.fortification_fire)), rules.fortification_fire))
    dfn.fire *= bunker
    att.exposure = rules.attacker_exposure
    mods += [Modifier(f"terrain: {m.terrain_kinds[terrain]}", terrain_def, "defender"),
             Modifier(_fort_name(level, int(m.fortification[target])), fort, "defender")]
    if bunker != 1.0:
        mods.append(Modifier("firing from bunkers", bunker, "defender"))
    if rules.attacker_exposure != 1.0:  # it raises the fire on the attacker: the defender's advantage
        mods.append(Modifier("dug in against men in the open", rules.attacker_exposure, "defender"))
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
        guns = supporting_units(state, side, target, force.units)
        if guns:
            force.support = state.unit_equipment[guns].sum(axis=0)
            force.support_units = guns
            mods.append(Modifier(f"artillery support from {len(guns)} unit{'s' if len(guns) > 1 else ''}",
                                 float(len(guns)), name))
    if night:
        mods.append(Modifier(f"night: range {rules.night_range_m:g} m", 1.0, "both"))
    return Engagement(target, range_m, night, att, dfn, mods)


def _fort_name(level: float, built: int) -> str:
    if level >= built - 1e-6:
        return f"fortification level {built}"
    return f"fortification level {level:.1f} (battered from {built})"


def fortification_factor(rules: CombatRules, level: float) -> float:
    """The divisor of incoming fire at a (possibly battered, so fractional) fortification level."""
    table = rules.fortification_defense
    return float(np.interp(level, np.arange(len(table)), table))


def supporting_units(state: GameState, side: int, target: int, fighting: list[int]) -> list[int]:
    """The side's artillery units that reach ``target`` from other hexes and have not fired this phase.

    A unit type's ``support_range`` (hexes) is how far its guns reach; units already in the fight,
    and attackers' guns already spent on another attack this phase, do not count twice."""
    scn = state.scenario
    reach = scn.unit_support_range
    if not reach.any():
        return []
    cand = np.flatnonzero((reach > 0) & (scn.unit_side == side) & (state.unit_hex >= 0) & ~state.unit_attacked)
    if not cand.size:
        return []
    q, r = scn.map.grid.axial
    hexes = state.unit_hex[cand]
    dq, dr = q[hexes] - q[target], r[hexes] - r[target]
    dist = (np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) // 2
    near = cand[(dist <= reach[cand]) & (dist >= 1)]
    busy = set(fighting)
    return [int(u) for u in near if int(u) not in busy and state.turn >= scn.units[u].moves_from_turn]


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
    """Both sides fire at once: armour first (it decides whose tanks are safe), then men."""
    att, dfn, rng = eng.attacker, eng.defender, eng.range_m
    kill_on_dfn, assault_att = _armour_fire(table, att, dfn, rng)
    kill_on_att, assault_dfn = _armour_fire(table, dfn, att, rng)
    return Exchange(_fire(table, att, dfn, rng, kill_on_dfn, assault_att, kill_on_att),
                    _fire(table, dfn, att, rng, kill_on_att, assault_dfn, kill_on_dfn))


def _men_hit(fire_on: Fire, target: Force, vehicles_lost: np.ndarray, table: WeaponTable) -> tuple[float, float]:
    """Expected men hit: (exposed men and crews under fire, crews lost with their vehicles)."""
    crews = _crew_men(table, target)
    by_fire = (target.men - crews) * fire_on.men_fraction + crews * fire_on.crew_fraction
    with_vehicles = float((vehicles_lost * table.armored * table.crew).sum()) * table.rules.crew_loss_per_kill
    return by_fire, with_vehicles


def expected_losses(fire_on: Fire, target: Force, own_assault: Losses, table: WeaponTable) -> Losses:
    """Expected losses of ``target`` under ``fire_on``, plus what its own close assault cost it."""
    soft = ~table.armored
    equipment = target.equipment * np.where(soft, fire_on.soft_fraction, fire_on.kill_p)
    by_fire, with_vehicles = _men_hit(fire_on, target, equipment, table)
    men = by_fire + with_vehicles + own_assault.men
    return Losses(min(men, target.men), equipment, own_assault.assault_teams, own_assault.assault_cut_down,
                  own_assault.assault_kills)


def drawn_losses(rng: np.random.Generator, fire_on: Fire, target: Force, own_assault: Losses,
                 table: WeaponTable) -> Losses:
    """The dice: binomial draws around the same probabilities."""
    soft = ~table.armored
    p = np.clip(np.where(soft, fire_on.soft_fraction, fire_on.kill_p), 0, 1)
    equipment = rng.binomial(target.equipment.astype(np.int64), p)
    crews = round(_crew_men(table, target))
    exposed = max(target.men - crews, 0)
    hit = rng.binomial(exposed, min(max(fire_on.men_fraction, 0.0), 1.0)) + \
        rng.binomial(crews, min(max(fire_on.crew_fraction, 0.0), 1.0))
    hit += round(_men_hit(fire_on, target, equipment, table)[1])
    men = min(target.men, hit + round(own_assault.men))
    return Losses(men, equipment, own_assault.assault_teams, own_assault.assault_cut_down,
                  own_assault.assault_kills)


def luck(rng: np.random.Generator, fire: float, spread: float) -> float:
    """A side's fire on the day: lognormal around 1 (mean 1), so battles stay uncertain."""
    if spread <= 0:
        return fire
    return fire * float(np.exp(rng.normal(0.0, spread) - spread * spread / 2))


def loss_fraction(losses: Losses, force: Force, table: WeaponTable, own_assault: bool = False) -> float:
    """Share of the force's strength lost: men, with each armoured vehicle worth ``men_per_armoured_vehicle``.

    With ``own_assault`` the men the force spent in its own close assaults are left out: teams sent to
    die do not shake the men who stay in the line (what decides a retreat)."""
    w = table.rules.men_per_armoured_vehicle
    armor = float((force.equipment * table.armored).sum())
    lost_armor = float((losses.equipment * table.armored).sum())
    strength = force.men + w * armor
    men = losses.men - (losses.assault_teams * table.rules.close_assault.men_per_team if own_assault else 0.0)
    return (max(0.0, men) + w * lost_armor) / strength if strength > 0 else 0.0


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
