"""`rxpipe fetch` against a local stand-in for data.cms.gov (cms_server.py): fresh download,
304 on the second run, a changed file, a cut transfer resumed with Range, 503 recovered and
persistent, a checksum mismatch, offline, secrets kept out of the output; then `rxpipe ingest`
reads what was fetched."""
import glob
import os
import subprocess

import pytest
from cms_server import CMSServer, closed_port

RXPIPE = os.path.abspath(os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe"))
NAMES = {2022: "MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv", 2023: "MUP_DPR_RY25_P04_V10_DY23_NPIBN.csv"}


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """Two seeds of `rxpipe sample --rows 500` for 2022-2023: year -> seed -> bytes."""
    root = tmp_path_factory.mktemp("fetchsamples")
    out = {2022: {}, 2023: {}}
    for seed in (1, 2):
        d = root / f"s{seed}"
        subprocess.run([RXPIPE, "sample", "--rows", "500", "--years", "2022-2023", "--seed", str(seed), "--out", str(d)],
                       check=True, capture_output=True)
        for year in out:
            (path,) = glob.glob(str(d / f"*DY{year % 100}*.csv"))
            out[year][seed] = open(path, "rb").read()
    return out


@pytest.fixture
def server(samples):
    s = CMSServer()
    for year in (2022, 2023):
        s.put(year, NAMES[year], samples[year][1])
    yield s
    s.shutdown()
    s.server_close()


def fetch(tmp_path, catalog_url, *args, **env):
    e = dict(os.environ, RXPIPE_FETCH_CATALOG_URL=catalog_url, RXPIPE_SOURCE_PATH=str(tmp_path / "src"),
             RXPIPE_LAKE_ROOT=str(tmp_path / "lake"), RXPIPE_FETCH_RETRY_DELAY_MS="20", RXPIPE_FETCH_TIMEOUT="10")
    e.update(env)
    return subprocess.run([RXPIPE, "fetch", *args], capture_output=True, text=True, env=e, cwd=tmp_path)


def placed(tmp_path):
    src = tmp_path / "src"
    return sorted(p for p in os.listdir(src) if p.endswith(".csv")) if src.exists() else []


def test_fresh_then_304_then_changed_then_ingest(tmp_path, server, samples):
    first = fetch(tmp_path, server.catalog_url, "--years", "2022-2023")
    assert first.returncode == 0, first.stderr
    assert placed(tmp_path) == sorted(NAMES.values())
    for year, name in NAMES.items():
        assert (tmp_path / "src" / name).read_bytes() == samples[year][1]
        assert f"{year}\tdownloaded" in first.stdout
        assert (tmp_path / "src" / f".{name}.fetch.json").exists()
    assert not glob.glob(str(tmp_path / "src" / ".*.part*"))

    target = tmp_path / "src" / NAMES[2022]
    before = os.stat(target).st_mtime_ns, os.stat(target).st_ino
    second = fetch(tmp_path, server.catalog_url, "--years", "2022-2023")
    assert second.returncode == 0, second.stderr
    assert "2022\tunchanged" in second.stdout and "2023\tunchanged" in second.stdout
    path = server.path_of(2022)
    assert server.statuses(path)[-1] == 304
    assert "if-none-match" in server.headers_of(path)[-1]
    assert (os.stat(target).st_mtime_ns, os.stat(target).st_ino) == before

    server.put(2022, NAMES[2022], samples[2022][2])
    third = fetch(tmp_path, server.catalog_url, "--years", "2022-2023")
    assert third.returncode == 0, third.stderr
    assert "2022\tdownloaded" in third.stdout and "2023\tunchanged" in third.stdout
    assert target.read_bytes() == samples[2022][2]

    ingest = subprocess.run([RXPIPE, "ingest"], capture_output=True, text=True, cwd=tmp_path,
                            env=dict(os.environ, RXPIPE_SOURCE_PATH=str(tmp_path / "src"), RXPIPE_LAKE_ROOT=str(tmp_path / "lake")))
    assert ingest.returncode == 0, ingest.stderr
    years = sorted(os.listdir(tmp_path / "lake" / "raw" / "cms_prescriber_drug"))
    assert [y for y in years if y.startswith("year=")] == ["year=2022", "year=2023"]


def test_newest_year_by_default_and_dry_run(tmp_path, server):
    dry = fetch(tmp_path, server.catalog_url, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("2023\t" + NAMES[2023] + "\t" + server.base)
    assert placed(tmp_path) == []
    real = fetch(tmp_path, server.catalog_url)
    assert real.returncode == 0, real.stderr
    assert placed(tmp_path) == [NAMES[2023]]


def test_cut_transfer_is_resumed_with_range(tmp_path, server, samples):
    data = samples[2022][1]
    server.truncate_once[2022] = len(data) // 3
    result = fetch(tmp_path, server.catalog_url, "--years", "2022")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "src" / NAMES[2022]).read_bytes() == data
    path = server.path_of(2022)
    assert server.statuses(path) == [200, 206]
    resumed = server.headers_of(path)[-1]
    assert resumed["range"] == f"bytes={len(data) // 3}-" and "if-range" in resumed
    assert f"resumed at {len(data) // 3}" in result.stdout
    assert not glob.glob(str(tmp_path / "src" / ".*.part*"))


def test_cut_transfer_without_retries_leaves_no_csv_then_resumes_next_run(tmp_path, server, samples):
    data = samples[2022][1]
    server.truncate_once[2022] = 1000
    failed = fetch(tmp_path, server.catalog_url, "--years", "2022", RXPIPE_FETCH_ATTEMPTS="1")
    assert failed.returncode == 1
    assert server.base + server.path_of(2022) in failed.stderr
    assert placed(tmp_path) == []  # only the hidden .part, which ingest never reads
    again = fetch(tmp_path, server.catalog_url, "--years", "2022")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "src" / NAMES[2022]).read_bytes() == data
    assert server.headers_of(server.path_of(2022))[-1]["range"] == "bytes=1000-"


