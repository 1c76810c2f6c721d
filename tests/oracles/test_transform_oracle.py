"""Oracle: `rxpipe transform` against DuckDB SQL over the same cleansed Parquet files.

Cleansed tables are generated with pyarrow (cleansed_gen.py: seeded, several years with a
gap, ties, nulls, territories without population, pseudonyms, hostile strings), committed
with `rxpipe lake import`, transformed, and every curated table is recomputed here in SQL
from the files the cleansed manifests list. All rows are compared in order: integers and
strings exactly, doubles to 1e-9 relative (1e-12 absolute near zero).
"""
import json
import math
import os

import duckdb
import pyarrow.parquet as pq
import pytest

from cleansed_gen import write_tables
from conftest import rxpipe

TABLES = ["kpi_year", "drug_summary", "generic_summary", "state_summary", "specialty_summary", "prescriber_summary",
          "top_prescribers_by_state", "state_drug", "state_specialty", "specialty_drug", "drug_trend"]

# The definitions of docs/tables.md, in SQL. `f` is prescriber_drug joined to drug and prescriber.
FACTS = """
CREATE TEMP TABLE f AS
SELECT pd.year, pd.npi, pd.drug_id, pd.tot_clms, pd.tot_30day_fills, pd.tot_day_suply, pd.tot_drug_cst,
       d.generic_name, d.brand_name, d.is_generic, p.state, p.prescriber_type,
       CASE WHEN pd.npi >= 2305843009213693952 THEN 'Prescriber ' || right(CAST(pd.npi AS VARCHAR), 6)
            WHEN p.first_name IS NOT NULL AND p.last_org_name IS NOT NULL THEN p.first_name || ' ' || p.last_org_name
            WHEN coalesce(p.last_org_name, p.first_name) IS NOT NULL THEN coalesce(p.last_org_name, p.first_name)
            ELSE 'Prescriber ' || right(CAST(pd.npi AS VARCHAR), 6) END AS display_name
FROM pd JOIN drug d ON d.drug_id = pd.drug_id JOIN presc p ON p.year = pd.year AND p.npi = pd.npi
"""
GC = "coalesce(sum(tot_clms) FILTER (WHERE is_generic), 0)"
SQL = {
    "kpi_year": f"""
WITH y AS (SELECT year, count(DISTINCT npi) AS prescribers, count(DISTINCT drug_id) AS drugs, sum(tot_clms) AS claims,
                  sum(tot_30day_fills) AS fills, sum(tot_day_suply) AS days, sum(tot_drug_cst) AS cost, {GC} AS gc
           FROM f GROUP BY year),
     z AS (SELECT *, cost / nullif(claims, 0) AS cpc, gc / nullif(claims, 0) AS share FROM y)
SELECT year, prescribers, drugs, claims, fills, days, cost, cpc, share,
       (prescribers - lag(prescribers) OVER w) / nullif(lag(prescribers) OVER w, 0),
       (claims - lag(claims) OVER w) / nullif(lag(claims) OVER w, 0),
       (cost - lag(cost) OVER w) / nullif(lag(cost) OVER w, 0),
       (cpc - lag(cpc) OVER w) / nullif(lag(cpc) OVER w, 0),
       share - lag(share) OVER w
FROM z WINDOW w AS (ORDER BY year) ORDER BY year""",
    "drug_summary": """
WITH g AS (SELECT year, drug_id, any_value(generic_name) AS generic_name, any_value(brand_name) AS brand_name,
                  any_value(is_generic) AS is_generic, count(DISTINCT npi) AS prescribers, sum(tot_clms) AS claims,
                  sum(tot_30day_fills) AS fills, sum(tot_day_suply) AS days, sum(tot_drug_cst) AS cost
           FROM f GROUP BY year, drug_id),
     t AS (SELECT year, sum(tot_clms) AS yc, sum(tot_drug_cst) AS ycost FROM f GROUP BY year)
SELECT g.year, generic_name, brand_name, is_generic, prescribers, claims, fills, days, cost,
       cost / nullif(claims, 0), cost / nullif(days, 0), claims / nullif(yc, 0), cost / nullif(ycost, 0),
       row_number() OVER (PARTITION BY g.year ORDER BY claims DESC, generic_name, brand_name),
       row_number() OVER (PARTITION BY g.year ORDER BY round(cost * 100) DESC, generic_name, brand_name)
FROM g JOIN t ON t.year = g.year ORDER BY g.year, generic_name, brand_name""",
    "generic_summary": f"""
WITH g AS (SELECT year, generic_name, count(DISTINCT brand_name) AS brands, count(DISTINCT npi) AS prescribers,
                  sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost, {GC} AS gc
           FROM f GROUP BY year, generic_name)
SELECT year, generic_name, brands, prescribers, claims, cost, gc / nullif(claims, 0),
       row_number() OVER (PARTITION BY year ORDER BY claims DESC, generic_name),
       row_number() OVER (PARTITION BY year ORDER BY round(cost * 100) DESC, generic_name)
FROM g ORDER BY year, generic_name""",
    "state_summary": f"""
WITH s AS (SELECT year, state, count(DISTINCT npi) AS prescribers, sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost,
                  {GC} AS gc FROM f GROUP BY year, state)
SELECT s.year, s.state, st.state_name, prescribers, claims, cost, cost / nullif(claims, 0), claims / nullif(prescribers, 0),
       gc / nullif(claims, 0), st.population, CAST(claims AS DOUBLE) * 1000 / nullif(st.population, 0),
       cost / nullif(st.population, 0)
FROM s LEFT JOIN st ON st.state = s.state ORDER BY s.year, s.state""",
    "specialty_summary": f"""
WITH s AS (SELECT year, prescriber_type, count(DISTINCT npi) AS prescribers, sum(tot_clms) AS claims,
                  sum(tot_drug_cst) AS cost, {GC} AS gc FROM f GROUP BY year, prescriber_type),
     tg AS (SELECT year, prescriber_type, generic_name, sum(tot_clms) AS c FROM f GROUP BY year, prescriber_type, generic_name),
     top AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY year, prescriber_type ORDER BY c DESC, generic_name) AS rn
                            FROM tg) WHERE rn = 1)
SELECT s.year, s.prescriber_type, prescribers, claims, cost, cost / nullif(claims, 0), gc / nullif(claims, 0), top.generic_name
FROM s JOIN top ON top.year = s.year AND top.prescriber_type IS NOT DISTINCT FROM s.prescriber_type
ORDER BY s.year, s.prescriber_type NULLS LAST""",
    "prescriber_summary": f"""
SELECT year, npi, display_name, state, prescriber_type, drugs, claims, cost, cost / nullif(claims, 0), gc / nullif(claims, 0),
       rank_in_state, rank_in_type FROM ranked ORDER BY year, npi""",
    "top_prescribers_by_state": """
SELECT year, state, rank_in_state, npi, display_name, prescriber_type, claims, cost
FROM ranked WHERE rank_in_state <= 5 ORDER BY year, state, rank_in_state""",
    "state_drug": """
WITH sg AS (SELECT year, state, generic_name, sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost, count(DISTINCT npi) AS prescribers
            FROM f GROUP BY year, state, generic_name),
     r AS (SELECT *, row_number() OVER (PARTITION BY year, state ORDER BY claims DESC, generic_name) AS rank FROM sg)
SELECT year, state, rank, generic_name, claims, cost, prescribers FROM r WHERE rank <= 25 ORDER BY year, state, rank""",
    "state_specialty": """
SELECT year, state, prescriber_type, count(DISTINCT npi), sum(tot_clms), sum(tot_drug_cst)
FROM f GROUP BY year, state, prescriber_type ORDER BY year, state, prescriber_type NULLS LAST""",
    "specialty_drug": """
WITH tg AS (SELECT year, prescriber_type, generic_name, sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost,
                   count(DISTINCT npi) AS prescribers FROM f GROUP BY year, prescriber_type, generic_name),
     r AS (SELECT *, row_number() OVER (PARTITION BY year, prescriber_type ORDER BY claims DESC, generic_name) AS rank FROM tg)
SELECT year, prescriber_type, rank, generic_name, claims, cost, prescribers FROM r WHERE rank <= 10
ORDER BY year, prescriber_type NULLS LAST, rank""",
    "drug_trend": """
WITH g AS (SELECT generic_name, year, sum(tot_clms) AS claims, sum(tot_drug_cst) AS cost FROM f GROUP BY generic_name, year),
     yrs AS (SELECT year, lag(year) OVER (ORDER BY year) AS prev FROM (SELECT DISTINCT year FROM f))
SELECT g.generic_name, g.year, g.claims, g.cost, (g.claims - p.claims) / nullif(p.claims, 0), (g.cost - p.cost) / nullif(p.cost, 0)
FROM g JOIN yrs ON yrs.year = g.year LEFT JOIN g AS p ON p.generic_name = g.generic_name AND p.year = yrs.prev
ORDER BY g.generic_name, g.year""",
}
RANKED = f"""
CREATE TEMP TABLE ranked AS
WITH p AS (SELECT year, npi, any_value(state) AS state, any_value(prescriber_type) AS prescriber_type,
                  any_value(display_name) AS display_name, count(DISTINCT drug_id) AS drugs, sum(tot_clms) AS claims,
                  sum(tot_drug_cst) AS cost, {GC} AS gc FROM f GROUP BY year, npi)
SELECT *, row_number() OVER (PARTITION BY year, state ORDER BY claims DESC, display_name, npi) AS rank_in_state,
          row_number() OVER (PARTITION BY year, prescriber_type ORDER BY claims DESC, display_name, npi) AS rank_in_type
FROM p"""


