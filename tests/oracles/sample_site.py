"""Builds the site of the shipped sample once per test session: ingest → cleanse → transform →
profile → render with the rxpipe binary under test, into a temporary lake and site folder."""
import os
import subprocess

RXPIPE = os.environ.get("RXPIPE_BIN", ".build/debug/rxpipe")
STAGES = [["ingest"], ["cleanse"], ["transform"], ["profile"], ["render"]]


def build_sample_site(root):
    env = dict(os.environ, RXPIPE_LAKE_ROOT=os.path.join(root, "lake"), RXPIPE_SITE_DIR=os.path.join(root, "site"),
               RXPIPE_SOURCE_PATH="local_data/raw", RXPIPE_SOURCE_KIND="csv")
    for stage in STAGES:
        p = subprocess.run([RXPIPE, *stage, "-q"], capture_output=True, text=True, env=env)
        assert p.returncode == 0, f"rxpipe {stage[0]} failed ({p.returncode}): {p.stderr}"
    return os.path.join(root, "lake"), os.path.join(root, "site")
