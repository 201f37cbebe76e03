"""Pydantic models of every scenario file; the JSON Schema is generated from them.

One model per file kind (scenario, map, rules, equipment, order of battle). Unknown keys are
forbidden so a typo such as ``mens:`` is reported, and every field carries a description
that the editor shows while typing. Checks that need more than one value at a time (a row's
length, a reference to an id, a coordinate on the map) live in ``checks.py``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from game.scenario.rules_sections import (
    _EX_AIR,
    _EX_CLEAR_COSTS,
    _EX_COMBAT,
    _EX_DEMOLITION,
    _EX_FOG,
    _EX_FOREST_COSTS,
    _EX_ROAD_COSTS,
    _EX_SUPPLY,
    _EX_TERRAIN,
    _EX_UNIT_TYPE,
    AirRules,
    ClassCosts,
    CombatRules,
    DemolitionRules,
    FogRules,
    SupplyRules,
    WeatherEffect,
)
from game.scenario.schema_base import (
    Coord,
    Cost,
    EquipmentKind,
    Id,
    MovementClass,
    NonNeg,
    RiverKind,
    Side6,
    Strict,
    TerrainKind,
    UnitSize,
    UnitSymbol,
    _f,
)

FORMAT_VERSION = 1


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
    redoubt: list[str] = _f("Place ids the side's main body falls back to (its computer player weighs them "
                            "double and garrisons them strongly once the enemy comes near)",
                            default_factory=list, examples=[["changchun", "shenyang", "tonghua"]])
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
    demolition: DemolitionRules | None = _f("Demolitions of bridges and track; without them no unit can wreck "
                                            "its hex", default=None, examples=[_EX_DEMOLITION])
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
