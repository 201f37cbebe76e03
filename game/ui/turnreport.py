"""The short report after the other side's phase: places taken, combats fought, losses.

A player who looks away while the computer (or the other player at a hotseat) moves needs
the gist in a few lines: what changed hands, how every fight came out, and what it cost each
side. The lines come from the phase's events only, cut by ``fog.events_seen_by`` to what the
watching side could know (combats involve its units; who holds a hex is no secret). One
exception: the hexes blown in the phase are counted from all its events (``phase_report``),
for a wreck is on both sides' maps whoever blew it; the report names the place, never the unit,
so an unseen enemy's demolition tells where a bridge went but not who stood there. A last line
gives the supply of the side about to move (the watching side's own): tons its lorries delivered
at the start of its phase, against the tons needed, and how many of its units run low on fuel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pygame

from game.core.events import Arrived, Combat, Demolished, Event, HexCaptured, LinkUpMade, Repaired, SupplyReport
from game.core.hexgrid import Hex
from game.core.state import GameState
from game.core.summary import logistics
from game.ui import palette
from game.ui.combat_info import RESULT_WORDS
from game.ui.fog import events_seen_by
from game.ui.gui import BUTTON_H, Button
from game.ui.info import hex_label
from game.ui.palette import Color
from game.ui.text import Text
from game.ui.widgets import PAD, draw_box

MAX_COMBAT_LINES = 8
MAX_WRECK_PLACES = 3  # places a wreck line names before "...": one line, however many bridges went
CAPTURE: Color = (250, 215, 90)
COMBAT: Color = (255, 160, 90)


@dataclass
class PhaseReport:
    title: str
    lines: list[tuple[str, Color]] = field(default_factory=list)
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    button: Button = field(default_factory=lambda: Button("Continue", "close", primary=True))


def _side_name(state: GameState, side_id: str) -> str:
    return next((s.name for s in state.scenario.sides if s.id == side_id), side_id)


def _tanks(state: GameState, losses: dict[str, int]) -> int:
    eq = state.scenario.equipment
    index = state.scenario.equipment_index
    return sum(n for k, n in losses.items() if k in index and eq[index[k]].kind == "tank")


def phase_report(state: GameState, side: int, turn: int, events: Sequence[Event], viewer: int | None,
                 seen: np.ndarray | None) -> PhaseReport:
    """The report of all a phase's ``events`` for ``viewer``, who saw the hexes ``seen`` (None: all):
    its events cut to what the viewer could know, but every hex blown counted, for wrecks are public."""
    known = events_seen_by(events, state.scenario, viewer, seen)
    return build_report(state, side, turn, known, viewer, blown=_blown(events))


def build_report(state: GameState, side: int, turn: int, events: Sequence[Event], viewer: int | None,
                 blown: Sequence[Hex] | None = None) -> PhaseReport:
    """What ``side``'s phase of ``turn`` did, in words for ``viewer`` (None: a neutral spectator).

    ``blown``: the hexes wrecked in the phase, also those out of the viewer's sight (None: the
    ``Demolished`` among ``events``)."""
    scn = state.scenario
    date = scn.date_of(turn)
    report = PhaseReport(f"{scn.sides[side].name}'s phase: turn {turn}, {date.day} {date:%B}")
    lines = report.lines
    places: list[str] = []
    hexes: dict[str, int] = {}
    for e in events:
        if isinstance(e, HexCaptured):
            if e.place:
                label = next((p.label for p in scn.map.places if p.id == e.place), e.place)
                places.append(f"{_side_name(state, e.side)} takes {label}")
            else:
                hexes[e.side] = hexes.get(e.side, 0) + 1
    for text in places:
        lines.append((text, CAPTURE))
    for sid, n in hexes.items():
        lines.append((f"{_side_name(state, sid)} takes {n} hex{'es' if n > 1 else ''}", palette.TEXT))
    combats = [e for e in events if isinstance(e, Combat)]
    men = [0] * len(scn.sides)
    tanks = [0] * len(scn.sides)
    if combats:
        outcomes: dict[str, int] = {}
        for c in combats:
            outcomes[c.result] = outcomes.get(c.result, 0) + 1
            a = scn.units[scn.unit_index[c.attackers[0]]].side if c.attackers[0] in scn.unit_index else side
            d = 1 - a if len(scn.sides) == 2 else a
            men[a] += c.attacker_losses.get("men", 0)
            men[d] += c.defender_losses.get("men", 0)
            tanks[a] += _tanks(state, c.attacker_losses)
            tanks[d] += _tanks(state, c.defender_losses)
        summary = ", ".join(f"{n} {RESULT_WORDS.get(k, k).lower()}" for k, n in sorted(outcomes.items()))
        lines.append((f"{len(combats)} combat{'s' if len(combats) > 1 else ''}: {summary}", COMBAT))
        for c in combats[:MAX_COMBAT_LINES]:
            lines.append((f"  at {hex_label(state, c.target)}: {RESULT_WORDS.get(c.result, c.result).lower()}; "
                          f"attacker lost {c.attacker_losses.get('men', 0):,} men, "
                          f"defender {c.defender_losses.get('men', 0):,}", palette.TEXT))
        if len(combats) > MAX_COMBAT_LINES:
            lines.append((f"  and {len(combats) - MAX_COMBAT_LINES} more (see the event log, L)", palette.TEXT_DIM))
        for i, s in enumerate(scn.sides):
            lines.append((f"{s.name} lost {men[i]:,} men and {tanks[i]:,} tank{'' if tanks[i] == 1 else 's'} in combat",
                          palette.TEXT_WARN if viewer == i and men[i] else palette.TEXT))
    lines += _wreck_lines(state, events, blown)
    for e in events:
        if isinstance(e, LinkUpMade):
            lines.append((f"{_side_name(state, e.side)} link-up made: {e.name}", CAPTURE))
        elif isinstance(e, SupplyReport) and e.surrendered and (viewer is None or scn.side_index.get(e.side) == viewer):
            lines.append((f"{_side_name(state, e.side)}: {len(e.surrendered)} units out of supply surrendered",
                          palette.TEXT_WARN))
    arrived = [e for e in events if isinstance(e, Arrived)
               and (viewer is None or scn.units[scn.unit_index[e.unit]].side == viewer)]
    if arrived:
        lines.append((f"{len(arrived)} reinforcement{'s' if len(arrived) > 1 else ''} arrived", palette.TEXT_GOOD))
    if not lines:
        lines.append(("No fighting, and nothing changed hands that you could see.", palette.TEXT_DIM))
    supply = supply_line(state, state.side if viewer is None else viewer, named=viewer is None)
    if supply is not None:
        lines.append(supply)
    return report


def _wreck_lines(state: GameState, events: Sequence[Event], blown: Sequence[Hex] | None) -> list[tuple[str, Color]]:
    """A line for the hexes blown in the phase and one for those repaired, each only when there are any."""
    if blown is None:
        blown = _blown(events)
    repaired = [e.hex for e in events if isinstance(e, Repaired)]
    return [(wreck_line(state, what, hexes), color)
            for what, hexes, color in (("blown", blown, palette.WRECK), ("repaired", repaired, palette.TEXT)) if hexes]


def _blown(events: Sequence[Event]) -> list[Hex]:
    return [e.hex for e in events if isinstance(e, Demolished)]


def wreck_line(state: GameState, what: str, hexes: Sequence[Hex]) -> str:
    """"Bridges and track blown: 7, at Dongning, Suifenhe, Hutou and 4 more": how many hexes, and where, by
    the names the log uses, named places before bare hexes, at most ``MAX_WRECK_PLACES`` so it stays one line."""
    labels = sorted(dict.fromkeys(hex_label(state, h) for h in hexes), key=lambda label: label.startswith("("))
    shown, rest = labels[:MAX_WRECK_PLACES], len(labels) - MAX_WRECK_PLACES
    if rest > 0:
        where = ", ".join(shown) + f" and {rest} more"
    elif len(shown) > 1:
        where = ", ".join(shown[:-1]) + " and " + shown[-1]
    else:
        where = shown[0]
    return f"Bridges and track {what}: {len(hexes)}, at {where}"


def supply_line(state: GameState, side: int, *, named: bool = False) -> tuple[str, Color] | None:
    """"Supply: 8,203 of 14,249 t delivered; 5 units low on fuel" for one side, from its last start
    of phase (None before its first, or without supply rules); ``named`` puts the side's name first."""
    if state.scenario.supply is None or state.game_over:
        return None
    log = logistics(state, side)
    needed, delivered, low = int(log["tons_needed"]), int(log["tons_delivered"]), int(log["low_fuel_units"])
    if needed <= 0:
        return None
    who = f"{state.scenario.sides[side].name} supply" if named else "Supply"
    text = f"{who}: {delivered:,} of {needed:,} t delivered"
    if low:
        text += f"; {low} unit{'s' if low > 1 else ''} low on fuel"
    short = delivered < 0.75 * needed or low > 0
    return text, palette.TEXT_WARN if short else palette.TEXT_GOOD


