"""Parity: the Spark job (spark/rxpipe_job.py, spark-submit in local mode) against rxpipe's own
cleanse and transform over the same raw zone.

The shipped sample generator writes three years with faults mixed in (every fault kind), and
tests/oracles/cleanse_faults.py adds files that break every other cleanse rule (unknown and
missing states, a missing brand, an unknown flag, a wrong FIPS, 65+ figures above the totals,
a stray quote, an extra column, a year before min_year, a Windows-1252 file, an invalid byte).
rxpipe ingests them; rxpipe cleanses and transforms, and the Spark job cleanses and transforms a
copy of the same raw zone. Every cleansed table, every quarantine row (rule, message, source,
line and the original values) and cleansed/quality.json (counts per rule, examples and the
reconciliation, byte for byte) must be equal, and every curated table row by row and in order:
integers, decimals, strings and booleans exactly, doubles to 1e-9 relative (sums of doubles
depend on the order of addition). A divergence names the table, the row's key and the column.
rxpipe then renders and audits the site from the lake Spark wrote."""
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import cleanse_faults
import four_table_source
from conftest import BIN, built_once

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "spark"))
from rxpipe_spark import curated  # noqa: E402


SPARK_SUBMIT = os.path.join(os.path.dirname(sys.executable), "spark-submit")
KEY = "parity-test-pseudonym-key-0123456789"


def rxpipe(env, *args):
    p = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, env=env)
    assert p.returncode == 0, f"rxpipe {' '.join(map(str, args))} failed ({p.returncode}): {p.stderr}"
    return p


