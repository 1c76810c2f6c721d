"""Oracle: every statistic of `rxpipe profile` recomputed with DuckDB and numpy over the same
Parquet files (read in the manifest's order), on the shipped sample's raw table and on
pyarrow-written tables with edge cases. Exact statistics must be equal; floating-point
moments agree to a relative 1e-9 (summation order differs); quantiles follow DuckDB's
quantile_cont, histograms numpy.histogram, Spearman numpy ranks over pairwise-complete rows.
Semantic types follow the rules of docs/profile-schema.md, restated here: a measure has every
statistic, an identifier only its distinct count, digit shapes and (NPIs) the Luhn check, a
period its extremes and rows per value; correlations and alerts need `min_rows` rows.
"""
import json
import math
import os
import unicodedata
from collections import Counter

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import rxpipe

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "local_data", "raw")
LEVELS = [("p1", 0.01), ("p5", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99)]
NUMERIC = {"int32", "int64", "double", "decimal(18,2)", "date"}
REL = 1e-9
MEASURE_ONLY = {"sum", "mean", "std", "skewness", "zeros", "negatives", "iqr_outliers", "histogram", "log_histogram"}


def named_semantic(name, type_):
    """The type a column's name gives (docs/profile-schema.md, "Semantic types"), or None."""
    n = name.lower()
    if n.startswith("prscrbr_"):
        n = n[len("prscrbr_"):]
    integer = type_ in ("int32", "int64")
    if type_ == "boolean" or n.endswith("_flag") or n.startswith("is_") or n.startswith("has_"):
        return "flag"
    if integer and (n in ("year", "yr") or n.endswith("_year")):
        return "period"
    if n in ("npi", "id", "_line") or n.endswith("_npi") or n.endswith("_id"):
        return "identifier"
    if integer and (n == "rank" or n.startswith("rank_") or n.endswith("_rank")):
        return "ordinal"
    if (n == "state" or n.startswith("state_abrvtn") or "fips" in n or n in ("type_src", "type_source")
            or n.endswith("_code") or n.endswith("_cd") or n.startswith("zip")):
        return "code"
    return None


def expected_semantic(name, type_, values, min_rows):
    """Name rules first; else an ascending, all-distinct integer column of min_rows values is an
    identifier, a string column of min_rows values with at most two distinct values a flag."""
    named = named_semantic(name, type_)
    if named:
        return named
    present = [v for v in values if v is not None]
    enough = len(present) >= max(min_rows, 2)
    if type_ == "string":
        return "flag" if enough and len(set(present)) <= 2 else "text"
    if type_ in ("int32", "int64") and enough and len(set(present)) == len(present) and present == sorted(present):
        return "identifier"
    return "measure"


def npi_valid(v):
    s = str(v)
    if len(s) != 10 or not s.isdigit():
        return False
    total = 24
    for position, ch in enumerate(reversed(s[:9])):
        d = int(ch)
        if position % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return (10 - total % 10) % 10 == int(s[9])


def close(a, b, rel=REL, abs_tol=1e-12):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_tol)


def profile(lake, table, env=None):
    run_env = dict(os.environ, **(env or {}))
    rxpipe("profile", "--lake", lake, "--table", table, "-q", env=run_env)
    zone, name = table.split("/")
    with open(os.path.join(lake, "profiles", zone, name + ".json"), "rb") as f:
        data = f.read()
    return json.loads(data), data


def read_table(lake, table):
    """The table as rxpipe scans it: manifest file order, partition columns added back."""
    directory = os.path.join(lake, *table.split("/"))
    manifest = json.load(open(os.path.join(directory, "_manifest.json")))
    types = {"int32": pa.int32(), "int64": pa.int64(), "double": pa.float64(), "string": pa.string(),
             "boolean": pa.bool_(), "date": pa.date32(),
             # Money is profiled in dollars as doubles (the nearest double of each exact amount).
             "decimal(18,2)": pa.float64()}
    schema = pa.schema([(f["name"], types[f["type"]]) for f in manifest["schema"]])
    parts = []
    for f in manifest["files"]:
        t = pq.read_table(os.path.join(directory, f["path"]))
        cols = {}
        for field in schema:
            if field.name in manifest["partition_columns"]:
                v = f["partition"][field.name]
                cols[field.name] = pa.array([None if v is None else int(v) if pa.types.is_integer(field.type) else v] * t.num_rows, field.type)
            elif pa.types.is_decimal(t.schema.field(field.name).type):
                # float(Decimal) is correctly rounded, as rxpipe's cents / 100; Arrow's cast is not.
                cols[field.name] = pa.array([None if v is None else float(v) for v in t.column(field.name).to_pylist()], field.type)
            else:
                cols[field.name] = t.column(field.name).combine_chunks().cast(field.type)
        parts.append(pa.table(cols, schema=schema))
    table_data = pa.concat_tables(parts) if parts else schema.empty_table()
    return table_data, manifest


