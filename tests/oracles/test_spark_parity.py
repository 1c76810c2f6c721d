"""Parity: the Spark job (spark/rxpipe_job.py, spark-submit in local mode) against rxpipe's own
transform over the same cleansed zone.

The shipped sample generator writes three years with faults mixed in (every fault kind), rxpipe
ingests and cleanses them and transforms; the Spark job transforms a copy of the same raw and
cleansed zones. Every curated table must be equal row by row and in order: integers, decimals,
strings and booleans exactly, doubles to 1e-9 relative (sums of doubles depend on the order of
addition). A divergence names the table, the row's key and the column. rxpipe then renders and
audits the site from the lake Spark wrote."""
import json
import math
import os
import shutil
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from conftest import BIN

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "spark"))
from rxpipe_spark import curated  # noqa: E402

# One worker runs the whole module: its fixture (the two pipelines) is built once.
pytestmark = pytest.mark.xdist_group("spark_parity")

SPARK_SUBMIT = os.path.join(os.path.dirname(sys.executable), "spark-submit")


def rxpipe(env, *args):
    p = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, env=env)
    assert p.returncode == 0, f"rxpipe {' '.join(map(str, args))} failed ({p.returncode}): {p.stderr}"
    return p


def spark_job(*args):
    return subprocess.run([SPARK_SUBMIT, "--master", "local[2]", "--conf", "spark.sql.shuffle.partitions=4",
                           "--conf", "spark.ui.enabled=false", "--driver-memory", "1g",
                           os.path.join(REPO, "spark", "rxpipe_job.py"), *map(str, args)],
                          capture_output=True, text=True, env=dict(
                              os.environ, PYSPARK_PYTHON=sys.executable,
                              # spark-submit finds its Spark through the `python` on PATH.
                              PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")))


@pytest.fixture(scope="module")
def lakes(tmp_path_factory):
    root = tmp_path_factory.mktemp("parity")
    src, ours, theirs = root / "src", root / "rxpipe", root / "spark"
    env = dict(os.environ, RXPIPE_LAKE_ROOT=str(ours), RXPIPE_SITE_DIR=str(root / "site"),
               RXPIPE_SOURCE_PATH=str(src), RXPIPE_SOURCE_KIND="csv")
    rxpipe(env, "sample", "--rows", "20000", "--years", "2021-2023", "--faults", "30", "--seed", "11", "--out", src, "-q")
    for stage in ("ingest", "cleanse", "transform"):
        rxpipe(env, stage, "-q")
    quality = json.loads((ours / "cleansed" / "quality.json").read_text())
    assert {r["id"] for r in quality["rules"] if r["count"] > 0} >= {"npi_format", "non_negative", "claims_min", "duplicate_row", "conflicting_key", "suppression"}, \
        "the faults reached cleanse"
    for zone in ("raw", "cleansed"):
        shutil.copytree(ours / zone, theirs / zone, ignore=shutil.ignore_patterns("_lock"))
    p = spark_job("transform", "--lake", theirs)
    assert p.returncode == 0, p.stderr[-4000:]
    return ours, theirs, env, p.stdout


def manifest(lake, table):
    return json.loads((lake / "curated" / table / "_manifest.json").read_text())


def rows(lake, table):
    m = manifest(lake, table)
    return [r for f in m["files"] for r in pq.read_table(lake / "curated" / table / f["path"]).to_pylist()]


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
