from __future__ import annotations

from django.urls import path

from grants import views

app_name = "grants"

urlpatterns = [
    path("grants/", views.award_register, name="award-register"),
    path("grants/360giving.json", views.giving_360, name="360giving"),
    path("grants/awards.csv", views.awards_csv, name="awards-csv"),
    path("grants/funds/", views.fund_list, name="fund-list"),
    path("grants/rounds/new/", views.round_create, name="round-create"),
    path("grants/rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("grants/rounds/<int:pk>/criteria/", views.criterion_add, name="criterion-add"),
    path("grants/rounds/<int:pk>/status/", views.round_transition, name="round-transition"),
    path("grants/rounds/<int:pk>/import/", views.applications_import_view, name="import"),
    path(
        "grants/rounds/<int:pk>/applications/new/",
        views.application_add,
        name="application-add",
    ),
    path("grants/rounds/<int:pk>/scoring/", views.scoring, name="scoring"),
    path("grants/rounds/<int:pk>/moderation/", views.moderation, name="moderation"),
    path("grants/rounds/<int:pk>/recommend/", views.round_recommend, name="round-recommend"),
    path("grants/rounds/<int:pk>/decision/", views.decision_record, name="decision-record"),
    path("grants/applications/<int:pk>/interest/", views.conflict_declare, name="conflict-declare"),
    path(
        "grants/applications/<int:pk>/withdraw/",
        views.application_withdraw,
        name="application-withdraw",
    ),
    path(
        "grants/applications/<int:pk>/moderate/",
        views.application_moderate,
        name="application-moderate",
    ),
    path("grants/awards/<int:pk>/", views.award_detail, name="award-detail"),
    path("grants/awards/<int:pk>/payments/", views.payment_add, name="payment-add"),
    path(
        "grants/awards/<int:pk>/monitoring/", views.monitoring_schedule, name="monitoring-schedule"
    ),
    path("grants/payments/<int:pk>/paid/", views.payment_paid, name="payment-paid"),
    path("grants/monitoring/", views.monitoring_calendar, name="monitoring"),
    path("grants/returns/<int:pk>/receive/", views.return_receive, name="return-receive"),
    path("grants/returns/<int:pk>/review/", views.return_review, name="return-review"),
    path("grants/visits/", views.visit_list, name="visit-list"),
    path("grants/visits/new/", views.visit_create, name="visit-create"),
    path("grants/contracts/", views.contract_list, name="contract-list"),
]
