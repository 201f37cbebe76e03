"""Who plays what, and what the menus list: scenario briefs and saved games.

A ``Session`` is who sits at this desk: which sides the people play, whether they pass one
screen between them (hotseat), and the difficulty the computer plays at. The menus build one;
the map screen reads it and writes it into the game's ``meta`` (``to_meta``), which the save
keeps, so loading the game later does not ask again (``from_meta``); a save from before
``meta`` existed has none, and then the player is asked.

The New game and Load game screens need a line or a paragraph about many scenarios and
saves, so they read only what they show: a scenario's ``scenario.yaml`` (never the whole
scenario, which is checked for real when the player starts it) and each save's JSON header.
Nothing here raises for a bad file: the problem becomes part of the entry and is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game import paths
from game.ai.players import PLAYERS, Player
from game.persistence.saves import SaveError, read_summary

DIFFICULTIES: tuple[tuple[str, str], ...] = (("easy", "Easy"), ("normal", "Normal"), ("hard", "Hard"))
HOTSEAT = "hotseat"
WATCH = "watch"
QUICKSAVE = "quicksave.json"
HUMAN, COMPUTER = "human", "ai"  # a side's entry in Game.meta
SOLO, OPEN = "solo", "open"  # meta "mode" besides HOTSEAT and WATCH: one human; several without hand-over
AI_NAME = "ai"  # the computer player, by its name in game.ai.players.PLAYERS


@dataclass(frozen=True)
class Session:
    """The people at the desk: the sides they play, hotseat or not, and the computer's difficulty."""

    human_sides: frozenset[int]
    hotseat: bool = False
    difficulty: str = "normal"

    @classmethod
    def for_mode(cls, mode: int | str, n_sides: int, difficulty: str = "normal") -> Session:
        """``mode`` is a side index (solo), HOTSEAT (everyone human) or WATCH (computer against computer)."""
        if mode == HOTSEAT:
            return cls(frozenset(range(n_sides)), hotseat=True, difficulty=difficulty)
        if mode == WATCH:
            return cls(frozenset(), difficulty=difficulty)
        return cls(frozenset({int(mode)}), difficulty=difficulty)

    def computer_sides(self, n_sides: int) -> frozenset[int]:
        return frozenset(range(n_sides)) - self.human_sides

    @property
    def watching(self) -> bool:
        return not self.human_sides

    @property
    def mode(self) -> int | str:
        """The "Play as" choice this session is: a side index, HOTSEAT or WATCH (OPEN when none fits)."""
        if self.watching:
            return WATCH
        if self.hotseat:
            return HOTSEAT
        return min(self.human_sides) if len(self.human_sides) == 1 else OPEN

    def to_meta(self, side_ids: Sequence[str]) -> dict[str, str]:
        """What a save keeps of the session: {"soviet": "human", "japan": "ai", "difficulty": ..., "mode": ...}."""
        meta = {sid: HUMAN if i in self.human_sides else COMPUTER for i, sid in enumerate(side_ids)}
        mode = self.mode
        meta["difficulty"] = self.difficulty
        meta["mode"] = SOLO if isinstance(mode, int) else mode
        return meta

    @classmethod
    def from_meta(cls, meta: Mapping[str, str], side_ids: Sequence[str]) -> Session | None:
        """The session a save was played with; None when it has none (an older save) or it does not fit."""
        roles = [meta.get(sid) for sid in side_ids]
        if not side_ids or any(r not in (HUMAN, COMPUTER) for r in roles):
            return None
        humans = frozenset(i for i, r in enumerate(roles) if r == HUMAN)
        difficulty = meta.get("difficulty", "normal")
        if difficulty not in dict(DIFFICULTIES):
            difficulty = "normal"
        return cls(humans, hotseat=meta.get("mode") == HOTSEAT and len(humans) > 1, difficulty=difficulty)


def computer_player(difficulty: str = "normal") -> Player:
    """The player a computer side gets: ``AI_NAME`` at the chosen difficulty. The one place to wire an AI in.

    Uses ``game.ai.players.make_player(name, difficulty)`` where that exists; else the named
    entry of ``PLAYERS`` (which plays the same at every difficulty).
    """
    from game.ai import players

    make = getattr(players, "make_player", None)
    if make is not None:
        return make(AI_NAME, difficulty)  # type: ignore[no-any-return]
    return PLAYERS.get(AI_NAME) or PLAYERS["baseline"]


def who_plays(session: Session, side_names: Sequence[str]) -> str:
    """'Soviet Union: you, Japan: computer (normal)' — a session in words, for the Load game screen."""
    if session.watching:
        who = "computer against computer"
    else:
        you = "player" if len(session.human_sides) > 1 else "you"
        who = ", ".join(f"{name}: {you if i in session.human_sides else 'computer'}"
                        for i, name in enumerate(side_names))
        if session.hotseat:
            who = f"hotseat ({who})"
    if session.computer_sides(len(side_names)):
        who += f" ({dict(DIFFICULTIES).get(session.difficulty, session.difficulty).lower()})"
    return who


