"""Democratic services screens, mounted at /manage/meetings/ in the "meetings" namespace."""

from __future__ import annotations

from django.urls import path

from meetings.manage_views import agenda, attendance, meetings, minutes

urlpatterns = [
    path("", meetings.meeting_list, name="manage-meeting-list"),
    path("new/", meetings.meeting_create_view, name="manage-meeting-create"),
    # Importing minutes from a file (…/import/, …/import/<pk>/): imports/urls.py serves them.
    path("<int:pk>/", meetings.meeting_detail, name="manage-meeting-detail"),
    path("<int:pk>/edit/", meetings.meeting_edit, name="manage-meeting-edit"),
    path("<int:pk>/cancel/", meetings.meeting_cancel_view, name="manage-meeting-cancel"),
    path("<int:pk>/held/", meetings.meeting_held_view, name="manage-meeting-held"),
    path("<int:pk>/agenda/", agenda.agenda_builder, name="manage-agenda"),
    path("<int:pk>/agenda/items/", agenda.agenda_item_add_view, name="manage-agenda-item-add"),
    path(
        "<int:pk>/agenda/items/<int:item_pk>/edit/",
        agenda.agenda_item_edit,
        name="manage-agenda-item-edit",
    ),
    path(
        "<int:pk>/agenda/items/<int:item_pk>/move/",
        agenda.agenda_item_move_view,
        name="manage-agenda-item-move",
    ),
    path(
        "<int:pk>/agenda/items/<int:item_pk>/withdraw/",
        agenda.agenda_item_withdraw_view,
        name="manage-agenda-item-withdraw",
    ),
    path("<int:pk>/documents/new/", agenda.document_upload, name="manage-document-upload"),
    path("<int:pk>/attendance/", attendance.attendance_page, name="manage-attendance"),
    path(
        "<int:pk>/attendance/<int:person_pk>/",
        attendance.attendance_record_view,
        name="manage-attendance-record",
    ),
    path("<int:pk>/attendance/add/", attendance.attendee_add, name="manage-attendee-add"),
    path("<int:pk>/declarations/", attendance.declaration_add, name="manage-declaration-add"),
    path(
        "<int:pk>/declarations/carry-forward/",
        attendance.declarations_carry,
        name="manage-declarations-carry-forward",
    ),
    path(
        "<int:pk>/public-questions/",
        attendance.public_question_add,
        name="manage-public-question-add",
    ),
    path("<int:pk>/minutes/", minutes.minutes_editor, name="manage-minutes"),
    path("<int:pk>/minutes/new/", minutes.minute_add, name="manage-minute-add"),
    path("<int:pk>/minutes/<int:minute_pk>/edit/", minutes.minute_edit, name="manage-minute-edit"),
    path(
        "<int:pk>/minutes/<int:minute_pk>/points/",
        minutes.point_add,
        name="manage-minute-point-add",
    ),
    path(
        "<int:pk>/minutes/<int:minute_pk>/resolutions/",
        minutes.resolution_add_view,
        name="manage-resolution-add",
    ),
    # Publishing the agenda and the minutes (…/agenda/publish/, …/minutes/publish/ and
    # …/minutes/confirm/) publishes the meeting's tracked items too: scrutiny/urls.py serves them.
]
