"""Oracle: bad CSV input (issue #24 items 2-9) through `rxpipe ingest` and `rxpipe cleanse`.

Each case damages a clean sample file in one way and checks the documented policy: the row is
quarantined with a message naming the column (and line span or byte offset), or kept and
counted, or the command fails with exit 2 — and every physical line is accounted for:
physical lines = cleansed + quarantined + duplicates + header and blank lines + lines inside
multi-line rows.
"""
import json
import os
import subprocess
import tempfile

import pyarrow.parquet as pq
import pytest

RXPIPE = os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe")
NAME = "MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv"


def run(*args, env=None):
    return subprocess.run([RXPIPE, *args], capture_output=True, env=dict(os.environ, **(env or {})))


@pytest.fixture(scope="module")
def clean():
    """The lines (bytes, LF-terminated) of a clean 60-row sample file."""
    with tempfile.TemporaryDirectory() as tmp:
        result = run("sample", "--rows", "60", "--years", "2022", "--seed", "11", "--out", tmp, "-q")
        assert result.returncode == 0, result.stderr
        with open(os.path.join(tmp, NAME), "rb") as f:
            return f.read().split(b"\n")[:-1]


def ingest_and_cleanse(data: bytes, expect_ok=True):
    """Writes `data` as a CMS file, ingests and cleanses it; returns (quality, quarantine rows, ingest result)."""
    tmp = tempfile.mkdtemp()
    src, lake = os.path.join(tmp, "src"), os.path.join(tmp, "lake")
    os.mkdir(src)
    with open(os.path.join(src, NAME), "wb") as f:
        f.write(data)
    env = {"RXPIPE_LAKE_ROOT": lake, "RXPIPE_SOURCE_PATH": src}
    ingest = run("ingest", "-q", env=env)
    if not expect_ok:
        return None, None, ingest
    assert ingest.returncode == 0, ingest.stderr
    cleanse = run("cleanse", "-q", env=env)
    assert cleanse.returncode == 0, cleanse.stderr
    with open(os.path.join(lake, "cleansed", "quality.json")) as f:
        quality = json.load(f)
    qdir = os.path.join(lake, "quarantine", "cms_prescriber_drug")
    rows = pq.read_table(qdir).to_pylist() if os.path.isdir(qdir) and any(
        n.endswith(".parquet") for _, _, ns in os.walk(qdir) for n in ns) else []
    t = quality["tables"][0]
    physical = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + (0 if data.endswith((b"\n", b"\r")) else 1)
    assert t["physical_lines"] == physical
    assert t["physical_lines"] == t["cleansed"] + t["quarantined"] + t["duplicates_dropped"] + t["skipped_lines"] + t["lines_inside_records"]
    return quality, rows, ingest


def rule(quality, rule_id):
    return next(r for r in quality["rules"] if r["id"] == rule_id)


def join(lines, ending=b"\n"):
    return ending.join(lines) + ending


def with_field(line: bytes, index: int, value: bytes) -> bytes:
    """`line` (no quoted fields) with field `index` replaced."""
    fields = line.split(b",")
    fields[index] = value
    return b",".join(fields)


# Item 2: a NUL byte is a bad field wherever it is, not a binary file.
@pytest.mark.parametrize("where", [3, 55])
def test_nul_byte_quarantines_the_row_anywhere(clean, where):
    lines = list(clean)
    lines[where] = with_field(lines[where], 8, b"NUL\x00BYTE")
    padding = [clean[1]] * (0 if where < 10 else 900)  # push the NUL past 64 KiB
    data = join(lines[:where] + padding + lines[where:]) if padding else join(lines)
    quality, rows, _ = ingest_and_cleanse(data)
    nul = [r for r in rows if "NUL byte in Brnd_Name" in r["message"]]
    assert len(nul) == 1 and nul[0]["rule"] == "rescued"
    assert all("\x00" not in (r.get("Brnd_Name") or "") for r in rows)


def test_binary_files_are_still_refused(clean):
    _, _, result = ingest_and_cleanse(b"PK\x03\x04\x00\x00" + join(clean), expect_ok=False)
    assert result.returncode == 1 and b"binary" in result.stderr and NAME.encode() in result.stderr


# Item 3: Windows-1252 is repaired only for a consistently Windows-1252 file.
def test_mixed_encoding_row_is_quarantined_with_its_offset(clean):
    lines = list(clean)
    lines[5] = with_field(lines[5], 3, "JOSÉ ".encode() + b"JOS\xc9")
    lines[7] = with_field(lines[7], 3, "SAN JOSÉ".encode())
    data = join(lines)
    quality, rows, _ = ingest_and_cleanse(data)
    bad = [r for r in rows if "invalid UTF-8 in Prscrbr_City" in r["message"]]
    assert len(bad) == 1
    offset = data.index(b"JOS\xc9") + 3
    assert f"at byte {offset}" in bad[0]["message"]
    assert rule(quality, "encoding_repair")["count"] == 0


def test_consistent_windows_1252_file_is_repaired_and_counted(clean):
    lines = [line for line in clean if line.isascii()]  # no UTF-8 anywhere else
    lines[5] = with_field(lines[5], 3, b"MAYAG\xfcEZ")
    lines[9] = with_field(lines[9], 3, b"CA\xd1ON")
    quality, rows, _ = ingest_and_cleanse(join(lines))
    assert rule(quality, "encoding_repair")["count"] == 2
    assert not [r for r in rows if "UTF-8" in r["message"]]
    assert "decoded as Windows-1252" in rule(quality, "encoding_repair")["examples"][0]["message"]


