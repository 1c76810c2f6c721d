"""rxpipe's lake contract on Apache Spark.

    spark-submit spark/rxpipe_job.py ingest --source /data/cms --lake /data/lake
    spark-submit --jars /usr/share/java/postgresql.jar spark/rxpipe_job.py ingest \
        --jdbc jdbc:postgresql://db.internal:5432/partd?user=rxpipe --lake /data/lake
    spark-submit spark/rxpipe_job.py cleanse --lake /data/lake
    spark-submit spark/rxpipe_job.py transform --lake /data/lake
    spark-submit --packages org.apache.hadoop:hadoop-aws:3.5.0 spark/rxpipe_job.py transform --lake s3a://bucket/lake

`ingest` reads CMS wide CSV files into raw/cms_prescriber_drug, or the four source tables (as
CSV files, or from PostgreSQL with `--jdbc`) into raw/prescriber, raw/drug, raw/prescriber_drug
and raw/state; `cleanse` reads the committed raw zone (either layout) and commits cleansed/*,
quarantine/* and cleansed/quality.json; `transform` reads the cleansed zone and commits every
curated table of docs/tables.md. Every stage writes rxpipe's layout (zstd Parquet, `_manifest.json` last), so `rxpipe
render` and `rxpipe publish` work from it. Exit 1 with the reason when the inputs break the
contract; nothing is committed then. See docs/scale-out.md.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from rxpipe_spark import cleanse, ingest, jdbc_ingest, transform  # noqa: E402
from rxpipe_spark.source_tables import TABLES  # noqa: E402


def ship_package(spark):
    """Sends the rxpipe_spark package to the executors (its Python UDFs run there): zipped from
    beside this file, unless spark-submit --py-files already brought it."""
    import tempfile
    import zipfile
    package = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rxpipe_spark")
    if not os.path.isdir(package):
        return
    archive = os.path.join(tempfile.mkdtemp(prefix="rxpipe-spark-"), "rxpipe_spark.zip")
    with zipfile.ZipFile(archive, "w") as z:
        for name in sorted(os.listdir(package)):
            if name.endswith(".py"):
                z.write(os.path.join(package, name), f"rxpipe_spark/{name}")
    spark.sparkContext.addPyFile(archive)


def table_names(args):
    return {t: getattr(args, f"{t}_table") for t in TABLES}


def years(text):
    lo, _, hi = text.partition("-")
    return int(lo), int(hi or lo)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="rxpipe_job.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="stage", required=True)
    i = sub.add_parser("ingest", help="CMS wide CSV files, or the four source tables (CSV files, or PostgreSQL with --jdbc) → raw zone")
    what = i.add_mutually_exclusive_group(required=True)
    what.add_argument("--source", help="folder of CMS files or of the four table files (.csv, .csv.gz): a path, file://, s3a://, …")
    what.add_argument("--jdbc", help="jdbc:postgresql://host:port/database?user=… ([source] url; the password in PGPASSWORD)")
    i.add_argument("--schema", default="public", help="[source] schema (with --jdbc)")
    for table in TABLES:
        i.add_argument(f"--{table.replace('_', '-')}-table", default=table,
                       help=f"[source] {table}_table: the database table, or the file's name without .csv")
    i.add_argument("--layout", choices=["auto", "cms_wide", "four_table"], default="auto",
                   help="[source] layout of --source: four_table when files are named after the tables (auto)")
    i.add_argument("--lake", required=True, help="lake root: a path, file://, s3a://, gs://, abfss://")
    i.add_argument("--years", type=years, default=None, help="[source] min_year-max_year (default 2013-the current year)")
    i.add_argument("--year", type=int, default=None, help="the data year of files whose name carries none (…_DY22_…)")
    c = sub.add_parser("cleanse", help="raw zone → cleansed zone, quarantine, quality.json")
    c.add_argument("--lake", required=True, help="lake root: a path, file://, s3a://, gs://, abfss://")
    c.add_argument("--pseudonymize", action="store_true",
                   help="[privacy] pseudonymize: NPIs become keyed pseudonyms (key in RXPIPE_PSEUDONYM_KEY), names are dropped")
    c.add_argument("--suppress-below", type=int, default=11, help="[privacy] suppress_below")
    c.add_argument("--years", type=years, default=None, help="[source] min_year-max_year (default 2013-the current year)")
    c.add_argument("--generic", action="append", default=[], help="[drugs] generic: a brand name always counted as generic")
    c.add_argument("--brand", action="append", default=[], help="[drugs] brand: a brand name always counted as a brand")
    t = sub.add_parser("transform", help="cleansed zone → curated zone")
    t.add_argument("--lake", required=True, help="lake root: a path, file://, s3a://, gs://, abfss://")
    t.add_argument("--min-claims", type=int, default=250, help="[outliers] min_claims")
    t.add_argument("--min-peers", type=int, default=20, help="[outliers] min_peers")
    t.add_argument("--threshold", type=float, default=4.0, help="[outliers] threshold")
    t.add_argument("--states-csv", default=transform.STATES_CSV, help="state reference when the lake has no cleansed/state")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.appName(f"rxpipe {args.stage}")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
             .getOrCreate())
    spark.sparkContext.setLogLevel(os.environ.get("RXPIPE_SPARK_LOG_LEVEL", "WARN"))
    ship_package(spark)
    try:
        if args.stage == "ingest" and args.jdbc:
            jdbc_ingest.run(spark, args.jdbc, args.lake, schema=args.schema, tables=table_names(args))
        elif args.stage == "ingest":
            ingest.run(spark, args.source, args.lake, years=args.years, year=args.year, layout=args.layout,
                       names=table_names(args))
        elif args.stage == "cleanse":
            cleanse.run(spark, args.lake, pseudonymize=args.pseudonymize, suppress_below=args.suppress_below, years=args.years,
                        generic=args.generic, brand=args.brand)
        else:
            transform.run(spark, args.lake, args.min_claims, args.min_peers, args.threshold, args.states_csv)
    except (transform.ContractError, cleanse.CleanseError, ingest.IngestError, jdbc_ingest.JDBCIngestError) as error:
        print(f"rxpipe_job: {error}", file=sys.stderr)
        return 1
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
