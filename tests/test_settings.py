"""Production settings pass Django's deployment checklist; missing secrets stop start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x" * 60 + "-production-like-secret-for-the-check",
    "DJANGO_ALLOWED_HOSTS": "rights.example.org",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_with_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_a_typo_in_a_flag_is_an_error_not_a_guess():
    result = run_manage("check", env={**PRODUCTION, "DJANGO_DEBUG": "nope"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_production_headers_include_hsts(tmp_path):
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/', secure=True, HTTP_HOST='rights.example.org')\n"
        "print(r.status_code, r.headers.get('Strict-Transport-Security'))\n"
    )
    env = {**PRODUCTION, "DJANGO_VAR_DIR": str(tmp_path)}
    collected = run_manage("collectstatic", "--noinput", "-v0", env=env)
    assert collected.returncode == 0, collected.stderr
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env = {**clean, **env, "DJANGO_SETTINGS_MODULE": "rights_guide.settings"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "max-age=31536000; includeSubDomains; preload" in result.stdout
