"""What the panels say: unit details, hex details, top-bar items, and event messages.

Pure functions of the game state that return lines of text, kept apart from the drawing so
they can be read and tested without a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.core.engine import may_move
from game.core.equipment import EquipmentType
from game.core.events import (
    AirBattle,
    AirMissionFlown,
    Announcement,
    Arrived,
    Combat,
    Demolished,
    Event,
    GameOver,
    HexCaptured,
    Landed,
    LinkUpMade,
    Moved,
    PhaseEnded,
    Repaired,
    SupplyReport,
    TurnBegan,
)
from game.core.hexgrid import DIRECTION_NAMES, Hex
from game.core.mapdata import RIVER_KINDS, RIVER_NONE
from game.core.rules.battle import why_unit_cannot_attack
from game.core.rules.demolition import under_repair, why_cannot_demolish
from game.core.rules.movement import MoveRange
from game.core.rules.supply import Deliveries, deliveries
from game.core.rules.victory import victory_points
from game.core.state import NOBODY, GameState
from game.ui import palette, supplyview
from game.ui.combat_info import combat_log_line, combat_summary
from game.ui.counterfacts import supply_marks
from game.ui.panels import InfoLine


def side_color(state: GameState, side: int) -> palette.Color:
    return palette.parse_color(state.scenario.sides[side].color)


def weather_name(state: GameState) -> str:
    names = state.scenario.weather_names
    w = state.weather
    return (names[w] if 0 <= w < len(names) else "clear").replace("_", " ").capitalize()


def top_items(state: GameState, computer_sides: frozenset[int], remote: str = "computer") -> list[InfoLine]:
    """Who is to move and when: side, turn, date and weather first (the name goes last, it is the longest).

    ``remote`` names who plays the sides not at this desk ("by e-mail" in a play-by-e-mail game)."""
    scn = state.scenario
    items = [
        InfoLine(f"Turn {state.turn}/{scn.turns}", bold=True),
        InfoLine(f"{state.date.day} {state.date:%B %Y}"),
        InfoLine(f"Weather: {weather_name(state)}", palette.TEXT if state.weather == 0 else (140, 190, 255)),
    ]
    if state.game_over:
        items.append(InfoLine("Game over", color=palette.TEXT_WARN, bold=True))
    else:
        who = scn.sides[state.side].name + (f" ({remote})" if state.side in computer_sides else "")
        items.insert(0, InfoLine(f"{who} to move", bold=True, swatch=side_color(state, state.side)))
    items.append(InfoLine(scn.name, palette.TEXT_DIM))
    return items


def scenario_lines(state: GameState) -> list[InfoLine]:
    """The briefing and the victory points each side holds now."""
    scn = state.scenario
    text = "\n\n".join(" ".join(p.split()) for p in scn.briefing.split("\n\n") if p.strip())  # unwrap YAML lines
    lines = [InfoLine(text, palette.TEXT_DIM, size=17, wrap=True)] if text else []
    for side, vp in zip(scn.sides, victory_points(state), strict=True):
        lines.append(InfoLine(f"{side.name}: {vp} VP", swatch=palette.parse_color(side.color)))
    return lines


def unit_lines(state: GameState, unit: int, viewer: int | None = None, day: Deliveries | None = None,
               *, equipment: bool = True) -> list[InfoLine]:
    """Name, type, side, parent formations, men, movement, experience, supply and equipment of one unit.

    ``viewer``: the side at the screen, which learns nothing of an enemy's supply (None: a
    spectator, who sees all). ``day``: the unit's side's deliveries, when the caller has them.
    ``equipment``: list every type (else one folded line saying how many, E to open).
    """
    scn = state.scenario
    info = scn.units[unit]
    lines = [
        InfoLine(info.name, bold=True, size=21, swatch=side_color(state, info.side)),
        InfoLine(
            f"{info.type.name} ({info.type.size}, {info.type.symbol.replace('_', ' ')})", palette.TEXT_DIM
        ),
        InfoLine(formation_chain(state, info.parent) or scn.sides[info.side].name, wrap=True),
        InfoLine(f"Men: {int(state.unit_men[unit]):,}    Experience: ×{info.experience:.2f}"),
        InfoLine(f"MP: {mp(float(state.unit_mp[unit]))} / {mp(float(scn.unit_max_mp[unit]))}"),
    ]
    if state.turn < info.moves_from_turn:
        lines.append(InfoLine(f"Held back: moves from turn {info.moves_from_turn}", palette.TEXT_WARN))
    at = int(state.unit_hex[unit])
    if at >= 0:
        col, row = scn.map.grid.hex_at(at)
        lines.append(InfoLine(f"At ({col},{row}) {scn.map.terrain_name(at)}"))
        if viewer == info.side and why_cannot_demolish(state, unit) is None:  # the key, where it would work
            lines.append(InfoLine("D: blow the bridges and track here (half its MP)", palette.TEXT_DIM, size=16))
    elif info.arrives is not None and state.turn < info.arrives:
        lines.append(InfoLine(f"Arrives on turn {info.arrives}", palette.TEXT_DIM))
    else:
        lines.append(InfoLine("Not on the map", palette.TEXT_WARN))
    lines += supply_lines(state, unit, viewer, day)
    if state.unit_attacked[unit]:
        lines.append(InfoLine("Attacked this turn", palette.TEXT_WARN))
    else:
        lines.append(InfoLine("Has not attacked this turn", palette.TEXT_DIM))
    counts = state.unit_equipment[unit]
    held = [(scn.equipment[k], int(counts[k])) for k in np.flatnonzero(counts)]
    if held and not equipment:
        lines.append(InfoLine(f"Equipment: {len(held)} types, {_armour_count(held)}  (E: show)", palette.TEXT_DIM,
                              size=16))
    elif held:
        lines.append(InfoLine("Equipment (armour front/side/rear; best penetration at 0.5 / 1 / 2 km):",
                              palette.TEXT_DIM, size=16, wrap=True))
        for kind, n in held:
            lines.append(InfoLine(f"  {kind.name} × {n:,}", size=17))
            detail = equipment_detail(kind)
            if detail:
                lines.append(InfoLine(f"      {detail}", palette.TEXT_DIM, size=15))
    return lines


def _armour_count(held: list[tuple[EquipmentType, int]]) -> str:
    tanks = sum(n for kind, n in held if kind.armored)
    return f"{tanks:,} tanks and SPGs" if tanks else "no armour"


def why_cannot_move(state: GameState, unit: int) -> str:
    """The status line's answer to a move order the unit may not take now, with the reason."""
    info = state.scenario.units[unit]
    if info.side != state.side:
        return f"{info.name} is not yours to move"
    if state.turn < info.moves_from_turn:
        return f"{info.name} is held back: it moves from turn {info.moves_from_turn}"
    if state.unit_mp[unit] <= 0:
        return f"{info.name} has no movement points left this turn"
    return f"{info.name} cannot move now"


