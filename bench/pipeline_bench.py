#!/usr/bin/env python3
"""Pipeline benchmark (issue 10): every rxpipe stage against DuckDB and Polars, side by side.

Usage (from the repository root, after `make setup` and `swift build -c release`):

    .venv/bin/python bench/pipeline_bench.py                    # 2.5 M rows, 3 runs
    .venv/bin/python bench/pipeline_bench.py --rows 25000000    # full scale, 2 runs

What it does:
1. Generates the input with `rxpipe sample --rows R --years 2022 --seed S --faults F` (plain
   CSV), cached by those arguments in bench/cache/ (gitignored).
2. Measures the floor: `cat FILE > /dev/null` after a warm read, and `wc -l FILE`.
3. Runs the pipeline of each tool, alternating tools (rxpipe, DuckDB, Polars, rxpipe, …):
   - rxpipe: `rxpipe ingest`, `cleanse`, `transform`, `profile`, `render` in a fresh lake,
     then `rxpipe run` twice in another fresh lake (the second, no-change run is the figure).
     A stage whose command does not exist yet is reported as "not available".
   - DuckDB / Polars (bench/peers/): CSV → Parquet (zstd); clean (drop exact duplicate rows,
     null NPI and claims ≤ 0, normalise the state) → Parquet; the 7 curated aggregates →
     Parquet; a profile of all 22 columns (count, nulls, exact distinct, min, max, mean,
     exact p50/p95).
   Every step is its own process, so wall time, CPU time (user + sys) and peak RSS (ru_maxrss
   from wait4) are per step. DuckDB uses threads = 2, Polars POLARS_MAX_THREADS = 2.
4. Checks that DuckDB and Polars produced the same row counts at every step (same work), prints
   the medians per stage with the ratio rxpipe / faster peer and each tool's peak memory, and
   writes the same report to bench/results/<rows>-<date>.md.

Exit status: 0 when every available step succeeded and the peers agree, 1 otherwise.
"""
import argparse
import datetime
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.join(ROOT, "bench", "peers")
THREADS = 2

# (key, rxpipe stage, peer step, label)
STAGES = [
    ("ingest", "ingest", "convert", "ingest / CSV → Parquet (zstd)"),
    ("cleanse", "cleanse", "clean", "cleanse / clean → Parquet"),
    ("transform", "transform", "aggregate", "transform / 7 curated aggregates"),
    ("profile", "profile", "profile", "profile / 22 columns"),
]
RXPIPE_ONLY = [
    ("profile_cleansed", "profile of cleansed/prescriber_drug alone (rxpipe only; the table the peers profile)"),
    ("render", "render (rxpipe only)"),
    ("run_first", "`rxpipe run` in a fresh lake (rxpipe only)"),
    ("run_again", "`rxpipe run` again, no change (rxpipe only)"),
]
TOOLS = ["rxpipe", "duckdb", "polars"]
TOOL_NAMES = {"rxpipe": "rxpipe", "duckdb": "DuckDB", "polars": "Polars"}


class Step:
    """One measured process: wall seconds, CPU seconds (user + sys), peak RSS bytes, status."""

    def __init__(self, wall, cpu, rss, code, stdout, stderr):
        self.wall, self.cpu, self.rss, self.code = wall, cpu, rss, code
        self.stdout, self.stderr = stdout, stderr
        self.status = "ok" if code == 0 else "failed"

    def first_error_line(self):
        lines = [l for l in self.stderr.splitlines() if l.strip()]
        errors = [l for l in lines if "error" in l.lower()]
        return (errors or lines or ["(no stderr)"])[0][:160]


class Skipped:
    """A stage not attempted because an earlier one is missing; shown, never counted as a pass."""

    def __init__(self, status):
        self.status = status
        self.wall = self.cpu = self.rss = None
        self.code = None


