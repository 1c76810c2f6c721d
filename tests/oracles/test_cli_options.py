"""Command-line options follow the same rules as the configuration (issue #24 item 15): a value
out of range, negative numbers included, is a usage error (exit 2) naming the option, never a
crash or "Missing value"; and with `--log-format json` every error is one JSON object on stderr."""
import json
import os

import pytest

from conftest import rxpipe


@pytest.mark.parametrize("args,option", [
    (["sample", "--rows", "-5", "--out", "{tmp}/s"], "--rows"),
    (["sample", "--rows", "0", "--out", "{tmp}/s"], "--rows"),
    (["ingest", "--max-field-bytes", "0"], "--max-field-bytes"),
    (["ingest", "--max-field-bytes", "1023"], "--max-field-bytes"),
    (["transform", "--workers", "-3"], "--workers"),
    (["lake", "head", "curated/kpi_year", "-n", "-2"], "-n"),
])
def test_out_of_range_options_are_usage_errors(tmp_path, args, option):
    env = dict(os.environ, RXPIPE_LAKE_ROOT=str(tmp_path / "lake"), RXPIPE_SOURCE_PATH=str(tmp_path / "src"))
    p = rxpipe(*[a.format(tmp=tmp_path) for a in args], check=False, env=env)
    assert p.returncode == 2, (args, p.returncode, p.stderr)
    assert option in p.stderr and "Fatal error" not in p.stderr and "Missing value" not in p.stderr, p.stderr


def test_errors_are_json_with_log_format_json(tmp_path):
    env = dict(os.environ, RXPIPE_LAKE_ROOT=str(tmp_path / "lake"))
    usage = rxpipe("transform", "--workers", "-3", "--log-format", "json", check=False, env=env)
    assert usage.returncode == 2
    lines = usage.stderr.strip().splitlines()
    assert len(lines) == 1, usage.stderr
    error = json.loads(lines[0])
    assert error["level"] == "error" and error["exit_code"] == 2 and "--workers" in error["message"]
    failure = rxpipe("render", "--log-format=json", check=False, env=env)
    assert failure.returncode == 1
    errors = [json.loads(line) for line in failure.stderr.strip().splitlines() if line.startswith("{")]
    assert [e["exit_code"] for e in errors if e["level"] == "error"] == [1], failure.stderr
    assert "rxpipe transform" in errors[-1]["message"]
    # Text stays text without the option.
    plain = rxpipe("render", check=False, env=env)
    assert plain.stderr.startswith("rxpipe: error: ") or "rxpipe: error: " in plain.stderr


def test_a_site_that_cannot_be_written_names_the_path_and_the_reason(tmp_path, sample_build):
    """Render into a folder under a regular file: the error names the path and the system's
    reason (no Foundation error dump), exit 1, and nothing is left half-written."""
    lake, _ = sample_build
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    env = dict(os.environ, RXPIPE_LAKE_ROOT=lake, RXPIPE_SITE_DIR=str(blocker / "site"),
               RXPIPE_SITE_TEMPLATES=os.path.abspath("templates"))
    p = rxpipe("render", check=False, env=env)
    assert p.returncode == 1, p.stderr
    assert str(blocker) in p.stderr and "Not a directory" in p.stderr, p.stderr
    assert "Error Domain" not in p.stderr and "NSError" not in p.stderr, p.stderr
