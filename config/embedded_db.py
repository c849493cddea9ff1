"""The embedded PostgreSQL of the demo and of `make test` on a machine without DATABASE_URL.

Every process that loads the settings (runserver and its reloader child, manage.py commands,
pytest, a Celery worker) takes a handle on one server per data folder; pgserver stops it when
the last handle goes away, so Ctrl-C on `make run` stops the database too.
"""

import warnings
from pathlib import Path


def embedded_database(pgdata: Path) -> dict:
    pgdata.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        import pgserver  # imported here: production never loads it

        server = pgserver.get_server(pgdata, cleanup_mode="stop")
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "HOST": str(info.socket_dir) if info.socket_dir else "127.0.0.1",
        "PORT": str(info.port or ""),
    }
