"""What the attack preview and the combat result say, as plain rows of text.

Pure functions of the state, a ``CombatPreview`` or a ``Combat`` event: the panel
(``combat_panel``) only lays these rows out, so the wording and the rounding can be read and
tested without a screen, and a later pygame_gui panel can reuse them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.core.events import Combat
from game.core.hexgrid import Hex
from game.core.rules.battle import CombatPreview, why_unit_cannot_attack
from game.core.state import GameState
from game.core.units import OFF_MAP


@dataclass(frozen=True)
class Candidate:
    """A friendly unit next to the target that could join the attack; ``why_not`` if it cannot now."""

    unit: int
    name: str
    men: int
    why_not: str = ""


@dataclass(frozen=True)
class PenCell:
    """One weapon against one armoured type: chance to penetrate, penetration and armour in mm."""

    percent: int
    pen_mm: float
    armor_mm: float


@dataclass(frozen=True)
class PenTable:
    """Rows = the shooter's guns, columns = the target's armoured types (None: the gun is not listed)."""

    facing: str
    rows: list[str]
    columns: list[str]
    cells: list[list[PenCell | None]]


def equipment_name(state: GameState, eq_id: str) -> str:
    k = state.scenario.equipment_index.get(eq_id)
    return state.scenario.equipment[k].name if k is not None else eq_id


def count_text(value: float) -> str:
    """An expected count rounded to a whole number, but never hiding a small non-zero loss as 0."""
    if 0 < value < 0.5:
        return "<1"
    return f"{round(value):,}"


def defenders_at(state: GameState, target: Hex) -> list[int]:
    """Enemy ground units (of the side not to move) standing in ``target``."""
    scn = state.scenario
    i = scn.map.grid.index(target)
    return [int(u) for u in state.units_at(i) if scn.unit_side[u] != state.side and scn.unit_ground[u]]


def is_attack_target(state: GameState, unit: int, h: Hex) -> bool:
    """Whether clicking ``h`` with ``unit`` selected means an attack: an enemy next to a unit to move."""
    scn = state.scenario
    grid = scn.map.grid
    if scn.units[unit].side != state.side or state.unit_hex[unit] == OFF_MAP or not grid.contains(h):
        return False
    i = grid.index(h)
    return i in grid.neighbor_table[state.unit_hex[unit]] and bool(defenders_at(state, h))


def candidates(state: GameState, target: Hex) -> list[Candidate]:
    """Every friendly ground unit adjacent to ``target``, with the reason it cannot attack, if any."""
    scn = state.scenario
    grid = scn.map.grid
    around = [int(j) for j in grid.neighbor_table[grid.index(target)] if j >= 0]
    out = []
    for j in around:
        for u in state.units_at(j):
            u = int(u)
            if scn.unit_side[u] != state.side or not scn.unit_ground[u]:
                continue
            why = why_unit_cannot_attack(state, u, grid.index(target)) or ""
            out.append(Candidate(u, scn.units[u].name, int(state.unit_men[u]), _short(why)))
    return out


def _short(why: str) -> str:
    """The engine's reason, cut to what fits a line of the attack panel."""
    return {"has already attacked this phase": "has attacked", "has no movement points left": "no MP left"}.get(
        why, why.removeprefix("is "))


def loss_rows(state: GameState, p: CombatPreview) -> list[tuple[str, str, str]]:
    """(what, attacker loses, defender loses): men first, then each equipment type, rounded."""
    keys = ["men"] + sorted({*p.attacker_losses, *p.defender_losses} - {"men"}, key=lambda k: equipment_name(state, k))
    rows = []
    for k in keys:
        a, d = p.attacker_losses.get(k, 0.0), p.defender_losses.get(k, 0.0)
        name = "Men" if k == "men" else equipment_name(state, k)
        rows.append((name, count_text(a) if a else "–", count_text(d) if d else "–"))
    return rows


