"""rxpipe's lake contract on Apache Spark: the same curated tables, in the same lake layout,
for data beyond one machine. See docs/scale-out.md."""

# The rxpipe lake contract this job writes (docs/tables.md, the manifest's schema_version).
CONTRACT_VERSION = "1"
JOB_VERSION = "0.2.0"
