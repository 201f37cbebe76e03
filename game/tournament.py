"""`tournament`: is the computer player an opponent worth playing, from either side? (issue 13)

One game proves little, so every claim is a paired comparison over the same seeds: a side is
played one way (the "tested" set-up) and another way (the "control"), everything else equal,
and we count the seeds on which the tested way did better. Better means a larger victory-point
margin: the side's VP minus the other side's, averaged over the turns of the game (``margin``:
how long places were held counts, not only who holds them at the end; the end margin is shown
beside it).

For each side X (the other side Y), three pairings with the issue's targets and one reference:

- AI vs baseline: X = ai against Y = baseline, compared with baseline against baseline — the AI
  must beat the greedy reference at least where the reference plays itself (9 of 10 seeds);
- AI vs AI: X = ai against Y = ai, compared with X = baseline against Y = ai — the AI must do
  better than the reference against a real opponent too (9 of 10);
- hard vs normal: X = ai at hard against Y = ai at normal, compared with normal against normal —
  the harder level must be harder to play against (7 of 10);
- AI vs pass, a reference without a target: X = ai against Y = ai, compared with X = pass (it never
  moves nor fights) against Y = ai — what the side's play is worth at all. Where standing still costs
  a side only a few VP, its decisions hardly move its margin, and no level of play can separate itself
  from another by much on that side: read the other rows of the side against this one.

The pairings share games (ai vs ai at normal is the tested set-up of one and the control of
another), so each distinct set-up is played once per seed through ``run_many`` and reused.
Headless: no pygame; the CLI wiring is `python main.py tournament` in game/cli.py.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Role = tuple[str, str]  # (player name, difficulty level) of one side
Setup = tuple[Role, ...]  # one role per side, in the scenario's side order: one kind of game

NORMAL: Role = ("ai", "normal")
HARD: Role = ("ai", "hard")
BASELINE: Role = ("baseline", "normal")  # the level means nothing to baseline: one key for its games
PASS: Role = ("pass", "normal")  # ends every phase at once


@dataclass(frozen=True)
class Pairing:
    """A claim about a side: ``tested`` does better than ``control`` against ``other``."""

    key: str  # the JSON name
    label: str  # the table's name
    share: float | None  # the target: share of seeds on which the tested role must do better; None: reference
    tested: Role
    control: Role
    other: Role


PAIRINGS: tuple[Pairing, ...] = (
    Pairing("ai_vs_baseline", "AI vs baseline", 0.9, NORMAL, BASELINE, BASELINE),
    Pairing("ai_vs_ai", "AI vs AI", 0.9, NORMAL, BASELINE, NORMAL),
    Pairing("hard_vs_normal", "hard vs normal", 0.7, HARD, NORMAL, NORMAL),
    Pairing("ai_vs_pass", "AI vs pass", None, NORMAL, PASS, NORMAL),
)


def target(share: float, runs: int) -> int:
    """Seeds needed out of ``runs``: the issue's "9 of 10" scaled (rounded up, so never easier)."""
    return math.ceil(share * runs - 1e-9)


def setup_for(sides: Sequence[str], side: str, mine: Role, theirs: Role) -> Setup:
    """The set-up where ``side`` plays ``mine`` and every other side ``theirs``."""
    return tuple(mine if s == side else theirs for s in sides)


def setups_needed(sides: Sequence[str]) -> list[Setup]:
    """Every distinct set-up the pairings of every side compare, each once, in a stable order."""
    out: list[Setup] = []
    for side in sides:
        for p in PAIRINGS:
            for mine in (p.tested, p.control):
                s = setup_for(sides, side, mine, p.other)
                if s not in out:
                    out.append(s)
    return out


def play_setups(path: str | Path, sides: Sequence[str], setups: Sequence[Setup], seeds: Sequence[int],
                turns: int | None = None, workers: int | None = None,
                progress: Callable[[int, int], None] | None = None) -> dict[Setup, list[dict[str, Any]]]:
    """The game documents of every set-up on every seed, through ``run_many`` (worker processes);
    ``progress`` sees the games done over all set-ups."""
    from game.ai.runs import run_many

    total = len(setups) * len(seeds)
    out: dict[Setup, list[dict[str, Any]]] = {}
    for i, setup in enumerate(setups):
        offset = i * len(seeds)

        def step(done: int, _total: int, offset: int = offset) -> None:
            if progress:
                progress(offset + done, total)

        out[setup] = run_many(path, seeds, {s: r[0] for s, r in zip(sides, setup, strict=True)},
                              {s: r[1] for s, r in zip(sides, setup, strict=True)}, turns, workers, step)
    return out


def end_margin(doc: dict[str, Any], side: str) -> float:
    """``side``'s victory points minus the best of the other sides' at the end of the game."""
    vp = doc["victory_points"]
    return vp[side] - max(v for s, v in vp.items() if s != side)


def margin(doc: dict[str, Any], side: str) -> float:
    """``side``'s VP margin over the game: the mean, over the turns played, of its victory points minus
    the best of the other sides' at the end of each turn (the end margin when no turn was recorded).

    Why the mean and not the last turn: where one side is meant to take nearly everything in the end
    (the Soviets took all of Manchuria in 1945), the final margin is the same however well the loser
    fought; the mean counts how long each place was held — the time a defender trades space for."""
    turns = doc.get("turns") or []
    if not turns:
        return end_margin(doc, side)
    gaps = []
    for t in turns:
        vp = {s: v["victory_points"] for s, v in t["sides"].items()}
        gaps.append(vp[side] - max(v for s, v in vp.items() if s != side))
    return round(statistics.fmean(gaps), 1)


