"""Saves: human-readable JSON, versioned, written atomically, checked on load.

A save holds the scenario (id, where it was loaded from and a digest of its files), the seed,
the order log and a snapshot of the dynamic state. Loading rebuilds the scenario, checks that
it is the one the save was made with and restores the snapshot; the order log lets a replay
rebuild the same game from the seed. Every problem is a ``SaveError`` with one line of text;
nothing a bad save contains can damage another file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from pathlib import Path
from typing import Any

from game.core.game import Game
from game.core.orders import AirMission, Attack, Demolish, EndPhase, Landing, Move, Order
from game.core.state import GameState
from game.fileio import FileError, atomic_write, read_bytes, read_prefix, read_text, remove_stale_temps
from game.persistence import save_schema
from game.scenario.loader import MAX_FILE_BYTES

FORMAT = save_schema.FORMAT
VERSION = 2  # 2: the snapshot holds the wrecked hexes (wreck_days, wreck_side); 1 is migrated
OLDEST_READABLE = 1  # _migrate brings versions from here up to VERSION
MAX_SAVE_BYTES = 8 * 1024 * 1024  # a whole Manchuria game saves in well under 1 MB
SUMMARY_BYTES = 64 * 1024
GAME_ID_KEY = "game_id"  # in Game.meta: which game an autosave belongs to
GAME_ID = re.compile(r"[0-9a-f]{6,32}")
AUTOSAVE_NAME = re.compile(r"t(\d{1,6})-p(\d{1,3})\.json")
HEAD_KEYS = ("format", "version", "saved_at", "scenario", "summary", "meta")


class SaveError(Exception):
    """A save that cannot be written or read; the message is one line for the player."""


# ---------------------------------------------------------------- orders <-> JSON


def order_to_json(order: Order) -> dict[str, Any]:
    if isinstance(order, Move):
        return {"type": "move", "unit": order.unit, "to": list(order.to)}
    if isinstance(order, Attack):
        return {"type": "attack", "units": list(order.units), "target": list(order.target)}
    if isinstance(order, Landing):
        return {"type": "landing", "unit": order.unit, "landing": order.landing, "to": list(order.to)}
    if isinstance(order, AirMission):
        return {"type": "air_mission", "unit": order.unit, "mission": order.mission, "target": list(order.target)}
    if isinstance(order, Demolish):
        return {"type": "demolish", "unit": order.unit}
    return {"type": "end_phase"}


def order_from_json(data: Any) -> Order:
    try:
        kind = data["type"]
        if kind == "move":
            return Move(str(data["unit"]), (int(data["to"][0]), int(data["to"][1])))
        if kind == "attack":
            return Attack(tuple(str(u) for u in data["units"]), (int(data["target"][0]), int(data["target"][1])))
        if kind == "landing":
            return Landing(str(data["unit"]), str(data["landing"]), (int(data["to"][0]), int(data["to"][1])))
        if kind == "air_mission":
            return AirMission(str(data["unit"]), str(data["mission"]), (int(data["target"][0]), int(data["target"][1])))
        if kind == "demolish":
            return Demolish(str(data["unit"]))
        if kind == "end_phase":
            return EndPhase()
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise SaveError(f"bad order in the log: {data!r:.80}") from exc
    raise SaveError(f"unknown order type {kind!r}")


# ---------------------------------------------------------------- scenario identity


def scenario_digest(source_dir: str) -> str:
    """sha256 over the scenario's declared files (scenario.yaml and what it includes).

    Only those: a stray folder named ``notes.yaml`` or a dangling link beside them used to make
    every save fail. A file that cannot be read counts as its name and a marker, so the digest
    itself never fails on a readable scenario.yaml.
    """
    from game.scenario.loader import ScenarioError
    from game.scenario.source import declared_files

    root = Path(source_dir)
    try:
        files = declared_files(root)
    except ScenarioError as exc:
        raise SaveError(f"{root}: cannot read the scenario: {exc.problems[0]}") from exc
    return _digest(root, files)


def _digest(root: Path, files: list[Path]) -> str:
    h = hashlib.sha256()
    for path in files:
        h.update(path.relative_to(root).as_posix().encode())
        try:
            h.update(read_bytes(path, MAX_FILE_BYTES, "scenario file"))
        except FileError:
            h.update(b"\0unreadable")
    return h.hexdigest()


def _legacy_digest(root: Path) -> str | None:
    """The digest saves made before the declared-files one used: every regular ``*.yaml`` below the folder.

    Only asked when the new digest differs, so that older saves still load (no save is lost).
    """
    try:
        files = sorted(p for p in root.rglob("*.yaml") if p.is_file())
    except OSError:
        return None
    return _digest(root, files)


# ---------------------------------------------------------------- write


def save_game(game: Game, path: Path) -> None:
    """Write atomically (``fileio.atomic_write``); removes temporary files killed saves left behind."""
    text = document_text(to_document(game))
    remove_stale_temps(path.parent)
    try:
        atomic_write(path, text, "save")
    except FileError as exc:
        raise SaveError(f"{path}: cannot save: {exc.reason}") from exc


def document_text(doc: dict[str, Any]) -> str:
    """The save as JSON whose first line is a small valid prefix: format, version and the summary the
    Load screen lists, so listing reads a few kilobytes instead of the whole save."""
    head = {k: doc[k] for k in HEAD_KEYS if k in doc}
    rest = {k: v for k, v in doc.items() if k not in HEAD_KEYS}
    if not head or not rest:
        return json.dumps(doc, separators=(",", ":"))
    first = json.dumps(head, separators=(",", ":"))
    return first[:-1] + ",\n" + json.dumps(rest, separators=(",", ":"))[1:]


def to_document(game: Game) -> dict[str, Any]:
    state = game.state
    scn = state.scenario
    orders = [order_to_json(o) for o in game.log]
    return {
        "format": FORMAT,
        "version": VERSION,
        "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "scenario": {"id": scn.id, "path": scn.source_dir, "digest": scenario_digest(scn.source_dir)},
        "summary": {"turn": state.turn, "phase": state.phase, "game_over": state.game_over},
        "meta": game.meta,
        "seed": game.seed,
        "orders": orders,
        "log_hash": log_hash(orders),
        "turn_hashes": game.turn_hashes,
        "state_hash": state.state_hash(),
        "snapshot": _snapshot(state),
    }


def log_hash(orders: list[dict[str, Any]]) -> str:
    """sha256 of the order log as saved: an edited or cut log is noticed on load without replaying it."""
    return hashlib.sha256(json.dumps(orders, separators=(",", ":")).encode()).hexdigest()


def _snapshot(state: GameState) -> dict[str, Any]:
    arrays = {name: {"dtype": str(getattr(state, name).dtype), "shape": list(getattr(state, name).shape),
                     "data": getattr(state, name).ravel().tolist()} for name in state.ARRAYS}
    return {"turn": state.turn, "phase": state.phase, "game_over": state.game_over, "extra": state.extra,
            "rng": state.rng.bit_generator.state, "arrays": arrays}


# ---------------------------------------------------------------- read


def _parse(path: Path, text: str) -> Any:
    try:
        return save_schema.parse(text)
    except json.JSONDecodeError as exc:
        raise SaveError(f"{path}:{exc.lineno}:{exc.colno}: damaged save (invalid JSON: {exc.msg})") from exc
    except RecursionError as exc:
        raise SaveError(f"{path}: damaged save (nested too deeply)") from exc
    except ValueError as exc:  # Infinity, NaN, or an integer of thousands of digits
        raise SaveError(f"{path}: damaged save ({save_schema.parse_problem(exc)})") from exc


def _header(path: Path, doc: Any) -> dict[str, Any]:
    """``doc`` when it is an August Storm save of a version this game reads, migrated to VERSION."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SaveError(f"{path}: not an August Storm save")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError(f"{path}: damaged save (no format version)")
    if version > VERSION:
        raise SaveError(f"{path}: save format version {version} is newer than this game reads ({VERSION}); "
                        "update the game")
    if version < OLDEST_READABLE:
        raise SaveError(f"{path}: save format version {version} is too old for this game (it reads "
                        f"{OLDEST_READABLE} to {VERSION})")
    return _migrate(doc, version)