def shape(s):
    out = []
    for i, ch in enumerate(s):
        if i == 40:
            out.append("…")
            break
        cat = unicodedata.category(ch)
        if "0" <= ch <= "9" or cat == "Nd":
            out.append("9")
        elif cat in ("Lu", "Lt"):
            out.append("A")
        elif cat in ("Ll", "Lm", "Lo"):
            out.append("a")
        else:
            out.append(ch)
    return "".join(out)


def ranked(counter):
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].encode()))


def np_hist(values, bins):
    lo, hi = values.min(), values.max()
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    return np.histogram(values, bins=bins, range=(lo, hi))


def avg_ranks(x):
    order = np.argsort(x, kind="stable")
    r = np.empty(len(x))
    xs = x[order]
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and xs[j + 1] == xs[i]:
            j += 1
        r[order[i:j + 1]] = (i + j + 2) / 2
        i = j + 1
    return r


def pearson(x, y):
    if len(x) < 2:
        return None
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = (dx * dx).sum(), (dy * dy).sum()
    if sxx <= 0 or syy <= 0:
        return None
    return float((dx * dy).sum() / math.sqrt(sxx * syy))


def check(lake, table, env=None, settings_expect=None):
    p, data = profile(lake, table, env)
    t, manifest = read_table(lake, table)
    con = duckdb.connect()
    con.register("t", t)
    n = t.num_rows
    assert p["schema_version"] == 2
    assert p["below_min_rows"] == (n < p["settings"]["min_rows"])
    if p["below_min_rows"]:
        assert p["alerts"] == []
    assert (p["zone"] + "/" + p["table"]) == table
    assert p["rows"] == n == manifest["row_count"]
    assert p["columns"] == t.num_columns
    assert p["size_bytes"] == sum(f["bytes"] for f in manifest["files"])
    distinct_rows = con.execute("select count(*) from (select distinct * from t)").fetchone()[0]
    assert p["duplicate_rows"] == n - distinct_rows
    nulls_total = 0
    s = p["settings"]
    bins = s["histogram_bins"]
    for c, field in zip(p["column_profiles"], t.schema):
        name = field.name
        q = f'"{name}"'
        assert c["name"] == name
        count, distinct = con.execute(f"select count({q}), count(distinct {q}) from t").fetchone()
        assert c["count"] == count, name
        assert c["nulls"] == n - count, name
        nulls_total += n - count
        assert c["null_share"] == (None if n == 0 else (n - count) / n)
        if c["distinct"]["exact"]:
            assert c["distinct"]["value"] == distinct, name
        else:
            assert abs(c["distinct"]["value"] - distinct) <= 4 * c["distinct"]["relative_error"] * distinct, name
        values = t.column(name).to_pylist()
        if c["type"] == "double":
            values = [None if v is None or v != v else v for v in values]
        assert c["semantic_type"] == expected_semantic(name, c["type"], values, s["min_rows"]), name
        if c["type"] in NUMERIC and c["semantic_type"] == "measure":
            check_numeric(con, c, q, field, bins, s)
        elif c["type"] in NUMERIC:
            check_non_measure(t.column(name).to_pylist(), c)
        elif c["type"] == "string":
            check_string(t.column(name).to_pylist(), c, s)
        elif c["type"] == "boolean":
            vals = Counter("true" if v else "false" for v in t.column(name).to_pylist() if v is not None)
            assert [(v["value"], v["count"]) for v in c["value_counts"]] == ranked(vals)
    assert p["missing_cells"] == nulls_total
    check_correlations(con, t, p)
    return p, data, t


