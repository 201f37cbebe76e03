"""The AI player: plans on its side's view, gives orders through the game, re-plans after surprises.

A phase runs in waves (``Difficulty.waves``). Each wave plans attacks on a fresh view — groups,
the hexes they attack from and ground support — moves the attackers into place, flies the
support and attacks; then, on a new view that shows what the dice did, it moves every unit that
still has movement points: forward into the holes, back into supply, into the garrisons. The
first wave also makes the scenario's landings and flies supplies to cut-off units; the last
sends the remaining aircraft on patrol, defensive support or interdiction.

Everything is decided by pure functions of a view (``plan_phase`` shows the whole decision for
a phase as a list of orders), and every order is checked before it is given: moves planned on
one view are re-checked on the current one once a move has run into hidden enemies or revealed
new ones, attacks lose the units that can no longer join and are re-previewed, and air missions
and landings are tried on a throwaway copy of the view first. The AI never has an order refused.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.ai import airpower, attacks, demolitions, goals, landings, lookahead, maneuver
from game.ai.config import LEVELS, Difficulty
from game.ai.situation import NO_REPORTS, Reports, Situation, phase_reports
from game.core import engine, memo
from game.core.events import Event, Moved
from game.core.game import Game
from game.core.nearby import Box, box_around, units_in_box
from game.core.orders import Attack, Demolish, EndPhase, IllegalOrder, Landing, Move, Order
from game.core.rules import battle
from game.core.rules.movement import MoveRange, enemy_occupied, movement_range, movement_ranges, reach_radius
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.core.view import blank_hidden, positions_seen, view, visible, visible_at


def sanitized_view(state: GameState, side: int) -> GameState:
    """The side's view: the core empties hidden enemy units and replaces the dice."""
    return view(state, side)


sanitize = blank_hidden  # re-blank a scratch copy of a view the planner has changed


def own_ranges(sit: Situation) -> dict[int, MoveRange]:
    return {mr.unit: mr for mr in movement_ranges(sit.state, sit.movers)} if sit.movers else {}


# ------------------------------------------------------------------ plans (pure functions of a view)


def plan_opening(v: GameState, cfg: Difficulty, reports: Reports = NO_REPORTS) -> list[Order]:
    """Landings and air supply, made before anything moves."""
    sit = Situation(v, v.side, cfg, reports)
    orders: list[Order] = list(landings.plan_landings(sit))
    if cfg.use_air:
        air = airpower.AirPlanner(sit)
        air.air_supply()
        orders += air.orders
    return orders


def plan_strike(v: GameState, cfg: Difficulty, reports: Reports = NO_REPORTS) -> list[Order]:
    """Moves into attack positions, ground support, then the attacks, best first."""
    sit = Situation(v, v.side, cfg, reports)
    if sit.scn.combat is None:
        return []
    ranges = own_ranges(sit)
    planned, planner = attacks.plan_attacks(sit, ranges)
    air = airpower.AirPlanner(sit)
    air.support(planned, planner)
    moves: list[Order] = []
    for a in planned:
        for u in a.units:
            if a.positions[u] != int(v.unit_hex[u]):
                moves.append(Move(sit.scn.units[u].id, sit.grid.hex_at(a.positions[u])))
    hits: list[Order] = [a.order(v) for a in sorted(planned, key=lambda a: -a.value)]
    return moves + list(air.orders) + hits


def plan_maneuver(v: GameState, cfg: Difficulty, reports: Reports = NO_REPORTS) -> list[Order]:
    """Moves of every unit that can still move: toward goals, into supply, into garrisons; the
    units near the enemy on their own ground blow their road or railway first (``demolitions``)."""
    sit = Situation(v, v.side, cfg, reports)
    units = [u for u in sit.movers if not v.unit_attacked[u]]
    if not units:
        return []
    ranges = {mr.unit: mr for mr in movement_ranges(v, units)}
    assigned = goals.assign(sit, goals.side_goals(sit), units)
    assigned.update(landings.gathering_goals(sit))
    moves = maneuver.plan_moves(sit, ranges, assigned, units)
    on_defensive = cfg.defender_demolish_odds is not None and defending(sit)  # the sums only where they matter
    return demolitions.with_demolitions(sit, ranges, units, moves, on_defensive)


def plan_closing(v: GameState, cfg: Difficulty, reports: Reports = NO_REPORTS) -> list[Order]:
    """What the aircraft still on the ground do at the end of the phase."""
    if not cfg.use_air:
        return []
    sit = Situation(v, v.side, cfg, reports)
    air = airpower.AirPlanner(sit)
    air.patrols(1.0)
    if defending(sit):
        air.defend()
    air.interdict()
    return list(air.orders)


