"""Publish-safe by construction: a site rendered from data with beneficiary counts of 1–10,
CMS `*`/`#` flags with values still present, and pseudonymisation on shows none of them — checked
by `rxpipe audit` and, independently, by the scan below (Python reading the source CSV files);
a planted leak stops render, run and publish; gate verdicts travel with the data."""
import csv
import glob
import json
import os
import re
import shutil
import subprocess

import pytest
from conftest import tree

RXPIPE = os.path.abspath(os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe"))
KEY = "disclosure-test-key-0123456789abcdef"
THRESHOLD = 11


def env_for(root, **extra):
    env = dict(os.environ, RXPIPE_LAKE_ROOT=os.path.join(root, "lake"), RXPIPE_SITE_DIR=os.path.join(root, "site"),
               RXPIPE_SOURCE_PATH=os.path.join(root, "src"), RXPIPE_SOURCE_KIND="csv",
               RXPIPE_SITE_TEMPLATES=os.path.join(root, "templates"), RXPIPE_QUALITY_MAX_KPI_CHANGE="1000")
    env.update(extra)
    return env


def rx(root, *args, **extra):
    return subprocess.run([RXPIPE, *args], capture_output=True, text=True, env=env_for(root, **extra), cwd=root)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """Two plain-CSV data years with every fault kind several times (Tot_Benes of 7, a `*` flag
    with its 65+ values present, claims of 7, …)."""
    root = str(tmp_path_factory.mktemp("disclosure-src"))
    subprocess.run([RXPIPE, "sample", "--rows", "2000", "--years", "2022-2023", "--seed", "11", "--faults", "30",
                    "--compress", "none", "--out", root], check=True, capture_output=True)
    return root


@pytest.fixture(scope="module")
def pseudonymised(tmp_path_factory, source):
    root = str(tmp_path_factory.mktemp("disclosure-site"))
    shutil.copytree(source, os.path.join(root, "src"))
    shutil.copytree("templates", os.path.join(root, "templates"))
    result = rx(root, "run", RXPIPE_PRIVACY_PSEUDONYMIZE="true", RXPIPE_PSEUDONYM_KEY=KEY)
    assert result.returncode == 0, result.stderr
    return root


def source_identities(src):
    """What must never appear in a pseudonymised site, read straight from the CSV files."""
    npis, names, files, small_rows = set(), set(), set(), 0
    for path in sorted(glob.glob(os.path.join(src, "*.csv"))):
        files.add(os.path.basename(path))
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                npi = (row.get("Prscrbr_NPI") or "").strip()
                if re.fullmatch(r"\d{10}", npi):
                    npis.add(npi)
                first, last = (row.get("Prscrbr_First_Name") or "").strip(), (row.get("Prscrbr_Last_Org_Name") or "").strip()
                if first and last:
                    names.add(f"{first} {last}")
                benes = (row.get("Tot_Benes") or "").strip()
                if benes.isdigit() and 1 <= int(benes) < THRESHOLD:
                    small_rows += 1
    return npis, names, files, small_rows


def html_text(raw):
    """Page text with tags removed and the character references that names use decoded."""
    text = re.sub(r"<[^>]+>", " ", raw)
    for entity, ch in (("&#39;", "'"), ("&#x27;", "'"), ("&quot;", '"'), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">")):
        text = text.replace(entity, ch)
    return text


SENSITIVE_VALUE = re.compile(r"(?i)\b(\w*(?:benes|tot_clms))\b\s*(?:=|:|\bof\b|\bis\b)\s*\"?(\d+)(?![\d.,KM%])")


