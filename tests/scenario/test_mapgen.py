"""The Manchuria map is generated from geo/ data, is in sync, and puts things where they belong."""

from __future__ import annotations

import itertools
import shutil
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from game.core.hexgrid import DIRECTION_NAMES, Grid, Hex, direction_to, neighbor
from game.paths import SCENARIOS
from game.scenario import mapgen
from game.scenario.loader import ScenarioError
from game.scenario.projection import Projection
from game.scenario.schema import MapFile
from game.scenario.source import load_file

FOLDER = SCENARIOS / "manchuria_1944"
WATER = {"sea", "lake"}


@cache
def _map() -> MapFile:
    return load_file(FOLDER / "map.yaml", MapFile)


def _terrain(h: Hex) -> str:
    m = _map()
    return m.terrain_codes[m.terrain[h[1]][h[0]]].value


def _control(h: Hex) -> str:
    m = _map()
    assert m.control is not None
    return m.control[h[1]][h[0]]


def _place(pid: str) -> Hex:
    return next(tuple(p.hex) for p in _map().places if p.id == pid)


def _grid() -> Grid:
    return Grid(_map().width, _map().height)


def _on(h: Hex) -> bool:
    return _grid().contains(h)


def _river_sides(name: str) -> set[frozenset[Hex]]:
    """Each hexside of a river as the pair of hexes it separates."""
    out = set()
    for river in _map().rivers:
        if river.name == name:
            for col, row, side in river.hexsides:
                out.add(frozenset({(col, row), neighbor((col, row), DIRECTION_NAMES.index(side.value))}))
    return out


def test_committed_map_is_fresh() -> None:
    diffs = mapgen.check(FOLDER)
    assert not diffs, ("scenarios/manchuria_1944/map.yaml is stale; run "
                       "`python main.py mapgen scenarios/manchuria_1944`:\n" + "\n".join(diffs))