def table_files(lake, zone, table):
    d = os.path.join(lake, zone, table)
    m = json.load(open(os.path.join(d, "_manifest.json")))
    return [os.path.join(d, f["path"]) for f in m["files"]], m


def connect(lake):
    con = duckdb.connect()
    for view, table in [("pd", "prescriber_drug"), ("presc", "prescriber"), ("drug", "drug"), ("st", "state")]:
        files, m = table_files(lake, "cleansed", table)
        hive = "year" in m["partition_columns"]
        opts = ", hive_partitioning = true, hive_types = {'year': INTEGER}" if hive else ""
        con.execute(f"CREATE VIEW {view} AS SELECT * FROM read_parquet({files!r}{opts})")
    con.execute(FACTS)
    con.execute(RANKED)
    return con


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b and type(a) is type(b)


def compare(lake, con, table):
    files, m = table_files(lake, "curated", table)
    assert len(files) <= 1, f"{table}: one part file expected"
    got = [tuple(r.values()) for r in pq.read_table(files[0]).to_pylist()] if files else []
    want = [tuple(r) for r in con.sql(SQL[table]).fetchall()]
    assert len(got) == len(want), f"{table}: {len(got)} rows, DuckDB {len(want)}"
    assert len(got) > 0, f"{table}: the test data must produce rows"
    for i, (g, w) in enumerate(zip(got, want)):
        assert len(g) == len(w), f"{table} row {i}: {len(g)} columns, DuckDB {len(w)}"
        for k, (x, y) in enumerate(zip(g, w)):
            assert close(x, y), f"{table} row {i} column {m['schema'][k]['name']}: rxpipe {x!r}, DuckDB {y!r}\n{g}\n{w}"
    return len(got)