def independent_scan(site, npis, names, files, pseudonymised):
    problems = []
    for rel, data in sorted(tree(site).items()):
        if rel.endswith(".png"):
            continue
        text = data.decode("utf-8", errors="replace")
        for m in SENSITIVE_VALUE.finditer(text):
            if 1 <= int(m.group(2)) < THRESHOLD:
                problems.append(f"{rel}: {m.group(0)!r}")
        for m in re.finditer(r"GE65_Sprsn_Flag=[*#][^<]*", text):
            if re.search(r"GE65_Tot_(Clms|30day_Fills|Drug_Cst|Day_Suply)=\d", m.group(0)):
                problems.append(f"{rel}: a flagged 65+ value {m.group(0)[:80]!r}")
        if rel.endswith(".json"):
            doc = json.loads(text)
            for col in doc.get("column_profiles", []) if isinstance(doc, dict) else []:
                name = col["name"].lower()
                if "benes" in name:
                    for key in ("sum", "mean"):
                        if col.get(key) is not None:
                            problems.append(f"{rel}: {key} of {col['name']}")
                if "benes" in name or name.endswith("tot_clms"):
                    values = [col.get("min"), col.get("max")] + list((col.get("quantiles") or {}).values())
                    for h in ("histogram", "log_histogram"):
                        values += (col.get(h) or {}).get("edges", [])
                    for v in values:
                        if isinstance(v, (int, float)) and 1 <= v < THRESHOLD:
                            problems.append(f"{rel}: {col['name']} value {v}")
        if pseudonymised:
            plain = html_text(text).replace("\\u0027", "'")
            for token in re.findall(r"(?<![\d.])\d{10}(?![\d]|\.\d)", text):
                if token in npis:
                    problems.append(f"{rel}: real NPI {token[:3]}…")
            for name in names:
                if name in plain:
                    problems.append(f"{rel}: real name {name!r}")
            for f in files:
                if f in text:
                    problems.append(f"{rel}: source file {f}")
    return problems


def test_pseudonymised_site_shows_nothing_the_policy_forbids(pseudonymised):
    npis, names, files, small_rows = source_identities(os.path.join(pseudonymised, "src"))
    assert small_rows > 0 and npis and names  # the source really holds what must not be shown
    audit = rx(pseudonymised, "audit", "site", RXPIPE_PRIVACY_PSEUDONYMIZE="true")
    assert audit.returncode == 0, audit.stdout + audit.stderr
    problems = independent_scan(os.path.join(pseudonymised, "site"), npis, names, files, pseudonymised=True)
    assert problems == []
    quality = open(os.path.join(pseudonymised, "site", "quality.html")).read()
    assert "Tot_Benes=suppressed" in quality  # the fault row is still shown, its value is not
    assert "withheld" in quality
    gates = json.load(open(os.path.join(pseudonymised, "site", ".rxpipe-gates.json")))
    assert gates["pseudonymized"] is True and gates["suppress_below"] == THRESHOLD
    # The lake keeps the full profile for the operator; only the site's copy is redacted.
    lake_profile = json.load(open(os.path.join(pseudonymised, "lake", "profiles", "raw", "cms_prescriber_drug.json")))
    benes = next(c for c in lake_profile["column_profiles"] if c["name"] == "Tot_Benes")
    assert benes["min"] == 7 and benes["sum"] > 0


def test_the_unredacted_site_would_have_failed(pseudonymised):
    """The scan is not vacuous: the raw profile in the lake, placed in a site, is caught by both."""
    site = os.path.join(pseudonymised, "leaky-site")
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(os.path.join(pseudonymised, "site"), site)
    npis, names, files, _ = source_identities(os.path.join(pseudonymised, "src"))
    profile = json.load(open(os.path.join(pseudonymised, "lake", "profiles", "raw", "cms_prescriber_drug.json")))
    # Since profile schema 2 an NPI column is an identifier and has no values even in the lake
    # (no min, max, quantiles or histogram); plant the extreme a schema-1 profile held, so the
    # auditor's NPI scan is shown to work too.
    npi = next(c for c in profile["column_profiles"] if c["name"] == "Prscrbr_NPI")
    assert "min" not in npi and "mean" not in npi
    npi["min"] = int(min(npis))
    with open(os.path.join(site, "data", "profiles", "raw-cms-prescriber-drug.json"), "w") as f:
        json.dump(profile, f, indent=2)
    audit = rx(pseudonymised, "audit", site, RXPIPE_PRIVACY_PSEUDONYMIZE="true")
    assert audit.returncode == 4
    kinds = {line.split(": ")[1] for line in audit.stdout.splitlines()}
    assert {"beneficiary_sum", "small_beneficiary_count", "small_claim_count", "real_npi", "source_location"} <= kinds, kinds
    assert independent_scan(site, npis, names, files, pseudonymised=True) != []


