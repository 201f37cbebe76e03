"""The first-turn guide: a short, dismissable page for a newcomer on the first turn of a scenario.

Pure text from the state (no pygame): what the night turn allows, why some units are held back
and when they move, where the objectives are and how to attack. Shown once per side at the
screen on turn 1 (``TurnFlow``), and never again once the player ticks "Don't show again".
"""

from __future__ import annotations

from game.core.state import NOBODY, GameState


def guide_lines(state: GameState, side: int) -> list[str]:
    """The guide for ``side`` on the first turn, a few short paragraphs."""
    scn = state.scenario
    lines = [f"You command the {scn.sides[side].name}. A turn is one day; each side moves and attacks in its phase."]
    if state.turn in scn.night_turns:
        lines.append("This is a night turn: visibility is short, guns fire at close range, and most units wait "
                     "for dawn. Use it to close up and to strike with the units that may already act.")
    held = [u for u in state.units_of(side) if state.turn < scn.units[int(u)].moves_from_turn]
    if held:
        first = min(scn.units[int(u)].moves_from_turn for u in held)
        lines.append(f"{len(held)} of your units are held back (striped counters, mark H): they move from turn "
                     f"{first} on. Tab selects the next unit that may move now.")
    enemy = [p for p in scn.map.places if p.vp and int(state.control[scn.map.grid.index(p.hex)]) not in (side, NOBODY)]
    if enemy:
        best = sorted(enemy, key=lambda p: -p.vp)[:4]
        names = ", ".join(f"{p.label} ({p.vp} VP)" for p in best)
        lines.append(f"Objectives to take: {names}. V lists them all and who holds them.")
    lines.append("Move: select a unit, right-click a shaded hex. Attack: with a unit selected, hover an enemy next "
                 "to it for the likely result, click it for the full preview, Shift+click to add attackers, Enter.")
    lines.append("Counters: the number is men (9.6k) or an armour unit's tanks (40T); the bars are what is left of "
                 "men and armour; letters mark moved, can attack, held back and supply trouble. F1 lists every key.")
    return lines
