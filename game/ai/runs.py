"""Headless games for `simulate`: one game as a JSON document, many seeds in parallel, a summary.

``run_one`` plays a whole game and returns the document `simulate --json` prints. ``run_many``
plays one game per seed in worker processes (each loads the scenario itself, so nothing large
crosses a process boundary) and ``summarize`` folds the documents into the table `simulate
--runs` prints: win rates, result grades, when each objective fell, casualties, link-ups.

``difficulty`` is one level for every ``ai`` player, or a dict of side id -> level (sides left
out play ``normal``) for games between levels, as `tournament` plays them. ``run_one`` counts the
orders the engine refused (``refused_orders`` in the document), through the game's refusal
observers.
"""

from __future__ import annotations

import os
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from game.ai.match import MatchRecord, play_match, result
from game.ai.players import make_player
from game.core.game import Game
from game.core.state import GameState


def _stats(times: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(times), 4) if times else 0.0,
            "max": round(max(times), 4) if times else 0.0}


Difficulty = str | Mapping[str, str]  # one level for all ai players, or side id -> level


def side_level(difficulty: Difficulty, side: str) -> str:
    """The level of ``side``'s ai player: the one level, or the side's entry (else normal)."""
    return difficulty if isinstance(difficulty, str) else difficulty.get(side, "normal")


def document(state: GameState, record: MatchRecord, players: dict[str, str], difficulty: Difficulty,
             seed: int, refused_orders: int | None = None) -> dict[str, Any]:
    """The JSON document of one finished (or stopped) game; ``start`` holds each side's men, tanks and
    SPGs (with reinforcements) when the match began, the base of loss shares. ``refused_orders`` (the
    orders the engine refused, all sides) is in it when the caller counted them."""
    scn = state.scenario
    counted = {} if refused_orders is None else {"refused_orders": refused_orders}
    level: str | dict[str, str] = difficulty if isinstance(difficulty, str) else dict(difficulty)
    return {**result(state), "seed": seed, "players": players, "difficulty": level, **counted,
            "turns_played": len(record.turns), "wall_s": round(record.wall_s, 3), "start": record.start,
            "ai_turn_s": {sid: _stats(ts) for sid, ts in record.ai_turn_s.items()},
            "turns": record.turns, "captures": record.captures,
            "link_ups": [{"name": lu.name, "turn": state.extra.get(f"link_up:{lu.name}")} for lu in scn.link_ups],
            "final_control": {p.id: (scn.sides[c].id if (c := int(state.control[scn.map.grid.index(p.hex)])) >= 0
                                     else None) for p in scn.map.places if p.vp > 0},
            "state_hash": state.state_hash()}


