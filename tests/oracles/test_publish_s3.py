"""rxpipe publish against a real S3-compatible server: moto's server mode on loopback.

Requests go through a small proxy in this file that can answer 503 SlowDown for a burst of
requests, and can go down mid-publish (after N uploads every connection is dropped without a
reply, as a crashed server or a cut network does) and come back later. A watcher lists the bucket continuously during publishes and checks that every snapshot
is a complete site: index.html present, and every page (identified by its content) finds every
asset and page it references.
"""
import hashlib
import http.client
import json
import os
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
import pytest
from botocore.config import Config
from moto.server import ThreadedMotoServer

from conftest import BIN

BUCKET = "rx-site"
PREFIX = "reports/partd"
KEY_ID, SECRET = "AKIAMOTOEXAMPLE", "motosecret/+="


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    """moto's threaded server on a fixed port that can be stopped and started again (state kept)."""

    def __init__(self):
        self.port = free_port()
        self.server = None

    def start(self):
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()

    def stop(self):
        if self.server:
            self.server.stop()
            self.server._server.server_close()  # refuse connections, do not leave them queued
            self.server = None


class Proxy:
    """Forwards to moto; can answer 503 SlowDown, and can go down after N PUTs."""

    def __init__(self, moto):
        self.moto = moto
        self.lock = threading.Lock()
        self.fail_next = 0
        self.failed = 0
        self.stop_after_puts = None
        self.down = False
        self.log = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_any(self):
                proxy.handle(self)

            do_GET = do_PUT = do_DELETE = do_HEAD = do_POST = handle_any

        class Server(ThreadingHTTPServer):
            request_queue_size = 128  # uploads open a connection each; the default backlog of 5 drops some

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def handle(self, h):
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        with self.lock:
            self.log.append((h.command, h.path))
            if self.fail_next > 0:
                self.fail_next -= 1
                self.failed += 1
                reply = b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
                h.send_response(503)
                h.send_header("Content-Length", str(len(reply)))
                h.send_header("Connection", "close")
                h.end_headers()
                h.wfile.write(reply)
                return
            if h.command == "PUT" and self.stop_after_puts is not None:
                if self.stop_after_puts == 0:
                    self.down = True
                    self.stop_after_puts = None
                else:
                    self.stop_after_puts -= 1
            if self.down:
                h.close_connection = True  # the client sees the connection drop with no reply
                return
        headers = {k: v for k, v in h.headers.items() if k.lower() not in ("expect", "connection", "content-length")}
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.moto.port, timeout=30)
            conn.request(h.command, h.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            conn.close()
        except OSError:
            h.close_connection = True
            return
        h.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
                h.send_header(k, v)
        h.send_header("Content-Length", str(len(data)))
        h.send_header("Connection", "close")  # one request per connection, like the uploads ask for
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(data)

    def requests(self):
        with self.lock:
            return list(self.log)


@pytest.fixture
def s3(tmp_path):
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    moto = Moto()
    moto.start()
    proxy = Proxy(moto)
    client = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{moto.port}", aws_access_key_id=KEY_ID,
                          aws_secret_access_key=SECRET, region_name="us-east-1",
                          config=Config(retries={"max_attempts": 1}))
    client.create_bucket(Bucket=BUCKET)
    yield moto, proxy, client
    proxy.close()
    moto.stop()


def publish(site, proxy, *extra, check=True):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and not k.startswith("RXPIPE_")}
    env.update({"AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_REGION": "us-east-1",
                "HOME": str(site.parent)})
    p = subprocess.run([BIN, "publish", "--to", f"s3://{BUCKET}/{PREFIX}", "--endpoint-url",
                        f"http://127.0.0.1:{proxy.port}", "--site", str(site), *extra],
                       capture_output=True, text=True, env=env)
    assert SECRET not in p.stdout + p.stderr
    if check:
        assert p.returncode == 0, p.stderr
    return p


def bucket(client):
    """site path → (etag, object) for everything under the prefix."""
    out = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=PREFIX + "/"):
        for obj in page.get("Contents", []):
            out[obj["Key"][len(PREFIX) + 1:]] = obj["ETag"].strip('"')
    return out