@dataclass(frozen=True)
class IdleUnits:
    """What the side to move could still do before it ends its phase (the end-phase warning)."""

    ready: int  # units that may move this turn
    unmoved: int  # of them, those with every movement point left
    can_attack: int  # units next to an enemy that may still attack

    def lines(self) -> list[str]:
        out = []
        if self.unmoved:
            out.append(f"{self.unmoved} of your {self.ready} units that may move have not moved.")
        if self.can_attack:
            out.append(f"{self.can_attack} units next to the enemy can still attack.")
        out.append("Tab selects the next unit that can still move. \"Don't ask again\" ends the phase and turns "
                   "this warning off (Settings turns it back on).")
        return out


def idle_units(state: GameState) -> IdleUnits:
    """Count the side to move's units that have not moved and those that could still attack."""
    scn = state.scenario
    grid = scn.map.grid
    ready = unmoved = attack = 0
    enemy_hexes = {int(state.unit_hex[u]) for u in range(len(scn.units))
                   if scn.unit_side[u] != state.side and state.unit_hex[u] >= 0 and scn.unit_ground[u]}
    for u in state.units_of(state.side):
        u = int(u)
        if not may_move(state, u):
            continue
        ready += 1
        if state.unit_mp[u] >= scn.unit_max_mp[u]:
            unmoved += 1
        near = [int(j) for j in grid.neighbor_table[state.unit_hex[u]] if j in enemy_hexes]
        if any(why_unit_cannot_attack(state, u, j) is None for j in near):
            attack += 1
    return IdleUnits(ready, unmoved, attack)


