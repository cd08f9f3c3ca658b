"""collectstatic's manifest step (as production runs it): every file the CSS and JS refer to
exists. Compression, which production adds on top, is left out to keep the test quick."""

from __future__ import annotations

from django.core.management import call_command
from django.test import override_settings

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_collectstatic_with_the_manifest_storage(tmp_path):
    with override_settings(STORAGES=PRODUCTION_STATIC, STATIC_ROOT=tmp_path):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/govuk-frontend/govuk-frontend.min.*.css"))
