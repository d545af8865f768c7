"""/api/v1/: the versioned public API, its OpenAPI description and its browsable page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import exports, views

app_name = "opendata"

router = SimpleRouter(trailing_slash=True)
router.register("legal-documents", views.LegalDocumentViewSet, basename="legal-documents")
router.register("procedures", views.ProcedureViewSet, basename="procedures")
router.register("news", views.NewsViewSet, basename="news")
router.register("announcements", views.AnnouncementViewSet, basename="announcements")
router.register("answers", views.AnswerViewSet, basename="answers")
router.register("consultations", views.ConsultationViewSet, basename="consultations")
router.register("agencies", views.AgencyViewSet, basename="agencies")
router.register("document-types", views.DocumentTypeViewSet, basename="document-types")
router.register("issuing-authorities", views.IssuingAuthorityViewSet, basename="issuing-authorities")
router.register("legal-fields", views.LegalFieldViewSet, basename="legal-fields")
router.register("news-categories", views.NewsCategoryViewSet, basename="news-categories")

urlpatterns = [
    path("", views.APIRootView.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("schema/ui/", SpectacularSwaggerSplitView.as_view(url_name="opendata:schema"), name="docs"),
    path(
        "export/legal-documents.csv",
        exports.LegalDocumentCSVExport.as_view(),
        name="export-legal-documents-csv",
    ),
    path(
        "export/legal-documents.json",
        exports.LegalDocumentJSONExport.as_view(),
        name="export-legal-documents-json",
    ),
    path("export/procedures.csv", exports.ProcedureCSVExport.as_view(), name="export-procedures-csv"),
    path("export/procedures.json", exports.ProcedureJSONExport.as_view(), name="export-procedures-json"),
    path("", include(router.urls)),
]