def run_one(path: str | Path, seed: int, players: dict[str, str], difficulty: Difficulty = "normal",
            turns: int | None = None, on_turn: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Load the scenario, play one game headless and return its document."""
    from game.scenario.build import load_game

    state = load_game(Path(path), seed)
    sides = [s.id for s in state.scenario.sides]
    game = Game(state, seed)
    refused = [0]

    def count(_order: object, _error: object) -> None:
        refused[0] += 1

    with game.observing(refused=count):
        record = play_match(game, [make_player(players.get(s, "ai"), side_level(difficulty, s)) for s in sides],
                            turns, on_turn)
    return document(game.state, record, {s: players.get(s, "ai") for s in sides}, difficulty, seed, refused[0])


def _job(args: tuple[str, int, dict[str, str], Difficulty, int | None]) -> dict[str, Any]:
    return run_one(*args)


def run_many(path: str | Path, seeds: Iterable[int], players: dict[str, str], difficulty: Difficulty = "normal",
             turns: int | None = None, workers: int | None = None,
             progress: Callable[[int, int], None] | None = None,
             scheduler: str | None = None) -> list[dict[str, Any]]:
    """One game per seed, in ``workers`` processes (default: the CPU count) or on the Dask cluster at
    ``scheduler``; documents in seed order."""
    seeds = list(seeds)
    jobs = [(str(Path(path).resolve()), s, players, difficulty, turns) for s in seeds]
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    done: list[dict[str, Any]] = []
    if scheduler is not None:
        from concurrent.futures import as_completed

        from game.cluster import executor

        with executor(scheduler) as pool:
            for future in as_completed([pool.submit(_job, job) for job in jobs]):
                done.append(future.result())
                if progress:
                    progress(len(done), len(jobs))
    elif workers == 1:
        for job in jobs:
            done.append(_job(job))
            if progress:
                progress(len(done), len(jobs))
    else:
        import multiprocessing

        with multiprocessing.Pool(workers) as pool:
            for doc in pool.imap_unordered(_job, jobs):
                done.append(doc)
                if progress:
                    progress(len(done), len(jobs))
    return sorted(done, key=lambda d: d["seed"])


def progress_bar(done: int, total: int, width: int = 30) -> None:
    """A one-line bar on stderr, redrawn in place."""
    filled = int(width * done / max(total, 1))
    end = "\n" if done >= total else ""
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} games", end=end, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ summaries


def first_capture(doc: dict[str, Any], place: str, side: str) -> int | None:
    """Turn ``side`` first took ``place`` in a game, or None."""
    turns = [c["turn"] for c in doc["captures"] if c["place"] == place and c["side"] == side]
    return min(turns) if turns else None


def turn_side(doc: dict[str, Any], turn: int, side: str) -> dict[str, Any] | None:
    """The per-side summary of a turn (the last played when ``turn`` is beyond the game)."""
    rows = [t for t in doc["turns"] if t["turn"] <= turn]
    return rows[-1]["sides"][side] if rows else None


def summarize(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Win rates, grades, objective capture turns, casualties and link-ups over many games."""
    if not docs:
        return {"games": 0}
    sides = list(docs[0]["turns"][0]["sides"]) if docs[0]["turns"] else list(docs[0]["victory_points"])
    n = len(docs)
    out: dict[str, Any] = {"games": n, "players": docs[0]["players"], "difficulty": docs[0]["difficulty"]}
    wins = Counter(d["winner"] for d in docs)
    out["win_rate"] = {s: round(wins[s] / n, 3) for s in sides} | {"draw": round(wins[None] / n, 3)}
    out["results"] = dict(Counter(d["result"] for d in docs).most_common())
    objectives: dict[str, Any] = {}
    for place in sorted(docs[0]["final_control"]):
        for side in sides:
            taken = [t for d in docs if (t := first_capture(d, place, side)) is not None]
            held = sum(1 for d in docs if d["final_control"].get(place) == side)
            if taken:
                objectives.setdefault(place, {})[side] = {
                    "taken_in": round(len(taken) / n, 3), "median_turn": statistics.median(taken),
                    "held_at_end": round(held / n, 3)}
    out["objectives"] = objectives
    cas: dict[str, Any] = {}
    for side in sides:
        last = [d["turns"][-1]["sides"][side] for d in docs if d["turns"]]
        kinds = {k: [x["casualties"].get(k, 0) for x in last] for k in ("killed", "wounded", "captured")}
        cas[side] = {f"{k}_median": int(statistics.median(v)) for k, v in kinds.items()}
        cas[side]["total_median"] = int(statistics.median(sum(x["casualties"].values()) for x in last))
        cas[side]["vp_median"] = statistics.median(x["victory_points"] for x in last)
    out["casualties"] = cas
    out["link_ups"] = {}
    for i, lu in enumerate(docs[0]["link_ups"]):
        turns = [d["link_ups"][i]["turn"] for d in docs if d["link_ups"][i]["turn"] is not None]
        out["link_ups"][lu["name"]] = {"made_in": round(len(turns) / n, 3),
                                      "median_turn": statistics.median(turns) if turns else None}
    out["wall_s_median"] = round(statistics.median(d["wall_s"] for d in docs), 2)
    return out


def format_summary(summary: dict[str, Any]) -> str:
    """The summary as a readable table."""
    if not summary.get("games"):
        return "no games"
    lines = [f"{summary['games']} games ({', '.join(f'{s} = {p}' for s, p in summary['players'].items())}, "
             f"{summary['difficulty']}); median wall time {summary['wall_s_median']} s",
             "win rate: " + ", ".join(f"{k} {v:.0%}" for k, v in summary["win_rate"].items()),
             "results:  " + ", ".join(f"{k} x{v}" for k, v in summary["results"].items()), "",
             f"{'objective':22s} {'side':8s} {'taken in':>9s} {'median turn':>12s} {'held at end':>12s}"]
    for place, by_side in summary["objectives"].items():
        for side, o in by_side.items():
            lines.append(f"{place:22s} {side:8s} {o['taken_in']:>9.0%} {o['median_turn']:>12g} "
                         f"{o['held_at_end']:>12.0%}")
    lines += ["", f"{'side':8s} {'killed':>10s} {'wounded':>10s} {'captured':>10s} {'total':>10s} {'VP':>6s}"
                  "   (medians)"]
    for side, c in summary["casualties"].items():
        lines.append(f"{side:8s} {c['killed_median']:>10,} {c['wounded_median']:>10,} {c['captured_median']:>10,} "
                     f"{c['total_median']:>10,} {c['vp_median']:>6g}")
    for name, lu in summary["link_ups"].items():
        turn = f"median turn {lu['median_turn']:g}" if lu["median_turn"] is not None else "never"
        lines.append(f"link-up '{name}': made in {lu['made_in']:.0%} of games, {turn}")
    return "\n".join(lines)
