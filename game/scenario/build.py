"""Validated scenario models -> the engine's Scenario and the opening GameState."""

from __future__ import annotations

import gc
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from game.core.equipment import FACINGS, EquipmentType, Weapon
from game.core.hexgrid import Grid, direction_to
from game.core.mapdata import RIVER_MAJOR, RIVER_MINOR, MapData, Place
from game.core.rules.air import AirRules
from game.core.rules.combat import CloseAssault, CombatRules
from game.core.rules.demolition import DemolitionRules
from game.core.rules.movement import MovementRules
from game.core.rules.naval import LandingOp
from game.core.rules.supply import SupplyRules
from game.core.rules.victory import Grade, LinkUp
from game.core.state import NOBODY, GameState, Scenario, Side, new_state
from game.core.units import MOVEMENT_CLASSES, OFF_MAP, Formation, UnitInfo, UnitType
from game.core.view import FogRules
from game.scenario.schema import (
    ClassCosts,
    EquipmentDef,
    EquipmentFile,
    RiverKind,
    SideTurns,
    TerrainKind,
)
from game.scenario.schema_base import DIRECTION_INDEX
from game.scenario.source import ScenarioSource, read_scenario

TERRAIN_KINDS: tuple[str, ...] = tuple(k.value for k in TerrainKind)


def load_game(path: Path, seed: int | None = None) -> GameState:
    """Read, check and build a scenario: the state at the start of turn 1."""
    with paused_gc():
        return build_state(read_scenario(path), seed)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a scenario is read and built.

    Reading allocates a node, a value and a mark for every scalar and keeps them all; each
    collection of the oldest generation walks everything kept so far, so on a big scenario the
    collector's work grows faster than the file (half the load time of a 360 x 280 map). What is
    garbage is collected as usual afterwards.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


_BUILT: dict[tuple[str, str], GameState] = {}  # (folder, digest of its files) -> opening state, newest last
BUILT_KEPT = 2


def load_game_cached(path: Path, digest: str, seed: int | None = None) -> GameState:
    """``load_game`` for a scenario whose files hash to ``digest``, reusing one built before in this process.

    A save names its scenario by folder and digest; loading it again (or another save of the same
    scenario) skips reading, checking and building the files. The copy shares the built Scenario,
    as every state of one game does; the state itself is fresh (a caller restores a snapshot over it).
    """
    key = (str(Path(path).resolve()), digest)
    state = _BUILT.pop(key, None)
    if state is None:
        state = load_game(path, seed)
    _BUILT[key] = state
    while len(_BUILT) > BUILT_KEPT:
        del _BUILT[next(iter(_BUILT))]
    out = state.clone()
    out.rng = np.random.Generator(np.random.PCG64(out.scenario.seed if seed is None else seed))  # as new_state
    return out


def build_state(src: ScenarioSource, seed: int | None = None) -> GameState:
    scenario = build_scenario(src)
    return _opening(scenario, src, seed)


