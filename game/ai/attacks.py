"""Attack planning: which enemy hexes to hit, with whom, from where — scored with the combat preview.

For every enemy hex the side can see, units that can reach a hex next to it with movement points
to spare are added one at a time, each where it helps most: first on the defender's escape hexes
(a defender that must retreat and cannot surrenders whole — encirclement pays far better than a
push), then wherever the preview says the attack gains. A group is kept only while the preview's
expected outcome improves, so armour joins where its guns penetrate and the enemy's cannot, and
stays out of forest and towns where assault teams would burn it. The best attacks are taken
first; units and hexes they use are gone for the rest.

Value is in men: enemy men and armour expected lost (all of the defender when it cannot escape),
minus own losses weighted by ``loss_weight``, plus the VP of a place the attack should take.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from game.ai.situation import Situation
from game.core.orders import Attack
from game.core.rules import battle
from game.core.rules.battle import CombatPreview
from game.core.rules.movement import MoveRange
from game.core.state import GameState

EPS = 1e-3


@dataclass
class PlannedAttack:
    target: int
    units: list[int]
    positions: dict[int, int]  # unit -> hex it attacks from (its own hex when it need not move)
    value: float
    preview: CombatPreview
    surrender: bool = False  # the defender is expected to have nowhere to go
    support: list[int] = field(default_factory=list)  # air units flying ground support

    def order(self, state: GameState) -> Attack:
        scn = state.scenario
        return Attack(tuple(scn.units[u].id for u in self.units), scn.map.grid.hex_at(self.target))


class Planner:
    """Builds attack groups on a scratch copy of the view, where trial positions are set."""

    def __init__(self, sit: Situation, ranges: dict[int, MoveRange]):
        self.sit = sit
        self.ranges = ranges
        self.scratch = sit.state.clone()
        self.occ = sit.occupancy.copy()  # own units per hex, as planned
        self.used: set[int] = set()
        scn = sit.scn
        self.armored_ids = {e.id for e, a in zip(scn.equipment, scn.weapon_table.armored, strict=True) if a} \
            if scn.combat else set()
        self.rules = scn.combat
        self._near = self._movers_near()

    def _movers_near(self) -> dict[int, list[int]]:
        """hex -> the movers that stand on it or reach it with movement points to spare (a superset of
        those ``positions`` accepts there). Why: ``group`` asks about every mover for every target, and
        most of them are nowhere near it; this index makes that one dict look-up per neighbour hex."""
        st = self.sit.state
        hexes: list[np.ndarray] = []
        units: list[np.ndarray] = []
        for u in self.sit.movers:
            u = int(u)
            mr = self.ranges.get(u)
            here = np.array([int(st.unit_hex[u])], dtype=np.int64)
            reach = here if mr is None else np.union1d(here, mr.reach_below(float(st.unit_mp[u])))
            hexes.append(reach)
            units.append(np.full(reach.size, u, dtype=np.int64))
        out: dict[int, list[int]] = {}
        if hexes:
            for h, u in zip(np.concatenate(hexes).tolist(), np.concatenate(units).tolist(), strict=True):
                out.setdefault(h, []).append(u)
        return out

    # ---------------------------------------------------------------- candidates

    def positions(self, u: int, target: int) -> list[tuple[int, float]]:
        """Hexes next to ``target`` the unit can attack from, with the movement they cost."""
        mr = self.ranges.get(u)
        st = self.sit.state
        start = int(st.unit_hex[u])
        out = []
        for p in self.sit.nbr[target]:
            p = int(p)
            if p < 0:
                continue
            if p == start:
                out.append((p, 0.0))
                continue
            cost = np.inf if mr is None else float(mr.cost_at(p))
            if mr is None or self.sit.enemy_occupied[p] or not np.isfinite(cost):
                continue
            if self.occ[p] >= self.sit.stack_max or cost >= st.unit_mp[u] - EPS:
                continue
            out.append((p, cost))
        if out and self.sit.scn.supply is not None:  # never attack from where the unit could not get back
            hexes = np.array([p for p, _ in out])
            _, too_far = self.sit.overreach(u, hexes, np.array([c for _, c in out]))
            out = [pc for pc, bad in zip(out, too_far, strict=True) if not bad]
        return out

    def escapes(self, target: int) -> set[int]:
        """Hexes the defenders of ``target`` could retreat into, given the planned positions."""
        sit = self.sit
        scn = sit.scn
        st = self.scratch
        defenders = [int(u) for u in sit.enemy if st.unit_hex[u] == target]
        if not defenders:
            return set()
        def_side = int(scn.unit_side[defenders[0]])
        theirs = st.occupancy(def_side)
        mine = self.occ > 0
        out: set[int] = set()
        for d, n in enumerate(sit.nbr[target]):
            n = int(n)
            if n < 0 or mine[n] or theirs[n] >= sit.stack_max:
                continue
            if not any(np.isfinite(scn.movement.edge_costs(scn.map, int(scn.unit_class[u]))[target, d])
                       for u in defenders):
                continue
            ring = sit.nbr[n]
            if theirs[n] == 0 and mine[ring[ring >= 0]].any():
                continue  # our zone of control closes it
            out.add(n)
        return out

    # ---------------------------------------------------------------- scoring

    def value(self, target: int, units: list[int]) -> tuple[float, CombatPreview, bool]:
        """Expected value in men of attacking ``target`` with ``units`` at their scratch positions."""
        cfg = self.sit.cfg
        st = self.scratch
        scn = self.sit.scn
        attack = Attack(tuple(scn.units[u].id for u in units), self.sit.grid.hex_at(target))
        spent = st.unit_attacked[units].copy()  # committed groups are marked; a re-valuation needs them free
        st.unit_attacked[units] = False
        try:
            pv = battle.preview(st, attack, detail=False)
        finally:
            st.unit_attacked[units] = spent
        assert self.rules is not None
        r = self.rules
        margin = min(pv.defender_loss_fraction - r.retreat_loss_fraction,
                     pv.defender_loss_fraction - r.retreat_advantage * pv.attacker_loss_fraction)
        p_retreat = 1.0 / (1.0 + math.exp(-margin / 0.02))
        defenders = [int(u) for u in self.sit.enemy if st.unit_hex[u] == target]
        def_men = float(st.unit_men[defenders].sum())
        def_armour = float(self.sit.armour[defenders].sum())
        d_men = pv.defender_losses.get("men", 0.0)
        d_arm = sum(v for k, v in pv.defender_losses.items() if k in self.armored_ids)
        a_men = pv.attacker_losses.get("men", 0.0)
        a_arm = sum(v for k, v in pv.attacker_losses.items() if k in self.armored_ids)
        trapped = not self.escapes(target)
        gain = d_men + cfg.armor_weight * d_arm
        if trapped:
            gain += p_retreat * ((def_men - d_men) + cfg.armor_weight * (def_armour - d_arm))
        else:  # a defender pushed out of its hex loses its position and its supply may follow
            gain += p_retreat * 0.1 * (def_men - d_men)
        if st.control[target] != self.sit.side:
            gain += p_retreat * cfg.take_weight * self.sit.place_vp[target]
        cost = cfg.loss_weight * (a_men + cfg.armor_weight * a_arm)
        return gain - cost, pv, trapped and p_retreat > 0.5

    # ---------------------------------------------------------------- groups

    def _place(self, u: int, p: int, cost: float) -> tuple[int, float]:
        st = self.scratch
        old = (int(st.unit_hex[u]), float(st.unit_mp[u]))
        self.occ[old[0]] -= 1
        self.occ[p] += 1
        st.unit_hex[u] = p
        st.unit_mp[u] = old[1] - cost
        return old

    def _unplace(self, u: int, old: tuple[int, float]) -> None:
        st = self.scratch
        self.occ[int(st.unit_hex[u])] -= 1
        self.occ[old[0]] += 1
        st.unit_hex[u] = old[0]
        st.unit_mp[u] = old[1]

    def group(self, target: int) -> PlannedAttack | None:
        """The best group this planner can find for one target (positions left unplaced)."""
        sit = self.sit
        cfg = sit.cfg
        cands: list[tuple[float, int, list[tuple[int, float]]]] = []
        near = sorted({u for p in sit.nbr[target] if p >= 0 for u in self._near.get(int(p), ())})
        for u in near:
            if u in self.used or self.scratch.unit_attacked[u]:
                continue
            pos = self.positions(u, target)
            if pos:
                cands.append((-sit.power[u] - 0.01 * sit.armour[u], u, pos))
        if not cands:
            return None
        cands.sort()
        cands = cands[: cfg.candidates_per_target]
        chosen: list[int] = []
        placed: dict[int, tuple[int, float]] = {}
        positions: dict[int, int] = {}
        best: tuple[float, CombatPreview, bool] | None = None
        for _, u, pos in cands:
            if len(chosen) >= cfg.max_attackers:
                break
            p, c = self._choose(u, target, pos)
            if p is None:
                continue
            old = self._place(u, p, c)
            trial = self.value(target, [*chosen, u])
            if best is None or trial[0] > best[0] + 1.0:
                chosen.append(u)
                placed[u] = old
                positions[u] = p
                best = trial
            else:
                self._unplace(u, old)
        for u in reversed(chosen):
            self._unplace(u, placed[u])
        if best is None or not chosen or best[0] <= cfg.min_attack_value:
            return None
        return PlannedAttack(target, chosen, positions, best[0], best[1], best[2])

    def _choose(self, u: int, target: int, pos: list[tuple[int, float]]) -> tuple[int | None, float]:
        """Where the unit should attack from: its own hex, else the hex closing most escapes."""
        start = int(self.scratch.unit_hex[u])
        free = [(p, c) for p, c in pos if p == start or self.occ[p] < self.sit.stack_max]
        if not free:
            return None, 0.0
        if any(p == start for p, _ in free):
            return start, 0.0
        if not self.sit.cfg.seal_retreats:
            p, c = min(free, key=lambda pc: (self._river(pc[0], target), pc[1], pc[0]))
            return p, c
        before = self.escapes(target)
        scored = []
        for p, c in free:
            closes = len(before & ({p} | {int(n) for n in self.sit.nbr[p] if n >= 0})) if before else 0
            scored.append((-closes, self._river(p, target), c, p))
        _, _, c, p = min(scored)
        return p, c

    def _river(self, p: int, target: int) -> int:
        d = np.flatnonzero(self.sit.nbr[target] == p)
        return int(self.sit.scn.map.river[target, d[0]]) if d.size else 0

    def commit(self, plan: PlannedAttack) -> None:
        """Reserve a chosen attack's units and hexes, and leave them in place on the scratch."""
        for u in plan.units:
            self.used.add(u)
            p = plan.positions[u]
            cost = 0.0 if p == int(self.scratch.unit_hex[u]) else float(self.ranges[u].cost_at(p))
            self._place(u, p, cost)
            self.scratch.unit_attacked[u] = True


