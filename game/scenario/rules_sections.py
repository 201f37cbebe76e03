"""The rules file's sections beyond movement: combat, losses, supply, fog, air, demolitions and weather.

Split from ``schema.py`` (the file models) by responsibility: these are the numbers of the game's
mechanisms, each field with the description and example the editor and the format guide show.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from game.scenario.schema_base import Cost, EquipmentKind, Frac, Id, MovementClass, RiverKind, Strict, TerrainKind, _f

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
              "shots_per_weapon": 4, "penetration_spread": 0.1, "kill_given_penetration": 0.7, "at_focus": 0.8,
              "he_casualties_per_point": 0.5, "small_arms_casualties_per_1000": 6, "soft_equipment_loss": 0.8,
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
    strength_estimate_step: Frac = _f("Seen enemy units show their men and equipment rounded to this share of "
                                      "their establishment (0: exact)", default=0.1, examples=[0.1])


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


_EX_DEMOLITION = {"entry_cost": {"foot": 1, "cavalry": 1, "wheeled": 4, "tracked": 4}, "mp_share": 0.5,
                  "repair_days": 2}


class DemolitionRules(Strict):
    entry_cost: ClassCosts = _f("Extra movement points to enter a hex whose bridges and track are wrecked, by "
                                "class (null: that class cannot enter it until it is repaired); where its road or "
                                "railway crossed a river, that river's crossing cost is added (the bridge is "
                                "gone); the supply trace pays its class's", examples=[_EX_DEMOLITION["entry_cost"]])
    mp_share: Frac = _f("Share of a unit's movement allowance that laying the charges takes (the rest it may "
                        "still move)", examples=[0.5])
    repair_days: int = _f("Days another side's engineers need to repair a wreck: days it holds the hex, or has "
                          "troops in it or next to it while the wrecker has none in it", ge=1, le=60, examples=[2])


class WeatherEffect(Strict):
    move_cost_factor: ClassCosts = _f("Movement costs multiplied by this per class (mud slows wheels most)",
                                      examples=[_EX_RAIN_FACTORS])
    air_sorties_factor: Frac = _f("Sorties flown multiplied by this", examples=[0.5])
