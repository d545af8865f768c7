"""Public routes every site answers (the sections themselves are pages: Hỏi - Đáp, Phản ánh, Lấy ý kiến)."""

from django.urls import path

from .feeds import ConsultationFeed
from .views import public

urlpatterns = [
    path("gop-y/", public.page_feedback, name="interaction_feedback"),
    path("danh-gia/", public.rating, name="interaction_rating"),
    path("tep-dinh-kem/<int:pk>/", public.public_attachment, name="interaction_attachment"),
    path("rss/lay-y-kien/", ConsultationFeed(), name="interaction_consultation_feed"),
]
