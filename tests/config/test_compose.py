import re
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


def compose_config(*profile: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*compose_command(), "-f", str(ROOT / "docker-compose.yml"), *profile, "config"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_docker_compose_file_is_valid():
    result = compose_config()
    assert result.returncode == 0, result.stderr
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    # The scale profile stays off unless asked for (docker-compose 1.x `config` lists it anyway).
    for name in ("proxy", "web-replica", "worker-images", "worker-mail"):
        assert services[name]["profiles"] == ["scale"], name


def test_the_scale_profile_is_valid_and_adds_replicas_proxy_and_queue_workers():
    result = compose_config("--profile", "scale")
    assert result.returncode == 0, result.stderr
    services = yaml.safe_load(result.stdout)["services"]
    assert {"proxy", "web-replica", "worker-images", "worker-mail", "pgbouncer"} <= set(services)
    assert services["web-replica"]["deploy"]["replicas"] == 4
    assert "--queues=images" in services["worker-images"]["command"]
    assert "--queues=email,default" in services["worker-mail"]["command"]
    volumes = services["proxy"]["volumes"]
    assert any(
        str(v.get("source") if isinstance(v, dict) else v).split(":")[0].endswith("nginx.conf")
        for v in volumes
    )
    # Pages and media under one origin.
    env = services["web-replica"]["environment"]
    assert env["AWS_S3_CUSTOM_DOMAIN"] == "localhost:8080/expo-media"
    assert env["SITE_URL"] == "http://localhost:8080"


def test_the_app_reaches_postgresql_through_pgbouncer_in_transaction_mode():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    bouncer = services["pgbouncer"]
    assert bouncer["environment"]["POOL_MODE"] == "transaction"
    assert bouncer["environment"]["DATABASE_URL"].split("@")[1].startswith("postgres:5432/")
    for name in ("web", "worker", "beat", "web-replica", "worker-images", "worker-mail"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].split("@")[1].startswith("pgbouncer:"), name
        assert env["DATABASE_PGBOUNCER"] == "1", name


def test_the_proxy_refuses_bodies_larger_than_the_app_accepts():
    from catalog.models import ProductImage
    from core.images import MAX_BYTES

    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    cap = re.search(r"client_max_body_size (\d+)m;", conf)
    assert cap is not None
    photos_mb = ProductImage.MAX_PER_PRODUCT * MAX_BYTES // (1024 * 1024)
    assert int(cap.group(1)) == photos_mb + 1  # the photos plus 1 MB of form


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
