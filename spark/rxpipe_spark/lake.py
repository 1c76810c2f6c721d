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
from urllib.parse import urlparse

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


def read_table(spark, storage, zone, table):
    """The committed version of a table: exactly the files its manifest lists, partition
    values from their folders, every column in the manifest's type."""
    m = manifest(storage, zone, table)
    if m is None:
        return None
    directory = storage.path(zone, table)
    schema = m["schema"]
    if not m["files"]:
        ddl = ", ".join(f"`{f['name']}` {SPARK_TYPES[f['type']]}" for f in schema)
        return spark.createDataFrame([], ddl)
    files = [posixpath.join(directory, f["path"]) for f in m["files"]]
    df = spark.read.option("basePath", directory).parquet(*files)
    return df.select(*[df[f["name"]].cast(SPARK_TYPES[f["type"]]).alias(f["name"]) for f in schema])


def content_hash(files):
    """SHA-256 over each file's partition path and hash, lines sorted (TableWriter.contentHash)."""
    lines = []
    for f in files:
        part = "/".join(f"{k}={f['partition'][k] if f['partition'][k] is not None else NULL_PARTITION}"
                        for k in sorted(f["partition"]))
        lines.append(f"{part}\t{f['sha256']}\n")
    return hashlib.sha256("".join(sorted(lines)).encode()).hexdigest()


def canonical_json(value):
    """rxpipe's CanonicalJSON: sorted keys, two-space indent, " : " between key and value."""
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False, separators=(",", " : ")) + ""


def write_table(storage, df, zone, table, schema, order, properties=None):
    """Commits `df` as the next version of an unpartitioned table: one zstd part file sorted by
    `order` (no file for no rows, as rxpipe writes an empty table), then the manifest."""
    previous = manifest(storage, zone, table)
    version = (previous["version"] if previous else 0) + 1
    directory = storage.path(zone, table)
    staging = posixpath.join(directory, f"_spark-staging-v{version:06d}")
    storage.delete(staging, recursive=True)
    columns = [df[name].cast(SPARK_TYPES[kind]).alias(name) for name, kind, _ in schema]
    out = df.select(*columns).coalesce(1).sortWithinPartitions(*order).cache()
    rows = out.count()
    files = []
    if rows > 0:
        out.write.option("compression", "zstd").parquet(staging)
        parts = storage.list_files(staging, "part-")
        if len(parts) != 1:
            raise RuntimeError(f"{zone}/{table}: Spark wrote {len(parts)} part files, one expected")
        relative = f"part-v{version:06d}-00000.parquet"
        storage.rename(posixpath.join(staging, parts[0]), posixpath.join(directory, relative))
        sha, size = storage.sha256_and_size(posixpath.join(directory, relative))
        files.append({"path": relative, "partition": {}, "rows": rows, "bytes": size, "sha256": sha})
    out.unpersist()
    record = {
        "format": "rxpipe-lake-manifest", "manifest_version": 1, "zone": zone, "table": table, "version": version,
        "rxpipe_version": f"spark-job {JOB_VERSION}", "schema_version": CONTRACT_VERSION,
        "schema": [{"name": n, "type": t, "nullable": nullable} for n, t, nullable in schema],
        "partition_columns": [], "files": files, "row_count": rows, "content_hash": content_hash(files),
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