def read_document(path: Path) -> dict[str, Any]:
    """The save's JSON after format, version and field checks (older versions are migrated here)."""
    try:
        text = read_text(path, MAX_SAVE_BYTES, "save")
    except FileError as exc:
        raise SaveError(f"{path}: {_save_reason(exc.reason)}") from exc
    doc = _header(path, _parse(path, text))
    try:
        save_schema.check_document(doc)
    except save_schema.FieldError as exc:
        raise SaveError(f"{path}: damaged save ({exc})") from exc
    return doc


def _save_reason(reason: str) -> str:
    return reason if reason.startswith("cannot read") else f"not a save ({reason})"


def read_summary(path: Path) -> dict[str, Any]:
    """What the Load screen lists (scenario, summary, meta), reading at most ``SUMMARY_BYTES`` of a
    save that has the summary line; an older save is read whole (bounded by ``MAX_SAVE_BYTES``)."""
    try:
        head = read_prefix(path, SUMMARY_BYTES, "save")
    except FileError as exc:
        raise SaveError(f"{path}: {_save_reason(exc.reason)}") from exc
    line = head.split(b"\n", 1)[0]
    if len(line) < len(head) and line.endswith(b","):
        try:
            doc = _header(path, _parse(path, line[:-1].decode("utf-8") + "}"))
        except (SaveError, UnicodeDecodeError):
            doc = None
        if doc is not None and isinstance(doc.get("summary"), dict):
            return _checked_summary(path, doc)
    doc = read_document(path)
    snap = doc["snapshot"]
    doc["summary"] = {"turn": snap["turn"], "phase": snap["phase"], "game_over": snap["game_over"]}
    return doc


