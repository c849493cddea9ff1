import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import identify_hasher

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a9$Lk2!vQ7#pRz8@wXe4^tYu6&iOp0*sDf3(gHj5)kLz1_mNb-Qw8%Tz",
    "DJANGO_ALLOWED_HOSTS": "expo-umkm.example",
    "DJANGO_HTTPS": "1",
    "DJANGO_BEHIND_PROXY": "1",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_check_fails_with_demo_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env={"DJANGO_DEBUG": "1"})
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on


def test_s3_storage_is_private_for_originals_and_never_overwrites():
    env = {"AWS_STORAGE_BUCKET_NAME": "expo-media", "AWS_S3_ENDPOINT_URL": "http://minio:9000"}
    code = (
        "from django.conf import settings as s; import json; "
        "options = {k: s.STORAGES[k]['OPTIONS'] for k in ('default', 'private')}; "
        "print(json.dumps(options, default=str))"
    )
    result = run_manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    import json

    options = json.loads(result.stdout.strip().splitlines()[-1])
    assert options["default"]["querystring_auth"] is False
    assert options["default"]["file_overwrite"] is False
    assert options["private"]["default_acl"] == "private"
    assert options["private"]["querystring_auth"] is True
    assert options["private"]["location"] == "private"


def test_passwords_are_hashed_with_argon2(db, settings):
    from config import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS  # tests/conftest.py uses MD5
    user = UserFactory(password="correct horse battery")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password("correct horse battery")


def test_cookies_are_http_only_and_same_site():
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.CSRF_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_every_page_gets_a_strict_content_security_policy(client, db):
    response = client.get("/id/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["script-src"].split()[0] == "'self'"  # plus a nonce when a page uses one
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"


def test_pages_have_no_inline_script_or_style(client, db):
    html = client.get("/en/").content.decode()
    assert "<style" not in html
    assert " style=" not in html
    scripts = [line for line in html.splitlines() if "<script" in line]
    assert scripts
    assert all(" src=" in line for line in scripts)


def test_production_keeps_database_connections_and_checks_them():
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], "
        "d.get('DISABLE_SERVER_SIDE_CURSORS', False), "
        "d.get('OPTIONS', {}).get('prepare_threshold', 'unset'))"
    )
    url = {"DATABASE_URL": "postgres://expo:expo@db.example:5432/expo"}
    result = run_manage("shell", "-c", code, env={**PRODUCTION_ENV, **url})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["60", "True", "False", "unset"]
    pooled = {**url, "DATABASE_PGBOUNCER": "1", "DATABASE_CONN_MAX_AGE": "300"}
    result = run_manage("shell", "-c", code, env={**PRODUCTION_ENV, **pooled})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["300", "True", "True", "None"]