def formation_chain(state: GameState, parent: str | None) -> str:
    """The unit's formations from its own up to the top, e.g. "5th Army · 1st Far Eastern Front"."""
    by_id = {f.id: f for f in state.scenario.formations}
    names: list[str] = []
    while parent is not None and parent in by_id and len(names) < 8:
        names.append(by_id[parent].name)
        parent = by_id[parent].parent
    return " · ".join(names)


def equipment_detail(kind: EquipmentType) -> str:
    """Armour by facing and the best penetration of its weapons at 0.5, 1 and 2 km, where it has them."""
    parts = []
    if kind.armored and kind.armor is not None:
        parts.append("armour " + "/".join(f"{a:g}" for a in kind.armor) + " mm")
    pens = [w for w in kind.weapons if w.pen_mm and max(w.pen_mm) > 0]
    if pens:
        best = [max(float(w.penetration(r)) for w in pens) for r in (500, 1000, 2000)]
        if max(best) > 0:
            parts.append("pen " + "/".join(f"{p:.0f}" for p in best) + " mm")
        else:  # a close-range weapon (charges, mines, flamethrowers): what it does where it reaches
            w = max(pens, key=lambda w: max(w.pen_mm))
            parts.append(f"pen {max(w.pen_mm):.0f} mm within {w.max_range_m:,} m")
    return " · ".join(parts)


def supply_lines(state: GameState, unit: int, viewer: int | None = None, day: Deliveries | None = None
                 ) -> list[InfoLine]:
    """Fuel and ammunition in days, the lorries' distance and today's delivery, and a warning when the
    fuel is about to run out; nothing for an enemy's unit (``viewer``: the side at the screen) or
    when the scenario has no supply. ``day``: the unit's side's deliveries (worked out when None)."""
    scn = state.scenario
    rules = scn.supply
    side = int(scn.unit_side[unit])
    if rules is None or (viewer is not None and side != viewer):
        return []
    lines = []
    fuel, ammo = float(state.unit_fuel[unit]), float(state.unit_ammo[unit])
    burns = int(scn.unit_class[unit]) in rules.fuel_classes
    if burns:
        color = palette.TEXT_WARN if fuel < 1 else palette.TEXT
        lines.append(InfoLine(f"Fuel: {fuel:.1f} / {rules.fuel_capacity_days:g} days", color))
    else:
        lines.append(InfoLine("Fuel: none needed", palette.TEXT_DIM))
    color = palette.TEXT_WARN if ammo <= 0 else palette.TEXT
    lines.append(InfoLine(f"Ammunition: {ammo:.1f} / {rules.ammo_capacity_days:g} days", color))
    now = None
    if state.unit_hex[unit] >= 0 and scn.unit_ground[unit]:
        now = supplyview.unit_supply(state, day if day is not None else deliveries(state, side), unit)
        if now is not None:
            lines += _delivery_lines(now)
            if burns and fuel < 2 and now.ratio < FULL_DELIVERY:
                lines.append(InfoLine(_fuel_forecast(fuel), palette.TEXT_WARN))
    oos = int(state.unit_oos[unit])
    if oos:
        since = max(1, state.turn - oos + 1)
        lines.append(InfoLine(f"Out of supply since turn {since} ({oos} turn{'s' if oos > 1 else ''})",
                              palette.TEXT_WARN))
        lines.append(InfoLine(oos_reason(now, rules.starving_below), palette.TEXT_DIM, size=16, wrap=True))
    return lines


