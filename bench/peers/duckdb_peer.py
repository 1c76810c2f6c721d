#!/usr/bin/env python3
"""DuckDB's side of the pipeline benchmark: one step per process, so each has its own CPU time
and peak RSS. Prints one JSON line of row counts on stdout (the harness compares them with
Polars' to make sure both engines did the same work).

    python bench/peers/duckdb_peer.py convert   INPUT.csv  raw.parquet
    python bench/peers/duckdb_peer.py clean     raw.parquet clean.parquet
    python bench/peers/duckdb_peer.py aggregate clean.parquet OUTDIR
    python bench/peers/duckdb_peer.py profile   clean.parquet profile.json
"""
import json
import os
import sys

import duckdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cms_schema import AGGREGATES, COLUMNS, NUMERIC  # noqa: E402

SQL_TYPE = {"int64": "BIGINT", "double": "DOUBLE", "string": "VARCHAR"}


def connect():
    con = duckdb.connect()
    con.execute(f"SET threads = {int(os.environ.get('BENCH_THREADS', '2'))}")
    con.execute("SET enable_progress_bar = false")
    con.execute("SET preserve_insertion_order = false")
    return con


def quote(s):
    return "'" + s.replace("'", "''") + "'"


def count(con, path):
    return con.execute(f"SELECT count(*) FROM read_parquet({quote(path)})").fetchone()[0]


def convert(con, csv, out):
    columns = "{" + ", ".join(f"{quote(n)}: {quote(SQL_TYPE[k])}" for n, k in COLUMNS) + "}"
    con.execute(f"""
        COPY (SELECT * FROM read_csv({quote(csv)}, header = true, delim = ',', quote = '"',
                                     columns = {columns}))
        TO {quote(out)} (FORMAT parquet, COMPRESSION zstd)""")
    return {"rows": count(con, out)}


def clean(con, inp, out):
    select = ", ".join(
        "upper(trim(Prscrbr_State_Abrvtn)) AS Prscrbr_State_Abrvtn" if n == "Prscrbr_State_Abrvtn" else n
        for n, _ in COLUMNS)
    con.execute(f"""
        COPY (
          SELECT DISTINCT {select}
          FROM read_parquet({quote(inp)})
          WHERE Prscrbr_NPI IS NOT NULL AND Tot_Clms > 0
        ) TO {quote(out)} (FORMAT parquet, COMPRESSION zstd)""")
    return {"rows": count(con, out)}


def aggregate_sql():
    """The seven aggregates as readable SQL over the view `t` (the cleaned rows)."""
    generic = "lower(Brnd_Name) = lower(Gnrc_Name)"
    per_prescriber = f"""
        SELECT Prscrbr_NPI,
               any_value(Prscrbr_Last_Org_Name) AS last_org_name,
               any_value(Prscrbr_First_Name) AS first_name,
               any_value(Prscrbr_State_Abrvtn) AS state,
               any_value(Prscrbr_Type) AS prescriber_type,
               count(*) AS drugs,
               sum(Tot_Clms) AS claims,
               sum(Tot_Drug_Cst) AS drug_cost,
               sum(Tot_Clms) FILTER (WHERE {generic}) / sum(Tot_Clms) AS generic_claim_share
        FROM t GROUP BY Prscrbr_NPI"""
    return {
        "by_generic": """
            SELECT Gnrc_Name, count(DISTINCT Brnd_Name) AS brand_count,
                   count(DISTINCT Prscrbr_NPI) AS prescribers,
                   sum(Tot_Clms) AS claims, sum(Tot_Drug_Cst) AS drug_cost
            FROM t GROUP BY Gnrc_Name""",
        "by_brand": """
            SELECT Gnrc_Name, Brnd_Name, count(DISTINCT Prscrbr_NPI) AS prescribers,
                   sum(Tot_Clms) AS claims, sum(Tot_30day_Fills) AS fills_30day,
                   sum(Tot_Day_Suply) AS day_supply, sum(Tot_Drug_Cst) AS drug_cost
            FROM t GROUP BY Gnrc_Name, Brnd_Name""",
        "by_state": """
            SELECT Prscrbr_State_Abrvtn AS state, count(DISTINCT Prscrbr_NPI) AS prescribers,
                   sum(Tot_Clms) AS claims, sum(Tot_Drug_Cst) AS drug_cost,
                   sum(Tot_Drug_Cst) / sum(Tot_Clms) AS cost_per_claim
            FROM t GROUP BY Prscrbr_State_Abrvtn""",
        "by_type": """
            SELECT Prscrbr_Type AS prescriber_type, count(DISTINCT Prscrbr_NPI) AS prescribers,
                   sum(Tot_Clms) AS claims, sum(Tot_Drug_Cst) AS drug_cost
            FROM t GROUP BY Prscrbr_Type""",
        "per_prescriber": per_prescriber,
        "top5_per_state": f"""
            SELECT state, rank, Prscrbr_NPI, last_org_name, first_name, claims, drug_cost FROM (
              SELECT *, row_number() OVER (PARTITION BY state ORDER BY claims DESC, Prscrbr_NPI) AS rank
              FROM ({per_prescriber}) p
            ) WHERE rank <= 5""",
        "generic_share_by_state": f"""
            SELECT Prscrbr_State_Abrvtn AS state,
                   sum(Tot_Clms) FILTER (WHERE {generic}) / sum(Tot_Clms) AS generic_claim_share
            FROM t GROUP BY Prscrbr_State_Abrvtn""",
    }


def aggregate(con, inp, outdir):
    os.makedirs(outdir, exist_ok=True)
    con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet({quote(inp)})")
    rows = {}
    for name, sql in aggregate_sql().items():
        out = os.path.join(outdir, name + ".parquet")
        con.execute(f"COPY ({sql}) TO {quote(out)} (FORMAT parquet, COMPRESSION zstd)")
        rows[name] = count(con, out)
    return {"tables": {name: rows[name] for name in AGGREGATES}}


def profile(con, inp, out):
    """count, nulls, exact distinct, min, max for every column; mean and exact p50/p95
    (quantile_disc: an actual value of the column) for the numeric ones. One scan."""
    parts = []
    for name, kind in COLUMNS:
        c = f'"{name}"'
        parts += [f"count({c})", f"count(*) - count({c})", f"count(DISTINCT {c})",
                  f"min({c})::VARCHAR", f"max({c})::VARCHAR"]
        if kind in NUMERIC:
            parts += [f"avg({c})", f"quantile_disc({c}, 0.5)::DOUBLE", f"quantile_disc({c}, 0.95)::DOUBLE"]
    row = con.execute(f"SELECT {', '.join(parts)} FROM read_parquet({quote(inp)})").fetchone()
    result, i = [], 0
    for name, kind in COLUMNS:
        entry = dict(zip(["column", "count", "nulls", "distinct", "min", "max"], [name, *row[i:i + 5]]))
        i += 5
        if kind in NUMERIC:
            entry.update(zip(["mean", "p50", "p95"], row[i:i + 3]))
            i += 3
        result.append(entry)
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    return {"profile": [{k: e[k] for k in ("column", "count", "nulls", "distinct")} for e in result]}


STEPS = {"convert": convert, "clean": clean, "aggregate": aggregate, "profile": profile}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in STEPS:
        sys.exit(__doc__)
    print(json.dumps(STEPS[sys.argv[1]](connect(), sys.argv[2], sys.argv[3])))
