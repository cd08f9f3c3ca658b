"""Set up the demo panels with their logins and data. Safe to run twice.

The panels are in `core/demo_data/panels.toml`: the Leicester, Leicestershire and Rutland panel,
which gets the demo data drawn from the seed papers (each app's `<app>.demo.load`), and invented
panels, which get a little invented data each (`<app>.demo.load_invented(panel)`, where an app
has some). Each app's loader runs inside its panel, so everything it creates is that panel's.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.discovery import app_modules
from core.models import Panel, PanelHost, PanelRole
from core.permissions import ADMINISTRATOR, DEMOCRATIC_SERVICES, OPCC_OFFICER, PANEL_MEMBER
from core.tenancy import panel_scope

DEMO_PASSWORD = "demo"
DATA_DIR = Path(__file__).resolve().parents[2] / "demo_data"
PANELS = DATA_DIR / "panels.toml"
PANEL_FIELDS = (
    "name",
    "short_name",
    "police_area",
    "host_authority",
    "kind",
    "commissioner_title",
    "contact_email",
    "contact_phone",
    "contact_url",
    "header_colour",
    "accent_colour",
    "notice",
    "giving_prefix",
    "funder_name",
)
ROLE_NAMES = {"member": PANEL_MEMBER, "opcc": OPCC_OFFICER, "democratic": DEMOCRATIC_SERVICES}
# The seed papers' panel keeps the logins it always had; `admin` is a superuser, the national
# administrator (an Administrator in every panel), and also holds the role in this panel.
SEED_PANEL_USERS = (
    # username, role, first name, last name
    ("member", PANEL_MEMBER, "Sarah", "Russell"),
    ("opcc", OPCC_OFFICER, "Lizzie", "Starr"),
    ("democratic", DEMOCRATIC_SERVICES, "Damien", "Buckley"),
    ("admin", ADMINISTRATOR, "System", "Administrator"),
)


def panel_specs() -> list[dict[str, Any]]:
    with PANELS.open("rb") as handle:
        specs: list[dict[str, Any]] = tomllib.load(handle)["panel"]
    return specs


def panel_ensure(spec: dict[str, Any]) -> Panel:
    """The panel with its hosts (in order) and logo, created if missing; an existing panel is
    left as it is, and a host another panel claims is an error, never moved."""
    defaults = {field: spec[field] for field in PANEL_FIELDS if field in spec}
    panel, _ = Panel.objects.get_or_create(slug=spec["slug"], defaults=defaults)
    # One default panel at most: a database that has one (the national register's, say) keeps it.
    if spec.get("is_default") and not Panel.objects.filter(is_default=True).exists():
        panel.is_default = True
        panel.save(update_fields=["is_default", "updated_at"])
    for position, name in enumerate(spec["hosts"]):
        host, _ = PanelHost.objects.get_or_create(
            name=name, defaults={"panel": panel, "position": position}
        )
        if host.panel_id != panel.pk:
            raise CommandError(f"The host {name} belongs to another panel ({host.panel}).")
    if spec.get("logo") and not panel.logo:
        logo = DATA_DIR / spec["logo"]
        panel.logo.save(f"{panel.slug}{logo.suffix}", ContentFile(logo.read_bytes()))
    return panel


def login_ensure(panel: Panel, username: str, role: str, first: str, last: str) -> User:
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
    PanelRole.all_panels.get_or_create(panel=panel, user=user, role=role)
    return user


def logins_ensure(panel: Panel, spec: dict[str, Any]) -> list[tuple[str, str]]:
    """The panel's demo logins, as (username, role)."""
    if not spec.get("invented"):
        rows = list(SEED_PANEL_USERS)
    else:
        rows = [
            (login["username"], ROLE_NAMES[login["role"]], login["first"], login["last"])
            for login in spec["logins"]
        ]
    for username, role, first, last in rows:
        login_ensure(panel, username, role, first, last)
    return [(username, role) for username, role, _, _ in rows]


class Command(BaseCommand):
    help = "Create the demo panels, their logins and their demo data (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (never in production).",
        )
        parser.add_argument(
            "--port", default="8000", help="The port `runserver` uses, for the printed addresses."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "load_demo creates well-known logins; it runs only with DEBUG on, or with --force."
            )
        loaded = []
        with transaction.atomic():
            for spec in panel_specs():
                panel = panel_ensure(spec)
                logins = logins_ensure(panel, spec)
                # Each app's loader, lowest layer first (core.discovery), inside the panel.
                with panel_scope(panel):
                    for module in app_modules("demo"):
                        if not spec.get("invented"):
                            module.load(stdout=self.stdout)
                        elif hasattr(module, "load_invented"):
                            module.load_invented(panel, stdout=self.stdout)
                loaded.append((panel, spec, logins))
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo logins (password 'demo'):"))
        for panel, spec, logins in loaded:
            port = options["port"]
            addresses = " or ".join(f"http://{host}:{port}/" for host in spec["hosts"])
            source = "invented demo data" if spec.get("invented") else "from the seed papers"
            self.stdout.write(f"\n{panel.name} ({source})")
            self.stdout.write(f"  {addresses}")
            for username, role in logins:
                self.stdout.write(f"  {username:<22} {role}")
        self.stdout.write(
            f"\nadmin is the national administrator, in every panel; the national view is "
            f"http://127.0.0.1:{options['port']}/national/"
        )
