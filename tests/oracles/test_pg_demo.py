"""`scripts/pg-demo` goes from the shipped sample through PostgreSQL to a site (issue #21 item 6):
it loads the database, runs every stage from it, and the site's quality page lists the rows db
load could not load, quarantined as `load_rejected`."""
import json
import os
import re
import subprocess

import pytest

from conftest import BIN


# End to end through a throwaway PostgreSQL server.
pytestmark = pytest.mark.heavy


def test_pg_demo_builds_a_site_from_postgres():
    out = "local_data/pg-demo"
    p = subprocess.run(["scripts/pg-demo", os.path.abspath(BIN)], capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    m = re.search(r"The site built from PostgreSQL: (\S+/index\.html)", p.stdout)
    assert m and os.path.exists(m.group(1)), p.stdout[-1000:]
    quality = json.load(open(os.path.join(out, "lake", "cleansed", "quality.json")))
    rejected = next(r for r in quality["rules"] if r["id"] == "load_rejected")
    skipped = sum(int(n) for n in re.findall(r"\t(\d+) skipped\n", p.stdout))
    assert skipped > 0 and rejected["count"] == skipped, (skipped, rejected["count"])
    facts = next(t for t in quality["tables"] if t["source"] == "raw/prescriber_drug")
    assert facts["raw"] == facts["cleansed"] + facts["quarantined"] + facts["duplicates_dropped"]
    page = open(os.path.join(out, "site", "quality.html"), encoding="utf-8").read()
    assert "load_rejected" in page
    # The server is stopped and its directory removed.
    base = re.search(r"starting a throwaway PostgreSQL in (\S+)", p.stdout).group(1)
    assert not os.path.exists(base)
