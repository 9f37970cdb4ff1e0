"""Can an ACLED user sum our ``acled-csv``? Checks every row against ACLED's codebook.

    .venv/bin/python benchmarks/acled_export_check.py [--n 200] [--category politics] [--json]

Ingests the first N raw_news articles of a category (../shared/data) into a temporary SQLite
database, exports ``acled-csv`` and checks each row: event type and sub-event type one of
ACLED's 25 pairs (codebook 2023, written out here rather than read from rasd's own table),
actor1 present, inter codes 1-8, the interaction code ACLED's (10 × the lower inter + the
higher; an actor alone: its inter × 10), an integer year, fatalities a whole number under
1,000 (no war's running count on one row), a date that is not before 2000 or after the
article's publication. Prints the counts, the rows that break a rule, and the dead summed.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


def problems(row: dict) -> list[str]:
    """The codebook rules ``row`` breaks."""
    out = []
    if row["sub_event_type"] not in ACLED_TYPES.get(row["event_type"], ()):
        out.append("type")
    if not row["actor1"]:
        out.append("no actor1")
    codes = [int(c) for c in (row["inter1"], row["inter2"]) if c]
    if any(not 1 <= c <= 8 for c in codes) or (row["inter2"] and not row["actor2"]):
        out.append("inter")
    want = "" if not codes else str(codes[0] * 10 if len(codes) == 1 else 10 * min(codes) + max(codes))
    if row["interaction"] != want or (row["actor1"] and not row["inter1"]):
        out.append("interaction")
    if not row["year"].isdigit() or not row["event_date"].startswith(row["year"]):
        out.append("year")
    if not row["fatalities"].isdigit() or int(row["fatalities"]) >= 1000:
        out.append("fatalities")
    if row["event_date"][:4] < "2000":
        out.append("date")
    return out


def articles(shared: Path, n: int, category: str) -> list[dict]:
    rows = []
    with gzip.open(shared / "data" / "raw_news" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("category") == category and r.get("text", "").strip():
                rows.append({"id": r["id"], "text": r["text"], "title": r.get("title"),
                             "outlet": r.get("outlet")})
                if len(rows) >= n:
                    break
    return rows


def check(shared: Path, n: int = 200, category: str = "politics") -> dict:
    from rasd import service
    from rasd.settings import Settings
    from rasd.store import open_store

    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in articles(shared, n, category)),
                       encoding="utf-8")
        with open_store(str(Path(tmp) / "db.sqlite"), create=True) as store:
            service.ingest([str(src)], store, settings)
            buf = io.StringIO()
            service.export(store, "acled-csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    bad = [(r["event_id_cnty"], problems(r)) for r in rows if problems(r)]
    return {"articles": n, "rows": len(rows), "bad_rows": len(bad), "dead": sum(int(r["fatalities"] or 0) for r in rows),
            "max_dead": max((int(r["fatalities"] or 0) for r in rows), default=0),
            "by_type": _count(r["event_type"] + " / " + r["sub_event_type"] for r in rows),
            "problems": bad[:50]}


def _count(items) -> dict:
    out: dict = {}
    for i in items:
        out[i] = out.get(i, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--category", default="politics")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = check(Path(args.shared), args.n, args.category)
    print(json.dumps(res, ensure_ascii=False, indent=None if args.json else 1))


if __name__ == "__main__":
    sys.exit(main())
