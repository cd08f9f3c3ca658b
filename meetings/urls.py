from __future__ import annotations

from django.urls import include, path

from meetings import views

app_name = "meetings"

# Staff screens (agenda builder, minutes editor) live in manage_urls; both share this namespace.
urlpatterns = [
    path("manage/meetings/", include("meetings.manage_urls")),
    # The public side: meetings, papers, calendars and the decision register.
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/calendar.ics", views.calendar_ics, name="calendar"),
    path("meetings/calendar/<slug:body_slug>.ics", views.body_calendar_ics, name="body-calendar"),
    path("meetings/feed.atom", views.papers_feed, name="feed"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/agenda.pdf", views.agenda_pdf, name="agenda-pdf"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes-pdf"),
    path(
        "meetings/<int:pk>/papers/<int:document_pk>/",
        views.document_download,
        name="document-download",
    ),
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision-detail"),
]
