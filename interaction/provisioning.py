"""Every site gets its interaction sections (R57, R68, R70) and every agency's roles their permissions,
when provisioning runs (sites.signals.site_provisioned) — idempotent, like the rest of provisioning."""

from __future__ import annotations

from wagtail.models import Page, Site

from sites.models import AgencyGroup
from sites.publishing import add_structural_page

from .models import ConsultationIndexPage, PetitionIndexPage, QuestionIndexPage

SECTIONS = [
    (QuestionIndexPage, "Hỏi - Đáp", "hoi-dap"),
    (PetitionIndexPage, "Phản ánh, kiến nghị", "phan-anh-kien-nghi"),
    (ConsultationIndexPage, "Lấy ý kiến dự thảo văn bản", "lay-y-kien-du-thao"),
]

# Model permissions per role (granted by site provisioning: InteractionConfig.ready registers them);
# which rows each person reaches is limited to their agencies (access rules in
# CitizenRequestQuerySet.for_user). Personal data: the head/board and the agency's administrators.
ROLE_PERMISSIONS = {
    AgencyGroup.Role.EDITORS: (
        "view_citizenrequest",
        "change_citizenrequest",
        "view_pagefeedback",
        "change_pagefeedback",
        "view_consultationcomment",
        "change_consultationcomment",
    ),
    AgencyGroup.Role.BOARD: (
        "view_citizenrequest",
        "change_citizenrequest",
        "view_personal_data",
        "view_pagefeedback",
        "change_pagefeedback",
        "view_consultationcomment",
        "change_consultationcomment",
    ),
    AgencyGroup.Role.ADMINS: (
        "view_citizenrequest",
        "view_personal_data",
        "view_pagefeedback",
        "view_consultationcomment",
    ),
}


def ensure_sections(site: Site) -> list[Page]:
    root = site.root_page.specific
    if type(root).__name__ != "HomePage":
        return []
    created = []
    for model, title, slug in SECTIONS:
        if model.objects.child_of(root).exists():
            continue
        if Page.objects.child_of(root).filter(slug=slug).exists():
            slug = f"{slug}-{model._meta.model_name}"
        created.append(add_structural_page(root, model(title=title, slug=slug, show_in_menus=True)))
    return created