def plan_attacks(sit: Situation, ranges: dict[int, MoveRange]) -> tuple[list[PlannedAttack], Planner]:
    """The side's attacks for now, best first; each with the positions its units attack from."""
    if sit.scn.combat is None or not sit.enemy.size:
        return [], Planner(sit, ranges)
    planner = Planner(sit, ranges)
    targets = np.unique(sit.state.unit_hex[sit.enemy])
    reach = _reachable_targets(sit, ranges, targets)
    groups = {int(t): planner.group(int(t)) for t in reach}
    chosen: list[PlannedAttack] = []
    while groups:
        t, g = max(((t, g) for t, g in groups.items() if g is not None), key=lambda tg: (tg[1].value, -tg[0]),
                   default=(None, None))
        if t is None or g is None:
            break
        stale = any(u in planner.used for u in g.units) or any(
            planner.occ[p] >= sit.stack_max for u, p in g.positions.items() if p != int(planner.scratch.unit_hex[u]))
        if stale:
            groups[t] = planner.group(t)
            continue
        del groups[t]
        planner.commit(g)
        chosen.append(g)
        for other, og in groups.items():  # attacks next door see the new positions (flanks, escapes)
            if other in {int(n) for n in sit.nbr[t] if n >= 0} or any(
                    u in planner.used for u in (og.units if og else [])):
                groups[other] = planner.group(other)
    return chosen, planner


def _reachable_targets(sit: Situation, ranges: dict[int, MoveRange], targets: np.ndarray) -> list[int]:
    """Enemy hexes at least one mover could attack this phase."""
    near = np.zeros(sit.n, dtype=bool)
    for u in sit.movers:
        mr = ranges.get(u)
        if mr is None:
            continue
        near[mr.reach_below(sit.state.unit_mp[u] - EPS)] = True
        near[mr.start] = True
    ring = sit.nbr[targets]
    ok = ((ring >= 0) & near[np.maximum(ring, 0)]).any(axis=1)
    return [int(t) for t in targets[ok]]
