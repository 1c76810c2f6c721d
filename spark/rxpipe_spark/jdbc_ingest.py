"""`ingest --jdbc` on Spark: the four source tables of a PostgreSQL database (prescriber, drug,
prescriber_drug, state) into raw/prescriber, raw/drug, raw/prescriber_drug/year=YYYY/ and
raw/state, as `rxpipe ingest` reads them with libpq (RawPostgresIngest):

- one consistent snapshot: the driver opens a REPEATABLE READ, READ ONLY transaction, checks
  every table and column in information_schema, exports its snapshot (`pg_export_snapshot`), and
  every Spark read joins it (`SET TRANSACTION SNAPSHOT`), so the four tables and
  rxpipe_load_rejects are read as of one moment while the database keeps changing;
- the same SELECT: every column cast to its documented type, in the table's scan order
  (`_line` is the row's place in it, `_source` is schema.table), synchronized scans off so a
  concurrent scan cannot change where the read starts;
- the same values: NUMERIC exact to a double (the nearest one, as the CSV path parses the same
  text), money as exact cents; NaN and ±Infinity become null with their text in `_rescued`
  (cleanse quarantines the row); a value beyond 18 significant digits fails the read;
- the rows `rxpipe db load` could not load (rxpipe_load_rejects), read in the same snapshot,
  appended to raw/prescriber_drug (null figures, the reason in `_rescued`, the CMS file and
  line as `_source` and `_line`), which cleanse quarantines as `load_rejected`.

Each table is one JDBC read (a single stream, as rxpipe's COPY is: `_line` is a position in the
scan); Spark parallelises everything after it. Nothing is committed unless all four tables read.
The PostgreSQL JDBC driver must be on the classpath (`--jars /usr/share/java/postgresql.jar` from
Debian's libpostgresql-jdbc-java, or `--packages org.postgresql:postgresql:42.7.4`).
"""
import os
import re
from decimal import Decimal
from urllib.parse import urlparse

from pyspark.sql import functions as F

from . import csv_ingest as C
from .cleanse import swift_json
from .ingest import LINE_BITS  # _order of a load reject: 1 << 40 | its place among the rejects
from .lake import SPARK_TYPES, Storage, write_table
from .source_tables import TABLES

INT64_MAX = (1 << 63) - 1
LOAD_REJECTS = "rxpipe_load_rejects"
LAKE_TYPE = {"integer": "int32", "bigint": "int64", "numeric": "double", "numeric(14,2)": "decimal(18,2)", "text": "string"}
NON_FINITE = ("NaN", "Infinity", "-Infinity")


class JDBCIngestError(Exception):
    """A database the job cannot read as the four source tables (nothing is committed)."""


def quote_identifier(name):
    return '"' + name.replace('"', '""') + '"'


def lake_schema(table):
    """The raw table's schema: RawPostgresIngest.schema(of:)."""
    return ([(name, LAKE_TYPE[kind], name != "year") for name, kind in TABLES[table]]
            + [("_rescued", "string", True), ("_source", "string", False), ("_line", "int64", False)])


def select_sql(schema, name, table):
    """rxpipe's SELECT (each column cast to its type), numerics as their exact text, and each
    row's place in the scan."""
    columns = []
    for column, kind in TABLES[table]:
        cast = f"{quote_identifier(column)}::{kind}"
        columns.append(f"({cast})::text AS {quote_identifier(column)}" if kind.startswith("numeric") else
                       f"{cast} AS {quote_identifier(column)}")
    return (f"SELECT row_number() OVER () AS \"_line\", {', '.join(columns)} "
            f"FROM {quote_identifier(schema)}.{quote_identifier(name)}")


