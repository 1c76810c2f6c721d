"""Files written by pyarrow and DuckDB (every codec, dictionary on/off, page v1/v2, the DELTA
encodings, BYTE_STREAM_SPLIT) are read by `rxpipe parquet cat` with identical values."""
import datetime
import decimal
import json

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import arrow_rows, normalise, rx_rows, same, rxpipe
from datagen import awkward_table

TABLE = awkward_table()
EXPECTED = arrow_rows(TABLE)


@pytest.mark.parametrize("codec", ["none", "snappy", "gzip", "zstd"])
@pytest.mark.parametrize("dictionary", [True, False])
@pytest.mark.parametrize("page_version", ["1.0", "2.0"])
def test_pyarrow_files(tmp, codec, dictionary, page_version):
    path = tmp / "t.parquet"
    pq.write_table(TABLE, path, compression=codec, use_dictionary=dictionary, data_page_version=page_version,
                   row_group_size=12_000, data_page_size=16_384)
    same(rx_rows(path), EXPECTED)


def test_pyarrow_delta_and_byte_stream_split(tmp):
    path = tmp / "t.parquet"
    pq.write_table(TABLE, path, use_dictionary=False, compression="zstd", data_page_version="2.0",
                   column_encoding={"i64": "DELTA_BINARY_PACKED", "i32": "DELTA_BINARY_PACKED",
                                    "dbl": "BYTE_STREAM_SPLIT", "low": "DELTA_BYTE_ARRAY",
                                    "uniq": "DELTA_LENGTH_BYTE_ARRAY", "req": "DELTA_BYTE_ARRAY",
                                    "day": "DELTA_BINARY_PACKED", "year": "BYTE_STREAM_SPLIT"})
    meta = rxpipe("parquet", "meta", path).stdout
    for enc in ["DELTA_BINARY_PACKED", "DELTA_BYTE_ARRAY", "DELTA_LENGTH_BYTE_ARRAY", "BYTE_STREAM_SPLIT"]:
        assert enc in meta
    same(rx_rows(path), EXPECTED)


@pytest.mark.parametrize("codec", ["uncompressed", "snappy", "gzip", "zstd"])
@pytest.mark.parametrize("version", ["v1", "v2"])
def test_duckdb_files(tmp, codec, version):
    path = tmp / "t.parquet"
    con = duckdb.connect()
    con.register("src", TABLE)
    con.execute(f"COPY (SELECT * FROM src) TO '{path}' (FORMAT parquet, COMPRESSION {codec}, PARQUET_VERSION {version}, ROW_GROUP_SIZE 10000)")
    same(rx_rows(path), EXPECTED)


def test_projection_and_limit(tmp):
    path = tmp / "t.parquet"
    pq.write_table(TABLE, path, row_group_size=5_000)
    got = rx_rows(path, "--columns", "uniq,i64", "-n", "7001")
    want = [{"uniq": r["uniq"], "i64": r["i64"]} for r in EXPECTED[:7001]]
    same(got, want)
    assert list(got[0].keys()) == ["uniq", "i64"]


def test_float32_and_int16_widen(tmp):
    import pyarrow as pa
    t = pa.table({"f": pa.array([1.5, None, -0.25], pa.float32()), "s": pa.array([1, -2, None], pa.int16())})
    path = tmp / "t.parquet"
    pq.write_table(t, path)
    same(rx_rows(path), [{"f": 1.5, "s": 1}, {"f": None, "s": -2}, {"f": -0.25, "s": None}])


def test_unsupported_columns_are_named(tmp):
    import pyarrow as pa
    path = tmp / "time.parquet"
    t = pa.table({"ok": [1], "t": pa.array([1], pa.time64("us"))})
    pq.write_table(t, path)
    p = rxpipe("parquet", "cat", path, check=False)
    assert p.returncode != 0
    assert "column t" in p.stderr and "not supported" in p.stderr
    # Projection around the unsupported column still works.
    assert rx_rows(path, "--columns", "ok") == [{"ok": 1}]
    nested = tmp / "nested.parquet"
    pq.write_table(pa.table({"l": pa.array([[1, 2]])}), nested)
    p = rxpipe("parquet", "cat", nested, check=False)
    assert p.returncode != 0 and "column l" in p.stderr and "not supported" in p.stderr


INSTANTS = [
    datetime.datetime(2023, 5, 1, 12, 30, tzinfo=datetime.timezone.utc),
    None,
    datetime.datetime(1969, 12, 31, 23, 59, 59, 999000, tzinfo=datetime.timezone.utc),
    datetime.datetime(1900, 2, 28, 0, 0, 0, 123000, tzinfo=datetime.timezone.utc),
    datetime.datetime(2262, 4, 11, 23, 47, 16, tzinfo=datetime.timezone.utc),
]


@pytest.mark.parametrize("unit,int96,zone", [
    ("ms", False, "UTC"), ("us", False, "UTC"), ("ns", False, "UTC"), ("us", False, None), ("ns", True, "UTC"),
])
def test_timestamps_in_every_storage_read_to_the_microsecond(tmp, unit, int96, zone):
    """TIMESTAMP in milliseconds, microseconds and nanoseconds, local (no zone) and INT96 read
    as the same instants; DuckDB agrees with rxpipe's text, and rxpipe's converted file is
    TIMESTAMP(UTC, MICROS) with the same values."""
    values = INSTANTS if zone else [v and v.replace(tzinfo=None) for v in INSTANTS]
    t = pa.table({"ts": pa.array(values, pa.timestamp(unit, tz=zone)), "n": list(range(len(values)))})
    path = tmp / "ts.parquet"
    pq.write_table(t, path, use_deprecated_int96_timestamps=int96, coerce_timestamps=None if int96 or unit == "ns" else unit,
                   allow_truncated_timestamps=False)
    want = [{"ts": normalise(v), "n": i} for i, v in enumerate(values)]
    same(rx_rows(path), want)
    assert rxpipe("parquet", "schema", path).stdout.splitlines()[0].split("\t")[1] == "timestamp"
    converted = tmp / "converted.parquet"
    rxpipe("parquet", "convert", path, converted)
    schema = pq.read_schema(converted)
    assert schema.field("ts").type == pa.timestamp("us", tz="UTC")
    back = pq.read_table(converted).column("ts").to_pylist()
    assert [normalise(v) for v in back] == [normalise(v) for v in values]
    duck = duckdb.sql(f"SELECT CAST(ts AS TIMESTAMP) FROM read_parquet('{converted}') ORDER BY n").fetchall()
    assert [normalise(r[0]) for r in duck] == [normalise(v) for v in values]


