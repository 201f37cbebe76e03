"""The AI's own tuning weights, one set per difficulty level.

These are not game rules (those live in the scenario's YAML): they say how the computer player
weighs what it knows — an enemy man lost against one of its own, a step toward an objective
against a night out of supply. Levels differ in decisions, not in dice: ``easy`` attacks at
worse odds, does not plan encirclements, strays out of supply, makes no landings, flies no air
missions but ground support, blows no bridges and varies its plans most; ``hard`` weighs men as normal does but plans
better: more attack groups searched, a third wave to exploit the holes, terrain weighed more where
it is threatened, less random variety, goals handed out by the phases each unit needs along its
roads (``travel_costs``), a look-ahead that rehearses each phase in other styles against the
enemy's reply (``styles``; a defender's "steady" style also expects enemy fire next to ground it
cannot see), and, on the defensive, the road or railway under every rearguard the enemy can attack
next phase blown, not only under those it outguns (``defender_demolish_odds``).

Measured (seeds 3000-3009, the Soviet normal AI against the Japanese normal one): handing out goals
by road travel raised the Soviet margin from +84.7 to +96.1 VP (better on 8 of 10); for Japan it
did nothing (-84.7 against -89.3, 5 of 10): a defender's units stand near their goals. Expecting
fire in the fog cost the Soviet hard player about 11 VP a game (+95.8 without it against +84.7
for normal, 9 of 10; with it hard was no better than normal), so only the defender's style keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Difficulty:
    """Weights and switches of one difficulty level (see the module docstring)."""

    name: str
    waves: int = 2  # plan -> move -> attack rounds per phase; later waves exploit the holes
    seal_retreats: bool = True  # place units on the defender's escape hexes before attacking
    max_attackers: int = 9  # units in one attack (3 hexes x 3 stacked is the usual maximum)
    candidates_per_target: int = 10  # units considered for one attack
    min_attack_value: float = 0.0  # attacks whose expected value is below this are not made
    loss_weight: float = 1.6  # one own man lost weighs this many enemy men lost
    armor_weight: float = 25.0  # men-equivalent of one armoured vehicle lost
    take_weight: float = 400.0  # men-equivalent of one VP of place taken by the attack
    capture_weight: float = 30.0  # move score per VP of a place the move takes
    goal_weight: float = 6.0  # move score per unit-turn of progress toward the unit's goal
    hold_weight: float = 6.0  # move score per VP of an own objective the unit garrisons
    supply_weight: float = 4.0  # move score lost per hex beyond supply
    oos_slack: int = 0  # turns out of supply accepted beyond the last one free of attrition
    stand_fast_vp: float = 5.0  # outmatched, the garrison of a place worth this many VP stays even cut off (0: never)
    garrison_vp: float = 8.0  # outmatched, units standing in an own place worth this many VP keep it (0: forts only)
    danger_weight: float = 3.0  # move score lost per unit of (threat / own strength)
    defense_weight: float = 1.5  # move score per unit of terrain x fortification defence when threatened
    fog_caution: float = 0.0  # assumed enemy fire near unseen enemy ground, in typical enemy units
    use_air: bool = True  # interdiction, patrols and air supply (ground support is always flown)
    support_gain_min: float = 150.0  # men: a ground-support mission worth less is better spent elsewhere
    landings: bool = True
    landing_gather_turns: int = 3  # units start for an operation's ports this many turns before it opens
    port_value: float = 12.0  # goal value of holding a port for a unit picked for a landing
    variety: float = 0.1  # goal utilities are scaled by a random factor within +-this (seeded: see view)
    tie_break: float = 0.05  # random move-score noise, below any real difference: picks among equal hexes
    redoubt_weight: float = 2.0  # a redoubt place's goal value, as a multiple of its VP weight
    redoubt_demand: float = 0.3  # firepower a redoubt place wants, in typical units per point of goal value
    demolitions: bool = True  # a rearguard blows the road or railway it stands on when the hex will be lost
    demolish_odds: float = 1.0  # "will be lost": enemy fire that can reach it next phase over own fire there
    defender_demolish_odds: float | None = None  # demolish_odds on the defensive (planner.defending); None: the same
    travel_costs: bool = False  # goals handed out by the phases needed along the roads, not by hex distance
    styles: tuple[str, ...] = ()  # other ways to play a phase (``STYLES``) rehearsed against the reply (lookahead)
    follow_up: bool = False  # the rehearsal also plays the side's next phase (lookahead.rehearse; ~+45% a hard turn)


# Ways of playing a phase the look-ahead (game/ai/lookahead.py) tries beside the level's own weights,
# each with the posture it suits (None: any). Pushing harder is rehearsed by attacker and defender
# alike; holding tighter only by a defender (an attacker that holds back gains nothing in one phase).
# Measured (10 seeds each, hard against normal): a defender offered only "steady" did worse than one
# offered "bold" as well (2 of 10 against 4 of 10) — its rehearsal sees only the attackers in sight.
STYLES: dict[str, tuple[str | None, dict[str, object]]] = {
    # push: accept losses for ground, no fear of what the fog may hold
    "bold": (None, {"loss_weight": 1.0, "take_weight": 600.0, "capture_weight": 45.0,
                    "danger_weight": 1.5, "fog_caution": 0.0}),
    # hold: terrain, garrisons and safety first, attack only at good odds
    "steady": ("defending", {"loss_weight": 2.4, "defense_weight": 3.0, "hold_weight": 10.0,
                             "danger_weight": 5.0, "fog_caution": 0.5}),
}


LEVELS: dict[str, Difficulty] = {
    "easy": Difficulty("easy", waves=1, seal_retreats=False, candidates_per_target=4, max_attackers=4,
                       loss_weight=0.7, supply_weight=1.0, oos_slack=3, danger_weight=0.5, use_air=False,
                       landings=False, variety=0.25, demolitions=False),
    "normal": Difficulty("normal"),
    "hard": Difficulty("hard", waves=3, candidates_per_target=14, defense_weight=2.0, variety=0.05,
                       travel_costs=True, styles=("bold", "steady"), defender_demolish_odds=0.0),
}


def level(name: str) -> Difficulty:
    """The named level; raises KeyError with the choices when unknown."""
    if name not in LEVELS:
        raise KeyError(f"unknown difficulty '{name}' (levels: {', '.join(LEVELS)})")
    return LEVELS[name]


def tuned(base: Difficulty, **changes: object) -> Difficulty:
    """A copy of a level with some weights changed (for experiments and tests)."""
    return replace(base, **changes)  # type: ignore[arg-type]