def test_503_recovers_after_retries(tmp_path, server, samples):
    server.unavailable[server.path_of(2022)] = 2
    server.unavailable["/data.json"] = 1
    result = fetch(tmp_path, server.catalog_url, "--years", "2022")
    assert result.returncode == 0, result.stderr
    assert server.statuses(server.path_of(2022)) == [503, 503, 200]
    assert "HTTP 503; retrying" in result.stderr
    assert (tmp_path / "src" / NAMES[2022]).read_bytes() == samples[2022][1]


def test_persistent_503_names_url_and_status(tmp_path, server):
    server.unavailable[server.path_of(2022)] = -1
    result = fetch(tmp_path, server.catalog_url, "--years", "2022", RXPIPE_FETCH_ATTEMPTS="3")
    assert result.returncode == 1
    assert len(server.statuses(server.path_of(2022))) == 3
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("rxpipe: error: fetch: ")
    assert server.base + server.path_of(2022) in last and "HTTP 503" in last
    assert placed(tmp_path) == []


def test_checksum_mismatch_places_nothing(tmp_path, server, samples):
    server.with_checksum = True
    server.bad_checksum.add(2022)
    result = fetch(tmp_path, server.catalog_url, "--years", "2022-2023")
    assert result.returncode == 1
    assert "sha256" in result.stderr and server.path_of(2022) in result.stderr
    assert NAMES[2022] not in placed(tmp_path)
    assert not glob.glob(str(tmp_path / "src" / ".*.part*"))
    # A right checksum is accepted.
    server.bad_checksum.clear()
    ok = fetch(tmp_path, server.catalog_url, "--years", "2022")
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "src" / NAMES[2022]).read_bytes() == samples[2022][1]


def test_offline_is_a_clear_error(tmp_path):
    url = f"http://127.0.0.1:{closed_port()}/data.json"
    result = fetch(tmp_path, url, "--years", "2022", RXPIPE_FETCH_ATTEMPTS="2")
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert "cannot reach " + url in last and "2 attempts" in last and "catalog_url" in last


def test_secrets_in_urls_are_never_printed(tmp_path, server):
    server.unavailable["/data.json"] = -1
    url = server.catalog_url.replace("http://", "http://reader:s3cret@") + "?token=t0ken"
    result = fetch(tmp_path, url, "--years", "2022", "--verbose", RXPIPE_FETCH_ATTEMPTS="2")
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "s3cret" not in out and "t0ken" not in out, out
    assert server.catalog_url in out and "HTTP 503" in out


def test_missing_year_lists_what_the_catalog_has(tmp_path, server):
    result = fetch(tmp_path, server.catalog_url, "--years", "2019")
    assert result.returncode == 1
    assert "2019" in result.stderr and "listed: 2022, 2023" in result.stderr