def oos_reason(now: supplyview.UnitSupply | None, starving_below: float) -> str:
    """Why a unit counts as out of supply, in the model's terms: no lorry route to a railhead, or too
    little food arriving; or that it is fed again today and the mark goes at the next phase."""
    if now is None:
        return "Why: it is not on the map"
    if not np.isfinite(now.km):
        return "Why: no road or track within the lorries' reach links it to a railhead"
    if now.food < starving_below:
        return (f"Why: the lorries bring {100 * now.food:.0f}% of its food; under "
                f"{100 * starving_below:.0f}% counts as out of supply")
    return "Supplied again today: the mark clears at the start of its next phase"


FULL_DELIVERY = 0.995  # below this share of its fuel and ammunition arriving, low fuel earns a forecast
LEVEL_COLORS = {supplyview.FULL: palette.TEXT_GOOD, supplyview.PARTIAL: (250, 215, 90),
                supplyview.THIN: palette.TEXT_WARN, supplyview.CUT_OFF: palette.TEXT_WARN}


def _delivery_lines(now: supplyview.UnitSupply) -> list[InfoLine]:
    """How far the lorries drive to the unit, and what share of its day's tons they bring."""
    if not np.isfinite(now.km):
        return [InfoLine("Cut off: no supply reaches it", palette.TEXT_WARN)]
    where = "At a railhead" if now.km < 1 else f"{now.km:,.0f} km from the railhead"
    color = LEVEL_COLORS[now.level]
    today = f"Supply today: {100 * now.share:.0f}% of {_tons(now.need_t)}"
    if now.level == supplyview.CUT_OFF:
        today += ", starving"
    return [InfoLine(where, palette.TEXT_DIM), InfoLine(today, color)]


def _tons(t: float) -> str:
    return f"{t:,.0f} t" if t >= 10 else f"{t:.1f} t"


def _fuel_forecast(fuel: float) -> str:
    """How many more full days' moves the fuel in the tanks allows (the lorries will not refill it all)."""
    if fuel >= 1:
        days = int(fuel)
        return f"Fuel for ~{days} more day{'s' if days > 1 else ''}'s full move"
    return "Fuel for under a day's full move" if fuel > 0 else "No fuel: it cannot move"


def counter_marks(state: GameState, unit: int, viewer: int | None = None) -> tuple[str, ...]:
    """Warnings a counter carries: low fuel (under a day), no ammunition, out of supply; none on an
    enemy's counter (``viewer``: the side at the screen; None, a spectator, sees them all)."""
    if viewer is not None and int(state.scenario.unit_side[unit]) != viewer:
        return ()
    return supply_marks(state, unit)