def loss_headline(state: GameState, p: CombatPreview, attackers: Sequence[int], defenders: Sequence[int]
                  ) -> list[str]:
    """The preview's headline in men and in armour, each labelled with counts ("314 of 9,600 men").

    The engine's loss fractions weigh armour above men; a bare "strength lost 87 %" beside a
    table of 314 men lost read as a contradiction, so the headline says what it counts.
    """
    lines = [f"Men lost: you {_share(p.attacker_losses.get('men', 0.0), _men(state, attackers))}, "
             f"defender {_share(p.defender_losses.get('men', 0.0), _men(state, defenders))}"]
    mine, theirs = _armour(state, attackers), _armour(state, defenders)
    if mine or theirs:
        lost_a = sum(p.attacker_losses.get(k, 0.0) for k in mine)
        lost_d = sum(p.defender_losses.get(k, 0.0) for k in theirs)
        lines.append(f"Tanks and SPGs lost: you {_share(lost_a, sum(mine.values()))}, "
                     f"defender {_share(lost_d, sum(theirs.values()))}")
    return lines


def prediction_line(state: GameState, p: CombatPreview) -> str:
    """One line for the map while an enemy hex is hovered with a unit selected (as Panzer Corps shows):
    the likely result and the expected losses in men and tanks on each side."""
    def lost(losses: dict[str, float]) -> str:
        tanks = sum(v for k, v in losses.items() if k != "men" and _is_armour(state, k))
        men = f"{count_text(losses.get('men', 0.0))} men"
        return men + (f", {count_text(tanks)} tanks" if tanks else "")

    return f"{p.likely_result.capitalize()} · you lose {lost(p.attacker_losses)}; they {lost(p.defender_losses)}"


def _is_armour(state: GameState, eq_id: str) -> bool:
    k = state.scenario.equipment_index.get(eq_id)
    return k is not None and bool(state.scenario.tank_types[k])


def _share(lost: float, held: int) -> str:
    if held <= 0:
        return "none"
    return f"{count_text(lost)} of {held:,} ({100 * lost / held:.0f}%)"


def _men(state: GameState, units: Sequence[int]) -> int:
    return int(sum(int(state.unit_men[u]) for u in units))


def _armour(state: GameState, units: Sequence[int]) -> dict[str, int]:
    """Armoured equipment id -> how many the units hold."""
    counts = gun_counts(state, units)
    return {k: n for k, n in counts.items()
            if state.scenario.equipment[state.scenario.equipment_index[k]].armored}


def modifier_rows(p: CombatPreview) -> list[tuple[str, float, str]]:
    """(name, multiplier, whose) for every modifier, in the order the rules list them."""
    return [(str(m["name"]), float(m["value"]), str(m["side"])) for m in p.modifiers]


def modifier_favours_attacker(value: float, side: str) -> bool | None:
    """True/False when a modifier helps/hurts the attacker; None when it changes nothing."""
    if abs(value - 1.0) < 1e-6:
        return None
    return (value > 1.0) == (side == "attacker")


def armored_types(state: GameState, units: Iterable[int]) -> list[str]:
    """Equipment ids of the armoured types these units hold, in scenario order."""
    scn = state.scenario
    units = list(units)
    if not units:
        return []
    held = state.unit_equipment[units].sum(axis=0)
    return [scn.equipment[k].id for k in np.flatnonzero(held) if scn.equipment[k].armored]


def gun_counts(state: GameState, units: Iterable[int]) -> dict[str, int]:
    """Equipment id -> how many the units hold (the number of each gun firing)."""
    scn = state.scenario
    units = list(units)
    if not units:
        return {}
    held = state.unit_equipment[units].sum(axis=0)
    return {scn.equipment[k].id: int(held[k]) for k in np.flatnonzero(held)}


