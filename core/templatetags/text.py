"""Markdown written by officers, rendered to HTML and sanitised (nh3) before it is shown."""

from __future__ import annotations

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

from core.events import EventType

register = template.Library()

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


@register.filter
def markdown(text: str) -> SafeString:
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 above


@register.filter
def verb_label(verb: str) -> str:
    """A domain event's type as people read it: "response.submitted" → "Response submitted"."""
    return str(EventType(verb).label) if verb in EventType.values else verb
