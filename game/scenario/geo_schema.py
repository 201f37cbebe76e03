"""Pydantic models of a scenario's geographic source files (``<scenario>/geo/*.yaml``).

The hex map (map.yaml) is *generated* from these files by ``mapgen``: coasts, lakes, terrain
areas, control regions and insets are polygons in latitude/longitude, rivers, railways and
roads are polylines, places and fortified regions are points. A designer fixes a river's
course here and regenerates; nobody repaints hexes. Every geo file has the same model
(``GeoFile``) so sections can be split over files as the designer likes: list sections are
concatenated in file-name order, single sections (projection, terrain codes, control) must
appear in exactly one file. Unknown keys are errors, every field is described (the JSON
Schema in scenarios/schema/geo.schema.json is generated from these models).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from game.scenario.schema import Id, RiverKind, Strict, TerrainKind, _f

Lat = Annotated[float, Field(ge=-90, le=90)]
Lon = Annotated[float, Field(ge=-180, le=360)]
LatLon = Annotated[tuple[Lat, Lon], Field(description="A point as [latitude, longitude] in decimal degrees "
                                                      "north/east", examples=[[45.75, 126.65]])]
Waypoint = Annotated[Id | tuple[Lat, Lon], Field(
    description="A place id (the route passes through that place's hex) or a point [lat, lon]",
    examples=["harbin", [45.07, 128.05]])]
MapCode = Annotated[str, Field(min_length=1, max_length=1, description="A one-character side map code "
                                                                       "('.' for nobody)", examples=["S"])]


# Examples shown by the editor, taken from scenarios/manchuria_1944/geo.
_EX_PROJECTION = {"lat1": 40, "lat2": 50, "lat0": 46, "lon0": 130, "km_per_hex": 25, "west": 115, "east": 145,
                  "south": 38, "north": 54}
_EX_INSET_NOTE = ("Shumshu and Paramushir (Japanese, 91st Division) and the southern tip of Kamchatka with "
                  "Petropavlovsk-Kamchatsky (Soviet). Not connected to the rest of the map; reach it by sea or air.")
_EX_INSET = {"name": "Northern Kurils and southern Kamchatka", "note": _EX_INSET_NOTE, "west": 155.0,
             "east": 158.9, "south": 49.9, "north": 53.1, "lon0": 157.0, "col": 93, "row": 0}
_EX_SHUMSHU = [[50.62, 156.18], [50.72, 156.1], [50.85, 156.22], [50.9, 156.42], [50.8, 156.56], [50.68, 156.45]]
_EX_KHANKA = [[45.33, 132.25], [45.3, 132.6], [45.1, 132.88], [44.8, 132.85], [44.55, 132.55], [44.6, 132.15],
              [44.85, 131.98], [45.15, 132.0]]
_EX_KHINGAN_LINE = [[51.0, 126.2], [49.8, 127.4], [48.9, 128.5], [48.1, 129.5], [47.4, 130.4]]
_EX_HOKKAIDO_FOREST = [[45.6, 141.5], [45.6, 142.2], [44.0, 145.6], [43.2, 145.9], [41.9, 143.3], [41.3, 140.0],
                       [43.4, 140.2]]
_EX_USSURI = [[45.42, 133.35], [45.7, 133.55], [45.96, 133.7], [46.3, 133.95]]
_EX_USSURI_NOTE = "Frontier from the Sungacha mouth north past Hutou/Iman and Bikin to Khabarovsk [S16][M]"
_EX_VIA = ["choibalsan", [47.7, 115.9], "tamtsag_bulak"]
_EX_KARAFUTO = [[45.5, 141.2], [50.0, 141.4], [50.0, 146.0], [45.5, 146.0]]
_EX_REGION = {"name": "Karafuto (Sakhalin south of the 50th parallel)", "code": "J", "points": _EX_KARAFUTO}


class PlaceKind(StrEnum):
    city = "city"
    town = "town"
    port = "port"
    fortress = "fortress"
    pass_ = "pass"
    railhead = "railhead"


class ProjectionDef(Strict):
    """Lambert conformal conic parameters and the lat/lon box the hex grid must cover."""

    lat1: float = _f("First standard parallel, degrees", ge=-89, le=89, examples=[40])
    lat2: float = _f("Second standard parallel, degrees", ge=-89, le=89, examples=[50])
    lat0: float = _f("Latitude of the projection's origin", ge=-89, le=89, examples=[46])
    lon0: float = _f("Central meridian", ge=-180, le=360, examples=[130])
    km_per_hex: float = _f("Distance between neighbouring hex centres in km", gt=0, le=500, examples=[25])
    west: float = _f("Western edge of the box to cover, degrees east", examples=[115])
    east: float = _f("Eastern edge of the box to cover, degrees east", examples=[145])
    south: float = _f("Southern edge of the box, degrees north", examples=[38])
    north: float = _f("Northern edge of the box, degrees north", examples=[54])


class InsetGeo(Strict):
    """Islands beyond the main grid drawn at the same scale into an empty corner of it."""

    name: str = _f("Name shown on the inset's frame", examples=["Northern Kurils"])
    note: str = _f("What the inset shows, for the player", default="", examples=[_EX_INSET_NOTE])
    west: float = _f("Western edge of the inset's lat/lon box", examples=[154.6])
    east: float = _f("Eastern edge of the inset's lat/lon box", examples=[159.2])
    south: float = _f("Southern edge of the inset's lat/lon box", examples=[49.3])
    north: float = _f("Northern edge of the inset's lat/lon box", examples=[53.2])
    lon0: float = _f("Central meridian of the inset's own projection (keeps its north up)", examples=[157])
    col: int = _f("Main-grid column of the inset's north-west hex", ge=0, examples=[93])
    row: int = _f("Main-grid row of the inset's north-west hex; even, so odd rows stay shifted east",
                  ge=0, multiple_of=2, examples=[0])


class Area(Strict):
    """A named polygon (a coast, a lake, a control region)."""

    name: str = _f("Name, for messages and readers", examples=["Hokkaido"])
    points: list[LatLon] = _f("Outline as [lat, lon] points; it closes itself", min_length=3,
                              examples=[_EX_SHUMSHU])
    note: str = _f("Sources and confidence ([M] memory, [E] estimate)", default="",
                   examples=["~30 x 20 km, the 91st Division's fortress island [M]"])


class TerrainArea(Strict):
    """A terrain kind painted on the land hexes whose centre falls inside a polygon or near a line."""

    name: str = _f("Name, for messages and readers", examples=["Greater Khingan crest"])
    kind: TerrainKind = _f("Terrain painted on land hexes; later areas win over earlier ones",
                           examples=["forest"])
    points: list[LatLon] | None = _f("Polygon outline as [lat, lon] points", default=None, min_length=3,
                                     examples=[_EX_HOKKAIDO_FOREST])
    line: list[LatLon] | None = _f("A centre line (a range's crest, a floodplain) as [lat, lon] points; "
                                   "needs width_km", default=None, min_length=2, examples=[_EX_KHINGAN_LINE])
    width_km: float | None = _f("Full width of the band around line, km", default=None, gt=0, le=2000,
                                examples=[180])
    note: str = _f("Sources and confidence ([M] memory, [E] estimate)", default="",
                   examples=["500-1,000 m, dense forest [S36][M]"])

    @model_validator(mode="after")
    def _one_shape(self) -> TerrainArea:
        if (self.points is None) == (self.line is None):
            raise ValueError("give either points (a polygon) or line (with width_km), not both or neither")
        if self.line is not None and self.width_km is None:
            raise ValueError("a line area needs width_km")
        return self


class Border(Strict):
    """Who holds each bank of a border river, looking downstream."""

    left: MapCode = _f("Side map code on the left bank (looking downstream)", examples=["S"])
    right: MapCode = _f("Side map code on the right bank (looking downstream)", examples=["J"])


class RiverGeo(Strict):
    """A river reach; reaches with the same name and kind become one river of the map."""

    name: str = _f("River name as shown on the map", examples=["Amur"])
    kind: RiverKind = _f("minor or major", examples=["major"])
    points: list[LatLon] = _f("Course as [lat, lon] points from upstream to downstream", min_length=2,
                              examples=[_EX_USSURI])
    border: Border | None = _f("Set when the reach is a frontier: the hexes on each bank are given to the "
                               "bank's side so the river lies between them", default=None,
                               examples=[{"left": "J", "right": "S"}])
    note: str = _f("Sources and confidence ([M] memory, [E] estimate)", default="", examples=[_EX_USSURI_NOTE])


class RoadGeo(Strict):
    """A road through waypoints; the map gets a path of adjacent hexes."""

    name: str = _f("Road name", examples=["Hailar - Qiqihar road"])
    via: list[Waypoint] = _f("Waypoints in order: place ids or [lat, lon] points", min_length=2,
                             examples=[_EX_VIA])
    note: str = _f("Sources and confidence ([M] memory, [E] estimate)", default="",
                   examples=["Supply route from the Mongolian railhead [M][E]"])


class RailGeo(RoadGeo):
    """A railway through waypoints, with its track gauge."""

    gauge: int = _f("Track gauge in mm: 1520 Soviet broad gauge, 1435 standard, 1067 Japanese Cape gauge",
                    examples=[1435])


class PlaceGeo(Strict):
    """A named place; its hex is the one containing its point (see ``side``)."""

    id: Id = _f("Place id used by objectives and routes", examples=["changchun"])
    name: str = _f("Modern name", examples=["Changchun"])
    name_1944: str = _f("Name in 1944 where it differs", default="", examples=["Hsinking"])
    at: LatLon = _f("Location as [lat, lon]")
    vp: int = _f("Victory points for holding it", default=0, ge=0, le=1000, examples=[20])
    kind: PlaceKind = _f("city, town, port, fortress, pass or railhead", default=PlaceKind.town,
                         examples=["city"])
    urban: bool = _f("Its hex is urban terrain (a big city)", default=False, examples=[True])
    side: MapCode | None = _f("Map code of the side holding it at the start; a border town whose hex fell to "
                              "the other bank moves to the nearest hex of this side", default=None,
                              examples=["J"])
    note: str = _f("Sources and confidence ([M] memory, [E] estimate)", default="",
                   examples=["Showa steel works [M]"])


class FortifiedRegionGeo(Strict):
    """A Japanese (or other) fortified region: one or a few hexes along a front."""

    name: str = _f("Fortified region name", examples=["Hutou FR"])
    level: int = _f("Fortification level, 1 (field works) to 5 (fortress)", ge=1, le=5, examples=[5])
    at: list[Waypoint] = _f("Place ids or [lat, lon] points along its front; each gives one fortified hex",
                            min_length=1, examples=[["manzhouli", "zhalainor"]])
    note: str = _f("Sources and confidence", default="",
                   examples=["45.98, 133.66; front 8 km, depth 6 km, 41 cm howitzer [S16]"])


class ControlRegion(Strict):
    """A polygon of land held by one side at the start; later regions win."""

    name: str = _f("Name, for readers", examples=["Soviet Union and Mongolia"])
    code: MapCode = _f("Side map code of the holder")
    points: list[LatLon] = _f("Outline as [lat, lon] points", min_length=3, examples=[_EX_KARAFUTO])
    note: str = _f("Sources and confidence", default="",
                   examples=["The First Kuril Strait (~11 km) separates Shumshu from Cape Lopatka"])


class ControlDef(Strict):
    """Who holds what at the start: a default for land, polygons over it, water for nobody."""

    land: MapCode = _f("Map code of land outside every region", examples=["J"])
    water: MapCode = _f("Map code of sea and lake hexes", default=".", examples=["."])
    regions: list[ControlRegion] = _f("Regions in order; later ones win", default_factory=list,
                                      examples=[[_EX_REGION]])
    border_band: int = _f("How many hexes from a border river its banks' sides are enforced", default=2,
                          ge=0, le=10, examples=[1])


class GeoFile(Strict):
    """One geo file; any section may appear in any file (lists are joined, singletons appear once)."""

    projection: ProjectionDef | None = _f("Map projection and the box the grid covers", default=None,
                                          examples=[_EX_PROJECTION])
    terrain_codes: dict[str, TerrainKind] | None = _f("One character per terrain kind for the map's rows",
                                                      default=None,
                                                      examples=[{".": "clear", "f": "forest", "m": "mountains",
                                                                 "~": "sea", "l": "lake"}])
    base_terrain: TerrainKind | None = _f("Terrain of land outside every terrain area (default clear)",
                                         default=None, examples=["clear"])
    insets: list[InsetGeo] = _f("Insets of far-away islands", default_factory=list, examples=[[_EX_INSET]])
    land: list[Area] = _f("Land polygons; everything else is sea", default_factory=list,
                          examples=[[{"name": "Shumshu", "points": _EX_SHUMSHU,
                                      "note": "~30 x 20 km, the 91st Division's fortress island [M]"}]])
    lakes: list[Area] = _f("Lakes (painted over land)", default_factory=list,
                           examples=[[{"name": "Lake Khanka", "points": _EX_KHANKA,
                                       "note": "~90 x 70 km; the frontier crosses its northern part. [M]"}]])
    terrain: list[TerrainArea] = _f("Terrain areas in priority order: later wins", default_factory=list,
                                    examples=[[{"name": "Lesser Khingan forest", "kind": "forest",
                                                "line": _EX_KHINGAN_LINE, "width_km": 180,
                                                "note": "500-1,000 m, dense forest [S36][M]"}]])
    rivers: list[RiverGeo] = _f("River reaches", default_factory=list,
                                examples=[[{"name": "Ussuri", "kind": "major", "border": {"left": "J", "right": "S"},
                                            "points": _EX_USSURI, "note": _EX_USSURI_NOTE}]])
    railways: list[RailGeo] = _f("Railways", default_factory=list,
                                 examples=[[{"name": "Mongolian branch (Borzya - Choibalsan)", "gauge": 1520,
                                             "via": ["borzya", [49.9, 115.7], "choibalsan"]}]])
    roads: list[RoadGeo] = _f("Roads", default_factory=list,
                              examples=[[{"name": "Choibalsan - Tamtsag-Bulak track", "via": _EX_VIA}]])
    places: list[PlaceGeo] = _f("Named places", default_factory=list,
                                examples=[[{"id": "changchun", "name": "Changchun", "name_1944": "Hsinking",
                                            "at": [43.88, 125.32], "vp": 20, "kind": "city", "urban": True}]])
    fortified_regions: list[FortifiedRegionGeo] = _f("Fortified regions", default_factory=list,
                                                     examples=[[{"name": "Hutou FR", "level": 5, "at": ["hutou"]}]])
    control: ControlDef | None = _f("Who holds what at the start", default=None,
                                    examples=[{"land": "J", "water": ".", "border_band": 1,
                                               "regions": [_EX_REGION]}])
