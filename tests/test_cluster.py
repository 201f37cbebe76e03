"""Runs on a Dask cluster give the same games as runs on this machine."""

from __future__ import annotations

import pytest

from game.cluster import ClusterError, executor
from game.paths import TEST_SCENARIO


def play_one(seed: int) -> str:
    """A whole tiny game, its final state hash (a module-level function, so it pickles)."""
    from game.ai.match import play_match
    from game.ai.players import baseline_player
    from game.core.game import Game
    from game.scenario.build import load_game

    game = Game(load_game(TEST_SCENARIO, seed), seed)
    play_match(game, [baseline_player, baseline_player])
    return game.state.state_hash()


def test_local_cluster_matches_the_process_pool() -> None:
    from distributed import LocalCluster

    with executor(workers=2) as pool:
        local = list(pool.map(play_one, range(3)))
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster, \
            executor(cluster.scheduler_address) as pool:
        remote = list(pool.map(play_one, range(3)))
    assert remote == local and len(set(local)) >= 1


def test_unreachable_scheduler_is_one_clear_line() -> None:
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"), \
            executor("tcp://127.0.0.1:9", connect_timeout_s=1):
        pass


def test_simulate_runs_on_a_local_cluster_match_local_runs() -> None:
    from distributed import LocalCluster

    from game.ai.runs import run_many

    players = {"soviet": "baseline", "japan": "baseline"}
    local = run_many(TEST_SCENARIO, [0, 1], players, workers=1)
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        remote = run_many(TEST_SCENARIO, [0, 1], players, scheduler=cluster.scheduler_address)
    assert [d["state_hash"] for d in remote] == [d["state_hash"] for d in local]
