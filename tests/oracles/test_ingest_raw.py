"""Oracle: `rxpipe ingest` of CMS wide files, checked against DuckDB reading the same CSV.

Every value in raw/cms_prescriber_drug must equal what DuckDB parses from the source file
(as text, so DuckDB's own type guessing does not interfere), rows must keep their file line,
and rows whose fields do not parse must carry the original text in _rescued.
"""
import decimal
import json
import os
import subprocess
import tempfile

import duckdb
import pyarrow.parquet as pq
import pytest

RXPIPE = os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe")
INT_COLUMNS = ["Prscrbr_NPI", "Tot_Clms", "Tot_Day_Suply", "Tot_Benes", "GE65_Tot_Clms", "GE65_Tot_Day_Suply", "GE65_Tot_Benes"]
DOUBLE_COLUMNS = ["Tot_30day_Fills", "GE65_Tot_30day_Fills"]
# Money is DECIMAL(18,2): exact when the text has at most 2 decimals, rescued otherwise.
MONEY_COLUMNS = ["Tot_Drug_Cst", "GE65_Tot_Drug_Cst"]
STRING_COLUMNS = ["Prscrbr_Last_Org_Name", "Prscrbr_First_Name", "Prscrbr_City", "Prscrbr_State_Abrvtn", "Prscrbr_State_FIPS",
                  "Prscrbr_Type", "Prscrbr_Type_Src", "Brnd_Name", "Gnrc_Name", "GE65_Sprsn_Flag", "GE65_Bene_Sprsn_Flag"]


def run(*args, env=None):
    merged = dict(os.environ, **(env or {}))
    return subprocess.run([RXPIPE, *args], capture_output=True, text=True, env=merged)


@pytest.fixture(scope="module")
def lake():
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        result = run("sample", "--rows", "20000", "--years", "2021-2022", "--seed", "5", "--faults", "40", "--out", src, "-q")
        assert result.returncode == 0, result.stderr
        root = os.path.join(tmp, "lake")
        result = run("ingest", "--source", src, "-q", env={"RXPIPE_LAKE_ROOT": root})
        assert result.returncode == 0, result.stderr
        yield src, root


def source_rows(src):
    """The CSV rows as DuckDB reads them (all text), with their file line."""
    con = duckdb.connect()
    rows = []
    for name in sorted(os.listdir(src)):
        path = os.path.join(src, name)
        year = 2000 + int(name.split("_DY")[1][:2])
        # Line numbers: the header is line 1 and no sample field holds a newline.
        table = con.sql(f"""select *, row_number() over () + 1 as line from read_csv('{path}', all_varchar=true,
                            null_padding=true, header=true, strict_mode=false)""").fetchall()
        cols = [d[0] for d in con.sql(f"select * from read_csv('{path}', all_varchar=true, null_padding=true, header=true, strict_mode=false) limit 0").description]
        for row in table:
            record = dict(zip(cols + ["line"], row))
            record["year"] = year
            record["file"] = name
            rows.append(record)
    return rows


def raw_rows(root):
    table = pq.read_table(os.path.join(root, "raw", "cms_prescriber_drug"))
    return table.to_pylist()


def money(text):
    """The exact amount of a plain decimal text with at most 2 decimals, else ValueError."""
    if not text.replace(".", "", 1).lstrip("+-").isdigit():
        raise ValueError(text)
    value = decimal.Decimal(text)
    if value != value.quantize(decimal.Decimal("0.01")) or abs(value) >= decimal.Decimal(10) ** 16:
        raise ValueError(text)
    return value.quantize(decimal.Decimal("0.01"))


def test_every_row_is_kept_with_its_line(lake):
    src, root = lake
    raw = raw_rows(root)
    expected = source_rows(src)
    assert len(raw) == len(expected) == 2 * 20040
    assert sorted((r["_source"], r["_line"]) for r in raw) == sorted((e["file"], e["line"]) for e in expected)


def test_values_equal_duckdb_parse_of_the_same_file(lake):
    src, root = lake
    raw = {(r["_source"], r["_line"]): r for r in raw_rows(root)}
    checked = 0
    for e in source_rows(src):
        r = raw[(e["file"], e["line"])]
        assert r["year"] == e["year"]
        rescued = json.loads(r["_rescued"]) if r["_rescued"] else {}
        for col in STRING_COLUMNS:
            assert r[col] == e[col], (col, e["line"])
        for col in INT_COLUMNS + DOUBLE_COLUMNS + MONEY_COLUMNS:
            text = e[col]
            if text is None:
                assert r[col] is None
                continue
            try:
                value = int(text) if col in INT_COLUMNS else float(text) if col in DOUBLE_COLUMNS else money(text)
            except (ValueError, decimal.InvalidOperation):
                assert r[col] is None and rescued[col] == text, (col, text)
                continue
            assert r[col] == value, (col, text, r[col])
        checked += 1
    assert checked > 0


def test_rescued_rows_explain_themselves(lake):
    _, root = lake
    rescued = [r for r in raw_rows(root) if r["_rescued"]]
    kinds = set()
    for r in rescued:
        note = json.loads(r["_rescued"])
        if "Tot_Clms" in note:
            assert note["Tot_Clms"] == "1O5" and r["Tot_Clms"] is None
            kinds.add("non_numeric")
        if "_fields" in note:
            assert note["_fields"] == 18 and note["_expected_fields"] == 22
            assert r["GE65_Tot_Benes"] is None
            kinds.add("ragged")
    assert kinds == {"non_numeric", "ragged"}


def test_parquet_is_readable_by_duckdb_with_hive_partitions(lake):
    _, root = lake
    con = duckdb.connect()
    got = con.sql(f"""select year, count(*), sum(Tot_Clms) from read_parquet('{root}/raw/cms_prescriber_drug/*/*.parquet',
                      hive_partitioning=true) group by year order by year""").fetchall()
    assert [g[0] for g in got] == [2021, 2022]
    assert all(g[1] == 20040 for g in got)


def test_failed_ingest_keeps_the_previous_table(lake):
    src, root = lake
    manifest = os.path.join(root, "raw", "cms_prescriber_drug", "_manifest.json")
    before = open(manifest).read()
    with tempfile.TemporaryDirectory() as bad:
        with open(os.path.join(bad, "MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv"), "w") as f:
            f.write("Prscrbr_NPI,Tot_Clms\n1234567893,12\n")
        result = run("ingest", "--source", bad, env={"RXPIPE_LAKE_ROOT": root})
    assert result.returncode == 1
    assert "missing required columns" in result.stderr and "Prscrbr_Last_Org_Name" in result.stderr
    assert open(manifest).read() == before
