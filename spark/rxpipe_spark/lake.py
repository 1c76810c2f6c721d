"""Reading and writing rxpipe's lake from Spark, on any Hadoop file system (a local path,
file://, s3a://, gs://, abfss://).

A table is <lake>/<zone>/<table>/ with `_manifest.json`, its commit record: readers use only
the files it lists. A new version is written beside the current one (into a `_spark-staging-`
folder rxpipe and Spark readers ignore), its part files are moved to rxpipe's names, and the
manifest is written last: on a local disk by an atomic rename, on S3 by one PUT (an object
appears whole). Files of the previous version are deleted only after that. The manifest is the
one rxpipe's own writer produces: the same keys, types, file hashes and content hash."""
import hashlib
import json
import os
import posixpath
from urllib.parse import unquote, urlparse

from pyspark.sql import functions as F

from . import CONTRACT_VERSION, JOB_VERSION

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


class Storage:
    """The Hadoop FileSystem of a lake root, through the JVM Spark already runs."""

    def __init__(self, spark, root):
        self.spark = spark
        self.root = root.rstrip("/")
        self.jvm = spark._jvm
        self.conf = spark._jsc.hadoopConfiguration()
        self.local = urlparse(self.root).scheme in ("", "file")

    def path(self, *parts):
        return posixpath.join(self.root, *parts)

    def _fs(self, path):
        p = self.jvm.org.apache.hadoop.fs.Path(path)
        return p.getFileSystem(self.conf), p

    def exists(self, path):
        fs, p = self._fs(path)
        return fs.exists(p)

    def read_text(self, path):
        fs, p = self._fs(path)
        stream = fs.open(p)
        try:
            return self.jvm.org.apache.commons.io.IOUtils.toString(stream, "UTF-8")
        finally:
            stream.close()

    def sha256_and_size(self, path):
        fs, p = self._fs(path)
        stream = fs.open(p)
        try:
            digest = self.jvm.org.apache.commons.codec.digest.DigestUtils.sha256Hex(stream)
        finally:
            stream.close()
        return digest, fs.getFileStatus(p).getLen()

    def list_files(self, folder, prefix=""):
        fs, p = self._fs(folder)
        if not fs.exists(p):
            return []
        return sorted(s.getPath().getName() for s in fs.listStatus(p) if s.isFile() and s.getPath().getName().startswith(prefix))

    def rename(self, source, target):
        fs, s = self._fs(source)
        _, t = self._fs(target)
        fs.mkdirs(t.getParent())
        if not fs.rename(s, t):
            raise OSError(f"cannot move {source} to {target}")

    def delete(self, path, recursive=False):
        fs, p = self._fs(path)
        fs.delete(p, recursive)

    def replace_text(self, path, text):
        """Writes `path` so a reader sees the old content or the new, never part."""
        data = text.encode("utf-8")
        if self.local:
            local = urlparse(path).path if path.startswith("file:") else path
            temp = local + ".tmp-spark"
            os.makedirs(os.path.dirname(local), exist_ok=True)
            with open(temp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, local)
        else:
            fs, p = self._fs(path)
            out = fs.create(p, True)
            try:
                out.write(bytearray(data))
            finally:
                out.close()


def manifest(storage, zone, table):
    path = storage.path(zone, table, "_manifest.json")
    if not storage.exists(path):
        return None
    m = json.loads(storage.read_text(path))
    if m.get("format") != "rxpipe-lake-manifest":
        raise ValueError(f"{path}: not an rxpipe manifest (format {m.get('format')!r})")
    return m


SPARK_TYPES = {"boolean": "boolean", "int32": "int", "int64": "bigint", "double": "double", "string": "string",
               "date": "date", "timestamp": "timestamp", "decimal(18,2)": "decimal(18,2)"}


def read_table(spark, storage, zone, table, lineage=False):
    """The committed version of a table: exactly the files its manifest lists, partition
    values from their folders, every column in the manifest's type (and, with `lineage`, each
    row's file as `_file_path` and its place in the file as `_row_index`)."""
    m = manifest(storage, zone, table)
    if m is None:
        return None
    directory = storage.path(zone, table)
    schema = m["schema"]
    if not m["files"]:
        ddl = ", ".join(f"`{f['name']}` {SPARK_TYPES[f['type']]}" for f in schema)
        return spark.createDataFrame([], ddl + (", _file_path string, _row_index bigint" if lineage else ""))
    files = [posixpath.join(directory, f["path"]) for f in m["files"]]
    df = spark.read.option("basePath", directory).parquet(*files)
    extra = [F.col("_metadata.file_path").alias("_file_path"), F.col("_metadata.row_index").alias("_row_index")] if lineage else []
    return df.select(*[df[f["name"]].cast(SPARK_TYPES[f["type"]]).alias(f["name"]) for f in schema], *extra)


