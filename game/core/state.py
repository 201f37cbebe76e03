"""GameState: a shared static Scenario plus a small dynamic part that clones cheaply.

The dynamic part is a handful of numpy arrays indexed by unit (position, movement points,
men, equipment) and by hex (control), the turn and phase, and the seeded RNG. ``clone`` copies
only those; ``state_hash`` digests exactly those, so two processes that replay the same
scenario, seed and orders produce the same hashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from game.core.equipment import EquipmentType
from game.core.mapdata import MapData
from game.core.rules.combat import CombatRules, WeaponTable
from game.core.rules.movement import MovementRules
from game.core.rules.supply import SupplyRules

if TYPE_CHECKING:
    from game.core.rules.air import AirRules
    from game.core.rules.demolition import DemolitionRules
    from game.core.rules.naval import LandingOp
    from game.core.view import FogRules
from game.core.rules.victory import Grade, LinkUp
from game.core.units import OFF_MAP, Formation, UnitInfo

NOBODY = -1  # control of a hex nobody holds


@dataclass(frozen=True)
class Side:
    id: str
    name: str
    color: str
    map_code: str
    objectives: tuple[str, ...] = ()  # place ids
    supply_sources: tuple[str, ...] = ()  # place ids of depots
    rail_gauges: tuple[int, ...] = ()  # mm
    supply_capacity: dict[str, float] = field(default_factory=dict)  # place id -> tons a day its line brings
    supply_until: dict[str, int] = field(default_factory=dict)  # place id -> last turn its dumps last
    redoubt: tuple[str, ...] = ()  # place ids the side's main body falls back to (its computer player's plan)

@dataclass
class Scenario:
    """Everything a game shares and never changes: map, rules, equipment, unit definitions."""

    id: str
    name: str
    briefing: str
    start_date: dt.date
    turns: int
    sides: tuple[Side, ...]
    map: MapData
    movement: MovementRules
    terrain_defense: np.ndarray  # float32 [n_terrain_kinds]
    terrain_range_m: np.ndarray  # float32 [n_terrain_kinds]
    equipment: tuple[EquipmentType, ...]
    units: tuple[UnitInfo, ...]
    formations: tuple[Formation, ...] = ()
    seed: int = 1
    source_dir: str = ""
    night_turns: frozenset[int] = frozenset()
    surprised: dict[int, frozenset[int]] = field(default_factory=dict)  # side -> turns
    no_artillery: dict[int, frozenset[int]] = field(default_factory=dict)  # side -> turns
    naval_superiority: int | None = None  # side index
    link_ups: tuple[LinkUp, ...] = ()
    grades: tuple[Grade, ...] = ()
    combat: CombatRules | None = None
    supply: SupplyRules | None = None
    fog: FogRules | None = None
    air: AirRules | None = None
    demolition: DemolitionRules | None = None
    weather_names: tuple[str, ...] = ("clear",)  # condition index -> name
    weather_by_turn: dict[int, int] = field(default_factory=dict)  # turn -> condition index (default clear)
    air_weather_factor: tuple[float, ...] = (1.0,)  # sorties multiplier by condition
    weather_chances: tuple[tuple[int, int, float], ...] = ()  # (turn, condition, chance) drawn at the turn's start
    vp_per_1000_enemy_losses: float = 0.0
    landings: tuple[LandingOp, ...] = ()
    scheduled: tuple[tuple[int, str, tuple[tuple[int, int], ...]], ...] = ()  # (turn, text, ((side, vp), ...))
    initial_control: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))  # who held what at the start

    @cached_property
    def start_territory_distance(self) -> tuple[np.ndarray, ...]:
        """Per side, int32 [n_hexes]: hexes from the nearest hex the side held at the start."""
        from game.core.rules.movement import label_correcting

        nbr = self.map.grid.neighbor_table
        ones = np.where(nbr >= 0, np.float32(1), np.float32(np.inf)).astype(np.float32)
        out = []
        for side in range(len(self.sides)):
            held = np.flatnonzero(self.initial_control == side)
            if not held.size:
                out.append(np.zeros(self.map.grid.size, np.int32))
                continue
            dist, _ = label_correcting(ones, nbr, np.zeros(held.size, np.int64), held, np.array([np.inf]))
            out.append(np.where(np.isfinite(dist[0]), dist[0], 0).astype(np.int32))
        return tuple(out)

    @cached_property
    def unit_formations(self) -> tuple[frozenset[str], ...]:
        """Every formation above each unit, up the tree (for link-ups and the order of battle)."""
        parent = {f.id: f.parent for f in self.formations}
        out = []
        for u in self.units:
            chain, f = set(), u.parent
            while f is not None and f not in chain:
                chain.add(f)
                f = parent.get(f)
            out.append(frozenset(chain))
        return tuple(out)

    @cached_property
    def unit_pool(self) -> np.ndarray:
        """int32 [n_units]: the top formation (front) whose lorries supply each unit; -1 for none."""
        parent = {f.id: f.parent for f in self.formations}
        index = {f.id: i for i, f in enumerate(self.formations)}
        out = np.full(len(self.units), -1, dtype=np.int32)
        for i, u in enumerate(self.units):
            f, seen = u.parent, set()
            while f is not None and parent.get(f) is not None and f not in seen:
                seen.add(f)
                f = parent[f]
            out[i] = index.get(f, -1) if f is not None else -1
        return out

    @cached_property
    def weapon_table(self) -> WeaponTable:
        """Weapons of every equipment type as arrays, with per-range caches (needs combat rules)."""
        assert self.combat is not None
        return WeaponTable(self, self.combat)

    @cached_property
    def unit_index(self) -> dict[str, int]:
        return {u.id: i for i, u in enumerate(self.units)}

    @cached_property
    def side_index(self) -> dict[str, int]:
        return {s.id: i for i, s in enumerate(self.sides)}

    @cached_property
    def equipment_index(self) -> dict[str, int]:
        return {e.id: i for i, e in enumerate(self.equipment)}

    @cached_property
    def unit_side(self) -> np.ndarray:
        """int8 [n_units]: side index of every unit."""
        return np.array([u.side for u in self.units], dtype=np.int8)

    @cached_property
    def unit_class(self) -> np.ndarray:
        """int8 [n_units]: movement class index of every unit."""
        return np.array([u.type.movement_class for u in self.units], dtype=np.int8)

    @cached_property
    def unit_ground(self) -> np.ndarray:
        """bool [n_units]: ground units (they hold hexes, stack and exert zones of control)."""
        return np.array([u.type.domain == "ground" for u in self.units], dtype=bool)

    @cached_property
    def tank_types(self) -> np.ndarray:
        """bool [n_equipment]: tanks and self-propelled guns (what 'tanks lost' counts)."""
        return np.array([e.kind in ("tank", "spg") for e in self.equipment], dtype=bool)

    @cached_property
    def unit_type_id(self) -> np.ndarray:
        """str [n_units]: each unit's type id (vectorised look-ups such as the transport units)."""
        return np.array([u.type.id for u in self.units], dtype=object)

    @cached_property
    def unit_support_range(self) -> np.ndarray:
        """int32 [n_units]: hexes each unit's artillery reaches from its own hex (0: none)."""
        return np.array([u.type.support_range for u in self.units], dtype=np.int32)

    @cached_property
    def unit_max_mp(self) -> np.ndarray:
        return np.array([u.type.movement_points for u in self.units], dtype=np.float32)

    def date_of(self, turn: int) -> dt.date:
        return self.start_date + dt.timedelta(days=turn - 1)