def measure(cmd, cwd, env, discard_stdout=False):
    """Runs cmd as a child and returns its own resource usage (wait4), not the harness's.

    Linux starts a child's ru_maxrss at the RSS of the process that forked it, so the harness
    keeps itself small (no engine imported here, no big output read) to keep that floor low."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL if discard_stdout else out,
                                stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Step(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, proc.returncode,
                    out.read().decode(errors="replace"), err.read().decode(errors="replace"))


def not_available(step, command):
    """ArgumentParser rejects an unknown subcommand with `Error: Unexpected argument 'X'`."""
    text = step.stderr
    return step.code != 0 and (f"Unexpected argument '{command}'" in text
                               or "Unknown subcommand" in text or f"unknown subcommand '{command}'" in text)


# ---------------------------------------------------------------- input and floor

def sample_input(rxpipe, rows, seed, faults):
    """The cached sample CSV for these arguments (generated once with `rxpipe sample`)."""
    cache = os.path.join(ROOT, "bench", "cache", f"sample-rows{rows}-year2022-seed{seed}-faults{faults}")
    done = os.path.join(cache, ".complete")
    if not os.path.exists(done):
        shutil.rmtree(cache, ignore_errors=True)
        tmp = cache + ".partial"
        shutil.rmtree(tmp, ignore_errors=True)
        log(f"generating the input: rxpipe sample --rows {rows} --years 2022 --seed {seed} --faults {faults}")
        subprocess.run([rxpipe, "sample", "--rows", str(rows), "--years", "2022", "--seed", str(seed),
                        "--faults", str(faults), "--compress", "none", "--out", tmp, "-q"],
                       check=True, stdout=subprocess.DEVNULL)
        os.rename(tmp, cache)
        open(done, "w").close()
    files = sorted(f for f in os.listdir(cache) if f.endswith(".csv"))
    if len(files) != 1:
        sys.exit(f"pipeline_bench: expected one CSV file in {cache}, found {files}")
    return cache, os.path.join(cache, files[0])


def floor(csv, runs, env):
    """Time to read the (cached) file once and to count its lines: the limit for any stage."""
    subprocess.run(["cat", csv], stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    result = {}
    for name, cmd in (("cat", ["cat", csv]), ("wc -l", ["wc", "-l", csv])):
        steps = [measure(cmd, ROOT, env, discard_stdout=(name == "cat")) for _ in range(runs)]
        result[name] = statistics.median(s.wall for s in steps)
        if name == "wc -l":
            result["lines"] = int(steps[0].stdout.split()[0])
    for engine in ("duckdb", "polars"):  # what every peer step pays before it starts working
        steps = [measure([sys.executable, "-c", f"import {engine}"], ROOT, env) for _ in range(runs)]
        result[f"import {engine}"] = statistics.median(s.wall for s in steps)
        result[f"import {engine} cpu"] = statistics.median(s.cpu for s in steps)
    return result


# ---------------------------------------------------------------- one pipeline per tool

def run_rxpipe(rxpipe, sample_dir, work, env):
    """The rxpipe stages in a fresh lake, then `rxpipe run` twice in another fresh lake."""
    results = {}
    lake_env = dict(env, RXPIPE_SOURCE_KIND="csv", RXPIPE_SOURCE_PATH=sample_dir,
                    RXPIPE_LAKE_ROOT=os.path.join(work, "lake"), RXPIPE_SITE_DIR=os.path.join(work, "site"),
                    RXPIPE_SITE_TEMPLATES=os.path.join(ROOT, "templates"))
    missing = None  # a stage reads what the ones before it wrote: after a gap, later ones cannot run
    for key, command in [(k, c) for k, c, _, _ in STAGES] + [("render", "render")]:
        if missing:
            results[key] = Skipped(f"not run ({missing})")
            continue
        results[key] = staged(measure([rxpipe, command], work, lake_env), command)
        if results[key].status != "ok":
            missing = f"{command} {results[key].status}"
    if not missing:
        # The like-for-like figure for the peers' profile step: one table, the cleaned one.
        results["profile_cleansed"] = staged(
            measure([rxpipe, "profile", "--table", "cleansed/prescriber_drug"], work, lake_env), "profile")
    else:
        results["profile_cleansed"] = Skipped(f"not run ({missing})")
    results["tables"] = lake_tables(rxpipe, work, lake_env)

    run_dir = os.path.join(work, "run")
    os.makedirs(run_dir)
    run_env = dict(lake_env, RXPIPE_LAKE_ROOT=os.path.join(run_dir, "lake"),
                   RXPIPE_SITE_DIR=os.path.join(run_dir, "site"))
    results["run_first"] = staged(measure([rxpipe, "run"], run_dir, run_env), "run")
    if results["run_first"].status == "ok":
        results["run_again"] = staged(measure([rxpipe, "run"], run_dir, run_env), "run")
    else:
        results["run_again"] = results["run_first"]
    return results


def lake_tables(rxpipe, work, env):
    """Row counts of the lake's tables (`rxpipe lake ls`, not timed), to check rxpipe's work."""
    out = subprocess.run([rxpipe, "lake", "ls"], cwd=work, env=env, capture_output=True, text=True).stdout
    tables = {}
    for line in out.splitlines():
        m = re.match(r"^(\S+)\s+v\d+\s+(\d+) rows", line)
        if m:
            tables[m.group(1)] = int(m.group(2))
    return tables


def staged(step, command):
    if not_available(step, command):
        step.status = "not available"
    return step


def run_peer(engine, csv, work, env):
    """The four steps of one peer engine, each in its own Python process."""
    script = os.path.join(PEERS, f"{engine}_peer.py")
    paths = {
        "convert": (csv, os.path.join(work, "raw.parquet")),
        "clean": (os.path.join(work, "raw.parquet"), os.path.join(work, "clean.parquet")),
        "aggregate": (os.path.join(work, "clean.parquet"), os.path.join(work, "curated")),
        "profile": (os.path.join(work, "clean.parquet"), os.path.join(work, "profile.json")),
    }
    results = {}
    for key, _, step_name, _ in STAGES:
        step = measure([sys.executable, script, step_name, *paths[step_name]], work, env)
        if step.code == 0:
            step.counts = json.loads(step.stdout.strip().splitlines()[-1])
        results[key] = step
        if step.code != 0:
            break  # the later steps need this one's output
    return results


# ---------------------------------------------------------------- report

def fmt_s(x):
    return "—" if x is None else f"{x:.2f} s"


def fmt_mem(x):
    if x is None:
        return "—"
    return f"{x / 2**30:.2f} GiB" if x >= 2**30 else f"{x / 2**20:.0f} MiB"


def summarise(rounds, tool, key):
    """(status, median wall, median cpu, max peak RSS, walls) for one tool's stage over rounds."""
    steps = [r[tool].get(key) for r in rounds]
    if any(s is None for s in steps):
        return ("not run", None, None, None, [])
    statuses = {s.status for s in steps}
    if statuses != {"ok"}:
        status = next((x for x in ("failed", "not available") if x in statuses), sorted(statuses - {"ok"})[0])
        return (status, None, None, None, [])
    walls = [s.wall for s in steps]
    return ("ok", statistics.median(walls), statistics.median(s.cpu for s in steps),
            max(s.rss for s in steps), walls)


