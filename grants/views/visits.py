"""Visits and contracts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.idempotency import ALREADY_SAVED, AlreadySubmitted, submission_create
from core.permissions import can_manage_grants, can_read_internal, require_permission
from grants import forms, selectors, services
from grants.views._common import PAGE_SIZE


@require_GET
@require_permission(can_read_internal)
def visit_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.visit_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/visit_list.html",
        {"page": page, "can_manage": can_manage_grants(request.user)},
    )


@require_GET
@require_permission(can_read_internal)
def contract_list(request: HttpRequest) -> HttpResponse:
    return render(request, "grants/contract_list.html", {"contracts": selectors.contract_list()})


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def visit_create(request: HttpRequest) -> HttpResponse:
    form = forms.VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission_create(
                token=form.token,
                create=lambda: services.visit_record(actor=request.user, **form.cleaned_data),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return redirect("grants:visit-list")
        except ValidationError as error:
            forms.form_errors_from(form, error)
        else:
            messages.success(request, "Visit recorded.")
            return redirect("grants:visit-list")
    return render(request, "grants/visit_form.html", {"form": form})