# Item 4: a number that does not fit exactly is rejected, column named.
def test_thirty_digit_decimal_is_rejected(clean):
    lines = list(clean)
    lines[4] = with_field(lines[4], 11, b"123456789012345678901234567890")
    lines[6] = with_field(lines[6], 11, b"27.80000000000000000000")  # exact: trailing zeros
    quality, rows, _ = ingest_and_cleanse(join(lines))
    bad = [r for r in rows if "Tot_30day_Fills" in r["message"]]
    assert len(bad) == 1 and "did not parse: Tot_30day_Fills" in bad[0]["message"]
    assert json.loads(bad[0]["_rescued"])["Tot_30day_Fills"] == "123456789012345678901234567890"


# Item 5: leading blank lines are skipped and counted.
def test_leading_blank_lines_are_skipped(clean):
    quality, _, _ = ingest_and_cleanse(b"\n  \r\n" + join(clean))
    t = quality["tables"][0]
    assert t["raw"] == len(clean) - 1 and t["skipped_lines"] == 3


# Item 6: CR, LF and CRLF alike; quoted CR/LF kept.
@pytest.mark.parametrize("ending", [b"\r", b"\r\n"])
def test_cr_and_crlf_line_endings(clean, ending):
    quality, _, _ = ingest_and_cleanse(join(clean, ending))
    assert quality["tables"][0]["raw"] == len(clean) - 1


def test_lone_cr_between_rows_does_not_merge_them(clean):
    lines = list(clean)
    data = join(lines[:10]) + b"\r".join(lines[10:12]) + b"\n" + join(lines[12:])
    quality, rows, _ = ingest_and_cleanse(data)
    assert quality["tables"][0]["raw"] == len(clean) - 1
    assert not [r for r in rows if "ragged" in r["message"]]


# Item 8: a runaway quote: the swallowed lines are counted and named.
def test_runaway_quote_names_the_lines_it_swallowed(clean):
    lines = list(clean)
    start = next(i for i in range(1, len(lines) - 15) if all(b'"' not in line for line in lines[i:i + 15]))
    lines[start] = with_field(lines[start], 1, b'"Rodriguez')
    lines[start + 14] = with_field(lines[start + 14], 8, b'Tylenol"')  # ragged: 15 fields
    quality, rows, _ = ingest_and_cleanse(join(lines))
    t = quality["tables"][0]
    assert t["raw"] == len(clean) - 1 - 14 and t["lines_inside_records"] == 14
    ragged = [r for r in rows if "spans 15 lines" in r["message"]]
    assert len(ragged) == 1 and ragged[0]["_line"] == start + 1


# Item 9: stray quotes kept and counted; text after a closing quote rejected; extra columns counted.
def test_stray_quote_is_kept_and_counted(clean):
    lines = list(clean)
    lines[3] = with_field(lines[3], 1, b'O"BRIEN')
    quality, rows, _ = ingest_and_cleanse(join(lines))
    assert rule(quality, "stray_quote")["count"] == 1
    assert not [r for r in rows if r["_line"] == 4]


def test_backslash_escaped_quote_is_rejected(clean):
    lines = list(clean)
    lines[3] = with_field(lines[3], 1, b'"O\\"BRIEN"')
    quality, rows, _ = ingest_and_cleanse(join(lines))
    bad = [r for r in rows if r["_line"] == 4]
    assert len(bad) == 1 and "text after the closing quote in Prscrbr_Last_Org_Name" in bad[0]["message"]


def test_extra_column_values_are_counted(clean):
    lines = [clean[0] + b",Note"] + [line + (b",hello" if i == 2 else b",") for i, line in enumerate(clean[1:])]
    quality, _, ingest = ingest_and_cleanse(join(lines))
    assert rule(quality, "extra_column")["count"] == 1
    assert b"Note" in ingest.stderr


# Item 7: years are range-checked.
@pytest.mark.parametrize("year", ["-1", "99999", "2012"])
def test_bad_year_option_is_a_usage_error(clean, year):
    with tempfile.TemporaryDirectory() as tmp:
        result = run("ingest", f"--year={year}", "-q", env={"RXPIPE_LAKE_ROOT": tmp, "RXPIPE_SOURCE_PATH": tmp})
        assert result.returncode == 2, result.stderr
        assert b"--year" in result.stderr and b"min_year" in result.stderr
        result = run("sample", f"--years={year}", "--out", tmp, "-q")
        assert result.returncode == 2, result.stderr


def test_file_named_for_a_bad_year_fails_the_ingest(clean):
    tmp = tempfile.mkdtemp()
    with open(os.path.join(tmp, "MUP_DPR_RY24_P04_V10_DY99_NPIBN.csv"), "wb") as f:
        f.write(join(clean))
    result = run("ingest", "-q", env={"RXPIPE_LAKE_ROOT": os.path.join(tmp, "lake"), "RXPIPE_SOURCE_PATH": tmp})
    assert result.returncode == 1 and b"2099" in result.stderr and b"max_year" in result.stderr
    assert not os.path.exists(os.path.join(tmp, "lake", "raw"))
