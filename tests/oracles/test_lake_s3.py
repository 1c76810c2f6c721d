"""A lake on S3 (`[lake] root = "s3://bucket/prefix"`) against a real S3-compatible server,
moto's server mode on loopback.

The lake is uploaded the way the Spark job (or any writer) commits it: data files first, each
table's `_manifest.json` last, with Spark's bookkeeping and an uncommitted part file beside
them. rxpipe works on it through a local copy it pulls by manifest and pushes in commit order.
"""
import hashlib
import json
import os
import subprocess

import boto3
import pytest
from moto.server import ThreadedMotoServer

from conftest import BIN, tree
from test_publish_s3 import free_port

BUCKET = "rx-lake"
PREFIX = "partd/lake"
KEY_ID, SECRET = "AKIAMOTOEXAMPLE", "motosecret/+="


@pytest.fixture(scope="module")
def moto():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(moto):
    client = boto3.client("s3", endpoint_url=moto, aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET,
                          region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for o in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=o["Key"])
    client.delete_bucket(Bucket=BUCKET)


def env_for(moto, tmp, **extra):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY_ID, AWS_SECRET_ACCESS_KEY=SECRET, AWS_DEFAULT_REGION="us-east-1",
               RXPIPE_LAKE_ROOT=f"s3://{BUCKET}/{PREFIX}", RXPIPE_LAKE_ENDPOINT_URL=moto,
               RXPIPE_LAKE_CACHE=str(tmp / "cache"))
    for k in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        env.pop(k, None)
    env.update(extra)
    return env


def run(env, *args, check=True):
    p = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, env=env)
    if check:
        assert p.returncode == 0, f"rxpipe {' '.join(map(str, args))} failed ({p.returncode}): {p.stderr}"
    return p


def upload_like_a_writer(s3, lake):
    """Every file of a local lake, data first and manifests last (locks stay behind), plus what
    Spark leaves beside a committed table and a part file of a version never committed."""
    files = sorted(os.path.relpath(os.path.join(b, f), lake) for b, _, fs in os.walk(lake) for f in fs)
    files = [f for f in files if not f.endswith(".lock") and os.path.basename(f) != "_lock"]
    for f in sorted(files, key=lambda f: (f.endswith("_manifest.json"), f)):
        s3.upload_file(os.path.join(lake, f), BUCKET, f"{PREFIX}/{f}")
    s3.put_object(Bucket=BUCKET, Key=f"{PREFIX}/curated/drug_summary/_SUCCESS", Body=b"")
    s3.put_object(Bucket=BUCKET, Key=f"{PREFIX}/curated/drug_summary/part-v999999-00000.parquet", Body=b"not committed")
    s3.put_object(Bucket=BUCKET, Key=f"{PREFIX}/curated/drug_summary/_temporary/0/part-00000.parquet", Body=b"in flight")
    return files


def keys(s3):
    out = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=PREFIX + "/"):
        for o in page.get("Contents", []):
            out[o["Key"][len(PREFIX) + 1:]] = o["ETag"].strip('"')
    return out


def test_render_from_a_lake_on_s3_gives_the_same_site(sample_build, s3, moto, tmp_path):
    lake, site = sample_build
    files = upload_like_a_writer(s3, lake)
    env = env_for(moto, tmp_path)
    p = run(env, "render", "--out", tmp_path / "site", "-v")
    assert tree(tmp_path / "site") == tree(site), "the site from the S3 lake differs from the site from the local lake"
    copy = tmp_path / "cache" / BUCKET / PREFIX
    pulled = sorted(os.path.relpath(os.path.join(b, f), copy) for b, _, fs in os.walk(copy) for f in fs
                    if not f.startswith(".") and f != "_run.lock")
    assert pulled == sorted(files), "the copy holds exactly the committed lake"
    assert "fetched" in p.stderr and f"s3://{BUCKET}/{PREFIX}" in p.stderr, p.stderr
    # Nothing changed on S3: the next command fetches nothing and renders the same bytes.
    again = run(env, "render", "--out", tmp_path / "site2", "-v")
    assert "fetched 0 files" in again.stderr, again.stderr
    assert tree(tmp_path / "site2") == tree(site)
    # Rendering wrote nothing to the bucket.
    assert "_run.lock" not in keys(s3)


