"""The scheduling recipes in examples/ run as written: the systemd unit's ExecStart lines and
the cron line's command are run with `env -i` (plus the unit's Environment= lines) in a
working directory outside the repository, fetching from a local stand-in for data.cms.gov;
the GitHub Actions workflow parses and calls only rxpipe subcommands and options that exist.

Paths of the recipes are mapped to the test's own (binary, working directory, publish target,
templates); the catalog is pointed at the loopback server through the setting each recipe
documents for it (the unit's RXPIPE_FETCH_CATALOG_URL, rxpipe.toml's catalog_url). Until the
templates are embedded in the binary, [site] templates / RXPIPE_SITE_TEMPLATES name the
repository's templates folder."""
import os
import re
import shlex
import shutil
import subprocess

import pytest
import yaml
from cms_server import CMSServer

# The scheduling recipes run end to end, several full runs each.
pytestmark = pytest.mark.heavy


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RXPIPE = os.path.abspath(os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe"))
EXAMPLES = os.path.join(REPO, "examples")
CMS_CATALOG = "https://data.cms.gov/data.json"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The three years examples/rxpipe.toml asks for, 500 rows each."""
    root = tmp_path_factory.mktemp("recipesrc")
    subprocess.run([RXPIPE, "sample", "--rows", "500", "--years", "2022-2024", "--out", str(root)], check=True, capture_output=True)
    s = CMSServer()
    for name in sorted(os.listdir(root)):
        year = 2000 + int(re.search(r"_DY(\d\d)", name).group(1))
        s.put(year, name, open(root / name, "rb").read())
    yield s
    s.shutdown()
    s.server_close()


@pytest.fixture
def host(tmp_path, server):
    """A stand-in for the machine: /var/lib/rxpipe with the example rxpipe.toml, /var/www/partd."""
    work = tmp_path / "var-lib-rxpipe"
    work.mkdir()
    config = open(os.path.join(EXAMPLES, "rxpipe.toml")).read()
    assert '# catalog_url = "https://data.cms.gov/data.json"' in config
    config = config.replace('# catalog_url = "https://data.cms.gov/data.json"', f'catalog_url = "{server.catalog_url}"')
    paths = {"/usr/local/bin/rxpipe": RXPIPE, "/var/lib/rxpipe": str(work), "/var/www/partd": str(tmp_path / "www"),
             "/usr/local/share/rxpipe/templates": os.path.join(REPO, "templates"), CMS_CATALOG: server.catalog_url}
    (work / "rxpipe.toml").write_text(mapped(config, paths))
    return {"root": tmp_path, "work": work, "www": tmp_path / "www", "paths": paths}


def mapped(text, paths):
    for old, new in paths.items():
        text = text.replace(old, new)
    return text


def unit_entries(path):
    """(key, value) pairs of a systemd unit, in order (keys repeat: ExecStart, Environment)."""
    entries = []
    for line in open(path):
        line = line.strip()
        if line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            entries.append((key.strip(), value.strip()))
    return entries


def run_unit(host):
    entries = unit_entries(os.path.join(EXAMPLES, "systemd", "rxpipe-nightly.service"))
    env = [mapped(v, host["paths"]) for k, v in entries if k == "Environment"]
    workdir = mapped(dict(entries)["WorkingDirectory"], host["paths"])
    results = []
    for command in [v for k, v in entries if k == "ExecStart"]:
        argv = [mapped(a, host["paths"]) for a in shlex.split(command)]
        assert os.path.isabs(shlex.split(command)[0]), "systemd needs an absolute ExecStart path"
        results.append(subprocess.run(["env", "-i", *env, *argv], cwd=workdir, capture_output=True, text=True))
        if results[-1].returncode != 0:  # systemd stops a oneshot unit at the first failure
            break
    return results


def test_systemd_unit_fetches_runs_publishes(host, server):
    results = run_unit(host)
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr[-2000:] for r in results]
    assert sorted(n for n in os.listdir(host["work"] / "raw") if n.endswith(".csv")) == sorted(n for n, _, _ in server.files.values())
    assert (host["www"] / "index.html").exists()
    # The next night: nothing new at CMS, nothing downloaded, every stage skipped, nothing to publish.
    again = run_unit(host)
    assert [r.returncode for r in again] == [0, 0, 0], [r.stderr[-2000:] for r in again]
    assert again[0].stdout.count("\tunchanged\t") == 3


def test_systemd_unit_does_not_publish_a_gate_failure(host):
    config = host["work"] / "rxpipe.toml"
    config.write_text(config.read_text().replace("required_years = [2022, 2023, 2024]", "required_years = [2021, 2022, 2023, 2024]"))
    results = run_unit(host)
    assert [r.returncode for r in results] == [0, 3], [r.stderr[-2000:] for r in results]
    assert not host["www"].exists()


def test_systemd_timer_names_the_service():
    entries = dict(unit_entries(os.path.join(EXAMPLES, "systemd", "rxpipe-nightly.timer")))
    assert entries["Unit"] == "rxpipe-nightly.service"
    assert entries["WantedBy"] == "timers.target"
    analyze = shutil.which("systemd-analyze")
    if analyze:
        check = subprocess.run([analyze, "calendar", entries["OnCalendar"]], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_cron_line_runs_as_written(host, server):
    lines = [l for l in open(os.path.join(EXAMPLES, "cron", "rxpipe.cron")).read().splitlines()
             if l.strip() and not l.startswith("#") and not re.match(r"^[A-Z_]+=", l)]
    assert len(lines) == 1
    fields = lines[0].split(None, 6)
    minute, hour, dom, month, dow, user, command = fields
    assert all(re.fullmatch(r"[\d*,/-]+", f) for f in (minute, hour, dom, month, dow)) and user == "rxpipe"
    assert "%" not in command
    home = host["root"] / "home"
    home.mkdir()
    # cron's environment: little more than HOME, LOGNAME, SHELL and a short PATH; cwd = HOME.
    env = ["HOME=" + str(home), "LOGNAME=rxpipe", "SHELL=/bin/sh", "PATH=/usr/bin:/bin"]
    result = subprocess.run(["env", "-i", *env, "/bin/sh", "-c", mapped(command, host["paths"])], cwd=home,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count("\tdownloaded\t") == 3
    assert (host["www"] / "index.html").exists()
    # --quiet: nothing on stderr for cron to mail on a good night.
    assert result.stderr == "", result.stderr


def rxpipe_calls(script):
    """(subcommand, [options]) for every rxpipe call in a step's shell script."""
    calls = []
    for line in script.splitlines():
        for m in re.finditer(r"(?:^|[\s;&|])(?:\S*/)?rxpipe\s+([a-z][a-z-]*)((?:\s+[^|;&]+)?)", line):
            calls.append((m.group(1), re.findall(r"(--[a-z][a-z-]*)", m.group(2))))
    return calls


def test_workflow_parses_and_calls_real_commands():
    workflow = yaml.safe_load(open(os.path.join(EXAMPLES, "github-actions", "rxpipe-nightly.yml")))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "schedule" in triggers and "workflow_dispatch" in triggers
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    calls = [(i, call) for i, step in enumerate(steps) for call in rxpipe_calls(step.get("run", ""))]
    commands = [c for _, (c, _) in calls]
    assert {"fetch", "run", "publish"} <= set(commands)
    order = {c: i for i, (c, _) in reversed(calls)}
    assert order["fetch"] < order["run"] < order["publish"]
    # Publish only when the run step succeeded (exit 3 = a gate failed): no `if:` that overrides that.
    assert "if" not in steps[order["publish"]]
    for command, options in {(c, tuple(o)) for _, (c, o) in calls}:
        help_ = subprocess.run([RXPIPE, command, "--help"], capture_output=True, text=True)
        assert help_.returncode == 0, f"rxpipe {command} --help: {help_.stderr}"
        for option in options:
            assert option in help_.stdout, f"rxpipe {command} has no {option}"
    # Its RXPIPE_* settings are keys rxpipe knows, with valid values.
    env = dict(os.environ, **{k: str(v) for k, v in job.get("env", {}).items()})
    config = subprocess.run([RXPIPE, "config"], capture_output=True, text=True, env=env, cwd=REPO)
    assert config.returncode == 0, config.stderr
