"""Demolitions on the map screen: the D key, the wreck marker, the hex card, the log lines and their fog, the
computer's phase played back and its report."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.core.events import Demolished, Event, Repaired
from game.core.game import Game
from game.core.orders import Demolish, EndPhase
from game.core.rules.demolition import DemolitionRules
from game.core.state import GameState
from game.core.units import OFF_MAP
from game.ui import info, palette
from game.ui.animation import DEMOLITION_MS
from game.ui.app import App
from game.ui.fog import events_seen_by
from game.ui.overlays import WRECK_BURST_OVER_FROM
from game.ui.turnreport import build_report, wreck_line
from tests.conftest import only_units, unit
from tests.ui.conftest import SIZE, draw, key
from tests.ui.test_controller import Heard

RULES = DemolitionRules(entry_cost=(1.0, 1.0, 4.0, 3.0), mp_share=0.5, repair_days=2)
ROAD = (2, 4)  # a road hex of the tiny map
BARE = (0, 0)  # no road or railway


def _state(tiny: GameState, at: tuple[int, int] = ROAD) -> GameState:
    """The tiny scenario with demolitions, the 124th Rifle Division at ``at`` and one Japanese division far off."""
    tiny.scenario.demolition = RULES
    return only_units(tiny, {"rd_124": at, "id_107": (9, 8)}, turn=2)


def _app(state: GameState) -> App:
    """The Soviet player at the screen, Japan the computer's: the Soviet phase is a person's to order."""
    app = App(state, SIZE, computer_sides=frozenset({1}))
    app.controller.sounds = Heard()
    return app


def _wreck_pixels(app: App, h: tuple[int, int], zoom: int) -> int:
    """How many pixels of the wreck colour the screen shows in and around hex ``h`` at hex size ``zoom``."""
    app.camera.zoom_to(zoom)
    app.camera.center_on(h)
    surf = draw(app)
    x, y = app.camera.hex_to_screen(h)
    s = app.camera.tile_size
    box = pygame.Rect(0, 0, round(2 * s), round(2.6 * s))
    box.center = (round(x), round(y - 0.2 * s))
    pixels = pygame.surfarray.pixels3d(surf)[box.left:box.right, box.top:box.bottom]
    return int(np.all(pixels == palette.WRECK, axis=2).sum())


def test_d_plays_a_demolish_and_the_hex_is_wrecked_logged_and_not_undoable(tiny: GameState) -> None:
    app = _app(_state(tiny))
    app.select("rd_124")
    key(app, pygame.K_d)
    s = app.truth
    h = s.scenario.map.grid.index(ROAD)
    assert app.game.log == [Demolish("rd_124")]
    assert s.wreck_days[h] == RULES.repair_days and s.wreck_side[h] == 0
    assert "blows the bridges and track" in app.message
    assert "124th Rifle Division blows the bridges and track at (2,4)" in [line for line, _ in app.events.entries]
    assert not app.game.can_undo
    assert app.controller.sounds.heard == ["combat"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("at,words", [(BARE, "no road or railway"), (ROAD, "needs 2.0 MP")])
def test_a_refused_d_changes_nothing_and_says_why(tiny: GameState, at: tuple[int, int], words: str) -> None:
    s = _state(tiny, at)
    if at == ROAD:
        s.unit_mp[unit(s, "rd_124")] = 1.0
    app = _app(s)
    app.select("rd_124")
    before, version = s.state_hash(), app.version
    key(app, pygame.K_d)
    assert s.state_hash() == before and not app.game.log and app.version == version
    assert words in app.message and "124th Rifle Division cannot demolish" in app.message
    assert "\n" not in app.message and "Traceback" not in app.message


def test_d_orders_nothing_off_a_persons_phase_or_without_a_selection(tiny: GameState) -> None:
    app = _app(_state(tiny))
    app.demolish_selected()
    assert "Select a unit first" in app.message and not app.game.log
    app.select("rd_124")
    app.handover = 0  # the hotseat's hand-over screen is up: nobody may order
    app.demolish_selected()
    assert "Not your phase" in app.message and not app.game.log


@pytest.mark.parametrize("zoom", [WRECK_BURST_OVER_FROM + 6, WRECK_BURST_OVER_FROM - 8])
def test_the_map_draws_the_wreck_marker_right_after_the_order(tiny: GameState, zoom: int) -> None:
    """Drawn over the counters when zoomed in, under them below: either way it shows round the unit."""
    app = _app(_state(tiny))
    app.select("rd_124")
    assert _wreck_pixels(app, ROAD, zoom) == 0
    key(app, pygame.K_d)
    assert _wreck_pixels(app, ROAD, zoom) > 10


def test_the_marker_goes_when_the_other_side_has_repaired_the_hex(tiny: GameState) -> None:
    s = _state(tiny)
    h = s.scenario.map.grid.index(ROAD)
    s.wreck_days[h], s.wreck_side[h], s.extra["wrecks"] = 1, 1, 1  # Japan blew it; the Soviets hold it
    s.control[h] = 0
    app = App(s, SIZE)  # both sides at this desk: the phases end by order, no computer plays
    assert _wreck_pixels(app, ROAD, 30) > 10
    app.order(EndPhase())
    events = app.order(EndPhase())  # the next turn begins: a day of repair, the last one
    assert events is not None and Repaired(ROAD) in events
    app.handover = None  # look at the map, past the hotseat's hand-over screen
    assert _wreck_pixels(app, ROAD, 30) == 0
    assert "The bridges and track at (2,4) are repaired" in [line for line, _ in app.events.entries]


def test_the_hex_card_says_who_blew_it_and_the_days_of_repair(tiny: GameState) -> None:
    s = _state(tiny)
    h = s.scenario.map.grid.index(ROAD)
    assert not any("blown" in line.text for line in info.hex_lines(s, ROAD, None))
    s.wreck_days[h], s.wreck_side[h], s.extra["wrecks"] = 2, 1, 1
    s.control[h] = 1
    s.unit_hex[:] = OFF_MAP  # no Soviet troops in or next to it: the repair has not begun
    texts = [line.text for line in info.hex_lines(s, ROAD, None)]
    assert ("Bridges and track blown by Japan: 2 days to repair once Soviet Union holds the hex or stands next "
            "to it") in texts
    s.control[h] = 0
    s.wreck_days[h] = 1
    texts = [line.text for line in info.hex_lines(s, ROAD, None)]
    assert "Bridges and track blown by Japan: Soviet Union repairs them, 1 day left" in texts


def test_the_unit_card_hints_at_d_only_where_it_would_work(tiny: GameState) -> None:
    hint = "D: blow the bridges and track here"
    on_road = _state(tiny)
    u = unit(on_road, "rd_124")
    assert any(hint in line.text for line in info.unit_lines(on_road, u, viewer=0))
    assert not any(hint in line.text for line in info.unit_lines(on_road, u, viewer=1))  # the enemy's card
    on_road.unit_hex[u] = on_road.scenario.map.grid.index(BARE)
    assert not any(hint in line.text for line in info.unit_lines(on_road, u, viewer=0))


def test_the_log_names_the_unit_and_the_place(tiny: GameState) -> None:
    assert info.event_text(tiny, Demolished("rd_124", (6, 2))) == \
        "124th Rifle Division blows the bridges and track at Hailar"
    assert info.event_text(tiny, Repaired((2, 4))) == "the bridges and track at (2,4) are repaired"


def test_an_enemy_demolition_is_logged_only_in_sight_and_a_repair_always(tiny: GameState) -> None:
    scn = tiny.scenario
    events: list[Event] = [Demolished("id_107", ROAD), Repaired(BARE)]
    blind = np.zeros(scn.map.grid.size, dtype=bool)
    assert events_seen_by(events, scn, 0, blind) == [Repaired(BARE)]  # the map shows the wreck, not who did it
    seen = blind.copy()
    seen[scn.map.grid.index(ROAD)] = True
    assert events_seen_by(events, scn, 0, seen) == events
    assert events_seen_by(events, scn, 1, blind) == events  # its own unit's doing


SEEN_ROAD = (4, 4)  # a road hex the 124th at ROAD sees
HAILAR = (6, 2)  # a road hex it does not


def _japan_blows(state: GameState, placements: dict[str, tuple[int, int]]) -> App:
    """Japan (the computer) with its units at ``placements`` blows each one's hex in its phase; the Soviet player
    at ROAD has ended the first phase, so Japan's is about to play."""
    state.scenario.demolition = RULES
    only_units(state, {"rd_124": ROAD, **placements}, turn=2)

    def player(game: Game) -> list[Event]:
        return [e for uid in placements for e in game.play(Demolish(uid))]

    app = App(state, SIZE, computer_sides=frozenset({1}), players={1: player})
    app.controller.sounds = Heard()
    key(app, pygame.K_RETURN)  # the Soviet phase ends
    return app