@dataclass
class GameState:
    """The dynamic part of a game over a shared Scenario.

    Every per-unit and per-hex value is a numpy array named in ``ARRAYS``: clone and hash go
    through that list, so a new rule adds its array in one place.
    """

    scenario: Scenario
    turn: int
    phase: int  # index of the side whose phase it is
    rng: np.random.Generator
    unit_hex: np.ndarray  # int32 [n_units], flat hex index or OFF_MAP
    unit_mp: np.ndarray  # float32 [n_units], movement points left this phase
    unit_men: np.ndarray  # int32 [n_units]
    unit_equipment: np.ndarray  # int32 [n_units, n_equipment]
    control: np.ndarray  # int8 [n_hexes], side index or NOBODY
    unit_attacked: np.ndarray  # bool [n_units]: has attacked this phase
    unit_lost_men: np.ndarray  # int32 [n_units]: men lost so far (killed, wounded, captured)
    unit_lost_equipment: np.ndarray  # int32 [n_units, n_equipment]
    unit_fuel: np.ndarray  # float32 [n_units]: days of fuel carried
    unit_ammo: np.ndarray  # float32 [n_units]: days of ammunition carried
    unit_oos: np.ndarray  # int16 [n_units]: consecutive turns out of supply
    rail_converted: np.ndarray  # int8 [n_hexes]: side that converted this hex's foreign-gauge track, or -1
    unit_mission: np.ndarray  # int8 [n_units]: air mission flown this turn (rules.air.MISSIONS index), or -1
    unit_mission_target: np.ndarray  # int32 [n_units]: its target hex, or -1
    unit_damaged: np.ndarray  # int32 [n_units, n_equipment]: knocked-out vehicles under repair (part of the lost)
    unit_wounded: np.ndarray  # int32 [n_units]: wounded men who may come back to the unit (part of the lost)
    fort_level: np.ndarray  # float32 [n_hexes]: fortification left after bombardment (starts at the map's)
    known_control: np.ndarray  # int8 [n_sides, n_hexes]: each side's picture of who holds each hex (fog's memory)
    wreck_days: np.ndarray  # int16 [n_hexes]: days of repair a wrecked hex still needs (0: whole)
    wreck_side: np.ndarray  # int8 [n_hexes]: the side that wrecked it, or -1
    game_over: bool = False
    extra: dict[str, int] = field(default_factory=dict)  # small counters and flags (arrivals, link-ups)

    ARRAYS: ClassVar[tuple[str, ...]] = ("unit_hex", "unit_mp", "unit_men", "unit_equipment", "control",
                                         "unit_attacked", "unit_lost_men", "unit_lost_equipment", "unit_fuel",
                                         "unit_ammo", "unit_oos", "rail_converted", "unit_mission",
                                         "unit_mission_target", "unit_damaged", "unit_wounded", "fort_level",
                                         "known_control", "wreck_days", "wreck_side")

    @property
    def side(self) -> int:
        """Index of the side to move."""
        return self.phase

    @property
    def date(self) -> dt.date:
        return self.scenario.date_of(self.turn)

    @property
    def weather(self) -> int:
        """Index of this turn's weather condition (0 = clear): fixed by the scenario, or drawn when it began."""
        drawn = self.extra.get(f"weather:{self.turn}")
        return drawn if drawn is not None else self.scenario.weather_by_turn.get(self.turn, 0)

    def draw_weather(self) -> None:
        """The turn's chance weather, from the game's seeded RNG (so a replay draws the same)."""
        for turn, condition, chance in self.scenario.weather_chances:
            if turn == self.turn and f"weather:{turn}" not in self.extra and self.rng.random() < chance:
                self.extra[f"weather:{turn}"] = condition

    def clone(self) -> GameState:
        """A deep copy of the dynamic part; the Scenario stays shared."""
        rng = np.random.Generator(np.random.PCG64())
        rng.bit_generator.state = self.rng.bit_generator.state
        arrays = {name: getattr(self, name).copy() for name in self.ARRAYS}
        return GameState(self.scenario, self.turn, self.phase, rng, game_over=self.game_over,
                         extra=dict(self.extra), **arrays)

    MOVE_WRITES: ClassVar[tuple[str, ...]] = ("unit_hex", "unit_mp", "unit_fuel", "control")

    def clone_before_move(self) -> GameState:
        """A copy for taking back a Move: the arrays a move writes (``MOVE_WRITES``) are copied, the
        rest are shared with this state. Why: a copy per move of every array (equipment tables of
        thousands of units) was the largest cost of an AI phase on big maps, and ``Game`` keeps such
        copies only while nothing but moves follows, which write nothing else (a test holds the engine
        to that)."""
        rng = np.random.Generator(np.random.PCG64())
        rng.bit_generator.state = self.rng.bit_generator.state
        arrays = {name: getattr(self, name) for name in self.ARRAYS}
        arrays.update({name: getattr(self, name).copy() for name in self.MOVE_WRITES})
        return GameState(self.scenario, self.turn, self.phase, rng, game_over=self.game_over,
                         extra=dict(self.extra), **arrays)

    def eliminate(self, u: int, captured: bool = False) -> None:
        """A unit leaves the game: what is left of it counts as lost (killed, captured or dispersed).

        Men of a unit that surrenders are counted as captured too (``extra['captured:<side>']``).
        """
        if captured:
            self.tally("captured", self.scenario.units[u].side, int(self.unit_men[u]))
        self.unit_lost_men[u] += self.unit_men[u]
        self.unit_lost_equipment[u] += self.unit_equipment[u]
        self.unit_damaged[u] = 0  # vehicles under repair are lost with the unit
        self.unit_wounded[u] = 0  # and its wounded have no unit to come back to
        self.unit_men[u] = 0
        self.unit_equipment[u] = 0
        self.unit_hex[u] = OFF_MAP

    def tally(self, kind: str, side: int, n: int) -> None:
        """Add to a side's running total of one kind of loss (``extra['<kind>:<side id>']``): killed,
        wounded, captured, tanks destroyed or damaged, wounded returned. ``summary.casualties`` reads them."""
        if n:
            key = f"{kind}:{self.scenario.sides[side].id}"
            self.extra[key] = self.extra.get(key, 0) + int(n)

    def units_of(self, side: int) -> np.ndarray:
        """Indices of the side's units on the map."""
        return np.flatnonzero((self.scenario.unit_side == side) & (self.unit_hex != OFF_MAP))

    def units_at(self, index: int) -> np.ndarray:
        return np.flatnonzero(self.unit_hex == index)

    def ground_units_of(self, side: int) -> np.ndarray:
        """Indices of the side's ground units on the map."""
        on = self.units_of(side)
        return on[self.scenario.unit_ground[on]]

    def occupancy(self, side: int) -> np.ndarray:
        """int32 [n_hexes]: how many of the side's ground units stand in each hex."""
        on = self.ground_units_of(side)
        return np.bincount(self.unit_hex[on], minlength=self.scenario.map.grid.size).astype(np.int32)

    WRECK_ARRAYS: ClassVar[tuple[str, ...]] = ("wreck_days", "wreck_side")

    def state_hash(self) -> str:
        """A stable digest of the dynamic state (hex string), equal across processes.

        The wreck arrays count only while some hex is wrecked (``extra['wrecks']``): a game in which
        nothing was ever blown keeps the hash it had before demolitions were a rule, so saves and
        replays written then still check."""
        h = hashlib.sha256()
        h.update(json.dumps([self.scenario.id, self.turn, self.phase, self.game_over,
                             sorted(self.extra.items())]).encode())
        from game.core.rules.demolition import WRECK_COUNT  # the rule names its counter

        idle = () if self.extra.get(WRECK_COUNT) else self.WRECK_ARRAYS
        for name in self.ARRAYS:
            if name not in idle:
                h.update(np.ascontiguousarray(getattr(self, name)).tobytes())
        h.update(json.dumps(self.rng.bit_generator.state, sort_keys=True).encode())
        return h.hexdigest()