def build_scenario(src: ScenarioSource) -> Scenario:
    s = src.scenario.model
    sides = tuple(Side(d.id, d.name, d.color, d.map_code, tuple(d.objectives), tuple(d.supply_sources),
                       tuple(d.rail_gauges), dict(d.supply_capacity), dict(d.supply_until), tuple(d.redoubt))
                  for d in s.sides)
    side_index = {d.id: i for i, d in enumerate(sides)}
    rules = src.rules.model
    types = {tid: UnitType(tid, t.name, t.symbol.value, t.size.value,
                           MOVEMENT_CLASSES.index(t.movement_class.value), t.movement_points, t.domain.value,
                           t.support_range)
             for tid, t in rules.unit_types.items()}
    grid = Grid(src.map.model.width, src.map.model.height)
    units, formations = [], []
    for oob in src.oobs:
        side = side_index[oob.model.side]
        formations += [Formation(f.id, f.name, f.size.value, side, f.parent) for f in oob.model.formations]
        units += [UnitInfo(u.id, u.name, side, types[u.type], u.parent, u.experience, u.arrives,
                           grid.index(tuple(u.hex)), u.moves_from_turn)  # type: ignore[arg-type]
                  for u in oob.model.units]
    terrain_rules = [rules.terrain.get(TerrainKind(k)) for k in TERRAIN_KINDS]
    special = s.special_rules
    places = {p.id: grid.index(tuple(p.hex)) for p in src.map.model.places}  # type: ignore[arg-type]
    return Scenario(
        id=s.id, name=s.name, briefing=s.briefing, start_date=s.start_date, turns=s.turns, sides=sides,
        map=_map(src), movement=_movement(src),
        terrain_defense=np.array([t.defense if t else 1.0 for t in terrain_rules], np.float32),
        terrain_range_m=np.array([t.engagement_range_m if t else 1000 for t in terrain_rules], np.float32),
        equipment=tuple(_equipment(src)), units=tuple(units), formations=tuple(formations),
        seed=s.seed, source_dir=str(src.root.resolve()),
        night_turns=frozenset(special.night_turns),
        surprised=_side_turns(special.surprise, side_index),
        no_artillery=_side_turns(special.no_artillery, side_index),
        naval_superiority=side_index.get(special.naval_superiority or ""),
        link_ups=tuple(LinkUp(lu.name, side_index[lu.side], tuple(lu.formations), places[lu.place], lu.vp)
                       for lu in s.victory.link_ups),
        grades=tuple(Grade(g.name, side_index[g.side], g.min_vp) for g in s.victory.grades),
        combat=_combat(src), supply=_supply(src), fog=_fog(src), air=_air(src), demolition=_demolition(src),
        weather_names=("clear", *src.rules.model.weather), weather_by_turn=_weather(src),
        weather_chances=_weather_chances(src),
        vp_per_1000_enemy_losses=s.victory.vp_per_1000_enemy_losses,
        scheduled=tuple((e.turn, e.text, tuple((side_index[k], v) for k, v in e.vp.items())) for e in s.events),
        landings=tuple(LandingOp(op.name, side_index[op.side], frozenset(places[p] for p in op.ports),
                                 tuple(places[p] for p in op.targets), op.from_turn, op.max_units)
                       for op in s.landings),
        air_weather_factor=(1.0, *(w.air_sorties_factor for w in src.rules.model.weather.values())))


def _weather(src: ScenarioSource) -> dict[int, int]:
    names = ["clear", *src.rules.model.weather]
    return {t: names.index(spell.condition) for spell in src.scenario.model.weather for t in spell.turns
            if spell.chance >= 1}


def _weather_chances(src: ScenarioSource) -> tuple[tuple[int, int, float], ...]:
    names = ["clear", *src.rules.model.weather]
    return tuple((t, names.index(spell.condition), spell.chance) for spell in src.scenario.model.weather
                 for t in spell.turns if spell.chance < 1)


def _air(src: ScenarioSource) -> AirRules | None:
    a = src.rules.model.air
    if a is None:
        return None
    return AirRules(a.sorties_per_day, a.interdiction_cost_mp, a.interdiction_radius, a.patrol_radius,
                    a.transport_tons_per_sortie, a.air_combat_rate, a.max_loss_fraction, a.ground_attack_hits)


def _demolition(src: ScenarioSource) -> DemolitionRules | None:
    d = src.rules.model.demolition
    if d is None:
        return None
    return DemolitionRules(tuple(float(c) for c in _costs(d.entry_cost)), d.mp_share, d.repair_days)


def _fog(src: ScenarioSource) -> FogRules | None:
    f = src.rules.model.fog
    if f is None:
        return None
    return FogRules(f.sight_hexes, frozenset(TERRAIN_KINDS.index(k.value) for k in f.close_terrain), f.air_recon_hexes,
                    f.strength_estimate_step)


def _supply(src: ScenarioSource) -> SupplyRules | None:
    s = src.rules.model.supply
    if s is None:
        return None
    kinds = [e.kind for e in _ids(src)]
    return SupplyRules(
        truck_range_mp=s.truck_range_mp, trace_class=MOVEMENT_CLASSES.index(s.trace_class.value),
        fuel_capacity_days=s.fuel_capacity_days, ammo_capacity_days=s.ammo_capacity_days,
        fuel_classes=frozenset(MOVEMENT_CLASSES.index(c.value) for c in s.fuel_classes),
        ammo_per_attack_days=s.ammo_per_attack_days, ammo_per_defence_days=s.ammo_per_defence_days,
        no_ammo_fire=s.no_ammo_fire, attrition_after_turns=s.attrition_after_turns,
        attrition_per_turn=s.attrition_per_turn, surrender_after_turns=s.surrender_after_turns,
        fortress_min_level=s.fortress_min_level, fortress_supply_turns=s.fortress_supply_turns,
        gauge_conversion_km_per_day=s.gauge_conversion_km_per_day, food_tons_per_1000_men=s.food_tons_per_1000_men,
        fuel_tons=tuple(float(s.fuel_tons_per_day.get(k, 0.0)) for k in kinds),
        ammo_tons=tuple(float(s.ammo_tons_per_day.get(k, 0.0)) for k in kinds),
        lorry_tons=s.lorry_tons, lorry_km_per_day=s.lorry_km_per_day, lorry_share=s.lorry_share,
        lorries=tuple(k.value == "vehicle" for k in kinds), transport_types=frozenset(s.transport_types),
        default_rail_tons_per_day=s.default_rail_tons_per_day, beach_tons_per_day=s.beach_tons_per_day,
        fallback_class=MOVEMENT_CLASSES.index(s.fallback_class.value) if s.fallback_class else None,
        fallback_factor=s.fallback_factor, air_supply_fuel_share=s.air_supply_fuel_share,
        starving_below=s.starving_below)