def spark_job(*args, jars=(), env=None, script=False):
    """spark-submit of the job (or, with `script`, of the script that is the first argument)."""
    program = [] if script else [os.path.join(REPO, "spark", "rxpipe_job.py")]
    p = subprocess.run([SPARK_SUBMIT, "--master", "local[2]", "--conf", "spark.sql.shuffle.partitions=4",
                        "--conf", "spark.ui.enabled=false", "--driver-memory", "1g", *(["--jars", ",".join(jars)] if jars else []),
                        *program, *map(str, args)],
                       capture_output=True, text=True, env=dict(
                           env or os.environ, PYSPARK_PYTHON=sys.executable, RXPIPE_PSEUDONYM_KEY=KEY,
                           # spark-submit finds its Spark through the `python` on PATH.
                           PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")))
    return p


def pipelines(root, rows, *, pseudonymize=False, transform=True, spark_ingest=True):
    """rxpipe's lake and Spark's from the same CMS files, each engine running every stage
    (ingested with min_year 2012, cleansed with the default 2013); without `spark_ingest` Spark
    starts from a copy of rxpipe's raw zone."""
    src, ours, theirs = root / "src", root / "rxpipe", root / "spark"
    env = dict(os.environ, RXPIPE_LAKE_ROOT=str(ours), RXPIPE_SITE_DIR=str(root / "site"), RXPIPE_SOURCE_PATH=str(src),
               RXPIPE_SOURCE_KIND="csv", RXPIPE_PSEUDONYM_KEY=KEY, RXPIPE_PRIVACY_PSEUDONYMIZE=str(pseudonymize).lower())
    rxpipe(env, "sample", "--rows", rows, "--years", "2021-2023", "--faults", "30", "--seed", "11", "--out", src, "-q")
    cleanse_faults.write(src)
    rxpipe(dict(env, RXPIPE_SOURCE_MIN_YEAR="2012"), "ingest", "-q")
    rxpipe(env, "cleanse", "-q")
    if transform:
        rxpipe(env, "transform", "-q")
    if spark_ingest:
        p = spark_job("ingest", "--source", src, "--lake", theirs, "--years", "2012-2030")
        assert p.returncode == 0, (p.stdout + p.stderr)[-4000:]
        out = p.stdout
    else:
        shutil.copytree(ours / "raw", theirs / "raw", ignore=shutil.ignore_patterns("_lock"))
        out = ""
    p = spark_job("cleanse", "--lake", theirs, *(["--pseudonymize"] if pseudonymize else []))
    assert p.returncode == 0, (p.stdout + p.stderr)[-4000:]
    out += p.stdout
    if transform:
        p = spark_job("transform", "--lake", theirs)
        assert p.returncode == 0, (p.stdout + p.stderr)[-4000:]
        out += p.stdout
    return ours, theirs, env, out


@pytest.fixture(scope="module")
def lakes(tmp_path_factory):
    def build(folder):
        ours, theirs, env, out = pipelines(folder, 20000)
        return [str(ours), str(theirs), env, out]
    ours, theirs, env, out = built_once(tmp_path_factory, "spark-parity", build)
    ours, theirs = Path(ours), Path(theirs)
    quality = json.loads((ours / "cleansed" / "quality.json").read_text())
    assert all(r["count"] > 0 for r in quality["rules"] if r["id"] not in ("load_rejected", "orphan")), \
        [r["id"] for r in quality["rules"] if r["count"] == 0]
    return ours, theirs, env, out


def manifest(lake, table, zone="curated"):
    return json.loads((lake / zone / table / "_manifest.json").read_text())


def partition_key(f):
    value = f["partition"].get("year")
    return (value is None, int(value) if value is not None else 0)


def rows(lake, table, zone="curated"):
    """The rows of a committed table, partitions in year order, the partition value filled in."""
    out = []
    for f in sorted(manifest(lake, table, zone)["files"], key=partition_key):
        for r in pq.read_table(lake / zone / table / f["path"]).to_pylist():
            out.append({**r, **{k: int(v) for k, v in f["partition"].items() if v is not None}})
    return out


def assert_same_table(ours, theirs, zone, table):
    mine, spark = manifest(ours, table, zone), manifest(theirs, table, zone)
    assert spark["schema"] == mine["schema"], f"{zone}/{table}: schema differs"
    assert spark["partition_columns"] == mine["partition_columns"], f"{zone}/{table}: partitions differ"
    assert spark.get("properties") == mine.get("properties"), f"{zone}/{table}: properties (reconciliation) differ"
    assert spark["row_count"] == mine["row_count"], f"{zone}/{table}: Spark {spark['row_count']} rows, rxpipe {mine['row_count']}"
    for i, (w, g) in enumerate(zip(rows(ours, table, zone), rows(theirs, table, zone))):
        for column in w:
            assert w[column] == g.get(column), f"{zone}/{table} row {i} column {column}: rxpipe {w[column]!r}, Spark {g.get(column)!r}"


CLEANSED = ["prescriber_drug", "prescriber", "drug", "state"]


def test_raw_zone_equals_rxpipes(lakes):
    """Every raw row typed alike, `_rescued` JSON byte for byte (ragged rows, text in numbers,
    stray quotes, invalid UTF-8 with its file offset, Windows-1252), `_source`/`_line`, extra
    columns, and each file's line account in the manifest."""
    ours, theirs, _, _ = lakes
    assert_same_table(ours, theirs, "raw", "cms_prescriber_drug")
    accounts = json.loads(manifest(theirs, "cms_prescriber_drug", "raw")["properties"]["rxpipe.ingest.files"])
    assert {a["encoding"] for a in accounts} == {"utf-8", "windows-1252", "mixed"}
    assert any(a["source"].endswith(".csv.gz") for a in accounts)


def test_a_file_without_the_cms_columns_commits_nothing(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv").write_text("Prscrbr_NPI,Brnd_Name\n1003000126,Lipitor\n")
    p = spark_job("ingest", "--source", src, "--lake", tmp_path / "lake")
    assert p.returncode == 1, p.stderr[-2000:]
    message = [line for line in (p.stdout + p.stderr).splitlines() if line.startswith("rxpipe_job:")]
    assert len(message) == 1 and "MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv: the header lacks Prscrbr_Last_Org_Name" in message[0], message
    assert not (tmp_path / "lake" / "raw").exists()


def test_an_incomplete_four_table_folder_commits_nothing(tmp_path):
    """Three of the four table files: exit 1 with rxpipe's reason (a header without its columns
    is the CMS test's case above)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "prescriber.csv").write_text("npi,last_org_name,first_name,city,state_abbr,state_fips,prescriber_type,type_source\n")
    (src / "drug.csv").write_text("drug_id,brand_name,generic_name\n1,Lipitor,Atorvastatin Calcium\n")
    (src / "state.csv").write_text("state_abbr,state_fips,state_name,region,division,population\nTX,48,Texas,South,West South Central,1\n")
    p = spark_job("ingest", "--source", src, "--lake", tmp_path / "lake")
    message = [line for line in (p.stdout + p.stderr).splitlines() if line.startswith("rxpipe_job:")]
    assert p.returncode == 1 and message == [
        f"rxpipe_job: {src}: the four-table layout needs a file per table; missing prescriber_drug.csv "
        "(.csv, .csv.zst or .csv.gz; table names come from [source])"], (p.stdout + p.stderr)[-3000:]
    assert not (tmp_path / "lake" / "raw").exists()


@pytest.mark.parametrize("table", CLEANSED)
def test_every_cleansed_table_equals_rxpipes(lakes, table):
    ours, theirs, _, _ = lakes
    assert_same_table(ours, theirs, "cleansed", table)


def test_quarantine_rows_rules_and_messages_equal_rxpipes(lakes):
    ours, theirs, _, _ = lakes
    assert_same_table(ours, theirs, "quarantine", "cms_prescriber_drug")


def test_quality_report_is_byte_identical(lakes):
    """Counts per rule, the first five examples of each and the reconciliation (raw = cleansed
    + quarantined + duplicates, and the source files' lines)."""
    ours, theirs, _, _ = lakes
    mine = json.loads((ours / "cleansed" / "quality.json").read_text())
    spark = json.loads((theirs / "cleansed" / "quality.json").read_text())
    assert spark["tables"] == mine["tables"]
    assert {r["id"]: r["count"] for r in spark["rules"]} == {r["id"]: r["count"] for r in mine["rules"]}
    for a, b in zip(mine["rules"], spark["rules"]):
        assert a == b, f"rule {a['id']} differs"
    assert (theirs / "cleansed" / "quality.json").read_bytes() == (ours / "cleansed" / "quality.json").read_bytes()


def test_pseudonyms_and_redaction_equal_rxpipes(tmp_path):
    """[privacy] pseudonymize: the same HMAC pseudonyms, names dropped, quarantine and examples
    redacted the same way (from the same raw zone: ingest does not depend on it)."""
    ours, theirs, _, _ = pipelines(tmp_path, 300, pseudonymize=True, transform=False, spark_ingest=False)
    for table in CLEANSED:
        assert_same_table(ours, theirs, "cleansed", table)
    assert_same_table(ours, theirs, "quarantine", "cms_prescriber_drug")
    assert (theirs / "cleansed" / "quality.json").read_bytes() == (ours / "cleansed" / "quality.json").read_bytes()
    npis = {r["npi"] for r in rows(theirs, "prescriber", "cleansed")}
    assert npis and min(npis) >= 2 ** 61


def equal(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return type(a) is type(b) and a == b


TABLES = sorted([*curated.TABLES, "prescriber_outliers"])


@pytest.mark.parametrize("table", TABLES)
def test_every_curated_table_equals_rxpipes(lakes, table):
    ours, theirs, _, _ = lakes
    mine, spark = manifest(ours, table), manifest(theirs, table)
    assert spark["schema"] == mine["schema"], f"{table}: schema differs"
    assert spark["partition_columns"] == mine["partition_columns"] == []
    assert spark["row_count"] == mine["row_count"], f"{table}: Spark {spark['row_count']} rows, rxpipe {mine['row_count']}"
    want, got = rows(ours, table), rows(theirs, table)
    assert len(want) > 0 or table == "prescriber_outliers", f"{table}: the sample must produce rows"
    keys = curated.outliers(250, 20, 4.0)[2] if table == "prescriber_outliers" else curated.TABLES[table][2]
    for i, (w, g) in enumerate(zip(want, got)):
        key = {k: w[k] for k in keys}
        for column in w:
            assert equal(w[column], g[column]), f"{table} row {i} {key} column {column}: rxpipe {w[column]!r}, Spark {g[column]!r}"


def test_the_manifests_are_rxpipes_own(lakes):
    """Spark's commit records carry what rxpipe's do: the file hashes, sizes and rows, and the
    content hash computed the same way, so `rxpipe lake`, render and the run history use them."""
    _, theirs, _, out = lakes
    import hashlib
    from rxpipe_spark.lake import content_hash
    for table in TABLES:
        m = manifest(theirs, table)
        assert m["format"] == "rxpipe-lake-manifest" and m["zone"] == "curated" and m["table"] == table
        for f in m["files"]:
            data = (theirs / "curated" / table / f["path"]).read_bytes()
            assert f["sha256"] == hashlib.sha256(data).hexdigest() and f["bytes"] == len(data)
            assert pq.ParquetFile(theirs / "curated" / table / f["path"]).metadata.row_group(0).column(0).compression == "ZSTD"
        assert m["content_hash"] == content_hash(m["files"])
        assert not any(p.name.startswith("_spark-staging") for p in (theirs / "curated" / table).iterdir())
        assert f"curated/{table}\tversion 1\t{m['row_count']} rows" in out
    assert "cleansed/prescriber_drug\tversion 1" in out


def test_rxpipe_renders_and_audits_the_lake_spark_wrote(lakes, tmp_path):
    _, theirs, env, _ = lakes
    env = dict(env, RXPIPE_LAKE_ROOT=str(theirs))
    listing = rxpipe(env, "lake", "ls").stdout
    assert all(f"curated/{t}\tv1" in listing for t in TABLES), listing
    out = rxpipe(env, "render", "--out", tmp_path / "site").stdout
    assert "pages" in out
    assert "0 findings" in rxpipe(env, "audit", tmp_path / "site").stderr


def test_a_broken_cleansed_zone_commits_nothing(lakes, tmp_path):
    _, theirs, _, _ = lakes
    broken = tmp_path / "lake"
    for table in ("prescriber_drug", "prescriber"):
        shutil.copytree(theirs / "cleansed" / table, broken / "cleansed" / table)
    p = spark_job("transform", "--lake", broken)
    assert p.returncode == 1, p.stderr[-2000:]
    # spark-submit hands the Python driver's stderr to its stdout.
    message = [line for line in (p.stdout + p.stderr).splitlines() if line.startswith("rxpipe_job:")]
    assert message == [f"rxpipe_job: {broken}/cleansed/drug is not committed; run `rxpipe cleanse` first"], message
    assert not (broken / "curated").exists()


def test_a_lake_without_raw_tables_commits_nothing(tmp_path):
    p = spark_job("cleanse", "--lake", tmp_path / "lake")
    assert p.returncode == 1, p.stderr[-2000:]
    message = [line for line in (p.stdout + p.stderr).splitlines() if line.startswith("rxpipe_job:")]
    assert message == [f"rxpipe_job: {tmp_path / 'lake'}: no raw table is committed; run `rxpipe ingest` first"], message
    assert not (tmp_path / "lake" / "cleansed").exists()


@pytest.fixture(scope="module")
def four_table_lakes(tmp_path_factory):
    """The four-table CSV layout (tests/oracles/four_table_source.py), faults in every table."""
    def build(folder):
        src, ours, theirs = folder / "src", folder / "rxpipe", folder / "spark"
        env = dict(os.environ, RXPIPE_LAKE_ROOT=str(ours), RXPIPE_SOURCE_PATH=str(src), RXPIPE_SOURCE_KIND="csv",
                   RXPIPE_PRIVACY_PSEUDONYMIZE="true", RXPIPE_PSEUDONYM_KEY=KEY)
        rxpipe(env, "sample", "--rows", "2000", "--years", "2021-2022", "--faults", "10", "--seed", "5", "--out", folder / "cms", "-q")
        four_table_source.write(folder / "cms", src)
        rxpipe(env, "ingest", "-q")
        rxpipe(env, "cleanse", "-q")
        p = spark_job("ingest", "--source", src, "--lake", theirs)
        assert p.returncode == 0, (p.stdout + p.stderr)[-4000:]
        p = spark_job("cleanse", "--lake", theirs, "--pseudonymize")
        assert p.returncode == 0, (p.stdout + p.stderr)[-4000:]
        return [str(ours), str(theirs)]
    return [Path(p) for p in built_once(tmp_path_factory, "spark-four-table", build)]


FOUR_TABLE_QUARANTINES = ["prescriber_drug", "prescriber", "drug", "state"]


@pytest.mark.parametrize("zone,table", [("raw", t) for t in CLEANSED] + [("cleansed", t) for t in CLEANSED]
                         + [("quarantine", t) for t in FOUR_TABLE_QUARANTINES])
def test_four_table_layout_equals_rxpipes(four_table_lakes, zone, table):
    """Each engine ingests the four files (line accounts, an extra column, a year that is not a
    number, a gzipped and a zstd file) and cleanses them: dimensions validated first (duplicates, conflicts,
    unknown states, wrong FIPS, bad keys), orphans on both sides, pseudonymised."""
    ours, theirs = four_table_lakes
    assert_same_table(ours, theirs, zone, table)


def test_four_table_quality_report_is_byte_identical(four_table_lakes):
    ours, theirs = four_table_lakes
    quality = json.loads((ours / "cleansed" / "quality.json").read_text())
    assert quality["layout"] == "four_table" and [t["source"] for t in quality["tables"]] == [
        "raw/prescriber_drug", "raw/state", "raw/drug", "raw/prescriber"]
    fired = {r["id"] for r in quality["rules"] if r["count"] > 0}
    assert {"orphan", "conflicting_key", "duplicate_row", "state_known", "state_fips", "npi_format", "rescued", "required"} <= fired
    assert (theirs / "cleansed" / "quality.json").read_bytes() == (ours / "cleansed" / "quality.json").read_bytes()