def compare(tested: list[dict[str, Any]], control: list[dict[str, Any]], side: str, share: float | None
            ) -> dict[str, Any]:
    """One row: on how many seeds ``side``'s margin was larger in the tested games, and by how much
    (``target`` and ``meets`` None for a reference row, one without a share)."""
    assert [d["seed"] for d in tested] == [d["seed"] for d in control], "the pairing needs the same seeds"
    gains = [margin(t, side) - margin(c, side) for t, c in zip(tested, control, strict=True)]
    n = len(gains)
    improved = sum(1 for g in gains if g > 0)
    need = None if share is None else target(share, n)
    return {"improved": improved, "runs": n, "target": need, "meets": None if need is None else improved >= need,
            "median_gain": statistics.median(gains) if gains else 0, "min_gain": min(gains, default=0),
            "max_gain": max(gains, default=0), "gains": gains,
            "margins": {"tested": [margin(d, side) for d in tested], "control": [margin(d, side) for d in control]},
            "end_margins": {"tested": [end_margin(d, side) for d in tested],
                            "control": [end_margin(d, side) for d in control]}}


def _role(r: Role) -> str:
    """A role in a few letters: ``ai`` (normal), ``ai hard``, ``baseline``, ``pass``."""
    return r[0] if r[0] != "ai" or r[1] == "normal" else f"ai {r[1]}"


def tournament(path: str | Path, sides: Sequence[str], seeds: Sequence[int], turns: int | None = None,
               workers: int | None = None, progress: Callable[[int, int], None] | None = None,
               name: str | None = None) -> dict[str, Any]:
    """Play what the pairings need and return the result `tournament --json` prints: a row per side and
    pairing, and the orders the engine refused over all games (in games between ai players only, too:
    those are the AI's own; the baseline may be refused a move into a hidden enemy)."""
    if len(sides) != 2:
        raise ValueError(f"a tournament needs a scenario of two sides, not {len(sides)}")
    seeds = list(seeds)
    setups = setups_needed(sides)
    docs = play_setups(path, sides, setups, seeds, turns, workers, progress)
    rows = []
    for side in sides:
        for p in PAIRINGS:
            tested = docs[setup_for(sides, side, p.tested, p.other)]
            control = docs[setup_for(sides, side, p.control, p.other)]
            rows.append({"side": side, "pairing": p.key, "label": p.label, "tested": _role(p.tested),
                         "control": _role(p.control), "other": _role(p.other), "share": p.share,
                         **compare(tested, control, side, p.share)})
    all_docs = [d for ds in docs.values() for d in ds]
    ai_docs = [d for s, ds in docs.items() if all(r[0] == "ai" for r in s) for d in ds]
    counted = all("refused_orders" in d for d in all_docs)
    return {"scenario": name or Path(path).name, "sides": list(sides), "seeds": seeds, "runs": len(seeds),
            "turns": turns, "games": len(all_docs), "rows": rows,
            "refused_orders": sum(d["refused_orders"] for d in all_docs) if counted else None,
            "refused_orders_ai_only": sum(d["refused_orders"] for d in ai_docs) if counted else None,
            "games_ai_only": len(ai_docs)}


def span_of(low: float, high: float) -> str:
    return f"{low:+g} .. {high:+g}"


def format_table(result: dict[str, Any]) -> str:
    """The result as the table the issue asks for, each row beside its target."""
    seeds = result["seeds"]
    span = f"seeds {seeds[0]}-{seeds[-1]}" if seeds else "no seeds"
    length = f"{result['turns']} turns" if result["turns"] else "whole games"
    lines = [f"tournament on {result['scenario']}: {result['runs']} {span}, {length}, {result['games']} games played",
             "gain = the side's VP margin (its VP minus the other's, averaged over the game's turns) in the tested",
             "games minus in the control; the last column is the median margin at the end of the game",
             "",
             f"{'side':8s} {'pairing':15s} {'tested':8s} {'control':8s} {'vs':8s} {'improved':>9s} {'target':>7s} "
             f"{'':4s} {'median gain':>11s}  {'range':14s} median margin tested / control  at the end"]
    for r in result["rows"]:
        ok = "ref" if r["meets"] is None else "PASS" if r["meets"] else "MISS"
        need = "-" if r["target"] is None else f">= {r['target']}"
        margins = r["margins"]
        lines.append(f"{r['side']:8s} {r['label']:15s} {r['tested']:8s} {r['control']:8s} {r['other']:8s} "
                     f"{r['improved']:>3d} of {r['runs']:<3d} {need:>7s} {ok:4s} "
                     f"{r['median_gain']:>+11g}  {span_of(r['min_gain'], r['max_gain']):14s} "
                     f"{statistics.median(margins['tested']):+g} / {statistics.median(margins['control']):+g}"
                     f"  {statistics.median(r['end_margins']['tested']):+g} / "
                     f"{statistics.median(r['end_margins']['control']):+g}")
    targeted = [r for r in result["rows"] if r["meets"] is not None]
    passed = sum(r["meets"] for r in targeted)
    references = sorted({r["label"] for r in result["rows"] if r["meets"] is None})
    note = f" ({', '.join(references)}: a reference, no target)" if references else ""
    lines += ["", f"targets met: {passed} of {len(targeted)}{note}"]
    if result["refused_orders"] is not None:
        lines.append(f"orders refused by the engine: {result['refused_orders']} in {result['games']} games "
                     f"({result['refused_orders_ai_only']} in the {result['games_ai_only']} games between ai players)")
    return "\n".join(lines)
