import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose_command() -> list[str]:
    if (
        shutil.which("docker")
        and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0
    ):
        return ["docker", "compose"]
    return ["docker-compose"]  # installed by `make test` (system-deps)


def test_docker_compose_file_is_valid():
    result = subprocess.run(
        [*compose_command(), "-f", str(ROOT / "docker-compose.yml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_web_worker_and_beat_share_one_definition():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    app = [
        {k: v for k, v in services[name].items() if k not in ("command", "ports", "healthcheck")}
        for name in ("web", "worker", "beat")
    ]
    assert app[0] == app[1] == app[2]
    assert app[0]["environment"]["REDIS_URL"] == "redis://redis:6379"
    assert "celery" in services["worker"]["command"]
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]


def test_redis_keeps_queued_tasks_and_never_evicts_them():
    redis = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["redis"]
    assert redis["image"] == "redis:7"
    assert redis["command"][1:3] == ["--appendonly", "yes"]
    assert redis["command"][3:5] == ["--maxmemory-policy", "noeviction"]


def test_stack_has_every_service():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert services["postgres"]["image"] == "postgres:16"
    assert set(services) >= {
        "postgres",
        "redis",
        "web",
        "worker",
        "beat",
        "mailpit",
        "minio",
        "minio-init",
    }
