"""Pydantic models of every scenario file; the JSON Schema is generated from them.

One model per file kind (scenario, map, rules, equipment, order of battle). Unknown keys are
forbidden so a typo such as ``mens:`` is reported, and every field carries a description
that the editor shows while typing. Checks that need more than one value at a time (a row's
length, a reference to an id, a coordinate on the map) live in ``validate.py``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from game.core.hexgrid import DIRECTION_NAMES

FORMAT_VERSION = 1


class TerrainKind(StrEnum):
    clear = "clear"
    steppe = "steppe"
    desert = "desert"
    forest = "forest"
    hills = "hills"
    mountains = "mountains"
    marsh = "marsh"
    urban = "urban"
    sea = "sea"
    lake = "lake"


class MovementClass(StrEnum):
    foot = "foot"
    cavalry = "cavalry"
    wheeled = "wheeled"
    tracked = "tracked"


class RiverKind(StrEnum):
    minor = "minor"
    major = "major"


class Side6(StrEnum):
    """A hexside of a pointy-top hex, counter-clockwise from east."""

    E = "E"
    NE = "NE"
    NW = "NW"
    W = "W"
    SW = "SW"
    SE = "SE"


DIRECTION_INDEX: dict[Side6, int] = {Side6(n): i for i, n in enumerate(DIRECTION_NAMES)}


class UnitSize(StrEnum):
    battalion = "II"
    regiment = "III"
    brigade = "X"
    division = "XX"
    corps = "XXX"
    army = "XXXX"
    front = "XXXXX"


class UnitSymbol(StrEnum):
    infantry = "infantry"
    armor = "armor"
    mechanized = "mechanized"
    motorized = "motorized"
    cavalry = "cavalry"
    artillery = "artillery"
    anti_tank = "anti_tank"
    anti_aircraft = "anti_aircraft"
    engineer = "engineer"
    airborne = "airborne"
    mountain = "mountain"
    marine = "marine"
    fortification = "fortification"
    headquarters = "headquarters"
    air = "air"


class EquipmentKind(StrEnum):
    tank = "tank"
    spg = "spg"
    armored_car = "armored_car"
    gun = "gun"
    anti_tank_gun = "anti_tank_gun"
    anti_aircraft_gun = "anti_aircraft_gun"
    mortar = "mortar"
    rocket_launcher = "rocket_launcher"
    infantry_weapon = "infantry_weapon"
    aircraft = "aircraft"
    vehicle = "vehicle"
    ship = "ship"


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, values are checked on assignment too."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False)


def _f(description: str, **kw: Any) -> Any:
    return Field(description=description, **kw)


NonNeg = Annotated[int, Field(ge=0)]
Coord = Annotated[tuple[NonNeg, NonNeg], Field(description="A hex as [col, row], from [0, 0] at the "
                                                           "north-west corner", examples=[[4, 7]])]
Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=1, max_length=64,
                          description="An id: lower-case letters, digits and _", examples=["rifle_division"])]
Cost = Annotated[float, Field(ge=0, le=100)]


# ---------------------------------------------------------------- scenario.yaml

# Examples shown by the editor, taken from scenarios/manchuria_1944 and scenarios/_template.
_EX_SURPRISE = {"side": "japan", "turns": [1], "note": "The border posts do not expect an attack."}
_EX_NO_ARTILLERY = {"side": "soviet", "turns": [1],
                    "note": "The assault teams cross in silence, without artillery or air preparation."}
_EX_SPECIAL_RULES = {"night_turns": [1], "surprise": [_EX_SURPRISE], "no_artillery": [_EX_NO_ARTILLERY],
                     "naval_superiority": "japan"}
_EX_LINK_UP = {"name": "Fronts join at Changchun", "side": "soviet",
               "formations": ["transbaikal_front", "first_far_eastern_front"], "place": "changchun", "vp": 20}
_EX_GRADES = [{"name": "Soviet decisive victory", "side": "soviet", "min_vp": 230},
              {"name": "Japanese victory", "side": "japan", "min_vp": 210}]
_EX_LANDING = {"name": "Kuril landings", "side": "soviet", "ports": ["petropavlovsk"],
               "targets": ["shumshu", "paramushir", "kunashir"], "from_turn": 10, "max_units": 3}
_EX_EVENT = {"turn": 2, "text": "Reinforcements are on the way.", "vp": {"soviet": 1}}
_EX_SIDES = [{"id": "soviet", "name": "Soviet Union", "color": "#b03a2e", "map_code": "S",
              "objectives": ["hailar", "bayan"], "supply_sources": ["borzya"], "rail_gauges": [1520]},
             {"id": "japan", "name": "Japan", "color": "#c9a227", "map_code": "J",
              "objectives": ["hailar", "bayan", "borzya"], "supply_sources": ["hailar", "bayan"],
              "rail_gauges": [1435]}]



class SideDef(Strict):
    id: Id = _f("Side id used by the CLI, saves and orders of battle", examples=["soviet"])
    name: str = _f("Name shown to players", examples=["Soviet Union"])
    color: str = _f("Counter colour as #rrggbb", pattern=r"^#[0-9a-fA-F]{6}$", examples=["#b03a2e"])
    map_code: str = _f("One character marking this side's hexes in the map's control rows",
                       min_length=1, max_length=1, examples=["S"])
    objectives: list[str] = _f("Place ids this side must take or hold; its computer player aims at them",
                               default_factory=list, examples=[["changchun", "harbin"]])
    briefing: str = _f("This side's briefing, shown before play", default="",
                       examples=["Hold Hailar's forts; strike back at Borzya if the enemy overreaches."])
    supply_sources: list[str] = _f("Place ids of this side's depots, railheads and ports: supply starts there "
                                   "while the side holds them", default_factory=list, examples=[["borzya"]])
    rail_gauges: list[int] = _f("Track gauges (mm) this side's trains run on; other gauges must be converted "
                                "first", default_factory=list, examples=[[1520]])
    supply_until: dict[Id, Annotated[int, Field(ge=1)]] = _f(
        "Last turn a supply source still feeds its troops (place id -> turn): a base cut off from its own rear "
        "lives on its dumps that long; sources not named here feed for the whole game", default_factory=dict,
        examples=[{"paramushir": 15}])
    supply_capacity: dict[Id, Annotated[float, Field(ge=0)]] = _f(
        "Tons a day the line into each supply source brings (place id -> tons); sources not named here bring "
        "the rules' supply.default_rail_tons_per_day", default_factory=dict, examples=[{"borzya": 6000}])


class SideTurns(Strict):
    side: str = _f("Side id", examples=["japan"])
    turns: list[Annotated[int, Field(ge=1)]] = _f("Turns it applies to", min_length=1, examples=[[1]])
    note: str = _f("Why, for the player", default="",
                   examples=["The border posts do not expect an attack; the first crossings come at about one "
                             "in the morning."])


class SpecialRules(Strict):
    night_turns: list[Annotated[int, Field(ge=1)]] = _f("Turns fought at night (short engagement ranges)",
                                                        default_factory=list, examples=[[1]])
    surprise: list[SideTurns] = _f("Sides caught by surprise on given turns", default_factory=list,
                                   examples=[[_EX_SURPRISE]])
    no_artillery: list[SideTurns] = _f("Sides that fire no artillery preparation on given turns",
                                       default_factory=list, examples=[[_EX_NO_ARTILLERY]])
    naval_superiority: str | None = _f("Side id that holds the seas (naval superiority)", default=None,
                                       examples=["japan"])
    notes: list[str] = _f("Other special rules in words, shown in the briefing", default_factory=list,
                          examples=[["In 1944 the Imperial Navy still holds the Sea of Japan and the Sea of "
                                     "Okhotsk: Japan has naval superiority."]])


class LinkUp(Strict):
    name: str = _f("Name of the link-up", examples=["Fronts join at Changchun"])
    side: str = _f("Side id", examples=["soviet"])
    formations: list[str] = _f("Formation ids whose units must all reach the place", min_length=2,
                               examples=[["transbaikal_front", "first_far_eastern_front"]])
    place: str = _f("Place id where they meet (in or next to the hex)", examples=["changchun"])
    vp: int = _f("Victory points for achieving it", default=0, ge=0, examples=[20])


class ResultGrade(Strict):
    name: str = _f("Result shown at the end", examples=["Soviet decisive victory"])
    side: str = _f("Side id whose victory points are measured", examples=["soviet"])
    min_vp: int = _f("Least victory points for this result", ge=0, examples=[120])


class VictoryRules(Strict):
    link_ups: list[LinkUp] = _f("Link-ups the scenario tracks", default_factory=list, examples=[[_EX_LINK_UP]])
    grades: list[ResultGrade] = _f("Graded results, checked in order at the end; the first whose side has "
                                   "at least min_vp is the result, else a draw", default_factory=list,
                                   examples=[_EX_GRADES])
    vp_per_1000_enemy_losses: float = _f("Victory points for every 1,000 enemy men killed, captured or "
                                         "dispersed", ge=0, default=0, examples=[1])


class WeatherSpell(Strict):
    turns: list[Annotated[int, Field(ge=1)]] = _f("Turns with this weather", min_length=1, examples=[[1, 2, 3]])
    condition: str = _f("A weather condition from the rules file (every other turn is clear)", examples=["rain"])
    chance: float = _f("Chance each of these turns has it, drawn from the game's seed when the turn begins "
                      "(1 = certain)", ge=0, le=1, default=1.0, examples=[0.25])


class LandingDef(Strict):
    name: str = _f("Name of the landing operation", examples=["Kuril landings"])
    side: str = _f("Side id that may land", examples=["soviet"])
    ports: list[str] = _f("Place ids of the ports the landing force sails from", min_length=1,
                          examples=[["vladivostok"]])
    targets: list[str] = _f("Place ids it may land at (in the hex or next to it)", min_length=1,
                            examples=[["shumshu"]])
    from_turn: int = _f("First turn of the landing", ge=1, default=1, examples=[10])
    max_units: int = _f("Most units that may land in this operation (naval superiority limits it)", ge=1,
                        examples=[3])


class ScheduledEvent(Strict):
    turn: int = _f("Turn at whose start it happens", ge=1, examples=[7])
    text: str = _f("What the players are told", examples=["Moscow radio announces the Emperor's broadcast."])
    vp: dict[str, int] = _f("Victory points it awards, by side id", default_factory=dict,
                            examples=[{"soviet": 5}])


class ScenarioFile(Strict):
    format: int = _f(f"Scenario format version; this program reads version {FORMAT_VERSION}",
                     ge=1, le=FORMAT_VERSION, examples=[FORMAT_VERSION])
    id: Id = _f("Scenario id, usually the folder name", examples=["manchuria_1944"])
    name: str = _f("Title shown in the scenario list", examples=["August Storm: Manchuria 1944"])
    briefing: str = _f("Briefing text shown before the game", default="",
                       examples=["Germany surrendered in May. Since then train after train has carried the Red "
                                 "Army east along the Trans-Siberian."])
    start_date: dt.date = _f("Date of the first turn", examples=["1944-08-09"])
    turns: int = _f("Number of turns; one turn is one day", ge=1, le=1000, examples=[31])
    sides: list[SideDef] = _f("The two sides; the first moves first each turn", min_length=2, max_length=2,
                              examples=[_EX_SIDES])
    map: str = _f("Map file, relative to this file", examples=["map.yaml"])
    rules: str = _f("Rules file (terrain, movement, unit types), relative to this file",
                    examples=["rules.yaml"])
    equipment: list[str] = _f("Equipment files, relative to this file; may be shared between "
                              "scenarios", min_length=1, examples=[["equipment.yaml"]])
    orders_of_battle: list[str] = _f("Order-of-battle files, one or more per side",
                                     min_length=1, examples=[["oob_soviet.yaml", "oob_japan.yaml"]])
    seed: int = _f("Default seed of the random number generator", default=1, ge=0, examples=[1944])
    special_rules: SpecialRules = _f("Night turns, surprise, naval superiority and other special rules",
                                     default_factory=SpecialRules, examples=[_EX_SPECIAL_RULES])
    victory: VictoryRules = _f("Link-ups and graded results", default_factory=VictoryRules,
                               examples=[{"link_ups": [_EX_LINK_UP], "grades": _EX_GRADES}])
    weather: list[WeatherSpell] = _f("The weather by turn; turns not listed are clear", default_factory=list,
                                     examples=[[{"turns": [1, 2, 3], "condition": "rain"}]])
    landings: list[LandingDef] = _f("Landings from the sea a side may make; there are no others",
                                    default_factory=list, examples=[[_EX_LANDING]])
    events: list[ScheduledEvent] = _f("Things that happen on a given turn, told to both sides",
                                      default_factory=list, examples=[[_EX_EVENT]])


# ---------------------------------------------------------------- map.yaml

_EX_RIVER = {"name": "Little Argun", "kind": "major", "hexsides": [[4, 0, "W"], [4, 0, "SW"], [4, 1, "W"]]}
_EX_ROAD = {"name": "Border road", "path": [[1, 4], [2, 4], [3, 4], [4, 4]]}
_EX_RAILWAY = {"name": "Border railway", "gauge": 1520, "path": [[0, 6], [1, 6], [2, 6], [3, 6]]}
_EX_PLACE = {"id": "changchun", "name": "Changchun", "name_1944": "Hsinking", "hex": [38, 56], "vp": 20,
             "kind": "city"}
_EX_FORTIFICATION = {"hex": [63, 45], "level": 5, "name": "Hutou FR"}
_EX_INSET_NOTE = ("Inset at the map's 25 km scale: Shumshu and Paramushir and the southern tip of Kamchatka. "
                  "Not connected to the rest of the map; reach it by sea or air.")
_EX_INSET = {"name": "Northern Kurils and southern Kamchatka", "cols": [93, 105], "rows": [0, 17],
             "note": _EX_INSET_NOTE}



class RiverDef(Strict):
    name: str = _f("River name", examples=["Amur"])
    kind: RiverKind = _f("minor or major; crossing costs are in the rules file", examples=["major"])
    hexsides: list[tuple[NonNeg, NonNeg, Side6]] = _f(
        "Hexsides the river runs along, each [col, row, side] with side one of E, NE, NW, W, SW, SE",
        min_length=1, examples=[[[3, 4, "NE"], [3, 4, "E"]]])


class RoadDef(Strict):
    name: str = _f("Road name", default="", examples=["Chita - Borzya - Otpor road"])
    path: list[Coord] = _f("Hexes the road runs through, each next to the one before",
                           min_length=2, examples=[[[1, 1], [2, 1], [3, 2]]])


class RailwayDef(RoadDef):
    name: str = _f("Railway name", default="", examples=["Chinese Eastern Railway, western arm"])
    path: list[Coord] = _f("Hexes the railway runs through, each next to the one before",
                           min_length=2, examples=[[[1, 6], [2, 6], [3, 6]]])
    gauge: int = _f("Track gauge in mm: 1520 Soviet broad gauge, 1435 standard", examples=[1520])


class PlaceDef(Strict):
    id: Id = _f("Place id", examples=["changchun"])
    name: str = _f("Modern name", examples=["Changchun"])
    name_1944: str = _f("Name in 1944 where it differs", default="", examples=["Hsinking"])
    hex: Coord
    vp: int = _f("Victory points for holding it", default=0, ge=0, le=1000, examples=[20])
    kind: str = _f("city, town, port, pass, fortress ... (shown to the player)", default="town",
                   examples=["city"])


class FortificationDef(Strict):
    hex: Coord
    level: int = _f("Fortification level, 1 (field works) to 5 (fortress)", ge=1, le=5, examples=[5])
    name: str = _f("Fortified region name", default="", examples=["Hutou FR"])


class InsetDef(Strict):
    name: str = _f("Name shown on the inset's frame", examples=["Northern Kurils"])
    cols: tuple[NonNeg, NonNeg] = _f("First and last column of the inset", examples=[[80, 92]])
    rows: tuple[NonNeg, NonNeg] = _f("First and last row of the inset", examples=[[60, 75]])
    note: str = _f("What the inset shows and at what scale", default="", examples=[_EX_INSET_NOTE])


class MapFile(Strict):
    width: int = _f("Columns", ge=2, le=400, examples=[106])
    height: int = _f("Rows", ge=2, le=400, examples=[88])
    km_per_hex: float = _f("Distance between hex centres in km", gt=0, le=500, examples=[22])
    terrain_codes: dict[str, TerrainKind] = _f(
        "One character per terrain kind, as used in the terrain rows", min_length=1,
        examples=[{".": "clear", "f": "forest", "~": "sea"}])
    terrain: list[str] = _f("Terrain rows north to south, one character per hex, odd rows shifted "
                            "half a hex east", min_length=2, examples=[["ssss..ffhhmm", "sss...ffhhmm"]])
    control: list[str] | None = _f("Optional rows of side map codes ('.' for nobody) giving who holds "
                                   "each hex at the start", default=None,
                                   examples=[["SSSS..JJJJJJ", "SSSS..JJJJJJ"]])
    rivers: list[RiverDef] = _f("Rivers along hexsides", default_factory=list, examples=[[_EX_RIVER]])
    roads: list[RoadDef] = _f("Roads", default_factory=list, examples=[[_EX_ROAD]])
    railways: list[RailwayDef] = _f("Railways with their gauge", default_factory=list, examples=[[_EX_RAILWAY]])
    places: list[PlaceDef] = _f("Named places", default_factory=list, examples=[[_EX_PLACE]])
    fortifications: list[FortificationDef] = _f("Fortified hexes", default_factory=list,
                                                examples=[[_EX_FORTIFICATION]])
    insets: list[InsetDef] = _f("Areas of the map drawn from elsewhere (islands beyond the edge)",
                                default_factory=list, examples=[[_EX_INSET]])


# ---------------------------------------------------------------- rules.yaml

_EX_CLEAR_COSTS = {"foot": 2, "cavalry": 2, "wheeled": 2, "tracked": 2}
_EX_FOREST_COSTS = {"foot": 3, "cavalry": 3, "wheeled": 4, "tracked": 3}
_EX_ROAD_COSTS = {"foot": 1.5, "cavalry": 1.5, "wheeled": 1, "tracked": 1.5}
_EX_RAIN_FACTORS = {"foot": 1.25, "cavalry": 1.25, "wheeled": 1.75, "tracked": 1.35}
_EX_TERRAIN = {"move_cost": _EX_FOREST_COSTS, "defense": 1.4, "engagement_range_m": 300}
_EX_UNIT_TYPE = {"name": "Rifle division", "symbol": "infantry", "size": "XX", "movement_class": "foot",
                 "movement_points": 4}
_EX_CLOSE_ASSAULT = {"max_range_m": 300, "teams_per_1000_men": 8, "men_per_team": 3,
                     "cut_down_per_machine_gun": 0.8, "machine_guns_per_armored_vehicle": 2, "kill_chance": 0.3,
                     "facing": "side", "weapons": ["lunge_mine", "satchel_charge", "magnetic_mine_type99"],
                     "machine_guns": ["hmg_maxim", "lmg_dp"]}
_EX_RETREAT = {"loss_fraction": 0.08, "advantage": 1.5, "destroyed_below": 0.15}
_EX_COMBAT = {"night_engagement_range_m": 300, "hit_probability": [[100, 0.8], [1000, 0.45], [2000, 0.2]],
              "shots_per_weapon": 6, "penetration_spread": 0.1, "kill_given_penetration": 0.7, "at_focus": 0.7,
              "he_casualties_per_point": 1.5, "small_arms_casualties_per_1000": 6, "soft_equipment_loss": 0.8,
              "fortification_defense": [1, 1.3, 1.7, 2.2, 2.8, 3.5], "river_attack": {"minor": 0.75, "major": 0.5},
              "surprise_fire": 0.4, "flank_hexsides": 3, "artillery_kinds": ["gun", "mortar", "rocket_launcher"],
              "close_assault": _EX_CLOSE_ASSAULT, "retreat": _EX_RETREAT}
_EX_SUPPLY = {"truck_range_mp": 10, "trace_class": "wheeled", "fuel_capacity_days": 3, "ammo_capacity_days": 3,
              "fuel_classes": ["wheeled", "tracked"], "ammo_per_attack_days": 1, "ammo_per_defence_days": 0.5,
              "no_ammo_fire": 0.25, "attrition_after_turns": 3, "attrition_per_turn": 0.05,
              "surrender_after_turns": 8, "fortress_min_level": 3, "fortress_supply_turns": 15,
              "gauge_conversion_km_per_day": 25, "food_tons_per_1000_men": 2.5,
              "fuel_tons_per_day": {"tank": 0.3, "vehicle": 0.07}, "ammo_tons_per_day": {"gun": 1.2, "tank": 0.3},
              "lorry_tons": 3, "lorry_km_per_day": 80, "lorry_share": 0.1}
_EX_FOG = {"sight_hexes": 2, "close_terrain": ["forest", "mountains", "urban"], "air_recon_hexes": 4}
_EX_AIR = {"sorties_per_day": 2, "interdiction_cost_mp": 1, "interdiction_radius": 1, "patrol_radius": 2,
           "transport_tons_per_sortie": 2.5, "air_combat_rate": 0.3, "max_loss_fraction": 0.5}



class ClassCosts(Strict):
    """A cost in movement points per movement class; null means impossible for that class."""

    foot: Cost | None = _f("Foot infantry", examples=[3])
    cavalry: Cost | None = _f("Horse cavalry", examples=[3])
    wheeled: Cost | None = _f("Trucks and wheeled vehicles", examples=[4])
    tracked: Cost | None = _f("Tanks and tractors", examples=[3])


class TerrainRules(Strict):
    move_cost: ClassCosts = _f("Movement points to enter a hex of this terrain; null = impassable",
                               examples=[_EX_FOREST_COSTS])
    defense: float = _f("Defender's strength multiplier in this terrain", gt=0, le=10, examples=[1.5])
    engagement_range_m: int = _f("Typical engagement range in metres", ge=50, le=5000, examples=[1000])


class ZocRules(Strict):
    leave_cost: Cost = _f("Extra movement points to leave a hex in an enemy zone of control", default=2,
                          examples=[2])


class StackingRules(Strict):
    max_units: int = _f("Most units of one side that may end a move in one hex", ge=1, le=20, default=3,
                        examples=[3])


class Domain(StrEnum):
    ground = "ground"
    air = "air"
    naval = "naval"


class UnitType(Strict):
    name: str = _f("Name shown to the player", examples=["Rifle division"])
    symbol: UnitSymbol = _f("NATO symbol drawn on the counter", examples=["infantry"])
    size: UnitSize = _f("Echelon: II battalion, III regiment, X brigade, XX division, XXX corps",
                        examples=["XX"])
    domain: Domain = _f("ground units move on the map and exert zones of control; air units sit at a base "
                        "hex and fly missions; naval units keep to sea hexes", default=Domain.ground,
                        examples=["air"])
    movement_class: MovementClass = _f("Which movement costs apply (ground units)", default=MovementClass.foot,
                                       examples=["tracked"])
    movement_points: float = _f("Movement points per turn; for air units the mission radius in hexes",
                                gt=0, le=100, examples=[4])
    support_range: int = _f("Hexes this unit's artillery reaches: it fires in attacks and defences of hexes "
                            "that far from its own (0 = only where it fights itself)", ge=0, le=10, default=0,
                            examples=[2])


Frac = Annotated[float, Field(ge=0, le=1)]


class CloseAssaultRules(Strict):
    max_range_m: int = _f("Close assault happens only when the engagement range is at most this (forest, "
                          "town, marsh, fortress, night)", ge=0, le=2000, examples=[300])
    teams_per_1000_men: float = _f("Assault teams a side can form per 1,000 infantry", ge=0, examples=[8])
    men_per_team: int = _f("Men lost with every team committed (suicide attacks)", ge=1, examples=[3])
    cut_down_per_machine_gun: float = _f("How deadly one machine gun is to the teams: the share that reaches "
                                         "the tanks is exp(-this x machine guns / teams)", ge=0, examples=[0.8])
    machine_guns_per_armored_vehicle: float = _f("Machine guns each of the target's armoured vehicles carries "
                                                 "(they fire on the teams too)", ge=0, examples=[2])
    kill_chance: Frac = _f("Chance a team that reaches a tank and can penetrate it knocks it out",
                           examples=[0.5])
    facing: str = _f("Armour facing close-assault weapons strike", default="side",
                     pattern="^(front|side|rear)$", examples=["side"])
    weapons: list[str] = _f("Equipment ids of close-assault charges (one per team)",
                            examples=[["lunge_mine", "satchel_charge"]])
    machine_guns: list[str] = _f("Equipment ids of the machine guns that cut teams down",
                                 examples=[["hmg_maxim", "lmg_dp"]])


class RetreatRules(Strict):
    loss_fraction: Frac = _f("A defender that loses more than this fraction of its strength in one attack "
                             "may have to retreat", examples=[0.08])
    advantage: float = _f("... when its loss fraction is also this many times the attacker's", gt=0,
                          examples=[1.5])
    destroyed_below: Frac = _f("A unit left with less than this fraction of its starting men and no "
                               "armour is destroyed", examples=[0.15])
    captured_share: Frac = _f("Share of a retreating unit's men left behind as prisoners (stragglers)",
                              default=0.02, examples=[0.02])
    hold_fortification: float = _f("Defenders at this fortification level or more never fall back: the "
                                   "garrison fights in place until destroyed, starved, or the guns batter the "
                                   "works below it", ge=0, default=99, examples=[3])
    men_per_armoured_vehicle: float = _f("In the strength a side loses, each armoured vehicle counts as this "
                                         "many men", ge=0, default=10, examples=[10])
    rout_fraction: Frac = _f("A retreating defender that lost more than this fraction in the attack is routed",
                             default=0.1, examples=[0.1])
    rout_captured_share: Frac = _f("Share of a routed unit's men taken prisoner as it flees", default=0.1,
                                   examples=[0.1])


class LossRules(Strict):
    reference_men: float = _f("Men in a hex at which one point of fire hits one man: fire into a bigger "
                              "force hits a smaller share of it", gt=0, default=10_000, examples=[10_000])
    size_exponent: Frac = _f("How much the share hit falls with the target's size: 0 = the same share "
                             "whatever the size (area fire), 1 = the same number of men", default=0.5,
                             examples=[0.5])
    crew_exposure: Frac = _f("How exposed crews inside armoured vehicles are to HE and small arms, "
                             "relative to infantry", default=0.1, examples=[0.1])
    crew_loss_per_kill: Frac = _f("Share of a knocked-out vehicle's crew lost with it", default=0.5,
                                  examples=[0.5])
    attacker_exposure: float = _f("Fire on the attacker's men is multiplied by this: the attacker moves in the "
                                  "open, the defender is dug in", gt=0, le=5, default=1.0, examples=[1.3])
    max_loss_fraction: Frac = _f("No side loses more than this share of its men or soft equipment in one "
                                 "attack", default=0.95, examples=[0.95])
    killed_share: Frac = _f("Share of the men hit who are killed; the rest are wounded and leave the unit",
                            default=0.25, examples=[0.25])
    destroyed_share: Frac = _f("Share of knocked-out vehicles destroyed outright; the rest are damaged and "
                               "can be repaired", default=0.4, examples=[0.4])
    repair_per_day: Frac = _f("Share of a unit's damaged vehicles its workshops return each day", default=0.0,
                              examples=[0.1])
    wounded_return_per_day: Frac = _f("Share of a unit's wounded who come back to it each day while it is in "
                                      "supply (the lightly wounded)", default=0.0, examples=[0.02])
    fire_spread: float = _f("The day's luck: each side's fire in a battle is drawn lognormal with this "
                            "sigma around its expected value", ge=0, le=2, default=0.0, examples=[0.3])


class ArmourShockRules(Strict):
    factor: float = _f("Fire on men of an armoured vehicle the enemy cannot knock out is multiplied by "
                       "1 + this (tanks on open ground roll over infantry that cannot stop them)", ge=0,
                       default=0.0, examples=[2])
    kill_reference: Frac = _f("A vehicle type the enemy knocks out at this rate or more in the attack gets no "
                              "bonus; the bonus falls linearly to that rate", default=0.1, examples=[0.1])
    min_range_m: float = _f("No bonus at engagement ranges shorter than this (forest, town, night: the infantry "
                            "gets close)", ge=0, default=0, examples=[800])


class BombardmentRules(Strict):
    heavy_he: float = _f("Weapons with at least this 'he' are heavy: they batter fortifications", gt=0,
                         default=7, examples=[7])
    damage_per_point: float = _f("Fortification levels knocked down per point of heavy HE fired in one attack",
                                 ge=0, default=0.0, examples=[0.0005])


class CombatRules(Strict):
    night_engagement_range_m: int = _f("Engagement range on night turns", ge=50, le=5000, examples=[300])
    hit_probability: list[tuple[Annotated[float, Field(ge=0)], Frac]] = _f(
        "Chance an aimed shot hits, by range: [range m, probability] rows, ranges increasing", min_length=1,
        examples=[[[100, 0.8], [1000, 0.45], [2000, 0.2]]])
    shots_per_weapon: float = _f("Aimed shots a weapon gets off at the enemy in one attack", gt=0,
                                 examples=[6])
    penetration_spread: float = _f("Spread of penetration against armour, as a fraction of the armour: the "
                                   "chance to penetrate is Phi((pen - armour) / (spread * armour))", gt=0,
                                   le=2, examples=[0.1])
    kill_given_penetration: Frac = _f("Chance a penetrating hit knocks the vehicle out", examples=[0.7])
    at_focus: Frac = _f("Share of anti-armour weapons' fire aimed at armour when the enemy has any",
                        examples=[0.7])
    he_casualties_per_point: float = _f("Men hit per point of a weapon's 'he' in one attack", ge=0,
                                        examples=[1.5])
    small_arms_casualties_per_1000: float = _f("Enemy men hit per 1,000 own men firing in one attack", ge=0,
                                               examples=[6])
    soft_equipment_loss: float = _f("Soft equipment (guns, trucks) lost at this multiple of the fraction of "
                                    "men lost", ge=0, examples=[0.8])
    fortification_defense: list[Annotated[float, Field(gt=0)]] = _f(
        "Incoming fire is divided by this, by fortification level 0..5", min_length=6, max_length=6,
        examples=[[1, 1.3, 1.7, 2.2, 2.8, 3.5]])
    fortification_fire: list[Annotated[float, Field(gt=0)]] = _f(
        "The defender's fire is multiplied by this, by fortification level 0..5 (bunkers with fields of fire)",
        min_length=6, max_length=6, default=[1, 1, 1, 1, 1, 1], examples=[[1, 1.1, 1.25, 1.4, 1.6, 1.8]])
    river_attack: dict[RiverKind, Frac] = _f("Attacker's fire multiplied by this when attacking across a river "
                                             "hexside", examples=[{"minor": 0.75, "major": 0.5}])
    surprise_fire: Frac = _f("A surprised side fires at this fraction of its strength", examples=[0.4])
    flank_hexsides: int = _f("Attacked from at least this many hexsides, the defender's side armour is hit",
                             ge=2, le=6, default=3, examples=[3])
    artillery_kinds: list[EquipmentKind] = _f("Equipment kinds that count as artillery (silent on "
                                              "no-artillery turns)", examples=[["gun", "mortar", "rocket_launcher"]])
    close_assault: CloseAssaultRules = _f("Close assault with lunge mines and satchel charges",
                                          examples=[_EX_CLOSE_ASSAULT])
    retreat: RetreatRules = _f("Retreat, rout and destruction", examples=[_EX_RETREAT])
    rear_hexsides: int = _f("Attacked from at least this many hexsides, the defender's rear armour is hit",
                            ge=2, le=6, default=5, examples=[5])
    armour_reference: float = _f("Armoured vehicles in the target hex at which every anti-armour gun finds one "
                                 "to shoot at; fewer, and only that share of the guns does (0 = always)", ge=0,
                                 default=0, examples=[100])
    small_arms_range_m: float = _f("Small arms (per 1,000 men) fire only at engagement ranges up to this",
                                   ge=0, default=600, examples=[600])
    losses: LossRules = _f("How fire turns into men killed, wounded and captured and vehicles destroyed "
                           "or damaged", default_factory=LossRules, examples=[{"reference_men": 10000}])
    armour_shock: ArmourShockRules = _f("Armour the enemy cannot stop", default_factory=ArmourShockRules,
                                        examples=[{"factor": 2, "kill_reference": 0.1}])
    bombardment: BombardmentRules = _f("Heavy guns battering fortifications", default_factory=BombardmentRules,
                                       examples=[{"heavy_he": 7, "damage_per_point": 0.0005}])


class SupplyRules(Strict):
    truck_range_mp: float = _f("How far trucks carry supply from a railhead, in movement points of the trace "
                               "class", gt=0, examples=[6])
    trace_class: MovementClass = _f("Movement class whose costs the supply trace uses", default=MovementClass.wheeled,
                                    examples=["wheeled"])
    fuel_capacity_days: float = _f("Days of fuel a unit carries when full", gt=0, examples=[3])
    ammo_capacity_days: float = _f("Days of ammunition a unit carries when full", gt=0, examples=[3])
    fuel_classes: list[MovementClass] = _f("Movement classes that burn fuel: a full day's move burns one day",
                                           examples=[["wheeled", "tracked"]])
    ammo_per_attack_days: float = _f("Ammunition an attack burns", ge=0, examples=[1])
    ammo_per_defence_days: float = _f("Ammunition defending against an attack burns", ge=0, examples=[0.5])
    no_ammo_fire: Frac = _f("Fire multiplier of a unit with no ammunition left (scales up to full at one day)",
                            examples=[0.25])
    attrition_after_turns: int = _f("Turns out of supply before men start to fall out", ge=1, examples=[3])
    attrition_per_turn: Frac = _f("Share of men lost each turn after that", examples=[0.05])
    surrender_after_turns: int = _f("Turns out of supply after which a unit surrenders", ge=1, examples=[8])
    fortress_min_level: int = _f("Fortification level whose stockpiles supply the garrison", ge=1, le=5,
                                 examples=[3])
    fortress_supply_turns: int = _f("Turns a fortress stockpile lasts once cut off", ge=0, examples=[10])
    gauge_conversion_km_per_day: float = _f("Captured track of a foreign gauge a side converts per day, in km",
                                            ge=0, examples=[30])
    food_tons_per_1000_men: float = _f("Food, fodder and stores 1,000 men need a day, in tons", ge=0,
                                       default=3, examples=[3])
    fuel_tons_per_day: dict[EquipmentKind, Annotated[float, Field(ge=0)]] = _f(
        "Tons of fuel one item of each kind burns in a full day's move (a day of fuel)", default_factory=dict,
        examples=[{"tank": 0.3, "vehicle": 0.05}])
    ammo_tons_per_day: dict[EquipmentKind, Annotated[float, Field(ge=0)]] = _f(
        "Tons of ammunition one item of each kind fires in a day of fighting (a day of ammunition)",
        default_factory=dict, examples=[{"gun": 1.0, "mortar": 0.15}])
    lorry_tons: float = _f("Tons one lorry carries", ge=0, default=3, examples=[3])
    lorry_km_per_day: float = _f("Km a loaded lorry covers a day, out and back counted as one trip: a lorry "
                                 "delivers lorry_tons x this tonne-km a day", ge=0, default=100, examples=[100])
    lorry_share: Frac = _f("Share of a combat unit's lorries that work its front's supply line (the rest "
                           "carry the unit)", default=0.3, examples=[0.3])
    transport_types: list[Id] = _f("Unit types whose lorries all work the supply line (motor transport)",
                                   default_factory=list, examples=[["motor_transport_group"]])
    default_rail_tons_per_day: float = _f("Tons a day a supply source brings when the side does not name it in "
                                          "supply_capacity", ge=0, default=2000, examples=[2000])
    beach_tons_per_day: float = _f("Tons a day a landing's beachhead receives by sea", ge=0, default=300,
                                   examples=[300])
    fallback_class: MovementClass | None = _f("Where the trace class cannot go, supply goes on with this class's "
                                              "costs (porters, carts, pack horses)", default=None,
                                              examples=["foot"])
    fallback_factor: float = _f("... at this many times that class's cost", gt=0, default=2, examples=[2])
    starving_below: Frac = _f("A unit whose lorries bring less than this share of its needs counts as cut off "
                              "(attrition, surrender)", default=0.0, examples=[0.2])
    air_supply_fuel_share: Frac = _f("Share of air-lifted tons that is fuel (the rest ammunition)",
                                     default=0.5, examples=[0.9])


class FogRules(Strict):
    sight_hexes: int = _f("How far ground units see, in hexes", ge=0, le=20, examples=[2])
    close_terrain: list[TerrainKind] = _f("Terrain where units are seen only from next door",
                                          default_factory=list, examples=[["forest", "mountains", "urban"]])
    air_recon_hexes: int = _f("How far around their base air units see", ge=0, le=50, default=0, examples=[4])


class AirRules(Strict):
    sorties_per_day: float = _f("Sorties an aircraft flies on a mission day", gt=0, examples=[2])
    interdiction_cost_mp: float = _f("Extra movement points for the enemy to enter an interdicted hex", ge=0,
                                     examples=[1])
    interdiction_radius: int = _f("Hexes around the target that interdiction covers", ge=0, le=5, examples=[1])
    patrol_radius: int = _f("Hexes around its target that an air-superiority patrol covers", ge=0, le=10,
                            examples=[2])
    transport_tons_per_sortie: float = _f("Tons a transport aircraft carries per sortie", ge=0, examples=[2])
    air_combat_rate: Frac = _f("Aircraft lost in an air battle, per unit of the enemy's share of fighting "
                               "strength (fighters x speed)", examples=[0.3])
    max_loss_fraction: Frac = _f("Most of the aircraft engaged a side can lose in one air battle", examples=[0.5])
    ground_attack_hits: Frac = _f("Share of a ground-support sortie's HE that falls on the enemy troops in the "
                                  "target hex (the rest misses, or hits what is not there)", default=1.0,
                                  examples=[0.2])


class WeatherEffect(Strict):
    move_cost_factor: ClassCosts = _f("Movement costs multiplied by this per class (mud slows wheels most)",
                                      examples=[_EX_RAIN_FACTORS])
    air_sorties_factor: Frac = _f("Sorties flown multiplied by this", examples=[0.5])


class RulesFile(Strict):
    terrain: dict[TerrainKind, TerrainRules] = _f("Effects of each terrain kind used on the map",
                                                  examples=[{"clear": {"move_cost": _EX_CLEAR_COSTS,
                                                                       "defense": 1.0, "engagement_range_m": 1000},
                                                             "forest": _EX_TERRAIN}])
    river_crossing: dict[RiverKind, ClassCosts] = _f("Extra movement points to cross a river hexside "
                                                     "(not on a road: roads have bridges)",
                                                     examples=[{"minor": {"foot": 1, "cavalry": 1, "wheeled": 2,
                                                                          "tracked": 1},
                                                                "major": {"foot": 4, "cavalry": 4, "wheeled": 8,
                                                                          "tracked": 8}}])
    road: ClassCosts = _f("Movement points per hex moving along a road", examples=[_EX_ROAD_COSTS])
    rail: ClassCosts = _f("Movement points per hex moving along a railway (not a road)",
                          examples=[_EX_CLEAR_COSTS])
    zoc: ZocRules = _f("Zones of control", default_factory=ZocRules, examples=[{"leave_cost": 2}])
    stacking: StackingRules = _f("Stacking", default_factory=StackingRules, examples=[{"max_units": 3}])
    unit_types: dict[Id, UnitType] = _f("Unit types the orders of battle refer to", min_length=1,
                                        examples=[{"rifle_division": _EX_UNIT_TYPE}])
    combat: CombatRules | None = _f("Combat rules; a scenario without them allows no attacks", default=None,
                                    examples=[_EX_COMBAT])
    supply: SupplyRules | None = _f("Supply rules; without them every unit is always supplied", default=None,
                                    examples=[_EX_SUPPLY])
    fog: FogRules | None = _f("Fog of war; without it both sides see everything", default=None,
                              examples=[_EX_FOG])
    air: AirRules | None = _f("Air missions; without them air units only count in the totals", default=None,
                              examples=[_EX_AIR])
    weather: dict[Id, WeatherEffect] = _f("Effects of each weather condition other than clear",
                                          default_factory=dict, examples=[{"rain": {
                                              "move_cost_factor": {"foot": 1.2, "cavalry": 1.3, "wheeled": 1.6,
                                                                   "tracked": 1.3}, "air_sorties_factor": 0.5}}])


# ---------------------------------------------------------------- equipment.yaml

_EX_ARMOR = {"front": 90, "side": 45, "rear": 64}
_EX_WEAPON = {"name": "85 mm ZiS-S-53", "caliber_mm": 85, "penetration": [[100, 119], [1000, 102], [2000, 86]],
              "he": 3.5, "max_range_m": 4000}
_EX_EQUIPMENT = {"id": "t34_85", "name": "T-34/85", "kind": "tank", "crew": 5, "armor": _EX_ARMOR,
                 "speed_kmh": 55, "speed_offroad_kmh": 25, "range_km": 300, "weapons": [_EX_WEAPON],
                 "source": "facts 1.2 [S17][S18][M] armour, [S20] gun"}



class Armor(Strict):
    front: float = _f("Effective (line-of-sight) armour in mm, front", ge=0, le=1000, examples=[90])
    side: float = _f("Effective armour in mm, side", ge=0, le=1000, examples=[45])
    rear: float = _f("Effective armour in mm, rear", ge=0, le=1000, examples=[64])


class WeaponDef(Strict):
    name: str = _f("Weapon name", examples=["85 mm ZiS-S-53"])
    caliber_mm: float = _f("Calibre in mm", gt=0, le=1000, examples=[85])
    penetration: list[tuple[Annotated[float, Field(ge=0)], Annotated[float, Field(ge=0)]]] = _f(
        "Armour penetration table: [range in m, mm] pairs, ranges increasing",
        default_factory=list, examples=[[[100, 120], [1000, 102], [2000, 85]]])
    he: float = _f("High-explosive / small-arms effect against soft targets, relative", ge=0, default=0,
                   examples=[3.5])
    max_range_m: int = _f("Farthest useful range in metres", ge=0, default=2000, examples=[4000])


class EquipmentDef(Strict):
    id: Id = _f("Equipment id", examples=["t34_85"])
    name: str = _f("Name shown to the player", examples=["T-34/85"])
    kind: EquipmentKind = _f("What it is: counts in the info totals and decides what can hit it",
                             examples=["tank"])
    armor: Armor | None = _f("Armour by facing; omit for soft targets", default=None, examples=[_EX_ARMOR])
    weapons: list[WeaponDef] = _f("Weapons it carries", default_factory=list, examples=[[_EX_WEAPON]])
    crew: int = _f("Men serving one of it", ge=0, default=0, examples=[5])
    speed_kmh: float | None = _f("Top speed in km/h: on roads for vehicles, in the air for aircraft",
                                 default=None, gt=0, le=2000, examples=[55])
    speed_offroad_kmh: float | None = _f("Cross-country speed in km/h", default=None, gt=0, le=200, examples=[25])
    range_km: float | None = _f("Range on one load of fuel in km (roads for vehicles)", default=None, gt=0,
                                examples=[300])
    role: str = _f("Role, for aircraft: fighter, attack, bomber, transport, recon", default="",
                   examples=["fighter"])
    source: str = _f("Where the figures come from, with the fact sheet's confidence tag", default="",
                     examples=["fact sheet 1.2 [S17][M]"])


class EquipmentFile(Strict):
    equipment: list[EquipmentDef] = _f("Equipment types", min_length=1, examples=[[_EX_EQUIPMENT]])


# ---------------------------------------------------------------- orders of battle

_EX_FORMATIONS = [{"id": "transbaikal_front", "name": "Transbaikal Front", "size": "XXXXX"},
                  {"id": "army_17", "name": "17th Army", "size": "XXXX", "parent": "transbaikal_front"}]
_EX_UNIT = {"id": "rd_209", "name": "209th Rifle Division", "type": "rifle_division", "parent": "army_17",
            "hex": [12, 43], "men": 9600, "equipment": {"gun_76mm_zis3": 44, "hmg_maxim": 100, "truck_soviet": 300},
            "experience": 1.3, "moves_from_turn": 2}



class FormationDef(Strict):
    id: Id = _f("Formation id", examples=["transbaikal_front"])
    name: str = _f("Name shown to the player", examples=["Transbaikal Front"])
    size: UnitSize = _f("Echelon: XXXXX front, XXXX army, XXX corps ...", examples=["XXXX"])
    parent: str | None = _f("Id of the formation above it", default=None, examples=["transbaikal_front"])


class UnitDef(Strict):
    id: Id = _f("Unit id, unique in the scenario", examples=["gds_5_tank_corps"])
    name: str = _f("Name shown on the counter and panels", examples=["5th Guards Tank Corps"])
    type: str = _f("Id of a unit type in the rules file", examples=["tank_corps"])
    parent: str | None = _f("Id of its formation", default=None, examples=["army_17"])
    hex: Coord
    men: int = _f("Men", ge=0, le=1_000_000, examples=[9000])
    equipment: dict[str, NonNeg] = _f("Equipment id -> count", default_factory=dict,
                                      examples=[{"t34_85": 200, "truck": 600}])
    experience: float = _f("Training and experience, 0.5 (green) to 1.5 (elite)", ge=0.1, le=3, default=1.0,
                           examples=[1.3])
    arrives: int | None = _f("Turn on which the unit enters the map at its hex (a reinforcement); omit for "
                             "units on the map from the start", default=None, ge=1, examples=[4])
    moves_from_turn: int = _f("First turn on which the unit may move or attack (e.g. 2 for main forces that "
                              "follow the night assault teams)", default=1, ge=1, examples=[2])


class OrderOfBattleFile(Strict):
    side: str = _f("Side id these formations belong to", examples=["soviet"])
    formations: list[FormationDef] = _f("Headquarters above the units (fronts, armies, corps)",
                                        default_factory=list, examples=[_EX_FORMATIONS])
    units: list[UnitDef] = _f("Units on the map", default_factory=list, examples=[[_EX_UNIT]])


FILE_MODELS: dict[str, type[Strict]] = {
    "scenario": ScenarioFile,
    "map": MapFile,
    "rules": RulesFile,
    "equipment": EquipmentFile,
    "oob": OrderOfBattleFile,
}
