#!/usr/bin/env python3
"""Polars' side of the pipeline benchmark: one step per process, so each has its own CPU time
and peak RSS. Prints one JSON line of row counts on stdout (the harness compares them with
DuckDB's to make sure both engines did the same work). Threads: POLARS_MAX_THREADS (the
harness sets 2).

    python bench/peers/polars_peer.py convert   INPUT.csv  raw.parquet
    python bench/peers/polars_peer.py clean     raw.parquet clean.parquet
    python bench/peers/polars_peer.py aggregate clean.parquet OUTDIR
    python bench/peers/polars_peer.py profile   clean.parquet profile.json
"""
import json
import os
import sys

import polars as pl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cms_schema import AGGREGATES, COLUMNS, NUMERIC  # noqa: E402

PL_TYPE = {"int64": pl.Int64, "double": pl.Float64, "string": pl.String}


def count(path):
    return pl.scan_parquet(path).select(pl.len()).collect().item()


def convert(csv, out):
    schema = {name: PL_TYPE[kind] for name, kind in COLUMNS}
    pl.scan_csv(csv, schema=schema, has_header=True).sink_parquet(out, compression="zstd")
    return {"rows": count(out)}


def clean(inp, out):
    (pl.scan_parquet(inp)
       .filter(pl.col("Prscrbr_NPI").is_not_null() & (pl.col("Tot_Clms") > 0))
       .with_columns(pl.col("Prscrbr_State_Abrvtn").str.strip_chars().str.to_uppercase())
       .unique()
       .sink_parquet(out, compression="zstd"))
    return {"rows": count(out)}


def aggregates(t):
    """The seven aggregates as Polars expressions over the cleaned rows (the same definitions
    as duckdb_peer.aggregate_sql)."""
    generic = pl.col("Brnd_Name").str.to_lowercase() == pl.col("Gnrc_Name").str.to_lowercase()
    claims = pl.col("Tot_Clms")
    cost = pl.col("Tot_Drug_Cst")
    npi = pl.col("Prscrbr_NPI")
    per_prescriber = t.group_by("Prscrbr_NPI").agg(
        pl.col("Prscrbr_Last_Org_Name").first().alias("last_org_name"),
        pl.col("Prscrbr_First_Name").first().alias("first_name"),
        pl.col("Prscrbr_State_Abrvtn").first().alias("state"),
        pl.col("Prscrbr_Type").first().alias("prescriber_type"),
        pl.len().alias("drugs"),
        claims.sum().alias("claims"),
        cost.sum().alias("drug_cost"),
        (claims.filter(generic).sum() / claims.sum()).alias("generic_claim_share"),
    )
    return {
        "by_generic": t.group_by("Gnrc_Name").agg(
            pl.col("Brnd_Name").n_unique().alias("brand_count"),
            npi.n_unique().alias("prescribers"),
            claims.sum().alias("claims"), cost.sum().alias("drug_cost")),
        "by_brand": t.group_by("Gnrc_Name", "Brnd_Name").agg(
            npi.n_unique().alias("prescribers"), claims.sum().alias("claims"),
            pl.col("Tot_30day_Fills").sum().alias("fills_30day"),
            pl.col("Tot_Day_Suply").sum().alias("day_supply"), cost.sum().alias("drug_cost")),
        "by_state": t.group_by(pl.col("Prscrbr_State_Abrvtn").alias("state")).agg(
            npi.n_unique().alias("prescribers"), claims.sum().alias("claims"),
            cost.sum().alias("drug_cost"), (cost.sum() / claims.sum()).alias("cost_per_claim")),
        "by_type": t.group_by(pl.col("Prscrbr_Type").alias("prescriber_type")).agg(
            npi.n_unique().alias("prescribers"), claims.sum().alias("claims"),
            cost.sum().alias("drug_cost")),
        "per_prescriber": per_prescriber,
        "top5_per_state": per_prescriber
            .sort(["state", "claims", "Prscrbr_NPI"], descending=[False, True, False])
            .with_columns(pl.int_range(1, pl.len() + 1).over("state").alias("rank"))
            .filter(pl.col("rank") <= 5)
            .select("state", "rank", "Prscrbr_NPI", "last_org_name", "first_name", "claims", "drug_cost"),
        "generic_share_by_state": t.group_by(pl.col("Prscrbr_State_Abrvtn").alias("state")).agg(
            (claims.filter(generic).sum() / claims.sum()).alias("generic_claim_share")),
    }


def aggregate(inp, outdir):
    os.makedirs(outdir, exist_ok=True)
    frames = aggregates(pl.scan_parquet(inp))
    results = pl.collect_all([frames[name] for name in AGGREGATES])  # one plan, shared scans
    rows = {}
    for name, df in zip(AGGREGATES, results):
        df.write_parquet(os.path.join(outdir, name + ".parquet"), compression="zstd")
        rows[name] = df.height
    return {"tables": rows}


def profile(inp, out):
    """count, nulls, exact distinct, min, max for every column; mean and exact p50/p95
    (nearest-rank 'lower': an actual value of the column) for the numeric ones. One plan."""
    exprs = []
    for name, kind in COLUMNS:
        c = pl.col(name)
        exprs += [c.count().alias(f"{name}|count"), c.null_count().alias(f"{name}|nulls"),
                  c.drop_nulls().n_unique().alias(f"{name}|distinct"),
                  c.min().cast(pl.String).alias(f"{name}|min"), c.max().cast(pl.String).alias(f"{name}|max")]
        if kind in NUMERIC:
            exprs += [c.mean().alias(f"{name}|mean"),
                      c.quantile(0.5, "lower").cast(pl.Float64).alias(f"{name}|p50"),
                      c.quantile(0.95, "lower").cast(pl.Float64).alias(f"{name}|p95")]
    row = pl.scan_parquet(inp).select(exprs).collect().row(0, named=True)
    result = []
    for name, kind in COLUMNS:
        stats = ["count", "nulls", "distinct", "min", "max"] + (["mean", "p50", "p95"] if kind in NUMERIC else [])
        result.append({"column": name, **{s: row[f"{name}|{s}"] for s in stats}})
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    return {"profile": [{k: e[k] for k in ("column", "count", "nulls", "distinct")} for e in result]}


STEPS = {"convert": convert, "clean": clean, "aggregate": aggregate, "profile": profile}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in STEPS:
        sys.exit(__doc__)
    print(json.dumps(STEPS[sys.argv[1]](sys.argv[2], sys.argv[3])))
