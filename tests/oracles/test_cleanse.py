"""Oracle: `rxpipe cleanse` checked with DuckDB over the Parquet files it wrote.

Per raw table, raw rows = cleansed + quarantined + duplicates dropped (counted by DuckDB, not
taken from rxpipe); no cleansed row breaks a reject rule; no two cleansed rows share a key
(duplicates and conflicting keys are gone); quality.json agrees with the files.
"""
import json
import os
import subprocess
import tempfile

import duckdb
import pytest

RXPIPE = os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe")
SAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "local_data", "raw")


def run(*args, env=None):
    merged = {k: v for k, v in os.environ.items() if not k.startswith("RXPIPE_")}
    merged.update(env or {})
    return subprocess.run([RXPIPE, *args], capture_output=True, text=True, env=merged)


@pytest.fixture(scope="module")
def lake():
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "lake")
        env = {"RXPIPE_LAKE_ROOT": root}
        result = run("ingest", "--source", SAMPLE, "-q", env=env)
        assert result.returncode == 0, result.stderr
        result = run("cleanse", "-q", env=env)
        assert result.returncode == 0, result.stderr
        yield root


def parquet(root, zone, table):
    return f"read_parquet('{root}/{zone}/{table}/**/*.parquet', hive_partitioning=true)"


def test_counts_reconcile_with_raw(lake):
    con = duckdb.connect()
    raw = con.execute(f"select count(*) from {parquet(lake, 'raw', 'cms_prescriber_drug')}").fetchone()[0]
    cleansed = con.execute(f"select count(*) from {parquet(lake, 'cleansed', 'prescriber_drug')}").fetchone()[0]
    quarantined = con.execute(f"select count(*) from {parquet(lake, 'quarantine', 'cms_prescriber_drug')}").fetchone()[0]
    with open(os.path.join(lake, "cleansed", "quality.json")) as f:
        quality = json.load(f)
    duplicates = next(r for r in quality["rules"] if r["id"] == "duplicate_row")["count"]
    assert raw == 150_075
    assert raw == cleansed + quarantined + duplicates
    table = quality["tables"][0]
    assert (table["raw"], table["cleansed"], table["quarantined"], table["duplicates_dropped"]) == (raw, cleansed, quarantined, duplicates)
    # Per rule, quality.json counts what quarantine holds.
    by_rule = dict(con.execute(f"select rule, count(*) from {parquet(lake, 'quarantine', 'cms_prescriber_drug')} group by rule").fetchall())
    for rule in quality["rules"]:
        if rule["severity"] == "reject":
            assert by_rule.get(rule["id"], 0) == rule["count"], rule["id"]


def test_duplicates_are_gone_from_raw(lake):
    """DuckDB finds the exact duplicates in raw itself; cleansed has one row per key."""
    con = duckdb.connect()
    facts = parquet(lake, "cleansed", "prescriber_drug")
    assert con.execute(f"select count(*) from (select year, npi, drug_id from {facts} group by all having count(*) > 1)").fetchone()[0] == 0
    measures = ("Tot_Clms, Tot_30day_Fills, Tot_Day_Suply, Tot_Drug_Cst, Tot_Benes, GE65_Sprsn_Flag, GE65_Tot_Clms, "
                "GE65_Tot_30day_Fills, GE65_Tot_Drug_Cst, GE65_Tot_Day_Suply, GE65_Bene_Sprsn_Flag, GE65_Tot_Benes")
    raw_dupes = con.execute(f"""select coalesce(sum(n - 1), 0) from (select count(*) n from {parquet(lake, 'raw', 'cms_prescriber_drug')}
                            where _rescued is null group by year, Prscrbr_NPI, upper(Brnd_Name), upper(Gnrc_Name), {measures})""").fetchone()[0]
    with open(os.path.join(lake, "cleansed", "quality.json")) as f:
        quality = json.load(f)
    assert raw_dupes == next(r for r in quality["rules"] if r["id"] == "duplicate_row")["count"]
    assert raw_dupes > 0


def test_no_cleansed_row_breaks_a_reject_rule(lake):
    con = duckdb.connect()
    facts = parquet(lake, "cleansed", "prescriber_drug")
    bad = con.execute(f"""select count(*) from {facts} where npi is null or tot_clms is null or tot_drug_cst is null or drug_id is null
                     or tot_clms < 11 or tot_drug_cst < 0 or tot_30day_fills < 0 or tot_day_suply < 0 or tot_benes < 0
                     or ge65_tot_clms < 0 or ge65_tot_drug_cst < 0
                     or tot_benes between 1 and 10 or ge65_tot_benes between 1 and 10
                     or (ge65_sprsn_flag is not null and (ge65_tot_clms is not null or ge65_tot_drug_cst is not null))
                     or (ge65_bene_sprsn_flag is not null and ge65_tot_benes is not null)
                     or coalesce(ge65_sprsn_flag, '*') not in ('*', '#')""").fetchone()[0]
    assert bad == 0
    # NPI check digit (Luhn over 80840 + the first nine digits), recomputed in SQL.
    npis = [r[0] for r in con.execute(f"select distinct npi from {facts}").fetchall()]
    def luhn_ok(npi):
        digits = [int(c) for c in "80840" + str(npi)]
        total = 0
        for i, d in enumerate(reversed(digits)):
            if i % 2 == 1:
                d *= 2
                d = d - 9 if d > 9 else d
            total += d
        return len(str(npi)) == 10 and total % 10 == 0
    assert npis and all(luhn_ok(n) for n in npis)
    # Every prescriber state is a reference code; every drug reference resolves.
    states = {r[0] for r in con.execute(f"select state from {parquet(lake, 'cleansed', 'state')}").fetchall()}
    assert con.execute(f"select count(*) from {parquet(lake, 'cleansed', 'prescriber')} where state not in ({','.join(repr(s) for s in states)})").fetchone()[0] == 0
    orphans = con.execute(f"select count(*) from {facts} f anti join {parquet(lake, 'cleansed', 'drug')} d using (drug_id)").fetchone()[0]
    assert orphans == 0


def drug_flags(root):
    con = duckdb.connect()
    return {(b, g): f for b, g, f in con.execute(
        f"select brand_name, generic_name, is_generic from {parquet(root, 'cleansed', 'drug')}").fetchall()}


def test_is_generic_follows_the_generic_name_rule(lake):
    # The rule (Sources/Cleansing/GenericNameRule.swift): identical names are generic, the generic
    # name in other words is generic, a brand word makes a brand.
    flags = drug_flags(lake)
    assert all(f for (b, g), f in flags.items() if b.lower() == g.lower())
    assert flags[("Acetaminophen-Codeine", "Acetaminophen With Codeine")] is True
    assert flags[("Norco", "Hydrocodone/Acetaminophen")] is False
    assert flags[("Lipitor", "Atorvastatin Calcium")] is False


def test_drugs_overrides_change_is_generic(lake):
    import shutil
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "lake")
        shutil.copytree(os.path.join(lake, "raw"), os.path.join(root, "raw"))
        env = {"RXPIPE_LAKE_ROOT": root, "RXPIPE_DRUGS_GENERIC": "norco", "RXPIPE_DRUGS_BRAND": "Acetaminophen-Codeine"}
        result = run("cleanse", "-q", env=env)
        assert result.returncode == 0, result.stderr
        flags = drug_flags(root)
        assert flags[("Norco", "Hydrocodone/Acetaminophen")] is True
        assert flags[("Acetaminophen-Codeine", "Acetaminophen With Codeine")] is False
        assert flags[("Lipitor", "Atorvastatin Calcium")] is False
