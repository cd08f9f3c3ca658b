from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import views as core_views

admin.site.site_header = settings.PRODUCT_NAME
admin.site.site_title = settings.PRODUCT_NAME

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", include("core.two_factor_urls")),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("", include("core.urls")),
    path("", include("meetings.urls")),
    path("", include("scrutiny.urls")),
    path("", include("governance.urls")),
    path("", include("grants.urls")),
    path("", include("imports.urls")),
    # The open data API (README "Open data API"): OParl 1.1 under /api/v1/.
    path("api/", include("api.urls")),
    path("", include("national.urls")),
    path("", include("opendata.urls")),
]

handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
