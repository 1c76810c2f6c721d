"""Oracle: `curated/prescriber_outliers` against DuckDB SQL, and the method against planted truth.

1. The cleansed tables of test_transform_oracle (pyarrow-generated: several years, hostile
   names, pseudonyms) are transformed with thresholds small enough for its 400 prescribers to
   form peer groups, and the table is recomputed in SQL (median and MAD per year, specialty,
   state and measure) and compared row for row.
2. `rxpipe sample --outliers K` plants K prescribers per file; after ingest, cleanse and
   transform with the default `[outliers]` settings the flagged NPIs must find the planted ones
   with recall >= 0.9 and precision >= 0.8 (docs/tables.md; the rates are printed with -s).
"""
import csv
import os

import pyarrow.parquet as pq
import pytest

from cleansed_gen import write_tables
from conftest import rxpipe
from test_transform_oracle import close, connect, import_tables, table_files

GC = "coalesce(sum(tot_clms) FILTER (WHERE is_generic), 0)"


def outliers_sql(min_claims, min_peers, threshold):
    return f"""
WITH p AS (SELECT year, npi, any_value(state) AS state, any_value(prescriber_type) AS t, any_value(display_name) AS dn,
                  sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost, {GC} AS gc FROM f GROUP BY year, npi),
     e AS (SELECT * FROM p WHERE claims >= {min_claims} AND t IS NOT NULL),
     m AS (SELECT year, npi, state, t, dn, claims, 'cost_per_claim' AS metric, cost / claims AS v, ln(cost / claims) AS s
           FROM e WHERE cost / claims > 0
           UNION ALL
           SELECT year, npi, state, t, dn, claims, 'brand_share', (claims - gc) / claims, (claims - gc) / claims FROM e),
     g AS (SELECT year, state, t, metric, count(*) AS n, median(s) AS med, median(v) AS vmed FROM m
           GROUP BY year, state, t, metric HAVING count(*) >= {min_peers}),
     d AS (SELECT m.year, m.state, m.t, m.metric, median(abs(s - med)) AS mad FROM m JOIN g USING (year, state, t, metric)
           GROUP BY m.year, m.state, m.t, m.metric),
     z AS (SELECT m.*, vmed, mad, n, (s - med) / (1.4826 * mad) AS z FROM m JOIN g USING (year, state, t, metric)
           JOIN d USING (year, state, t, metric) WHERE mad > 0)
SELECT year, npi, dn, state, t, metric, v, vmed, mad, z, n, claims FROM z WHERE abs(z) >= {threshold}
ORDER BY year, t, state, metric, npi"""


SMALL = {"RXPIPE_OUTLIERS_MIN_CLAIMS": "40", "RXPIPE_OUTLIERS_MIN_PEERS": "4", "RXPIPE_OUTLIERS_THRESHOLD": "1.5"}


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    root = tmp_path_factory.mktemp("outliers")
    src, lake = root / "src", str(root / "lake")
    src.mkdir()
    write_tables(str(src), seed=20240605, years=[2019, 2020, 2022], n_prescribers=400, n_generics=60,
                 brands_per_generic=3, drugs_per_prescriber=12, row_group_rows=700)
    import_tables(str(src), lake, 700)
    rxpipe("transform", "-q", env=dict(os.environ, RXPIPE_LAKE_ROOT=lake, **SMALL))
    return lake


def test_outliers_equal_duckdb(lake):
    files, m = table_files(lake, "curated", "prescriber_outliers")
    got = [tuple(r.values()) for r in pq.read_table(files[0]).to_pylist()] if files else []
    want = [tuple(r) for r in connect(lake).sql(outliers_sql(40, 4, 1.5)).fetchall()]
    assert len(got) == len(want), f"{len(got)} rows, DuckDB {len(want)}"
    assert len(got) >= 10, "the test data must flag prescribers"
    assert {r[5] for r in got} == {"cost_per_claim", "brand_share"}
    for i, (g, w) in enumerate(zip(got, want)):
        for k, (x, y) in enumerate(zip(g, w)):
            assert close(x, y), f"row {i} column {m['schema'][k]['name']}: rxpipe {x!r}, DuckDB {y!r}\n{g}\n{w}"


