"""Install the periodic jobs defined in code into django-celery-beat's schedule tables."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from core.discovery import app_modules


def all_schedules() -> list[tuple[str, str, dict[str, str]]]:
    """Every app's `<app>.schedules.SCHEDULES`, core's first."""
    entries: list[tuple[str, str, dict[str, str]]] = []
    for module in app_modules("schedules"):
        entries.extend(module.SCHEDULES)
    return entries


class Command(BaseCommand):
    help = "Create or update the Celery beat schedule from the schedules defined in code."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        for name, task, cron in all_schedules():
            schedule, _ = CrontabSchedule.objects.get_or_create(
                minute=cron.get("minute", "0"),
                hour=cron.get("hour", "*"),
                day_of_week=cron.get("day_of_week", "*"),
                day_of_month=cron.get("day_of_month", "*"),
                month_of_year=cron.get("month_of_year", "*"),
                timezone="Europe/London",
            )
            PeriodicTask.objects.update_or_create(
                name=name, defaults={"task": task, "crontab": schedule, "enabled": True}
            )
            self.stdout.write(f"Scheduled {name}: {task}")