def new_state(scenario: Scenario, unit_hex: np.ndarray, unit_men: np.ndarray, unit_equipment: np.ndarray,
              control: np.ndarray, seed: int | None = None) -> GameState:
    """The state at the start of turn 1, first side to move, every unit with full movement."""
    rng = np.random.Generator(np.random.PCG64(scenario.seed if seed is None else seed))
    n = len(scenario.units)
    supply = scenario.supply
    return GameState(scenario, 1, 0, rng, unit_hex=unit_hex.astype(np.int32), unit_mp=scenario.unit_max_mp.copy(),
                     unit_men=unit_men.astype(np.int32), unit_equipment=unit_equipment.astype(np.int32),
                     control=control.astype(np.int8), unit_attacked=np.zeros(n, bool),
                     unit_lost_men=np.zeros(n, np.int32), unit_lost_equipment=np.zeros_like(unit_equipment, np.int32),
                     unit_fuel=np.full(n, supply.fuel_capacity_days if supply else 0, np.float32),
                     unit_ammo=np.full(n, supply.ammo_capacity_days if supply else 0, np.float32),
                     unit_oos=np.zeros(n, np.int16), rail_converted=np.full(control.size, -1, np.int8),
                     unit_mission=np.full(n, -1, np.int8), unit_mission_target=np.full(n, -1, np.int32),
                     unit_damaged=np.zeros_like(unit_equipment, np.int32), unit_wounded=np.zeros(n, np.int32),
                     fort_level=scenario.map.fortification.astype(np.float32),
                     known_control=np.tile(control.astype(np.int8), (len(scenario.sides), 1)),
                     wreck_days=np.zeros(control.size, np.int16), wreck_side=np.full(control.size, -1, np.int8),
                     extra={"seed": int(scenario.seed if seed is None else seed)})
