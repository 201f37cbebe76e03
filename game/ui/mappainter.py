"""The map screen's picture: the map, paths, marks and animation over it, the side panel's sections and
the floating boxes. Split from ``App``, which owns a ``MapPainter`` and keeps the state it draws; the
painter reaches it through ``self.app``, as the other parts do."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.hexgrid import Hex
from game.core.orders import Attack, IllegalOrder
from game.core.rules.battle import preview
from game.core.rules.movement import hex_path
from game.core.rules.supply import Deliveries
from game.core.state import GameState
from game.ui import combat_info, info, overlays, palette
from game.ui.animation import draw_flash, draw_move_trail
from game.ui.counters import MARKS, STATUS, counter_dims
from game.ui.help import HINT, draw_help
from game.ui.panels import (
    InfoLine,
    draw_side_panel,
    draw_status,
    draw_top_bar,
    render_legend,
    render_overlay_legend,
    render_side_content,
    stack_surfaces,
)
from game.ui.turnreport import draw_report

SIDE_PANELS_KEPT = 4  # side panels kept drawn (an overlay toggled back and forth, a hover going back)
LEGENDS_KEPT = 8  # legends kept, one per panel width and set of overlays on

if TYPE_CHECKING:
    from game.ui.app import App


class MapPainter:
    """Draws what ``App`` holds; owns nothing but its reference to the app."""

    def __init__(self, app: App) -> None:
        self.app = app

    def draw_map_screen(self, surf: pygame.Surface) -> None:
        app = self.app
        if app._drawn_version != app.version:  # hexes may have changed hands
            app.layer.sync_control(app.state.control)
            app._drawn_version = app.version
        surf.blit(app.mapview.scene(), app.layout.map, app.layout.map)  # the panels cover the rest
        clip = surf.get_clip()
        surf.set_clip(app.layout.map)
        planned = self._planned_move() if app.attack is None else None
        if planned is not None:
            overlays.draw_path(surf, app.camera, planned[0])
        if app.anim is not None:
            app.mapview.draw_units(surf, app.mapview.stacks(), pygame.Rect(app.layout.map))
            self._draw_animation(surf)
            app.overlays.draw_over_units(surf, app.camera, app.state, app.text)
        self._draw_attack_marks(surf)
        if app.hover is not None:
            overlays.draw_hover(surf, app.camera, app.hover)
        if planned is not None:
            overlays.draw_cost_tag(surf, app.camera, planned[0][-1], planned[1], app.text)
        elif app.attack is None and app.hover is not None and app._attack_target(app.hover):
            overlays.draw_cost_tag(surf, app.camera, app.hover, self._prediction() or "Attack", app.text,
                                   palette.ATTACK)
        app.minimap.draw(surf, app.camera, app.state.control, app.layout.map)
        surf.set_clip(clip)
        self._draw_panels(surf)
        self._draw_floating(surf)

    def _draw_attack_marks(self, surf: pygame.Surface) -> None:
        app = self.app
        if app.attack is None:
            return
        grid = app.scenario.map.grid
        sources = [grid.hex_at(int(app.state.unit_hex[u])) for u in app.attack.attackers]
        overlays.draw_attack_marks(surf, app.camera, sources, app.attack.target, palette.ATTACK)

    def _draw_animation(self, surf: pygame.Surface) -> None:
        """The computer's move being played back: the trail and the gliding counter, or a combat's or a
        demolition's flash."""
        app = self.app
        anim = app.anim
        beat = anim.beat if anim is not None else None
        if anim is None or beat is None:
            return
        if beat.kind != "move":
            draw_flash(surf, app.camera, beat, anim.progress(), app.text)
            return
        pos = anim.mover_position(app.camera)
        if pos is None:
            return
        draw_move_trail(surf, app.camera, beat.path, anim.progress() * (len(beat.path) - 1))
        w, h = counter_dims(app.camera.tile_size)
        app.counters.draw_stack(surf, [app.mapview.look(beat.unit, w, h)], pos)

    def _draw_floating(self, surf: pygame.Surface) -> None:
        """The boxes over the map (log, panels, attack panel, result, report), then the help over everything."""
        app = self.app
        area = app.layout.map
        if app.oob is None:  # the browser takes the log's corner of the map
            app.events.draw(surf, area, app.text)
        else:
            app.events.rect = pygame.Rect(0, 0, 0, 0)
        if app.oob is not None:
            app.oob.draw(surf, area, app.text, app.state, app.mouse, can_switch=app.session.watching
                          or app.truth.game_over)
        if app.victory is not None:
            app.victory.draw(surf, area, app.text, app.state)
        if app.attack is not None:
            x = app.camera.hex_to_screen(app.attack.target)[0]
            app.attack.draw(surf, area, app.state, app.text, x, app.mouse)
        if app.result is not None:
            x = app.camera.hex_to_screen(app.result.combat.target)[0]
            app.result.draw(surf, area, app.text, x)
        if app.report is not None:
            draw_report(surf, area, app.text, app.report, app.mouse)
        if app.anim is not None:
            tip = app.text.render_halo("Space: skip the animation", 18, palette.TEXT, (0, 0, 0), bold=True)
            surf.blit(tip, tip.get_rect(midtop=(area.centerx, area.y + 8)))
        if app.help_open:
            draw_help(surf, pygame.Rect((0, 0), app.layout.size), app.text)




    def _planned_move(self) -> tuple[list[Hex], str] | None:
        """The path and cost label to the hovered hex, when the selected unit may end there."""
        app = self.app
        mr, h = app.move_range, app.hover
        if mr is None or h is None:
            return None
        i = app.scenario.map.grid.index(h)
        if i == mr.start or not mr.can_end[i]:
            return None
        path = mr.path_to(i)
        if not path:
            return None
        return hex_path(app.state, path), f"{info.mp(float(mr.cost[i]))} MP"

    def _draw_panels(self, surf: pygame.Surface) -> None:
        app = self.app
        st = app.state
        items = info.top_items(st, app.computer_sides, "by e-mail" if app.pbem is not None else "computer")
        active = app.overlays.names()
        if active:
            items.append(InfoLine("Overlays: " + ", ".join(active), palette.CUT_OFF, size=17))
        toggles = ((app.layout.oob_button, "Forces (O)", app.oob is not None),
                   (app.layout.vp_button, "Victory (V)", app.victory is not None))
        label, enabled = ("Results", True) if app.over is not None else ("End phase", app._human_to_move())
        draw_top_bar(surf, app.layout, app.text, items, label, enabled, app.mouse, toggles)
        sections = self._side_sections(st)
        legend = self._legend_surface() if app.legend_on else None
        key = (tuple((title, tuple(lines)) for title, lines in sections), self._legend_key(), app.legend_on,
               app.layout.side.w)
        content = app._side_panels.get(key)
        if content is None:  # the panel only changes with its text: blit it (a toggled overlay's comes back)
            content = render_side_content(app.text, app.layout.side.w, sections, legend)
            app._side_panels[key] = content
            if len(app._side_panels) > SIDE_PANELS_KEPT:
                app._side_panels.popitem(last=False)
        else:
            app._side_panels.move_to_end(key)
        app.side_scroll = draw_side_panel(surf, app.layout.side, app.text, content, app.side_scroll)
        draw_status(surf, app.layout, app.text, app.message, app.message_color, HINT)

    def _side_sections(self, st: GameState) -> list[tuple[str, list[InfoLine]]]:
        """The unit card (its equipment folded unless E opened it), the hex card, or the briefing."""
        app = self.app
        sections = []
        if app.selected is not None:
            sections.append(("Selected unit", info.unit_lines(st, app.selected, app.fog_side(),
                                                              self._deliveries_for(app.selected),
                                                              equipment=app.equipment_open)))
        if app.hover is not None:
            attack = app._attack_target(app.hover)
            lines = info.hex_lines(st, app.hover, app.move_range, attack=attack)
            if attack and self._prediction():
                lines.append(InfoLine(self._prediction(), palette.TEXT_WARN, size=16, wrap=True))
            sections.append(("Hex", lines + self._mark_lines(app.hover)))
        if not sections:
            sections.append((app.scenario.name, info.scenario_lines(st)))
        return sections

    def _mark_lines(self, h: Hex) -> list[InfoLine]:
        """The tooltip of the hovered stack's counters: each unit's marks in words (the map shows letters)."""
        app = self.app
        out = []
        w, hh = counter_dims(app.camera.tile_size)
        for u in app.mapview.stacks().get(app.scenario.map.grid.index(h), []):
            look = app.mapview.look(u, w, hh)
            words = [STATUS[m][2] for m in look.status] + [MARKS[m][2] for m in look.marks]
            if look.spent:
                words.append("no movement left (dimmed)")
            if words:
                out.append(InfoLine(f"{app.scenario.units[u].name}: " + "; ".join(words), palette.TEXT_DIM, size=15,
                                    wrap=True))
        return out

    def _prediction(self) -> str:
        """The one-line predicted result of the selected unit attacking the hovered hex alone (cached per
        state, unit and hex: the engine's preview changes nothing, not even the RNG)."""
        app = self.app
        if app.selected is None or app.hover is None:
            return ""
        key = (app.version, app.selected, app.hover)
        if app._predicted[0] != key:
            order = Attack((app.scenario.units[app.selected].id,), app.hover)
            try:
                line = combat_info.prediction_line(app.state, preview(app.state, order))
            except IllegalOrder:
                line = ""
            app._predicted = (key, line)
        return app._predicted[1]

    def _deliveries_for(self, unit: int) -> Deliveries | None:
        """The day of supply of the unit's side, when the side at the screen may know it (cached per state)."""
        app = self.app
        side = int(app.scenario.unit_side[unit])
        fog = app.fog_side()
        if fog is not None and side != fog:
            return None
        return app.overlays.deliveries(app.state, side, app.version)

    def _legend_key(self) -> tuple[object, ...]:
        app = self.app
        return app.layout.side.w, tuple(sorted(app.overlays.active))

    def _legend_surface(self) -> pygame.Surface:
        """The overlay keys and samples above the map legend, one per set of overlays on (kept: toggling
        an overlay back and forth reuses them)."""
        app = self.app
        key = self._legend_key()
        legend = app._legends.get(key)
        if legend is None:
            if len(app._legends) >= LEGENDS_KEPT:
                app._legends.clear()
            sides = tuple((side.name, color) for side, color in zip(app.scenario.sides, app.side_colors, strict=True))
            base = render_legend(app.text, app.scenario.map, app.layout.side.w, sides,
                                 wrecks=app.scenario.demolition is not None)
            extra = render_overlay_legend(app.text, sorted(app.overlays.active), app.layout.side.w)
            legend = app._legends[key] = stack_surfaces(extra, base, gap=8)
        return legend
