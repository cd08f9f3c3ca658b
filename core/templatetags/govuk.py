"""Render Django form widgets with GOV.UK Frontend classes and error/hint wiring."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

_CLASSES: tuple[tuple[type[forms.Widget], str, str], ...] = (
    # widget type, class, extra class when the field has errors
    (forms.CheckboxInput, "govuk-checkboxes__input", ""),
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.Select, "govuk-select", "govuk-select--error"),
    (forms.ClearableFileInput, "govuk-file-upload", "govuk-file-upload--error"),
    (forms.FileInput, "govuk-file-upload", "govuk-file-upload--error"),
    (forms.widgets.Input, "govuk-input", "govuk-input--error"),
)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_choice_group(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.simple_tag
def govuk_widget(field: BoundField) -> SafeString:
    widget = field.field.widget
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}-hint")
    if field.errors:
        described.append(f"{field.id_for_label}-error")
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return _choice_group(field, radio=isinstance(widget, forms.RadioSelect))
    css = ""
    for widget_type, base, error in _CLASSES:
        if isinstance(widget, widget_type):
            css = f"{base} {error}" if field.errors and error else base
            break
    attrs: dict[str, str | bool] = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


def _choice_group(field: BoundField, *, radio: bool) -> SafeString:
    kind = "radios" if radio else "checkboxes"
    items = format_html_join(
        "",
        '<div class="govuk-{}__item"><input class="govuk-{}__input" id="{}" name="{}" type="{}"'
        ' value="{}"{}><label class="govuk-label govuk-{}__label" for="{}">{}</label></div>',
        (
            (
                kind,
                kind,
                sub.id_for_label,
                field.html_name,
                "radio" if radio else "checkbox",
                sub.data["value"],
                " checked" if sub.data["selected"] else "",
                kind,
                sub.id_for_label,
                sub.choice_label,
            )
            for sub in field.subwidgets
        ),
    )
    return format_html(
        '<div class="govuk-{0} govuk-{0}--small" data-module="govuk-{0}">{1}</div>', kind, items
    )


@register.simple_tag
def query_with(request: HttpRequest, **changes: object) -> str:
    """The current query string with some parameters replaced (for pagination and sorting)."""
    params = request.GET.copy()
    for key, value in changes.items():
        params[key] = str(value)
    return params.urlencode()
