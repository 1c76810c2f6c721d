"""Files pyspark writes with its default settings (snappy, INT96 timestamps, DECIMAL(18,2)
columns and their DECIMAL(28,2) sums, year=/state= partition folders with a null partition,
_SUCCESS and .crc files) are read by `rxpipe parquet cat` and adopted by `rxpipe lake import`
with the values Spark itself reads back, to the cent and the microsecond."""
import datetime
import json
from decimal import Decimal

import pytest

from conftest import iso_utc, rxpipe
from spark_session import spark  # noqa: F401  (the module-scoped fixture)

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
ROWS = [
    ("1003000126", "Atorvastatin Calcium", "CA", 2022, Decimal("196282.97"), datetime.datetime(2023, 5, 1, 12, 30), datetime.date(2023, 5, 1)),
    ("1003000134", "Lisinopril", "TX", 2022, Decimal("-0.05"), datetime.datetime(1969, 12, 31, 23, 59, 59, 999999), datetime.date(1969, 12, 31)),
    ("1003000142", "Zoë's \"quoted\", drug", None, 2023, None, None, None),
    ("1003000159", "Metformin HCl", "CA", 2023, Decimal("9999999999999999.99"), datetime.datetime(2262, 4, 11, 23, 47, 16, 854775), datetime.date(9999, 12, 31)),
    ("1003000167", "Amlodipine Besylate", "NY", 2023, Decimal("0.00"), datetime.datetime(1900, 1, 1, 0, 0, 0, 1), datetime.date(1, 1, 1)),
]
SCHEMA = "npi string, drug string, state string, year int, total_drug_cost decimal(18,2), loaded_at timestamp, service_date date"


def micros_text(us):
    return None if us is None else iso_utc(EPOCH + datetime.timedelta(microseconds=us))


def spark_rows(df):
    """Spark's own reading, as rxpipe prints it: decimals as numbers, timestamps through
    unix_micros (no dependence on the Python process's time zone), dates as ISO text."""
    from pyspark.sql import functions as F
    cols = []
    for name, kind in df.dtypes:
        if kind.startswith("timestamp"):
            cols.append(F.unix_micros(F.col(name).cast("timestamp")).alias(name))
        else:
            cols.append(F.col(name))
    out = []
    for r in df.select(*cols).collect():
        d = r.asDict()
        for name, kind in df.dtypes:
            v = d[name]
            if kind.startswith("timestamp"):
                d[name] = micros_text(v)
            elif kind.startswith("decimal") and v is not None:
                d[name] = v
            elif kind == "date" and v is not None:
                d[name] = v.isoformat()
        out.append(d)
    return out


def rx_jsonl(text):
    return [json.loads(line, parse_float=Decimal) for line in text.splitlines()]


def by_key(rows, *keys):
    return sorted(rows, key=lambda r: tuple("" if r[k] is None else str(r[k]) for k in keys))


def decimals_as_numbers(rows):
    return [{k: (Decimal(v) if isinstance(v, (int, Decimal)) and not isinstance(v, bool) else v) for k, v in r.items()} for r in rows]


@pytest.fixture(scope="module")
def written(spark, tmp_path_factory):  # noqa: F811
    from pyspark.sql import functions as F
    base = tmp_path_factory.mktemp("spark")
    df = spark.createDataFrame(ROWS, SCHEMA)
    df.write.partitionBy("year", "state").parquet(str(base / "facts"))
    sums = df.groupBy("year", "state").agg(
        F.sum("total_drug_cost").alias("total_drug_cost"), F.count("*").alias("rows"), F.max("loaded_at").alias("latest"))
    sums.coalesce(1).write.parquet(str(base / "sums"))
    spark.conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
    df.coalesce(1).write.parquet(str(base / "micros"))
    spark.conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MILLIS")
    df.withColumn("loaded_at", F.date_trunc("second", "loaded_at")).coalesce(1).write.parquet(str(base / "millis"))
    spark.conf.unset("spark.sql.parquet.outputTimestampType")
    df.withColumn("loaded_at", F.col("loaded_at").cast("timestamp_ntz")).coalesce(1).write.parquet(str(base / "ntz"))
    want = {name: spark_rows(spark.read.parquet(str(base / name))) for name in ("facts", "sums", "micros", "millis", "ntz")}
    return base, want


def test_spark_writes_what_the_issue_says_it_does(written):
    """The files are Spark's defaults, not something friendlier: INT96, FIXED_LEN_BYTE_ARRAY
    sums, snappy, Hive folders, _SUCCESS and .crc beside the data."""
    import pyarrow.parquet as pq
    base, _ = written
    part = next((base / "facts").rglob("*.parquet"))
    meta = pq.ParquetFile(part).metadata
    kinds = {meta.schema.column(i).name: meta.schema.column(i).physical_type for i in range(meta.num_columns)}
    assert kinds["loaded_at"] == "INT96" and kinds["total_drug_cost"] == "INT64"
    assert meta.row_group(0).column(0).compression == "SNAPPY"
    assert (base / "facts" / "_SUCCESS").exists() and any((base / "facts").rglob(".*.crc"))
    assert any(p.name == "state=__HIVE_DEFAULT_PARTITION__" for p in (base / "facts").rglob("state=*"))
    sums = pq.ParquetFile(next((base / "sums").glob("*.parquet"))).schema_arrow
    assert str(sums.field("total_drug_cost").type) == "decimal128(28, 2)"


@pytest.mark.parametrize("name", ["sums", "micros", "millis", "ntz"])
def test_parquet_cat_reads_a_spark_file_as_spark_does(written, name):
    base, want = written
    [path] = list((base / name).glob("*.parquet"))
    got = rx_jsonl(rxpipe("parquet", "cat", path, "--format", "jsonl").stdout)
    keys = ("year", "state") if name == "sums" else ("npi",)
    assert by_key(decimals_as_numbers(got), *keys) == by_key(decimals_as_numbers(want[name]), *keys)
    schema = dict(line.split("\t")[:2] for line in rxpipe("parquet", "schema", path).stdout.splitlines())
    assert schema["total_drug_cost"] == "decimal(18,2)"
    assert schema["latest" if name == "sums" else "loaded_at"] == "timestamp"


def test_lake_import_adopts_sparks_partitioned_output(written, tmp_path):
    base, want = written
    lake = tmp_path / "lake"
    out = rxpipe("lake", "import", base / "facts", "raw/spark_facts", "--lake", lake, "--partition-by", "year").stdout
    assert "5 rows" in out, out
    schema = rxpipe("lake", "schema", "raw/spark_facts", "--lake", lake).stdout
    assert "loaded_at\ttimestamp" in schema and "total_drug_cost\tdecimal(18,2)" in schema and "year\tint32" in schema, schema
    got = rx_jsonl(rxpipe("lake", "export", "raw/spark_facts", "--lake", lake, "--format", "jsonl").stdout)
    assert by_key(decimals_as_numbers(got), "npi") == by_key(decimals_as_numbers(want["facts"]), "npi")


def test_spark_reads_back_what_rxpipe_imported(spark, written, tmp_path):  # noqa: F811
    """The other direction once more, now with timestamps: rxpipe's TIMESTAMP(UTC, MICROS) is
    the instant Spark wrote."""
    base, want = written
    lake = tmp_path / "lake"
    rxpipe("lake", "import", base / "facts", "raw/spark_facts", "--lake", lake, "--partition-by", "year")
    again = spark_rows(spark.read.parquet(str(lake / "raw" / "spark_facts")))
    assert by_key(again, "npi") == by_key(want["facts"], "npi")
