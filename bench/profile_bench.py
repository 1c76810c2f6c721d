#!/usr/bin/env python3
"""Profile benchmark (not a test): `rxpipe profile` against DuckDB computing the same statistics.

Usage (from the repository root, after `swift build -c release`):

    .venv/bin/python bench/profile_bench.py --rows 2500000 --runs 3

1. `rxpipe sample --rows N --years 2022` and `rxpipe ingest` make raw/cms_prescriber_drug
   (cached in bench/cache/profile-N/).
2. rxpipe: `rxpipe profile --table raw/cms_prescriber_drug`, wall time and peak RSS
   (/usr/bin/time), as a whole process.
3. DuckDB (in-process, all cores) over the same Parquet files: SUMMARIZE; then per numeric
   column count, min, max, sum, avg, stddev_samp, skewness, zeros, negatives, count(distinct)
   and quantile_cont at the 7 levels; the IQR outlier count; the equal-width histogram; per
   string column count(distinct), empties, length min/avg/max and the top 10 values; the
   exact duplicate rows; and the Pearson matrix (corr over every numeric pair).
4. Prints medians over --runs runs.
"""
import argparse
import os
import resource
import statistics
import subprocess
import time

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "rxpipe")
LEVELS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]


def lake_for(rows):
    base = os.path.join(ROOT, "bench", "cache", f"profile-{rows}")
    lake = os.path.join(base, "lake")
    if not os.path.exists(os.path.join(lake, "raw", "cms_prescriber_drug", "_manifest.json")):
        src = os.path.join(base, "src")
        subprocess.run([BIN, "sample", "--rows", str(rows), "--years", "2022", "--seed", "1", "--out", src, "-q"], check=True)
        subprocess.run([BIN, "ingest", "--source", src, "-q"], check=True, env=dict(os.environ, RXPIPE_LAKE_ROOT=lake))
    return lake


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_rxpipe(lake):
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", BIN, "profile", "--lake", lake, "--table", "raw/cms_prescriber_drug", "-q"],
                       capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    user, sys_, rss_kb = p.stderr.strip().splitlines()[-1].split()
    return wall, float(user) + float(sys_), int(rss_kb) / 1024


def run_duckdb(lake):
    con = duckdb.connect()
    files = os.path.join(lake, "raw", "cms_prescriber_drug", "**", "*.parquet")
    con.execute(f"create view t as select * from read_parquet('{files}', hive_partitioning=true)")
    cols = con.execute("select column_name, column_type from (describe t)").fetchall()
    numeric = [c for c, ty in cols if ty in ("BIGINT", "INTEGER", "DOUBLE")]
    strings = [c for c, ty in cols if ty == "VARCHAR"]
    start, cpu0 = time.perf_counter(), cpu_self()
    con.execute("summarize t").fetchall()
    for c in numeric:
        q = f'"{c}"'
        stats = con.execute(
            f"select count({q}), min({q}), max({q}), sum({q}), avg({q}), stddev_samp({q}), skewness({q}), "
            f"count(*) filter ({q} = 0), count(*) filter ({q} < 0), count(distinct {q}), "
            + ", ".join(f"quantile_cont({q}, {lv})" for lv in LEVELS) + " from t").fetchone()
        if stats[0] == 0:
            continue
        q1, q3 = stats[12], stats[14]
        lo, hi = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
        con.execute(f"select count(*) from t where {q} < {lo} or {q} > {hi}").fetchall()
        mn, mx = float(stats[1]), float(stats[2])
        w = (mx - mn) / 20 or 1
        con.execute(f"select least(floor(({q} - {mn}) / {w}), 19) b, count(*) from t where {q} is not null group by b").fetchall()
    for c in strings:
        q = f'"{c}"'
        con.execute(f"select count(distinct {q}), count(*) filter ({q} = ''), min(length({q})), avg(length({q})), max(length({q})) from t").fetchall()
        con.execute(f"select {q}, count(*) n from t where {q} is not null group by {q} order by n desc, {q} limit 10").fetchall()
    con.execute("select count(*) from (select distinct * from t)").fetchall()
    pairs = [(a, b) for i, a in enumerate(numeric) for b in numeric[i + 1:]]
    con.execute("select " + ", ".join(f'corr("{a}", "{b}")' for a, b in pairs) + " from t").fetchall()
    return time.perf_counter() - start, cpu_self() - cpu0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2_500_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    lake = lake_for(args.rows)
    rx = [run_rxpipe(lake) for _ in range(args.runs)]
    dd = [run_duckdb(lake) for _ in range(args.runs)]
    wall = statistics.median(r[0] for r in rx)
    cpu = statistics.median(r[1] for r in rx)
    rss = statistics.median(r[2] for r in rx)
    duck = statistics.median(d[0] for d in dd)
    duck_cpu = statistics.median(d[1] for d in dd)
    print(f"profile raw/cms_prescriber_drug, {args.rows} rows, median of {args.runs}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(f"  rxpipe profile    wall {wall:7.2f} s  cpu {cpu:7.2f} s  peak RSS {rss:6.0f} MiB  (wall runs: {', '.join(f'{r[0]:.2f}' for r in rx)})")
    print(f"  DuckDB same stats wall {duck:7.2f} s  cpu {duck_cpu:7.2f} s  (wall runs: {', '.join(f'{d[0]:.2f}' for d in dd)})")
    print(f"  ratio rxpipe / DuckDB: wall {wall / duck:.2f}, cpu {cpu / duck_cpu:.2f}")


if __name__ == "__main__":
    main()
