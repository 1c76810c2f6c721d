"""Parity over PostgreSQL: the Spark job's `ingest --jdbc` (the four tables over JDBC, one
exported snapshot) against `rxpipe ingest` reading the same database with libpq, on a real
throwaway server.

The database is the sample with faults loaded by `rxpipe db load` into a schema and fact table
whose names need quoting (its skipped rows kept in rxpipe_load_rejects), plus faults only a
database has: NUMERIC NaN and ±Infinity, money NaN, a 17-digit NUMERIC, a null data year, orphan
facts, unknown states, text with quotes, line breaks and non-ASCII letters, null figures. Both
engines ingest and cleanse; the four raw tables, every cleansed and quarantine table and
cleansed/quality.json must be equal (quality.json byte for byte). Bad inputs exit 1 with the
reason and commit nothing."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import pg_server
from conftest import built_once
from test_spark_parity import CLEANSED, FOUR_TABLE_QUARANTINES, assert_same_table, rxpipe, spark_job

JDBC_JAR = "/usr/share/java/postgresql.jar"
SCHEMA, FACTS = "Part D", 'facts "2022"'
TABLE_OPTIONS = ["--schema", SCHEMA, "--prescriber-drug-table", FACTS]

FAULTS_SQL = r'''
SET search_path = "Part D";
-- Numbers with no double (quarantined as rescued), and one with 17 significant digits.
INSERT INTO "facts ""2022""" SELECT year, npi, drug_id, tot_clms, 'NaN', tot_day_suply, tot_drug_cst, tot_benes,
  ge65_sprsn_flag, ge65_tot_clms, 'Infinity', ge65_tot_drug_cst, ge65_tot_day_suply, ge65_bene_sprsn_flag, ge65_tot_benes
  FROM "facts ""2022""" LIMIT 2;
INSERT INTO "facts ""2022""" SELECT year, npi, drug_id, tot_clms, tot_30day_fills, tot_day_suply, 'NaN', tot_benes,
  ge65_sprsn_flag, ge65_tot_clms, '-Infinity', ge65_tot_drug_cst, ge65_tot_day_suply, ge65_bene_sprsn_flag, ge65_tot_benes
  FROM "facts ""2022""" OFFSET 5 LIMIT 1;
INSERT INTO "facts ""2022""" SELECT year, npi, drug_id, tot_clms, 1.2345678901234567, tot_day_suply, 12.345, tot_benes,
  ge65_sprsn_flag, ge65_tot_clms, ge65_tot_30day_fills, ge65_tot_drug_cst, ge65_tot_day_suply, ge65_bene_sprsn_flag,
  ge65_tot_benes FROM "facts ""2022""" OFFSET 7 LIMIT 1;
-- Orphans: a prescriber and a drug the dimensions do not have; a fact without its year.
INSERT INTO "facts ""2022""" SELECT year, 1234567893, drug_id, tot_clms, tot_30day_fills, tot_day_suply, tot_drug_cst,
  tot_benes, ge65_sprsn_flag, ge65_tot_clms, ge65_tot_30day_fills, ge65_tot_drug_cst, ge65_tot_day_suply,
  ge65_bene_sprsn_flag, ge65_tot_benes FROM "facts ""2022""" OFFSET 9 LIMIT 1;
INSERT INTO "facts ""2022""" SELECT year, npi, 987654, tot_clms, tot_30day_fills, tot_day_suply, tot_drug_cst, tot_benes,
  ge65_sprsn_flag, ge65_tot_clms, ge65_tot_30day_fills, ge65_tot_drug_cst, ge65_tot_day_suply, ge65_bene_sprsn_flag,
  ge65_tot_benes FROM "facts ""2022""" OFFSET 11 LIMIT 1;
INSERT INTO "facts ""2022""" (year, npi, drug_id, tot_clms) SELECT NULL, npi, drug_id, 40 FROM "facts ""2022""" LIMIT 1;
UPDATE "facts ""2022""" SET tot_benes = NULL, ge65_sprsn_flag = NULL
  WHERE ctid IN (SELECT ctid FROM "facts ""2022""" OFFSET 20 LIMIT 3);
