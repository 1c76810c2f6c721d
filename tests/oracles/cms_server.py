"""A stand-in for data.cms.gov on 127.0.0.1: a data.json catalog (DCAT-US, the shape of
https://data.cms.gov/data.json) and the CSV files it lists, with the HTTP behaviours
`rxpipe fetch` must cope with: ETag / Last-Modified with 304, Range + If-Range with 206,
transfers cut short, 503 for a while or for good, and a wrong checksum in the catalog."""
import email.utils
import hashlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATASET = "Medicare Part D Prescribers - by Provider and Drug"


class CMSServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.files = {}          # year -> (name, bytes, mtime)
        self.requests = []       # (path, headers dict, status)
        self.truncate_once = {}  # year -> bytes sent before the connection is cut (once)
        self.unavailable = {}    # url path -> 503s still to send (-1: forever)
        self.bad_checksum = set()
        self.with_checksum = False
        self.lock = threading.Lock()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def catalog_url(self):
        return self.base + "/data.json"

    def put(self, year, name, data):
        self.files[year] = (name, data, time.time())

    def path_of(self, year):
        # CMS's shape: /sites/default/files/<yyyy-mm>/<uuid>/<name>
        return f"/sites/default/files/2024-05/00000000-0000-4000-8000-0000000{year}/{self.files[year][0]}"

    def catalog(self):
        distributions = [{"@type": "dcat:Distribution", "format": "API",
                          "accessURL": self.base + "/data-api/v1/dataset/x/data", "description": "latest"}]
        for year in sorted(self.files, reverse=True):
            name, data, _ = self.files[year]
            d = {"@type": "dcat:Distribution", "downloadURL": self.base + self.path_of(year), "mediaType": "text/csv",
                 "format": "CSV", "title": f"{DATASET} : {year}-12-31", "temporal": f"{year}-01-01/{year}-12-31"}
            if self.with_checksum:
                digest = hashlib.sha256(data + (b"x" if year in self.bad_checksum else b"")).hexdigest()
                d["checksum"] = {"algorithm": "sha256", "checksumValue": digest}
            distributions.append(d)
        other = {"title": "Medicare Part D Prescribers - by Provider", "distribution": []}
        return json.dumps({"@type": "dcat:Catalog", "dataset": [other, {"title": DATASET, "distribution": distributions}]}).encode()

    def statuses(self, path):
        return [s for p, _, s in self.requests if p == path]

    def headers_of(self, path):
        return [h for p, h, _ in self.requests if p == path]


def closed_port():
    """A loopback port nothing listens on (connection refused)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def head(self, status, length, headers=()):
        """Records the request and sends the status line and headers."""
        with self.server.lock:
            self.server.requests.append((self.path.split("?")[0], {k.lower(): v for k, v in self.headers.items()}, status))
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def reply(self, status, body=b"", headers=()):
        self.head(status, len(body), headers)
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        left = self.server.unavailable.get(path, 0)
        if left:
            self.server.unavailable[path] = left - 1 if left > 0 else -1
            return self.reply(503, b"busy", [("Retry-After", "0")])
        if path == "/data.json":
            return self.reply(200, self.server.catalog(), [("Content-Type", "application/json")])
        year = next((y for y in self.server.files if self.server.path_of(y) == path), None)
        if year is None:
            return self.reply(404, b"not found")
        name, data, mtime = self.server.files[year]
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        headers = [("ETag", etag), ("Last-Modified", email.utils.formatdate(mtime, usegmt=True)),
                   ("Accept-Ranges", "bytes"), ("Content-Type", "text/csv")]
        if self.headers.get("If-None-Match") == etag:
            return self.reply(304, b"", headers[:2])
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes=") and self.headers.get("If-Range", etag) == etag:
            start = int(rng[6:].split("-")[0])
            if start >= len(data):
                return self.reply(416, b"", [("Content-Range", f"bytes */{len(data)}")])
            body = data[start:]
            self.head(206, len(body), headers + [("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")])
        else:
            body = data
            self.head(200, len(body), headers)
        cut = self.server.truncate_once.pop(year, None)
        if cut is None:
            return self.wfile.write(body)
        # Announce the whole length, send part of it, hang up.
        self.wfile.write(body[:cut])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)
