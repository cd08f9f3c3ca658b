from __future__ import annotations

from django.urls import include, path

app_name = "meetings"

# Staff screens (agenda builder, minutes editor) live in manage_urls; both share this namespace.
urlpatterns = [
    path("manage/meetings/", include("meetings.manage_urls")),
]