def draw_report(surf: pygame.Surface, area: pygame.Rect, text: Text, report: PhaseReport,
                mouse: tuple[int, int], hint: str = "Enter or click to continue") -> None:
    """A box at the top centre of the map ``area``: the lines, then the Continue button."""
    width = min(640, area.w - 2 * PAD)
    wrapped = [(part, color) for s, color in report.lines for part in text.wrap(s, 18, width - 3 * PAD)]
    line_h = text.size_of("Ag", 18)[1] + 3
    height = 30 + 12 + len(wrapped) * line_h + 14 + BUTTON_H + PAD
    report.rect = pygame.Rect(0, 0, width, height)
    report.rect.midtop = (area.centerx, area.y + 40)
    inner = draw_box(surf, report.rect, text, report.title, (90, 120, 160))
    y = inner.y + 10
    for part, color in wrapped:
        surf.blit(text.render(part, 18, color), (inner.x + PAD, y))
        y += line_h
    b = report.button
    b.rect = pygame.Rect(report.rect.right - PAD - 150, report.rect.bottom - PAD - BUTTON_H, 150, BUTTON_H)
    b.draw(surf, text, mouse)
    tip = text.render(hint, 15, palette.TEXT_DIM)
    surf.blit(tip, tip.get_rect(midleft=(inner.x + PAD, b.rect.centery)))
