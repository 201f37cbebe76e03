"""Play by e-mail in the window: New game -> By e-mail, the Load screen's turn files and games, the
opponent's phase played back on the map, and the turn file written when the phase ends.

Two shells stand for two players on two computers, each with its own saves folder; "mailing" a
file is copying it from one player's outbox into the other's inbox.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from game.ai.players import make_player
from game.core.orders import EndPhase
from game.paths import SCENARIOS
from game.pbem.exchange import copy_game
from game.ui.gui import Dialog
from game.ui.loadgame import LoadScreen
from game.ui.newgame import NewGameScreen
from game.ui.pbem_games import inbox, outbox
from game.ui.pbem_setup import PbemSetupScreen
from game.ui.settings import Settings
from game.ui.shell import Shell
from tests.pbem.test_exchange import fixed_secrets
from tests.ui.conftest import SIZE, click_at, draw, key, press

KG = SCENARIOS / "khalkhin_gol_1939"


def _shell(root: Path, speed: float) -> Shell:
    if not pygame.font.get_init():
        pygame.font.init()
    settings = Settings(animation_speed=speed, warn_end_phase=False, first_turn_guide=False)
    return Shell(SIZE, settings=settings, settings_file=root / "settings.json", saves_dir=root / "saves")


def _mail(sender: Shell, receiver: Shell) -> Path:
    """The newest file in the sender's outbox, copied into the receiver's inbox."""
    newest = max(outbox(sender.saves_dir).glob("*.aspbem"), key=lambda p: p.stat().st_mtime_ns)
    inbox(receiver.saves_dir).mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(newest, inbox(receiver.saves_dir) / newest.name))


def _load_row(shell: Shell, kind: str, name: str) -> None:
    """Load game -> the row of ``kind`` whose cells mention ``name`` -> Load."""
    shell.dialog = None
    shell.open_load()
    screen = shell.screen
    assert isinstance(screen, LoadScreen)
    draw(shell)
    i = next(i for i, r in enumerate(screen.list.rows) if r.cells[0] == kind and any(name in c for c in r.cells))
    click_at(shell, screen.list.row_rect(i).center)
    press(shell, screen.buttons, "load")


def _type(shell: Shell, text: str) -> None:
    for ch in text:
        shell.handle(pygame.event.Event(pygame.KEYDOWN, key=ord(ch), mod=0, unicode=ch))
        shell.handle(pygame.event.Event(pygame.KEYUP, key=ord(ch), mod=0, unicode=ch))


def _invite(shell: Shell, name: str = "nomonhan") -> None:
    """New game -> Khalkhin Gol -> By e-mail -> name the game, play the Soviet side -> Create."""
    shell.open_new_game()
    screen = shell.screen
    assert isinstance(screen, NewGameScreen)
    draw(shell)
    i = next(i for i, r in enumerate(screen.list.rows) if r.data.path == KG)
    click_at(shell, screen.list.row_rect(i).center)
    screen.mode.set_value(1)  # Japan under "Play as": the setup starts from it
    press(shell, screen.buttons, "pbem")
    setup = shell.screen
    assert isinstance(setup, PbemSetupScreen) and setup.side.value == 1
    draw(shell)
    click_at(shell, setup.name.box().center)
    for _ in range(len(setup.name.value)):
        key(shell, pygame.K_BACKSPACE)
    _type(shell, name)
    assert setup.name.value == name
    key(shell, pygame.K_TAB)
    key(shell, pygame.K_LEFT)  # the Soviet side
    assert setup.side.value == 0
    press(shell, setup.buttons, "create")


@pytest.fixture
def players(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Shell, Shell]:
    monkeypatch.setattr("game.pbem.seeds.new_secret", fixed_secrets())  # the same dice on every run
    return _shell(tmp_path / "a", 0.0), _shell(tmp_path / "b", 1.0)


def test_two_players_exchange_files_through_the_menus_and_the_map(players: tuple[Shell, Shell]) -> None:
    a, b = players
    _invite(a)
    assert isinstance(a.dialog, Dialog) and "invitation" in " ".join(a.dialog.lines)
    _mail(a, b)
    _load_row(b, "Turn file", "invitation, from soviet")
    assert b.app is None and b.dialog is not None and "joined" in " ".join(b.dialog.lines)
    answer = _mail(b, a)
    _load_row(a, "Turn file", answer.name)
    app = a.app
    assert app is not None and app.pbem is not None and app._human_to_move() and app.truth.side == 0
    orders_game = copy_game(app.game)  # the Soviet phase: the computer player's orders, given on the map
    make_player("ai", "easy")(orders_game)
    for order in orders_game.log:
        if not isinstance(order, EndPhase):
            assert app.order(order) is not None
    assert app.pbem.record.pending  # the phase being played is kept in the player's folder
    played = app.truth.state_hash()
    assert not app.reload_scenario() and "not reloaded" in app.message  # the game keeps its scenario version
    assert app.truth.state_hash() == played
    kept = len(app.pbem.record.pending)
    assert app.game.can_undo  # the last order was a move (the secrets, so the dice, are fixed here)
    key(app, pygame.K_z, pygame.KMOD_CTRL)  # Ctrl+Z: the kept phase forgets the move too
    assert len(app.pbem.record.pending) == kept - 1
    key(app, pygame.K_RETURN)  # end the phase: the turn file is written
    assert app.pbem.sent is not None and app.pbem.sent.is_file()
    assert app.dialog is not None and "Turn file written" in app.dialog.title
    app.dialog = None
    assert not app.update(16) or app.anim is None  # nothing of Japan's to play: it waits for their file
    assert app.truth.side == 1 and app.anim is None
    _mail(a, b)
    _load_row(b, "Turn file", "new, from soviet")
    bapp = b.app
    assert bapp is not None and bapp.pbem is not None
    bapp.update(16)  # the Soviet phase played back through Japan's fog, animated
    assert bapp.anim is not None and bapp.anim.beats
    assert bapp.message.startswith("1st Army Group") and "moved" in bapp.message
    draw(bapp)
    key(bapp, pygame.K_SPACE)
    assert bapp.anim is None and bapp.report is not None
    key(bapp, pygame.K_RETURN)
    assert bapp._human_to_move() and bapp.truth.side == 1
    assert bapp.truth.state_hash() == app.truth.state_hash()
    # the Load screen lists both games with whose turn it is
    a.app = None
    a.open_load()
    rows = {r.cells[0]: r.cells for r in a.screen.list.rows}  # type: ignore[attr-defined]
    assert rows["E-mail"][3].startswith("waiting for")
    assert rows["Turn file"][3] == "opened, from japan"
    b.app = None
    b.open_load()
    b_rows = [r.cells for r in b.screen.list.rows if r.cells[0] == "E-mail"]  # type: ignore[attr-defined]
    assert b_rows and b_rows[0][3] == "your turn (turn 1)"
    _load_row(b, "E-mail", "your turn")  # resumed from the record at Japan's phase
    assert b.app is not None and b.app.truth.state_hash() == app.truth.state_hash()


def test_a_refused_file_is_one_line_in_a_dialog_and_changes_nothing(players: tuple[Shell, Shell]) -> None:
    a, b = players
    _invite(a)
    sent = _mail(a, b)
    edited = sent.read_text().replace('"turn": 1', '"turn": 2', 1)
    sent.write_text(edited)
    before = sorted(p.name for p in b.saves_dir.rglob("*"))
    _load_row(b, "Turn file", "damaged")
    assert b.dialog is not None and len(b.dialog.lines) == 1 and "edited or damaged" in b.dialog.lines[0]
    assert sorted(p.name for p in b.saves_dir.rglob("*")) == before and b.app is None


def test_play_by_email_needs_a_name_and_a_folder(players: tuple[Shell, Shell]) -> None:
    a, _ = players
    a.open_new_game()
    screen = a.screen
    assert isinstance(screen, NewGameScreen)
    press(a, screen.buttons, "pbem")
    setup = a.screen
    assert isinstance(setup, PbemSetupScreen)
    setup.name.value = "  "
    press(a, setup.buttons, "create")
    assert a.dialog is not None and "name" in a.dialog.lines[0]
    assert not (a.saves_dir / "pbem").exists()
    a.dialog = None
    key(a, pygame.K_ESCAPE)
    assert isinstance(a.screen, NewGameScreen)


def test_a_turn_file_dropped_on_the_window_is_opened(players: tuple[Shell, Shell]) -> None:
    a, b = players
    _invite(a)
    invitation = max(outbox(a.saves_dir).glob("*.aspbem"), key=lambda p: p.stat().st_mtime_ns)
    b.handle(pygame.event.Event(pygame.DROPFILE, file=str(invitation)))
    assert b.dialog is not None and "joined" in " ".join(b.dialog.lines)
    assert any(outbox(b.saves_dir).glob("*-001-t01-japan.aspbem"))  # the answer, written at once


def test_the_arrows_and_tab_on_a_play_by_email_row_leave_its_fixed_choices_alone(players: tuple[Shell, Shell]) -> None:
    """Its Play-as has no options (each player plays their own side): stepping it once raised IndexError."""
    a, _ = players
    _invite(a)
    a.dialog = None
    a.open_load()
    screen = a.screen
    assert isinstance(screen, LoadScreen) and screen.entry is None  # the game's row, first
    for k in (pygame.K_RIGHT, pygame.K_TAB, pygame.K_LEFT):
        key(a, k)
    assert not screen.mode.enabled and not screen.difficulty.enabled
    draw(a)
