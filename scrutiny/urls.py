from __future__ import annotations

from django.urls import path

from scrutiny import attachment_views, raise_views, views
from scrutiny import governance_views as cgb

app_name = "scrutiny"

urlpatterns = [
    path("actions/", views.item_list, name="item-list"),
    path("actions/summary/", views.item_summary, name="item-summary"),
    path("actions/mine/", views.item_mine, name="item-mine"),
    path("actions/assigned/", views.item_assigned, name="item-assigned"),
    path("actions/chase/", views.items_chase, name="items-chase"),
    path("actions/new/", raise_views.item_create, name="item-create"),
    path("actions/<int:pk>/", views.item_detail, name="item-detail"),
    path("actions/<int:pk>/follow/", views.item_follow, name="item-follow"),
    path("actions/<int:pk>/respond/", views.response_edit, name="response-edit"),
    path(
        "actions/<int:pk>/responses/<int:response_pk>/review/",
        views.response_review,
        name="response-review",
    ),
    path(
        "actions/<int:pk>/responses/<int:response_pk>/attachments/<int:attachment_pk>/",
        attachment_views.response_attachment,
        name="response-attachment",
    ),
    path(
        "actions/<int:pk>/responses/<int:response_pk>/withdraw/",
        views.response_withdraw,
        name="response-withdraw",
    ),
    path(
        "actions/<int:pk>/implementation/",
        views.implementation_update,
        name="implementation-update",
    ),
    path("actions/<int:pk>/withdraw/", views.item_withdraw, name="item-withdraw"),
    path("actions/log/<int:meeting_pk>/", views.action_log, name="action-log"),
    path("actions/log/<int:meeting_pk>/pdf/", views.action_log_download, name="action-log-pdf"),
    path("actions/log/<int:meeting_pk>/attach/", views.action_log_attach, name="action-log-attach"),
    path("actions/<int:pk>/chain/", cgb.chain, name="item-chain"),
    path("timeliness/", views.timeliness, name="timeliness"),
    path("cgb/", cgb.dashboard, name="cgb-dashboard"),
    path("cgb/meetings/new/", cgb.meeting_create, name="cgb-meeting-create"),
    path("cgb/meetings/<int:pk>/", cgb.meeting_detail, name="cgb-meeting"),
    path("cgb/meetings/<int:pk>/attendance/", cgb.attendance_add, name="cgb-attendance-add"),
    path("cgb/meetings/<int:pk>/items/", cgb.item_add, name="cgb-item-add"),
    path("cgb/meetings/<int:pk>/report/", cgb.report, name="cgb-report"),
    path("cgb/meetings/<int:pk>/report.pdf", cgb.report_pdf, name="cgb-report-pdf"),
    path("cgb/items/<int:item_pk>/requests/new/", cgb.request_create, name="cgb-request-create"),
    path("cgb/requests/<int:pk>/outcome/", cgb.outcome_record, name="cgb-outcome"),
]