def _combat(src: ScenarioSource) -> CombatRules | None:
    c = src.rules.model.combat
    if c is None:
        return None
    eq_index = {e.id: i for i, e in enumerate(_ids(src))}
    ca = c.close_assault
    return CombatRules(
        night_range_m=c.night_engagement_range_m,
        hit_range_m=tuple(r for r, _ in c.hit_probability), hit_probability=tuple(p for _, p in c.hit_probability),
        shots_per_weapon=c.shots_per_weapon, penetration_spread=c.penetration_spread,
        kill_given_penetration=c.kill_given_penetration, at_focus=c.at_focus,
        he_casualties_per_point=c.he_casualties_per_point, small_arms_per_1000=c.small_arms_casualties_per_1000,
        soft_equipment_loss=c.soft_equipment_loss, fortification_defense=tuple(c.fortification_defense),
        river_attack=(1.0, c.river_attack.get(RiverKind.minor, 1.0), c.river_attack.get(RiverKind.major, 1.0)),
        surprise_fire=c.surprise_fire, flank_hexsides=c.flank_hexsides,
        artillery_kinds=frozenset(k.value for k in c.artillery_kinds),
        close_assault=CloseAssault(ca.max_range_m, ca.teams_per_1000_men, ca.men_per_team, ca.cut_down_per_machine_gun,
                                   ca.kill_chance, FACINGS.index(ca.facing), ca.machine_guns_per_armored_vehicle,
                                   tuple(eq_index[w] for w in ca.weapons), tuple(eq_index[w] for w in ca.machine_guns)),
        retreat_loss_fraction=c.retreat.loss_fraction, retreat_advantage=c.retreat.advantage,
        destroyed_below=c.retreat.destroyed_below, rear_hexsides=c.rear_hexsides,
        small_arms_range_m=c.small_arms_range_m, reference_men=c.losses.reference_men,
        size_exponent=c.losses.size_exponent, crew_exposure=c.losses.crew_exposure,
        crew_loss_per_kill=c.losses.crew_loss_per_kill, attacker_exposure=c.losses.attacker_exposure,
        armour_shock=c.armour_shock.factor, shock_kill_reference=c.armour_shock.kill_reference,
        max_loss_fraction=c.losses.max_loss_fraction, killed_share=c.losses.killed_share,
        destroyed_share=c.losses.destroyed_share, repair_per_day=c.losses.repair_per_day,
        fire_spread=c.losses.fire_spread, wounded_return_per_day=c.losses.wounded_return_per_day,
        retreat_captured_share=c.retreat.captured_share,
        rout_fraction=c.retreat.rout_fraction, rout_captured_share=c.retreat.rout_captured_share,
        heavy_he=c.bombardment.heavy_he, fortification_damage_per_point=c.bombardment.damage_per_point,
        armour_reference=c.armour_reference, fortification_fire=tuple(c.fortification_fire),
        hold_fortification=c.retreat.hold_fortification, shock_min_range_m=c.armour_shock.min_range_m,
        men_per_armoured_vehicle=c.retreat.men_per_armoured_vehicle)


def _ids(src: ScenarioSource) -> list[EquipmentDef]:
    return [e for f in src.equipment for e in f.model.equipment]


def _side_turns(items: list[SideTurns], side_index: dict[str, int]) -> dict[int, frozenset[int]]:
    out: dict[int, frozenset[int]] = {}
    for item in items:
        out[side_index[item.side]] = out.get(side_index[item.side], frozenset()) | frozenset(item.turns)
    return out


def _costs(c: ClassCosts) -> np.ndarray:
    return np.array([np.inf if getattr(c, k) is None else getattr(c, k) for k in MOVEMENT_CLASSES], np.float32)