def cell(summary):
    status, wall = summary[0], summary[1]
    return fmt_s(wall) if status == "ok" else status


def report(args, rounds, fl, csv, versions, load_before, load_after):
    size = os.path.getsize(csv)
    lines = []
    add = lines.append
    add(f"# rxpipe pipeline benchmark: {args.rows:,} rows")
    add("")
    add(f"- date: {datetime.date.today().isoformat()}; machine: {machine()}")
    add(f"- input: `rxpipe sample --rows {args.rows} --years 2022 --seed {args.seed} --faults {args.faults}`, "
        f"{size / 1e6:,.0f} MB CSV, {fl['lines']:,} lines")
    add(f"- versions: {versions}")
    add("- wall times and peak RSS are medians / maxima per step; \"rxpipe / faster peer\" divides wall "
        "medians (below 1: rxpipe is faster), the CPU ratio divides CPU (user + sys) medians")
    add(f"- medians of {args.runs} runs, tools alternated (rxpipe, DuckDB, Polars, rxpipe, …); every step a fresh "
        f"process; {THREADS} threads for every engine")
    add(f"- the harness's own peak RSS, the floor under every peak below (Linux starts a child's peak at its "
        f"parent's): {fmt_mem(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)}")
    add(f"- load average before / after: {load_before} / {load_after} (a shared, noisy machine: "
        f"compare ratios within one run, not absolute times across runs)")
    add("")
    add("| stage | rxpipe | DuckDB | Polars | rxpipe / faster peer | CPU rxpipe / DuckDB / Polars "
        "| CPU rxpipe / leaner peer | peak RSS rxpipe | peak RSS DuckDB | peak RSS Polars |")
    add("|---|---|---|---|---|---|---|---|---|---|")
    totals = {t: [0.0, 0.0, 0, True] for t in TOOLS}
    for key, _, _, label in STAGES:
        s = {t: summarise(rounds, t, key) for t in TOOLS}
        for t in TOOLS:
            if s[t][0] == "ok":
                totals[t][0] += s[t][1]
                totals[t][1] += s[t][2]
                totals[t][2] = max(totals[t][2], s[t][3])
            else:
                totals[t][3] = False
        add(row(label, s))
    s = {t: (("ok", *totals[t][:3], []) if totals[t][3] else ("incomplete", None, None, None, []))
         for t in TOOLS}
    add(row("**total of the four steps**", s))
    for key, label in RXPIPE_ONLY:
        r = summarise(rounds, "rxpipe", key)
        cpu = f"{r[2]:.2f} s / — / —" if r[0] == "ok" else "—"
        ratio = "—"
        if key == "profile_cleansed" and r[0] == "ok":
            # Against the peers' profile step, which profiles the same single table.
            peers = [summarise(rounds, t, "profile") for t in ("duckdb", "polars")]
            walls = [p[1] for p in peers if p[0] == "ok"]
            if walls:
                ratio = f"{r[1] / min(walls):.2f}"
        add(f"| {label} | {cell(r)} | — | — | {ratio} | {cpu} | — | {fmt_mem(r[3])} | — | — |")
    add("")
    add(f"Floor: `cat` of the cached file {fmt_s(fl['cat'])} ({size / fl['cat'] / 1e9:.1f} GB/s), "
        f"`wc -l` {fmt_s(fl['wc -l'])} ({size / fl['wc -l'] / 1e9:.1f} GB/s). "
        f"Included in every peer step: Python start-up with `import duckdb` {fmt_s(fl['import duckdb'])} "
        f"(CPU {fmt_s(fl['import duckdb cpu'])}), `import polars` {fmt_s(fl['import polars'])} "
        f"(CPU {fmt_s(fl['import polars cpu'])}).")
    add("")
    add("Wall times of every run (s), in run order:")
    add("")
    for key, _, _, label in STAGES:
        parts = []
        for t in TOOLS:
            steps = [r[t].get(key) for r in rounds]
            parts.append(f"{TOOL_NAMES[t]} " + (" ".join(f"{x.wall:.2f}" for x in steps if x and x.status == "ok") or "—"))
        add(f"- {label}: " + "; ".join(parts))
    add("")
    add("Peer row counts (DuckDB = Polars checked every run): " + counts_line(rounds))
    failures = failure_notes(rounds)
    if failures:
        add("")
        add("Failures:")
        add("")
        lines.extend(f"- {f}" for f in failures)
    return "\n".join(lines) + "\n"


