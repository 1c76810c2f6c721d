"""Render and publish on one site at the same time: publish ships one render's files, never a
mix (the site lock), and a render cleans staging folders a killed render left behind."""
import os
import shutil
import subprocess

import pytest
from conftest import tree

# Concurrency: render and publish racing on one site.
pytestmark = pytest.mark.heavy


RXPIPE = os.path.abspath(os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe"))


def env_for(root, templates):
    return dict(os.environ, RXPIPE_LAKE_ROOT=os.path.join(root, "lake"), RXPIPE_SITE_DIR=os.path.join(root, "site"),
                RXPIPE_SOURCE_PATH=os.path.join(root, "src"), RXPIPE_SOURCE_KIND="csv", RXPIPE_SITE_TEMPLATES=templates)


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("concurrency"))
    subprocess.run([RXPIPE, "sample", "--rows", "1500", "--years", "2022-2023", "--seed", "3", "--out", os.path.join(root, "src")],
                   check=True, capture_output=True)
    for version in ("a", "b"):
        shutil.copytree("templates", os.path.join(root, "templates-" + version))
        with open(os.path.join(root, "templates-" + version, "index.md"), "a") as f:
            f.write(f"\nSite version {version}.\n")
    run = subprocess.run([RXPIPE, "run"], capture_output=True, text=True, env=env_for(root, os.path.join(root, "templates-a")))
    assert run.returncode == 0, run.stderr
    return root


def test_publish_during_render_ships_one_version(lake):
    root = lake
    versions = {}
    for version in ("b", "a"):
        env = env_for(root, os.path.join(root, "templates-" + version))
        subprocess.run([RXPIPE, "render", "-q"], check=True, capture_output=True, env=env)
        versions[version] = tree(os.path.join(root, "site"))
    assert versions["a"]["index.html"] != versions["b"]["index.html"]
    for i, version in enumerate(("b", "a", "b")):
        www = os.path.join(root, f"www{i}")
        env = env_for(root, os.path.join(root, "templates-" + version))
        render = subprocess.Popen([RXPIPE, "render", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        publish = subprocess.run([RXPIPE, "publish", "--to", www, "-q"], capture_output=True, text=True, env=env)
        _, err = render.communicate()
        assert render.returncode == 0, err
        assert publish.returncode == 0, publish.stderr
        shipped = tree(www)
        shipped.pop(".nojekyll", None)
        site = {k: v for k, v in versions["a"].items() if k != ".rxpipe-gates.json"}
        other = {k: v for k, v in versions["b"].items() if k != ".rxpipe-gates.json"}
        assert shipped in (site, other), f"publish {i} shipped a mix of two renders"


def test_render_removes_staging_left_by_a_dead_render(lake):
    root = lake
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = os.path.join(root, f".site.staging-{dead.pid}")
    os.makedirs(os.path.join(stale, "charts"))
    open(os.path.join(stale, "charts", "x.svg"), "w").write("<svg/>")
    old = os.path.join(root, f"site.old-{dead.pid}")
    os.makedirs(old)
    live = os.path.join(root, f".site.staging-{os.getpid()}")  # a live process's folder stays
    os.makedirs(live)
    env = env_for(root, os.path.join(root, "templates-a"))
    render = subprocess.run([RXPIPE, "render", "-q"], capture_output=True, text=True, env=env)
    assert render.returncode == 0, render.stderr
    assert not os.path.exists(stale) and not os.path.exists(old)
    assert os.path.exists(live)
    shutil.rmtree(live)