def test_map_starts_with_schema_and_generated_warning() -> None:
    lines = (FOLDER / "map.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/map.schema.json"
    assert "mapgen scenarios/manchuria_1944" in lines[1] and "do not edit" in lines[1]


def test_projection_is_the_agreed_one() -> None:
    """Other files place units with these numbers: changing them silently would move every unit."""
    p = mapgen.load_geo(FOLDER).projection.model
    agreed = Projection(lat1=40, lat2=50, lat0=46, lon0=130, km_per_hex=25, west=115, east=145, south=38, north=54)
    assert Projection(p.lat1, p.lat2, p.lat0, p.lon0, p.km_per_hex, p.west, p.east, p.south, p.north) == agreed
    assert (_map().width, _map().height) == agreed.size == (106, 88)


def test_map_validates_and_rows_fit() -> None:
    m = _map()
    assert len(m.terrain) == m.height and {len(r) for r in m.terrain} == {m.width}
    assert m.control is not None and len(m.control) == m.height and {len(r) for r in m.control} == {m.width}


def test_generate_is_quick() -> None:
    import time

    start = time.perf_counter()
    mapgen.generate(FOLDER)
    assert time.perf_counter() - start < 5.0


REQUIRED_PLACES = [
    "changchun", "harbin", "shenyang", "qiqihar", "mudanjiang", "jiamusi", "hailar", "manzhouli", "zabaykalsk",
    "solun", "arxan", "ulanhot", "taonan", "baicheng", "lubei", "tuquan", "kailu", "tongliao", "siping", "chifeng",
    "duolun", "chengde", "jinzhou", "shanhaiguan", "dalian", "lushun", "jilin", "tonghua", "dunhua", "yanji",
    "tumen", "hunchun", "dongning", "suifenhe", "pogranichny", "muling", "linkou", "jixi", "mishan", "hulin",
    "hutou", "dalnerechensk", "fujin", "heihe", "aihui", "sunwu", "bei_an", "nenjiang", "zhalantun",
    "blagoveshchensk", "khabarovsk", "vladivostok", "ussuriysk", "borzya", "tamtsag_bulak", "pyongyang", "hamhung",
    "wonsan", "chongjin", "rajin", "dandong", "kraskino", "yuzhno_sakhalinsk", "kholmsk", "korsakov", "poronaysk",
    "pobedino", "shumshu", "paramushir", "kunashir", "zhangjiakou", "chita", "choibalsan",
]


def test_required_places_exist_with_their_vp() -> None:
    ids = {p.id for p in _map().places}
    assert not set(REQUIRED_PLACES) - ids
    vp = {p.id: p.vp for p in _map().places}
    assert (vp["changchun"], vp["harbin"], vp["shenyang"], vp["lushun"], vp["dalian"]) == (20, 15, 15, 10, 10)
    assert vp["qiqihar"] == vp["mudanjiang"] == vp["jilin"] == vp["yuzhno_sakhalinsk"] == 8
    assert (vp["shumshu"], vp["paramushir"]) == (5, 3)
    assert all(vp[s] == 5 for s in ("vladivostok", "khabarovsk", "blagoveshchensk", "ussuriysk"))


def test_every_place_is_on_land_and_alone() -> None:
    hexes = [p.hex for p in _map().places]
    assert len(hexes) == len(set(hexes))
    wet = [p.id for p in _map().places if _terrain(tuple(p.hex)) in WATER]
    assert wet == []


@pytest.mark.parametrize("pid", ["vladivostok", "dalian", "chongjin", "korsakov"])
def test_ports_are_next_to_the_sea(pid: str) -> None:
    around = [neighbor(_place(pid), d) for d in range(6)]
    assert any(_on(h) and _terrain(h) == "sea" for h in around), pid


def test_harbin_and_jilin_are_on_the_sungari() -> None:
    sides = _river_sides("Sungari")
    for pid in ("harbin", "jilin"):
        assert any(_place(pid) in pair for pair in sides), pid


def test_amur_separates_heihe_and_blagoveshchensk() -> None:
    heihe, blag = _place("heihe"), _place("blagoveshchensk")
    amur = _river_sides("Amur")
    if direction_to(heihe, blag) is not None:
        assert frozenset({heihe, blag}) in amur
    else:
        near = {h for pair in amur for h in pair}
        assert any(h in near for h in (heihe, blag))
    assert (_control(heihe), _control(blag)) == ("J", "S")


def test_frontier_rivers_lie_between_the_sides() -> None:
    """Along each frontier reach (Argun, Amur, Ussuri, Sungacha, lower Tumen) each bank's hex is its side's."""
    geo = mapgen.load_geo(FOLDER)
    geom = mapgen.build_geometry(geo)
    graph = mapgen.HexsideGraph(geom.grid, geom.km, geom.size_km)
    width = geom.grid.width
    checked = 0
    for it in geo.rivers:
        border = it.model.border
        if border is None:
            continue
        trace = mapgen.trace_river(geom, graph, it)
        banks = [((lh % width, lh // width), (rh % width, rh // width)) for lh, rh in trace.banks]
        land = [(lh, rh) for lh, rh in banks if "." not in (_control(lh), _control(rh))]
        right = [(lh, rh) for lh, rh in land if (_control(lh), _control(rh)) == (border.left, border.right)]
        assert len(right) == len(land), (it.model.name, sorted(set(land) - set(right))[:5])
        checked += len(land)
    assert checked > 100


def test_lake_khanka_is_lake() -> None:
    proj = Projection(40, 50, 46, 130, 25, 115, 145, 38, 54)
    for lat, lon in ((44.9, 132.4), (45.0, 132.3)):
        assert _terrain(proj.hex_of(lat, lon)) == "lake"


def test_a_railway_joins_manzhouli_to_harbin() -> None:
    """Graph search over railway hexsides: the CER must connect the border to Harbin."""
    edges: dict[Hex, set[Hex]] = {}
    for rail in _map().railways:
        path = [tuple(h) for h in rail.path]
        for a, b in itertools.pairwise(path):
            edges.setdefault(a, set()).add(b)
            edges.setdefault(b, set()).add(a)
    start, goal = _place("manzhouli"), _place("harbin")
    seen, todo = {start}, [start]
    while todo:
        h = todo.pop()
        for n in edges.get(h, ()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    assert goal in seen


def test_greater_khingan_lies_between_hailar_and_qiqihar() -> None:
    m = _map()
    (c0, r0), (c1, r1) = _place("hailar"), _place("qiqihar")
    kinds = set()
    for r in range(min(r0, r1), max(r0, r1) + 1):
        for c in range(c0 + 1, c1):
            kinds.add(m.terrain_codes[m.terrain[r][c]].value)
    assert "mountains" in kinds and "hills" in kinds


def test_control_at_start() -> None:
    assert _control(_place("vladivostok")) == "S"
    assert _control(_place("changchun")) == "J"
    assert _control(_place("chita")) == "S" and _control(_place("choibalsan")) == "S"
    assert _control(_place("yuzhno_sakhalinsk")) == "J" and _control(_place("okha")) == "S"
    assert _control(_place("shumshu")) == "J" and _control(_place("petropavlovsk")) == "S"
    m = _map()
    assert m.control is not None
    sea = np.array([[m.terrain_codes[ch].value in WATER for ch in row] for row in m.terrain])
    ctl = np.array([list(row) for row in m.control])
    assert (ctl[sea] == ".").all() and (ctl[~sea] != ".").all()


def test_inset_holds_the_northern_kurils() -> None:
    (inset,) = _map().insets
    for pid in ("shumshu", "paramushir", "petropavlovsk"):
        col, row = _place(pid)
        assert inset.cols[0] <= col <= inset.cols[1] and inset.rows[0] <= row <= inset.rows[1], pid


def test_fortifications() -> None:
    forts = {f.name: (tuple(f.hex), f.level) for f in _map().fortifications}
    assert forts["Hutou FR"] == (_place("hutou"), 5)
    assert forts["Hailar FR"] == (_place("hailar"), 4)


def test_gauges() -> None:
    gauges = {r.name: r.gauge for r in _map().railways}
    assert gauges["Trans-Siberian Railway"] == 1520
    assert gauges["Chinese Eastern Railway, western arm"] == 1435
    assert gauges["Karafuto East Line"] == 1067


# ------------------------------------------------------------------ the tool on small cases


def _copy(tmp_path: Path) -> Path:
    dst = tmp_path / "scn"
    shutil.copytree(FOLDER / "geo", dst / "geo")
    return dst


def test_a_typo_in_a_geo_file_names_file_and_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    rivers = folder / "geo" / "rivers.yaml"
    text = rivers.read_text(encoding="utf-8")
    lines = text.splitlines()
    line_no = next(i for i, line in enumerate(lines) if line.strip() == "kind: major") + 1
    rivers.write_text(text.replace("kind: major", "knid: major", 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        mapgen.generate(folder)
    problems = [str(p) for p in err.value.problems]
    hit = [p for p in problems if f"rivers.yaml:{line_no}:" in p]
    assert hit and "knid" in hit[0] and "did you mean 'kind'" in hit[0], problems


def test_an_unknown_place_in_a_railway_is_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    rails = folder / "geo" / "railways.yaml"
    rails.write_text(rails.read_text(encoding="utf-8").replace("via: [belogorsk, blagoveshchensk]",
                                                               "via: [belogorsk, blagoveschensk]"), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        mapgen.generate(folder)
    assert any("blagoveschensk" in str(p) and "railways.yaml" in p.file for p in err.value.problems)


def test_write_then_check_and_a_stale_map(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    assert mapgen.check(folder) and "missing" in mapgen.check(folder)[0]
    path = mapgen.write(folder)
    assert path == folder / "map.yaml" and mapgen.check(folder) == []
    places = folder / "geo" / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8").replace("at: [45.75, 126.65]", "at: [45.0, 126.65]"),
                      encoding="utf-8")
    diffs = mapgen.check(folder)
    assert any("places" in d and "harbin" in d for d in diffs), diffs
    assert all("python main.py mapgen scenarios/" in d for d in diffs)


def test_moving_a_river_point_moves_its_hexsides(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    before = mapgen.build_map(mapgen.load_geo(folder))
    rivers = folder / "geo" / "rivers.yaml"
    rivers.write_text(rivers.read_text(encoding="utf-8").replace("[45.8, 126.6]", "[46.3, 126.6]"), encoding="utf-8")
    after = mapgen.build_map(mapgen.load_geo(folder))

    def sungari(data: dict) -> list:
        return next(r["hexsides"] for r in data["rivers"] if r["name"] == "Sungari" and r["kind"] == "major")

    assert sungari(before) != sungari(after)


def test_rivers_are_continuous_lines_of_hexsides() -> None:
    """Consecutive hexsides of a traced reach share a corner: no gaps inside a river's run."""
    geo = mapgen.load_geo(FOLDER)
    geom = mapgen.build_geometry(geo)
    graph = mapgen.HexsideGraph(geom.grid, geom.km, geom.size_km)
    corners_of = {v: set(k) for k, v in graph.edges.items()}
    for it in geo.rivers:
        trace = mapgen.trace_river(geom, graph, it)
        corners = [corners_of[side] for side in trace.sides]
        gaps = sum(1 for a, b in itertools.pairwise(corners) if not a & b)
        assert gaps <= 1, (it.model.name, gaps)




def test_routes_keep_to_land() -> None:
    m = _map()
    for route in [*m.railways, *m.roads]:
        wet = [h for h in route.path if _terrain(tuple(h)) in WATER]
        assert wet == [], (route.name, wet)


def test_places_stay_within_a_hex_of_their_coordinates() -> None:
    """A place pushed further (by the sea, the other side or a neighbour) means the geo data disagree."""
    geo = mapgen.load_geo(FOLDER)
    geom = mapgen.build_geometry(geo)
    grid = geom.grid
    for it in geo.places:
        lat, lon = it.model.at
        idx, _ = geom.hexes_of(geom.frame_id_of(lat, lon), np.array([lat]), np.array([lon]))
        true = grid.hex_at(int(idx[0]))
        assert grid.distances_from(true)[grid.index(_place(it.model.id))] <= 1, it.model.id


def test_each_railway_runs_on_its_own_side() -> None:
    """Soviet broad gauge through Soviet (and Mongolian) hexes, every other gauge through Japanese-held ones."""
    for rail in _map().railways:
        want = "S" if rail.gauge == 1520 else "J"
        wrong = [tuple(h) for h in rail.path if _control(tuple(h)) != want]
        assert wrong == [], (rail.name, wrong)


def _components(rails: list) -> list[set[Hex]]:
    edges: dict[Hex, set[Hex]] = {}
    for rail in rails:
        path = [tuple(h) for h in rail.path]
        for h in path:
            edges.setdefault(h, set())
        for a, b in itertools.pairwise(path):
            edges[a].add(b)
            edges[b].add(a)
    seen: set[Hex] = set()
    out = []
    for start in edges:
        if start in seen:
            continue
        comp, todo = {start}, [start]
        while todo:
            for n in edges[todo.pop()]:
                if n not in comp:
                    comp.add(n)
                    todo.append(n)
        seen |= comp
        out.append(comp)
    return out


def test_rail_networks_are_connected() -> None:
    """Branch lines meet their main lines: one Soviet network, one Manchurian-Korean-Chinese network."""
    m = _map()
    for gauge, islands in ((1520, 1), (1435, 1), (1067, 3)):  # 1067: Karafuto, Hokkaido, Honshu
        comps = _components([r for r in m.railways if r.gauge == gauge])
        assert len(comps) == islands, (gauge, [sorted(c)[:3] for c in comps])
