"""Error reporting starts only when SENTRY_DSN is set, and then without personal data."""

import json

from tests.config.test_settings import run_manage

CLIENT_STATE = (
    "import json, sentry_sdk; c = sentry_sdk.get_client(); "
    "print(json.dumps({'active': c.is_active(), 'options': {k: c.options.get(k) for k in "
    "('send_default_pii', 'environment', 'release')} if c.is_active() else None, "
    "'integrations': sorted(getattr(c, 'integrations', {}))}))"
)


def _client_state(env: dict[str, str]) -> dict:
    result = run_manage("shell", "-c", CLIENT_STATE, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_sentry_dsn_nothing_is_initialised():
    state = _client_state({"SENTRY_DSN": ""})
    assert state == {"active": False, "options": None, "integrations": []}


def test_with_sentry_dsn_django_and_celery_errors_are_reported_without_personal_data():
    # A closed local port: the client starts, and nothing it might send leaves the machine.
    env = {
        "SENTRY_DSN": "http://public@127.0.0.1:9/1",
        "SENTRY_ENVIRONMENT": "staging",
        "SENTRY_RELEASE": "expo@abc123",
    }
    state = _client_state(env)
    assert state["active"] is True
    assert state["options"] == {
        "send_default_pii": False,
        "environment": "staging",
        "release": "expo@abc123",
    }
    assert {"django", "celery"} <= set(state["integrations"])
