"""An installed rxpipe is one file: the default templates, static assets and map geometry are
compiled in. The binary alone, copied to an empty folder and run with a bare environment,
builds the same site as the repository checkout; a user's template folder overrides file by
file; `rxpipe init` writes templates that render exactly the built-in site."""
import os
import shutil
import subprocess

import pytest
from conftest import tree

RXPIPE = os.path.abspath(os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe"))
REPO = os.getcwd()
NEW_WORDING = "Our prescribing overview, in our own words"


def bare(binary, *args, cwd, home, extra=()):
    """Runs `binary` under `env -i` with only PATH, HOME and the given RXPIPE_ settings."""
    command = ["env", "-i", "PATH=/usr/bin:/bin", f"HOME={home}", *extra, binary, *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("embedded"))
    subprocess.run([RXPIPE, "sample", "--rows", "2000", "--years", "2022-2023", "--out", os.path.join(root, "src")],
                   check=True, capture_output=True)
    alone = os.path.join(root, "alone")
    os.mkdir(alone)
    binary = os.path.join(alone, "rxpipe")
    shutil.copy2(RXPIPE, binary)
    assert sorted(os.listdir(alone)) == ["rxpipe"]
    run = bare(binary, "run", cwd=alone, home=root, extra=[f"RXPIPE_SOURCE_PATH={os.path.join(root, 'src')}"])
    assert run.returncode == 0, run.stderr
    return root, alone, binary


def test_the_binary_alone_builds_the_whole_site(setup):
    root, alone, _ = setup
    site = tree(os.path.join(alone, "site"))
    assert "index.html" in site and "report.html" in site
    assert any(p.startswith("assets/site.") and p.endswith(".css") for p in site)
    assert "charts/us-locator.svg" in site, "the state maps need the built-in geometry"
    # The same lake rendered from the repository checkout (its templates/ and assets/).
    checkout = os.path.join(root, "checkout-site")
    env = dict(os.environ, RXPIPE_LAKE_ROOT=os.path.join(alone, "local_data", "lake"), RXPIPE_SITE_TEMPLATES="")
    subprocess.run([RXPIPE, "render", "-q", "--out", checkout], cwd=REPO, env=env, check=True, capture_output=True)
    reference = tree(checkout)
    assert sorted(site) == sorted(reference)
    differing = sorted(p for p in site if site[p] != reference[p])
    assert differing == [], f"differs from the checkout's render: {differing[:10]}"


def test_a_folder_with_only_index_md_overrides_the_overview(setup):
    root, alone, binary = setup
    mine = os.path.join(root, "mine")
    os.mkdir(mine)
    with open(os.path.join(REPO, "templates", "index.md")) as f:
        overview = f.read()
    heading = next(line for line in overview.splitlines() if line.startswith("# "))
    with open(os.path.join(mine, "index.md"), "w") as f:
        f.write(overview.replace(heading, "# " + NEW_WORDING, 1))
    out = os.path.join(root, "partial-site")
    render = bare(binary, "render", "-v", "--out", out, cwd=alone, home=root, extra=[f"RXPIPE_SITE_TEMPLATES={mine}"])
    assert render.returncode == 0, render.stderr
    assert f"templates from {mine}: index.md" in render.stderr
    assert "templates built in: " in render.stderr and "layout.html" in render.stderr
    partial, default = tree(out), tree(os.path.join(alone, "site"))
    assert sorted(partial) == sorted(default)
    assert NEW_WORDING.encode() in partial["index.html"]
    assert NEW_WORDING.encode() not in default["index.html"]
    # Everything but the overview (and the report, which includes it) is the built-in rendering.
    changed = sorted(p for p in partial if partial[p] != default[p])
    assert changed == ["index.html", "report.html"]


def test_init_writes_templates_that_render_the_built_in_site(setup):
    root, alone, binary = setup
    project = os.path.join(root, "project")
    init = bare(binary, "init", project, cwd=root, home=root)
    assert init.returncode == 0, init.stderr
    assert "wrote\t" + project + "/rxpipe.toml" in init.stdout
    assert "rxpipe run" in init.stdout
    written = tree(os.path.join(project, "templates"))
    assert written == tree(os.path.join(REPO, "templates"))
    with open(os.path.join(project, "rxpipe.toml")) as f:
        config = f.read()
    assert "# templates = \"\"" in config and "[site]" in config
    # Rendered unchanged from the project folder (its templates/ and rxpipe.toml in use).
    lake = f"RXPIPE_LAKE_ROOT={os.path.join(alone, 'local_data', 'lake')}"
    render = bare(binary, "render", "-v", "--out", os.path.join(project, "site"), cwd=project, home=root, extra=[lake])
    assert render.returncode == 0, render.stderr
    assert "templates from templates: " in render.stderr
    assert tree(os.path.join(project, "site")) == tree(os.path.join(alone, "site"))
    # A second init refuses and changes nothing; --force overwrites.
    edited = os.path.join(project, "templates", "index.md")
    with open(edited, "a") as f:
        f.write("\nedited\n")
    again = bare(binary, "init", project, cwd=root, home=root)
    assert again.returncode != 0
    assert "--force" in again.stderr and "rxpipe.toml" in again.stderr
    assert open(edited).read().endswith("\nedited\n")
    forced = bare(binary, "init", project, "--force", cwd=root, home=root)
    assert forced.returncode == 0, forced.stderr
    assert tree(os.path.join(project, "templates")) == written
