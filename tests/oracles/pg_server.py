"""A throwaway PostgreSQL server for oracle tests (../shared/notes/postgres-test-cluster.md):
initdb into /tmp/pgtest.XXXXXX, trust authentication, no fsync, listening on loopback TCP
(JDBC has no Unix sockets) on a free port, and stopped (its directory removed) on exit."""
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile


def server_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    return os.environ.get("RXPIPE_PG_BIN") or (found[-1] if found else None)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_server(args):
    """initdb and postgres refuse root: run them as the unprivileged postgres user."""
    if os.geteuid() == 0:
        return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", *args]
    return args


@contextlib.contextmanager
def throwaway_server():
    """Yields (port, libpq conninfo, JDBC URL) of a fresh server; stops it on exit."""
    pg = server_bin()
    if not pg or not os.path.exists(os.path.join(pg, "initdb")):
        raise RuntimeError("PostgreSQL server binaries not found; run `make setup`")
    base = tempfile.mkdtemp(prefix="pgtest.", dir="/tmp")
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    os.chmod(base, 0o700)
    data, port = os.path.join(base, "data"), free_port()
    try:
        subprocess.run(as_server([f"{pg}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C",
                                  "-N", "--no-instructions"]), cwd=base, check=True, capture_output=True)
        # -l keeps the daemonised server off our pipes.
        subprocess.run(as_server([f"{pg}/pg_ctl", "-D", data, "-l", os.path.join(base, "server.log"), "-w", "-t", "30", "-o",
                                  f"-k {base} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
                                  "-c synchronous_commit=off -c full_page_writes=off", "start"]),
                       cwd=base, check=True, capture_output=True)
        yield port, f"host=127.0.0.1 port={port} user=postgres dbname=postgres", \
            f"jdbc:postgresql://127.0.0.1:{port}/postgres?user=postgres"
    finally:
        subprocess.run(as_server([f"{pg}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"]), cwd=base, capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