def check_numeric(con, c, q, field, bins, s):
    is_int = pa.types.is_integer(field.type)
    values = np.array(sorted(v for v in con.execute(f"select {q}::double from t where {q} is not null").fetchall()), dtype=float).ravel()
    mn, mx, sm, avg, sd, sk, zeros, neg = con.execute(
        f"select min({q}), max({q}), sum({q}), avg({q}::double), stddev_samp({q}::double), skewness({q}::double), "
        f"count(*) filter ({q} = 0), count(*) filter ({q} < 0) from t").fetchone()
    assert c["min"] == mn and c["max"] == mx, c["name"]
    if is_int:
        assert c["sum"] == sm, c["name"]
    else:
        assert close(c["sum"], math.fsum(values) if len(values) else None), c["name"]
    assert close(c["mean"], avg) and close(c["std"], sd), c["name"]
    # DuckDB sums raw powers (cancellation): a skewness near 0 is only comparable absolutely.
    if sk is not None and not math.isnan(sk):
        assert math.isclose(c["skewness"], sk, rel_tol=1e-6, abs_tol=1e-6), (c["name"], c["skewness"], sk)
    else:
        assert c["skewness"] is None, c["name"]
    assert c["zeros"] == zeros and c["negatives"] == neg, c["name"]
    qs = con.execute("select " + ", ".join(f"quantile_cont({q}::double, {lv})" for _, lv in LEVELS) + " from t").fetchone()
    assert c["quantiles"]["method"] == "exact_linear"
    for (key, _), want in zip(LEVELS, qs):
        assert close(c["quantiles"][key], want, rel=1e-12), (c["name"], key)
    if len(values) == 0:
        assert c["histogram"] is None and c["iqr_outliers"] == 0
        return
    q1, q3 = qs[2], qs[4]
    iqr = q3 - q1
    outliers = con.execute(f"select count(*) from t where {q} < {q1 - 1.5 * iqr!r} or {q} > {q3 + 1.5 * iqr!r}").fetchone()[0]
    assert c["iqr_outliers"] == outliers, c["name"]
    counts, edges = np_hist(values, bins)
    assert c["histogram"]["counts"] == counts.tolist(), c["name"]
    assert c["histogram"]["edges"] == edges.tolist(), c["name"]
    pos = values[values > 0]
    heavy = len(pos) > 0 and values[0] >= 0 and values[-1] / pos[0] >= s["log_histogram_min_ratio"]
    if heavy:
        logs = np.array([math.log10(v) for v in pos])
        lc, le = np_hist(logs, bins)
        assert c["log_histogram"]["counts"] == lc.tolist(), c["name"]
        assert all(close(a, 10 ** b, rel=1e-12) for a, b in zip(c["log_histogram"]["edges"], le)), c["name"]
    else:
        assert c["log_histogram"] is None, c["name"]


def check_non_measure(values, c):
    """Identifiers, codes, periods, flags and ordinals stored as numbers: no mean, sum or bins."""
    present = [v for v in values if v is not None]
    assert not MEASURE_ONLY & c.keys(), c["name"]
    kind = c["semantic_type"]
    if kind in ("period", "ordinal"):
        assert c["min"] == (min(present) if present else None) and c["max"] == (max(present) if present else None)
    else:
        assert "min" not in c and "max" not in c and "quantiles" not in c
    if kind == "ordinal":
        for key, level in LEVELS:
            want = float(np.quantile(np.array(present, dtype=float), level)) if present else None
            assert close(c["quantiles"][key], want, rel=1e-12), (c["name"], key)
    if kind == "identifier":
        shapes = ranked(Counter(("-" if v < 0 else "") + "9" * len(str(abs(v))) for v in present))
        assert [(v["value"], v["count"]) for v in c["shapes"]] == shapes[:10]
        if c["name"].lower() in ("npi", "prscrbr_npi"):
            real = [v for v in present if v < 2 ** 61]
            v = c["validity"]
            assert v["checked"] == len(real) and v["pseudonyms"] == len(present) - len(real)
            assert v["valid"] == sum(1 for x in real if npi_valid(x))
        else:
            assert "validity" not in c
    if kind in ("period", "code", "flag"):
        counts = Counter(str(v) for v in present)
        want = sorted(counts.items(), key=lambda kv: int(kv[0])) if kind == "period" else ranked(counts)
        assert [(v["value"], v["count"]) for v in c["value_counts"]] == want[:1000]
        assert c["value_counts_complete"] == (len(want) <= 1000)
        assert ("imbalance" in c) == (kind != "period" and 2 <= len(want) <= 1000)


