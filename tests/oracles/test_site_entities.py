"""Pages per drug and per specialty on a three-year lake with planted outliers (issue #20).

`rxpipe sample --years 2020-2022 --outliers K` plants prescribers far from their peers; the
nightly run builds the site. Checked against the curated tables read by DuckDB: the drugs with
the most claims and every specialty have a page, each page's figures are the table's, each
specialty page counts that specialty's outlier flags, the outliers page counts the year's flags
and names the planted prescribers it found, and every link of the site resolves.
"""
import csv
import json
import os
import re
from html import unescape

import duckdb
import pytest

from conftest import rxpipe
from site_links import check_site_links

DRUG_PAGE_LIMIT = 250  # SiteInput.defaultDrugPageLimit


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("entities")
    src = root / "src"
    rxpipe("sample", "--rows", "120000", "--years", "2020-2022", "--seed", "5", "--outliers", "80",
           "--faults", "0", "--compress", "none", "--out", src, "-q")
    env = dict(os.environ, RXPIPE_SOURCE_PATH=str(src), RXPIPE_LAKE_ROOT=str(root / "lake"),
               RXPIPE_SITE_DIR=str(root / "site"), RXPIPE_SOURCE_KIND="csv")
    rxpipe("run", "-q", env=env)
    return str(root / "lake"), str(root / "site"), str(src)


def curated(lake, table):
    d = os.path.join(lake, "curated", table)
    m = json.load(open(os.path.join(d, "_manifest.json")))
    return "read_parquet(%r)" % [os.path.join(d, f["path"]) for f in m["files"]]


def latest_year(lake):
    return duckdb.sql(f"SELECT max(year) FROM {curated(lake, 'kpi_year')}").fetchall()[0][0]


def page_text(site, path):
    return unescape(re.sub(r"<[^>]+>", "", open(os.path.join(site, path), encoding="utf-8").read()))


def figure(text, label):
    """The integer after "label: " in a page's figures list ("Claims: 1,234 (…)")."""
    m = re.search(re.escape(label) + r": ([\d,]+)", text)
    assert m, f"no {label!r} figure"
    return int(m.group(1).replace(",", ""))


def h1(site, path):
    html = open(os.path.join(site, path), encoding="utf-8").read()
    return unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))).strip()


def test_the_drugs_with_the_most_claims_have_pages_with_their_figures(built):
    lake, site, _ = built
    year = latest_year(lake)
    rows = duckdb.sql(f"""SELECT generic_name, claims, prescribers, rank_claims FROM {curated(lake, 'generic_summary')}
                          WHERE year = {year} ORDER BY rank_claims""").fetchall()
    drugs_html = open(os.path.join(site, "drugs.html"), encoding="utf-8").read()
    linked = dict((unescape(name), path) for path, name in re.findall(r'<a href="(drugs/[^"#]+\.html)">([^<]+)</a>', drugs_html))
    expected = rows[:DRUG_PAGE_LIMIT]
    assert len(os.listdir(os.path.join(site, "drugs"))) == len(expected)
    for name, claims, prescribers, rank in expected:
        assert name in linked, f"drugs.html does not link a page for {name} (rank {rank})"
        path = linked[name]
        assert h1(site, path) == f"{name}, {year}"
        text = page_text(site, path)
        assert figure(text, "Claims") == claims, path
        assert figure(text, "Prescribers") == prescribers, path
        assert f"Rank {rank} of" in text, path
    for name, *_ in rows[DRUG_PAGE_LIMIT:]:
        assert name not in linked, f"{name} is below the page limit but has a page"


def test_every_specialty_has_a_page_with_its_figures_and_outlier_count(built):
    lake, site, _ = built
    year = latest_year(lake)
    rows = duckdb.sql(f"""SELECT prescriber_type, claims, prescribers FROM {curated(lake, 'specialty_summary')}
                          WHERE year = {year} AND prescriber_type IS NOT NULL""").fetchall()
    flags = dict(duckdb.sql(f"""SELECT prescriber_type, count(*) FROM {curated(lake, 'prescriber_outliers')}
                                WHERE year = {year} GROUP BY ALL""").fetchall())
    assert sum(flags.values()) > 0, "the planted outliers should give flags"
    prescribers_html = open(os.path.join(site, "prescribers.html"), encoding="utf-8").read()
    linked = dict((unescape(n), p) for p, n in re.findall(r'<a href="(specialties/[^"#]+\.html)">([^<]+)</a>', prescribers_html))
    assert len(os.listdir(os.path.join(site, "specialties"))) == len(rows)
    for specialty, claims, prescribers in rows:
        path = linked[specialty]
        assert h1(site, path).endswith(f", {year}")
        text = page_text(site, path)
        assert figure(text, "Claims") == claims, path
        assert figure(text, "Prescribers") == prescribers, path
        n = flags.get(specialty, 0)
        if n:
            assert re.search(rf"\b{n:,} flags? for ", text), f"{path} should count {n} outlier flags"
        else:
            assert "No prescriber of this specialty was flagged" in text, path


def test_the_outliers_page_counts_the_years_flags_and_names_planted_prescribers(built):
    lake, site, src = built
    year = latest_year(lake)
    count, prescribers = duckdb.sql(f"""SELECT count(*), count(DISTINCT npi) FROM {curated(lake, 'prescriber_outliers')}
                                        WHERE year = {year}""").fetchall()[0]
    text = page_text(site, "outliers.html")
    assert f"In {year}, {count:,} flags for {prescribers:,} prescribers" in text
    with open(os.path.join(src, "planted-outliers.tsv"), newline="") as f:
        planted = [r for r in csv.DictReader(f, delimiter="\t")]
    planted_npis = {int(r["npi"]) for r in planted if int(r.get("year", year)) == year}
    found = duckdb.sql(f"""SELECT DISTINCT npi, display_name FROM {curated(lake, 'prescriber_outliers')}
                           WHERE year = {year}""").fetchall()
    found_planted = [(npi, name) for npi, name in found if npi in planted_npis]
    assert len(found_planted) >= 0.9 * len(planted_npis), (len(found_planted), len(planted_npis))
    # The page lists the farthest flags of each specialty: each specialty's farthest is named.
    farthest = duckdb.sql(f"""SELECT prescriber_type, arg_max(display_name, abs(robust_z))
                              FROM {curated(lake, 'prescriber_outliers')} WHERE year = {year} GROUP BY ALL""").fetchall()
    assert farthest
    for specialty, name in farthest:
        assert name in text, f"outliers.html should name {name}, the farthest flag of {specialty}"


def test_every_link_of_the_three_year_site_resolves(built):
    _, site, _ = built
    pages, problems = check_site_links(site)
    assert any(p.startswith("drugs/") for p in pages) and any(p.startswith("specialties/") for p in pages)
    assert any(re.fullmatch(r"drugs-\d{4}\.html", p) for p in pages)
    assert problems == [], problems[:20]
