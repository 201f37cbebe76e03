"""The map screen's keys and mouse: what a key, a click, a drag or the wheel does on the map.

``App.handle`` gives an event to the layers that cover the map first (``layers.STACK``); what they
leave comes here. Kept apart from ``App`` (which holds the screen's state and its actions) the way
``MapPainter`` keeps the drawing: this part only decides which of the app's actions an event means.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import info, palette
from game.ui.gui import event_pos as _pos
from game.ui.keys import KEY_ACTIONS
from game.ui.layers import KEYS_CONFIRM, KEYS_END_PHASE

if TYPE_CHECKING:
    from game.ui.app import App

DRAG_THRESHOLD = 5  # pixels a right-button press may move and still count as a click
PAN_STEP = 0.2  # fraction of the viewport an arrow key pans (times the scroll speed setting)
SIDE_SCROLL_STEP = 60  # pixels one wheel step scrolls the side panel
# Arrows only: the letters are overlay toggles (S supply, Z zones, F forts, L log).
KEYS_PAN = {pygame.K_LEFT: (1, 0), pygame.K_RIGHT: (-1, 0), pygame.K_UP: (0, 1), pygame.K_DOWN: (0, -1)}
KEYS_ZOOM_IN = {pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS}
KEYS_ZOOM_OUT = {pygame.K_MINUS, pygame.K_KP_MINUS}


class MapInput:
    """Turns the map's own events into the app's actions; owns nothing but its reference to the app."""

    def __init__(self, app: App) -> None:
        self.app = app

    def event(self, event: pygame.event.Event) -> None:
        """A key, a mouse move, a press, a release or the wheel on the map."""
        t = event.type
        if t == pygame.KEYDOWN:
            self.key(event)
        elif t == pygame.MOUSEMOTION:
            self.motion(event)
        elif t == pygame.MOUSEBUTTONDOWN:
            self.button_down(event)
        elif t == pygame.MOUSEBUTTONUP:
            self.button_up(event)
        elif t == pygame.MOUSEWHEEL:
            self.wheel(event)

    def key(self, event: pygame.event.Event) -> None:
        app = self.app
        k = event.key
        mod = getattr(event, "mod", 0)
        if k == pygame.K_F1:
            app.help_open = not app.help_open
        elif app.help_open:
            if k == pygame.K_ESCAPE or k in KEYS_CONFIRM:
                app.help_open = False
        elif k == pygame.K_z and mod & pygame.KMOD_CTRL:
            app.undo()
        elif k in (pygame.K_F5, pygame.K_F9, pygame.K_o, pygame.K_v):  # over the panels too
            _key_action(app, k)
        elif k == pygame.K_ESCAPE and (app.oob is not None or app.victory is not None) and app.attack is None:
            app.oob = app.victory = None
        elif not self.modal_key(k):
            self.map_key(k)
        app._set_hover()

    def modal_key(self, k: int) -> bool:
        """Keys taken by the attack panel or the result box; True when one took it."""
        app = self.app
        if app.attack is not None and (k == pygame.K_ESCAPE or k in KEYS_END_PHASE or k == pygame.K_TAB):
            if k == pygame.K_ESCAPE:
                app.close_attack()
            elif k in KEYS_CONFIRM:
                app.confirm_attack()
            return True  # Space and Tab would end the phase or change the selection behind it
        if app.result is not None and (k == pygame.K_ESCAPE or k in KEYS_END_PHASE):
            app.result = None
            return True
        return False

    def map_key(self, k: int) -> None:
        app = self.app
        if k == pygame.K_ESCAPE:
            app.open_game_menu()
        elif k in KEYS_END_PHASE:
            app.end_phase()
        elif k in KEY_ACTIONS:  # the plain keys of the one key table (``keys.BINDINGS``)
            _key_action(app, k)
        elif k in KEYS_ZOOM_IN:
            app.camera.zoom_step(1)
        elif k in KEYS_ZOOM_OUT:
            app.camera.zoom_step(-1)
        elif k == pygame.K_TAB:
            app._next_ready_unit()
        elif k in KEYS_PAN:
            dx, dy = KEYS_PAN[k]
            step = PAN_STEP * app.settings.scroll_speed
            app.camera.pan(dx * app.camera.view[2] * step, dy * app.camera.view[3] * step)

    def motion(self, event: pygame.event.Event) -> None:
        app = self.app
        app.mouse = _pos(event)
        buttons = getattr(event, "buttons", (0, 0, 0))
        if buttons[0] and app.minimap.hit(app.mouse):  # dragging on the minimap keeps moving the view
            app.minimap.jump(app.camera, app.mouse)
        elif buttons[1] or buttons[2]:
            app.camera.pan(*event.rel)
            if app._right_down is not None:
                dx, dy = event.pos[0] - app._right_down[0], event.pos[1] - app._right_down[1]
                app._right_dragged |= abs(dx) + abs(dy) > DRAG_THRESHOLD
        app._set_hover()

    def wheel(self, event: pygame.event.Event) -> None:
        app = self.app
        if app.help_open:
            return
        if app.attack is not None and app.attack.rect.collidepoint(app.mouse):
            app.attack.scroll_by(event.y)
        elif app.oob is not None and app.oob.rect.collidepoint(app.mouse):
            app.oob.scroll_by(event.y)
        elif app.victory is not None and app.victory.rect.collidepoint(app.mouse):
            app.victory.scroll_by(event.y)
        elif app.events.rect.collidepoint(app.mouse):
            app.events.scroll_by(event.y)
        elif app.layout.side.collidepoint(app.mouse):
            app.side_scroll -= event.y * SIDE_SCROLL_STEP
        else:
            anchor = app.mouse if app.camera.in_view(*app.mouse) else None
            app.camera.zoom_step(1 if event.y > 0 else -1, anchor)
            app._set_hover()

    def button_down(self, event: pygame.event.Event) -> None:
        app = self.app
        app.mouse = _pos(event)
        app._set_hover()
        if event.button not in (1, 3) or self.floating_click(event):
            return
        if event.button == 1:
            if app.layout.end_button.collidepoint(event.pos):
                if app.over is not None:
                    app.over_hidden = False  # "Results": back to the game-over screen
                else:
                    app.end_phase()
            elif app.layout.oob_button.collidepoint(event.pos):
                app.toggle_oob()
            elif app.layout.vp_button.collidepoint(event.pos):
                app.toggle_victory()
            elif app.minimap.hit(event.pos):
                app.minimap.jump(app.camera, _pos(event))
            elif app.hover is not None:
                if app.attack is not None and _shift(event):
                    app.toggle_attacker_at(app.hover)
                else:
                    app.click_hex(app.hover)
        else:
            app._right_down, app._right_dragged = _pos(event), False

    def floating_click(self, event: pygame.event.Event) -> bool:
        """Clicks on the help, the attack panel, the result box or the log; True when one took it."""
        app = self.app
        pos = _pos(event)
        if app.help_open:
            app.help_open = False
            return True
        if app.attack is not None and app.attack.rect.collidepoint(pos):
            action = app.attack.click(pos) if event.button == 1 else None
            if action == "attack":
                app.confirm_attack()
            elif action == "cancel":
                app.close_attack()
            elif isinstance(action, int):
                app.toggle_attacker(action)
            return True
        if app.result is not None:
            over = app.result.rect.collidepoint(pos)
            app.result = None
            if over:
                return True
        if app.oob is not None and app.oob.rect.collidepoint(pos):
            found = app.oob.click(pos) if event.button == 1 else None
            if found == "switch":
                app.oob.set_side((app.oob.side + 1) % len(app.scenario.sides))
            elif isinstance(found, int):
                app.find_unit(found)
            return True
        if app.victory is not None and app.victory.rect.collidepoint(pos):
            return True
        return app.events.rect.collidepoint(pos)

    def button_up(self, event: pygame.event.Event) -> None:
        app = self.app
        if event.button != 3 or app._right_down is None:
            return
        was_drag = app._right_dragged
        app._right_down, app._right_dragged = None, False
        app.mouse = _pos(event)
        app._set_hover()
        if was_drag or app.hover is None or app.selected is None:
            return
        if app.attack is not None and _shift(event):
            app.toggle_attacker_at(app.hover)
        elif app.attack is not None and app.attack.target == app.hover:
            return
        elif app._attack_target(app.hover):
            app.open_attack(app.hover)
        elif app.move_range is None:
            app.say(info.why_cannot_move(app.state, app.selected), palette.TEXT_WARN)
        else:
            app.attack = None
            app.move_selected_to(app.hover)


def _shift(event: pygame.event.Event) -> bool:
    """Shift held: from the event's ``mod`` when it has one (tests), else the keyboard."""
    mod = getattr(event, "mod", None)
    return bool((pygame.key.get_mods() if mod is None else mod) & pygame.KMOD_SHIFT)


def _key_action(app: App, key: int) -> None:
    """Call the App method the key table names for ``key``, with its argument if it has one."""
    name, args = KEY_ACTIONS[key]
    getattr(app, name)(*args)