def write_site(root, files):
    if root.exists():
        for dirpath, dirnames, filenames in os.walk(root, topdown=False):
            for f in filenames:
                os.remove(os.path.join(dirpath, f))
            for d in dirnames:
                os.rmdir(os.path.join(dirpath, d))
    for path, content in files.items():
        p = root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content)


def make_site(version, pages, extra_text=""):
    """Pages that reference a fingerprinted stylesheet, their chart and data; index links them all.
    Returns (files, refs) where refs maps a page's MD5 to the paths it references."""
    css = f"body{{color:#{version}{version}{version}}}".encode()
    css_name = f"assets/app.{hashlib.sha256(css).hexdigest()[:8]}.css"
    files = {css_name: css, "assets/app.js": b"console.log('rx')"}
    refs = {}
    page_names = []
    for i in pages:
        name = f"reports/page {i} é+%.html" if i % 5 == 0 else f"reports/page-{i}.html"
        chart, data = f"charts/chart-{i}.svg", f"data/table {i}.csv"
        files[chart] = f"<svg>{i}</svg>".encode()
        files[data] = f"i,v\n{i},{i * 7}\n".encode()
        page = f"<html>{version}{extra_text} {css_name} {chart} {data} {i}</html>".encode()
        files[name] = page
        refs[hashlib.md5(page).hexdigest()] = [css_name, chart, data, "assets/app.js"]
        page_names.append(name)
    index = (f"<html>{version} " + " ".join(page_names) + f" {css_name}</html>").encode()
    files["index.html"] = index
    refs[hashlib.md5(index).hexdigest()] = page_names + [css_name]
    return files, refs


class Watcher:
    """Lists the bucket over and over; records every snapshot that is not a complete site."""

    def __init__(self, client, refs):
        self.client, self.refs = client, refs
        self.problems, self.snapshots = [], 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop.is_set():
            try:
                snap = bucket(self.client)
            except Exception:
                time.sleep(0.01)  # the server is down for a moment
                continue
            self.snapshots += 1
            if "index.html" not in snap:
                self.problems.append("no index.html")
            for path, etag in snap.items():
                if path.endswith(".html"):
                    if etag not in self.refs:
                        self.problems.append(f"{path}: unknown content {etag}")
                        continue
                    missing = [r for r in self.refs[etag] if r not in snap]
                    if missing:
                        self.problems.append(f"{path} references missing {missing}")

    def finish(self):
        self.stop.set()
        self.thread.join()
        return self.problems


def test_publish_change_one_page_remove_one_page(s3, tmp_path):
    moto, proxy, client = s3
    site = tmp_path / "site"
    files, _ = make_site("a", range(12))
    write_site(site, files)
    (site / ".rxpipe-gates.json").write_text('{"passed": true}')

    out = publish(site, proxy)
    assert f"{len(files)} uploaded" in out.stdout
    assert bucket(client) == {p: hashlib.md5(c).hexdigest() for p, c in files.items()}
    head = client.head_object(Bucket=BUCKET, Key=f"{PREFIX}/reports/page 5 é+%.html")
    assert head["ContentType"] == "text/html; charset=utf-8"
    assert head["CacheControl"] == "no-cache"
    assert head["Metadata"]["sha256"] == hashlib.sha256(files["reports/page 5 é+%.html"]).hexdigest()
    css = next(p for p in files if p.startswith("assets/app.") and p.endswith(".css"))
    head = client.head_object(Bucket=BUCKET, Key=f"{PREFIX}/{css}")
    assert (head["ContentType"], head["CacheControl"]) == ("text/css; charset=utf-8", "public, max-age=31536000, immutable")
    assert client.head_object(Bucket=BUCKET, Key=f"{PREFIX}/charts/chart-1.svg")["ContentType"] == "image/svg+xml"
    assert client.head_object(Bucket=BUCKET, Key=f"{PREFIX}/data/table 1.csv")["ContentType"] == "text/csv; charset=utf-8"

    # Idempotent: the second publish only lists.
    before = len(proxy.requests())
    out = publish(site, proxy)
    assert "0 uploaded" in out.stdout and "0 deleted" in out.stdout
    assert all(m == "GET" for m, _ in proxy.requests()[before:])

    # One page changes: only it is uploaded.
    (site / "reports/page-3.html").write_bytes(files["reports/page-3.html"] + b"<!-- revised -->")
    before = len(proxy.requests())
    publish(site, proxy)
    puts = [path for m, path in proxy.requests()[before:] if m == "PUT"]
    assert puts == [f"/{BUCKET}/{PREFIX}/reports/page-3.html"]

    # Dry run: the plan, and nothing changes.
    (site / "reports/page-4.html").unlink()
    before = len(proxy.requests())
    out = publish(site, proxy, "--dry-run")
    assert "delete\treports/page-4.html" in out.stdout
    assert all(m == "GET" for m, _ in proxy.requests()[before:])
    assert "reports/page-4.html" in bucket(client)

    # A page is removed (and index changes): uploads first, the stale key deleted last.
    index = files["index.html"].replace(b"reports/page-4.html", b"")
    (site / "index.html").write_bytes(index)
    before = len(proxy.requests())
    publish(site, proxy)
    methods = [(m, path) for m, path in proxy.requests()[before:] if m != "GET"]
    assert methods == [("PUT", f"/{BUCKET}/{PREFIX}/index.html"), ("DELETE", f"/{BUCKET}/{PREFIX}/reports/page-4.html")]
    assert "reports/page-4.html" not in bucket(client)
    assert "gates" not in json.dumps(list(bucket(client)))