def defending(sit: Situation) -> bool:
    """The side is on the defensive: weaker than the enemy it can see, or holding most of its objectives.

    A defender's spare strike aircraft support its threatened hexes (they join any fight there);
    an attacker's go after the enemy's reserves instead.
    """
    if sit.outmatched:
        return True
    scn = sit.scn
    wanted = set(scn.sides[sit.side].objectives)
    held = lost = 0.0
    for p in scn.map.places:
        if (p.id in wanted) if wanted else p.vp > 0:
            if sit.state.control[sit.grid.index(p.hex)] == sit.side:
                held += p.vp
            else:
                lost += p.vp
    return held > lost


def plan_phase(v: GameState, cfg: Difficulty | None = None) -> list[Order]:
    """The whole phase as the AI would play it if nothing surprised it, decided on the view ``v``.

    Orders are carried out by the engine on a copy of the view as they are planned — the game's
    own rules, with the view's stand-in dice (``view`` replaces the RNG), so attacks resolve as
    one plausible outcome the side cannot tell from the real one — and the list is what the AI
    decides before any real dice.
    """
    return [*plan_on(sanitize(v, v.side), cfg or LEVELS["normal"]), EndPhase()]


def plan_on(scratch: GameState, cfg: Difficulty) -> list[Order]:
    """``plan_phase`` carried out on ``scratch`` (a blanked view, changed in place) without its
    EndPhase: the look-ahead reads the position the plan leaves."""
    side = scratch.side
    known = phase_reports(scratch, side)
    out: list[Order] = []
    for stage in (plan_opening, plan_strike, plan_maneuver, plan_closing):
        for order in stage(sanitize(scratch, side), cfg, known):
            try:
                engine.apply(scratch, order)
            except IllegalOrder:
                continue  # an earlier order of the stage (an attack's retreat) took its place
            out.append(order)
    return out


# ------------------------------------------------------------------ playing a phase