def check_string(values, c, s):
    present = [v for v in values if v is not None]
    counts = Counter(present)
    assert c["empty"] == counts.get("", 0)
    lengths = [len(v) for v in present]
    if present:
        assert c["length"]["min"] == min(lengths) and c["length"]["max"] == max(lengths)
        assert close(c["length"]["mean"], sum(lengths) / len(lengths))
    else:
        assert c["length"] == {"min": None, "mean": None, "max": None}
    top = ranked(counts)
    assert c["top_values_complete"]
    assert [(v["value"], v["count"]) for v in c["top_values"]] == top[:10]
    for v in c["top_values"]:
        assert v["share"] == v["count"] / len(present)
    shapes = ranked(Counter(shape(v) for v in present))
    assert [(v["value"], v["count"]) for v in c["shapes"]] == shapes[:10]
    is_flag = len(counts) <= s["flag_max_distinct"]
    assert c["kind"] == ("flag" if is_flag else "string")
    if is_flag:
        assert [(v["value"], v["count"]) for v in c["value_counts"]] == top
        if len(top) >= 2:
            total = sum(counts.values())
            h = -sum(k / total * math.log(k / total) for _, k in top)
            assert close(c["imbalance"], 1 - h / math.log(len(top)))
        if c["name"].lower().endswith("sprsn_flag") and values:
            assert c["suppressed_share"] == sum(1 for v in present if v != "") / len(values)
        elif c["name"].lower().endswith("sprsn_flag"):
            assert "suppressed_share" not in c


