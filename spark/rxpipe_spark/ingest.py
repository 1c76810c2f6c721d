"""`ingest` on Spark: CMS "by Provider and Drug" CSV files (one per data year, `.csv` or
`.csv.gz`) into raw/cms_prescriber_drug, as `rxpipe ingest` writes it: typed columns, nothing
dropped (`_rescued`), lineage (`_source`, `_line`), Hive `year=` partitions, and each file's
line account in the manifest (`rxpipe.ingest.files`), which cleanse reconciles against.

Files are parsed in parallel, one task per file (a CMS file is one data year), with rxpipe's
reading rules (csv_ingest.py). A file on a local or mounted file system (a path, file://,
/dbfs/…) is memory-mapped by its task; one on HDFS or object storage (s3a://, gs://, abfss://)
is read whole by Spark's binaryFiles, which holds files up to 2 GiB: compress larger ones
(gzip: CMS files shrink about tenfold). Nothing is committed unless every file reads.
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
from .lake import Storage, write_table

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
FOUR_TABLE_FILES = {"prescriber", "drug", "prescriber_drug", "state"}
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
    return lower.endswith(".csv") or lower.endswith(".csv.gz")


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
    return data


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
    return data


def run(spark, source, lake, *, years=None, year=None, log=print):
    years = years or (2013, datetime.datetime.now(datetime.timezone.utc).year)
    storage = Storage(spark, lake)
    folder = source.rstrip("/")
    names = storage.list_files(folder)
    if any(n.lower().endswith(".csv.zst") for n in names):
        raise IngestError(f"{folder}: .csv.zst files need rxpipe ingest; the Spark job reads .csv and .csv.gz")
    files = [n for n in names if is_csv(n)]
    if not files:
        raise IngestError(f"{folder}: no .csv or .csv.gz files to ingest")
    stems = {re.sub(r"\.csv(\.gz)?$", "", n, flags=re.IGNORECASE).lower() for n in files}
    if stems & FOUR_TABLE_FILES:
        raise IngestError(f"{folder}: the four-table CSV layout is read by `rxpipe ingest`; the Spark job ingests CMS wide files")
    plans, extras = [], []
    for name in files:
        path = f"{folder}/{name}"
        try:
            _, found = C.header_of(head_bytes(storage, path), CMS_COLUMNS, path)
        except C.CSVFileError as error:
            raise IngestError(str(error)) from None
        data_year = year_of(name) or year
        if data_year is None:
            raise IngestError(f"{path}: cannot tell the data year; name the file like CMS (…_DY22_…) or pass --year")
        if not years[0] <= data_year <= years[1]:
            raise IngestError(f"{path}: data year {data_year} is outside {years[0]}–{years[1]} ([source] min_year, max_year); "
                              "check the file name (…_DY22_…) or --year")
        extras += [e for e in found if e not in extras]
        plans.append((len(plans), path, name, data_year))

    accounts = spark.sparkContext.accumulator({}, _Accounts())
    kinds = [k for _, k in CMS_COLUMNS]

    def parse(index, path, name, data_year, content=None):
        out = []
        for item in C.rows(file_bytes(path, content), CMS_COLUMNS, name, extras, (data_year,)):
            if isinstance(item, dict):
                accounts.add({name: item})
                continue
            values = list(item)
            for i, kind in enumerate(kinds):
                if kind == "decimal" and values[i] is not None:
                    values[i] = Decimal(values[i]).scaleb(-2)
            values.append((index << LINE_BITS) | values[-2])
            out.append(tuple(values))
        return out

    if all(local_path(p) for _, p, _, _ in plans):
        rdd = spark.sparkContext.parallelize(plans, len(plans)).flatMap(lambda plan: parse(*plan))
    else:
        by_name = {n: (i, p, n, y) for i, p, n, y in plans}
        contents = spark.sparkContext.binaryFiles(",".join(p for _, p, _, _ in plans), minPartitions=len(plans))
        rdd = contents.flatMap(lambda item: parse(*by_name[item[0].rsplit("/", 1)[-1]], content=item[1]))
    ddl = ", ".join([f"`{n}` {LAKE_TYPES[k].replace('int64', 'bigint').replace('int32', 'int')}" for n, k in CMS_COLUMNS]
                    + [f"`{e}` string" for e in extras]
                    + ["_rescued string", "_source string", "_line bigint", "year int", "_order bigint"])
    frame = spark.createDataFrame(rdd, ddl)
    schema = ([(n, LAKE_TYPES[k], True) for n, k in CMS_COLUMNS] + [(e, "string", True) for e in extras]
              + [("_rescued", "string", True), ("_source", "string", False), ("_line", "int64", False), ("year", "int32", False)])
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
    ordered = [accounts.value[n] for _, _, n, _ in plans]
    record = write_table(storage, frame, "raw", TABLE, schema, [F.col("_order")], {"rxpipe.ingest.files": swift_json(ordered)},
                         partition="year", rows_per_file=1 << 22)
    frame.unpersist()
    for (_, path, _, data_year), account in zip(plans, ordered):
        log(f"{path}\tyear {data_year}\t{account['records']} rows\t{account['encoding']}")
    log(f"raw/{TABLE}\tversion {record['version']}\t{record['row_count']} rows\t{len(record['files'])} files"
        f"\tcontent {record['content_hash'][:16]}")
    return record
