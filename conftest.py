import pytest


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Tests render pages without collectstatic, whatever DEBUG says.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is slow on purpose; tests that are about hashing put it back.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache outlives each test's database rollback; start every test from an empty one.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    # Uploaded photos and documents go to a fresh folder per test, never into the project.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reference_data():
    """The register and the catalogue's reference lists, which data migrations load: a transactional
    test that runs after another one finds them emptied by its flush, so it asks for them here."""
    from django.apps import apps

    from tunet.catalogue.models import TargetGroup
    from tunet.catalogue.reference import load_reference
    from tunet.core.models import County, Municipality, PostalCode
    from tunet.core.register import load_register

    if not County.objects.exists():
        load_register(County, Municipality, PostalCode)
    if not TargetGroup.objects.exists():
        load_reference(apps)