def _checked_summary(path: Path, doc: dict[str, Any]) -> dict[str, Any]:
    try:
        scn = save_schema.mapping(save_schema.field(doc, "scenario", ""), "scenario")
        save_schema.text(save_schema.field(scn, "id", "scenario"), "scenario.id")
        save_schema.text(save_schema.field(scn, "path", "scenario"), "scenario.path", save_schema.MAX_PATH)
        summary = doc["summary"]
        save_schema.integer(save_schema.field(summary, "turn", "summary"), "summary.turn", 1, save_schema.MAX_TURN)
        doc["meta"] = save_schema.clean_meta(doc.get("meta"))
    except save_schema.FieldError as exc:
        raise SaveError(f"{path}: damaged save ({exc})") from exc
    return doc


def _migrate(doc: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring an older save up to VERSION, one step at a time."""
    if version < 2:
        doc = _add_wrecks(doc)
    return doc


def _add_wrecks(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 -> 2: a game saved before demolitions had no wrecked hex; the arrays take the shape of
    ``control`` (one value a hex). A document too damaged to read is left for the field checks to name."""
    snapshot = doc.get("snapshot")
    arrays = snapshot.get("arrays") if isinstance(snapshot, dict) else None
    if not isinstance(arrays, dict):
        return doc
    control = arrays.get("control")
    if not isinstance(control, dict) or not isinstance(control.get("shape"), list) or len(control["shape"]) != 1:
        return doc
    n = control["shape"][0]
    if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= 10**7:
        return doc
    arrays.setdefault("wreck_days", {"dtype": "int16", "shape": [n], "data": [0] * n})
    arrays.setdefault("wreck_side", {"dtype": "int8", "shape": [n], "data": [-1] * n})
    return doc


def load_game(path: Path) -> Game:
    """Rebuild a saved game; raises SaveError with one line when it cannot.

    Every field is checked (``save_schema``) before use, the snapshot against the scenario and
    the order log against the snapshot; an order log is not replayed here (``validate SAVE`` does).
    """
    from game.scenario.build import load_game_cached
    from game.scenario.loader import ScenarioError

    doc = read_document(path)
    info, seed, snap = doc["scenario"], doc["seed"], doc["snapshot"]
    scenario_path = Path(info["path"])
    digest = _check_scenario(path, info, scenario_path)
    try:
        state = load_game_cached(scenario_path, digest, seed)  # built once per process and digest
    except ScenarioError as exc:
        raise SaveError(f"{path}: its scenario no longer loads: {exc.problems[0]}") from exc
    except (ValueError, OverflowError, IndexError, KeyError) as exc:  # data the checks let through
        raise SaveError(f"{path}: its scenario cannot be built ({type(exc).__name__}: "
                        f"{' '.join(str(exc).split())[:120]})") from exc
    try:
        _restore(state, snap)
        if state.state_hash() != doc["state_hash"]:
            raise SaveError(f"{path}: damaged save (the snapshot does not match its checksum)")
        if "log_hash" in doc and log_hash(doc["orders"]) != doc["log_hash"]:  # older saves have none
            raise SaveError(f"{path}: damaged save (the order log does not match its checksum)")
        save_schema.check_against(state, doc["orders"], doc.get("turn_hashes", []))
    except save_schema.FieldError as exc:
        raise SaveError(f"{path}: damaged save ({exc})") from exc
    orders = [order_from_json(o) for o in doc["orders"]]  # only once the log is known to fit
    return Game(state, seed, orders, list(doc.get("turn_hashes", [])), dict(doc.get("meta", {})))


def _check_scenario(path: Path, info: dict[str, Any], scenario_path: Path) -> str:
    """The scenario's digest now, once it is where the save says and unchanged (else SaveError)."""
    try:
        there = (scenario_path / "scenario.yaml").is_file()
    except OSError:  # a name too long for the file system
        there = False
    if not there:
        raise SaveError(f"{path}: its scenario '{info['id']}' is not at {str(scenario_path)[:200]}")
    digest = scenario_digest(str(scenario_path))
    if digest != info["digest"] and _legacy_digest(scenario_path) != info["digest"]:
        raise SaveError(f"{path}: scenario '{info['id']}' has changed since this game was saved")
    return digest


def _restore(state: GameState, snap: dict[str, Any]) -> None:
    """Put a checked snapshot into a freshly built state; raises FieldError on a value that does not fit."""
    state.turn, state.phase = snap["turn"], snap["phase"]
    state.game_over = snap["game_over"]
    state.extra = dict(snap["extra"])
    try:
        state.rng.bit_generator.state = snap["rng"]
    except (TypeError, ValueError, KeyError, OverflowError) as exc:
        raise save_schema.FieldError("snapshot.rng", "not a generator state") from exc
    arrays = snap["arrays"]
    for name in state.ARRAYS:
        entry = save_schema.mapping(save_schema.field(arrays, name, "snapshot.arrays"), f"snapshot.arrays.{name}")
        setattr(state, name, save_schema.array(entry, f"snapshot.arrays.{name}", getattr(state, name)))


# ---------------------------------------------------------------- autosave


def autosave(game: Game, folder: Path, keep: int = 5) -> Path:
    """Save as autosave-<scenario>-<game id>-tNN-pP.json and keep ``keep`` of this game's autosaves.

    Rotation goes by the game's own id and the turn and phase in the names, never by file times
    (a clock set back or files from the future once removed the autosave just written) and never
    touches another game's autosaves. The one just written always stays; of the others, those at
    or before it in the game are kept first, newest first (after a quickload back in time, the
    abandoned future goes before the past). Older ones go only after the new one is on disk.
    """
    state = game.state
    gid = game.meta.get(GAME_ID_KEY, "")
    if not GAME_ID.fullmatch(gid):
        gid = game.meta[GAME_ID_KEY] = uuid.uuid4().hex[:12]
    prefix = f"autosave-{state.scenario.id}-{gid}-"
    path = folder / f"{prefix}t{state.turn:02d}-p{state.phase}.json"
    save_game(game, path)
    now = (state.turn, state.phase)
    others: list[tuple[tuple[bool, int, int], Path]] = []
    for p in folder.glob(f"{prefix}t*-p*.json"):
        m = AUTOSAVE_NAME.fullmatch(p.name[len(prefix):])
        if m and p != path:
            at = (int(m[1]), int(m[2]))
            others.append(((at > now, *((-at[0], -at[1]) if at <= now else at)), p))
    for _, old in sorted(others)[max(keep - 1, 0):]:
        old.unlink(missing_ok=True)
    return path
