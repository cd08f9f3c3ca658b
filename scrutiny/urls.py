from __future__ import annotations

from django.urls import path

from scrutiny import (
    attachment_views,
    chain_views,
    publishing_views,
    raise_views,
    series_views,
    views,
)

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
    path("actions/<int:pk>/chain/", chain_views.chain, name="item-chain"),
    path("actions/<int:pk>/series/", series_views.item_series, name="item-series"),
    path("actions/<int:pk>/series/stop/", series_views.item_series_stop, name="item-series-stop"),
    path("timeliness/", views.timeliness, name="timeliness"),
    # Publishing a meeting publishes its tracked items: the meeting's staff pages post here.
    path(
        "manage/meetings/<int:pk>/agenda/publish/",
        publishing_views.agenda_publish,
        name="manage-agenda-publish",
    ),
    path(
        "manage/meetings/<int:pk>/minutes/publish/",
        publishing_views.minutes_publish,
        name="manage-minutes-publish",
    ),
    path(
        "manage/meetings/<int:pk>/minutes/confirm/",
        publishing_views.minutes_confirm,
        name="manage-minutes-confirm",
    ),
]