def numeric_value(text, kind, name, column, line):
    """(value, rescued text): a NUMERIC's text as the lake holds it (the nearest double, or a
    Decimal of cents); NaN and ±Infinity are null and rescued; more than 18 digits fail as they
    do in rxpipe (PGBinaryValue.numeric)."""
    if text is None:
        return None, None
    if text in NON_FINITE:
        return None, text
    value = Decimal(text)
    scale = len(text.split(".", 1)[1]) if "." in text else 0
    if abs(int(value.scaleb(scale))) > INT64_MAX:
        raise JDBCIngestError(f"postgres: unexpected binary COPY data (table {name}, column {column}, "
                              f"row {line}): numeric value {text} has more than 18 significant digits")
    if kind == "numeric(14,2)":
        return value.quantize(Decimal("0.01")), None
    return float(text), None  # correctly rounded, as Swift's exact-decimal conversion


def typed_row(row, table, name, source):
    """A JDBC row as the raw table's row, `_order` last."""
    values, rescue = [], C.Rescue()
    line = row["_line"]
    for column, kind in TABLES[table]:
        value = row[column]
        if kind.startswith("numeric"):
            value, special = numeric_value(value, kind, name, column, line)
            if special is not None:
                rescue.text(column, special)
        values.append(value)
    return (*values, rescue.take(), source, line, line)


class Connection:
    """The driver's JDBC connection: the transaction whose snapshot every read shares."""

    def __init__(self, spark, url, properties):
        jvm = spark._jvm
        props = jvm.java.util.Properties()
        for key, value in properties.items():
            props.setProperty(key, value)
        try:
            driver = jvm.org.postgresql.Driver()  # without the jar, Py4J finds a package, not a class
        except Exception:
            raise JDBCIngestError(
                "the PostgreSQL JDBC driver is not on the classpath: spark-submit --jars /usr/share/java/postgresql.jar "
                "(Debian: libpostgresql-jdbc-java) or --packages org.postgresql:postgresql:42.7.4") from None
        try:
            self.connection = driver.connect(url, props)
        except Exception as error:
            raise JDBCIngestError(f"postgres: cannot connect to {describe(url)}: {java_message(error)}") from None
        if self.connection is None:
            raise JDBCIngestError(f"postgres: {describe(url)} is not a jdbc:postgresql:// URL")
        self.connection.setAutoCommit(False)
        self.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")  # JDBC always speaks UTF-8

    def execute(self, sql):
        statement = self.connection.createStatement()
        try:
            statement.execute(sql)
        finally:
            statement.close()

    def query(self, sql, *parameters):
        statement = self.connection.prepareStatement(sql)
        try:
            for i, value in enumerate(parameters, 1):
                statement.setString(i, value)
            result = statement.executeQuery()
            width = result.getMetaData().getColumnCount()
            rows = []
            while result.next():
                rows.append([result.getString(i) for i in range(1, width + 1)])
            return rows
        finally:
            statement.close()

    def close(self):
        try:
            self.connection.rollback()
        finally:
            self.connection.close()


def java_message(error):
    """The Java exception's own message (Py4J wraps it), without a stack trace."""
    text = str(getattr(error, "java_exception", None) or error)
    return text.splitlines()[0].split(": ", 1)[-1] if text else type(error).__name__


def describe(url):
    """The URL without credentials: host, port and database only (secrets never reach logs)."""
    parsed = urlparse(url[len("jdbc:"):] if url.startswith("jdbc:") else url)
    host = parsed.hostname or "localhost"
    return f"postgresql://{host}{':' + str(parsed.port) if parsed.port else ''}{parsed.path}"


