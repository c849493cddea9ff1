"""The embedded PostgreSQL of the demo and of `make test` on a machine without DATABASE_URL.

Every process that loads the settings (runserver and its reloader child, manage.py commands,
pytest, a Celery worker) takes a handle on one server per data folder; pgserver stops it when
the last handle goes away, so Ctrl-C on `make run` stops the database too. Two things broke that,
and are mended here: a process that died without running its exit handlers (the autoreloader
kills its child if it does not stop within a quarter of a second of Ctrl-C) left its handle
behind forever, and SIGTERM ran no exit handlers at all.
"""

import atexit
import os
import signal
import threading
import warnings
from pathlib import Path


def embedded_database(pgdata: Path) -> dict:
    pgdata.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        import pgserver  # imported here: production never loads it

        server = pgserver.get_server(pgdata, cleanup_mode="stop")
    # Registered after pgserver's own exit handler, so it runs first (atexit is last-in first-out).
    atexit.register(_forget_dead_handles, server)
    _exit_on_sigterm()
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "HOST": str(info.socket_dir) if info.socket_dir else "127.0.0.1",
        "PORT": str(info.port or ""),
    }


def _forget_dead_handles(server) -> None:
    """Drop the handles of processes that are gone, so the last live one stops the server."""
    import psutil

    def alive(pid: int) -> bool:
        try:
            process = psutil.Process(pid)
            if process.ppid() == os.getpid():
                # The autoreloader's server, which it has just killed (or which is stopping)
                # without waiting for it: wait here, so its handle is not taken for a live one.
                try:
                    process.wait(timeout=5)
                except psutil.TimeoutExpired:
                    return True
                return False
            return process.status() != psutil.STATUS_ZOMBIE
        except psutil.Error:
            return False

    with server._lock:
        handles = server.global_process_id_list
        try:
            pids = handles.get()
        except ValueError:  # a process was killed while writing the list: keep the live ones
            pids = []
        handles.put(sorted({os.getpid(), *filter(alive, pids)}))


def _exit_on_sigterm() -> None:
    """SIGTERM (and SIGHUP: the terminal closed) stop the process as Ctrl-C does, so its exit
    handlers run. (The autoreloader gives its child a moment to stop on KeyboardInterrupt, but
    kills it at once on any other exception.)

    Only where nobody else handles them: Celery and gunicorn install their own handlers."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, _interrupt)


def _interrupt(signum: int, frame) -> None:
    raise KeyboardInterrupt