def test_schema_follows_the_contract(lake):
    files, m = table_files(lake, "curated", "prescriber_outliers")
    assert [f["name"] for f in m["schema"]] == ["year", "npi", "display_name", "state", "prescriber_type", "metric", "value",
                                                "peer_median", "peer_mad", "robust_z", "peer_count", "claims"]
    assert pq.read_schema(files[0]).names == [f["name"] for f in m["schema"]]


def test_defaults_flag_nobody_in_small_groups(lake, tmp_path):
    import shutil
    copy = str(tmp_path / "lake")
    shutil.copytree(os.path.join(lake, "cleansed"), os.path.join(copy, "cleansed"))
    rxpipe("transform", "-q", "--lake", copy)
    _, m = table_files(copy, "curated", "prescriber_outliers")
    assert m["row_count"] == 0  # 400 prescribers over 3 years: no specialty-state has 20 with 100 claims


def planted_run(tmp_path, rows, outliers, seed):
    raw, lake = tmp_path / "raw", str(tmp_path / "lake")
    rxpipe("sample", "--rows", str(rows), "--years", "2022", "--seed", str(seed), "--outliers", str(outliers),
           "--out", str(raw), "-q")
    env = dict(os.environ, RXPIPE_LAKE_ROOT=lake, RXPIPE_SOURCE_PATH=str(raw))
    for stage in ["ingest", "cleanse", "transform"]:
        rxpipe(stage, "-q", env=env)
    with open(raw / "planted-outliers.tsv", newline="") as fh:
        planted = {(int(r["year"]), int(r["npi"])): r for r in csv.DictReader(fh, delimiter="\t")}
    files, _ = table_files(lake, "curated", "prescriber_outliers")
    flagged = {}
    for r in pq.read_table(files[0]).to_pylist():
        flagged.setdefault((r["year"], r["npi"]), set()).add(r["metric"])
    # Prescribers that took part in a comparison (default settings: at least 250 claims, in a
    # specialty-state of at least 20 such prescribers): the base of the false-positive rate.
    compared = connect(lake).execute("""
        WITH p AS (SELECT year, npi, any_value(state) s, any_value(prescriber_type) t, sum(tot_clms) c FROM f GROUP BY year, npi),
             e AS (SELECT * FROM p WHERE c >= 250 AND t IS NOT NULL),
             g AS (SELECT year, s, t FROM e GROUP BY year, s, t HAVING count(*) >= 20)
        SELECT count(*) FROM e JOIN g USING (year, s, t)""").fetchone()[0]
    return planted, flagged, compared


def test_planted_outliers_are_found(tmp_path):
    planted, flagged, compared = planted_run(tmp_path, rows=500_000, outliers=600, seed=11)
    assert len(planted) == 600
    found = planted.keys() & flagged.keys()
    recall = len(found) / len(planted)
    precision = len(found) / len(flagged)
    false_positive_rate = (len(flagged) - len(found)) / (compared - len(planted))
    by_kind = {}
    for k, r in planted.items():
        hit = by_kind.setdefault(r["kind"], [0, 0])
        hit[0] += k in found
        hit[1] += 1
    print(f"\nplanted {len(planted)}, flagged {len(flagged)}, found {len(found)}: recall {recall:.3f}, precision {precision:.3f}, "
          f"false-positive rate {false_positive_rate:.4f} of {compared - len(planted)} unplanted prescribers compared; "
          f"by kind {by_kind}")
    assert recall >= 0.9
    assert precision >= 0.8


def test_outliers_option_leaves_other_rows_alone(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    rxpipe("sample", "--rows", "100000", "--years", "2022", "--out", str(a), "-q")
    rxpipe("sample", "--rows", "100000", "--years", "2022", "--outliers", "5", "--out", str(b), "-q")
    name = "MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv"
    with open(b / "planted-outliers.tsv", newline="") as fh:
        planted = {r["npi"] for r in csv.DictReader(fh, delimiter="\t")}
    assert len(planted) == 5
    la, lb = open(a / name).read().splitlines(), open(b / name).read().splitlines()
    assert len(la) == len(lb)
    changed = {x.split(",")[0] for x, y in zip(la, lb) if x != y}
    assert changed and changed <= planted
    assert not os.path.exists(a / "planted-outliers.tsv")