def test_writes_reach_the_bucket_in_commit_order_and_another_machine_sees_them(sample_build, s3, moto, tmp_path):
    lake, _ = sample_build
    upload_like_a_writer(s3, lake)
    env = env_for(moto, tmp_path)
    s3.delete_object(Bucket=BUCKET, Key=f"{PREFIX}/profiles/curated/drug_summary.json")
    before = keys(s3)
    run(env, "profile", "--table", "curated/drug_summary")
    after = keys(s3)
    changed = {k for k in after if before.get(k) != after[k]} | (before.keys() - after.keys())
    assert changed == {"profiles/curated/drug_summary.json"}, changed
    local = (tmp_path / "cache" / BUCKET / PREFIX / "profiles/curated/drug_summary.json").read_bytes()
    assert after["profiles/curated/drug_summary.json"] == hashlib.md5(local).hexdigest()

    # A new table version from `lake import`: its data, then its manifest; the old version's
    # files are deleted from the bucket after the manifest that stops listing them.
    import pyarrow as pa
    import pyarrow.parquet as pq
    src = tmp_path / "extra.parquet"
    pq.write_table(pa.table({"drug": ["A", "B"], "n": [1, 2]}), src)
    run(env, "lake", "import", src, "raw/extra")
    v1 = {k for k in keys(s3) if k.startswith("raw/extra/")}
    assert "raw/extra/_manifest.json" in v1 and any(k.endswith(".parquet") for k in v1), v1
    pq.write_table(pa.table({"drug": ["C"], "n": [3]}), src)
    run(env, "lake", "import", src, "raw/extra")
    v2 = {k for k in keys(s3) if k.startswith("raw/extra/")}
    assert not (v1 - {"raw/extra/_manifest.json"}) & v2, "the first version's part files were not deleted"
    # Another machine (a fresh cache) reads the committed version.
    other = env_for(moto, tmp_path / "other")
    rows = [json.loads(line) for line in run(other, "lake", "head", "raw/extra").stdout.splitlines()]
    assert rows == [{"drug": "C", "n": 3}]
    listing = run(other, "lake", "ls").stdout
    assert "raw/extra" in listing and "curated/drug_summary" in listing, listing


def test_a_changed_or_missing_object_is_named_and_nothing_is_rendered(sample_build, s3, moto, tmp_path):
    lake, _ = sample_build
    upload_like_a_writer(s3, lake)
    manifest = json.loads(open(os.path.join(lake, "curated/drug_summary/_manifest.json")).read())
    part = "curated/drug_summary/" + manifest["files"][0]["path"]
    s3.put_object(Bucket=BUCKET, Key=f"{PREFIX}/{part}", Body=b"tampered")
    env = env_for(moto, tmp_path)
    p = run(env, "render", "--out", tmp_path / "site", check=False)
    assert p.returncode == 1
    assert f"lake s3://{BUCKET}/{PREFIX}: {part} has SHA-256" in p.stderr and "its manifest says" in p.stderr, p.stderr
    assert not (tmp_path / "site").exists()
    s3.delete_object(Bucket=BUCKET, Key=f"{PREFIX}/{part}")
    p = run(env, "render", "--out", tmp_path / "site", check=False)
    assert p.returncode == 1 and f"lists {part}, which the bucket does not hold" in p.stderr, p.stderr
    assert KEY_ID not in p.stderr and SECRET not in p.stderr


def test_a_bad_lake_location_is_a_usage_error(tmp_path, moto):
    env = env_for(moto, tmp_path, RXPIPE_LAKE_ROOT="s3://Bad_Bucket/x")
    p = run(env, "lake", "ls", check=False)
    assert p.returncode == 2 and "[lake] root s3://Bad_Bucket/x" in p.stderr, p.stderr
    env = env_for(moto, tmp_path, RXPIPE_LAKE_ROOT="s3://missing-bucket/x")
    p = run(env, "runs", check=False)
    assert p.returncode == 1 and "s3://missing-bucket/x" in p.stderr and "does not exist" in p.stderr, p.stderr