def pen_table(state: GameState, guns: list[dict[str, Any]], targets: list[str], shooters: list[int]) -> PenTable:
    """The penetration matrix for one direction of fire, from the preview's breakdown."""
    counts = gun_counts(state, shooters)
    columns = list(targets) + [g["target"] for g in guns if g["target"] not in targets]
    rows: list[tuple[str, str]] = []
    for g in guns:
        if (g["shooter"], g["weapon"]) not in rows:
            rows.append((g["shooter"], g["weapon"]))
    cells: list[list[PenCell | None]] = [[None] * len(columns) for _ in rows]
    for g in guns:
        r, c = rows.index((g["shooter"], g["weapon"])), columns.index(g["target"])
        cells[r][c] = PenCell(round(100 * float(g["p_penetrate"])), float(g["penetration_mm"]), float(g["armor_mm"]))
    labels = [_gun_label(state, shooter, weapon, counts.get(shooter, 0)) for shooter, weapon in rows]
    facing = str(guns[0]["facing"]) if guns else ""
    return PenTable(facing, labels, [equipment_name(state, c) for c in columns], cells)


def _gun_label(state: GameState, shooter: str, weapon: str, count: int) -> str:
    carrier = equipment_name(state, shooter)
    who = carrier if carrier.startswith(weapon) else f"{weapon} ({carrier})"  # a towed gun is its own weapon
    return f"{who} ×{count:,}" if count else who


def assault_lines(p: CombatPreview) -> list[str]:
    """One line per side that sends close-assault teams (none when neither does)."""
    out = []
    for side in ("attacker", "defender"):
        a = p.close_assault.get(side, {})
        if a.get("teams", 0) > 0:
            out.append(
                f"{side.capitalize()}: {a['teams']:g} teams, {a.get('cut_down', 0):g} cut down by machine guns, "
                f"{a.get('tanks_knocked_out', 0):g} tanks knocked out, {a.get('men_lost', 0):g} men lost"
            )
    return out


RESULT_WORDS = {"held": "Defender holds", "retreated": "Defender retreats", "taken": "Hex taken"}


def _names(state: GameState, ids: Iterable[str]) -> str:
    scn = state.scenario
    return ", ".join(scn.units[scn.unit_index[i]].name if i in scn.unit_index else i for i in ids)


def _losses_text(state: GameState, losses: dict[str, int]) -> str:
    parts = [f"{losses.get('men', 0):,} men"]
    parts += [f"{equipment_name(state, k)} ×{n:,}" for k, n in losses.items() if k != "men" and n]
    return ", ".join(parts)


def combat_summary(state: GameState, c: Combat) -> str:
    """The one-line status message for a combat."""
    return (f"Attack on ({c.target[0]},{c.target[1]}): {RESULT_WORDS.get(c.result, c.result).lower()}; "
            f"losses {c.attacker_losses.get('men', 0):,} men / {c.defender_losses.get('men', 0):,} men")


def combat_log_line(state: GameState, c: Combat) -> str:
    """The event log's line for a combat: who attacked where, at what range, the result and the losses."""
    return (f"{_names(state, c.attackers)} attack ({c.target[0]},{c.target[1]}) at {c.range_m:,.0f} m: "
            f"{RESULT_WORDS.get(c.result, c.result).lower()}; losses {c.attacker_losses.get('men', 0):,} / "
            f"{c.defender_losses.get('men', 0):,} men")


def combat_result_lines(state: GameState, c: Combat) -> list[tuple[str, str]]:
    """(label, text) lines for the result box after an attack."""
    lines = [
        ("Result", RESULT_WORDS.get(c.result, c.result)),
        ("Attackers", _names(state, c.attackers)),
        ("Attacker lost", _losses_text(state, c.attacker_losses)),
        ("Defender lost", _losses_text(state, c.defender_losses)),
    ]
    if c.assault_teams:
        lines.append(("Close assault", f"{c.assault_teams} teams, {c.assault_kills} tanks knocked out"))
    for label, ids in (("Retreated", c.retreated), ("Surrendered", c.surrendered), ("Destroyed", c.destroyed)):
        if ids:
            lines.append((label, _names(state, ids)))
    if c.advanced:
        lines.append(("Advanced", _names(state, [c.advanced])))
    return lines
