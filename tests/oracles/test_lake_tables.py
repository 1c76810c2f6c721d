"""Lake tables through the CLI: Hive partitions, the manifest, commits that replace a
version, leftover cleanup, and the lake ls/schema/head/export commands."""
import csv
import hashlib
import io
import json
import os

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from conftest import rxpipe


def make_source(tmp, name="src.parquet"):
    t = pa.table({
        "year": pa.array([2021, 2022, 2022, 2023, 2021, 2022], pa.int64()),
        "state": ["CA", "TX", None, "CA", "NY", "TX"],
        "drug": ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tTab", "plain, with comma"],
        "cost": [1.5, float("nan"), None, -0.0, 1e-310, 2.0],
    })
    path = tmp / name
    pq.write_table(t, path)
    return t, path


def test_import_partitions_and_manifest(tmp):
    t, src = make_source(tmp)
    lake = tmp / "lake"
    rxpipe("lake", "import", src, "raw/drug", "--lake", lake, "--partition-by", "year,state", "--fingerprint", "abc")
    table = lake / "raw" / "drug"
    m = json.loads((table / "_manifest.json").read_text())
    assert m["row_count"] == 6 and m["version"] == 1 and m["partition_columns"] == ["year", "state"]
    assert m["input_fingerprint"] == "abc" and m["rxpipe_version"] == rxpipe("--version").stdout.strip()
    assert [f["name"] for f in m["schema"]] == ["year", "state", "drug", "cost"]
    paths = sorted(f["path"] for f in m["files"])
    assert "year=2022/state=__HIVE_DEFAULT_PARTITION__/part-v000001-00002.parquet" in paths
    for f in m["files"]:
        data = (table / f["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["bytes"]
    assert not (table / "_staging").exists()
    # DuckDB reads the Hive layout with the same rows.
    con = duckdb.connect()
    got = con.sql(f"SELECT year, state, drug FROM read_parquet('{table}/**/*.parquet', hive_partitioning=true) ORDER BY drug").fetchall()
    want = sorted(zip(t["year"].to_pylist(), t["state"].to_pylist(), t["drug"].to_pylist()), key=lambda r: r[2])
    assert [(int(y), None if s in (None, "NULL", "__HIVE_DEFAULT_PARTITION__") else s, d) for y, s, d in got] == want


def test_ls_schema_head_export(tmp):
    t, src = make_source(tmp)
    lake = tmp / "lake"
    rxpipe("lake", "import", src, "curated/drug", "--lake", lake)
    assert "curated/drug\tv1\t6 rows\t1 files" in rxpipe("lake", "ls", "--lake", lake).stdout
    assert rxpipe("lake", "ls", "raw", "--lake", lake).stdout == ""
    schema = rxpipe("lake", "schema", "curated/drug", "--lake", lake).stdout
    assert "year\tint64\tnullable" in schema and "cost\tdouble\tnullable" in schema
    head = [json.loads(l) for l in rxpipe("lake", "head", "curated/drug", "-n", "2", "--lake", lake).stdout.splitlines()]
    assert head == [{"year": 2021, "state": "CA", "drug": "=HYPERLINK(\"x\")", "cost": 1.5},
                    {"year": 2022, "state": "TX", "drug": "+1", "cost": "NaN"}]
    out = tmp / "drug.csv"
    rxpipe("lake", "export", "curated/drug", "--format", "csv", "--out", out, "--lake", lake)
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == ["year", "state", "drug", "cost"]
    assert [r[2] for r in rows[1:]] == ["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "'\tTab", "plain, with comma"]
    assert rows[2][3] == "NaN" and rows[3][1] == "" and rows[4][3] == "-0.0"
    help_text = rxpipe("lake", "export", "--help").stdout
    assert "formula injection" in help_text and "Examples:" in help_text
    jsonl = rxpipe("lake", "export", "curated/drug", "--format", "jsonl", "--lake", lake).stdout.splitlines()
    assert json.loads(jsonl[4])["cost"] == 1e-310


def test_new_version_replaces_old_files_and_cleans_leftovers(tmp):
    t, src = make_source(tmp)
    lake = tmp / "lake"
    rxpipe("lake", "import", src, "raw/drug", "--lake", lake, "--partition-by", "year")
    table = lake / "raw" / "drug"
    # Leftovers of a crashed writer: staging files, a temporary manifest, an unlisted part file.
    (table / "_staging" / "v000002" / "year=2021").mkdir(parents=True)
    (table / "_staging" / "v000002" / "year=2021" / "part-v000002-00000.parquet").write_bytes(b"junk")
    (table / "_manifest.json.tmp-v000002").write_text("{")
    (table / "year=2099").mkdir()
    (table / "year=2099" / "part-v000002-00007.parquet").write_bytes(b"junk")
    # Readers still see only v1.
    assert len(rxpipe("lake", "export", "raw/drug", "--format", "jsonl", "--lake", lake).stdout.splitlines()) == 6
    t2 = pa.table({"year": pa.array([2030], pa.int64()), "state": ["ZZ"], "drug": ["new"], "cost": [1.0]})
    pq.write_table(t2, tmp / "v2.parquet")
    rxpipe("lake", "import", tmp / "v2.parquet", "raw/drug", "--lake", lake, "--partition-by", "year")
    m = json.loads((table / "_manifest.json").read_text())
    assert m["version"] == 2 and [f["path"] for f in m["files"]] == ["year=2030/part-v000002-00000.parquet"]
    files = sorted(str(p.relative_to(table)) for p in table.rglob("*") if p.is_file())
    assert files == ["_lock", "_manifest.json", "year=2030/part-v000002-00000.parquet"]


def test_same_input_same_bytes(tmp):
    t, src = make_source(tmp)
    for lake in ["a", "b"]:
        rxpipe("lake", "import", src, "raw/drug", "--lake", tmp / lake, "--partition-by", "year")
    ma = (tmp / "a/raw/drug/_manifest.json").read_bytes()
    mb = (tmp / "b/raw/drug/_manifest.json").read_bytes()
    assert ma == mb


def test_bad_names_and_missing_tables(tmp):
    _, src = make_source(tmp)
    p = rxpipe("lake", "import", src, "nowhere/drug", "--lake", tmp, check=False)
    assert p.returncode != 0 and "unknown zone nowhere" in p.stderr
    p = rxpipe("lake", "import", src, "raw/../x", "--lake", tmp, check=False)
    assert p.returncode != 0 and "expected <zone>/<table>" in p.stderr
    p = rxpipe("lake", "head", "raw/none", "--lake", tmp, check=False)
    assert p.returncode != 0 and "no committed table here" in p.stderr


def test_import_adopts_a_hive_dataset_as_spark_writes_it(tmp):
    """A folder in Spark's layout (snappy part files under year=/state= folders, _SUCCESS,
    _committed_ and .crc files beside them, a null partition) is adopted by `lake import`: the
    partition values come back as columns (year as int32), the bookkeeping is skipped, and the
    rows equal DuckDB's reading of the same folder."""
    t, _ = make_source(tmp)
    spark = tmp / "spark-out"
    pq.write_to_dataset(t, spark, partition_cols=["year", "state"], compression="snappy")
    (spark / "_SUCCESS").write_bytes(b"")
    (spark / "_committed_4215").write_text('{"added": []}')
    some_dir = next(p for p in spark.rglob("*.parquet")).parent
    (some_dir / ".part-00000.snappy.parquet.crc").write_bytes(b"\x00crc")
    assert any("__HIVE_DEFAULT_PARTITION__" in str(p) for p in spark.rglob("*.parquet"))
    lake = tmp / "lake"
    out = rxpipe("lake", "import", spark, "raw/spark_drug", "--lake", lake, "--partition-by", "year").stdout
    assert "6 rows" in out, out
    m = json.loads((lake / "raw" / "spark_drug" / "_manifest.json").read_text())
    assert [(f["name"], f["type"]) for f in m["schema"]][-2:] == [("year", "int32"), ("state", "string")], m["schema"]
    rows = [json.loads(line) for line in rxpipe("lake", "export", "raw/spark_drug", "--lake", lake, "--format", "jsonl").stdout.splitlines()]
    got = sorted(((r["year"], r["state"], r["drug"]) for r in rows), key=lambda r: r[2])
    con = duckdb.connect()
    want = con.sql(f"SELECT year, state, drug FROM read_parquet('{spark}/**/*.parquet', hive_partitioning=true) ORDER BY drug").fetchall()
    assert got == [(int(y), None if s in (None, "__HIVE_DEFAULT_PARTITION__") else s, d) for y, s, d in want]
    # The same folder into another lake gives the same bytes (the listing is sorted).
    rxpipe("lake", "import", spark, "raw/spark_drug", "--lake", tmp / "lake2", "--partition-by", "year")
    first = {f["path"]: f["sha256"] for f in m["files"]}
    again = {f["path"]: f["sha256"] for f in json.loads((tmp / "lake2" / "raw" / "spark_drug" / "_manifest.json").read_text())["files"]}
    assert first == again


def test_import_names_what_is_wrong_with_a_dataset_folder(tmp):
    empty = tmp / "empty"
    empty.mkdir()
    (empty / "_SUCCESS").write_bytes(b"")
    p = rxpipe("lake", "import", empty, "raw/x", "--lake", tmp / "lake", check=False)
    assert p.returncode == 1 and "holds no Parquet data files" in p.stderr and str(empty) in p.stderr, p.stderr
    t, _ = make_source(tmp)
    year_inside = tmp / "year-inside"
    (year_inside / "year=2022").mkdir(parents=True)
    pq.write_table(t, year_inside / "year=2022" / "part-0.parquet")
    p = rxpipe("lake", "import", year_inside, "raw/x", "--lake", tmp / "lake", check=False)
    assert p.returncode == 1 and "has a column year" in p.stderr, p.stderr
    stray = tmp / "stray"
    (stray / "notapartition").mkdir(parents=True)
    pq.write_table(t, stray / "notapartition" / "part-0.parquet")
    p = rxpipe("lake", "import", stray, "raw/x", "--lake", tmp / "lake", check=False)
    assert p.returncode == 1 and "notapartition" in p.stderr and "column=value" in p.stderr, p.stderr
    assert not (tmp / "lake" / "raw" / "x" / "_manifest.json").exists()