def test_the_report_counts_every_hex_blown_and_names_the_places_not_the_units(tiny: GameState) -> None:
    """Wrecks are public: one blown out of the Soviets' sight is counted and placed, but nobody says by whom."""
    app = _japan_blows(tiny, {"tk_1": SEEN_ROAD, "id_107": HAILAR})
    app.update(16)
    key(app, pygame.K_SPACE)  # skip the playback: the report
    assert app.report is not None
    texts = [text for text, _ in app.report.lines]
    assert "Bridges and track blown: 2, at Hailar and (4,4)" in texts
    assert not any("107th" in text or "1st Tank" in text for text in texts)
    assert not any("repaired" in text for text in texts)


def test_the_report_counts_repairs_and_names_at_most_three_places_named_ones_first(tiny: GameState) -> None:
    roads = [(1, 4), (2, 4), (3, 4), (6, 2)]
    events = [Demolished("id_107", h) for h in roads] + [Repaired((6, 6)), Repaired((0, 6))]
    lines = build_report(tiny, 1, 2, events, viewer=None).lines
    assert ("Bridges and track blown: 4, at Hailar, (1,4), (2,4) and 1 more", palette.WRECK) in lines
    assert ("Bridges and track repaired: 2, at Bayan / Payan and (0,6)", palette.TEXT) in lines
    assert wreck_line(tiny, "repaired", [(0, 6)]) == "Bridges and track repaired: 1, at (0,6)"


