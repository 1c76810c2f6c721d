"""Shared helpers for the oracle tests: the rxpipe binary under test and value normalisation.

pyarrow and DuckDB are the oracles; rxpipe's JSONL output is compared value by value with
what they read (NaN and infinities as strings, dates as ISO text, as rxpipe prints them).
"""
import datetime
import fcntl
import json
import math
import os
import subprocess

import pytest

BIN = os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe")


def rxpipe(*args, check=True, **kw):
    """Runs the rxpipe binary; returns the CompletedProcess (text mode)."""
    p = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"rxpipe {' '.join(map(str, args))} failed ({p.returncode}): {p.stderr}")
    return p


def normalise(v):
    """A Python value as rxpipe's JSONL prints it."""
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(v, datetime.datetime):
        return iso_utc(v)
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


def iso_utc(t):
    """A timestamp as rxpipe prints it: UTC, ISO 8601 with a Z, microseconds only when not zero.
    A naive datetime (Spark's TIMESTAMP_NTZ, pyarrow without a zone) keeps its wall clock."""
    if t.tzinfo is not None:
        t = t.astimezone(datetime.timezone.utc)
    text = t.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (f".{t.microsecond:06d}" if t.microsecond else "") + "Z"


def tree(path):
    """Every file under `path` as relative path → bytes (a site or lake, to compare byte for byte)."""
    out = {}
    for base, _, files in os.walk(path):
        for f in files:
            p = os.path.join(base, f)
            out[os.path.relpath(p, path)] = open(p, "rb").read()
    return out


def arrow_rows(table):
    cols = table.column_names
    data = {c: table.column(c).to_pylist() for c in cols}
    return [{c: normalise(data[c][i]) for c in cols} for i in range(table.num_rows)]


def rx_rows(path, *extra):
    out = rxpipe("parquet", "cat", path, "--format", "jsonl", *extra).stdout
    return [json.loads(line) for line in out.splitlines()]


def same(a, b):
    """Row lists equal, with -0.0 and +0.0 told apart."""
    assert len(a) == len(b)
    for i, (x, y) in enumerate(zip(a, b)):
        assert x == y, f"row {i}: {x} != {y}"
        for k in x:
            if isinstance(x[k], float):
                assert math.copysign(1, x[k]) == math.copysign(1, y[k]), f"row {i} column {k}: sign of zero"


@pytest.fixture
def tmp(tmp_path):
    return tmp_path


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "heavy: scale, crash and end-to-end scenario tests (minutes in all); `make test-heavy` runs them, "
        "`make test` leaves them out, `make test-full` and CI run both")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The shipped sample's lake and site, built once per session: (lake, site). Tests only read
    them; a test that changes files works on its own copy (shutil.copytree)."""
    from sample_site import build_sample_site
    return build_sample_site(str(tmp_path_factory.mktemp("sample")))


def built_once(tmp_path_factory, name, build):
    """What `build(folder)` returns (JSON), built by one pytest-xdist worker and shared by all.

    xdist's `--dist loadgroup` does not keep a module on one worker under pytest 9 (the group
    suffix it gives node ids is lost), so expensive module fixtures — the Spark pipelines — would
    be built once per worker. The first worker to take the lock builds into the session's shared
    temporary folder; the others wait and read its result. Tests must only read what is built."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder, result = base / name, base / f"{name}.json"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.exists():
            folder.mkdir(exist_ok=True)
            result.write_text(json.dumps(build(folder)))
        return json.loads(result.read_text())
