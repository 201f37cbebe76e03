"""The penetration table: the mechanism on hand-made types, and the Manchuria data against the chapter."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from game.core.equipment import EquipmentType, Weapon
from game.core.rules.armor import PENETRATION_RANGES_M, format_table, penetration_records
from game.scenario.build import equipment_types
from game.scenario.schema import EquipmentDef, EquipmentFile
from game.scenario.source import load_file

EQUIPMENT_FILE = Path(__file__).resolve().parents[2] / "scenarios" / "manchuria_1944" / "equipment.yaml"

# The ids other engineers build on: these may be added to, never renamed.
REQUIRED_IDS = (
    "t34_85", "t34_76", "t54", "is2", "su76m", "su85", "su100", "isu152", "bt7", "t26", "ba64", "at_45mm_m42",
    "at_57mm_zis2", "gun_76mm_zis3", "gun_100mm_bs3", "how_122mm_m30", "gun_152mm_ml20", "mortar_82mm",
    "mortar_120mm", "rocket_bm13", "aa_37mm_61k", "lmg_dp", "hmg_maxim", "atr_ptrd", "mig9", "yak9", "yak3",
    "la7", "il10", "il2", "pe2", "tu2", "a20", "li2", "truck_soviet", "type95_ha_go", "type97_chi_ha",
    "type97_shinhoto", "type89_i_go", "type94_tankette", "at_37mm_type94", "at_47mm_type1", "gun_75mm_type38",
    "gun_75mm_type90", "gun_75mm_type41", "gun_70mm_type92", "how_105mm_type91", "how_150mm_type96",
    "mortar_81mm_type97", "aa_75mm_type88", "lmg_type96", "hmg_type92", "atr_type97", "lunge_mine",
    "satchel_charge", "magnetic_mine_type99", "ki84", "ki43", "ki44", "ki45", "ki51", "ki48", "ki21", "ki46",
    "ki57", "truck_japan",
)

AFV_KINDS = {"tank", "spg", "armored_car"}
ANTI_ARMOUR_KINDS = {"tank", "spg", "anti_tank_gun"}  # all but MG-armed tankettes carry a table
CLOSE_ASSAULT_MAX_M = 100  # the file's convention: max_range_m under 100 = close assault only
TAG = re.compile(r"\[(S\d+|M|E|\?)\]")


# ------------------------------------------------------------------ the mechanism, on hand-made types


def _tiny() -> list[EquipmentType]:
    gun = Weapon("gun", 50, (100.0, 1000.0), (50.0, 30.0), he=1.0, max_range_m=800)
    mg = Weapon("mg", 7.62, (), (), he=0.5)
    return [
        EquipmentType("a", "A", "tank", (30.0, 20.0, 10.0), (gun, mg), 3),
        EquipmentType("b", "B", "tank", (40.0, 20.0, 45.0), (mg,), 3),
        EquipmentType("soft", "Soft", "gun", None, (gun,), 5),
        EquipmentType("zero", "Zero", "vehicle", (0.0, 0.0, 0.0), (), 1),
    ]


def test_records_cover_every_gun_target_facing_and_range() -> None:
    recs = penetration_records(_tiny(), ranges=(100, 550, 1000))
    # 2 carriers of "gun" (a, soft) x 2 armoured targets (a, b) x 3 facings x 3 ranges; mg has no table.
    assert len(recs) == 2 * 2 * 3 * 3
    assert {r["weapon"] for r in recs} == {"gun"}
    assert {r["target"] for r in recs} == {"a", "b"}
    assert {r["shooter"] for r in recs} == {"a", "soft"}


def test_records_interpolate_compare_and_stop_at_max_range() -> None:
    recs = penetration_records(_tiny(), ranges=(100, 550, 1000))
    by = {(r["shooter"], r["target"], r["facing"], r["range_m"]): r for r in recs}
    front_100 = by[("a", "b", "front", 100)]
    assert front_100["penetration_mm"] == pytest.approx(50)
    assert front_100["armor_mm"] == 40
    assert front_100["margin_mm"] == pytest.approx(10)
    assert front_100["penetrates"] is True
    mid = by[("a", "b", "front", 550)]  # halfway between 50 @100 and 30 @1000
    assert mid["penetration_mm"] == pytest.approx(40)
    assert mid["penetrates"] is False  # equal is not enough
    assert by[("a", "b", "rear", 550)]["penetrates"] is False  # 40 vs 45
    assert by[("a", "b", "side", 550)]["margin_mm"] == pytest.approx(20)
    beyond = by[("a", "a", "rear", 1000)]  # past max_range_m 800: nothing
    assert beyond["penetration_mm"] == 0 and beyond["penetrates"] is False


def test_records_order_is_grouped_and_json_ready() -> None:
    recs = penetration_records(_tiny(), ranges=(100, 1000))
    keys = [(r["shooter"], r["target"], r["facing"], r["range_m"]) for r in recs]
    assert keys[:4] == [("a", "a", "front", 100), ("a", "a", "front", 1000), ("a", "a", "side", 100),
                        ("a", "a", "side", 1000)]
    assert json.loads(json.dumps(recs)) == recs


def test_records_empty_without_guns_or_targets() -> None:
    tiny = _tiny()
    assert penetration_records([t for t in tiny if t.id in ("b", "zero")]) == []
    assert penetration_records([t for t in tiny if t.id == "soft"]) == []


def test_format_table_shows_margins_and_verdicts() -> None:
    recs = penetration_records(_tiny(), ranges=(100, 550, 1000))
    text = format_table(recs)
    assert "a: gun" in text and "soft: gun" in text
    row = next(line for line in text.splitlines() if line.startswith("b front (40)"))
    assert row.split() == ["b", "front", "(40)", "+10", "Y", "+0", "n", "-40", "n"]
    pen = next(line for line in text.splitlines() if line.startswith("penetration mm"))
    assert pen.split()[-3:] == ["50", "40", "0"]
    text.encode("ascii")  # prints on any console
    assert format_table([]) != ""


# ------------------------------------------------------------------ the Manchuria equipment file


@pytest.fixture(scope="module")
def model() -> EquipmentFile:
    return load_file(EQUIPMENT_FILE, EquipmentFile)


@pytest.fixture(scope="module")
def eq(model: EquipmentFile) -> list[EquipmentType]:
    return equipment_types([model])


def _defs(model: EquipmentFile) -> dict[str, EquipmentDef]:
    return {e.id: e for e in model.equipment}


def test_every_required_id_is_present(model: EquipmentFile) -> None:
    missing = set(REQUIRED_IDS) - set(_defs(model))
    assert not missing, sorted(missing)


def test_file_opens_with_the_schema_line() -> None:
    first = EQUIPMENT_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/equipment.schema.json"


def test_chapter_85mm_defeats_type95_and_type97_at_2000m(eq: list[EquipmentType]) -> None:
    recs = [r for r in penetration_records(eq, ranges=(2000,))
            if r["shooter"] == "t34_85" and r["weapon"] == "85 mm ZiS-S-53"
            and r["target"] in ("type95_ha_go", "type97_chi_ha", "type97_shinhoto")]
    assert len(recs) == 3 * 3
    assert all(r["penetrates"] for r in recs), [r for r in recs if not r["penetrates"]]


def test_chapter_type95_and_type97_guns_never_defeat_t34_85_front(eq: list[EquipmentType]) -> None:
    ranges = tuple(range(0, 2001, 25))
    recs = [r for r in penetration_records(eq, ranges=ranges)
            if r["shooter"] in ("type95_ha_go", "type97_chi_ha") and r["target"] == "t34_85"
            and r["facing"] == "front"]
    assert {r["shooter"] for r in recs} == {"type95_ha_go", "type97_chi_ha"}  # not vacuous
    assert not any(r["penetrates"] for r in recs), [r for r in recs if r["penetrates"]]


def test_type1_47mm_defeats_t34_sides_at_short_range_only(eq: list[EquipmentType]) -> None:
    """Historical, kept: the Shinhoto and the Type 1 AT gun can hole a T-34's side, not its front."""
    recs = {(r["shooter"], r["facing"], r["range_m"]): r["penetrates"] for r in penetration_records(eq)
            if r["shooter"] in ("type97_shinhoto", "at_47mm_type1") and r["target"] == "t34_85"}
    for shooter in ("type97_shinhoto", "at_47mm_type1"):
        assert recs[(shooter, "side", 500)] and recs[(shooter, "side", 1000)]
        assert not recs[(shooter, "side", 2000)]
        assert not any(recs[(shooter, "front", r)] for r in PENETRATION_RANGES_M)


