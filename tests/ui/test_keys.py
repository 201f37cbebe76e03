"""The one key table: the README's key list, the help screen and the map's bindings come from it."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.core.state import GameState
from game.ui import help as help_screen
from game.ui.app import App
from game.ui.keys import BINDINGS, KEY_ACTIONS, readme_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_key_list_is_the_generated_table() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- keys:")
    table = text[text.index("\n", start) + 1: text.index("<!-- /keys -->")].strip()
    assert table == readme_table(), "regenerate the README's key list: python -m game.ui.keys"


def test_the_help_lists_every_binding() -> None:
    shown = {press for press, _ in (*help_screen.KEYS, *help_screen.MOUSE)}
    assert shown == {b.press for b in BINDINGS}


def test_every_plain_key_calls_a_method_of_the_map_screen(tiny: GameState) -> None:
    app = App(tiny, (1280, 800))
    for action, _args in KEY_ACTIONS.values():
        assert callable(getattr(app, action)), action
    legend = app.legend_on
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_k, mod=0, unicode="k"))
    assert app.legend_on != legend


def test_the_overlay_keys_turn_their_overlay_on_and_off(tiny: GameState) -> None:
    """S, Z, F and G call one method with the overlay's name from the key table (``Binding.arg``)."""
    app = App(tiny, (1280, 800))
    for key, name in ((pygame.K_s, "supply"), (pygame.K_z, "zoc"), (pygame.K_f, "fortifications"),
                      (pygame.K_g, "fog")):
        app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))
        assert name in app.overlays.active
        app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))
        assert name not in app.overlays.active
