"""Air missions: ground support where the preview says it pays most, then supply, patrols, interdiction.

Every air unit flies one mission a turn within its radius. Ground support goes first, to the
planned attacks where adding the unit raises the attack's expected value most (the preview counts
aircraft like guns). Transports fly fuel and ammunition to cut-off or dry units, the neediest hex
first. Fighters that found no attack worth joining patrol over the own hexes the enemy can hit
hardest next turn — where his ground support will fly. Attack aircraft and bombers left over
support the defence of the most threatened valuable hexes (the side on the defensive) or
interdict the roads around the strongest enemy groups near the front.
"""

from __future__ import annotations

import numpy as np

from game.ai.attacks import PlannedAttack, Planner
from game.ai.situation import Situation
from game.core.hexgrid import distance
from game.core.orders import AirMission
from game.core.rules.air import INTERDICTION, MISSIONS, NO_MISSION, ROLE_NEEDED, SUPERIORITY, SUPPLY, SUPPORT


def _roles(sit: Situation) -> dict[str, np.ndarray]:
    """Per aircraft role: bool [n_equipment]."""
    scn = sit.scn
    roles = {e.role for e in scn.equipment if e.kind == "aircraft"}
    return {r: np.array([e.kind == "aircraft" and e.role == r for e in scn.equipment]) for r in roles}