def check_columns(connection, schema, names):
    """Every table and column present (PostgresSource.checkColumns), or an error naming them."""
    for table, columns in TABLES.items():
        name = names[table]
        found = {r[0] for r in connection.query(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?", schema, name)}
        if not found:
            raise JDBCIngestError(f"postgres: table {schema}.{name} does not exist (check --schema and the --*-table names)")
        missing = [c for c, _ in columns if c not in found]
        if missing:
            noun = "column" if len(missing) == 1 else "columns"
            raise JDBCIngestError(f"postgres: table {schema}.{name} has no {noun} {', '.join(missing)}")


def load_rejects(connection, schema):
    """rxpipe_load_rejects in (year, source, line) order; none when the table does not exist."""
    qualified = f"{quote_identifier(schema)}.{quote_identifier(LOAD_REJECTS)}"
    if connection.query("SELECT to_regclass(?) IS NOT NULL", qualified)[0][0] not in ("t", "true"):
        return []
    return [(int(y), s, int(n), r) for y, s, n, r in connection.query(
        f"SELECT year, source, line, reason FROM {qualified} ORDER BY year, source, line")]


def reject_rows(rejects):
    """rejectVectors: the data year, every other source column null, the reason in `_rescued`."""
    width = len(TABLES["prescriber_drug"])
    return [(year, *([None] * (width - 1)), swift_json({"_load_rejected": reason}), source, line, (1 << LINE_BITS) | i)
            for i, (year, source, line, reason) in enumerate(rejects)]


def export_snapshot(connection, schema, names):
    """Checks every table and column, then exports the transaction's snapshot (taken at its first
    statement) for the reads to share."""
    check_columns(connection, schema, names)
    return connection.query("SELECT pg_export_snapshot()")[0][0]


def read_tables(spark, connection, url, schema, names, properties, snapshot):
    """Every table as of `snapshot`, cached and counted (so a failure surfaces before any commit):
    ({table: frame}, {table: rows})."""
    rejects = load_rejects(connection, schema)
    join = (f"BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT '{snapshot}'; "
            "SET LOCAL synchronize_seqscans = off")
    frames = {}
    for table in TABLES:
        name, source = names[table], f"{schema}.{names[table]}"
        reader = (spark.read.format("jdbc").option("url", url).option("driver", "org.postgresql.Driver")
                  .option("query", select_sql(schema, name, table)).option("sessionInitStatement", join)
                  .option("fetchsize", 10000))
        for key, value in properties.items():
            reader = reader.option(key, value)
        rdd = reader.load().rdd.map(lambda row, table=table, name=name, source=source: typed_row(row, table, name, source))
        if table == "prescriber_drug" and rejects:
            rdd = rdd.union(spark.sparkContext.parallelize(reject_rows(rejects), 1))
        ddl = ", ".join(f"`{n}` {SPARK_TYPES[k]}" for n, k, _ in lake_schema(table)) + ", _order bigint"
        frames[table] = spark.createDataFrame(rdd, ddl).cache()
    try:
        return frames, {table: frame.count() for table, frame in frames.items()}
    except Exception as error:
        found = re.search(r"JDBCIngestError: (.*)", str(error))
        if found:
            raise JDBCIngestError(found.group(1)) from None
        raise JDBCIngestError(f"postgres: reading {describe(url)} failed: {java_message(error)}") from None


def connection_properties(url, properties=None):
    """JDBC properties, the password from PGPASSWORD unless the URL or `properties` has one."""
    properties = dict(properties or {})
    if os.environ.get("PGPASSWORD") and "password" not in properties and not re.search(r"[?&]password=", url):
        properties["password"] = os.environ["PGPASSWORD"]
    return properties


def run(spark, url, lake, *, schema="public", tables=None, properties=None, log=print):
    names = {t: t for t in TABLES} | (tables or {})
    for name in [schema, *names.values()]:
        if not name.strip() or len(name.encode()) > 63:
            # PostgreSQL keeps 63 bytes of a longer name and would read another table.
            raise JDBCIngestError(f"postgres: the name {name!r} is empty or longer than 63 bytes")
    properties = connection_properties(url, properties)
    storage = Storage(spark, lake)
    connection = Connection(spark, url, properties)
    try:
        frames, counts = read_tables(spark, connection, url, schema, names, properties,
                                     export_snapshot(connection, schema, names))
    finally:
        connection.close()
    records = {}
    for table, frame in frames.items():
        records[table] = write_table(storage, frame, "raw", table, lake_schema(table), [F.col("_order")],
                                     partition="year" if table == "prescriber_drug" else None, rows_per_file=1 << 22)
        frame.unpersist()
    for table in records:
        log(f"table {names[table]}: {counts[table]} rows")
    for table, record in records.items():
        log(f"raw/{table}\tversion {record['version']}\t{record['row_count']} rows\t{len(record['files'])} files"
            f"\tcontent {record['content_hash'][:16]}")
    return records