-- Dimensions: text that needs escaping, an unknown state, a wrong FIPS, a row of only its key.
INSERT INTO prescriber VALUES (1003000126, 'O''Brien "Doc"', E'Line\nBreak', 'Zürich/\\', 'QQ', '99', 'Dentist', 'S');
INSERT INTO prescriber VALUES (1003000134, 'Fips', 'Wrong', 'Austin', 'TX', '99', 'Dentist', 'S');
INSERT INTO prescriber (npi) VALUES (1003000142);
INSERT INTO drug VALUES (987655, NULL, NULL), (987656, '  Ätsch  ', 'x/y');
'''


def psql(conninfo, sql):
    p = subprocess.run([os.path.join(pg_server.server_bin(), "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo],
                       input=sql, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


@pytest.fixture(scope="module")
def lakes(tmp_path_factory):
    def build(folder):
        src, ours, theirs = folder / "src", folder / "rxpipe", folder / "spark"
        with pg_server.throwaway_server() as (_, conninfo, url):
            env = dict(os.environ, RXPIPE_LAKE_ROOT=str(ours), RXPIPE_SOURCE_KIND="postgres", RXPIPE_SOURCE_URL=conninfo,
                       RXPIPE_SOURCE_SCHEMA=SCHEMA, RXPIPE_SOURCE_PRESCRIBER_DRUG_TABLE=FACTS)
            rxpipe(env, "sample", "--rows", "2000", "--years", "2021-2022", "--faults", "10", "--seed", "7", "--out", src, "-q")
            rxpipe(env, "db", "load", "--to", conninfo, "--from", src, "-q")
            psql(conninfo, FAULTS_SQL)
            rxpipe(env, "ingest", "-q")
            p = spark_job("ingest", "--jdbc", url, "--lake", theirs, *TABLE_OPTIONS, jars=[JDBC_JAR])
            assert p.returncode == 0, (p.stdout + p.stderr)[-4000:]
        rxpipe(env, "cleanse", "-q")
        p = spark_job("cleanse", "--lake", theirs)
        assert p.returncode == 0, (p.stdout + p.stderr)[-4000:]
        return [str(ours), str(theirs)]
    return [Path(p) for p in built_once(tmp_path_factory, "spark-jdbc", build)]


@pytest.mark.parametrize("table", CLEANSED)
def test_raw_tables_read_over_jdbc_equal_rxpipes(lakes, table):
    """Types, values, `_rescued` (NaN, ±Infinity, load rejects), `_source`, `_line`, partitions."""
    ours, theirs = lakes
    assert_same_table(ours, theirs, "raw", table)


def test_the_read_kept_what_the_database_holds(lakes):
    ours, _ = lakes
    facts = json.loads((ours / "raw" / "prescriber_drug" / "_manifest.json").read_text())
    assert {f["partition"]["year"] for f in facts["files"]} == {"2021", "2022", None}
    quality = json.loads((ours / "cleansed" / "quality.json").read_text())
    fired = {r["id"]: r["count"] for r in quality["rules"] if r["count"] > 0}
    assert {"load_rejected", "rescued", "orphan", "state_known", "state_fips", "required"} <= set(fired), fired
    rescued = next(r for r in quality["rules"] if r["id"] == "rescued")
    assert any("NaN" in json.dumps(e) for e in rescued["examples"]), rescued["examples"]


@pytest.mark.parametrize("zone,table", [("cleansed", t) for t in CLEANSED] + [("quarantine", t) for t in FOUR_TABLE_QUARANTINES])
def test_cleansed_from_jdbc_equals_rxpipes(lakes, zone, table):
    ours, theirs = lakes
    assert_same_table(ours, theirs, zone, table)


def test_quality_report_from_jdbc_is_byte_identical(lakes):
    ours, theirs = lakes
    assert (theirs / "cleansed" / "quality.json").read_bytes() == (ours / "cleansed" / "quality.json").read_bytes()


def test_every_table_is_read_in_one_snapshot(tmp_path):
    """The database changes after the job exported its snapshot (rows added to the facts, a
    dimension emptied, the load rejects deleted): the job still reads every table, the rejects
    too, as they were."""
    with pg_server.throwaway_server() as (_, conninfo, url):
        env = dict(os.environ, RXPIPE_LAKE_ROOT=str(tmp_path / "lake"))
        rxpipe(env, "sample", "--rows", "300", "--years", "2022", "--faults", "5", "--seed", "3", "--out", tmp_path / "src", "-q")
        rxpipe(env, "db", "load", "--to", conninfo, "--from", tmp_path / "src", "-q")
        p = subprocess.run([os.path.join(pg_server.server_bin(), "psql"), "-X", "-A", "-t", "-d", conninfo, "-c",
                            "SELECT (SELECT count(*) FROM prescriber), (SELECT count(*) FROM drug), "
                            "(SELECT count(*) FROM prescriber_drug) + (SELECT count(*) FROM rxpipe_load_rejects), "
                            "(SELECT count(*) FROM state), (SELECT count(*) FROM rxpipe_load_rejects)"],
                           capture_output=True, text=True, check=True)
        prescribers, drugs, facts, states, rejects = map(int, p.stdout.strip().split("|"))
        assert rejects > 0
        change = ("INSERT INTO prescriber_drug SELECT * FROM prescriber_drug; DELETE FROM drug; "
                  "DELETE FROM rxpipe_load_rejects; INSERT INTO prescriber (npi) VALUES (1003000126)")
        p = spark_job(os.path.join(os.path.dirname(__file__), "jdbc_snapshot_probe.py"), url, conninfo, change,
                      jars=[JDBC_JAR], script=True, env=dict(os.environ, PSQL=os.path.join(pg_server.server_bin(), "psql")))
        assert p.returncode == 0, (p.stdout + p.stderr)[-3000:]
    counts = json.loads(next(line for line in p.stdout.splitlines() if line.startswith("COUNTS "))[7:])
    assert counts == {"prescriber": prescribers, "drug": drugs, "prescriber_drug": facts, "state": states}, counts


def message_of(p):
    return [line for line in (p.stdout + p.stderr).splitlines() if line.startswith("rxpipe_job:")]


def test_bad_databases_exit_1_name_the_problem_and_commit_nothing(tmp_path):
    """A missing table, a missing column, a server that does not answer (its password never
    printed) and a classpath without the driver; a lake committed before stays as it was."""
    lake = tmp_path / "lake"
    (lake / "raw").mkdir(parents=True)
    before = sorted(str(p.relative_to(lake)) for p in lake.rglob("*"))
    with pg_server.throwaway_server() as (port, conninfo, url):
        psql(conninfo, "CREATE TABLE prescriber (npi bigint, last_org_name text)")
        p = spark_job("ingest", "--jdbc", url, "--lake", lake, "--schema", "nowhere", jars=[JDBC_JAR])
        assert p.returncode == 1 and message_of(p) == [
            "rxpipe_job: postgres: table nowhere.prescriber does not exist (check --schema and the --*-table names)"], \
            (p.stdout + p.stderr)[-3000:]
        p = spark_job("ingest", "--jdbc", url, "--lake", lake, jars=[JDBC_JAR])
        assert p.returncode == 1 and message_of(p) == [
            "rxpipe_job: postgres: table public.prescriber has no columns first_name, city, state_abbr, state_fips, "
            "prescriber_type, type_source"], (p.stdout + p.stderr)[-3000:]
        p = spark_job("ingest", "--jdbc", url, "--lake", lake)
        assert p.returncode == 1 and message_of(p) and "JDBC driver is not on the classpath" in message_of(p)[0], \
            (p.stdout + p.stderr)[-3000:]
    secret = "s3cret-in-PGPASSWORD"
    p = spark_job("ingest", "--jdbc", url, "--lake", lake, jars=[JDBC_JAR], env=dict(os.environ, PGPASSWORD=secret))
    assert p.returncode == 1 and message_of(p) and message_of(p)[0].startswith(
        f"rxpipe_job: postgres: cannot connect to postgresql://127.0.0.1:{port}/postgres: "), (p.stdout + p.stderr)[-3000:]
    assert secret not in p.stdout + p.stderr
    assert sorted(str(p.relative_to(lake)) for p in lake.rglob("*")) == before
    shutil.rmtree(lake)
