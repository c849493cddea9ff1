"""Start `make run` as a newcomer would (no DATABASE_URL, no Redis) on a spare port with a
throwaway data folder, check the pages it serves, stop it with Ctrl-C, and start it once more
(stopped with SIGTERM this time); each stop must stop the embedded PostgreSQL too."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def fetch(url: str, **headers: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http://127.0.0.1 only
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(var_dir: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "EXPO_VAR_DIR": str(var_dir), "MAIL_DIR": str(var_dir / "mail")}
    return subprocess.Popen(  # noqa: S603
        ["make", "run", f"PORT={port}"],  # noqa: S607
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so Ctrl-C reaches all of it
    )


def wait_healthy(base: str, process: subprocess.Popen, log: Path, timeout: float = 300) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            fail(f"make run exited with {process.returncode}", log)
        try:
            if fetch(base + "/health/")[0] == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.5)
    fail("make run did not become healthy", log)


def stop(process: subprocess.Popen, log: Path, signum: int = signal.SIGINT) -> None:
    os.killpg(process.pid, signum)  # SIGINT: what Ctrl-C in a terminal does
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        fail(f"make run did not stop on {signal.Signals(signum).name}", log)


def database_processes(pgdata: Path) -> list[str]:
    """Command lines of the PostgreSQL processes serving `pgdata` (none once it has stopped)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:  # not a process, or it ended meanwhile
            continue
        folder = str(pgdata.resolve()).encode()
        if any(part.rstrip(b"/") == folder for part in cmdline) and b"postgres" in cmdline[0]:
            found.append(" ".join(part.decode(errors="replace") for part in cmdline))
    return found


def check_database_stopped(pgdata: Path, how: str, log: Path) -> None:
    deadline = time.monotonic() + 10  # pg_ctl stop -w has returned; the children may linger
    while database_processes(pgdata) and time.monotonic() < deadline:
        time.sleep(0.2)
    running = database_processes(pgdata)
    check(
        not running and not (pgdata / "postmaster.pid").exists(),
        f"{how} stopped the database {running or ''}",
        log,
    )


def fail(message: str, log: Path) -> None:
    print(f"SMOKE FAILED: {message}\n--- log ---\n{log.read_text()}", file=sys.stderr)
    sys.exit(1)


def check(condition: bool, message: str, log: Path) -> None:
    if not condition:
        fail(message, log)
    print(f"ok  {message}")


def main() -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="expo-smoke-"))
    port = spare_port()
    base = f"http://127.0.0.1:{port}"
    log = var_dir / "make-run.log"

    process = start(var_dir, port, log)
    seconds = wait_healthy(base, process, log)
    print(f"first start healthy after {seconds:.1f}s")
    try:
        status, headers, _ = fetch(base + "/", **{"Accept-Language": "en-US,en;q=0.9"})
        check(
            status == 302 and headers["Location"] == "/en/", "/ redirects by Accept-Language", log
        )
        status, _, body = fetch(base + "/id/")
        check(
            status == 200 and "UMKM Indonesia, siap mendunia" in body.decode(),
            "/id/ in Indonesian",
            log,
        )
        status, _, body = fetch(base + "/en/")
        html = body.decode()
        check(status == 200 and "ready for the world" in html, "/en/ in English", log)
        status, _, body = fetch(base + "/health/")
        health = json.loads(body)
        check(
            status == 200
            and health == {"status": "ok", "database": "ok", "cache": "ok", "broker": "eager"},
            f"/health/ {health}",
            log,
        )
        css = re.search(r'href="(/static/css/app\.[0-9a-f]+\.css)"', html)
        check(css is not None, "the page links a hashed stylesheet", log)
        status, headers, body = fetch(base + css.group(1))
        check(
            status == 200
            and headers["Content-Type"].startswith("text/css")
            and "immutable" in headers["Cache-Control"]
            and b"--c-primary" in body,
            f"{css.group(1)} served with {headers.get('Cache-Control')}",
            log,
        )
        output = log.read_text()
        check(f"http://127.0.0.1:{port}/" in output, "the address is printed", log)
        check("kurator@demo.expo-umkm.id" in output, "the demo logins are printed", log)
        check(database_processes(var_dir / "pgdata") != [], "the database runs meanwhile", log)
    finally:
        stop(process, log)
    check_database_stopped(var_dir / "pgdata", "Ctrl-C", log)

    process = start(var_dir, port, log)
    seconds = wait_healthy(base, process, log)
    print(f"second start (data reused) healthy after {seconds:.1f}s")
    try:
        status, _, body = fetch(base + "/id/")
        check(status == 200, "the second start serves the demo again", log)
    finally:
        stop(process, log, signal.SIGTERM)  # what `kill`, systemd or a closed session send
    check_database_stopped(var_dir / "pgdata", "SIGTERM", log)
    print("smoke check passed")


if __name__ == "__main__":
    main()
