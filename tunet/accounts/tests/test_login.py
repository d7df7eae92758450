from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def log_in(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


def test_login_with_email_in_any_case_lands_on_the_start_page(client):
    UserFactory(email="kari@tunet.test")
    response = log_in(client, "Kari@Tunet.test", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:start")


def test_wrong_password_says_so_in_norwegian_and_keeps_the_email(client):
    UserFactory(email="kari@tunet.test")
    response = log_in(client, "kari@tunet.test", "feil-passord")
    assert response.status_code == 200
    assert "E-postadressen eller passordet er feil" in response.content.decode()
    assert 'value="kari@tunet.test"' in response.content.decode()


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = UserFactory()
    assert user.password.startswith("argon2$")


def test_lockout_kicks_in_after_five_failures_and_lifts_after_fifteen_minutes(client, settings):
    UserFactory(email="kari@tunet.test")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            assert log_in(client, "kari@tunet.test", "feil").status_code == 200
        locked = log_in(client, "kari@tunet.test", "feil")
        assert locked.status_code == 429
        assert "For mange mislykkede forsøk" in locked.content.decode()
        # Even the right password is refused while locked.
        assert log_in(client, "kari@tunet.test", PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert log_in(client, "kari@tunet.test", PASSWORD).status_code == 429
    # Each attempt while locked starts the fifteen minutes again, so guessing on does not help.
    with time_machine.travel(start + timedelta(minutes=14 + 16), tick=False):
        response = log_in(client, "kari@tunet.test", PASSWORD)
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:start")


def test_lockout_of_one_account_does_not_lock_another(client, settings):
    UserFactory(email="kari@tunet.test")
    UserFactory(email="ola@tunet.test")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "kari@tunet.test", "feil")
    assert log_in(client, "ola@tunet.test", PASSWORD).status_code == 302


# --- Behind reverse proxies (PROXY_COUNT) ---------------------------------------------------------------

PROXY = "10.0.0.1"


def log_in_from(client, email, password, forwarded_for):
    return client.post(
        LOGIN, {"username": email, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for
    )


def test_behind_a_proxy_the_lockout_is_for_the_clients_address_not_the_proxys(client, settings):
    settings.PROXY_COUNT = 1
    UserFactory(email="kari@tunet.test")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in_from(client, "kari@tunet.test", "feil", "203.0.113.5")
    assert log_in_from(client, "kari@tunet.test", PASSWORD, "203.0.113.5").status_code == 429
    # Kari at her own desk, through the same proxy, is not locked out by someone guessing elsewhere.
    assert log_in_from(client, "kari@tunet.test", PASSWORD, "198.51.100.7").status_code == 302


def test_behind_two_proxies_the_address_the_first_proxy_saw_counts(client, settings):
    settings.PROXY_COUNT = 2
    UserFactory(email="kari@tunet.test")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # What the client writes in the header itself (the left part) changes nothing.
        log_in_from(client, "kari@tunet.test", "feil", f"192.0.2.{attempt}, 203.0.113.5, 10.0.0.2")
    assert log_in_from(client, "kari@tunet.test", PASSWORD, "203.0.113.5, 10.0.0.2").status_code == 429
    assert log_in_from(client, "kari@tunet.test", PASSWORD, "198.51.100.7, 10.0.0.2").status_code == 302


def test_without_proxies_a_forwarded_header_is_ignored(client, settings):
    settings.PROXY_COUNT = 0
    UserFactory(email="kari@tunet.test")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in_from(client, "kari@tunet.test", "feil", f"203.0.113.{attempt}")
    assert log_in_from(client, "kari@tunet.test", PASSWORD, "198.51.100.7").status_code == 429


def test_guessing_one_password_for_many_accounts_from_one_address_is_throttled(client, settings):
    settings.PROXY_COUNT = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    UserFactory(email="kari@tunet.test")
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        assert log_in_from(client, f"person{n}@tunet.test", "Sommer2026!", "203.0.113.5").status_code == 200
    # Every account has fewer failures than the lockout needs, but the address has too many.
    assert log_in_from(client, "kari@tunet.test", PASSWORD, "203.0.113.5").status_code == 429
    assert log_in_from(client, "kari@tunet.test", PASSWORD, "198.51.100.7").status_code == 302


def test_password_reset_mails_a_link_that_sets_a_new_password(client, mailoutbox):
    UserFactory(email="kari@tunet.test")
    response = client.post(reverse("accounts:password_reset"), {"email": "kari@tunet.test"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/nytt-passord/" in line)
    path = link[link.index("/nytt-passord/") :]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "en-helt-ny-frase-9", "new_password2": "en-helt-ny-frase-9"})
    assert done.status_code == 302
    assert log_in(client, "kari@tunet.test", "en-helt-ny-frase-9").status_code == 302


def test_password_reset_for_unknown_address_says_the_same_and_sends_nothing(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "ukjent@tunet.test"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_logout_needs_post_and_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:start")).status_code == 302


# --- Password reset: the same answer, the same work, and a limit -------------------------------------------

RESET = reverse("accounts:password_reset")


@pytest.fixture
def queued_tasks(settings):
    """Tasks are kept in the queue instead of run at once, as a worker in production would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    return backend


def test_password_reset_does_the_same_work_in_the_request_whether_or_not_the_account_exists(
    client, mailoutbox, queued_tasks
):
    UserFactory(email="kari@tunet.test")
    counts = {}
    for email in ("kari@tunet.test", "ukjent@tunet.test"):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(RESET, {"email": email})
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:password_reset_done")
        counts[email] = len(queries)
    # Nobody is looked up and nothing is sent in the request: both wait in the queue alike.
    assert counts["kari@tunet.test"] == counts["ukjent@tunet.test"]
    assert mailoutbox == []
    assert [result.args for result in queued_tasks.results] == [["kari@tunet.test"], ["ukjent@tunet.test"]]
    for result in queued_tasks.results:
        result.task.call(*result.args, **result.kwargs)
    assert [mail.to for mail in mailoutbox] == [["kari@tunet.test"]]


def test_password_reset_for_one_address_is_limited_without_saying_so(client, mailoutbox, settings):
    settings.PASSWORD_RESET_EMAIL_LIMIT = 2
    UserFactory(email="kari@tunet.test")
    for _attempt in range(4):
        assert client.post(RESET, {"email": "kari@tunet.test"}).status_code == 302
    assert len(mailoutbox) == 2


def test_password_reset_from_one_client_address_is_limited(client, mailoutbox, settings):
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 3
    for n in range(3):
        assert client.post(RESET, {"email": f"person{n}@tunet.test"}).status_code == 302
    refused = client.post(RESET, {"email": "person9@tunet.test"})
    assert refused.status_code == 429
    assert "For mange forespørsler" in refused.content.decode()
    other = client.post(RESET, {"email": "person9@tunet.test"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302
