"""Load the demo users and the demo data drawn from the seed papers. Safe to run twice."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.discovery import app_modules
from core.permissions import ADMINISTRATOR, DEMOCRATIC_SERVICES, OPCC_OFFICER, PANEL_MEMBER

DEMO_PASSWORD = "demo"
DEMO_USERS = (
    # username, role, first name, last name
    ("member", PANEL_MEMBER, "Sarah", "Russell"),
    ("opcc", OPCC_OFFICER, "Lizzie", "Starr"),
    ("democratic", DEMOCRATIC_SERVICES, "Damien", "Buckley"),
    ("admin", ADMINISTRATOR, "System", "Administrator"),
)


def demo_users_ensure() -> list[User]:
    users = []
    for username, role, first, last in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                "is_staff": role == ADMINISTRATOR,
                "is_superuser": role == ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role))
        users.append(user)
    return users


class Command(BaseCommand):
    help = "Create the demo logins and load demo data from the seed papers (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (never in production).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "load_demo creates well-known logins; it runs only with DEBUG on, or with --force."
            )
        with transaction.atomic():
            demo_users_ensure()
            # Each app's demo loader, `<app>.demo.load(stdout=...)`, lowest layer first.
            for module in app_modules("demo"):
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo logins (password 'demo'):"))
        for username, role, _, _ in DEMO_USERS:
            self.stdout.write(f"  {username:<11} {role}")
