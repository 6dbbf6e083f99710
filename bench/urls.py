"""The service's URLs plus the benchmarks' hand-written baseline views."""

from django.urls import include, path

from bench.api_list import baseline_agreement, baseline_agreements, baseline_overdue

urlpatterns = [
    path("bench/baseline/agreements/", baseline_agreements),
    path("bench/baseline/agreements/<int:pk>/", baseline_agreement),
    path("bench/baseline/overdue/", baseline_overdue),
    path("", include("tracker.urls")),
]
