"""The player's own folder of play-by-e-mail games: per game, its secrets, the files exchanged and
the phase not yet sent.

One JSON record per game (``<game-name>-<game id>.pbem.json``), written atomically, holds the
player's side and secret, the opponent's commitment and secret once known, every turn file
exchanged (sent and received, in order) and the orders of the phase being played. The game
itself is rebuilt from these by replaying the orders from the seed, so the record is all a
player needs: a lost turn file is written again from it (``exchange.resend``), and a game is
resumed from its last file. Nothing in it is hidden from its owner; it is kept from the
opponent only by not being sent.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from game.fileio import FileError, atomic_write, read_text
from game.pbem import seeds
from game.pbem.turnfile import MAX_FILE_BYTES, TurnFileError, check_fields, safe_name
from game.persistence import save_schema

RECORD_FORMAT = "august-storm-pbem-game"
RECORD_SUFFIX = ".pbem.json"
MAX_RECORD_BYTES = 16 * MAX_FILE_BYTES  # every file of a long game and the phase being played


@dataclass
class PbemGame:
    """One play-by-e-mail game as its player keeps it."""

    game_id: str
    name: str
    scenario: dict[str, str]  # id, folder, path (on this machine), digest
    my_side: str
    inviter: str  # the side of the player who set the game up (and committed first)
    my_secret: str
    commitment: str | None = None  # the inviter's commitment (our own when we set the game up)
    their_secret: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)  # every turn file exchanged, in order
    pending: list[dict[str, Any]] = field(default_factory=list)  # orders of our phase not yet sent
    outbox: str = ""  # where our turn files are written

    @property
    def path_name(self) -> str:
        return f"{safe_name(self.name)}-{self.game_id}{RECORD_SUFFIX}"

    @property
    def next_seq(self) -> int:
        return len(self.files)

    @property
    def chain(self) -> list[str]:
        return list(self.files[-1]["chain"]) if self.files else []

    @property
    def inviter_secret(self) -> str | None:
        return self.my_secret if self.my_side == self.inviter else self.their_secret

    @property
    def invitee_secret(self) -> str | None:
        return self.their_secret if self.my_side == self.inviter else self.my_secret

    @property
    def seed(self) -> int | None:
        """The game's seed once both secrets are known (after the inviter's reveal), else None."""
        a, b = self.inviter_secret, self.invitee_secret
        return None if a is None or b is None else seeds.seed_from(a, b, self.game_id)

    @property
    def exchanged_orders(self) -> list[dict[str, Any]]:
        return [o for f in self.files for o in f["orders"]]

    @property
    def my_turn(self) -> bool:
        """Whether the next file is ours to write: the last one came from the opponent."""
        return bool(self.files) and self.files[-1]["sender"] != self.my_side

    @property
    def over(self) -> bool:
        return bool(self.files) and bool(self.files[-1].get("game_over"))

    def status(self, side_names: dict[str, str] | None = None) -> str:
        """Whose turn it is, in words: 'your turn (turn 3)', 'waiting for Japan', 'game over'."""
        names = side_names or {}
        if self.over:
            return "game over"
        last = self.files[-1] if self.files else None
        turn = f" (turn {last['turn']})" if last is not None else ""
        if self.my_turn:
            return f"your turn{turn}"
        other = next((f["sender"] for f in self.files if f["sender"] != self.my_side), None)
        return f"waiting for {names.get(other or '', other or 'your opponent')}{turn}"


def record_path(folder: Path, game: PbemGame) -> Path:
    return folder / game.path_name


def save_record(folder: Path, game: PbemGame) -> Path:
    """Write the record atomically (``fileio.atomic_write``): a crash leaves the old one or the new."""
    path = record_path(folder, game)
    doc = {"format": RECORD_FORMAT, "version": 1, **asdict(game)}
    try:
        atomic_write(path, json.dumps(doc, separators=(",", ":")), "play-by-e-mail game")
    except FileError as exc:
        raise TurnFileError(f"{path}: cannot save the game: {exc.reason}") from exc
    return path


def load_record(path: Path) -> PbemGame:
    """A record written by ``save_record``; ``TurnFileError`` (one line) when it is not one."""
    try:
        doc = save_schema.parse(read_text(path, MAX_RECORD_BYTES, "play-by-e-mail game"))
    except FileError as exc:
        raise TurnFileError(str(exc)) from exc
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        raise TurnFileError(f"{path}: damaged play-by-e-mail game (invalid JSON)") from exc
    if not isinstance(doc, dict) or doc.get("format") != RECORD_FORMAT:
        raise TurnFileError(f"{path}: not a play-by-e-mail game of August Storm")
    try:
        game = PbemGame(**{k: v for k, v in doc.items() if k not in ("format", "version")})
        _check(game)
    except (TypeError, KeyError, save_schema.FieldError) as exc:
        raise TurnFileError(f"{path}: damaged play-by-e-mail game ({exc})") from exc
    return game


def _check(game: PbemGame) -> None:
    s = save_schema
    for key in ("game_id", "name", "my_side", "inviter", "my_secret", "outbox"):
        s.text(getattr(game, key), key, s.MAX_PATH)
    scn = s.mapping(game.scenario, "scenario")
    for key in ("id", "folder", "path", "digest"):
        s.text(s.field(scn, key, "scenario"), f"scenario.{key}", s.MAX_PATH)
    for i, f in enumerate(s.listing(game.files, "files", s.MAX_ORDERS)):
        try:
            check_fields(s.mapping(f, f"files[{i}]"))
        except s.FieldError as exc:
            raise s.FieldError(f"files[{i}].{exc.where}", exc.message) from exc
    for i, order in enumerate(s.listing(game.pending, "pending", s.MAX_ORDERS)):
        s.check_order(order, f"pending[{i}]")


def find_record(folder: Path, game_id: str) -> PbemGame | None:
    """The record of the game ``game_id`` in ``folder``, or None; a damaged record raises."""
    for path in sorted(folder.glob(f"*-{game_id}{RECORD_SUFFIX}")):
        game = load_record(path)
        if game.game_id == game_id:
            return game
    return None


@dataclass(frozen=True)
class Listed:
    """One game as a list shows it; ``problem`` is set (and ``game`` None) for a damaged record."""

    path: Path
    game: PbemGame | None
    problem: str | None = None


def newest_first(folder: Path, suffix: str) -> list[Path]:
    """The files in ``folder`` named ``*suffix``, most recently changed first (none when it cannot be read;
    a file removed meanwhile counts as oldest)."""
    def changed(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    try:
        return sorted(folder.glob(f"*{suffix}"), key=changed, reverse=True)
    except OSError:
        return []


def list_games(folder: Path) -> list[Listed]:
    """The games in ``folder``, most recently changed first; damaged records are listed with their problem."""
    out = []
    for p in newest_first(folder, RECORD_SUFFIX):
        try:
            out.append(Listed(p, load_record(p)))
        except TurnFileError as exc:
            out.append(Listed(p, None, str(exc)))
    return out
