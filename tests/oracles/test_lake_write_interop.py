"""Files rxpipe writes are read by pyarrow and DuckDB with identical values, nulls, types and
statistics (compared with the statistics pyarrow writes for the same data)."""
import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import arrow_rows, rxpipe, same
from datagen import awkward_table

TABLE = awkward_table(rows=20_000, seed=11)
EXPECTED = arrow_rows(TABLE)
RG = 6_000


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    path = tmp_path_factory.mktemp("src") / "src.parquet"
    pq.write_table(TABLE, path, compression="none", row_group_size=RG)
    return path


def stats_of(path):
    md = pq.ParquetFile(path).metadata
    out = []
    for g in range(md.num_row_groups):
        for c in range(md.num_columns):
            s = md.row_group(g).column(c).statistics
            mm = (s.min, s.max) if s is not None and s.has_min_max else None
            out.append((g, md.schema.column(c).name, s.null_count if s is not None else None, mm))
    return out


def norm_stats(stats):
    import math
    res = []
    for g, name, nulls, mm in stats:
        if mm is not None:
            mm = tuple((v, math.copysign(1, v)) if isinstance(v, float) else v for v in mm)
        res.append((g, name, nulls, mm))
    return res


@pytest.mark.parametrize("flags", [
    [], ["--compression", "none"], ["--compression", "gzip", "--level", "6"], ["--level", "19"],
    ["--no-dictionary"], ["--page-size", "4096"], ["--single-thread"],
])
def test_pyarrow_and_duckdb_read_rxpipe_files(tmp, source, flags):
    out = tmp / "rx.parquet"
    rxpipe("parquet", "convert", source, out, "--row-group-rows", RG, *flags)
    got = pq.read_table(out)
    assert got.schema.equals(TABLE.schema), f"{got.schema} != {TABLE.schema}"
    same(arrow_rows(got), EXPECTED)
    assert norm_stats(stats_of(out)) == norm_stats(stats_of(source))
    con = duckdb.connect()
    duck = con.sql(f"SELECT * FROM read_parquet('{out}')").to_arrow_table()
    same(arrow_rows(duck), EXPECTED)
    # DuckDB sees the same per-row-group statistics as for the pyarrow-written file.
    q = "SELECT row_group_id, path_in_schema, stats_null_count, stats_min_value, stats_max_value FROM parquet_metadata('{}') ORDER BY 1, 2"
    assert con.execute(q.format(out)).fetchall() == con.execute(q.format(source)).fetchall()


def test_footer_names_rxpipe_and_schema_version(tmp, source):
    out = tmp / "rx.parquet"
    rxpipe("parquet", "convert", source, out)
    md = pq.ParquetFile(out).metadata
    version = rxpipe("--version").stdout.strip()
    assert md.created_by == f"rxpipe version {version} (build rxpipe-{version})"
    assert md.metadata[b"rxpipe.schema_version"] == b"1"


def test_output_is_deterministic(tmp, source):
    a, b = tmp / "a.parquet", tmp / "b.parquet"
    rxpipe("parquet", "convert", source, a)
    rxpipe("parquet", "convert", source, b, "--single-thread")
    assert a.read_bytes() == b.read_bytes()


def test_dictionary_fallback_to_plain_when_too_large(tmp):
    # 200k unique 40-byte strings: far past the 1 MiB dictionary limit.
    t = pa.table({"s": ["%040d" % i for i in range(200_000)], "k": ["k%d" % (i % 10) for i in range(200_000)]})
    src, out = tmp / "src.parquet", tmp / "rx.parquet"
    pq.write_table(t, src)
    rxpipe("parquet", "convert", src, out)
    md = pq.ParquetFile(out).metadata
    assert "RLE_DICTIONARY" not in md.row_group(0).column(0).encodings
    assert "RLE_DICTIONARY" in md.row_group(0).column(1).encodings
    assert pq.read_table(out).equals(t)


def test_all_null_and_empty_columns(tmp):
    t = pa.table({"n": pa.array([None] * 10, pa.string()), "d": pa.array([None] * 10, pa.float64()),
                  "e": pa.array([""] * 10, pa.string())})
    src, out = tmp / "src.parquet", tmp / "rx.parquet"
    pq.write_table(t, src)
    rxpipe("parquet", "convert", src, out)
    assert pq.read_table(out).equals(t)
    assert norm_stats(stats_of(out)) == norm_stats(stats_of(src))


@pytest.mark.parametrize("empty_source", ["pyarrow", "duckdb"])
def test_zero_row_files_read_in_pyarrow_and_duckdb(tmp, empty_source):
    src, out = tmp / "empty_src.parquet", tmp / "rx.parquet"
    if empty_source == "pyarrow":
        pq.write_table(TABLE.schema.empty_table(), src)
    else:
        con = duckdb.connect()
        con.register("src", TABLE)
        con.execute(f"COPY (SELECT * FROM src WHERE false) TO '{src}' (FORMAT parquet)")
    rxpipe("parquet", "convert", src, out)
    got = pq.read_table(out)
    assert got.num_rows == 0
    want = pq.read_table(src).schema
    assert got.schema.remove_metadata().equals(want.remove_metadata()), f"{got.schema} != {want}"
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchall() == [(0,)]
    assert (con.execute(f"DESCRIBE SELECT * FROM read_parquet('{out}')").fetchall()
            == con.execute(f"DESCRIBE SELECT * FROM read_parquet('{src}')").fetchall())
