"""Exact money end to end: a clean sample through `rxpipe run`; DuckDB and pyarrow read every
money column of every zone as DECIMAL(18,2); curated sums equal DuckDB's exact decimal sums of
the source CSV to the cent; no money cell of a CSV download has more than 2 decimals."""
import csv
import decimal
import glob
import json
import os
import re
import shutil
import subprocess

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

RXPIPE = os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe")
DECIMAL = pa.decimal128(18, 2)
MONEY = {"raw/cms_prescriber_drug": ["Tot_Drug_Cst", "GE65_Tot_Drug_Cst"],
         "cleansed/prescriber_drug": ["tot_drug_cst", "ge65_tot_drug_cst"]}
CURATED = ["kpi_year", "drug_summary", "generic_summary", "state_summary", "specialty_summary", "prescriber_summary",
           "top_prescribers_by_state", "state_drug", "state_specialty", "drug_trend"]
CENTS = re.compile(r"^-?\d+(\.\d{1,2})?$")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("money"))
    src = os.path.join(root, "src")
    subprocess.run([RXPIPE, "sample", "--rows", "6000", "--years", "2022-2023", "--seed", "11", "--compress", "none",
                    "--out", src], check=True, capture_output=True)
    shutil.copytree("templates", os.path.join(root, "templates"))
    env = dict(os.environ, RXPIPE_LAKE_ROOT=os.path.join(root, "lake"), RXPIPE_SITE_DIR=os.path.join(root, "site"),
               RXPIPE_SOURCE_PATH=src, RXPIPE_SOURCE_KIND="csv", RXPIPE_SITE_TEMPLATES=os.path.join(root, "templates"))
    p = subprocess.run([RXPIPE, "run"], capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    return root


def files(root, table):
    d = os.path.join(root, "lake", table)
    return [os.path.join(d, f["path"]) for f in json.load(open(os.path.join(d, "_manifest.json")))["files"]]


def test_every_money_column_reads_as_decimal_in_duckdb_and_pyarrow(built):
    con = duckdb.connect()
    tables = dict(MONEY, **{f"curated/{t}": ["drug_cost"] for t in CURATED})
    for table, columns in tables.items():
        paths = files(built, table)
        assert paths, table
        for path in paths:
            schema = pq.read_schema(path)
            types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()}
            for c in columns:
                assert schema.field(c).type == DECIMAL, f"{table} {c}: pyarrow {schema.field(c).type}"
                assert types[c] == "DECIMAL(18,2)", f"{table} {c}: DuckDB {types[c]}"


def test_curated_sums_equal_the_exact_decimal_sums_of_the_source(built):
    quality = json.load(open(os.path.join(built, "lake", "cleansed", "quality.json")))
    for t in quality["tables"]:
        # A clean sample: every source row reaches the curated sums.
        assert t["quarantined"] == 0 and t["duplicates_dropped"] == 0, t
    con = duckdb.connect()
    source = {}
    for path in glob.glob(os.path.join(built, "src", "*.csv")):
        year = 2000 + int(re.search(r"_DY(\d\d)_", os.path.basename(path)).group(1))
        total = con.execute(f"SELECT sum(Tot_Drug_Cst) FROM read_csv('{path}', header = true, "
                            "types = {'Tot_Drug_Cst': 'DECIMAL(18,2)'})").fetchone()[0]
        source[year] = total
    assert len(source) == 2 and all(isinstance(v, decimal.Decimal) for v in source.values())
    kpi = {r["year"]: r["drug_cost"] for r in pq.read_table(files(built, "curated/kpi_year")).to_pylist()}
    assert kpi == source
    for table in ["drug_summary", "generic_summary", "state_summary", "specialty_summary", "prescriber_summary",
                  "state_specialty", "drug_trend"]:
        sums = dict(con.execute(f"SELECT year, sum(drug_cost) FROM read_parquet({files(built, 'curated/' + table)!r}) "
                                "GROUP BY year").fetchall())
        assert sums == source, table


def test_no_download_money_cell_has_more_than_two_decimals(built):
    downloads = glob.glob(os.path.join(built, "site", "**", "*.csv"), recursive=True)
    assert downloads
    checked = 0
    for path in downloads:
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
        header = rows[0]
        money = [i for i, c in enumerate(header) if c == "drug_cost" or c.startswith("cost_per_")]
        for row in rows[1:]:
            for i in money:
                if row[i]:
                    assert CENTS.match(row[i]), f"{os.path.basename(path)} {header[i]}: {row[i]}"
                    checked += 1
    assert checked > 100
