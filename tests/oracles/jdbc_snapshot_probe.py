"""Run by spark-submit from test_spark_jdbc.py: exports the Spark job's snapshot, lets the
database change (psql: `sys.argv[3]`), then reads the four tables through the job's own code and
prints their row counts as JSON. The counts must be those from before the change.

    spark-submit --jars postgresql.jar jdbc_snapshot_probe.py JDBC_URL CONNINFO SQL"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "spark"))

from pyspark.sql import SparkSession  # noqa: E402

import rxpipe_job  # noqa: E402
from rxpipe_spark import jdbc_ingest as J  # noqa: E402

url, conninfo, change = sys.argv[1:4]
spark = SparkSession.builder.appName("rxpipe snapshot probe").getOrCreate()
rxpipe_job.ship_package(spark)
names = {t: t for t in J.TABLES}
connection = J.Connection(spark, url, {})
try:
    snapshot = J.export_snapshot(connection, "public", names)
    subprocess.run([os.environ.get("PSQL", "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", change], check=True)
    _, counts = J.read_tables(spark, connection, url, "public", names, {}, snapshot)
finally:
    connection.close()
    spark.stop()
print("COUNTS " + json.dumps(counts, sort_keys=True))
