"""Benchmark: `rxpipe transform` against DuckDB computing the same nine curated tables.

Generates cleansed tables (tests/oracles/cleansed_gen.py; rows grouped by NPI as CMS files
are), commits them with `rxpipe lake import`, then times, each --runs times:
  rxpipe transform                    (reads the cleansed Parquet, writes nine curated tables)
  DuckDB: the oracle's SQL for the nine tables, each COPY'd to Parquet, over the same files
Both run under /usr/bin/time -v; the medians of wall time and peak RSS are printed.

  .venv/bin/python bench/transform_bench.py --rows 2500000 --runs 3 --bin .build/release/rxpipe
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "oracles"))
from cleansed_gen import write_tables  # noqa: E402

DUCK = r"""
import sys, duckdb
sys.path.insert(0, {oracles!r})
from test_transform_oracle import connect, SQL, TABLES
con = connect({lake!r})
for t in TABLES:
    con.execute(f"COPY ({{SQL[t]}}) TO '{out}/{{t}}.parquet' (FORMAT parquet, COMPRESSION zstd)")
"""


def timed(cmd, env=None):
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {p.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    seconds = (int(wall.group(1) or 0) * 3600) + int(wall.group(2)) * 60 + float(wall.group(3))
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", p.stderr).group(1)) for k in ["User", "System"])
    return seconds, rss_kb / 1024, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2_500_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", default=".build/release/rxpipe")
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    per_prescriber = 25
    prescribers = max(10, round(a.rows / (per_prescriber * 0.85)))  # 85% of the pool is active in a year
    cache = os.path.join(HERE, "cache", f"cleansed-{a.rows}")
    if not os.path.exists(os.path.join(cache, "done")):
        os.makedirs(cache, exist_ok=True)
        n = write_tables(cache, seed=42, years=[2022], n_prescribers=prescribers, n_generics=1800, brands_per_generic=3,
                         drugs_per_prescriber=per_prescriber, row_group_rows=1 << 20, shuffle=False)
        open(os.path.join(cache, "done"), "w").write(str(n))
    rows = int(open(os.path.join(cache, "done")).read())
    work = tempfile.mkdtemp(prefix="rxpipe-transform-bench-")
    try:
        lake = os.path.join(work, "lake")
        for t, part in [("prescriber_drug", ["--partition-by", "year"]), ("prescriber", ["--partition-by", "year"]),
                        ("drug", []), ("state", [])]:
            subprocess.run([a.bin, "lake", "import", f"{cache}/{t}.parquet", f"cleansed/{t}", "--lake", lake, *part],
                           check=True, capture_output=True)
        rx, duck = [], []
        for _ in range(a.runs):
            rx.append(timed([a.bin, "transform", "-q", "--lake", lake, "--workers", str(a.workers)]))
            out = os.path.join(work, "duck")
            shutil.rmtree(out, ignore_errors=True)
            os.makedirs(out)
            script = DUCK.format(oracles=os.path.join(HERE, "..", "tests", "oracles"), lake=lake, out=out)
            duck.append(timed([sys.executable, "-c", script]))
        for name, runs in [("rxpipe transform", rx), ("duckdb (same 9 tables)", duck)]:
            wall = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[1] for r in runs)
            cpu = statistics.median(r[2] for r in runs)
            print(f"{name:24s} rows {rows:>10,d}  wall {wall:6.2f} s (runs {', '.join(f'{r[0]:.2f}' for r in runs)})"
                  f"  {rows / wall / 1e6:6.2f} M rows/s  cpu {cpu:6.2f} s  peak RSS {rss:7.0f} MB")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} (2 cores; other developers share them)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