def import_tables(src, lake, row_group_rows):
    rxpipe("lake", "import", f"{src}/prescriber_drug.parquet", "cleansed/prescriber_drug", "--lake", lake,
           "--partition-by", "year", "--row-group-rows", row_group_rows)
    rxpipe("lake", "import", f"{src}/prescriber.parquet", "cleansed/prescriber", "--lake", lake, "--partition-by", "year")
    rxpipe("lake", "import", f"{src}/drug.parquet", "cleansed/drug", "--lake", lake)
    rxpipe("lake", "import", f"{src}/state.parquet", "cleansed/state", "--lake", lake)


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    root = tmp_path_factory.mktemp("transform")
    src, lake = root / "src", str(root / "lake")
    src.mkdir()
    rows = write_tables(str(src), seed=20240605, years=[2019, 2020, 2022], n_prescribers=400, n_generics=60,
                        brands_per_generic=3, drugs_per_prescriber=12, row_group_rows=700)
    assert rows > 10000
    import_tables(str(src), lake, 700)
    out = rxpipe("transform", "-q", env=dict(os.environ, RXPIPE_LAKE_ROOT=lake)).stdout
    assert all(f"curated/{t}\t" in out for t in TABLES), out
    return lake


@pytest.mark.parametrize("table", TABLES)
def test_curated_table_equals_duckdb(lake, table):
    compare(lake, connect(lake), table)


def test_curated_schemas_follow_the_contract(lake):
    types = {"int32": "int32", "int64": "int64", "double": "double", "string": "string", "boolean": "bool",
             "decimal(18,2)": "decimal128(18, 2)"}
    for t in TABLES:
        files, m = table_files(lake, "curated", t)
        schema = pq.read_schema(files[0])
        assert [f["name"] for f in m["schema"]] == schema.names
        assert [types[f["type"]] for f in m["schema"]] == [str(x) for x in schema.types]
        assert m["partition_columns"] == []


def test_rerun_writes_identical_bytes(lake):
    before = {t: table_files(lake, "curated", t)[1]["content_hash"] for t in TABLES}
    rxpipe("transform", "-q", "--lake", lake)
    after = {t: table_files(lake, "curated", t)[1]["content_hash"] for t in TABLES}
    assert before == after


def test_one_worker_gives_the_same_rows(lake, tmp_path):
    import shutil
    copy = str(tmp_path / "lake")
    shutil.copytree(os.path.join(lake, "cleansed"), os.path.join(copy, "cleansed"))
    rxpipe("transform", "-q", "--lake", copy, "--workers", "1")
    con = connect(copy)
    for t in TABLES:
        compare(copy, con, t)


def test_missing_cleansed_table_fails_and_names_it(tmp_path):
    p = rxpipe("transform", "-q", "--lake", str(tmp_path / "empty"), check=False)
    assert p.returncode == 1
    assert "cleansed/prescriber_drug is not committed; run `rxpipe cleanse` first" in p.stderr


def test_orphan_drug_fails_and_commits_nothing(tmp_path):
    src, lake = tmp_path / "src", str(tmp_path / "lake")
    src.mkdir()
    write_tables(str(src), seed=7, years=[2021], n_prescribers=30, n_generics=8, brands_per_generic=2, drugs_per_prescriber=4)
    import pyarrow.compute as pc
    t = pq.read_table(src / "drug.parquet")
    orphan = pq.read_table(src / "prescriber_drug.parquet").column("drug_id")[0].as_py()
    pq.write_table(t.filter(pc.not_equal(t.column("drug_id"), orphan)), src / "drug.parquet")  # its fact rows become orphans
    import_tables(str(src), lake, 1000)
    p = rxpipe("transform", "-q", "--lake", lake, check=False)
    assert p.returncode == 1
    assert f"drug_id {orphan} has no row in cleansed/drug" in p.stderr
    assert not os.path.exists(os.path.join(lake, "curated"))
