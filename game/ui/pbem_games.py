"""Play by e-mail in the window: the menus' entry points and the map screen's link to its turn files.

All the checking and bookkeeping is ``game.pbem``'s; this module only calls it and shows the
outcome. The player's folder is ``<saves>/pbem`` (one record per game), their turn files are
written to ``<saves>/pbem/outbox`` and the Load screen lists the files put in ``<saves>/pbem/inbox``
(or dropped on the window). Opening the opponent's file plays their phase back on the map
through the player's own fog, at the animation speed of the settings (``PbemLink``); ending
the player's phase writes the next file. A PBEM game is never autosaved or quicksaved as an
ordinary save: its record is its save.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.core.events import Event
from game.core.game import Game
from game.core.orders import Order
from game.core.units import OFF_MAP
from game.pbem.exchange import Opened, new_game, open_turn_file, rebuild, resend, send
from game.pbem.folder import Listed, PbemGame, find_record, list_games, load_record, newest_first, save_record
from game.pbem.playback import ATTACK, DEMOLITION, MOVE, Seen, play_back
from game.pbem.turnfile import SUFFIX, TurnFileError, read_turn_file
from game.persistence.saves import order_to_json
from game.ui import palette
from game.ui.computer import Beat, ComputerPhase
from game.ui.gui import Dialog, Row
from game.ui.session import Session

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.shell import Shell

PBEM_DIR = "pbem"


def folder(saves_dir: Path) -> Path:
    return saves_dir / PBEM_DIR


def outbox(saves_dir: Path) -> Path:
    return folder(saves_dir) / "outbox"


def inbox(saves_dir: Path) -> Path:
    return folder(saves_dir) / "inbox"


def _side_names(game: Game) -> dict[str, str]:
    return {s.id: s.name for s in game.state.scenario.sides}


@dataclass
class PbemLink:
    """The map screen's play-by-e-mail game: its record, and the opponent's orders still to play back."""

    folder: Path
    record: PbemGame
    orders: list[Order] = field(default_factory=list)
    sent: Path | None = None

    @property
    def waiting(self) -> bool:
        """Nothing of the opponent's left to show: their phase comes by the next file."""
        return not self.orders

    def my_index(self, game: Game) -> int:
        return [s.id for s in game.state.scenario.sides].index(self.record.my_side)

    def play_opponent(self, game: Game, animate: bool) -> ComputerPhase:
        """The opponent's phase from their file, as the screen plays a computer phase back: every event
        (for the report, which keeps the fog), and beats only of what ``playback`` lets this side see."""
        phase = ComputerPhase(game.state.side)
        orders, self.orders = self.orders, []

        def keep(_order: Order, events: list[Event]) -> None:
            phase.events.extend(events)

        with game.observing(keep):
            seen = play_back(game, orders, self.my_index(game), frames=animate)
        phase.beats = [b for b in (_beat(s, game) for s in seen) if b is not None]
        return phase

    def keep_pending(self, game: Game) -> None:
        """The phase being played, kept in the record (atomically) so quitting loses nothing."""
        pending = [order_to_json(o) for o in game.log[len(self.record.exchanged_orders):]]
        if pending != self.record.pending:
            self.record.pending = pending
            save_record(self.folder, self.record)

    def phase_done(self, app: App) -> None:
        """The player ended their phase: write the turn file and say where it is."""
        try:
            self.sent = send(self.folder, self.record, app.game)
        except TurnFileError as exc:
            app.dialog = Dialog("The turn file could not be written", [str(exc)])
            return
        names = _side_names(app.game)
        other = next((n for sid, n in names.items() if sid != self.record.my_side), "your opponent")
        app.say(f"Turn file written: {self.sent.name}; waiting for {other}", palette.TEXT_GOOD)
        app.dialog = Dialog("Turn file written", [
            f"Send {self.sent.name} to {other} by any means.", f"It is in {self.sent.parent}.",
            f"When their file comes, put it in {inbox(self.folder.parent)} (or drop it on the window) and",
            "open it from Load game, or run: python main.py play --load FILE"], warn=False, width=760)


