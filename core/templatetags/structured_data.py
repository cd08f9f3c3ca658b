"""Embedding schema.org JSON-LD in a page."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# The escapes django.utils.html.json_script makes: no "</script>", "<!--" or "&" can survive
# in the data, so text in it cannot close the element or start markup.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data: dict[str, Any] | None) -> SafeString:
    """`data` as a <script type="application/ld+json"> data block, or nothing for None.

    Not json_script, which writes type="application/json" and search engines read only
    ld+json. A data block is never executed, so `script-src 'self'` permits it.
    """
    if data is None:
        return SafeString("")
    text = json.dumps(data, cls=DjangoJSONEncoder)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped just above
    )