class Executor:
    """Gives planned orders to the game, checking each against what the side sees now."""

    def __init__(self, game: Game, side: int):
        self.game = game
        self.side = side
        self.events: list[Event] = []
        self.acted = 0

    @property
    def state(self) -> GameState:
        return self.game.state

    def _seen_enemies(self, box: Box | None = None) -> frozenset[tuple[int, int]]:
        """(unit, hex) of every enemy ground unit the side sees now (in ``box`` only, if given): what its
        view shows, read through ``visible_at`` rather than a whole ``view`` after every move."""
        st = self.state
        scn = st.scenario
        if box is None:
            on = np.flatnonzero((scn.unit_side != self.side) & (st.unit_hex != OFF_MAP) & scn.unit_ground)
        else:
            near = units_in_box(st, box)
            on = near[(scn.unit_side[near] != self.side) & scn.unit_ground[near]]
        on = on[visible_at(st, self.side, st.unit_hex[on])]  # around the enemy units only, not the whole map
        return frozenset((int(u), int(st.unit_hex[u])) for u in on)

    def _revealed_by(self, moved: Moved) -> Box:
        """Where a move can have brought enemies into sight: the hexes it took (they become the side's)
        and those within sight of its path. Elsewhere the side sees no more than before: a move changes
        the mover's hex and the control of its path, nothing else (enemies stand still)."""
        grid = self.state.scenario.map.grid
        fog = self.state.scenario.fog
        reach = max(fog.sight_hexes, fog.air_recon_hexes) if fog else 0  # an air unit's rebasing sees farther
        return box_around(grid, [grid.index(h) for h in moved.path], max(reach, 1))

    def play(self, order: Order) -> list[Event]:
        events = self.game.play(order)
        self.events += events
        self.acted += 1
        return events

    def run(self, orders: list[Order], cfg: Difficulty) -> None:
        """Play a batch planned on one view, in order."""
        known = self._seen_enemies()
        starts = {o.unit: int(self.state.unit_hex[self.state.scenario.unit_index[o.unit]])
                  for o in orders if isinstance(o, Move)}
        dirty = False
        only_moves = True  # nothing but moves since the side saw no more than ``known``
        for order in orders:
            if self.state.game_over:
                return
            if isinstance(order, Move):
                if not self._move_ok(order, starts, dirty):
                    continue
                events = self.play(order)
                if any(isinstance(e, Moved) and e.contact for e in events):
                    dirty = True
                elif not dirty:  # after moves alone, only enemies near the last one can be new in sight
                    moved = next(e for e in events if isinstance(e, Moved))
                    now = self._seen_enemies(self._revealed_by(moved) if only_moves else None)
                    dirty = not now <= known
                    only_moves = True
            elif isinstance(order, Attack):
                self._attack(order, cfg)
                only_moves = False
            elif self._dry_run_ok(order):
                self.play(order)
                only_moves = False
                dirty = dirty or isinstance(order, Demolish)  # a wreck makes paths dearer: check reach again

    def _move_ok(self, order: Move, starts: dict[str, int], dirty: bool) -> bool:
        """The move still makes sense: the unit's own facts (which the view holds exactly) and, once
        something was revealed, its reach on the current view."""
        st = self.state
        scn = st.scenario
        u = scn.unit_index[order.unit]
        if st.unit_hex[u] == OFF_MAP or not engine.may_move(st, u) or st.unit_mp[u] <= 0:
            return False
        to = scn.map.grid.index(order.to)
        if to == st.unit_hex[u]:
            return False
        if not dirty and st.unit_hex[u] == starts.get(order.unit):
            there = st.units_at(to)  # occupancy at `to` only
            standing = np.count_nonzero((scn.unit_side[there] == self.side) & scn.unit_ground[there])
            return bool(standing < scn.movement.stack_max)
        seen = positions_seen(st, self.side, int(st.unit_hex[u]), reach_radius(st, u) + 2)  # the view near u
        return movement_range(seen, u).can_end_at(to)

    def _dry_run_ok(self, order: Order) -> bool:
        """Try an air mission or a landing on a throwaway copy of the view first."""
        v = view(self.state, self.side)
        if isinstance(order, Landing):
            to = v.scenario.map.grid.index(order.to)
            if not visible(self.state, self.side)[to]:
                return False
        try:
            engine.apply(v, order)
        except IllegalOrder:
            return False
        return True

    def _attack(self, order: Attack, cfg: Difficulty) -> None:
        """Attack with the named units that can still join, if the preview still favours it.

        Earlier attacks move things: a defender retreats into the next target, an attacker
        advances or is spent. Units that can no longer join are dropped, and an attack that
        lost some of its units or no longer promises a retreat is valued again before it goes in.
        """
        v = sanitized_view(self.state, self.side)
        scn = v.scenario
        grid = scn.map.grid
        if not grid.contains(order.target):
            return
        target = grid.index(order.target)
        if not enemy_occupied(v, self.side)[target]:
            return
        ok = [uid for uid in order.units if self._can_join(v, scn.unit_index[uid], target)]
        if not ok:
            return
        attack = Attack(tuple(ok), order.target)
        try:
            battle.attackers_of(v, attack)
            pv = battle.preview(v, attack, detail=False)
        except IllegalOrder:
            return
        if len(ok) < len(order.units) or pv.likely_result != "defender retreats":
            planner = attacks.Planner(Situation(v, self.side, cfg), {})
            if planner.value(target, [scn.unit_index[u] for u in ok])[0] <= cfg.min_attack_value:
                return
        self.play(attack)

    @staticmethod
    def _can_join(v: GameState, u: int, target: int) -> bool:
        return battle.why_unit_cannot_attack(v, u, target) is None


def play_phase(game: Game, cfg: Difficulty) -> list[Event]:
    """One whole phase for the side to move, ended with EndPhase. The rules' answers are kept while it
    runs (``memo.kept``): its rehearsals and the engine's checks of its orders ask the same questions."""
    with memo.kept():
        return _play_phase(game, cfg)


def _play_phase(game: Game, cfg: Difficulty) -> list[Event]:
    side = game.state.side
    cfg = lookahead.choose(game.state, side, cfg)
    ex = Executor(game, side)
    first = sanitized_view(game.state, side)
    known = phase_reports(first, side)
    ex.run(plan_opening(first, cfg, known), cfg)
    for _ in range(max(1, cfg.waves)):
        before = ex.acted
        ex.run(plan_strike(sanitized_view(game.state, side), cfg, known), cfg)
        ex.run(plan_maneuver(sanitized_view(game.state, side), cfg, known), cfg)
        if ex.acted == before or game.state.game_over:
            break
    if not game.state.game_over:
        ex.run(plan_closing(sanitized_view(game.state, side), cfg, known), cfg)
    if not game.state.game_over and game.state.side == side:
        ex.play(EndPhase())
    return ex.events


def ai_player(cfg: Difficulty | str = "normal") -> Callable[[Game], list[Event]]:
    """A Player (``Callable[[Game], list[Event]]``) at the given difficulty."""
    level = LEVELS[cfg] if isinstance(cfg, str) else cfg

    def player(game: Game) -> list[Event]:
        return play_phase(game, level)

    player.__name__ = f"ai_{level.name}"
    return player
