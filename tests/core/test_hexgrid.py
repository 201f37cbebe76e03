"""Hex grid maths: property tests over random hexes, plus fixed cases for odd-r layout."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from game.core import hexgrid as hg

coord = st.integers(-60, 60)
hexes = st.tuples(coord, coord)
sizes = st.floats(4, 80)


@given(hexes)
def test_offset_axial_round_trip(h: hg.Hex) -> None:
    assert hg.axial_to_offset(*hg.offset_to_axial(*h)) == h


@given(hexes, hexes)
def test_distance_is_symmetric_and_zero_only_on_self(a: hg.Hex, b: hg.Hex) -> None:
    assert hg.distance(a, b) == hg.distance(b, a)
    assert (hg.distance(a, b) == 0) == (a == b)


@given(hexes, hexes, hexes)
def test_triangle_inequality(a: hg.Hex, b: hg.Hex, c: hg.Hex) -> None:
    assert hg.distance(a, c) <= hg.distance(a, b) + hg.distance(b, c)


@given(hexes)
def test_neighbours_are_at_distance_one_and_distinct(h: hg.Hex) -> None:
    ns = hg.neighbors(h)
    assert len(set(ns)) == 6
    assert all(hg.distance(h, n) == 1 for n in ns)
    for d, n in enumerate(ns):
        assert hg.direction_to(h, n) == d
        assert hg.neighbor(n, hg.opposite(d)) == h


@given(hexes, hexes)
def test_line_is_connected_and_as_long_as_the_distance(a: hg.Hex, b: hg.Hex) -> None:
    path = hg.line(a, b)
    assert path[0] == a and path[-1] == b
    assert len(path) == hg.distance(a, b) + 1
    assert all(hg.distance(p, q) == 1 for p, q in itertools.pairwise(path))


@given(hexes, st.integers(0, 8))
def test_ring_holds_exactly_the_hexes_at_that_radius(c: hg.Hex, radius: int) -> None:
    r = hg.ring(c, radius)
    assert len(r) == max(1, 6 * radius) == len(set(r))
    assert all(hg.distance(c, h) == radius for h in r)


@given(hexes, sizes)
def test_pixel_round_trip(h: hg.Hex, size: float) -> None:
    x, y = hg.hex_to_pixel(h, size)
    assert hg.pixel_to_hex(x, y, size) == h
    # a point well inside the hex (half-way to a corner) still maps back to it
    cx, cy = hg.hex_corners((x, y), size)[2]
    assert hg.pixel_to_hex((x + cx) / 2, (y + cy) / 2, size) == h


def test_odd_rows_are_shifted_east() -> None:
    # odd-r: (0, 1) sits to the south-east of (0, 0), so they are neighbours across SE
    assert hg.direction_to((0, 0), (0, 1)) == hg.DIRECTION_NAMES.index("SE")
    assert hg.direction_to((1, 1), (1, 0)) == hg.DIRECTION_NAMES.index("NW")
    assert hg.hex_to_pixel((0, 1), 10)[0] > hg.hex_to_pixel((0, 0), 10)[0]


@given(st.integers(2, 30), st.integers(2, 30))
def test_neighbor_table_matches_scalar_neighbours(w: int, h: int) -> None:
    grid = hg.Grid(w, h)
    table = grid.neighbor_table
    assert table.shape == (w * h, 6)
    for idx in range(grid.size):
        for d in range(6):
            n = hg.neighbor(grid.hex_at(idx), d)
            assert table[idx, d] == (grid.index(n) if grid.contains(n) else -1)


@given(st.integers(2, 30), st.integers(2, 30), st.data())
def test_vectorized_distances_match_scalar(w: int, h: int, data: st.DataObject) -> None:
    grid = hg.Grid(w, h)
    src = (data.draw(st.integers(0, w - 1)), data.draw(st.integers(0, h - 1)))
    expected = np.array([hg.distance(src, grid.hex_at(i)) for i in range(grid.size)])
    assert np.array_equal(grid.distances_from(src), expected)
