"""The one table of the map screen's keys and mouse actions.

The help screen (F1), the README's key list and the map's simple key bindings are all made
from ``BINDINGS``, so none of them can drift from the others: a key added here shows in the
help at once, and ``tests/ui/test_keys.py`` fails until the README's table is regenerated
(``python -m game.ui.keys`` prints it).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Binding:
    """One row: what the player presses (as the help spells it), what it does, and, for a plain key the
    map screen answers by calling one of its methods, the pygame keys and the method's name."""

    press: str
    what: str
    mouse: bool = False
    keys: tuple[int, ...] = ()
    action: str = ""  # the App method called ("" : handled in code, by context)
    arg: str = ""  # the one argument it is called with, if any (an overlay's name)
    view: bool = False  # only looks: allowed while the computer's moves play back


BINDINGS: tuple[Binding, ...] = (
    Binding("Enter / Space", "end the phase (asks first while units can still act; Enter confirms an open attack)"),
    Binding("Esc", "close the attack panel, result or help; else the game menu"),
    Binding("Tab", "next unit that can still move (zooms in to it)"),
    Binding("Ctrl+Z", "undo the last move (until contact, an attack, a demolition or the phase end); its log line "
                      "goes too"),
    Binding("D", "demolish: the selected unit blows the bridges and track of its hex (half its movement; "
                 "no undo)", keys=(pygame.K_d,), action="demolish_selected"),
    Binding("F5", "quicksave", keys=(pygame.K_F5,), action="quicksave"),
    Binding("F9", "quickload (asks first; the view and the log stay)", keys=(pygame.K_F9,), action="ask_quickload"),
    Binding("Ctrl+R", "reload the scenario's files (designers; automatic while \"Watch scenario files\" is on)"),
    Binding("O", "order of battle: find any of your units", keys=(pygame.K_o,), action="toggle_oob"),
    Binding("V", "victory: objectives, who holds them, points", keys=(pygame.K_v,), action="toggle_victory"),
    Binding("S", "supply overlay: what the lorries deliver (green full to red cut off), railheads",
            keys=(pygame.K_s,), action="toggle_overlay", arg="supply", view=True),
    Binding("Z", "enemy zones of control overlay", keys=(pygame.K_z,), action="toggle_overlay", arg="zoc", view=True),
    Binding("F", "fortifications overlay", keys=(pygame.K_f,), action="toggle_overlay", arg="fortifications",
            view=True),
    Binding("G", "fog overlay: hexes the side to move cannot see, dimmed", keys=(pygame.K_g,),
            action="toggle_overlay", arg="fog", view=True),
    Binding("C", "cost overlay: the selected unit's movement cost to each hex", keys=(pygame.K_c,),
            action="toggle_overlay", arg="cost", view=True),
    Binding("L", "show or hide the event log", keys=(pygame.K_l,), action="toggle_log", view=True),
    Binding("K", "show or hide the legend in the side panel", keys=(pygame.K_k,), action="toggle_legend", view=True),
    Binding("E", "unfold or fold the selected unit's equipment list", keys=(pygame.K_e,), action="toggle_equipment",
            view=True),
    Binding("+ / -", "zoom in / out"),
    Binding("Arrows", "pan the map (or rest the pointer at a window edge)"),
    Binding("Home", "fit the whole map", keys=(pygame.K_HOME,), action="fit_map", view=True),
    Binding("Space", "skip the other side's animation"),
    Binding("F1", "this help"),
    Binding("Left click", "select a unit (again: the next one in the stack that may still move)", mouse=True),
    Binding("Right click", "move the selected unit to a shaded hex (hover shows path and cost)", mouse=True),
    Binding("Hover an enemy", "with a unit selected: the predicted result in one line", mouse=True),
    Binding("Click adjacent enemy", "open the attack preview (left or right)", mouse=True),
    Binding("Shift+click", "add/remove a friendly unit next to the target as attacker", mouse=True),
    Binding("Right or middle drag", "pan the map", mouse=True),
    Binding("Wheel", "zoom (scrolls over the event log, side panel and attack panel)", mouse=True),
    Binding("Top-right buttons", "Forces, Victory, End phase", mouse=True),
)

KEYS: tuple[tuple[str, str], ...] = tuple((b.press, b.what) for b in BINDINGS if not b.mouse)
MOUSE: tuple[tuple[str, str], ...] = tuple((b.press, b.what) for b in BINDINGS if b.mouse)
KEY_ACTIONS: dict[int, tuple[str, tuple[str, ...]]] = {k: (b.action, (b.arg,) if b.arg else ())
                                                       for b in BINDINGS if b.action for k in b.keys}
VIEW_KEYS: frozenset[int] = frozenset(k for b in BINDINGS if b.view for k in b.keys)


def readme_table() -> str:
    """The README's table of keys and mouse actions (between its key-table markers)."""
    rows = ["| key or mouse | what it does |", "| --- | --- |"]
    rows += [f"| {b.press} | {b.what} |" for b in BINDINGS]
    return "\n".join(rows)


if __name__ == "__main__":
    print(readme_table())
