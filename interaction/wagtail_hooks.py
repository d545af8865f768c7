"""Admin integration: the Interaction menu, its views and the audit-log actions."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.log_actions import LogFormatter

from .access import can_use
from .views import admin as views


@hooks.register("register_admin_urls")
def register_interaction_urls():
    return [
        path("interaction/requests/", views.RequestListView.as_view(), name="interaction_requests"),
        path("interaction/requests/<int:pk>/", views.RequestDetailView.as_view(), name="interaction_request"),
        path(
            "interaction/requests/<int:pk>/attachments/<int:attachment_id>/",
            views.attachment_download,
            name="interaction_request_attachment",
        ),
        path("interaction/reports/", views.ReportView.as_view(), name="interaction_reports"),
        path("interaction/feedback/", views.FeedbackListView.as_view(), name="interaction_feedback_admin"),
        path("interaction/comments/", views.CommentModerationView.as_view(), name="interaction_comments"),
    ]


class InteractionMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_use(request.user)


class InteractionSubmenu(SubmenuMenuItem):
    def is_shown(self, request) -> bool:
        return can_use(request.user)


@hooks.register("register_admin_menu_item")
def interaction_menu():
    items = [
        InteractionMenuItem(
            _("Questions and petitions"), reverse("interaction_requests"), icon_name="help", order=1
        ),
        InteractionMenuItem(
            _("Comments on drafts"), reverse("interaction_comments"), icon_name="comment", order=2
        ),
        InteractionMenuItem(
            _("Page feedback"), reverse("interaction_feedback_admin"), icon_name="mail", order=3
        ),
        InteractionMenuItem(_("Reports"), reverse("interaction_reports"), icon_name="table", order=4),
    ]
    return InteractionSubmenu(_("Citizens"), Menu(items=items), icon_name="group", order=150)


LOG_ACTIONS = {
    "interaction.received": _("Citizen request received"),
    "interaction.classified": _("Citizen request classified and assigned"),
    "interaction.forwarded": _("Citizen request forwarded"),
    "interaction.out_of_scope": _("Citizen request out of scope"),
    "interaction.violating": _("Citizen request marked as violating"),
    "interaction.drafted": _("Answer submitted for approval"),
    "interaction.returned": _("Answer returned for changes"),
    "interaction.approved": _("Answer approved"),
    "interaction.reminded": _("Deadline reminder sent"),
    "interaction.escalated": _("Deadline escalation sent"),
    "interaction.anonymised": _("Asker's personal data erased"),
    "interaction.personal_data_viewed": _("Asker's personal data viewed"),
    "interaction.attachment_opened": _("Asker's attachment opened"),
}


@hooks.register("register_log_actions")
def register_interaction_log_actions(actions):
    for name, label in LOG_ACTIONS.items():

        class Formatter(LogFormatter):
            pass

        Formatter.label = label

        def format_message(self, log_entry, label=label):
            return f"{label}: {log_entry.data.get('code', '')}"

        Formatter.format_message = format_message
        actions.register_action(name)(Formatter)
