import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tunet.core import views

BASE_DIR = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_front_page_explains_inn_pa_tunet_and_credits_the_data(client):
    html = client.get(reverse("core:front")).content.decode()
    assert "Inn på tunet" in html
    assert "godkjente" in html
    # The licences of the register require these credits on every page.
    assert "Kartverket</a> (CC BY 4.0)" in html
    assert "© Posten Norge AS" in html
    assert 'href="https://www.erikbolstad.no/postnummer/"' in html


@pytest.mark.django_db
def test_pages_have_a_skip_link_and_landmarks(client):
    html = client.get(reverse("core:front")).content.decode()
    assert 'href="#main"' in html
    for landmark in ("<header", '<main id="main"', "<nav", "<footer"):
        assert landmark in html


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_without_inline_script(client):
    response = client.get(reverse("core:front"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_norwegian_404(client):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Vi fant ikke siden" in response.content.decode()


def test_server_error_page_renders_without_the_database():
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Noe gikk galt" in response.content.decode()


def test_production_settings_pass_the_deployment_checks():
    # The browser tests allow the ORM in Playwright's event loop; production does not.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **env,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "tunet.example",
        "DJANGO_SETTINGS_MODULE": "tunet.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    env.update({"DEBUG": "0", "DJANGO_SETTINGS_MODULE": "tunet.settings"})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
