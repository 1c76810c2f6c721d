"""The command line keeps the README's promises (issue #21 item 6): the tables named in help
examples exist, every command takes the common options, a list in the environment may be
written as in the file, and a missing pseudonym key is the same usage error (exit 2) whichever
command meets it."""
import json
import os
import re

import pytest

from conftest import rxpipe

COMMON = {"config", "quiet", "verbose", "log-format"}
TABLE = re.compile(r"\b(raw|cleansed|quarantine|curated)/([a-z_]+)\b(?!\.\w)")  # not cleansed/quality.json
# Tables of the four-table layout (PostgreSQL or four CSV files), which the CMS sample does not make.
FOUR_TABLE_RAW = {"raw/prescriber", "raw/drug", "raw/prescriber_drug", "raw/state"}


def commands(node, path=()):
    """Every visible command of `--experimental-dump-help`, as (path, node)."""
    yield path, node
    for sub in node.get("subcommands", []):
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            yield from commands(sub, path + (sub["commandName"],))


@pytest.fixture(scope="module")
def tool():
    return json.loads(rxpipe("--experimental-dump-help").stdout)["command"]


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    root = tmp_path_factory.mktemp("papercuts")
    rxpipe("sample", "--rows", "3000", "--years", "2021-2022", "--seed", "3", "--out", root / "src", "-q")
    env = dict(os.environ, RXPIPE_SOURCE_PATH=str(root / "src"), RXPIPE_LAKE_ROOT=str(root / "lake"),
               RXPIPE_SITE_DIR=str(root / "site"))
    rxpipe("run", "-q", env=env)
    return root / "lake"


def test_every_table_a_help_text_names_exists(tool, lake):
    named = set()
    for path, node in commands(tool):
        if not path:
            continue
        text = rxpipe(*path, "--help").stdout
        named |= {f"{zone}/{table}" for zone, table in TABLE.findall(text)}
    assert named, "the help texts should name some tables in their examples"
    contract = open("docs/tables.md", encoding="utf-8").read()
    assert all(f"`{t}`" in contract for t in FOUR_TABLE_RAW)
    missing = sorted(t for t in named - FOUR_TABLE_RAW if not os.path.exists(os.path.join(lake, t, "_manifest.json")))
    assert missing == [], f"help examples name tables a run does not make: {missing}"


def test_every_command_takes_the_common_options(tool):
    lacking = {}
    for path, node in commands(tool):
        if not path or node.get("subcommands"):
            continue
        names = {n["name"] for a in node.get("arguments", []) for n in a.get("names", []) if n.get("kind") == "long"}
        if COMMON - names:
            lacking[" ".join(path)] = sorted(COMMON - names)
    assert lacking == {}, lacking


def test_lake_subcommands_accept_quiet(lake):
    p = rxpipe("lake", "ls", "curated", "--lake", lake, "--quiet")
    assert "curated/kpi_year" in p.stdout and p.stderr == ""
    p = rxpipe("lake", "head", "curated/kpi_year", "-n", "1", "--lake", lake, "-q", "--log-format", "json")
    assert p.stdout.count("\n") == 1


def test_a_list_in_the_environment_may_be_written_as_in_the_file(tmp_path):
    env = dict(os.environ, RXPIPE_QUALITY_REQUIRED_YEARS="[2021, 2022]", RXPIPE_DRUGS_BRAND='["Norco", "A,B"]')
    text = rxpipe("config", env=env).stdout
    assert re.search(r"required_years = \[2021, 2022\]", text), text
    assert 'brand = ["Norco", "A,B"]' in text, text
    bad = rxpipe("config", check=False, env=dict(os.environ, RXPIPE_QUALITY_REQUIRED_YEARS="[2021, x]"))
    assert bad.returncode == 2 and "RXPIPE_QUALITY_REQUIRED_YEARS" in bad.stderr, bad.stderr


@pytest.mark.parametrize("command", [["cleanse"], ["run", "--force"]])
def test_a_missing_pseudonym_key_is_a_usage_error_everywhere(tmp_path, lake, command):
    env = {k: v for k, v in os.environ.items() if k != "RXPIPE_PSEUDONYM_KEY"}
    env.update(RXPIPE_PRIVACY_PSEUDONYMIZE="true", RXPIPE_LAKE_ROOT=str(lake), RXPIPE_SOURCE_PATH=str(lake.parent / "src"),
               RXPIPE_SITE_DIR=str(tmp_path / "site"))
    p = rxpipe(*command, "-q", check=False, env=env)
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert "RXPIPE_PSEUDONYM_KEY" in p.stderr and p.stderr.count("rxpipe: error:") == 1, p.stderr