def row(label, s):
    peers = [s[t][1] for t in ("duckdb", "polars") if s[t][0] == "ok"]
    peer_cpus = [s[t][2] for t in ("duckdb", "polars") if s[t][0] == "ok"]
    ratio = f"{s['rxpipe'][1] / min(peers):.2f}" if s["rxpipe"][0] == "ok" and peers else "—"
    cpu_ratio = f"{s['rxpipe'][2] / min(peer_cpus):.2f}" if s["rxpipe"][0] == "ok" and peer_cpus else "—"
    cpu = " / ".join(f"{s[t][2]:.2f} s" if s[t][0] == "ok" else "—" for t in TOOLS)
    return (f"| {label} | {cell(s['rxpipe'])} | {cell(s['duckdb'])} | {cell(s['polars'])} | {ratio} | {cpu} | {cpu_ratio} | "
            + " | ".join(fmt_mem(s[t][3]) for t in TOOLS) + " |")


def counts_line(rounds):
    c = {k: getattr(rounds[0]["duckdb"].get(k), "counts", None) for k, _, _, _ in STAGES}
    parts = []
    if c["ingest"]:
        parts.append(f"CSV → Parquet {c['ingest']['rows']:,}")
    if c["cleanse"]:
        parts.append(f"clean {c['cleanse']['rows']:,}")
    if c["transform"]:
        parts.append("aggregates " + ", ".join(f"{k} {v:,}" for k, v in c["transform"]["tables"].items()))
    line = "; ".join(parts) + "."
    tables = rounds[0]["lake"]
    shown = {k: v for k, v in tables.items() if k in ("raw/cms_prescriber_drug", "cleansed/prescriber_drug")}
    if shown:
        line += " rxpipe lake: " + ", ".join(f"{k} {v:,}" for k, v in shown.items()) + "."
    return line


def verify(rounds, expected_rows):
    """DuckDB and Polars must agree on every step's row counts, in every run."""
    problems = []
    for i, r in enumerate(rounds, 1):
        for key, _, step, _ in STAGES:
            d, p = r["duckdb"].get(key), r["polars"].get(key)
            if d is None or p is None or d.code or p.code:
                continue
            if d.counts != p.counts:
                problems.append(f"run {i}, {step}: DuckDB {d.counts} ≠ Polars {p.counts}")
        raw = r["lake"].get("raw/cms_prescriber_drug")
        if r["rxpipe"]["ingest"].status == "ok" and raw != expected_rows:
            problems.append(f"run {i}: rxpipe ingest committed {raw} raw rows, the file has {expected_rows}")
        d = r["duckdb"].get("ingest")
        if d is not None and d.code == 0 and d.counts["rows"] != expected_rows:
            problems.append(f"run {i}: CSV → Parquet wrote {d.counts['rows']} rows, the file has {expected_rows}")
    return problems