def test_close_assault_weapons_kill_only_at_contact(eq: list[EquipmentType]) -> None:
    by = {(r["shooter"], r["target"], r["facing"], r["range_m"]): r["penetrates"]
          for r in penetration_records(eq, ranges=(5, 100))}
    assert by[("lunge_mine", "t34_85", "front", 5)]
    assert not by[("lunge_mine", "t34_85", "front", 100)]
    assert not by[("magnetic_mine_type99", "t34_85", "side", 5)]  # cannot hole 45 mm walls alone
    assert by[("magnetic_mine_type99", "type95_ha_go", "side", 5)]


def test_anti_armour_tables_use_the_five_ranges_and_fall_with_range(eq: list[EquipmentType]) -> None:
    for e in eq:
        for w in e.weapons:
            if not w.pen_range_m:
                continue
            where = f"{e.id} / {w.name}"
            if w.max_range_m < CLOSE_ASSAULT_MAX_M:
                assert e.kind == "infantry_weapon", where
                assert w.penetration(float(w.max_range_m) + 1) == 0, where
                continue
            assert w.pen_range_m == PENETRATION_RANGES_M, where
            assert all(np.diff(w.pen_mm) <= 0), where
            assert w.pen_mm[0] > w.pen_mm[-1], where
            assert w.max_range_m >= 1000, where