class AirPlanner:
    def __init__(self, sit: Situation):
        self.sit = sit
        st = sit.state
        scn = sit.scn
        self.enabled = scn.air is not None
        mine = np.flatnonzero((scn.unit_side == sit.side) & ~scn.unit_ground & (st.unit_hex != -1))
        self.free = [int(u) for u in mine if st.unit_mission[u] == NO_MISSION and scn.units[u].type.domain == "air"]
        self.roles = _roles(sit)
        self.orders: list[AirMission] = []

    def _count(self, u: int, kind: int) -> int:
        eq = self.sit.state.unit_equipment[u]
        return int(sum(eq[self.roles[r]].sum() for r in ROLE_NEEDED[kind] if r in self.roles))

    def _in_range(self, u: int, target: int) -> bool:
        grid = self.sit.grid
        return distance(grid.hex_at(int(self.sit.state.unit_hex[u])), grid.hex_at(target)) <= \
            self.sit.scn.units[u].type.movement_points

    def _fly(self, u: int, kind: int, target: int) -> None:
        self.orders.append(AirMission(self.sit.scn.units[u].id, MISSIONS[kind], self.sit.grid.hex_at(target)))
        self.free.remove(u)

    def fighter_only(self, u: int) -> bool:
        eq = self.sit.state.unit_equipment[u]
        others = sum(int(eq[m].sum()) for r, m in self.roles.items() if r != "fighter")
        return others == 0 and self._count(u, SUPERIORITY) > 0

    # ---------------------------------------------------------------- missions

    def support(self, attacks: list[PlannedAttack], planner: Planner, per_unit: int = 4) -> None:
        """Ground support to planned attacks, the biggest gain first; updates the attacks' support.

        Each air unit weighs only the ``per_unit`` most valuable attacks in its radius, and a gain
        is recomputed only for the attack that just got support, so the cost stays a few dozen
        previews however many units fly.
        """
        if not self.enabled or not attacks:
            return
        st = planner.scratch
        options: dict[int, list[PlannedAttack]] = {}
        for u in self.free:
            if self._count(u, SUPPORT):
                near = [a for a in attacks if self._in_range(u, a.target)]
                options[u] = sorted(near, key=lambda a: -a.value)[:per_unit]
        gains: dict[tuple[int, int], float] = {}

        def gain(u: int, a: PlannedAttack) -> float:
            st.unit_mission[u] = SUPPORT
            st.unit_mission_target[u] = a.target
            g = planner.value(a.target, a.units)[0] - a.value
            st.unit_mission[u] = NO_MISSION
            st.unit_mission_target[u] = -1
            return g

        for u, near in options.items():
            for a in near:
                gains[(u, a.target)] = gain(u, a)
        by_target = {a.target: a for a in attacks}
        while gains:
            (u, t), g = max(gains.items(), key=lambda kv: (kv[1], -kv[0][0], -kv[0][1]))
            if g < self.sit.cfg.support_gain_min:
                return
            a = by_target[t]
            st.unit_mission[u] = SUPPORT
            st.unit_mission_target[u] = t
            a.value += g
            a.support.append(u)
            self._fly(u, SUPPORT, t)
            for key in [k for k in gains if k[0] == u]:
                del gains[key]
            for key in [k for k in gains if k[1] == t]:
                gains[key] = gain(key[0], a)

    def air_supply(self) -> None:
        """Transports to own hexes whose units are cut off or short of fuel and ammunition."""
        sit = self.sit
        st = sit.state
        scn = sit.scn
        if not self.enabled or scn.supply is None:
            return
        need = np.zeros(sit.n)
        cap = scn.supply.fuel_capacity_days
        for u in sit.own:
            h = int(st.unit_hex[u])
            # in supply and not running dry: the lorries will do (a spearhead beyond them is short of fuel)
            if sit.supply.supplied[h] and min(float(st.unit_fuel[u]), float(st.unit_ammo[u])) >= 1.0:
                continue
            short = max(0.0, cap - float(st.unit_fuel[u])) + max(0.0, cap - float(st.unit_ammo[u]))
            need[h] += short * (1.0 + sit.armour[u] / 50.0) * float(st.unit_men[u]) / 1000.0
        for u in [u for u in self.free if self._count(u, SUPPLY)]:
            reach = [int(x) for x in np.flatnonzero(need > 0) if self._in_range(u, int(x))]
            if not reach:
                return
            target = max(reach, key=lambda x: (need[x], -x))
            if need[target] < 1.0:
                return
            self._fly(u, SUPPLY, target)
            need[target] = 0

    def patrols(self, fraction: float) -> None:
        """Fighters not needed elsewhere cover the own hexes the enemy can hit hardest."""
        sit = self.sit
        if not self.enabled or not sit.threat.any():
            return
        st = sit.state
        mine = np.zeros(sit.n, dtype=bool)
        mine[st.unit_hex[sit.own]] = True
        weight = sit.threat * mine
        fighters = [u for u in self.free if self.fighter_only(u)]
        fighters = fighters[: round(len(fighters) * fraction)] if fraction < 1 else fighters
        radius = sit.scn.air.patrol_radius if sit.scn.air else 2
        covered = np.zeros(sit.n, dtype=bool)
        for u in fighters:
            cand = [int(x) for x in np.flatnonzero((weight > 0) & ~covered) if self._in_range(u, int(x))]
            if not cand:
                continue
            target = max(cand, key=lambda x: (weight[x], -x))
            self._fly(u, SUPERIORITY, target)
            covered |= sit.grid.distances_from(sit.grid.hex_at(target)) <= radius

    def defend(self) -> None:
        """Leftover strike aircraft support the defence of the most threatened valuable own hexes."""
        sit = self.sit
        st = sit.state
        if not self.enabled or not sit.threat.any():
            return
        men = np.bincount(st.unit_hex[sit.own], weights=st.unit_men[sit.own], minlength=sit.n)
        weight = sit.threat * (men > 0) * (1.0 + sit.place_vp / 5.0)
        taken: set[int] = set()
        for u in [u for u in self.free if self._count(u, SUPPORT) and not self.fighter_only(u)]:
            cand = [int(h) for h in np.flatnonzero(weight > 0) if int(h) not in taken and self._in_range(u, int(h))]
            if not cand:
                continue
            h = max(cand, key=lambda x: (weight[x], -x))
            self._fly(u, SUPPORT, h)
            taken.add(h)

    def interdict(self) -> None:
        """Leftover strike aircraft slow the strongest enemy groups the side can see."""
        sit = self.sit
        if not self.enabled or not sit.enemy.size:
            return
        radius = sit.scn.air.interdiction_radius if sit.scn.air else 1
        weight = sit.enemy_power_at.copy()
        for _ in range(radius):
            padded = np.append(weight, 0.0)
            weight = weight + padded[sit.nbr].sum(axis=1)
        done: set[int] = set()
        for u in [u for u in self.free if self._count(u, INTERDICTION)]:
            cand = [int(h) for h in np.flatnonzero(weight > 0) if int(h) not in done and self._in_range(u, int(h))]
            if not cand:
                continue
            h = max(cand, key=lambda x: (weight[x], -x))
            self._fly(u, INTERDICTION, h)
            done.add(h)
