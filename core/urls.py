from __future__ import annotations

from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    path("panel.css", views.panel_css, name="panel-css"),
    path("panel/logo", views.panel_logo, name="panel-logo"),
]
