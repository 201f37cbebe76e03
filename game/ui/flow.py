"""The game around the map: computer phases, the hotseat hand-over, reports, saves, the end.

``GameFlow`` is the half of the map screen (``App``) that runs the game rather than the map:
it lets computer sides play through their player callable and plays their phase back
(``computer``, ``animation``) with a report after (``turnreport``); at a hotseat it covers the
map between the players (``handover``); it autosaves at the start of every turn, quicksaves
and quickloads (F5 / F9), answers the game menu (Esc), and opens the game-over screen with
its charts (``gameover``, ``history``). It holds no state of its own: ``App`` creates it all
in ``_start``, so a loaded game replaces everything at once.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from game.core.game import Game
from game.core.hexgrid import Hex
from game.core.orders import EndPhase
from game.core.view import visible
from game.persistence.saves import SaveError, autosave, load_game, save_game
from game.ui import palette
from game.ui.animation import PhaseAnimation
from game.ui.computer import play_computer_phase
from game.ui.fog import events_seen_by
from game.ui.gameover import GameOverScreen
from game.ui.gui import Dialog
from game.ui.session import QUICKSAVE, Session, computer_player
from game.ui.turnreport import build_report

if TYPE_CHECKING:
    from game.ui.app import App

EDGE_PX = 4  # the mouse this close to a window edge pans the map that way
EDGE_SPEED = 0.8  # viewports per second the edge pans (times the scroll speed setting)
WATCH_PAUSE_MS = 1500.0  # watching computer against computer: time to read each phase's report
ANIM_MIN_ZOOM = 16  # below this hex size the computer's moves are zoomed in on while they play ...
ANIM_ZOOM = 26  # ... to this size, and the player's view comes back afterwards
GAME_MENU = (("Resume", "resume"), ("Quicksave (F5)", "save"), ("Quickload (F9)", "load"),
             ("Main menu", "menu"), ("Quit game", "quit"))


class GameFlow:
    """Mixed into ``App``; every method works on the App's own attributes."""

    def _after_human_phase(self: App, side: int, turn: int) -> None:
        """A human ended a phase: at a hotseat, cover the map until the next player is ready."""
        events, self._phase_events = self._phase_events, []
        st = self.truth
        if st.game_over or not self.session.hotseat or st.side not in self.session.human_sides:
            return
        self.handover = st.side
        self.select(None)
        self.oob = self.victory = None
        seen = visible(st, st.side)
        self._pending_report = build_report(st, side, turn, events_seen_by(events, self.scenario, st.side, seen),
                                            st.side)

    # --- computer phases, hand-over, reports, the end ---------------------------------------
    def update(self: App, dt_ms: float = 1000 / 60) -> bool:
        """Let time pass: animate, let a computer side play, open the game-over screen.

        Returns whether anything changed (the loop redraws only then or on input). A computer
        side plays one phase per call, so the screen keeps up between phases.
        """
        if self.poll_scenario_files(dt_ms):
            return True
        if self.dialog is not None:
            return False
        return self._time_passes(dt_ms) | self.edge_pan(dt_ms)

    def edge_pan(self: App, dt_ms: float) -> bool:
        """Pan while the pointer rests at a window edge (as in most strategy games); True when the map moved."""
        if not self._edge_armed or self.help_open or self.handover is not None or \
                (self.over is not None and not self.over_hidden):
            return False
        (x, y), (w, h) = self.mouse, self.layout.size
        dx = (x <= EDGE_PX) - (x >= w - 1 - EDGE_PX)
        dy = (y <= EDGE_PX) - (y >= h - 1 - EDGE_PX)
        if not (dx or dy):
            return False
        before = (self.camera.origin_x, self.camera.origin_y)
        step = EDGE_SPEED * self.settings.scroll_speed * min(dt_ms, 50.0) / 1000.0
        self.camera.pan(dx * self.camera.view[2] * step, dy * self.camera.view[3] * step)
        return (self.camera.origin_x, self.camera.origin_y) != before

    def _time_passes(self: App, dt_ms: float) -> bool:
        if self.anim is not None:
            if self.anim.update(dt_ms):
                self.version += 1
            self._follow(self.anim.focus())
            if self.anim.done:
                self._end_animation()
            return True
        if self._wait_ms > 0:
            self._wait_ms -= dt_ms
            return True
        st = self.truth
        if st.game_over:
            if self.over is None:
                self._open_game_over()
                return True
            return False
        if self.handover is not None or st.side not in self.computer_sides:
            return False
        if self.report is not None and not self.session.watching:
            return False  # the player reads what the last computer phase did first
        self._play_computer()
        return True

    def _play_computer(self: App) -> None:
        st = self.truth
        side, turn = st.side, st.turn
        viewer = self.fog_side()
        speed = self.settings.animation_speed
        shown = self.state
        sight = self._sight()
        phase = play_computer_phase(self.game, self.players.get(side) or computer_player(self.session.difficulty),
                                    viewer, animate=speed > 0)
        self.select(None)
        self.report = None
        self._after_change(phase.events, sight, describe=False, hold_log=True)  # no spoilers while it plays
        who = self.scenario.sides[side].name
        self.say(f"{who} has moved" + (": Space skips the animation" if phase.beats and speed > 0 else ""),
                 palette.TEXT)
        if phase.error:
            self.dialog = Dialog("The computer player failed", [phase.error])
        seen = None if viewer is None else sight.get(viewer, False) | visible(self.truth, viewer)
        self._pending_report = build_report(self.truth, side, turn,
                                            events_seen_by(phase.events, self.scenario, viewer, seen), viewer)
        if speed > 0 and phase.beats:
            budget = 1000.0 * self.settings.phase_budget_s if not self.session.watching else 0.0
            self.anim = PhaseAnimation(phase.beats, shown, speed, budget)
            self._camera_before = (self.camera.size, self.camera.origin_x, self.camera.origin_y)
            if self.camera.tile_size < ANIM_MIN_ZOOM:  # a whole-map view would make the moves specks
                self.camera.zoom_to(ANIM_ZOOM)
                focus = self.anim.focus()
                if focus is not None:
                    self.camera.center_on(focus)
            self.version += 1
        else:
            self._after_computer_display()

    def _after_computer_display(self: App) -> None:
        """The computer's phase has been shown: its report, then (watching) a pause to read it."""
        st = self.truth
        self._flush_log()
        report, self._pending_report = self._pending_report, None
        if st.game_over:
            return
        self.report = report
        if st.side not in self.computer_sides:
            self.say(f"{self.scenario.sides[st.side].name} to move", palette.TEXT_GOOD)
        elif self.session.watching and self.settings.animation_speed > 0:
            self._wait_ms = WATCH_PAUSE_MS / self.settings.animation_speed

    def skip_animation(self: App) -> None:
        if self.anim is not None:
            self.anim.skip()
            self._end_animation()

    def _end_animation(self: App) -> None:
        """Back to the player's own view of the map (zoom and place) once the playback is over."""
        self.anim = None
        self.version += 1
        if self._camera_before is not None:
            self.camera.size, self.camera.origin_x, self.camera.origin_y = self._camera_before
            self.camera.clamp()
            self._camera_before = None
        self._after_computer_display()

    def _follow(self: App, h: Hex | None) -> None:
        """Keep the animated action on screen: centre on it when it is out of view."""
        if h is None:
            return
        x, y = self.camera.hex_to_screen(h)
        if not self.layout.map.inflate(-80, -80).collidepoint(x, y):
            self.camera.center_on(h)

    def take_over(self: App) -> None:
        """Hotseat: the next player is at the keyboard; show them their map and what happened."""
        if self.handover is None:
            return
        self.handover = None
        self.version += 1
        self.report, self._pending_report = self._pending_report, None
        self.say(f"{self.scenario.sides[self.truth.side].name} to move", palette.TEXT_GOOD)

    def _open_game_over(self: App) -> None:
        if not self.history.complete:
            self.history.rebuild(self.game)
        if self.truth.turn not in self.history.by_turn:
            self.history.record(self.truth, self.truth.turn)
        self.over = GameOverScreen(self.truth, self.history.turns)
        self.over_hidden = False
        self.report = self.handover = None
        self.oob = self.victory = None
        self.version += 1
        self.say(f"Game over: {self.over.result}", palette.TEXT_WARN)

    # --- saves ----------------------------------------------------------------------------
    def autosave(self: App) -> Path | None:
        """At the start of every turn (and of a new game); keeps the newest five. A failure is only reported."""
        if self.saves_dir is None:
            return None
        try:
            return autosave(self.game, self.saves_dir, keep=5)
        except (SaveError, OSError) as exc:
            self.say(f"Autosave failed: {exc}", palette.TEXT_WARN)
            return None

    def quicksave(self: App) -> None:
        if self.saves_dir is None:
            self.say("Saving is off in this window (no saves folder)", palette.TEXT_WARN)
            return
        path = self.saves_dir / QUICKSAVE
        try:
            save_game(self.game, path)
        except (SaveError, OSError) as exc:
            self.dialog = Dialog("Quicksave failed", [str(exc)])
            return
        self.say(f"Quicksaved (turn {self.truth.turn}) to {path}", palette.TEXT_GOOD)

    def quickload(self: App) -> None:
        if self.saves_dir is None:
            self.say("Loading is off in this window (no saves folder)", palette.TEXT_WARN)
            return
        path = self.saves_dir / QUICKSAVE
        if not path.is_file():
            self.say("No quicksave yet: F5 makes one", palette.TEXT_WARN)
            return
        try:
            game = load_game(path)
        except SaveError as exc:
            self.dialog = Dialog("Cannot load the quicksave", [str(exc)])
            return
        kept = (self.camera.size, self.camera.origin_x, self.camera.origin_y), self.logs, self.scenario.id
        self.load(game)
        if kept[2] == self.scenario.id:  # the same game: keep the view and the log (marked), as a player expects
            self.camera.size, self.camera.origin_x, self.camera.origin_y = kept[0]
            self.camera.clamp()
            for owner, log in kept[1].items():
                if owner in self.logs:
                    log.note(f"Quickloaded: back to turn {game.state.turn}", palette.TEXT_GOOD)
                    self.logs[owner] = log
        self.say(f"Quickloaded turn {game.state.turn} from {path}", palette.TEXT_GOOD)

    def load(self: App, game: Game) -> None:
        """Replace the game by another (a loaded save), played by whoever the save says played it.

        A save without that (older than ``Game.meta``) keeps the people at the desk who they were.
        """
        sides = game.state.scenario.sides
        saved = Session.from_meta(game.meta, [s.id for s in sides])
        if saved is not None:
            self.session = saved
        elif any(s >= len(sides) for s in self.session.human_sides):
            self.session = Session(frozenset({0}), difficulty=self.session.difficulty)
        n_sides = len(sides)
        self.computer_sides = self.session.computer_sides(n_sides)
        self.players = {s: self.players.get(s) or computer_player(self.session.difficulty)
                        for s in self.computer_sides}
        self._start(game)

    # --- the game menu (Esc) and dialogs ----------------------------------------------------
    def open_game_menu(self: App) -> None:
        st = self.truth
        lines = [f"{self.scenario.name}: turn {st.turn} of {self.scenario.turns}, {st.date.day} {st.date:%B %Y}.",
                 "The game is autosaved at the start of every turn; F5 quicksaves, F9 quickloads."]
        self.dialog = Dialog("Game menu", lines, GAME_MENU, warn=False, cancel="resume")

    def ask_quickload(self: App) -> None:
        """F9 and the menu's Quickload: ask first, for the moves since the quicksave are lost."""
        if self.saves_dir is None or not (self.saves_dir / QUICKSAVE).is_file():
            self.quickload()  # says why there is nothing to load
            return
        self.dialog = Dialog("Quickload?", ["Load the quicksave? The moves made since it was saved are lost."],
                             (("Load", "load!"), ("Cancel", "resume")), warn=False, width=620)

    def ask_leave(self: App, action: str) -> None:
        """Main menu and Quit: ask first, and offer to quicksave on the way out."""
        where = "the main menu" if action == "menu" else "the desktop"
        lines = [f"Leave this game for {where}? It was autosaved at the start of turn {self.truth.turn};",
                 "the moves made since are lost unless you save now."]
        self.dialog = Dialog("Leave the game?", lines, (("Save and leave", f"save+{action}"),
                                                         ("Leave", f"{action}!"), ("Cancel", "resume")),
                             warn=False, width=700)

    def _dialog_action(self: App, action: str) -> None:
        self.dialog = None
        if action.startswith("save+"):
            self.quicksave()
            if self.dialog is not None:  # the save failed: stay, the dialog says why
                return
            action = action.removeprefix("save+") + "!"
        if action == "save":
            self.quicksave()
        elif action == "load":
            self.ask_quickload()
        elif action == "load!":
            self.quickload()
        elif action in ("menu", "quit"):
            self.ask_leave(action)
        elif action == "menu!":
            self.exit_request = "menu"
            self.running = False
        elif action == "quit!":
            self.running = False
        elif action == "end!":
            self.order(EndPhase())
        elif action == "end-always":
            self.settings = replace(self.settings, warn_end_phase=False)
            self.order(EndPhase())

    def _over_action(self: App, action: str | None) -> None:
        if action == "map":
            self.over_hidden = True
            self.say("Game over: the Results button (top right) shows the result again", palette.TEXT_DIM)
        elif action == "menu":
            self.exit_request = "menu"
            self.running = False
        elif action == "quit":
            self.running = False

