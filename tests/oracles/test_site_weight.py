"""Weight budgets of the rendered site (issue #19), on a 2.5 M-row lake and on a lake holding
two states' rows: the whole site, each file, each page with what it loads, report.html, and
no PNG that no page links. The 25 M-row figures come from `make bench` (bench/site_weight_bench.sh).
The budgets and the way a page is weighed live in bench/site_weight.py."""
import csv
import gzip
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))
import site_weight  # noqa: E402

from conftest import BIN  # noqa: E402

# Scale: a 2.5 M-row lake end to end.
pytestmark = pytest.mark.heavy


TEMPLATES = os.path.abspath("templates")


def pipeline(root, source):
    env = dict(os.environ, RXPIPE_LAKE_ROOT=os.path.join(root, "lake"), RXPIPE_SITE_DIR=os.path.join(root, "site"),
               RXPIPE_SOURCE_PATH=source, RXPIPE_SOURCE_KIND="csv", RXPIPE_SITE_TEMPLATES=TEMPLATES)
    p = subprocess.run([BIN, "run", "-q"], capture_output=True, text=True, env=env)
    assert p.returncode == 0, f"rxpipe run failed ({p.returncode}): {p.stderr}"
    return os.path.join(root, "site")


def sample(out, rows, seed):
    subprocess.run([BIN, "sample", "--rows", str(rows), "--years", "2022", "--seed", str(seed), "--compress", "none",
                    "--out", out, "-q"], check=True)


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("weight-2.5M"))
    sample(os.path.join(root, "src"), 2_500_000, 3)
    return pipeline(root, os.path.join(root, "src"))


def test_a_2_5_million_row_site_is_within_every_budget(large_site):
    w = site_weight.weigh(large_site)
    print(site_weight.summary(w))
    assert site_weight.violations(w) == []
    # The per-prescriber download (a row per prescriber, ~400 K here) is offered as gzip CSV
    # per state when large, and every state file opens as CSV with the same header.
    data = os.path.join(large_site, "data", "prescriber-summary")
    if os.path.isdir(data):
        headers = set()
        for name in sorted(os.listdir(data)):
            assert name.endswith(".csv.gz"), name
            with gzip.open(os.path.join(data, name), "rt", encoding="utf-8", newline="") as f:
                headers.add(tuple(next(csv.reader(f))))
        assert len(headers) == 1 and not {"rank_in_state", "cost_per_claim"} & set(next(iter(headers)))
    else:
        assert os.path.getsize(os.path.join(large_site, "data", "prescriber-summary.csv")) <= 4 << 20
    # The downloads page lists every download file with its size.
    downloads = open(os.path.join(large_site, "downloads.html"), encoding="utf-8").read()
    for rel in site_weight.files(large_site):
        if rel.startswith("data/") and not rel.startswith("data/profiles/"):
            assert rel in downloads, f"{rel} is not listed on downloads.html"
    # No page loads the search index: its shards load when the reader types.
    for page in w["pages"]:
        assert not any(p.startswith("assets/search/") for p in site_weight.page_loads(large_site, page)), page


def test_a_two_state_site_stays_small(tmp_path):
    root = str(tmp_path)
    full, two = os.path.join(root, "full"), os.path.join(root, "src")
    sample(full, 4000, 11)
    os.makedirs(two)
    for name in os.listdir(full):
        with open(os.path.join(full, name), encoding="utf-8", newline="") as src, \
                open(os.path.join(two, name), "w", encoding="utf-8", newline="") as dst:
            rows = csv.reader(src)
            header = next(rows)
            state = header.index("Prscrbr_State_Abrvtn")
            out = csv.writer(dst, lineterminator="\n")
            out.writerow(header)
            kept = [r for r in rows if r[state] in ("MD", "OH")]
            assert kept
            out.writerows(kept)
    site = pipeline(root, two)
    w = site_weight.weigh(site)
    print(site_weight.summary(w))
    assert site_weight.violations(w, two_state=True) == []
    # Every other state is "no data" on the maps: one pattern, not lines drawn per state.
    geo = open(os.path.join(site, "charts", "geo-cost-per-resident.svg"), encoding="utf-8").read()
    assert geo.count('fill="url(#no-data)"') >= 48 and geo.count("<pattern") == 1
