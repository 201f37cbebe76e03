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
from game.ui.gameover import GameOverScreen
from game.ui.gui import Dialog
from game.ui.guide import guide_lines
from game.ui.session import QUICKSAVE, Session, computer_player
from game.ui.turnreport import phase_report

if TYPE_CHECKING:
    from game.ui.app import App

EDGE_PX = 4  # the mouse this close to a window edge pans the map that way
EDGE_SPEED = 0.8  # viewports per second the edge pans (times the scroll speed setting)
WATCH_PAUSE_MS = 1500.0  # watching computer against computer: time to read each phase's report
ANIM_MIN_ZOOM = 16  # below this hex size the computer's moves are zoomed in on while they play ...
ANIM_ZOOM = 26  # ... to this size, and the player's view comes back afterwards
GAME_MENU = (("Resume", "resume"), ("Quicksave (F5)", "save"), ("Save in a new slot", "slot"),
             ("Quickload (F9)", "load"), ("Main menu", "menu"), ("Quit game", "quit"))


class TurnFlow:
    """The game around the map for one App (its owner): computer turns, hand-over, reports, saves, the end."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.guided: set[int] = set()  # sides that saw the first-turn guide

    def after_human_phase(self, side: int, turn: int) -> None:
        """A human ended a phase: at a hotseat, cover the map until the next player is ready."""
        app = self.app
        events, app._phase_events = app._phase_events, []
        if app.pbem is not None:  # play by e-mail: the phase goes out as a turn file
            app.pbem.phase_done(app)
            return
        st = app.truth
        if st.game_over or not app.session.hotseat or st.side not in app.session.human_sides:
            return
        app.handover = st.side
        app.select(None)
        app.oob = app.victory = None
        seen = visible(st, st.side)
        app._pending_report = phase_report(st, side, turn, events, st.side, seen)

    # --- computer phases, hand-over, reports, the end ---------------------------------------
    def update(self, dt_ms: float = 1000 / 60) -> bool:
        """Let time pass: animate, let a computer side play, open the game-over screen.

        Returns whether anything changed (the loop redraws only then or on input). A computer
        side plays one phase per call, so the screen keeps up between phases.
        """
        app = self.app
        if app.reloader.poll_scenario_files(dt_ms):
            return True
        if app.dialog is not None:
            return False
        return self._time_passes(dt_ms) | self.edge_pan(dt_ms) | self._first_turn_guide()

    def _first_turn_guide(self) -> bool:
        """Turn 1, a human side to move with the map in front of it: the newcomer's page, once per side."""
        app = self.app
        st = app.truth
        if (not app.settings.first_turn_guide or st.turn != 1 or st.side in self.guided or app.report is not None
                or not app._human_to_move() or app.game.log):
            return False
        self.guided.add(st.side)
        app.dialog = Dialog(f"First turn: {app.scenario.name}", guide_lines(st, st.side),
                            (("Start", "resume"), ("Don't show again", "guide-off")), warn=False, width=760)
        return True

    def edge_pan(self, dt_ms: float) -> bool:
        """Pan while the pointer rests at a window edge (as in most strategy games); True when the map moved."""
        app = self.app
        if not app._edge_armed or app.help_open or app.handover is not None or \
                (app.over is not None and not app.over_hidden):
            return False
        (x, y), (w, h) = app.mouse, app.layout.size
        dx = (x <= EDGE_PX) - (x >= w - 1 - EDGE_PX)
        dy = (y <= EDGE_PX) - (y >= h - 1 - EDGE_PX)
        if not (dx or dy):
            return False
        before = (app.camera.origin_x, app.camera.origin_y)
        step = EDGE_SPEED * app.settings.scroll_speed * min(dt_ms, 50.0) / 1000.0
        app.camera.pan(dx * app.camera.view[2] * step, dy * app.camera.view[3] * step)
        return (app.camera.origin_x, app.camera.origin_y) != before

    def _time_passes(self, dt_ms: float) -> bool:
        app = self.app
        if app.anim is not None:
            if app.anim.update(dt_ms):
                app.version += 1
            self._follow(app.anim.focus())
            if app.anim.done:
                self._end_animation()
            return True
        if app._wait_ms > 0:
            app._wait_ms -= dt_ms
            return True
        st = app.truth
        if st.game_over:
            if app.over is None:
                self._open_game_over()
                return True
            return False
        if app.handover is not None or st.side not in app.computer_sides:
            return False
        if app.report is not None and not app.session.watching:
            return False  # the player reads what the last computer phase did first
        if app.pbem is not None and app.pbem.waiting:
            return False  # the opponent's phase comes by their next turn file
        self._play_computer()
        return True

    def _play_computer(self) -> None:
        app = self.app
        st = app.truth
        side, turn = st.side, st.turn
        viewer = app.fog_side()
        speed = app.settings.animation_speed
        shown = app.state
        sight = app.controller.sight()
        if app.pbem is not None:  # the opponent's phase from their turn file, through this side's fog
            phase = app.pbem.play_opponent(app.game, animate=speed > 0)
        else:
            phase = play_computer_phase(app.game, app.players.get(side) or computer_player(app.session.difficulty),
                                        viewer, animate=speed > 0)
        app.select(None)
        app.report = None
        app.controller.after_change(phase.events, sight, describe=False, hold_log=True)  # no spoilers while it plays
        who = app.scenario.sides[side].name
        app.say(f"{who} has moved" + (": Space skips the animation" if phase.beats and speed > 0 else ""),
                 palette.TEXT)
        if phase.error:
            app.dialog = Dialog("The computer player failed", [phase.error])
        seen = None if viewer is None else sight.get(viewer, False) | visible(app.truth, viewer)
        app._pending_report = phase_report(app.truth, side, turn, phase.events, viewer, seen)
        if speed > 0 and phase.beats:
            budget = 1000.0 * app.settings.phase_budget_s  # 0: every move at the animation speed
            app.anim = PhaseAnimation(phase.beats, shown, speed, budget)
            app._camera_before = (app.camera.size, app.camera.origin_x, app.camera.origin_y)
            if app.camera.tile_size < ANIM_MIN_ZOOM:  # a whole-map view would make the moves specks
                app.camera.zoom_to(ANIM_ZOOM)
                focus = app.anim.focus()
                if focus is not None:
                    app.camera.center_on(focus)
            app.version += 1
        else:
            self._after_computer_display()

    def _after_computer_display(self) -> None:
        """The computer's phase has been shown: its report, then (watching) a pause to read it."""
        app = self.app
        st = app.truth
        app.controller.flush_log()
        report, app._pending_report = app._pending_report, None
        if st.game_over:
            return
        app.report = report
        if st.side not in app.computer_sides:
            app.say(f"{app.scenario.sides[st.side].name} to move", palette.TEXT_GOOD)
        elif app.session.watching and app.settings.animation_speed > 0:
            app._wait_ms = WATCH_PAUSE_MS / app.settings.animation_speed

    def skip_animation(self) -> None:
        app = self.app
        if app.anim is not None:
            app.anim.skip()
            self._end_animation()

    def _end_animation(self) -> None:
        """Back to the player's own view of the map (zoom and place) once the playback is over."""
        app = self.app
        app.anim = None
        app.version += 1
        if app._camera_before is not None:
            app.camera.size, app.camera.origin_x, app.camera.origin_y = app._camera_before
            app.camera.clamp()
            app._camera_before = None
        self._after_computer_display()

    def _follow(self, h: Hex | None) -> None:
        """Keep the animated action on screen: centre on it when it is out of view."""
        app = self.app
        if h is None:
            return
        x, y = app.camera.hex_to_screen(h)
        if not app.layout.map.inflate(-80, -80).collidepoint(x, y):
            app.camera.center_on(h)

    def take_over(self) -> None:
        """Hotseat: the next player is at the keyboard; show them their map and what happened."""
        app = self.app
        if app.handover is None:
            return
        app.handover = None
        app.version += 1
        app.report, app._pending_report = app._pending_report, None
        app.say(f"{app.scenario.sides[app.truth.side].name} to move", palette.TEXT_GOOD)

    def _open_game_over(self) -> None:
        app = self.app
        if not app.history.complete:
            app.history.rebuild(app.game)
        if app.truth.turn not in app.history.by_turn:
            app.history.record(app.truth, app.truth.turn)
        app.over = GameOverScreen(app.truth, app.history.turns)
        app.over_hidden = False
        app.report = app.handover = None
        app.oob = app.victory = None
        app.version += 1
        app.say(f"Game over: {app.over.result}", palette.TEXT_WARN)

    # --- saves ----------------------------------------------------------------------------
    def autosave(self) -> Path | None:
        """At the start of every turn (and of a new game); keeps the newest five. A failure is only reported."""
        app = self.app
        if app.saves_dir is None:
            return None
        try:
            return autosave(app.game, app.saves_dir, keep=5)
        except (SaveError, OSError) as exc:
            app.say(f"Autosave failed: {exc}", palette.TEXT_WARN)
            return None

    def quicksave(self) -> None:
        app = self.app
        self._save_to(app.saves_dir / QUICKSAVE if app.saves_dir is not None else None, "Quicksave")

    def save_slot(self) -> Path | None:
        """The game menu's "Save in a new slot": a save of its own beside the quicksave, named by scenario,
        turn and phase and numbered (the Load screen lists it as "save-<scenario> turn 4 phase 1-2")."""
        app = self.app
        if app.saves_dir is None:
            return self._save_to(None, "Save")
        st = app.truth
        stem = f"save-{app.scenario.id}-t{st.turn:02d}-p{st.phase}"
        n = 1
        while (app.saves_dir / f"{stem}-{n}.json").exists():
            n += 1
        return self._save_to(app.saves_dir / f"{stem}-{n}.json", "Save")

    def _save_to(self, path: Path | None, what: str) -> Path | None:
        """Write the game to ``path`` and say so; a failure is a dialog (None: saving is off here)."""
        app = self.app
        if path is None:
            app.say("Saving is off in this window (no saves folder)", palette.TEXT_WARN)
            return None
        try:
            save_game(app.game, path)
        except (SaveError, OSError) as exc:
            app.dialog = Dialog(f"{what} failed", [str(exc)])
            return None
        done = "Quicksaved" if what == "Quicksave" else "Saved"
        app.say(f"{done} (turn {app.truth.turn}) to {path}", palette.TEXT_GOOD)
        return path

    def quickload(self) -> None:
        app = self.app
        if app.saves_dir is None:
            app.say("Loading is off in this window (no saves folder)", palette.TEXT_WARN)
            return
        path = app.saves_dir / QUICKSAVE
        if not path.is_file():
            app.say("No quicksave yet: F5 makes one", palette.TEXT_WARN)
            return
        try:
            game = load_game(path)
        except SaveError as exc:
            app.dialog = Dialog("Cannot load the quicksave", [str(exc)])
            return
        kept = (app.camera.size, app.camera.origin_x, app.camera.origin_y), app.logs, app.scenario.id
        self.load(game)
        if kept[2] == app.scenario.id:  # the same game: keep the view and the log (marked), as a player expects
            app.camera.size, app.camera.origin_x, app.camera.origin_y = kept[0]
            app.camera.clamp()
            for owner, log in kept[1].items():
                if owner in app.logs:
                    log.note(f"Quickloaded: back to turn {game.state.turn}", palette.TEXT_GOOD)
                    app.logs[owner] = log
        app.say(f"Quickloaded turn {game.state.turn} from {path}", palette.TEXT_GOOD)

    def load(self, game: Game) -> None:
        """Replace the game by another (a loaded save), played by whoever the save says played it.

        A save without that (older than ``Game.meta``) keeps the people at the desk who they were.
        """
        app = self.app
        sides = game.state.scenario.sides
        saved = Session.from_meta(game.meta, [s.id for s in sides])
        if saved is not None:
            app.session = saved
        elif any(s >= len(sides) for s in app.session.human_sides):
            app.session = Session(frozenset({0}), difficulty=app.session.difficulty)
        n_sides = len(sides)
        app.computer_sides = app.session.computer_sides(n_sides)
        app.players = {s: app.players.get(s) or computer_player(app.session.difficulty)
                        for s in app.computer_sides}
        app._start(game)

    # --- the game menu (Esc) and dialogs ----------------------------------------------------
    def open_game_menu(self) -> None:
        app = self.app
        st = app.truth
        lines = [f"{app.scenario.name}: turn {st.turn} of {app.scenario.turns}, {st.date.day} {st.date:%B %Y}.",
                 "The game is autosaved at the start of every turn; F5 quicksaves, F9 quickloads."]
        app.dialog = Dialog("Game menu", lines, GAME_MENU, warn=False, cancel="resume")

    def ask_quickload(self) -> None:
        """F9 and the menu's Quickload: ask first, for the moves since the quicksave are lost."""
        app = self.app
        if app.saves_dir is None or not (app.saves_dir / QUICKSAVE).is_file():
            self.quickload()  # says why there is nothing to load
            return
        app.dialog = Dialog("Quickload?", ["Load the quicksave? The moves made since it was saved are lost."],
                             (("Load", "load!"), ("Cancel", "resume")), warn=False, width=620)

    def ask_leave(self, action: str) -> None:
        """Main menu and Quit: ask first, and offer to quicksave on the way out."""
        app = self.app
        where = "the main menu" if action == "menu" else "the desktop"
        lines = [f"Leave this game for {where}? It was autosaved at the start of turn {app.truth.turn};",
                 "the moves made since are lost unless you save now."]
        app.dialog = Dialog("Leave the game?", lines, (("Save and leave", f"save+{action}"),
                                                         ("Leave", f"{action}!"), ("Cancel", "resume")),
                             warn=False, width=700)

    def dialog_action(self, action: str) -> None:
        app = self.app
        app.dialog = None
        if action.startswith("save+"):
            self.quicksave()
            if app.dialog is not None:  # the save failed: stay, the dialog says why
                return
            action = action.removeprefix("save+") + "!"
        if action == "save":
            self.quicksave()
        elif action == "slot":
            self.save_slot()
        elif action == "load":
            self.ask_quickload()
        elif action == "load!":
            self.quickload()
        elif action in ("menu", "quit"):
            self.ask_leave(action)
        elif action == "menu!":
            app.exit_request = "menu"
            app.running = False
        elif action == "quit!":
            app.running = False
        elif action == "end!":
            app.order(EndPhase())
        elif action == "guide-off":
            app.change_settings(replace(app.settings, first_turn_guide=False))
        elif action == "end-always":
            app.change_settings(replace(app.settings, warn_end_phase=False))
            app.order(EndPhase())

    def over_action(self, action: str | None) -> None:
        app = self.app
        if action == "map":
            app.over_hidden = True
            app.say("Game over: the Results button (top right) shows the result again", palette.TEXT_DIM)
        elif action == "menu":
            app.exit_request = "menu"
            app.running = False
        elif action == "quit":
            app.running = False