def check_correlations(con, t, p):
    semantic = {c["name"]: c["semantic_type"] for c in p["column_profiles"]}
    cols = [f.name for f in t.schema
            if str(f.type) in ("int32", "int64", "double", "date32[day]") and semantic[f.name] == "measure"]
    corr = p["correlations"]
    min_rows = max(2, p["settings"]["min_rows"])
    if p["below_min_rows"]:
        assert corr["columns"] == [] and corr["note"] == f"{t.num_rows} rows, fewer than min_rows ({p['settings']['min_rows']})"
        return
    if len(cols) < 2:
        assert corr["columns"] == [] and corr["note"] == "fewer than two measure columns"
        return
    assert corr["columns"] == cols and corr["note"] is None
    stride = corr["spearman_row_stride"]
    n = t.num_rows
    assert stride == max(1, -(-n // p["settings"]["spearman_max_rows"]))
    sample = {c: np.array([np.nan if v is None else float(v) for v in t.column(c).to_pylist()[::stride]]) for c in cols}
    for i, a in enumerate(cols):
        for j, b in enumerate(cols):
            if i >= j:
                continue
            want, pairs = con.execute(
                f'select corr("{a}"::double, "{b}"::double), count(*) filter ("{a}" is not null and "{b}" is not null '
                f'and not isnan("{a}"::double) and not isnan("{b}"::double)) from t').fetchone()
            if pairs < min_rows:
                want = None
            got = corr["pearson"][i][j]
            if want is None or math.isnan(want):
                assert got is None, (a, b)
            else:
                assert close(got, want, rel=1e-9, abs_tol=1e-9), (a, b, got, want)
            x, y = sample[a], sample[b]
            m = ~np.isnan(x) & ~np.isnan(y)
            want_s = pearson(avg_ranks(x[m]), avg_ranks(y[m])) if m.sum() >= min_rows else None
            assert close(corr["spearman"][i][j], want_s, rel=1e-9, abs_tol=1e-9), (a, b, corr["spearman"][i][j], want_s)
            assert corr["pearson"][j][i] == corr["pearson"][i][j] and corr["spearman"][j][i] == corr["spearman"][i][j]


@pytest.fixture(scope="module")
def sample_lake(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("profile") / "lake")
    rxpipe("ingest", "--source", SAMPLE, "-q", env=dict(os.environ, RXPIPE_LAKE_ROOT=root))
    return root


def test_sample_raw_table_matches_duckdb(sample_lake):
    p, data, t = check(sample_lake, "raw/cms_prescriber_drug")
    # The suppression flags are flags with their suppressed share, the NPI a 10-digit number.
    cols = {c["name"]: c for c in p["column_profiles"]}
    assert cols["GE65_Sprsn_Flag"]["kind"] == "flag" and "suppressed_share" in cols["GE65_Sprsn_Flag"]
    assert cols["Prscrbr_State_FIPS"]["shapes"][0]["value"] == "99"
    assert cols["Prscrbr_NPI"]["kind"] == "numeric"
    # Identifiers and the year are not measures: no mean NPI, no NPI in the correlations.
    assert cols["Prscrbr_NPI"]["semantic_type"] == "identifier" and "mean" not in cols["Prscrbr_NPI"]
    # The shipped sample carries a few NPIs with a wrong check digit (check() counts them exactly).
    assert 0.99 < cols["Prscrbr_NPI"]["validity"]["valid_share"] < 1
    assert cols["Prscrbr_NPI"]["shapes"][0]["value"] == "9999999999"
    assert cols["_line"]["semantic_type"] == "identifier" and cols["year"]["semantic_type"] == "period"
    assert not {"Prscrbr_NPI", "_line", "year"} & set(p["correlations"]["columns"])
    assert p["passes"] == 1


def test_same_bytes_on_a_second_run_and_in_more_reads(sample_lake):
    _, first = profile(sample_lake, "raw/cms_prescriber_drug")
    _, again = profile(sample_lake, "raw/cms_prescriber_drug")
    assert first == again
    # 1 MiB holds less than the fingerprints (2.4 MB) or one column of 150k values (1.2 MB):
    # the high-cardinality columns are read one at a time, with the same numbers.
    p, _ = profile(sample_lake, "raw/cms_prescriber_drug", {"RXPIPE_PROFILE_EXACT_MEMORY_MB": "1"})
    assert p["passes"] > 1
    q = json.loads(first)
    assert p["column_profiles"] == q["column_profiles"] and p["correlations"] == q["correlations"]


def test_spearman_over_every_kth_row(sample_lake):
    p, _ = profile(sample_lake, "raw/cms_prescriber_drug", {"RXPIPE_PROFILE_SPEARMAN_MAX_ROWS": "7000"})
    assert p["correlations"]["spearman_row_stride"] == 22
    assert p["correlations"]["spearman_rows"] == len(range(0, 150075, 22))
    t, _ = read_table(sample_lake, "raw/cms_prescriber_drug")
    con = duckdb.connect()
    con.register("t", t)
    # check_correlations recomputes Spearman over every 22nd row.
    check_correlations(con, t, p)


def test_hyperloglog_past_the_memory_budget(tmp_path):
    # 25,000 distinct 46-byte values (~3 MiB of counts) against a 1 MiB budget; "common" comes first.
    values = ["common"] * 1000 + [f"v{i % 25000:05d}" + "x" * 40 for i in range(60000)]
    src = tmp_path / "wide.parquet"
    pq.write_table(pa.table({"s": values}), src)
    lake = str(tmp_path / "lake")
    rxpipe("lake", "import", src, "raw/wide", "--lake", lake)
    p, _ = profile(lake, "raw/wide", {"RXPIPE_PROFILE_DISTINCT_EXACT_MB": "1"})
    c = p["column_profiles"][0]
    assert c["distinct"]["exact"] is False
    err = c["distinct"]["relative_error"]
    assert err == pytest.approx(1.04 / 128)
    assert abs(c["distinct"]["value"] - 25001) <= 4 * err * 25001
    assert not c["top_values_complete"]
    full = Counter(values)
    assert c["top_values"][0] == {"value": "common", "count": 1000, "share": 1000 / len(values)}
    for v in c["top_values"]:
        assert v["count"] == full[v["value"]]
    assert c["count"] == len(values) and c["empty"] == 0
    assert c["length"] == {"min": 6, "mean": (6 * 1000 + 46 * 60000) / 61000, "max": 46}
    assert [(v["value"], v["count"]) for v in c["shapes"]] == [(shape(values[-1]), 60000), ("aaaaaa", 1000)]
    assert shape(values[-1]) == "a99999" + "a" * 34 + "…"


def edge_table():
    return pa.table({
        "all_null": pa.array([None] * 6, pa.int64()),
        "constant": pa.array(["same"] * 6, pa.string()),
        "text": pa.array(["", "a1", None, "", "Zoë-9", "a1"], pa.string()),
        "signed": pa.array([-5, 0, 0, 3, None, 1000000], pa.int64()),
        "small": pa.array([1, 2, 3, 4, 5, 6], pa.int32()),
        "cost": pa.array([0.0, 0.5, 12.25, 1e4, None, -0.0], pa.float64()),
        "pos": pa.array([0.01, 1.0, 10.0, 100.0, 1000.0, 0.0], pa.float64()),
        "flag": pa.array([True, False, None, True, True, True], pa.bool_()),
        "label": pa.array(["a", "b", "c", "d", "e", "f"], pa.string()),
        "x_sprsn_flag": pa.array(["*", None, "#", "*", None, ""], pa.string()),
    })


@pytest.mark.parametrize("rows", [6, 1, 0])
def test_edge_cases_match_duckdb(tmp_path, rows):
    t = edge_table().slice(0, rows)
    src = tmp_path / "edge.parquet"
    if rows:
        pq.write_table(t, src)
    else:
        # No row group at all (rxpipe's reader rejects pyarrow's 0-row column chunks).
        pq.ParquetWriter(src, t.schema).close()
    lake = str(tmp_path / "lake")
    rxpipe("lake", "import", src, "raw/edge", "--lake", lake)
    p, _, _ = check(lake, "raw/edge")
    cols = {c["name"]: c for c in p["column_profiles"]}
    if rows == 6:
        assert cols["all_null"]["nulls"] == 6 and cols["all_null"]["min"] is None and cols["all_null"]["histogram"] is None
        assert cols["constant"]["kind"] == "flag" and cols["text"]["empty"] == 2
        assert cols["pos"]["log_histogram"] is not None and cols["signed"]["log_histogram"] is None
    if rows == 0:
        assert p["rows"] == 0 and p["missing_cells_share"] is None
    # Below the minimum sample (30 rows): described, but no alert and no correlation.
    assert p["below_min_rows"] and p["alerts"] == [] and p["correlations"]["columns"] == []


def test_the_minimum_sample_is_a_setting(tmp_path):
    src = tmp_path / "edge.parquet"
    pq.write_table(edge_table(), src)
    lake = str(tmp_path / "lake")
    rxpipe("lake", "import", src, "raw/edge", "--lake", lake)
    p, _, _ = check(lake, "raw/edge", env={"RXPIPE_PROFILE_MIN_ROWS": "2"})
    cols = {c["name"]: c for c in p["column_profiles"]}
    # 1…6 in order, all different: with enough rows the data makes "small" an identifier.
    assert cols["small"]["semantic_type"] == "identifier" and "mean" not in cols["small"]
    assert not p["below_min_rows"] and "small" not in p["correlations"]["columns"]
    assert p["alerts"] != []


def test_duplicate_rows(tmp_path):
    t = edge_table()
    src = tmp_path / "dup.parquet"
    pq.write_table(pa.concat_tables([t, t.slice(1, 3)]), src)
    lake = str(tmp_path / "lake")
    rxpipe("lake", "import", src, "curated/dup", "--lake", lake)
    p, _, _ = check(lake, "curated/dup")
    assert p["duplicate_rows"] == 3


def alert_set(p):
    return {(a["type"], tuple(a["columns"]), a.get("measure")) for a in p["alerts"]}


def test_alerts_fire_at_their_thresholds(tmp_path):
    src = tmp_path / "edge.parquet"
    pq.write_table(edge_table(), src)
    lake = str(tmp_path / "lake")
    rxpipe("lake", "import", src, "raw/edge", "--lake", lake)
    small = {"RXPIPE_PROFILE_MIN_ROWS": "2"}
    p, _ = profile(lake, "raw/edge", small)
    got = alert_set(p)
    assert ("constant", ("constant",), None) in got
    assert ("unique", ("label",), None) in got                     # text, all different
    assert ("unique", ("small",), None) not in got                 # an identifier is meant to be unique
    assert ("high_missing", ("all_null",), None) in got            # 6/6 > 0.2
    assert ("high_missing", ("x_sprsn_flag",), None) in got        # 2/6 > 0.2
    assert ("high_missing", ("text",), None) not in got            # 1/6 ≤ 0.2
    assert ("many_zeros", ("signed",), None) in got                # 2/5 > 0.1
    assert ("suppressed_share", ("x_sprsn_flag",), None) in got    # 3/6 ≥ 0.25
    assert ("imbalance", ("flag",), None) not in got               # 4:1 → 0.278 ≤ 0.5
    cols = {c["name"]: c for c in p["column_profiles"]}
    imbalance = cols["flag"]["imbalance"]
    # Thresholds moved just past the measured values turn the alerts off, and on.
    env = {"RXPIPE_PROFILE_HIGH_MISSING_SHARE": str(2 / 6), "RXPIPE_PROFILE_ZEROS_SHARE": "0.4",
           "RXPIPE_PROFILE_SUPPRESSED_SHARE": "0.51", "RXPIPE_PROFILE_IMBALANCE_THRESHOLD": str(imbalance - 1e-9),
           "RXPIPE_PROFILE_UNIQUE_SHARE": "0.9", "RXPIPE_PROFILE_HIGH_CARDINALITY_DISTINCT": "2",
           "RXPIPE_PROFILE_FLAG_MAX_DISTINCT": "2",
           "RXPIPE_PROFILE_SKEWNESS_THRESHOLD": "1", "RXPIPE_PROFILE_CORRELATION_THRESHOLD": "0.5", **small}
    q, _ = profile(lake, "raw/edge", env)
    got = alert_set(q)
    assert ("high_missing", ("x_sprsn_flag",), None) not in got and ("high_missing", ("all_null",), None) in got
    assert ("many_zeros", ("signed",), None) not in got
    assert ("suppressed_share", ("x_sprsn_flag",), None) not in got
    assert ("imbalance", ("flag",), None) in got
    assert ("unique", ("label",), None) in got
    assert ("high_cardinality", ("text",), None) in got            # 3 distinct > 2, no longer a flag
    skew = cols["signed"]["skewness"]
    assert (("skewed", ("signed",), None) in got) == (abs(skew) > 1)
    pairs = {a[1] for a in got if a[0] == "highly_correlated"}
    for i, a in enumerate(q["correlations"]["columns"]):
        for j, b in enumerate(q["correlations"]["columns"]):
            if i < j:
                r = [q["correlations"][m][i][j] for m in ("pearson", "spearman")]
                assert ((a, b) in pairs) == any(v is not None and abs(v) > 0.5 for v in r)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    """A small three-year lake and its site, built by `rxpipe run` from a generated sample."""
    root = tmp_path_factory.mktemp("pipeline")
    rxpipe("sample", "--rows", "3000", "--years", "2021-2023", "--out", root / "src", "-q")
    env = dict(os.environ, RXPIPE_SOURCE_PATH=str(root / "src"), RXPIPE_LAKE_ROOT=str(root / "lake"),
               RXPIPE_SITE_DIR=str(root / "site"))
    rxpipe("run", "-q", env=env)
    return str(root)


def test_curated_and_cleansed_profiles_make_statistical_sense(pipeline):
    lake = os.path.join(pipeline, "lake")
    tables = [f"{zone}/{name[:-5]}" for zone in ("cleansed", "curated")
              for name in sorted(os.listdir(os.path.join(lake, "profiles", zone)))]
    assert "curated/kpi_year" in tables
    for table in tables:
        p, _, _ = check(lake, table)
        slug = table.replace("/", "-").replace("_", "-")
        page = open(os.path.join(pipeline, "site", "eda", slug + ".html"), encoding="utf-8").read()
        for c in p["column_profiles"]:
            if c["semantic_type"] != "measure":
                assert not MEASURE_ONLY & c.keys(), (table, c["name"])
        m = p["correlations"]["spearman"]
        drawable = any(m[a][b] is not None for a in range(len(m)) for b in range(len(m)) if a != b)
        assert (f"eda-{slug}-correlation" in page) == drawable, table
        if p["below_min_rows"]:
            assert p["alerts"] == [] and "below the minimum sample" in page, table
    kpi = json.load(open(os.path.join(lake, "profiles", "curated", "kpi_year.json")))
    assert kpi["rows"] == 3 and kpi["alerts"] == []
    page = open(os.path.join(pipeline, "site", "eda", "curated-kpi-year.html"), encoding="utf-8").read()
    assert ">2021<" in page and "2,021" not in page


def test_bad_config_and_missing_table_are_clear_errors(tmp_path):
    lake = str(tmp_path / "lake")
    r = rxpipe("profile", "--lake", lake, check=False)
    assert r.returncode == 1 and "no committed table" in r.stderr
    r = rxpipe("profile", "--lake", lake, check=False, env=dict(os.environ, RXPIPE_PROFILE_ZEROS_SHARE="2"))
    assert r.returncode == 2 and "profile.zeros_share" in r.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("[profile]\nhistogram_bins = \"many\"\n")
    r = rxpipe("profile", "--lake", lake, "--config", bad, check=False)
    assert r.returncode == 2 and "line 2" in r.stderr and "profile.histogram_bins" in r.stderr
