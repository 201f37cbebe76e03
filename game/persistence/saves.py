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
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from game.core.game import Game
from game.core.orders import AirMission, Attack, EndPhase, Landing, Move, Order
from game.core.state import GameState

FORMAT = "august-storm-save"
VERSION = 1
OLDEST_READABLE = 1  # _migrate brings versions from here up to VERSION
MAX_SAVE_BYTES = 64 * 1024 * 1024


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
        if kind == "end_phase":
            return EndPhase()
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise SaveError(f"bad order in the log: {data!r:.80}") from exc
    raise SaveError(f"unknown order type {kind!r}")


# ---------------------------------------------------------------- scenario identity


def scenario_digest(source_dir: str) -> str:
    """sha256 over the scenario's YAML files, so a save notices when its scenario changed."""
    h = hashlib.sha256()
    root = Path(source_dir)
    for path in sorted(root.rglob("*.yaml")):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


# ---------------------------------------------------------------- write


def save_game(game: Game, path: Path) -> None:
    """Write atomically: a temporary file in the same folder, fsync, then rename over ``path``."""
    doc = to_document(game)
    text = json.dumps(doc, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise SaveError(f"{path}: cannot save: {exc.strerror or exc}") from exc
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open folders; the rename is still atomic there
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def to_document(game: Game) -> dict[str, Any]:
    state = game.state
    scn = state.scenario
    return {
        "format": FORMAT,
        "version": VERSION,
        "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "scenario": {"id": scn.id, "path": scn.source_dir, "digest": scenario_digest(scn.source_dir)},
        "seed": game.seed,
        "orders": [order_to_json(o) for o in game.log],
        "turn_hashes": game.turn_hashes,
        "meta": game.meta,
        "state_hash": state.state_hash(),
        "snapshot": _snapshot(state),
    }


def _snapshot(state: GameState) -> dict[str, Any]:
    arrays = {name: {"dtype": str(getattr(state, name).dtype), "shape": list(getattr(state, name).shape),
                     "data": getattr(state, name).ravel().tolist()} for name in state.ARRAYS}
    return {"turn": state.turn, "phase": state.phase, "game_over": state.game_over, "extra": state.extra,
            "rng": state.rng.bit_generator.state, "arrays": arrays}


# ---------------------------------------------------------------- read


def read_document(path: Path) -> dict[str, Any]:
    """The save's JSON after format and version checks (older versions are migrated here)."""
    try:
        if path.stat().st_size > MAX_SAVE_BYTES:
            raise SaveError(f"{path}: not a save (larger than {MAX_SAVE_BYTES // 2**20} MiB)")
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SaveError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise SaveError(f"{path}: not a save (not UTF-8 text)") from exc
    except json.JSONDecodeError as exc:
        raise SaveError(f"{path}:{exc.lineno}:{exc.colno}: damaged save (invalid JSON: {exc.msg})") from exc
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


def _migrate(doc: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring an older save up to VERSION, one step at a time (none yet: version 1 is the first)."""
    return doc


def load_game(path: Path) -> Game:
    """Rebuild a saved game; raises SaveError with one line when it cannot."""
    from game.scenario.build import load_game_cached
    from game.scenario.loader import ScenarioError

    doc = read_document(path)
    try:
        info, seed = doc["scenario"], int(doc["seed"])
        scenario_path = Path(info["path"])
        orders = [order_from_json(o) for o in doc["orders"]]
        snap = doc["snapshot"]
    except SaveError as exc:
        raise SaveError(f"{path}: damaged save ({exc})") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise SaveError(f"{path}: damaged save (missing or bad {exc})") from exc
    if not (scenario_path / "scenario.yaml").is_file():
        raise SaveError(f"{path}: its scenario '{info.get('id')}' is not at {scenario_path}")
    digest = scenario_digest(str(scenario_path))
    if digest != info.get("digest"):
        raise SaveError(f"{path}: scenario '{info.get('id')}' has changed since this game was saved")
    try:
        state = load_game_cached(scenario_path, digest, seed)  # built once per process and digest
    except ScenarioError as exc:
        raise SaveError(f"{path}: its scenario no longer loads: {exc.problems[0]}") from exc
    _restore(state, snap, path)
    if state.state_hash() != doc.get("state_hash"):
        raise SaveError(f"{path}: damaged save (the snapshot does not match its checksum)")
    meta = doc.get("meta", {})
    meta = {str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else {}
    return Game(state, seed, orders, [str(h) for h in doc.get("turn_hashes", [])], meta)


def _restore(state: GameState, snap: dict[str, Any], path: Path) -> None:
    try:
        state.turn, state.phase = int(snap["turn"]), int(snap["phase"])
        state.game_over = bool(snap["game_over"])
        state.extra = {str(k): int(v) for k, v in snap["extra"].items()}
        state.rng.bit_generator.state = snap["rng"]
        for name in state.ARRAYS:
            current = getattr(state, name)
            data = snap["arrays"][name]
            arr = np.array(data["data"], dtype=current.dtype).reshape(data["shape"])
            if arr.shape != current.shape:
                raise SaveError(f"{path}: damaged save ({name} has shape {arr.shape}, expected {current.shape})")
            setattr(state, name, arr)
    except SaveError:
        raise
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise SaveError(f"{path}: damaged save (snapshot: {exc})") from exc


# ---------------------------------------------------------------- autosave


def autosave(game: Game, folder: Path, keep: int = 5) -> Path:
    """Save as autosave-<scenario>-tNN-pP.json and keep only the newest ``keep`` complete ones.

    Older autosaves are removed only after the new one is safely on disk, so a crash at any
    moment leaves at least one good autosave.
    """
    state = game.state
    path = folder / f"autosave-{state.scenario.id}-t{state.turn:02d}-p{state.phase}.json"
    save_game(game, path)
    saves = sorted(folder.glob(f"autosave-{state.scenario.id}-*.json"), key=lambda p: p.stat().st_mtime_ns)
    for old in saves[:-keep]:
        old.unlink(missing_ok=True)
    return path
