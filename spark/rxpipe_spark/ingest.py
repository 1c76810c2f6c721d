"""`ingest` on Spark: CMS "by Provider and Drug" CSV files (one per data year, `.csv`, `.csv.gz`
or `.csv.zst`) into raw/cms_prescriber_drug, or the four-table layout (prescriber.csv, drug.csv,
prescriber_drug.csv, state.csv, each optionally compressed) into raw/prescriber, raw/drug, raw/prescriber_drug and
raw/state, as `rxpipe ingest` writes them: typed columns, nothing dropped (`_rescued`), lineage
(`_source`, `_line`), Hive `year=` partitions, and each file's line account in the manifest
(`rxpipe.ingest.files`), which cleanse reconciles against.

Files are parsed in parallel, one task per file (a CMS file is one data year), with rxpipe's
reading rules (csv_ingest.py). A file on a local or mounted file system (a path, file://,
/dbfs/…) is memory-mapped by its task; one on HDFS or object storage (s3a://, gs://, abfss://)
is read whole by Spark's binaryFiles, which holds files up to 2 GiB: compress larger ones
(zstd or gzip: CMS files shrink about tenfold). Nothing is committed unless every file reads.
"""
import datetime
import gzip
import mmap
import os
import re
import zlib
from decimal import Decimal
from urllib.parse import urlparse

from pyspark.accumulators import AccumulatorParam
from pyspark.sql import functions as F

from . import csv_ingest as C
from .cleanse import swift_json
from .lake import SPARK_TYPES, Storage, write_table
from .source_tables import TABLES as SOURCE_TABLES

TABLE = "cms_prescriber_drug"
CMS_COLUMNS = [
    ("Prscrbr_NPI", "int64"), ("Prscrbr_Last_Org_Name", "string"), ("Prscrbr_First_Name", "string"), ("Prscrbr_City", "string"),
    ("Prscrbr_State_Abrvtn", "string"), ("Prscrbr_State_FIPS", "string"), ("Prscrbr_Type", "string"), ("Prscrbr_Type_Src", "string"),
    ("Brnd_Name", "string"), ("Gnrc_Name", "string"), ("Tot_Clms", "int64"), ("Tot_30day_Fills", "double"),
    ("Tot_Day_Suply", "int64"), ("Tot_Drug_Cst", "decimal"), ("Tot_Benes", "int64"), ("GE65_Sprsn_Flag", "string"),
    ("GE65_Tot_Clms", "int64"), ("GE65_Tot_30day_Fills", "double"), ("GE65_Tot_Drug_Cst", "decimal"),
    ("GE65_Tot_Day_Suply", "int64"), ("GE65_Bene_Sprsn_Flag", "string"), ("GE65_Tot_Benes", "int64"),
]
LAKE_TYPES = {"int64": "int64", "int32": "int32", "double": "double", "decimal": "decimal(18,2)", "string": "string"}
# The four-table layout's declared columns: SourceTable.columns as CSV kinds.
FOUR_TABLES = {table: [(name, {"integer": "int32", "bigint": "int64", "numeric": "double", "numeric(14,2)": "decimal",
                               "text": "string"}[kind]) for name, kind in columns] for table, columns in SOURCE_TABLES.items()}
LINE_BITS = 40  # _order = file index << 40 | line


class IngestError(Exception):
    """A source the job cannot ingest (nothing is committed)."""


class _Accounts(AccumulatorParam):
    """Line accounts by file; a retried task writes the same account again."""

    def zero(self, value):
        return {}

    def addInPlace(self, a, b):
        a.update(b)
        return a


def year_of(name):
    """`…_DY22_…` → 2022 (rxpipe's CMSWideLayout.year)."""
    m = re.search(r"_DY(\d+)", name, re.IGNORECASE)
    return 2000 + int(m.group(1)) if m and len(m.group(1)) == 2 else None


def is_csv(name):
    lower = name.lower()
    return lower.endswith((".csv", ".csv.gz", ".csv.zst"))


def local_path(path):
    parsed = urlparse(path)
    return parsed.path if parsed.scheme in ("", "file") else None


