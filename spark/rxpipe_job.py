"""rxpipe's lake contract on Apache Spark.

    spark-submit spark/rxpipe_job.py transform --lake /data/lake
    spark-submit --packages org.apache.hadoop:hadoop-aws:3.4.1 spark/rxpipe_job.py transform --lake s3a://bucket/lake

Reads the committed cleansed zone of an rxpipe lake and commits every curated table of
docs/tables.md in rxpipe's layout (zstd Parquet, `_manifest.json` last), so `rxpipe render`
and `rxpipe publish` work from it. Exit 1 with the reason when the inputs break the contract.
See docs/scale-out.md.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from rxpipe_spark import transform  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(prog="rxpipe_job.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="stage", required=True)
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
    try:
        transform.run(spark, args.lake, args.min_claims, args.min_peers, args.threshold, args.states_csv)
    except transform.ContractError as error:
        print(f"rxpipe_job: {error}", file=sys.stderr)
        return 1
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