def mode_options(side_names: list[str]) -> list[tuple[int | str, str]]:
    """The "Play as" choices for a scenario with these sides."""
    opts: list[tuple[int | str, str]] = [(i, f"{name} (against the computer)") for i, name in enumerate(side_names)]
    if len(side_names) > 1:
        opts.append((HOTSEAT, "Hotseat: two players, one screen"))
    opts.append((WATCH, "Watch: computer against computer"))
    return opts


# ---------------------------------------------------------------- scenario briefs


@dataclass(frozen=True)
class SideBrief:
    id: str
    name: str
    color: str
    briefing: str


@dataclass(frozen=True)
class ScenarioBrief:
    """What the New game screen shows of a scenario before it is loaded."""

    path: Path
    name: str
    briefing: str = ""
    start_date: str = ""
    turns: int | None = None
    sides: tuple[SideBrief, ...] = ()
    problem: str | None = None  # set when even scenario.yaml cannot be read
    is_test: bool = False


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def read_brief(path: Path, *, is_test: bool = False) -> ScenarioBrief:
    """Name, briefing, dates and sides from the scenario's own file; a problem instead when it cannot be read."""
    from game.scenario.loader import load_yaml
    from game.scenario.source import scenario_file

    doc = load_yaml(scenario_file(path))
    data = doc.data if isinstance(doc.data, dict) else None
    if data is None:
        problem = str(doc.problems[0]) if doc.problems else f"{path}: not a scenario"
        return ScenarioBrief(path, path.name, problem=problem, is_test=is_test)
    sides = []
    for raw in data.get("sides") or []:
        if isinstance(raw, dict):
            sides.append(SideBrief(_text(raw.get("id")), _text(raw.get("name")) or _text(raw.get("id")),
                                   _text(raw.get("color")) or "#888888", _text(raw.get("briefing"))))
    turns = data.get("turns")
    return ScenarioBrief(path, _text(data.get("name")) or path.name, _text(data.get("briefing")),
                         str(data.get("start_date") or ""), turns if isinstance(turns, int) else None,
                         tuple(sides), None, is_test)


def scenario_briefs() -> list[ScenarioBrief]:
    """The campaign the game is named for first, every other scenario under scenarios/, then the test scenario.

    The first is the one New game has chosen when it opens. Folders whose name starts with "_"
    (a designer's template) are not offered to players.
    """
    names = sorted((n for n in paths.scenario_names() if not n.startswith("_")),
                   key=lambda n: (n != paths.DEFAULT_SCENARIO, n))
    briefs = [read_brief(paths.SCENARIOS / name) for name in names]
    if (paths.TEST_SCENARIO / "scenario.yaml").is_file():
        briefs.append(read_brief(paths.TEST_SCENARIO, is_test=True))
    return briefs


# ---------------------------------------------------------------- saved games


@dataclass(frozen=True)
class SaveEntry:
    """One file in the saves folder, as the Load game screen lists it."""

    path: Path
    scenario: str
    turn: int | None
    date: str
    file_time: str
    problem: str | None = None
    side_names: tuple[str, ...] = ()
    side_ids: tuple[str, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)  # who played which side (empty in older saves)

    @property
    def session(self) -> Session | None:
        """The session the game was saved with, when the save says."""
        return Session.from_meta(self.meta, self.side_ids)

    @property
    def kind(self) -> str:
        if self.path.name == QUICKSAVE:
            return "Quicksave"
        if self.path.name.startswith("autosave-"):
            return "Autosave"
        return "Save"


def list_saves(folder: Path) -> list[SaveEntry]:
    """The saves in ``folder``, newest first; a damaged one is listed with its problem."""
    if not folder.is_dir():
        return []
    files: list[tuple[float, Path]] = []
    for p in folder.glob("*.json"):
        try:
            if p.is_file():
                files.append((p.stat().st_mtime, p))
        except OSError:  # removed (an autosave rotated out) while the folder was being read
            continue
    files.sort(key=lambda f: f[0], reverse=True)
    briefs: dict[str, ScenarioBrief] = {}
    return [_entry(p, mtime, briefs) for mtime, p in files]


def _entry(path: Path, modified: float, briefs: dict[str, ScenarioBrief]) -> SaveEntry:
    mtime = dt.datetime.fromtimestamp(modified).strftime("%Y-%m-%d %H:%M")
    try:
        doc = read_summary(path)
    except SaveError as exc:
        return SaveEntry(path, "?", None, "", mtime, str(exc))
    scn, turn = doc["scenario"], doc["summary"]["turn"]
    where = scn["path"]
    if where not in briefs:
        briefs[where] = read_brief(Path(where))
    brief = briefs[where]
    try:
        date = (dt.date.fromisoformat(brief.start_date) + dt.timedelta(days=turn - 1)).strftime("%d %b %Y")
    except (ValueError, OverflowError):  # the scenario file is gone or has no start date: the turn still says enough
        date = ""
    name = brief.name if brief.problem is None else str(scn.get("id", "?"))
    meta = doc.get("meta")
    meta = {str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else {}
    return SaveEntry(path, name, turn, date, mtime, None, tuple(s.name for s in brief.sides),
                     tuple(s.id for s in brief.sides), meta)
