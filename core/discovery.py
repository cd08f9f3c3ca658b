"""What each installed app contributes to core's shared screens and commands, found by convention.

`core` is the lowest layer and names no app above it. Instead, an app contributes by having a
module of an agreed name, and core looks for it in every installed app, in `INSTALLED_APPS`
order (our apps are listed lowest layer first, so meetings comes before scrutiny, and both
before the apps built on them):

- `<app>.demo` with `load(stdout=...)`: demo data, loaded by `manage.py load_demo` inside the
  seed papers' panel, and optionally `load_invented(panel, stdout=...)`: an invented demo
  panel's few records, loaded inside that panel;
- `<app>.schedules` with `SCHEDULES`: periodic jobs, installed by `manage.py install_schedules`;
- `<app>.navigation` with `ITEMS`: entries in the main navigation (core.navigation);
- the template `<app>/_home.html`: a block on the home page (core.views.home).

This is Django's own pattern for `admin.py` (`django.utils.module_loading.autodiscover_modules`).
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.module_loading import module_has_submodule


@cache
def app_modules(submodule: str) -> tuple[ModuleType, ...]:
    """`<app>.<submodule>` of every installed app that has one, in `INSTALLED_APPS` order.

    Cached: the installed apps and their modules do not change while the process runs. An app
    whose module exists but fails to import raises, as it would when imported by name.
    """
    return tuple(
        import_module(f"{config.name}.{submodule}")
        for config in apps.get_app_configs()
        if config.module is not None and module_has_submodule(config.module, submodule)
    )


def app_templates(name: str) -> tuple[str, ...]:
    """`<app label>/<name>` for every installed app whose template of that name exists.

    Not cached here: the template loaders cache what they find (and what they do not) as they
    are configured to, so a template added in development shows without a restart.
    """
    found = []
    for config in apps.get_app_configs():
        template = f"{config.label}/{name}"
        try:
            get_template(template)
        except TemplateDoesNotExist:
            continue
        found.append(template)
    return tuple(found)
