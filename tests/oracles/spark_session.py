"""One local PySpark session for the oracle tests that need files Spark itself writes.

Spark runs in local mode on the JVM Debian ships (openjdk-17-jre-headless, installed by
scripts/setup.sh) with its defaults for Parquet: snappy, INT96 timestamps, DECIMAL sums widened
to DECIMAL(28,2). The session's time zone is UTC so instants do not depend on the machine."""
import os

import pytest


def local_spark(app):
    from pyspark.sql import SparkSession
    os.environ.setdefault("PYSPARK_PYTHON", os.path.realpath(os.sys.executable))
    return (SparkSession.builder.master("local[1]").appName(app)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.memory", "1g")
            .config("spark.driver.extraJavaOptions", "-Dlog4j2.level=ERROR")
            .getOrCreate())


@pytest.fixture(scope="module")
def spark():
    session = local_spark("rxpipe-oracles")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
