from __future__ import annotations

app_name = "scrutiny"

urlpatterns: list = []