def failure_notes(rounds):
    notes = []
    for t in TOOLS:
        for key in [k for k, _, _, _ in STAGES] + [k for k, _ in RXPIPE_ONLY]:
            step = next((r[t][key] for r in rounds if key in r[t] and r[t][key].status == "failed"), None)
            if step is not None:
                notes.append(f"{TOOL_NAMES[t]} {key}: exit {step.code}: {step.first_error_line()}")
    return notes


def machine():
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            model = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({model}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}"


def load():
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def log(message):
    print(f"pipeline_bench: {message}", file=sys.stderr, flush=True)


def main():
    default_rows = int(os.environ.get("ROWS", "2500000"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=default_rows, help="rows of the sample (env ROWS; 2500000)")
    parser.add_argument("--runs", type=int, help="runs per tool (default 3, or 2 from 10 M rows)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", type=int, default=0, help="bad rows in the sample (rxpipe sample --faults); the peers read with strict "
                        "types and stop at the first bad field, so any fault fails their CSV step")
    parser.add_argument("--rxpipe", default=os.path.join(ROOT, ".build", "release", "rxpipe"))
    parser.add_argument("--results", default=os.path.join(ROOT, "bench", "results"),
                        help="directory of the <rows>-<date>.md reports")
    args = parser.parse_args()
    args.runs = args.runs or (3 if args.rows < 10_000_000 else 2)
    if not os.access(args.rxpipe, os.X_OK):
        sys.exit(f"pipeline_bench: {args.rxpipe} not found; run `swift build -c release` first")

    env = dict(os.environ, POLARS_MAX_THREADS=str(THREADS), BENCH_THREADS=str(THREADS))
    env = {k: v for k, v in env.items() if not k.startswith("RXPIPE_") or k == "RXPIPE_PSEUDONYM_KEY"}
    sample_dir, csv = sample_input(args.rxpipe, args.rows, args.seed, args.faults)
    load_before = load()
    fl = floor(csv, 3, env)
    versions = tool_versions(args.rxpipe)
    log(f"{args.rows:,} rows, {args.runs} runs; {versions}")

    scratch = tempfile.mkdtemp(prefix="pipeline-", dir=os.path.join(ROOT, "bench", "cache"))
    rounds = []
    try:
        for i in range(1, args.runs + 1):
            r = {}
            for tool in TOOLS:
                work = os.path.join(scratch, f"{tool}-{i}")
                os.makedirs(work)
                if tool == "rxpipe":
                    r[tool] = run_rxpipe(args.rxpipe, sample_dir, work, env)
                    r["lake"] = r[tool].pop("tables")
                else:
                    r[tool] = run_peer(tool, csv, work, env)
                log(f"run {i} {TOOL_NAMES[tool]}: " + ", ".join(
                    f"{k} {s.wall:.2f}s" if s.status == "ok" else f"{k} {s.status}" for k, s in r[tool].items()))
                shutil.rmtree(work)
            rounds.append(r)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    problems = verify(rounds, fl["lines"] - 1)
    text = report(args, rounds, fl, csv, versions, load_before, load())
    if problems:
        text += "\nPeer disagreement (the comparison is not equal work):\n\n" + "\n".join(f"- {p}" for p in problems) + "\n"
    print(text)
    os.makedirs(args.results, exist_ok=True)
    path = os.path.join(args.results, f"{args.rows}-{datetime.date.today().isoformat()}.md")
    with open(path, "w") as f:
        f.write(text)
    log(f"wrote {os.path.relpath(path, ROOT)}")
    failed = any(s.status == "failed" for r in rounds for t in TOOLS for s in r[t].values())
    peers_short = any(len(r[t]) < len(STAGES) for r in rounds for t in ("duckdb", "polars"))
    return 1 if problems or failed or peers_short else 0


def tool_versions(rxpipe):
    """Asked of child processes: importing the engines here would raise every child's peak RSS."""
    rx = subprocess.run([rxpipe, "--version"], capture_output=True, text=True).stdout.strip()
    peers = subprocess.run([sys.executable, "-c", "import duckdb, polars; print(duckdb.__version__, polars.__version__)"],
                           capture_output=True, text=True, check=True).stdout.split()
    built = datetime.datetime.fromtimestamp(os.path.getmtime(rxpipe), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    where = os.path.relpath(rxpipe, ROOT)
    return (f"rxpipe {rx} (`{where}`, built {built}, source {git_head()}), DuckDB {peers[0]}, Polars {peers[1]}, "
            f"Python {platform.python_version()}")


def git_head():
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return head.stdout.strip() or "unknown"


if __name__ == "__main__":
    sys.exit(main())