def test_a_planted_leak_stops_render_run_and_publish(pseudonymised):
    root = pseudonymised
    npis, _, _, _ = source_identities(os.path.join(root, "src"))
    npi = sorted(npis)[0]
    before = tree(os.path.join(root, "site"))
    leaky = os.path.join(root, "leaky-templates")
    shutil.rmtree(leaky, ignore_errors=True)
    shutil.copytree(os.path.join(root, "templates"), leaky)
    with open(os.path.join(leaky, "methodology.md"), "a") as f:
        f.write(f"\nA reviewer's note: Tot_Benes=7 for prescriber {npi}.\n")
    render = rx(root, "render", "--templates", leaky, RXPIPE_PRIVACY_PSEUDONYMIZE="true", RXPIPE_PSEUDONYM_KEY=KEY)
    assert render.returncode == 4, render.stderr
    assert "methodology.html" in render.stderr and "small_beneficiary_count" in render.stderr and "real_npi" in render.stderr
    assert npi not in render.stderr  # the finding names the place, not the identity
    assert tree(os.path.join(root, "site")) == before  # the published site was not touched
    run = rx(root, "run", RXPIPE_PRIVACY_PSEUDONYMIZE="true", RXPIPE_PSEUDONYM_KEY=KEY, RXPIPE_SITE_TEMPLATES=leaky)
    assert run.returncode == 4, run.stderr
    assert tree(os.path.join(root, "site")) == before
    # A leak written into the site by hand is refused by publish, and nothing is published.
    site = os.path.join(root, "edited-site")
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(os.path.join(root, "site"), site)
    with open(os.path.join(site, "index.html"), "a") as f:
        f.write(f"<p>Prescriber {npi}</p>\n")
    www = os.path.join(root, "www")
    publish = rx(root, "publish", "--site", site, "--to", www, RXPIPE_PRIVACY_PSEUDONYMIZE="true")
    assert publish.returncode == 4, publish.stderr
    assert "index.html" in publish.stderr and "real_npi" in publish.stderr
    assert not os.path.exists(www)
    clean = rx(root, "publish", "--to", www, RXPIPE_PRIVACY_PSEUDONYMIZE="true")
    assert clean.returncode == 0, clean.stderr


def test_gate_verdict_travels_with_the_data(tmp_path, source):
    root = str(tmp_path)
    shutil.copytree(source, os.path.join(root, "src"))
    shutil.copytree("templates", os.path.join(root, "templates"))
    strict = {"RXPIPE_QUALITY_MAX_QUARANTINE_SHARE": "0.0001"}
    run = rx(root, "run", **strict)
    assert run.returncode == 3, run.stderr
    after_run = tree(os.path.join(root, "site"))
    assert b"Quality gate failed" in after_run["index.html"]
    # A plain re-render (even with lenient settings now) shows the verdict the run recorded:
    # same banner, same gate record, same run id, byte for byte.
    render = rx(root, "render")
    assert render.returncode == 0, render.stderr
    assert tree(os.path.join(root, "site")) == after_run
    gates = json.loads(after_run[".rxpipe-gates.json"])
    assert gates["passed"] is False and gates["run_id"] and gates["data_version"]
    assert gates["run_id"].encode() in after_run["assets/run.css"]
    www = os.path.join(root, "www")
    publish = rx(root, "publish", "--to", www)
    assert publish.returncode == 3, publish.stderr
    # A gate record edited to say "passed" does not fool publish: the lake's verdict on that
    # data version decides.
    gates["passed"], gates["failed"] = True, []
    with open(os.path.join(root, "site", ".rxpipe-gates.json"), "w") as f:
        json.dump(gates, f)
    publish = rx(root, "publish", "--to", www)
    assert publish.returncode == 3, publish.stderr
    assert not os.path.exists(www)
    # Publishing anyway stays the operator's explicit decision.
    allowed = rx(root, "publish", "--to", www, "--allow-failed-gates")
    assert allowed.returncode == 0, allowed.stderr
