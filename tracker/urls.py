"""URL configuration: the admin, the API under /api/v1/, its schema and docs, health."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from tracker import errors, health

admin.site.site_header = "Ceasefire Tracker"
admin.site.site_title = "Ceasefire Tracker"
admin.site.index_title = "Records"

urlpatterns = [
    path("", RedirectView.as_view(url="/api/docs/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("tracker.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Last: anything else under /api/ is a JSON 404, also with DEBUG on (see tracker.errors).
    re_path(r"^api/", errors.api_not_found, name="api-not-found"),
]

handler400 = "tracker.errors.bad_request"
handler403 = "tracker.errors.permission_denied"
handler404 = "tracker.errors.not_found"
handler500 = "tracker.errors.server_error"
