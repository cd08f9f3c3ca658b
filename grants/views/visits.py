"""Visits and contracts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import form_create
from core.pagination import seek_page
from core.permissions import can_manage_grants, can_read_internal, require_permission
from grants import forms, selectors, services
from grants.views._common import PAGE_SIZE, announce


@require_GET
@require_permission(can_read_internal)
def visit_list(request: HttpRequest) -> HttpResponse:
    page = seek_page(selectors.visit_list(), request.GET.get("page"), PAGE_SIZE)
    context = {"page": page, "can_manage": can_manage_grants(request.user)}
    return render(request, "grants/visit_list.html", context)


@require_GET
@require_permission(can_read_internal)
def contract_list(request: HttpRequest) -> HttpResponse:
    return render(request, "grants/contract_list.html", {"contracts": selectors.contract_list()})


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def visit_create(request: HttpRequest) -> HttpResponse:
    form = forms.VisitForm(request.POST or None)
    done = form_create(form, lambda data: services.visit_record(actor=request.user, **data))
    if announce(request, done, "Visit recorded."):
        return redirect("grants:visit-list")
    return render(request, "grants/visit_form.html", {"form": form})
