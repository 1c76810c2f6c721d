#!/usr/bin/env python3
"""Lake benchmark: rxpipe's Parquet writer and reader against DuckDB on the same data.

Usage (from the repository root, after `make setup` and `swift build -c release`):

    .venv/bin/python bench/lake_bench.py --rows 2500000 --runs 5
    .venv/bin/python bench/lake_bench.py --rows 25000000 --runs 3   # the full-scale figure

What it does:
1. Generates a prescriber_drug-shaped table with DuckDB (NPI-sorted like the CMS file:
   NPI, names, city, state, specialty, brand/generic drug, claim counts, costs, suppressed
   counts as nulls, the GE65 flag) and stores it once as an UNCOMPRESSED Parquet file in
   bench/cache/ (the common input of both writers; it stays in the page cache).
2. Write: DuckDB `COPY (SELECT * FROM read_parquet(input)) TO out (FORMAT parquet,
   COMPRESSION zstd)` versus `rxpipe parquet convert input out` (ZSTD level 3). Both read
   the same input file and write a ZSTD Parquet file.
3. Projected read of 4 columns (prscrbr_npi, brnd_name, tot_clms, tot_drug_cst), of both
   output files: DuckDB `SELECT count(prscrbr_npi), count(brnd_name), sum(tot_clms),
   sum(tot_drug_cst) FROM read_parquet(f)` versus `rxpipe parquet scan f --columns …`
   (decodes every value of the four columns and counts nulls).
4. Prints medians over --runs runs (after one warm-up), ratios rxpipe/DuckDB (below 1 means
   rxpipe is faster) and the output sizes.

DuckDB runs in-process (no process start-up cost); rxpipe is timed as a whole process
(its start-up alone, `rxpipe --version`, is printed first).
Both use all cores (DuckDB's default threads; rxpipe encodes columns in parallel and decodes
column chunks on worker threads ahead of the consumer). On a shared machine the fastest run
is printed too: medians then mostly measure the other load.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLUMNS = "prscrbr_npi,brnd_name,tot_clms,tot_drug_cst"


def generate(path, rows):
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(f"""
        COPY (
          SELECT
            2022::BIGINT AS year,
            (1000000000 + i // 23)::BIGINT AS prscrbr_npi,
            'LAST' || ((i // 23) % 400000)::VARCHAR AS prscrbr_last_org_name,
            'FIRST' || ((i // 23) % 5000)::VARCHAR AS prscrbr_first_name,
            'CITY' || ((i // 23) % 12000)::VARCHAR AS prscrbr_city,
            (['CA','TX','NY','FL','PA','OH','IL','GA','NC','MI'])[((i // 23) % 10) + 1] AS prscrbr_state_abrvtn,
            'TYPE' || ((i // 23) % 200)::VARCHAR AS prscrbr_type,
            'BRAND' || (hash(i) % 3000)::VARCHAR AS brnd_name,
            'generic' || (hash(i) % 1800)::VARCHAR AS gnrc_name,
            (11 + hash(i * 7) % 500)::BIGINT AS tot_clms,
            round((11 + hash(i * 7) % 500) * 1.3, 1)::DOUBLE AS tot_30day_fills,
            (hash(i * 11) % 20000)::BIGINT AS tot_day_suply,
            round((hash(i * 13) % 5000000) / 100.0, 2)::DOUBLE AS tot_drug_cst,
            CASE WHEN hash(i * 17) % 3 = 0 THEN NULL ELSE (11 + hash(i * 17) % 300)::BIGINT END AS tot_benes,
            CASE WHEN hash(i * 17) % 3 = 0 THEN '*' ELSE NULL END AS ge65_sprsn_flag
          FROM range({rows}) t(i)
        ) TO '{path}' (FORMAT parquet, COMPRESSION uncompressed)""")


def cpu_seconds():
    """User + system CPU of this process (DuckDB runs here) and of finished children (rxpipe)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        r = resource.getrusage(who)
        total += r.ru_utime + r.ru_stime
    return total


def timed(fn, runs):
    """Median wall seconds and median CPU seconds over `runs` runs, after one warm-up."""
    fn()  # warm-up (page cache, lazy initialisation)
    times, cpus = [], []
    for _ in range(runs):
        c0 = cpu_seconds()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - c0)
    return statistics.median(times), times, statistics.median(cpus)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=2_500_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/release/rxpipe"))
    args = ap.parse_args()
    cache = os.path.join(ROOT, "bench", "cache")
    os.makedirs(cache, exist_ok=True)
    src = os.path.join(cache, f"prescriber_drug_{args.rows}.parquet")
    if not os.path.exists(src):
        print(f"generating {args.rows} rows -> {src}", flush=True)
        generate(src, args.rows)
    duck_out = os.path.join(cache, "duckdb_zstd.parquet")
    rx_out = os.path.join(cache, "rxpipe_zstd.parquet")
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")

    def duck_write():
        con.execute(f"COPY (SELECT * FROM read_parquet('{src}')) TO '{duck_out}' (FORMAT parquet, COMPRESSION zstd)")

    def rx_write():
        subprocess.run([args.bin, "parquet", "convert", src, rx_out], check=True, stdout=subprocess.DEVNULL)

    def duck_read(path):
        return lambda: con.execute(f"SELECT count(prscrbr_npi), count(brnd_name), sum(tot_clms), sum(tot_drug_cst) FROM read_parquet('{path}')").fetchall()

    def rx_read(path):
        return lambda: subprocess.run([args.bin, "parquet", "scan", path, "--columns", COLUMNS], check=True, stdout=subprocess.DEVNULL)

    def rx_startup():
        subprocess.run([args.bin, "--version"], check=True, stdout=subprocess.DEVNULL)

    results = {}
    # Process start-up alone (dynamic loading, runtime set-up): part of every rxpipe figure
    # below, absent from DuckDB's (in-process) ones.
    results["rxpipe start-up (--version)"] = timed(rx_startup, max(args.runs, 5))
    results["write duckdb"] = timed(duck_write, args.runs)
    results["write rxpipe"] = timed(rx_write, args.runs)
    for name, path in [("duckdb file", duck_out), ("rxpipe file", rx_out)]:
        results[f"read4 {name} duckdb"] = timed(duck_read(path), args.runs)
        results[f"read4 {name} rxpipe"] = timed(rx_read(path), args.runs)

    print(f"\nrows {args.rows}, runs {args.runs}, load average before: {os.getloadavg()[0]:.2f}")
    print("  (median wall seconds [all runs], fastest run; median CPU seconds, user+sys)")
    for k, (median, times, cpu) in results.items():
        print(f"  {k:32s} {median:8.3f}  [{', '.join(f'{t:.3f}' for t in times)}]  min {min(times):.3f}  cpu {cpu:.3f}")
    w = results["write rxpipe"][0] / results["write duckdb"][0]
    r1 = results["read4 duckdb file rxpipe"][0] / results["read4 duckdb file duckdb"][0]
    r2 = results["read4 rxpipe file rxpipe"][0] / results["read4 rxpipe file duckdb"][0]
    ds, rs = os.path.getsize(duck_out), os.path.getsize(rx_out)
    print(f"\nwrite ratio rxpipe/duckdb:                 {w:.2f}")
    print(f"projected read ratio (duckdb-written file): {r1:.2f}")
    print(f"projected read ratio (rxpipe-written file): {r2:.2f}")
    wc = results["write rxpipe"][2] / results["write duckdb"][2]
    rc1 = results["read4 duckdb file rxpipe"][2] / results["read4 duckdb file duckdb"][2]
    rc2 = results["read4 rxpipe file rxpipe"][2] / results["read4 rxpipe file duckdb"][2]
    print(f"CPU-time ratios rxpipe/duckdb: write {wc:.2f}, read (duckdb file) {rc1:.2f}, read (rxpipe file) {rc2:.2f}")
    print(f"output size: duckdb {ds} bytes, rxpipe {rs} bytes, ratio {rs / ds:.3f}")
    # Both outputs hold the same rows.
    q = "SELECT count(*), sum(tot_clms), sum(round(tot_drug_cst * 100)::BIGINT), count(tot_benes), count(DISTINCT brnd_name) FROM read_parquet('{}')"
    a = con.execute(q.format(duck_out)).fetchall()
    b = con.execute(q.format(rx_out)).fetchall()
    print(f"same rows: {a == b} {a}")
    return 0 if a == b else 1


if __name__ == "__main__":
    sys.exit(main())
