"""Times `rxpipe publish` to a directory, moto's S3 server and a git branch on a generated site.

usage: .venv/bin/python bench/publish_bench.py [--bin .build/release/rxpipe] [--files 2000] [--runs 3]
Prints the median of --runs for: first publish, unchanged re-publish, one page changed.
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import boto3
from moto.server import ThreadedMotoServer


def make_site(root, files):
    for i in range(files):
        kind = i % 20
        if kind < 15:
            path, body = f"reports/page {i}.html", ("<p>row %d</p>" % i) * 300
        elif kind < 19:
            path, body = f"charts/chart-{i}.svg", "<svg>" + "<rect/>" * 2000 + "</svg>"
        else:
            path, body = f"data/table-{i}.csv", "year,claims\n" + "2022,11\n" * 6000
        p = root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body)
    (root / "index.html").write_text("<html>index</html>")


def timed(cmd, env, cwd=None):
    start = time.monotonic()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, capture_output=True)
    return time.monotonic() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=".build/release/rxpipe")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="rxpipe-publish-bench-"))
    site = tmp / "site"
    make_site(site, args.files)
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    print(f"site: {args.files + 1} files, {size / 1e6:.1f} MB; {args.runs} runs each, median seconds")
    port = 5000 + os.getpid() % 1000
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", aws_access_key_id="a", aws_secret_access_key="b",
                 region_name="us-east-1").create_bucket(Bucket="bench")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b", "HOME": str(tmp)})
    repo = tmp / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    targets = {
        "directory": lambda run: [str(tmp / f"www{run}")],
        "s3 (moto)": lambda run: [f"s3://bench/run{run}", "--endpoint-url", f"http://127.0.0.1:{port}"],
        "git": lambda run: [f"git:pages{run}"],
    }
    page = site / "reports/page 0.html"
    original = page.read_text()
    for name, target in targets.items():
        first, again, one = [], [], []
        for run in range(args.runs):
            cmd = [binary, "publish", "--quiet", "--site", str(site), "--to", *target(run)]
            first.append(timed(cmd, env, cwd=repo))
            again.append(timed(cmd, env, cwd=repo))
            page.write_text(original + f"<!-- {run} -->")
            one.append(timed(cmd, env, cwd=repo))
            page.write_text(original)
        print(f"{name:10s} first {statistics.median(first):6.2f}  unchanged {statistics.median(again):6.2f}  "
              f"one page changed {statistics.median(one):6.2f}")
    server.stop()
    shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