def test_every_anti_armour_type_carries_a_table(eq: list[EquipmentType]) -> None:
    unarmed = [e.id for e in eq if e.kind in ANTI_ARMOUR_KINDS and e.id != "type94_tankette"
               and not any(w.pen_range_m for w in e.weapons)]
    assert not unarmed


def test_armoured_vehicles_have_armour_thickest_in_front(eq: list[EquipmentType]) -> None:
    for e in eq:
        if e.kind in AFV_KINDS:
            assert e.armored, e.id
            front, side, rear = e.armor  # type: ignore[misc]
            assert front >= side > 0 and rear > 0, e.id
        elif e.kind != "ship":
            assert e.armor is None, f"{e.id}: soft targets carry no armour"


def test_small_arms_have_he_and_no_penetration(eq: list[EquipmentType]) -> None:
    for e in eq:
        for w in e.weapons:
            if w.caliber_mm < 13 and not w.pen_range_m:
                assert w.he > 0, f"{e.id} / {w.name}"
    mgs = [w for e in eq if e.id in ("lmg_dp", "hmg_maxim", "lmg_type96", "hmg_type92") for w in e.weapons]
    assert len(mgs) == 4 and not any(w.pen_range_m for w in mgs)


def test_aircraft_have_role_speed_and_range(model: EquipmentFile) -> None:
    for e in model.equipment:
        if e.kind.value == "aircraft":
            assert e.role in {"fighter", "attack", "bomber", "transport", "recon"}, e.id
            assert e.speed_kmh and e.range_km and e.crew > 0, e.id
    assert _defs(model)["mig9"].speed_kmh > max(e.speed_kmh or 0 for e in model.equipment  # type: ignore[operator]
                                                if e.kind.value == "aircraft" and e.id != "mig9")


def test_ground_vehicles_have_speeds(model: EquipmentFile) -> None:
    for e in model.equipment:
        if e.kind.value in AFV_KINDS | {"vehicle"}:
            assert e.speed_kmh and e.speed_offroad_kmh and e.range_km, e.id
            assert e.speed_offroad_kmh < e.speed_kmh, e.id


def test_every_item_names_its_source(model: EquipmentFile) -> None:
    for e in model.equipment:
        assert TAG.search(e.source), f"{e.id}: source needs a fact-sheet tag, got {e.source!r}"


def test_records_match_weapon_interpolation(eq: list[EquipmentType]) -> None:
    weapons = {(e.id, w.name): w for e in eq for w in e.weapons}
    ranges = (*PENETRATION_RANGES_M, 750, 1250)
    recs = penetration_records(eq, ranges=ranges)
    assert recs
    for r in recs:
        expected = weapons[(r["shooter"], r["weapon"])].penetration(float(r["range_m"]))
        assert r["penetration_mm"] == pytest.approx(expected), r
        assert r["margin_mm"] == pytest.approx(r["penetration_mm"] - r["armor_mm"]), r
    # The Ha-Go's 37 mm table gives 14 mm at 750 m [S47]; linear interpolation of the five ranges keeps it.
    ha_go = next(r for r in recs if r["shooter"] == "type95_ha_go" and r["range_m"] == 750)
    assert ha_go["penetration_mm"] == pytest.approx(14)


def test_t34_85_armour_by_facing_matches_the_fact_sheet(eq: list[EquipmentType]) -> None:
    """reference/manchuria-facts.md §1.2: glacis 45@60° and turret 90 -> 90 front; lower hull side 45@0° -> 45;
    lower rear 45@45° -> 64 (the upper rear is 67): the weaker large area of each face."""
    t34 = next(e for e in eq if e.id == "t34_85")
    assert t34.armor == (90, 45, 64)
