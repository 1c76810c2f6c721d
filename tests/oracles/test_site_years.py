"""Every data year on the site (issue #20): the drugs, prescribers and geography pages of each
earlier year (drugs-2021.html …) and the comparison pages show that year's figures, equal to
the curated tables read by DuckDB; the year switches link every version."""
import json
import os
import re
from html import unescape

import duckdb
import pytest


@pytest.fixture(scope="module")
def built(sample_build):
    return sample_build


def curated(lake, table):
    d = os.path.join(lake, "curated", table)
    m = json.load(open(os.path.join(d, "_manifest.json")))
    return "read_parquet(%r)" % [os.path.join(d, f["path"]) for f in m["files"]]


def table_rows(html, caption_prefix):
    """The rows of the table whose caption starts with `caption_prefix`, as lists of cell text."""
    start = html.index("<caption>" + caption_prefix)
    body = html[start:html.index("</table>", start)]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
        rows.append(cells)
    return rows[0], rows[1:]


def number(text):
    return float(text.replace(",", "").replace("$", ""))


def years_of(lake):
    return [r[0] for r in duckdb.sql(f"SELECT DISTINCT year FROM {curated(lake, 'kpi_year')} ORDER BY year").fetchall()]


def test_each_earlier_year_has_its_pages_with_that_years_figures(built):
    lake, site = built
    years = years_of(lake)
    assert len(years) == 3
    for year in years:
        suffix = "" if year == years[-1] else f"-{year}"
        drugs = open(os.path.join(site, f"drugs{suffix}.html"), encoding="utf-8").read()
        header, rows = table_rows(drugs, f"Every drug by generic name, {year}")
        claims = header.index("Claims")
        shown = {r[0]: number(r[claims]) for r in rows}
        expected = dict(duckdb.sql(f"SELECT generic_name, claims FROM {curated(lake, 'generic_summary')} WHERE year = {year}").fetchall())
        assert shown == {k: float(v) for k, v in expected.items()}, year
        geo = open(os.path.join(site, f"geography{suffix}.html"), encoding="utf-8").read()
        header, rows = table_rows(geo, f"States and territories, {year}")
        claims = header.index("Claims")
        shown = {r[0]: number(r[claims]) for r in rows}
        expected = dict(duckdb.sql(f"SELECT state_name || ' (' || state || ')', claims FROM {curated(lake, 'state_summary')} "
                                   f"WHERE year = {year}").fetchall())
        assert shown == {k: float(v) for k, v in expected.items()}, year
        assert os.path.exists(os.path.join(site, f"prescribers{suffix}.html"))
        # Each version's switch links every year's version and marks its own.
        for page in (drugs, geo):
            switch = re.search(r'<nav class="year-switch"[^>]*>(.*?)</nav>', page).group(1)
            assert f'<strong aria-current="page">{year}</strong>' in switch
            for other in years:
                if other != year:
                    target = "" if other == years[-1] else f"-{other}"
                    assert re.search(rf'href="(drugs|geography){target}\.html">{other}<', switch), switch


def test_comparison_pages_put_two_years_side_by_side(built):
    lake, site = built
    years = years_of(lake)
    kpi = {r[0]: r[1:] for r in duckdb.sql(
        f"SELECT year, claims, prescribers FROM {curated(lake, 'kpi_year')}").fetchall()}
    for earlier, later in zip(years, years[1:]):
        path = "compare.html" if later == years[-1] else f"compare-{earlier}-{later}.html"
        html = open(os.path.join(site, path), encoding="utf-8").read()
        header, rows = table_rows(html, f"National figures, {earlier} and {later}")
        assert [r[0] for r in rows] == [str(earlier), str(later)]
        claims, prescribers = header.index("Claims"), header.index("Prescribers")
        assert number(rows[0][claims]) == kpi[earlier][0] and number(rows[1][claims]) == kpi[later][0]
        assert number(rows[1][prescribers]) == kpi[later][1]
        header, rows = table_rows(html, f"Change from {earlier} to {later}")
        change = rows[0][header.index("Claims")]
        expected = (kpi[later][0] / kpi[earlier][0] - 1) * 100
        assert abs(float(change.replace("%", "").replace("+", "").replace("\u2212", "-")) - expected) <= 0.05 + 1e-9, change
        header, rows = table_rows(html, f"Top 25 drugs by claims in {later}, with {earlier}")
        expected = dict(duckdb.sql(f"SELECT generic_name, claims FROM {curated(lake, 'generic_summary')} WHERE year = {earlier}").fetchall())
        for r in rows:
            assert number(r[1]) == expected[r[0]], r