def test_a_demolition_in_sight_plays_a_blown_beat_and_one_out_of_sight_none(tiny: GameState) -> None:
    app = _japan_blows(tiny, {"tk_1": SEEN_ROAD, "id_107": HAILAR})
    app.update(16)
    anim = app.anim
    assert anim is not None
    blown = [b for b in anim.beats if b.kind == "demolition"]
    assert [b.target for b in blown] == [SEEN_ROAD]
    assert anim.beat is blown[0] and anim.focus() == SEEN_ROAD
    assert anim.duration(blown[0]) == pytest.approx(DEMOLITION_MS / anim.speed)
    i = tiny.scenario.map.grid.index(SEEN_ROAD)
    assert blown[0].before.wreck_days[i] == 0 and blown[0].after.wreck_days[i] > 0  # the hatching comes after


def test_the_blown_beat_flashes_the_wreck_colour_on_its_hex(tiny: GameState) -> None:
    app = _japan_blows(tiny, {"tk_1": SEEN_ROAD})
    app.update(16)
    assert app.anim is not None and app.anim.beat is not None and app.anim.beat.kind == "demolition"
    assert app.state.wreck_days[tiny.scenario.map.grid.index(SEEN_ROAD)] == 0  # the map shows no wreck yet ...
    assert _wreck_pixels(app, SEEN_ROAD, WRECK_BURST_OVER_FROM + 6) > 50  # ... but the flash is there


def test_an_opponents_turn_file_plays_a_blown_beat_for_a_demolition_in_sight(tiny: GameState) -> None:
    """Play-by-e-mail: opening the other side's turn animates its demolitions as the computer's do."""
    from game.pbem.playback import play_back
    from game.ui.pbem_games import _beat

    tiny.scenario.demolition = DemolitionRules(entry_cost=(1.0, 1.0, 4.0, 3.0), mp_share=0.5, repair_days=2)
    s = only_units(tiny, {"id_107": (6, 2), "rd_124": (5, 3)}, turn=2)
    game = Game(s, 1)
    game.play(EndPhase())
    beats = [b for b in (_beat(x, game) for x in play_back(game, [Demolish("id_107")], 0, frames=True)) if b]
    assert [(b.kind, b.target) for b in beats] == [("demolition", (6, 2))]
