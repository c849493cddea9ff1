"""The web processes' settings (config/gunicorn.py), as gunicorn itself reads them, and the image
and compose file starting gunicorn with them."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def gunicorn_settings(**environ: str) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "--print-config",
         "config.wsgi:application"],
        capture_output=True, text=True, cwd=ROOT, check=True,
        env={"PATH": "/usr/bin:/bin", **environ},
    )  # fmt: skip
    return dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.MULTILINE))


def test_threads_per_process_keep_alive_and_the_request_limits():
    settings = gunicorn_settings()
    assert settings["worker_class"] == "gthread"
    assert settings["threads"] == "8"
    assert int(settings["workers"]) >= 1
    assert settings["keepalive"] == "65"  # above nginx's 60 s for idle upstream connections
    assert (settings["limit_request_line"], settings["limit_request_fields"]) == ("4094", "50")
    assert settings["limit_request_field_size"] == "8190"
    assert settings["bind"] == "['0.0.0.0:8000']"


def test_processes_and_threads_come_from_the_environment():
    settings = gunicorn_settings(WEB_CONCURRENCY="3", GUNICORN_THREADS="4")
    assert (settings["workers"], settings["threads"]) == ("3", "4")


def test_the_image_and_compose_start_gunicorn_with_these_settings_and_nice_image_workers():
    assert (
        'CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"]'
        in (ROOT / "Dockerfile").read_text()
    )
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert "gunicorn -c config/gunicorn.py config.wsgi:application" in services["web"]["command"]
    assert services["web-replica"]["command"][:3] == ["gunicorn", "-c", "config/gunicorn.py"]
    for name in ("worker", "worker-images"):
        assert services[name]["command"][:4] == ["nice", "-n", "10", "celery"]
