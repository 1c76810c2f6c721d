"""`transform` on Spark: the cleansed zone of an rxpipe lake in, every curated table out."""
import os
import time

from pyspark.sql import functions as F

from . import curated
from .lake import Storage, read_table, write_table

# The shipped state reference (assets/us-states.csv), used when the lake has no cleansed/state.
STATES_CSV = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "assets",
                          "us-states.csv")


class ContractError(Exception):
    """The cleansed zone is not what docs/tables.md promises (the stage commits nothing)."""


def state_reference(spark, states_csv):
    df = spark.read.option("header", "true").option("dtypes", "string").csv(states_csv)
    return df.select(F.col("postal").alias("state"), F.col("name").alias("state_name"),
                     F.col("population_2020").cast("bigint").alias("population"))


def register_inputs(spark, storage, states_csv):
    views = {}
    for view, table in [("pd", "prescriber_drug"), ("presc", "prescriber"), ("drug", "drug")]:
        df = read_table(spark, storage, "cleansed", table)
        if df is None:
            raise ContractError(f"{storage.path('cleansed', table)} is not committed; run `rxpipe cleanse` first")
        df.createOrReplaceTempView(view)
        views[view] = df
    states = read_table(spark, storage, "cleansed", "state")
    (states if states is not None else state_reference(spark, states_csv)).createOrReplaceTempView("st")
    # Every fact has its dimension rows, and no dimension key appears twice (docs/tables.md, Inputs).
    for view, keys in [("drug", ["drug_id"]), ("presc", ["year", "npi"])]:
        dup = spark.sql(f"SELECT {', '.join(keys)} FROM {view} GROUP BY {', '.join(keys)} HAVING count(*) > 1 LIMIT 1").collect()
        if dup:
            raise ContractError(f"cleansed/{'drug' if view == 'drug' else 'prescriber'}: key {dup[0].asDict()} appears twice")
    orphan = spark.sql("""SELECT pd.year, pd.npi, pd.drug_id FROM pd LEFT JOIN drug d ON d.drug_id = pd.drug_id
                          LEFT JOIN presc p ON p.year = pd.year AND p.npi = pd.npi
                          WHERE d.drug_id IS NULL OR p.npi IS NULL LIMIT 1""").collect()
    if orphan:
        raise ContractError(f"cleansed/prescriber_drug: row {orphan[0].asDict()} has no drug or prescriber row")


def run(spark, lake, min_claims=250, min_peers=20, threshold=4.0, states_csv=STATES_CSV, log=print):
    storage = Storage(spark, lake)
    register_inputs(spark, storage, states_csv)
    spark.sql(curated.FACTS).cache().createOrReplaceTempView("f")
    spark.sql(curated.RANKED).cache().createOrReplaceTempView("ranked")
    jobs = dict(curated.TABLES)
    jobs["prescriber_outliers"] = curated.outliers(min_claims, min_peers, threshold)
    # Compute every table before committing any, so a failure commits nothing.
    frames = {name: (spark.sql(sql), schema, order) for name, (sql, schema, order) in jobs.items()}
    results = {}
    for name, (df, schema, order) in sorted(frames.items()):
        started = time.time()
        keys = [F.col(k).asc_nulls_last() for k in order]
        record = write_table(storage, df, "curated", name, schema, keys)
        results[name] = record
        log(f"curated/{name}\tversion {record['version']}\t{record['row_count']} rows\tcontent {record['content_hash'][:16]}"
            f"\t{time.time() - started:.2f} s")
    return results