def _beat(s: Seen, game: Game) -> Beat | None:
    if s.before is None or s.after is None:
        return None
    if s.kind == MOVE and len(s.path) > 1 and s.unit is not None:
        u = game.state.scenario.unit_index[s.unit]
        before = s.before.clone()
        before.unit_hex[u] = OFF_MAP
        return Beat("move", before, s.after, u, s.path)
    if s.kind == ATTACK:
        return Beat("combat", s.before, s.after, combat=s.combat)
    if s.kind == DEMOLITION:
        return Beat("demolition", s.before, s.after, blown=s.hex)
    return None


# ---------------------------------------------------------------- the menus' entry points


def start(shell: Shell, scenario_path: Path, side: int, side_ids: list[str], name: str, out: Path) -> None:
    """The play-by-e-mail setup's Create: set the game up and write the invitation into ``out``."""
    try:
        record, path = new_game(folder(shell.saves_dir), scenario_path, side_ids[side], name, out)
    except TurnFileError as exc:
        shell.error("The game could not be set up", [str(exc)])
        return
    shell.open_menu()
    shell.dialog = Dialog(f"Play by e-mail: {record.name}", [
        f"You play {record.my_side}. The invitation is {path.name}, in {path.parent}.",
        "Send it to your opponent. Their answer opens from Load game (put it in",
        f"{inbox(shell.saves_dir)} or drop it on the window), or: python main.py play --load FILE"],
        warn=False, width=780)


def open_file(shell: Shell, path: Path) -> bool:
    """Open the opponent's turn file: check it, then the map with their phase to play back, or a word
    on what happens next (an invitation answered, a reveal sent)."""
    pbem = folder(shell.saves_dir)
    try:
        opened = open_turn_file(pbem, path, outbox=outbox(shell.saves_dir))
        return _after_open(shell, pbem, opened)
    except TurnFileError as exc:
        shell.error("This turn file cannot be opened", [str(exc)])
        return False


def _after_open(shell: Shell, pbem: Path, opened: Opened) -> bool:
    record = opened.record
    if opened.game is None:  # an invitation: answer with our secret at once
        sent = send(pbem, record, None)
        shell.dialog = Dialog(f"Play by e-mail: {record.name}", [
            f"You joined {record.name} ({record.scenario['id']}) as {record.my_side}.",
            f"Your answer is {sent.name}, in {sent.parent}: send it to your opponent."], warn=False, width=760)
        return True
    game = opened.game
    mine = [s.id for s in game.state.scenario.sides].index(record.my_side)
    if not opened.orders and game.state.side != mine and not game.state.game_over:
        sent = send(pbem, record, game)  # the answer came and the opponent moves first: reveal at once
        shell.dialog = Dialog(f"Play by e-mail: {record.name}", [
            f"The seed is agreed. {sent.name} (in {sent.parent}) reveals your secret:",
            "send it to your opponent, who moves first."], warn=False, width=760)
        return True
    open_map(shell, pbem, record, game, opened.orders)
    return True


def open_map(shell: Shell, pbem: Path, record: PbemGame, game: Game, orders: list[Order]) -> None:
    """The map screen for the player's side, the opponent as a side whose phase comes from its file."""
    sides = game.state.scenario.sides
    mine = [s.id for s in sides].index(record.my_side)
    app = shell.open_game(game, Session(frozenset({mine})), saves=False)
    link = PbemLink(pbem, record, list(orders))
    app.pbem = link
    game.observers.append(lambda _o, _e: link.keep_pending(game))


def resume(shell: Shell, path: Path) -> bool:
    """Load game -> a PBEM game: its map at the player's phase, or what it waits for (the last file
    written again, in case it was lost)."""
    pbem = path.parent
    try:
        record = load_record(path)
        if record.my_turn and record.seed is not None:
            open_map(shell, pbem, record, rebuild(record), [])
            return True
        # my turn without a seed: an invitation opened whose answer failed to write
        sent = send(pbem, record, None) if record.my_turn else resend(record)
    except TurnFileError as exc:
        shell.error("This game cannot be resumed", [str(exc)])
        return False
    shell.dialog = Dialog(f"Play by e-mail: {record.name}", [
        f"{record.status()}. Your last file was written again: {sent.name}, in {sent.parent}."],
        warn=False, width=760)
    return True