def hex_lines(state: GameState, h: Hex, move: MoveRange | None, *, attack: bool = False) -> list[InfoLine]:
    """Terrain, place, fortification, control, features and units of one hex.

    ``attack``: a click on the hex would open the attack preview, so say that instead of the
    movement line (an enemy's hex is never reachable, and "out of reach" would mislead).
    """
    scn = state.scenario
    m = scn.map
    i = m.grid.index(h)
    kind = m.terrain_name(i)
    lines = [InfoLine(f"({h[0]},{h[1]}) {kind}", bold=True, swatch=palette.terrain_color(kind))]
    place = m.place_at(i)
    if place is not None:
        vp = f", {place.vp} VP" if place.vp else ""
        lines.append(InfoLine(f"{place.label} ({place.kind}{vp})"))
    if m.fortification[i]:
        lines.append(InfoLine(f"Fortification level {int(m.fortification[i])}"))
    holder = int(state.control[i])
    if holder == NOBODY:
        lines.append(InfoLine("Held by nobody", palette.TEXT_DIM))
    else:
        lines.append(InfoLine(f"Held by {scn.sides[holder].name}", swatch=side_color(state, holder)))
    rivers = [
        (DIRECTION_NAMES[d], RIVER_KINDS[int(m.river[i, d])]) for d in range(6) if m.river[i, d] != RIVER_NONE
    ]
    if rivers:
        lines.append(InfoLine("River: " + ", ".join(f"{kind} {side}" for side, kind in rivers)))
    if m.road[i].any():
        lines.append(InfoLine("Road"))
    gauges = sorted({int(g) for g in m.rail_gauge[i] if g})
    if gauges:
        lines.append(InfoLine("Railway " + ", ".join(f"{g} mm" for g in gauges)))
    wreck = wreck_line(state, i)
    if wreck is not None:
        lines.append(wreck)
    for u in state.units_at(i):
        lines.append(
            InfoLine(f"{scn.units[int(u)].name}", size=17, swatch=side_color(state, scn.units[int(u)].side))
        )
    if attack:
        lines.append(InfoLine("Click: preview an attack here", palette.TEXT_WARN))
    elif move is not None and i != move.start:
        if move.can_end[i]:
            lines.append(InfoLine(f"Move here: {mp(float(move.cost[i]))} MP", palette.TEXT_GOOD))
        elif np.isfinite(move.cost[i]):
            lines.append(InfoLine("Can pass, cannot stop (stacking)", palette.TEXT_WARN))
        else:
            lines.append(InfoLine("Out of reach", palette.TEXT_DIM))
    return lines


def wreck_line(state: GameState, i: int) -> InfoLine | None:
    """The hex card's word on a wreck (None: the hex is whole): who blew it, and how many days of repair
    are left, counting already (another side's engineers at work: ``under_repair``) or once they can be."""
    days = int(state.wreck_days[i])
    if days <= 0:
        return None
    sides = state.scenario.sides
    by = int(state.wreck_side[i])
    holder = int(state.control[i])
    when = f"{days} day{'s' if days != 1 else ''}"
    others = [s.name for k, s in enumerate(sides) if k != by]
    other = others[0] if len(others) == 1 else "another side"
    if under_repair(state, np.array([i]))[0]:
        worker = sides[holder].name if holder not in (NOBODY, by) else other
        repair = f"{worker} repairs them, {when} left"
    else:
        repair = f"{when} to repair once {other} holds the hex or stands next to it"
    wrecker = sides[by].name if 0 <= by < len(sides) else "nobody known"
    return InfoLine(f"Bridges and track blown by {wrecker}: {repair}", palette.TEXT_WARN, wrap=True)


def describe_events(state: GameState, events: Sequence[Event]) -> str:
    """One line for what an order did: moves, places taken, phases and turns."""
    parts: list[str] = []
    hexes_taken = 0
    for e in events:
        if isinstance(e, HexCaptured) and e.place is None:
            hexes_taken += 1  # counted, not listed: a long move takes many
            continue
        text = combat_summary(state, e) if isinstance(e, Combat) else event_text(state, e)
        if text:
            parts.append(text)
    if hexes_taken:
        parts.append(f"{hexes_taken} hex{'es' if hexes_taken > 1 else ''} taken")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def event_text(state: GameState, e: Event) -> str:
    """One event in a player's words: unit, side and place names instead of ids ("" when not worth a line).

    Every kind of event has its own wording here: the events' own ``str`` is for logs and
    prints ids, which a player never sees on a counter.
    """
    if isinstance(e, Moved):
        steps = len(e.path) - 1
        stop = ", stopped by contact" if e.contact else ""
        return (f"{unit_name(state, e.unit)} moves to {hex_label(state, e.path[-1])}, "
                f"{steps} hex{'es' if steps != 1 else ''}, {mp(e.cost)} MP{stop}")
    if isinstance(e, HexCaptured):
        side = _side_name(state, e.side)
        place = next((p for p in state.scenario.map.places if p.id == e.place), None) if e.place else None
        return f"{side} takes {place.label if place else hex_label(state, e.hex)}"
    if isinstance(e, PhaseEnded):
        return f"{_side_name(state, e.side)} ends its phase"
    if isinstance(e, TurnBegan):
        return f"turn {e.turn} begins, {e.date.day} {e.date:%B %Y}"
    if isinstance(e, Combat):
        return combat_log_line(state, e)
    if isinstance(e, GameOver):
        vp = ", ".join(f"{_side_name(state, s)} {v} VP" for s, v in e.victory_points)
        return f"game over: {vp}; " + (f"{_side_name(state, e.winner)} wins" if e.winner else "a draw")
    if isinstance(e, SupplyReport):
        return _supply_report_text(state, e)
    return _other_event_text(state, e)


