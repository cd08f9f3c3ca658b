"""Chart configuration for static/js/app.js, carried in a data attribute of the chart's canvas."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder

register = template.Library()


@register.filter
def chart_config(config: dict[str, Any]) -> str:
    """The Chart.js configuration as JSON for `data-chart-config="..."`.

    Not json_script: the Content-Security-Policy has htmx drop every <script> from swapped-in
    content (allowScriptTags: false), JSON ones included, so a chart inside an htmx fragment
    would lose its data. An attribute survives the swap. The string is not marked safe, so
    autoescaping quotes it for the attribute.
    """
    return json.dumps(config, cls=DjangoJSONEncoder)