@dataclass(frozen=True)
class InboxFile:
    """A turn file waiting in the inbox, as the Load screen lists it: ``state`` says whether it is the
    next one of a game ("new"), an invitation, one already opened, or of no game here."""

    path: Path
    game: str
    scenario: str
    sender: str
    turn: int
    state: str = "new"
    problem: str | None = None


def inbox_files(saves_dir: Path) -> list[InboxFile]:
    """The turn files in the inbox, newest first; one that does not read is listed with its problem."""
    out = []
    records: dict[str, PbemGame | None] = {}
    for p in newest_first(inbox(saves_dir), SUFFIX):
        try:
            doc = read_turn_file(p)
            gid = doc["game"]["id"]
            if gid not in records:
                records[gid] = find_record(folder(saves_dir), gid)
            out.append(InboxFile(p, doc["game"]["name"], doc["scenario"]["id"], doc["sender"], doc["played"],
                                 _inbox_state(records[gid], doc)))
        except TurnFileError as exc:
            out.append(InboxFile(p, "?", "?", "?", 0, "damaged", str(exc)))
    return out


def _inbox_state(record: PbemGame | None, doc: dict[str, object]) -> str:
    if record is None:
        return "invitation" if doc["seq"] == 0 else "not your game"
    if doc["sender"] == record.my_side:
        return "yours"
    seq = int(doc["seq"])  # type: ignore[call-overload]
    return "opened" if seq < record.next_seq else "new" if seq == record.next_seq else "out of sequence"


def pbem_rows(saves_dir: Path) -> list[Row]:
    """The Load screen's rows for play by e-mail: the games with whose turn it is, then the turn files in
    the inbox (those still to open first)."""
    rows = []
    for g in list_games(folder(saves_dir)):
        if g.game is None:
            rows.append(Row(["E-mail", "damaged", "", "", _when(g.path), g.path.name], palette.TEXT_WARN, g))
            continue
        r = g.game
        turn = str(r.files[-1]["turn"]) if r.files else ""
        rows.append(Row(["E-mail", r.scenario["id"], turn, r.status(), _when(g.path), r.name],
                        palette.TEXT_GOOD if r.my_turn else palette.TEXT, g))
    files = inbox_files(saves_dir)
    for f in sorted(files, key=lambda f: f.state not in ("new", "invitation")):  # stable: newest first within
        if f.problem:
            rows.append(Row(["Turn file", "damaged", "", "", _when(f.path), f.path.name], palette.TEXT_WARN, f))
        else:
            color = palette.TEXT_GOOD if f.state in ("new", "invitation") else palette.TEXT_DIM
            rows.append(Row(["Turn file", f.scenario, str(f.turn), f"{f.state}, from {f.sender}", _when(f.path),
                             f.path.name], color, f))
    return rows


def pbem_note(data: object, saves_dir: Path) -> str:
    """The line under the Load screen's list for a play-by-e-mail row."""
    if isinstance(data, Listed):
        if data.game is None:
            return data.problem or ""
        r = data.game
        return (f"Play by e-mail: {r.name}, you play {r.my_side}; {r.status()}. Load resumes it "
                f"(waiting: writes your last file again)  ·  {data.path.parent}")
    if isinstance(data, InboxFile):
        return data.problem or (f"Turn file of {data.game}: Load opens it  ·  put your opponent's files in "
                                f"{inbox(saves_dir)} or drop them on the window")
    return ""


def _when(path: Path) -> str:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return ""


def open_pbem_row(shell: Shell, data: object) -> None:
    """Load on a play-by-e-mail row: open the turn file, or resume the game (a damaged one says why)."""
    if isinstance(data, InboxFile):
        if data.problem:
            shell.error("This turn file cannot be opened", [data.problem])
        else:
            open_file(shell, data.path)
    elif isinstance(data, Listed):
        if data.problem:
            shell.error("This game cannot be resumed", [data.problem])
        else:
            resume(shell, data.path)
