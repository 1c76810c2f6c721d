"""`rxpipe run` as people run it nightly: incremental skips, kill-and-recover, the lock,
quality gates with exit code 3, and `rxpipe diff` between runs."""
import os
import shutil
import signal
import subprocess
import time

import pytest
from conftest import tree

RXPIPE = os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe")


def env_for(root, **extra):
    env = dict(os.environ, RXPIPE_LAKE_ROOT=os.path.join(root, "lake"), RXPIPE_SITE_DIR=os.path.join(root, "site"),
               RXPIPE_SOURCE_PATH=os.path.join(root, "src"), RXPIPE_SOURCE_KIND="csv", RXPIPE_SITE_TEMPLATES=os.path.join(root, "templates"),
               # Two seeds of a small sample differ by more than the default 50 %; the gate test sets its own limits.
               RXPIPE_QUALITY_MAX_KPI_CHANGE="1000")
    env.update(extra)
    return env


def run(root, *args, **extra):
    return subprocess.run([RXPIPE, *args], capture_output=True, text=True, env=env_for(root, **extra))


def stages(result):
    line = [l for l in result.stdout.splitlines() if l.startswith("run ")][-1]
    return dict(part.rsplit(" ", 1) for part in line.split("\t")[3].split(", "))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A small two-year sample (seed 7) and a copy of the templates."""
    root = str(tmp_path_factory.mktemp("samplesrc"))
    subprocess.run([RXPIPE, "sample", "--rows", "3000", "--years", "2022-2023", "--seed", "7", "--faults", "5",
                    "--out", os.path.join(root, "seed7")], check=True, capture_output=True)
    subprocess.run([RXPIPE, "sample", "--rows", "3000", "--years", "2022-2023", "--seed", "8", "--faults", "5",
                    "--out", os.path.join(root, "seed8")], check=True, capture_output=True)
    return root


def fresh(tmp_path, sample, seed="seed7"):
    root = str(tmp_path)
    shutil.copytree(os.path.join(sample, seed), os.path.join(root, "src"))
    shutil.copytree("templates", os.path.join(root, "templates"))
    return root


def test_incremental_skips_and_reruns(tmp_path, sample):
    root = fresh(tmp_path, sample)
    first = run(root, "run")
    assert first.returncode == 0, first.stderr
    assert set(stages(first).values()) == {"ran"}
    site = tree(os.path.join(root, "site"))
    started = time.time()
    again = run(root, "run")
    elapsed = time.time() - started
    assert again.returncode == 0, again.stderr
    assert set(stages(again).values()) == {"skipped"}
    assert elapsed < 5, elapsed
    assert tree(os.path.join(root, "site")) == site  # byte-identical
    # A template edit re-renders only.
    with open(os.path.join(root, "templates", "drugs.md"), "a") as f:
        f.write("\nEdited.\n")
    edited = run(root, "run")
    assert stages(edited) == {"ingest": "skipped", "cleanse": "skipped", "transform": "skipped", "profile": "skipped", "render": "ran"}
    assert "Edited." in open(os.path.join(root, "site", "drugs.html")).read()
    # A config change that matters to cleanse reruns cleanse onward (pseudonymisation).
    pseudo = run(root, "run", RXPIPE_PRIVACY_PSEUDONYMIZE="true", RXPIPE_PSEUDONYM_KEY="k" * 32)
    assert pseudo.returncode == 0, pseudo.stderr
    assert stages(pseudo)["ingest"] == "skipped" and stages(pseudo)["cleanse"] == "ran"
    # A changed source file reruns from ingest; --force reruns everything.
    src = os.path.join(root, "src")
    name = sorted(os.listdir(src))[0]
    shutil.copy(os.path.join(sample, "seed8", name), os.path.join(src, name))
    changed = run(root, "run")
    assert stages(changed)["ingest"] == "ran"
    forced = run(root, "run", "--force")
    assert set(stages(forced).values()) == {"ran"}
    partial = run(root, "run", "--from-stage", "transform", "--to-stage", "transform", "--force")
    assert stages(partial) == {"ingest": "not_run", "cleanse": "not_run", "transform": "ran", "profile": "not_run", "render": "not_run"}


@pytest.mark.heavy
def test_killed_runs_recover_and_the_site_stays_whole(tmp_path, sample):
    root = fresh(tmp_path, sample)
    assert run(root, "run").returncode == 0
    before = tree(os.path.join(root, "site"))
    # Change the source so the next run has work, then kill it at several moments.
    src = os.path.join(root, "src")
    for name in os.listdir(src):
        shutil.copy(os.path.join(sample, "seed8", name), os.path.join(src, name))
    # Kill at moments the run reports (a stage starting), never after fixed delays: each run
    # finds the stages before it committed and is killed inside the next one.
    for stage in ("[2/5] cleanse: running", "[3/5] transform: running", "[5/5] render: running"):
        p = subprocess.Popen([RXPIPE, "run"], env=env_for(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = []
        for line in p.stderr:
            seen.append(line.rstrip())
            if stage in line:
                p.send_signal(signal.SIGKILL)
                break
        p.wait()
        assert p.returncode == -signal.SIGKILL, f"the run ended before {stage!r}: {seen}"
        now = tree(os.path.join(root, "site"))
        # Either the old site or a complete new one, never a mix or a missing index.
        assert "index.html" in now
        assert now == before or set(now) >= {"index.html", "drugs.html", "report.html"}
    final = run(root, "run")
    assert final.returncode == 0, final.stderr
    assert "cleared a stale run lock left by pid" in final.stderr
    listing = run(root, "runs").stdout
    assert "\tinterrupted\t" in listing and "\trunning\t" not in listing
    # The recovered lake equals one built from scratch from the same source.
    clean = str(tmp_path / "clean")
    os.makedirs(clean)
    shutil.copytree(src, os.path.join(clean, "src"))
    shutil.copytree("templates", os.path.join(clean, "templates"))
    assert run(clean, "run").returncode == 0
    for table in ["cleansed/prescriber_drug", "curated/kpi_year", "curated/drug_summary"]:
        a = open(os.path.join(root, "lake", table, "_manifest.json")).read()
        b = open(os.path.join(clean, "lake", table, "_manifest.json")).read()
        content = lambda text: [l for l in text.splitlines() if "content_hash" in l]
        assert content(a) == content(b), table


def test_a_second_run_on_the_same_lake_is_refused(tmp_path, sample):
    root = fresh(tmp_path, sample)
    os.makedirs(os.path.join(root, "lake"), exist_ok=True)
    import fcntl
    with open(os.path.join(root, "lake", "_run.lock"), "a+") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        holder.write("pid 4242\n")
        holder.flush()
        blocked = run(root, "run")
        assert blocked.returncode == 1
        assert "another rxpipe run holds the lake" in blocked.stderr and "pid 4242" in blocked.stderr
        fcntl.flock(holder, fcntl.LOCK_UN)
    assert run(root, "run").returncode == 0


def test_every_stage_command_takes_the_run_lock(tmp_path, sample):
    root = fresh(tmp_path, sample)
    assert run(root, "ingest").returncode == 0
    import fcntl
    with open(os.path.join(root, "lake", "_run.lock"), "a+") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        holder.write("pid 4243\n")
        holder.flush()
        for stage in ("ingest", "cleanse", "transform", "profile", "render"):
            blocked = run(root, stage)
            assert blocked.returncode == 1, (stage, blocked.stderr)
            assert "another rxpipe run holds the lake" in blocked.stderr and "pid 4243" in blocked.stderr, stage
        fcntl.flock(holder, fcntl.LOCK_UN)
    for stage in ("ingest", "cleanse", "transform", "profile", "render"):
        done = run(root, stage)
        assert done.returncode == 0, (stage, done.stderr)


def test_gates_fail_with_exit_3_and_a_banner(tmp_path, sample):
    root = fresh(tmp_path, sample)
    failed = run(root, "run", RXPIPE_QUALITY_MIN_ROWS_PER_YEAR="100000000", RXPIPE_QUALITY_MAX_KPI_CHANGE="0.5")
    assert failed.returncode == 3, failed.stderr
    assert "quality gate min_rows_per_year failed" in failed.stderr
    index = open(os.path.join(root, "site", "index.html")).read()
    assert "Quality gate failed" in index
    assert "Quality gate failed" in open(os.path.join(root, "site", "quality.html")).read()
    # Passing again removes the banner; a failure with --no-publish-on-gate-failure keeps that site.
    ok = run(root, "run")
    assert ok.returncode == 0
    good = tree(os.path.join(root, "site"))
    assert b"Quality gate failed" not in good["index.html"]
    kept = run(root, "run", "--no-publish-on-gate-failure", RXPIPE_QUALITY_REQUIRED_YEARS="2019")
    assert kept.returncode == 3
    assert tree(os.path.join(root, "site")) == good


def test_an_empty_source_fails_a_gate_and_keeps_the_previous_site(tmp_path, sample):
    root = fresh(tmp_path, sample)
    assert run(root, "run").returncode == 0
    good = tree(os.path.join(root, "site"))
    src = os.path.join(root, "src")
    for name in os.listdir(src):
        os.remove(os.path.join(src, name))
    header = ("Prscrbr_NPI,Prscrbr_Last_Org_Name,Prscrbr_First_Name,Prscrbr_City,Prscrbr_State_Abrvtn,Prscrbr_State_FIPS,"
              "Prscrbr_Type,Prscrbr_Type_Src,Brnd_Name,Gnrc_Name,Tot_Clms,Tot_30day_Fills,Tot_Day_Suply,Tot_Drug_Cst,Tot_Benes,"
              "GE65_Sprsn_Flag,GE65_Tot_Clms,GE65_Tot_30day_Fills,GE65_Tot_Drug_Cst,GE65_Tot_Day_Suply,GE65_Bene_Sprsn_Flag,GE65_Tot_Benes\n")
    with open(os.path.join(src, "MUP_DPR_RY25_P04_V10_DY23_NPIBN.csv"), "w") as f:
        f.write(header)
    empty = run(root, "run")
    assert empty.returncode == 3, empty.stderr
    assert "non_empty" in empty.stderr
    assert tree(os.path.join(root, "site")) == good


def test_diff_of_two_seeds_and_of_a_run_with_itself(tmp_path, sample):
    root = fresh(tmp_path, sample)
    assert run(root, "run").returncode == 0
    same = run(root, "diff", "latest", "latest")
    assert same.returncode == 0
    assert "No changes: the two runs have the same KPIs, curated tables, quality results and gates." in same.stdout
    src = os.path.join(root, "src")
    for name in os.listdir(src):
        shutil.copy(os.path.join(sample, "seed8", name), os.path.join(src, name))
    assert run(root, "run").returncode == 0
    diff = run(root, "diff", "previous", "latest")
    assert diff.returncode == 0, diff.stderr
    text = diff.stdout
    for heading in ["Summary", "Headline figures by year", "Drugs (generic_summary)", "Top lists"]:
        assert heading in text
    assert "  - Curated tables: 11 of 12 changed;" in text
    js = run(root, "diff", "previous", "latest", "--format", "json")
    import json
    data = json.loads(js.stdout)
    assert data["tables"] and {t["table"] for t in data["tables"]} >= {"kpi_year", "drug_summary"}
    changes = open(os.path.join(root, "site", "changes.html")).read()
    assert "Comparing run" in changes
    bad = run(root, "diff", "nope", "latest")
    assert bad.returncode == 1 and "no run nope" in bad.stderr


def test_runs_in_the_same_second_keep_their_order(tmp_path, sample):
    """The lake's sequence number orders runs (issue #21 item 4): reruns that start within the
    same second are listed in the order they ran, each with its own record, and `previous`
    names the same run for `rxpipe diff` as the site's changes page compares with."""
    root = fresh(tmp_path, sample)
    assert run(root, "run").returncode == 0
    ids = []
    for _ in range(3):  # nothing changed: every stage is skipped, well within a second each
        p = run(root, "run")
        assert p.returncode == 0, p.stderr
        ids.append(p.stdout.split()[1])
    listing = [line.split("\t") for line in run(root, "runs").stdout.splitlines()[1:]]
    assert [row[0] for row in listing][1:] == ids, "runs must list in the order they ran"
    sequences = [int(i.split("-")[0]) for i in [row[0] for row in listing]]
    assert sequences == sorted(sequences) and len(set(sequences)) == len(sequences) == 4
    assert listing[-1][-1] == "latest"
    # Every run had the same data: there is no previous data version to compare with.
    p = run(root, "diff", "previous", "latest")
    assert p.returncode == 1 and "name a run id instead" in p.stderr, p.stderr