def file_bytes(path, content=None):
    """The file's bytes (decompressed): a memory map of a local file, or `content` read by Spark."""
    if content is None:
        with open(local_path(path), "rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if os.fstat(f.fileno()).st_size else b""
    else:
        data = bytes(content)
    if path.lower().endswith(".gz"):
        data = gzip.decompress(data)
    elif path.lower().endswith(".zst"):
        data = zstd_stream(data).read()
    return data


def zstd_stream(data):
    """A reader of zstd-compressed bytes (every frame), through pyarrow's zstd: Python's own
    library has none before 3.14, and pyarrow comes with Spark's Python features."""
    try:
        import pyarrow
    except ImportError:
        raise C.CSVFileError("reading .csv.zst needs pyarrow on the driver and executors (pip install pyarrow); "
                             "or give the files as .csv.gz") from None
    return pyarrow.CompressedInputStream(pyarrow.BufferReader(data), "zstd")


def head_bytes(storage, path, size=1 << 20):
    """The first bytes of a file (decompressed), read by the driver through Hadoop."""
    fs, p = storage._fs(path)
    stream = fs.open(p)
    try:
        buffer = storage.jvm.java.io.ByteArrayOutputStream()
        storage.jvm.org.apache.commons.io.IOUtils.copyLarge(stream, buffer, 0, size)
        data = bytes(buffer.toByteArray())
    finally:
        stream.close()
    if path.lower().endswith(".gz"):
        data = zlib.decompressobj(wbits=31).decompress(data)  # the head of the stream is enough
    elif path.lower().endswith(".zst"):
        data = zstd_stream(data).read(size)
    return data


def table_name(file_name):
    """The table a file stands for: its name without .csv, .csv.gz or .csv.zst (CSVSourceLayout.tableName)."""
    return re.sub(r"\.csv(\.gz|\.zst)?$", "", file_name, flags=re.IGNORECASE)


def run(spark, source, lake, *, years=None, year=None, layout="auto", names=None, log=print):
    """Ingests a folder of CSV files: the four-table layout when it holds files named after the
    source tables (`names`: [source] *_table), else CMS wide files (CSVSourceLayout.files)."""
    storage = Storage(spark, lake)
    folder = source.rstrip("/")
    listed = storage.list_files(folder)
    files = [n for n in listed if is_csv(n)]
    if not files:
        raise IngestError(f"{folder}: no .csv, .csv.zst or .csv.gz files to ingest")
    names = names or {t: t for t in FOUR_TABLES}
    by_table, others = {}, []
    for name in files:
        table = next((t for t in FOUR_TABLES if names[t].lower() == table_name(name).lower()), None)
        if table is None:
            others.append(name)
        elif table in by_table:
            raise IngestError(f"table {table} has two files: {folder}/{by_table[table]} and {folder}/{name}; keep one")
        else:
            by_table[table] = name
    if layout == "four_table" or (layout == "auto" and by_table):
        missing = [names[t] for t in FOUR_TABLES if t not in by_table]
        if missing:
            raise IngestError(f"{folder}: the four-table layout needs a file per table; missing "
                              f"{', '.join(m + '.csv' for m in missing)} "
                              "(.csv, .csv.zst or .csv.gz; table names come from [source])")
        if others:
            raise IngestError(f"{folder}: the four table files sit next to other CSV files ({', '.join(others[:3])}"
                              f"{', …' if len(others) > 3 else ''}); move those away or set [source] layout = \"cms_wide\"")
        return run_four_tables(spark, storage, folder, by_table, log)
    return run_cms(spark, storage, folder, files, years, year, log)


def run_cms(spark, storage, folder, files, years, year, log):
    years = years or (2013, datetime.datetime.now(datetime.timezone.utc).year)
    plans, extras = [], []
    for name in files:
        path = f"{folder}/{name}"
        extras += [e for e in header_extras(storage, path, CMS_COLUMNS) if e not in extras]
        data_year = year_of(name) or year
        if data_year is None:
            raise IngestError(f"{path}: cannot tell the data year; name the file like CMS (…_DY22_…) or pass --year")
        if not years[0] <= data_year <= years[1]:
            raise IngestError(f"{path}: data year {data_year} is outside {years[0]}–{years[1]} ([source] min_year, max_year); "
                              "check the file name (…_DY22_…) or --year")
        plans.append((len(plans), path, name, (data_year,)))
    schema = ([(n, LAKE_TYPES[k], True) for n, k in CMS_COLUMNS] + [(e, "string", True) for e in extras]
              + [("_rescued", "string", True), ("_source", "string", False), ("_line", "int64", False), ("year", "int32", False)])
    frame, accounts = read_files(spark, plans, CMS_COLUMNS, extras, schema)
    record = write_table(storage, frame, "raw", TABLE, schema, [F.col("_order")], {"rxpipe.ingest.files": swift_json(accounts)},
                         partition="year", rows_per_file=1 << 22)
    frame.unpersist()
    for (_, path, _, (data_year,)), account in zip(plans, accounts):
        log(f"{path}\tyear {data_year}\t{account['records']} rows\t{account['encoding']}")
    log(f"raw/{TABLE}\tversion {record['version']}\t{record['row_count']} rows\t{len(record['files'])} files"
        f"\tcontent {record['content_hash'][:16]}")
    return record


def run_four_tables(spark, storage, folder, by_table, log):
    """The four-table CSV layout (RawFourTableCSVIngest): each file into its raw table with the
    columns and types of the PostgreSQL path, its extra columns, `_rescued`, `_source`, `_line`
    and its line account; every header checked and every file read before anything commits."""
    extras = {t: header_extras(storage, f"{folder}/{by_table[t]}", FOUR_TABLES[t]) for t in FOUR_TABLES}
    read = {}
    for table, declared in FOUR_TABLES.items():
        # Every declared column nullable, the year too (a year that is not a number is null).
        schema = ([(n, LAKE_TYPES[k], True) for n, k in declared] + [(e, "string", True) for e in extras[table]]
                  + [("_rescued", "string", True), ("_source", "string", False), ("_line", "int64", False)])
        plans = [(0, f"{folder}/{by_table[table]}", by_table[table], ())]
        read[table] = (schema, *read_files(spark, plans, declared, extras[table], schema))
    records = {}
    for table, (schema, frame, accounts) in read.items():
        records[table] = write_table(storage, frame, "raw", table, schema, [F.col("_order")],
                                     {"rxpipe.ingest.files": swift_json(accounts)},
                                     partition="year" if table == "prescriber_drug" else None, rows_per_file=1 << 22)
        frame.unpersist()
        log(f"{folder}/{by_table[table]}\traw/{table}\t{accounts[0]['records']} rows\t{accounts[0]['encoding']}")
    for table, record in records.items():
        log(f"raw/{table}\tversion {record['version']}\t{record['row_count']} rows\t{len(record['files'])} files"
            f"\tcontent {record['content_hash'][:16]}")
    return records


def header_extras(storage, path, declared):
    """The file's columns beyond `declared`, after checking its header."""
    try:
        return C.header_of(head_bytes(storage, path), declared, path)[1]
    except C.CSVFileError as error:
        raise IngestError(str(error)) from None


def read_files(spark, plans, declared, extras, schema):
    """Parses `plans` [(index, path, name, trailing values)], one task per file, into a cached
    frame of the table's `schema` plus `_order` (index << 40 | line); returns it with the files'
    line accounts in plan order. Fails (IngestError) unless every file read."""
    accounts = spark.sparkContext.accumulator({}, _Accounts())
    kinds = [k for _, k in declared]

    def parse(index, path, name, trailing, content=None):
        """The file's rows, streamed (a CMS year is tens of millions of rows)."""
        for item in C.rows(file_bytes(path, content), declared, name, extras, trailing):
            if isinstance(item, dict):
                accounts.add({name: item})
                continue
            values = list(item)
            for i, kind in enumerate(kinds):
                if kind == "decimal" and values[i] is not None:
                    values[i] = Decimal(values[i]).scaleb(-2)
            values.append((index << LINE_BITS) | values[len(declared) + len(extras) + 2])
            yield tuple(values)

    if all(local_path(p) for _, p, _, _ in plans):
        rdd = spark.sparkContext.parallelize(plans, len(plans)).flatMap(lambda plan: parse(*plan))
    else:
        by_name = {n: plan for plan in plans for n in [plan[2]]}
        contents = spark.sparkContext.binaryFiles(",".join(p for _, p, _, _ in plans), minPartitions=len(plans))
        rdd = contents.flatMap(lambda item: parse(*by_name[item[0].rsplit("/", 1)[-1]], content=item[1]))
    ddl = ", ".join(f"`{n}` {SPARK_TYPES[k]}" for n, k, _ in schema) + ", _order bigint"
    frame = spark.createDataFrame(rdd, ddl)
    try:
        frame = frame.cache()
        frame.count()  # every file parsed (and its account added) before anything is written
    except Exception as error:  # a worker's CSVFileError arrives wrapped by Py4J
        found = re.search(r"CSVFileError: (.*)", str(error))
        if found:
            raise IngestError(found.group(1)) from None
        raise
    missing = [n for _, _, n, _ in plans if n not in accounts.value]
    if missing:
        raise IngestError(f"no line account for {', '.join(missing)}; nothing was committed")
    return frame, [accounts.value[n] for _, _, n, _ in plans]
