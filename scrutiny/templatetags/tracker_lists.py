"""The tracker's list pages: their filter controls and their rows, each written out in one pass.

The dashboard is the page the panel reads most. Django renders each widget and each option of
a select through the form renderer's templates (some ninety templates for the filter alone),
and the template engine resolves every variable of every row on its own; rendering was most of
the page's time. `filter_fields` writes the same GOV.UK markup as `partials/_field.html` with
`govuk_widget` (label, error next to the field, the widget's name, value, id and ARIA
attributes) straight from the bound fields: selects, text and date inputs and hidden inputs,
which is what a django-filter form holds. `item_rows` writes the table's rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import forms, template
from django.forms.boundfield import BoundField
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from scrutiny.filters import ItemSummaryFilter
from scrutiny.models import STATE_TAG_CLASSES, TrackedItem

register = template.Library()


def _esc(value: object) -> str:
    """Django's conditional_escape() without its lazy-string checks, which cost more than the
    markup around them (html.escape is what Django's escape() calls)."""
    html = getattr(value, "__html__", None)
    return str(html()) if html is not None else escape(str(value))


def _value(field: BoundField) -> str:
    """The field's value as its widget would print it ("" for none)."""
    value = field.value()
    return "" if value is None else str(value)


def _attrs(field: BoundField, css: str) -> str:
    """class, aria-describedby, aria-invalid and id, in the order Django's widgets write them."""
    ref = _esc(field.id_for_label)
    attrs = f' class="{css}"'
    described = ([f"{ref}-hint"] if field.help_text else []) + (
        [f"{ref}-error"] if field.errors else []
    )
    if described:
        attrs += f' aria-describedby="{" ".join(described)}"'
    if field.errors:
        attrs += ' aria-invalid="true"'
    return f'{attrs} id="{ref}"'


def _select(field: BoundField) -> str:
    css = "govuk-select govuk-select--error" if field.errors else "govuk-select"
    chosen, found = _value(field), False
    options = []
    for value, label in field.field.choices:  # type: ignore[attr-defined] # a choice field
        text = "" if value is None else str(value)
        selected = not found and text == chosen
        found |= selected
        mark = " selected" if selected else ""
        options.append(f'<option value="{_esc(text)}"{mark}>{_esc(label)}</option>')
    return f'<select name="{_esc(field.html_name)}"{_attrs(field, css)}>{"".join(options)}</select>'


def _input(field: BoundField, css: str) -> str:
    widget = field.field.widget
    value = _value(field)
    shown = f' value="{_esc(value)}"' if value else ""
    attrs = f' id="{_esc(field.id_for_label)}"' if widget.is_hidden else _attrs(field, css)
    kind = widget.input_type
    return f'<input type="{kind}" name="{_esc(field.html_name)}"{shown}{attrs}>'


def _control(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        return _select(field)
    if isinstance(widget, forms.TextInput | forms.DateInput | forms.HiddenInput):
        return _input(field, "govuk-input govuk-input--error" if field.errors else "govuk-input")
    raise TypeError(f"filter_fields writes selects and inputs, not {type(widget).__name__}")


def _group(field: BoundField) -> str:
    if field.is_hidden:
        return _control(field)
    ref = _esc(field.id_for_label)
    hint = (
        f'<div id="{ref}-hint" class="govuk-hint">{_esc(field.help_text)}</div>'
        if field.help_text
        else ""
    )
    error = (
        f'<p id="{ref}-error" class="govuk-error-message"><span class="govuk-visually-hidden">'
        f"Error:</span> {' '.join(_esc(e) for e in field.errors)}</p>"
        if field.errors
        else ""
    )
    invalid = " govuk-form-group--error" if field.errors else ""
    return (
        f'<div class="govuk-form-group{invalid}"><label class="govuk-label" for="{ref}">'
        f"{_esc(field.label)}</label>{hint}{error}{_control(field)}</div>"
    )


@register.simple_tag
def filter_fields(form: forms.Form) -> SafeString:
    """`{% filter_fields filter.form %}`: every field of a list's filter, in order."""
    return mark_safe("".join(_group(field) for field in form))  # noqa: S308 # _esc()aped


@register.simple_tag
def counts_trigger() -> str:
    """The dashboard counts' htmx trigger: loaded with the page, and again only when a filter
    the counts depend on changes (`ItemSummaryFilter`), not on a change of state, response or
    order."""
    return "load" + "".join(f", change from:#id_{name}" for name in ItemSummaryFilter.base_filters)


# Every row links to its item, and the addresses differ only by the id: one reverse() a page,
# with this id in it to replace, rather than one a row.
_ANY_ID = 987654321
# The labels, looked up once (a model's get_FOO_display() builds its choices' dict each call).
_ADDRESSEES = dict(TrackedItem.Addressee.choices)
_RESPONSES = dict(TrackedItem.ResponseStatus.choices)
_ONE_OFF = TrackedItem.Recurrence.NONE


def _row(item: TrackedItem, url: str, can_chase: bool) -> str:
    pk, reference = item.pk, _esc(item.reference)
    state = item.state_label
    select = (
        '<td class="govuk-table__cell"><div class="govuk-checkboxes govuk-checkboxes--small">'
        '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
        f'type="checkbox" id="chase-{pk}" name="item" value="{pk}"><label class="govuk-label '
        f'govuk-checkboxes__label" for="chase-{pk}"><span class="govuk-visually-hidden">'
        f"Select {reference}</span></label></div></div></td>"
        if can_chase
        else ""
    )
    # A standing request's occurrence: a small tag after its title (the column is in the list's
    # query, so it costs nothing a row).
    recurring = (
        ' <strong class="govuk-tag govuk-tag--light-blue">Recurring</strong>'
        if item.recurrence != _ONE_OFF
        else ""
    )
    addressee = item.addressee_person or _ADDRESSEES.get(item.addressee, item.addressee)
    response = _RESPONSES.get(item.response_status, item.response_status)
    return (
        f'<tr class="govuk-table__row">{select}<td class="govuk-table__cell"><a '
        f'class="govuk-link" href="{_esc(url.replace(str(_ANY_ID), str(pk)))}">{reference}'
        f'</a></td><td class="govuk-table__cell">{_esc(item.title)}{recurring}</td><td '
        f'class="govuk-table__cell">{_esc(addressee)}</td><td class="govuk-table__cell">'
        f'{item.due_date.day} {item.due_date:%b %Y}</td><td class="govuk-table__cell"><strong '
        f'class="govuk-tag {STATE_TAG_CLASSES[state]}">{state}</strong><br><span '
        f'class="govuk-body-s">{_esc(response)}</span></td></tr>'
    )


@register.simple_tag
def item_rows(items: Iterable[TrackedItem], can_chase: bool = False) -> SafeString:
    """`{% item_rows items can_chase %}`: the list's rows: reference (a link to the item),
    title (tagged when it recurs), addressee, due date, state and response, after a box to
    select the row for chasing when the reader may chase."""
    url = reverse("scrutiny:item-detail", args=[_ANY_ID])
    return mark_safe("".join(_row(item, url, can_chase) for item in items))  # noqa: S308 # _esc()aped