def _movement(src: ScenarioSource) -> MovementRules:
    rules = src.rules.model
    impassable = np.full(len(MOVEMENT_CLASSES), np.inf, np.float32)
    terrain = np.stack([_costs(rules.terrain[TerrainKind(k)].move_cost) if TerrainKind(k) in rules.terrain
                        else impassable for k in TERRAIN_KINDS], axis=1)
    free = np.zeros(len(MOVEMENT_CLASSES), np.float32)
    river = np.stack([free] + [_costs(rules.river_crossing[k]) if k in rules.river_crossing else impassable
                               for k in (RiverKind.minor, RiverKind.major)], axis=1)
    weather = np.stack([np.ones(len(MOVEMENT_CLASSES), np.float32)]
                       + [_costs(w.move_cost_factor) for w in rules.weather.values()])
    return MovementRules(terrain, river, _costs(rules.road), _costs(rules.rail),
                         rules.zoc.leave_cost, rules.stacking.max_units, weather)


def _map(src: ScenarioSource) -> MapData:
    m = src.map.model
    grid = Grid(m.width, m.height)
    md = MapData.empty(grid, m.km_per_hex, TERRAIN_KINDS)
    code_to_kind = {code: TERRAIN_KINDS.index(kind.value) for code, kind in m.terrain_codes.items()}
    codes = sorted(code_to_kind)
    keys = np.array([ord(c) for c in codes], np.uint32)
    kinds = np.array([code_to_kind[c] for c in codes], np.uint8)
    text = np.frombuffer("".join(m.terrain).encode("utf-32-le"), dtype=np.uint32)
    md.terrain[:] = kinds[np.searchsorted(keys, text)]  # every code was checked to be known
    for river in m.rivers:
        value = RIVER_MAJOR if river.kind is RiverKind.major else RIVER_MINOR
        for col, row, side in river.hexsides:
            md.set_hexside(md.river, grid.index((col, row)), DIRECTION_INDEX[side], value)
    for road in m.roads:
        _trace(md, md.road, road.path, True)
    for rail in m.railways:
        _trace(md, md.rail_gauge, rail.path, rail.gauge)
    for f in m.fortifications:
        md.fortification[grid.index(f.hex)] = f.level
    md.places = tuple(Place(p.id, p.name, tuple(p.hex), p.vp, p.kind, p.name_1944)  # type: ignore[arg-type]
                      for p in m.places)
    return md


def _trace(md: MapData, layer: np.ndarray, path: list[tuple[int, int]], value: int | bool) -> None:
    for a, b in itertools.pairwise(path):
        d = direction_to(a, b)
        assert d is not None  # checked in checks.py
        md.set_hexside(layer, md.grid.index(a), d, value)


def _equipment(src: ScenarioSource) -> list[EquipmentType]:
    return equipment_types([eq.model for eq in src.equipment])


def equipment_types(files: list[EquipmentFile]) -> list[EquipmentType]:
    """The engine's equipment types from validated equipment files, in file order."""
    out = []
    for f in files:
        for e in f.equipment:
            weapons = tuple(Weapon(w.name, w.caliber_mm, tuple(r for r, _ in w.penetration),
                                   tuple(p for _, p in w.penetration), w.he, w.max_range_m) for w in e.weapons)
            armor = (e.armor.front, e.armor.side, e.armor.rear) if e.armor else None
            out.append(EquipmentType(e.id, e.name, e.kind.value, armor, weapons, e.crew, e.role, e.speed_kmh))
    return out


def _opening(scenario: Scenario, src: ScenarioSource, seed: int | None) -> GameState:
    grid = scenario.map.grid
    eq_index = scenario.equipment_index
    defs = [u for oob in src.oobs for u in oob.model.units]
    unit_hex = np.array([OFF_MAP if u.arrives else grid.index(tuple(u.hex)) for u in defs],  # type: ignore[arg-type]
                        np.int32)
    men = np.array([u.men for u in defs], np.int32)
    equipment = np.zeros((len(defs), len(scenario.equipment)), np.int32)
    for i, u in enumerate(defs):
        for eid, count in u.equipment.items():
            equipment[i, eq_index[eid]] = count
    control = np.full(grid.size, NOBODY, np.int8)
    if src.map.model.control is not None:
        codes = {s.map_code: i for i, s in enumerate(scenario.sides)}
        control[:] = [codes.get(ch, NOBODY) for ch in "".join(src.map.model.control)]
    ground = scenario.unit_ground & (unit_hex != OFF_MAP)
    control[unit_hex[ground]] = scenario.unit_side[ground]  # a unit holds the hex it stands in
    scenario.initial_control = control.copy()
    return new_state(scenario, unit_hex, men, equipment, control, seed)
