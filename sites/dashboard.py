"""The admin home's "My work" panel, one frame for every role (issue 15).

Each app that gives someone work adds a section through the `cong_my_work` hook:
`hook(request) -> MyWorkSection | None`. The panel lists the sections the user has, each row with its count
and a link: what waits for me, what is overdue, what I returned, what was returned to me.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail import hooks
from wagtail.admin.ui.components import Component

MY_WORK_HOOK = "cong_my_work"


@dataclass(frozen=True)
class WorkRow:
    label: str
    count: int
    url: str
    urgent: bool = False  # shown in red when the count is not zero


@dataclass(frozen=True)
class MyWorkSection:
    heading: str
    rows: list[WorkRow] = field(default_factory=list)
    order: int = 100


class MyWorkPanel(Component):
    name = "cong_my_work"
    template_name = "sites/my_work_panel.html"
    order = 50  # before Wagtail's own panels

    def __init__(self, sections: list[MyWorkSection]) -> None:
        self.sections = sections

    def get_context_data(self, parent_context):
        return {"sections": self.sections}


def my_work_sections(request) -> list[MyWorkSection]:
    sections = [section for hook in hooks.get_hooks(MY_WORK_HOOK) if (section := hook(request))]
    return sorted(sections, key=lambda section: section.order)


@hooks.register("construct_homepage_panels")
def add_my_work_panel(request, panels) -> None:
    sections = my_work_sections(request)
    if sections:
        panels.insert(0, MyWorkPanel(sections))