def _other_event_text(state: GameState, e: Event) -> str:
    """Air missions, air battles, arrivals, landings, link-ups, demolitions, repairs and announcements, named."""
    words = _NAMED.get(type(e))
    return words(state, e) if words is not None else str(e)


def _air_battle_text(state: GameState, e: AirBattle) -> str:
    patrols = ", ".join(unit_name(state, p) for p in e.patrols)
    return (f"air battle over {hex_label(state, e.hex)}: {unit_name(state, e.mission_unit)} loses "
            f"{e.mission_lost} aircraft, {patrols} {e.patrols_lost}")


_NAMED: dict[type, Callable[[GameState, Any], str]] = {
    AirMissionFlown: lambda st, e: (f"{unit_name(st, e.unit)} flies {e.mission.replace('_', ' ')} over "
                                    f"{hex_label(st, e.target)}"),
    AirBattle: _air_battle_text,
    Arrived: lambda st, e: f"{unit_name(st, e.unit)} arrives at {hex_label(st, e.hex)}",
    Landed: lambda st, e: f"{unit_name(st, e.unit)} lands at {hex_label(st, e.hex)}",
    LinkUpMade: lambda st, e: f"{_side_name(st, e.side)} link-up made: {e.name}",
    Demolished: lambda st, e: f"{unit_name(st, e.unit)} blows the bridges and track at {hex_label(st, e.hex)}",
    Repaired: lambda st, e: f"the bridges and track at {hex_label(st, e.hex)} are repaired",
    Announcement: lambda st, e: str(e.text),
}


def _supply_report_text(state: GameState, e: SupplyReport) -> str:
    if not (e.units_out_of_supply or e.surrendered):
        return ""
    side = _side_name(state, e.side)
    text = f"{side}: {e.units_out_of_supply} units out of supply, lorries carry {e.delivery_percent}%"
    if e.surrendered:
        text += "; surrendered: " + ", ".join(unit_name(state, u) for u in e.surrendered)
    return text


def unit_name(state: GameState, unit_id: str) -> str:
    """The unit's name for an id (the id itself only when the scenario has no such unit)."""
    u = state.scenario.unit_index.get(unit_id)
    return state.scenario.units[u].name if u is not None else unit_id


def hex_label(state: GameState, h: Hex) -> str:
    """A hex as a player reads it: the place there or near it by name, else its column and row."""
    m = state.scenario.map
    if m.grid.contains(h):
        place = m.place_at(m.grid.index(h))
        if place is not None:
            return place.label
    return f"({h[0]},{h[1]})"


def mp(value: float) -> str:
    """Movement points to one decimal, as a player reads them ("2.6", not "2.575")."""
    return f"{value:.1f}"


def _side_name(state: GameState, side_id: str) -> str:
    return next((s.name for s in state.scenario.sides if s.id == side_id), side_id)
