"""No admin deletes anything: every registered model, ours and third parties', refuses the
delete page, the bulk "delete selected" action and deletion through inlines, even for a
superuser. Records are withdrawn, people deactivated and schedules disabled instead."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

# Models whose admin may still delete, by "app_label.ModelName" so that a model which is not
# installed is simply not there. Each says why.
ALLOW_DELETE = {
    # django-axes: deleting an attempt is how an administrator unlocks a locked account.
    "axes.AccessAttempt": "unlocking an account",
    # django-otp: a lost authenticator is reset by deleting the device, which is what
    # core.two_factor.two_factor_remove does too; a device is a credential, not a record.
    "otp_totp.TOTPDevice": "resetting a lost authenticator",
    "otp_static.StaticDevice": "resetting lost recovery codes",
    # A role in a panel is a permission, not a record: revoking it deletes the row.
    "core.PanelRole": "revoking a role",
}

# The records the Trust issue named: each must be among those walked.
MUST_BE_WALKED = {
    "scrutiny.Review",
    "scrutiny.TrackedItem",
    "scrutiny.Response",
    "core.DomainEvent",
    "django_celery_beat.PeriodicTask",
    "django_celery_beat.IntervalSchedule",
    "django_celery_beat.CrontabSchedule",
    "django_celery_beat.SolarSchedule",
    "django_celery_beat.ClockedSchedule",
    "auth.User",
    "core.Panel",
    "grants.Decision",
    "meetings.Resolution",
}


def walked() -> list[str]:
    return sorted(
        model._meta.label for model in admin.site._registry if model._meta.label not in ALLOW_DELETE
    )


def model_admin(label: str):
    return next(ma for model, ma in admin.site._registry.items() if model._meta.label == label)


@pytest.fixture
def superuser_request(db):
    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("root", "root@x.org", "demo")
    return request


def test_the_walk_covers_every_model_the_issue_named():
    assert set(walked()) >= MUST_BE_WALKED


@pytest.mark.parametrize("label", walked())
def test_admin_refuses_to_delete(label, superuser_request):
    ma = model_admin(label)
    obj = ma.model._default_manager.first()
    assert ma.has_delete_permission(superuser_request) is False
    assert ma.has_delete_permission(superuser_request, obj) is False
    assert "delete_selected" not in ma.get_actions(superuser_request)
    for inline in ma.get_inline_instances(superuser_request, obj):
        if inline.model._meta.label in ALLOW_DELETE:
            continue
        assert not (inline.can_delete and inline.has_delete_permission(superuser_request, obj))


@pytest.mark.parametrize("label", sorted(ALLOW_DELETE))
def test_allowed_admins_still_delete_where_installed(label, superuser_request):
    ma = next((ma for m, ma in admin.site._registry.items() if m._meta.label == label), None)
    if ma is None:
        pytest.skip(f"{label} is not installed")
    assert ma.has_delete_permission(superuser_request) is True


def _rows_for_every_schedule_kind() -> None:
    from django_celery_beat.models import ClockedSchedule, IntervalSchedule, SolarSchedule

    ClockedSchedule.objects.create(clocked_time=timezone.now() + datetime.timedelta(days=1))
    SolarSchedule.objects.create(event="sunrise", latitude="52.63", longitude="-1.13")
    IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.DAYS)


@pytest.mark.django_db
def test_posting_delete_for_a_real_row_is_refused_and_the_row_stays(client):
    call_command("load_demo", "--force")
    call_command("install_schedules")
    _rows_for_every_schedule_kind()
    client.force_login(User.objects.get(username="admin"))
    tried = set()
    for label in walked():
        model = model_admin(label).model
        obj = model._default_manager.first()
        if obj is None:
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        # The admin itself still works: the list and the record open.
        assert client.get(reverse(f"{prefix}_changelist")).status_code == 200, label
        assert client.get(reverse(f"{prefix}_change", args=[obj.pk])).status_code == 200
        page = client.post(reverse(f"{prefix}_delete", args=[obj.pk]), {"post": "yes"})
        assert page.status_code == 403, label
        bulk = client.post(
            reverse(f"{prefix}_changelist"),
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
        assert bulk.status_code in {200, 302}, label
        assert model._default_manager.filter(pk=obj.pk).exists(), label
        tried.add(label)
    # Real rows were tried for the records that matter, and for most of the rest.
    assert tried >= MUST_BE_WALKED
    assert len(tried) >= len(walked()) * 2 // 3