def test_a_timestamp_below_a_microsecond_is_refused_by_name(tmp):
    path = tmp / "ns.parquet"
    pq.write_table(pa.table({"ts": pa.array([1_500], pa.timestamp("ns", tz="UTC"))}), path)
    p = rxpipe("parquet", "cat", path, check=False)
    assert p.returncode == 1
    assert "column ts: a timestamp has digits below a microsecond" in p.stderr


def _empty_reads_like(path, full):
    """A zero-row file reads as an empty table with the schema of `full` (same columns written
    with rows): same `parquet schema`, a CSV header and nothing else, a scan of 0 rows."""
    assert rxpipe("parquet", "schema", path).stdout == rxpipe("parquet", "schema", full).stdout
    csv = rxpipe("parquet", "cat", path, "--format", "csv").stdout.splitlines()
    assert csv == [",".join(TABLE.schema.names)]
    assert rx_rows(path) == []
    assert rxpipe("parquet", "scan", path).stdout.splitlines()[-1] == "rows\t0"


@pytest.mark.parametrize("codec", ["none", "snappy", "zstd"])
@pytest.mark.parametrize("dictionary", [True, False])
@pytest.mark.parametrize("page_version", ["1.0", "2.0"])
def test_pyarrow_zero_row_files(tmp, codec, dictionary, page_version):
    # pyarrow writes one row group of 0 rows (data page offset 0, a lone dictionary page).
    path, full = tmp / "empty.parquet", tmp / "full.parquet"
    for t, p in [(TABLE.schema.empty_table(), path), (TABLE.slice(0, 100), full)]:
        pq.write_table(t, p, compression=codec, use_dictionary=dictionary, data_page_version=page_version)
    assert pq.ParquetFile(path).metadata.num_row_groups == 1
    _empty_reads_like(path, full)


@pytest.mark.parametrize("dictionary", [True, False])
def test_duckdb_zero_row_files(tmp, dictionary):
    # DuckDB writes no row group at all for an empty result.
    path, full = tmp / "empty.parquet", tmp / "full.parquet"
    con = duckdb.connect()
    con.register("src", TABLE)
    opts = "" if dictionary else ", DICTIONARY_SIZE_LIMIT 1"
    con.execute(f"COPY (SELECT * FROM src WHERE false) TO '{path}' (FORMAT parquet, COMPRESSION zstd{opts})")
    con.execute(f"COPY (SELECT * FROM src LIMIT 100) TO '{full}' (FORMAT parquet, COMPRESSION zstd{opts})")
    _empty_reads_like(path, full)


def test_wide_decimals_as_spark_writes_sums_read_to_the_cent(tmp):
    """Spark stores a sum of DECIMAL(18,2) as DECIMAL(28,2) in FIXED_LEN_BYTE_ARRAY: rxpipe reads
    such columns (up to 38 declared digits, scale 0–2) exactly, as long as each value fits
    DECIMAL(18,2), and names the column when one does not."""
    values = ["0.00", "-0.05", "196282.97", "9999999999999999.99", "-9999999999999999.99", None]
    for precision, scale in [(28, 2), (38, 2), (20, 1), (38, 0)]:
        step = decimal.Decimal(1).scaleb(-scale)
        exact = [None if v is None else decimal.Decimal(v).quantize(step, rounding=decimal.ROUND_DOWN) for v in values]
        path = tmp / f"d{precision}_{scale}.parquet"
        pq.write_table(pa.table({"cost": pa.array(exact, pa.decimal128(precision, scale))}), path)
        assert pq.ParquetFile(path).schema.column(0).physical_type == "FIXED_LEN_BYTE_ARRAY"
        out = rxpipe("parquet", "cat", path, "--format", "jsonl").stdout.splitlines()
        got = [json.loads(line, parse_float=decimal.Decimal)["cost"] for line in out]
        assert got == exact, f"DECIMAL({precision},{scale}): {got} != {exact}"
    too_big = tmp / "too_big.parquet"
    pq.write_table(pa.table({"total_drug_cost": pa.array([decimal.Decimal("1.00"), decimal.Decimal("10000000000000000.00")],
                                                        pa.decimal128(28, 2))}), too_big)
    p = rxpipe("parquet", "cat", too_big, "--format", "jsonl", check=False)
    assert p.returncode == 1 and "total_drug_cost" in p.stderr and "18 digits" in p.stderr, p.stderr
    three_decimals = tmp / "scale3.parquet"
    pq.write_table(pa.table({"avg_cost": pa.array([decimal.Decimal("1.125")], pa.decimal128(22, 3))}), three_decimals)
    p = rxpipe("parquet", "cat", three_decimals, "--format", "jsonl", check=False)
    assert p.returncode == 1 and "avg_cost" in p.stderr and "DECIMAL(22,3)" in p.stderr, p.stderr