def test_a_503_burst_is_retried(s3, tmp_path):
    moto, proxy, client = s3
    site = tmp_path / "site"
    files, _ = make_site("b", range(6))
    write_site(site, files)
    proxy.fail_next = 6
    publish(site, proxy, "--jobs", "2")
    assert proxy.failed == 6
    assert bucket(client) == {p: hashlib.md5(c).hexdigest() for p, c in files.items()}


def test_server_gone_mid_publish_leaves_a_complete_site(s3, tmp_path):
    moto, proxy, client = s3
    site = tmp_path / "site"
    v1, refs1 = make_site("1", range(40))
    write_site(site, v1)
    publish(site, proxy)
    # v2: new stylesheet (new fingerprint), every page changes, page 7 goes, page 40 arrives.
    v2, refs2 = make_site("2", [i for i in range(41) if i != 7])
    write_site(site, v2)
    watcher = Watcher(client, {**refs1, **refs2})
    proxy.stop_after_puts = 25
    started = time.monotonic()
    failed = publish(site, proxy, "--max-attempts", "2", "--jobs", "4", check=False)
    # Dropped connections fail fast (no hang until the request timeout).
    assert time.monotonic() - started < 30
    assert failed.returncode == 1, failed.stderr
    assert "run publish again" in failed.stderr
    snap = bucket(client)
    assert set(v1) <= set(snap), "nothing may be deleted before every upload succeeded"
    assert snap != {p: hashlib.md5(c).hexdigest() for p, c in v2.items()}, "the failure came before the end"
    proxy.down = False
    publish(site, proxy)
    problems = watcher.finish()
    assert watcher.snapshots > 5
    assert problems == []
    assert bucket(client) == {p: hashlib.md5(c).hexdigest() for p, c in v2.items()}


def test_missing_bucket_and_denied_access_name_bucket_and_prefix(s3, tmp_path):
    moto, proxy, client = s3
    site = tmp_path / "site"
    write_site(site, {"index.html": b"<html></html>"})
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET, "HOME": str(tmp_path)})
    p = subprocess.run([BIN, "publish", "--to", "s3://no-such-bucket/x/y", "--endpoint-url",
                        f"http://127.0.0.1:{proxy.port}", "--site", str(site)], capture_output=True, text=True, env=env)
    assert p.returncode == 1
    assert "s3://no-such-bucket/x/y" in p.stderr and "404" in p.stderr


def test_no_credentials_is_a_configuration_error(tmp_path):
    site = tmp_path / "site"
    write_site(site, {"index.html": b"<html></html>"})
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["HOME"] = str(tmp_path)
    p = subprocess.run([BIN, "publish", "--to", "s3://b-bucket/x", "--endpoint-url", "http://127.0.0.1:9",
                        "--site", str(site)], capture_output=True, text=True, env=env)
    assert p.returncode == 2
    assert "no AWS credentials" in p.stderr
