"""Throttled passwords: admin logins (django-axes) and page passwords (core/throttling.py) are
refused for a while after too many failures, with a page that says so; a right password before
the limit still works, and a cache that is down never turns a visitor away."""

import pytest
from django.conf import settings
from wagtail.models import PageViewRestriction

from core import throttling

LOGIN = "/admin/login/"


def log_in(client, username, password, address="192.0.2.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture(autouse=True)
def axes_enabled(settings):
    settings.AXES_ENABLED = True  # off in the test settings (config/settings/test.py)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        username="redacteur", email="redacteur@example.org", password="het-goede-wachtwoord"
    )


@pytest.mark.django_db
def test_admin_login_is_locked_after_too_many_failures(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "redacteur", "fout").status_code == 200  # the form again
    response = log_in(client, "redacteur", "fout")
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"Probeer het over {minutes} minuten opnieuw." in response.content.decode()
    assert response["Retry-After"] == str(minutes * 60)
    # Locked out: even the right password is refused now.
    response = log_in(client, "redacteur", "het-goede-wachtwoord")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_succeeds_before_the_limit(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "redacteur", "fout")
    response = log_in(client, "redacteur", "het-goede-wachtwoord")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.django_db
def test_a_lockout_holds_for_that_name_from_that_address_only(client, editor, django_user_model):
    django_user_model.objects.create_superuser("collega", "collega@example.org", "ook-goed")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "redacteur", "fout")
    assert log_in(client, "collega", "ook-goed").status_code == 302
    client.logout()
    # Someone guessing at an editor's name elsewhere cannot lock the editor out.
    assert log_in(client, "redacteur", "het-goede-wachtwoord", "198.51.100.7").status_code == 302


# ---------------------------------------------------------------------------------------------
# Page passwords


@pytest.fixture
def private_track(bilingual):
    track = bilingual.nl.urban
    restriction = PageViewRestriction.objects.create(
        page=track, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    return track, f"/_util/authenticate_with_password/{restriction.pk}/{track.pk}/"


def send_password(client, action, password, address="192.0.2.1"):
    return client.post(action, {"password": password, "return_url": "/"}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_page_password_form_is_refused_after_too_many_failures(client, private_track):
    track, action = private_track
    assert "Wachtwoord nodig" in client.get(track.url).content.decode()
    for _ in range(settings.PAGE_PASSWORD_ATTEMPTS):
        response = send_password(client, action, "fout")
        assert response.status_code == 200
        assert "Wachtwoord nodig" in response.content.decode()
    response = send_password(client, action, "geheim")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Er is te vaak een verkeerd wachtwoord ingevuld voor deze pagina." in text
    minutes = settings.PAGE_PASSWORD_WINDOW // 60
    assert f"Probeer het over {minutes} minuten opnieuw." in text
    assert response["Retry-After"] == str(settings.PAGE_PASSWORD_WINDOW)
    assert track.title not in text  # the private page's title stays private
    assert "Wachtwoord nodig" in client.get(track.url).content.decode()


@pytest.mark.django_db
def test_page_password_succeeds_before_the_limit(client, private_track):
    track, action = private_track
    for _ in range(settings.PAGE_PASSWORD_ATTEMPTS - 1):
        send_password(client, action, "fout")
    response = send_password(client, action, "geheim")
    assert response.status_code == 302
    response = client.get(track.url)
    assert response.status_code == 200
    assert track.title in response.content.decode()


@pytest.mark.django_db
def test_page_password_limit_is_per_address(client, private_track):
    track, action = private_track
    for _ in range(settings.PAGE_PASSWORD_ATTEMPTS):
        send_password(client, action, "fout")
    assert send_password(client, action, "geheim").status_code == 429
    assert send_password(client, action, "geheim", "198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_trying_another_page_under_the_same_password_gains_nothing(client, private_track):
    track, action = private_track
    other_action = action.rsplit("/", 2)[0] + f"/{track.get_parent().pk}/"
    for _ in range(settings.PAGE_PASSWORD_ATTEMPTS):
        send_password(client, action, "fout")
    assert send_password(client, other_action, "geheim").status_code == 429


class DownCache:
    """A cache whose server does not answer."""

    def __getattr__(self, name):
        def unavailable(*args, **kwargs):
            raise ConnectionError("cache unavailable")

        return unavailable


@pytest.mark.django_db
def test_page_password_works_when_the_cache_is_down(client, private_track, monkeypatch, caplog):
    track, action = private_track
    monkeypatch.setattr(throttling, "cache", DownCache())
    for _ in range(settings.PAGE_PASSWORD_ATTEMPTS + 1):
        assert send_password(client, action, "fout").status_code == 200
    assert send_password(client, action, "geheim").status_code == 302
    assert "Page password: cache unavailable" in caplog.text
