"""`rxpipe diff` as a reviewer reads it, between two real runs: the summary first, labels and
house-style numbers, shares in points, top lists by entity, Markdown escaped only where it must
be, and the site's changes page made from the same report (issue #21 item 5)."""
import html
import json
import os
import re
import shutil
import subprocess

import pytest

RXPIPE = os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe")
HOSTILE = "Apix|<i>*ban*"


def run(root, *args):
    env = dict(os.environ, RXPIPE_LAKE_ROOT=os.path.join(root, "lake"), RXPIPE_SITE_DIR=os.path.join(root, "site"),
               RXPIPE_SOURCE_PATH=os.path.join(root, "src"), RXPIPE_SOURCE_KIND="csv",
               RXPIPE_SITE_TEMPLATES=os.path.join(root, "templates"), RXPIPE_QUALITY_MAX_KPI_CHANGE="1000")
    return subprocess.run([RXPIPE, *args], capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Two runs: seed 7, then seed 8 with Apixaban renamed to a name full of Markdown and HTML."""
    root = str(tmp_path_factory.mktemp("diffreport"))
    for seed in ("7", "8"):
        subprocess.run([RXPIPE, "sample", "--rows", "3000", "--years", "2022-2023", "--seed", seed, "--faults", "5",
                        "--out", os.path.join(root, "seed" + seed)], check=True, capture_output=True)
    shutil.copytree(os.path.join(root, "seed7"), os.path.join(root, "src"))
    shutil.copytree("templates", os.path.join(root, "templates"))
    first = run(root, "run")
    assert first.returncode == 0, first.stderr
    src = os.path.join(root, "src")
    for name in os.listdir(src):
        text = open(os.path.join(root, "seed8", name)).read()
        open(os.path.join(src, name), "w").write(text.replace("Apixaban", HOSTILE))
    second = run(root, "run")
    assert second.returncode == 0, second.stderr
    return root


def diff(root, fmt):
    p = run(root, "diff", "previous", "latest", "--format", fmt)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_text_leads_with_a_formatted_summary(runs):
    text = diff(runs, "text")
    lines = text.splitlines()
    assert lines[0].startswith("Comparing run ") and lines[2] == "Summary"
    summary = text[:text.index("Headline figures by year")]
    assert "  - Data years: 2022–2023, in both runs" in summary
    assert re.search(r"  - Rows: raw [\d,]+ → [\d,]+; cleansed [\d,]+ → [\d,]+(?: \([+−][\d,]+\))?; curated [\d,]+ → [\d,]+", summary)
    assert re.search(r"  - Quarantine: (unchanged at [\d,]+ rows|[\d,]+ → [\d,]+ rows)", summary)
    assert "  - Gates: all 6 passed in both runs" in summary
    latest = next(l for l in lines if l.startswith("  - 2023, the latest year in both: "))
    assert re.search(r"Claims \d{1,3}(,\d{3})+ → \d{1,3}(,\d{3})+ \([+−][\d,]+, [+−]\d+\.\d%\)", latest)
    assert re.search(r"Drug cost \$\d+\.\dM → \$\d+\.\dM \([+−]\$\d+\.\d[KM], [+−]\d+\.\d%\)", latest)
    assert re.search(r"Generic claim share \d+\.\d% → \d+\.\d% \([+−]\d+\.\d pp\)", latest)
    for raw in ("drug_cost", "generic_claim_share", "null", "e+0"):
        assert raw not in summary
    assert not re.search(r"\d{7,}\.\d", text), "unformatted money"


def test_tables_are_by_entity_with_the_movers_base(runs):
    text = diff(runs, "text")
    drugs = text[text.index("Drugs (generic_summary)"):text.index("Products (drug_summary)")]
    assert "Largest changes by drug cost among rows with at least 1,000 claims and $100.0K drug cost before:" in drugs
    assert re.search(r"  Drug +Year +Drug cost +Change +Also changed\n", drugs)
    # Listed rows are ordered by the absolute change of their drug cost, largest first.
    rows = [l for l in drugs.splitlines() if re.match(r"  \S.* 202[23]  \$", l)]
    assert len(rows) >= 3
    impacts = []
    for row in rows:
        change = re.search(r"→ \$[\d.,]+[KM]?\s+([+−])\$([\d.,]+)([KM]?)", row)
        scale = {"": 1, "K": 1e3, "M": 1e6}[change.group(3)]
        impacts.append(float(change.group(2).replace(",", "")) * scale)
    assert impacts == sorted(impacts, reverse=True)
    assert re.search(r"[\d,]+ changed rows? below the base \(1,000 claims, \$100\.0K drug cost\)", drugs)
    # Shares change in points, never by a relative percentage.
    for m in re.finditer(r"(?:Generic claim share|Share of claims|Share of drug cost) [\d.]+% → [\d.]+% \(([^)]*)\)", text):
        assert m.group(1).endswith(" pp"), m.group(0)
    assert "generic_name:" not in text and " / 12 " not in text


def test_top_lists_compare_entities(runs):
    text = diff(runs, "text")
    tops = text[text.index("Top lists\n"):]
    assert "Top 10 drugs by drug cost:" in tops
    assert re.search(r"  - 2023: \S.* (moved from rank \d+ to \d+|entered the top 10 at rank \d+)", tops)
    assert re.search(r"  - 2023: \S.* entered the top 10 at rank \d+", tops)
    assert HOSTILE in text, "text output shows data as it is"
    assert re.search(r"  - 2023: Apixaban left the top 10 \(was rank \d+\)", tops)
    assert re.search(r"  - 2023, [A-Z]{2}: \S.*", tops), "the state lists, by entity within each state"


def test_markdown_escapes_data_only(runs):
    md = diff(runs, "markdown")
    assert md.splitlines()[2] == "## Summary"
    assert "Apix\\|\\<i\\>\\*ban\\*" in md and HOSTILE not in md
    assert "\\." not in md and "\\," not in md and "\\(" not in md
    assert re.search(r"Drug cost \\\$\d+\.\dM → \\\$\d+\.\dM", md)
    assert re.search(r"\n\| Drug \| Year \| Drug cost \| Change \| Also changed \|\n\|---\|---\|---\|---\|---\|\n", md)


def test_the_changes_page_shows_the_same_report(runs):
    page = open(os.path.join(runs, "site", "changes.html")).read()
    main = page[page.index("<main"):page.index("</main>")]
    text = html.unescape(re.sub(r"<[^>]+>", " ", main))
    assert "Summary" in text and "Headline figures by year" in text
    assert re.search(r"Generic claim share \d+\.\d% → \d+\.\d% \([+−]\d+\.\d pp\)", text)
    assert "null" not in text and "cost_share:" not in text
    assert "Apix|&lt;i&gt;*ban*" in main and "<i>*ban" not in main
    assert "<table>" in main


def test_json_is_raw_stable_and_deterministic(runs):
    one, two = diff(runs, "json"), diff(runs, "json")
    assert one == two
    assert diff(runs, "text") == diff(runs, "text")
    data = json.loads(one)
    assert data["format_version"] == 2
    assert set(data) == {"format_version", "a", "b", "summary", "kpis", "tables", "rank_lists", "quality", "gates", "schema"}
    assert data["summary"]["years_added"] == [] and {z["zone"] for z in data["summary"]["zones"]} == {"raw", "cleansed", "quarantine", "curated"}
    cost = next(k for k in data["kpis"] if k["year"] == 2023 and k["name"] == "drug_cost")
    assert isinstance(cost["a"], float) and cost["change"] == pytest.approx(cost["b"] - cost["a"])
    share = next(k for k in data["kpis"] if k["name"] == "generic_claim_share")
    assert share.get("relative") is None, "a share's change is in points only (keys without a value are omitted)"
    generic = next(t for t in data["tables"] if t["table"] == "generic_summary")
    assert generic["key"] == ["year", "generic_name"] and generic["impact_column"] == "drug_cost"
    assert generic["base"] == {"min_claims": 1000, "min_cost": 100000}
    impacts = [e["impact"] for e in generic["largest_changes"]]
    assert impacts == sorted(impacts, reverse=True)
    lists = {(l["table"], l["rank_column"]) for l in data["rank_lists"]}
    assert ("generic_summary", "rank_cost") in lists and ("state_drug", "rank") in lists