def content_hash(files):
    """SHA-256 over each file's partition path and hash, lines sorted (TableWriter.contentHash)."""
    lines = []
    for f in files:
        part = "/".join(f"{k}={f['partition'][k] if f['partition'][k] is not None else NULL_PARTITION}"
                        for k in sorted(f["partition"]))
        lines.append(f"{part}\t{f['sha256']}\n")
    return hashlib.sha256("".join(sorted(lines)).encode()).hexdigest()


def canonical_json(value):
    """rxpipe's CanonicalJSON (Foundation's pretty printer with sorted keys): two-space indent,
    " : " between key and value, an empty array or object spread over an empty line, a final
    newline."""
    return _pretty(value, "") + "\n"


def _pretty(value, indent):
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{\n\n" + indent + "}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)} : {_pretty(value[k], inner)}" for k in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list):
        if not value:
            return "[\n\n" + indent + "]"
        return "[\n" + ",\n".join(inner + _pretty(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False)


def _part_files(storage, folder):
    """Spark's part files under `folder` (and its partition folders), in task order."""
    fs, p = storage._fs(folder)
    out = []
    for status in fs.listStatus(p):
        name = status.getPath().getName()
        if status.isDirectory() and "=" in name:
            out += [(name, f) for f in storage.list_files(posixpath.join(folder, name), "part-")]
        elif status.isFile() and name.startswith("part-"):
            out.append(("", name))
    return out


def _partition_value(folder):
    value = folder.split("=", 1)[1]
    return None if value == NULL_PARTITION else unquote(value)


def _partition_sort_key(folder):
    value = _partition_value(folder)
    return (value is None, int(value) if value is not None and value.lstrip("-").isdigit() else 0, value or "")


def write_table(storage, df, zone, table, schema, order, properties=None, partition=None, rows_per_file=1 << 22):
    """Commits `df` as the next version of a table: zstd part files sorted by `order` (within
    each `partition` folder when the table has one; a new file every `rows_per_file` rows, no
    file for no rows, as rxpipe writes an empty table), then the manifest."""
    previous = manifest(storage, zone, table)
    version = (previous["version"] if previous else 0) + 1
    directory = storage.path(zone, table)
    staging = posixpath.join(directory, f"_spark-staging-v{version:06d}")
    storage.delete(staging, recursive=True)
    columns = [df[name].cast(SPARK_TYPES[kind]).alias(name) for name, kind, _ in schema]
    out = df.select(*columns).cache()
    rows = out.count()
    files = []
    if rows > 0:
        pieces = -(-rows // rows_per_file)
        # Ascending, nulls first: the order Spark's partitioned writer requires, so it adds no sort.
        keys = ([F.col(partition).asc()] if partition else []) + list(order)
        laid = (out.coalesce(1) if pieces == 1 else out.repartitionByRange(pieces, *keys)).sortWithinPartitions(*keys)
        counts = {(task, str(value) if value is not None else None): n for task, value, n in laid.groupBy(
            F.spark_partition_id(), F.col(partition) if partition else F.lit(None)).count().collect()}
        writer = laid.write.option("compression", "zstd")
        (writer.partitionBy(partition) if partition else writer).parquet(staging)
        parts = _part_files(storage, staging)
        if partition:
            parts.sort(key=lambda p: (_partition_sort_key(p[0]), p[1]))
        for counter, (folder, name) in enumerate(parts):
            relative = posixpath.join(folder, f"part-v{version:06d}-{counter:05d}.parquet") if folder else f"part-v{version:06d}-{counter:05d}.parquet"
            storage.rename(posixpath.join(staging, folder, name), posixpath.join(directory, relative))
            sha, size = storage.sha256_and_size(posixpath.join(directory, relative))
            count = counts[(int(name.split("-")[1]), _partition_value(folder) if folder else None)]
            files.append({"path": relative, "partition": {partition: _partition_value(folder)} if partition else {},
                          "rows": count, "bytes": size, "sha256": sha})
        if sum(f["rows"] for f in files) != rows:
            raise RuntimeError(f"{zone}/{table}: Spark wrote {sum(f['rows'] for f in files)} rows, {rows} expected")
    out.unpersist()
    record = {
        "format": "rxpipe-lake-manifest", "manifest_version": 1, "zone": zone, "table": table, "version": version,
        "rxpipe_version": f"spark-job {JOB_VERSION}", "schema_version": CONTRACT_VERSION,
        "schema": [{"name": n, "type": t, "nullable": nullable} for n, t, nullable in schema],
        "partition_columns": [partition] if partition else [], "files": files, "row_count": rows,
        "content_hash": content_hash(files),
    }
    if properties:
        record["properties"] = properties
    storage.replace_text(posixpath.join(directory, "_manifest.json"), canonical_json(record))
    # Committed; what follows is housekeeping.
    storage.delete(staging, recursive=True)
    if previous:
        kept = {f["path"] for f in files}
        for f in previous["files"]:
            if f["path"] not in kept:
                storage.delete(posixpath.join(directory, f["path"]))
    return record
