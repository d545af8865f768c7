"""Background jobs held back by `coalescing_jobs()`: one run per distinct job, after the block, on the
final rows; none when the block fails. Provisioning builds every new site that way."""

import re
from collections import Counter

import pytest
from django.db import transaction
from django_tasks.signals import task_finished
from wagtail.models import Page

from cms.models import StandardPage
from sites.jobs import coalescing_jobs
from sites.models import Agency
from sites.provisioning import provision_agency
from sites.publishing import publish, publishing_without_review


@pytest.fixture
def finished_jobs():
    """Every job run while the test runs, as (job function, args)."""
    runs: Counter = Counter()

    def record(sender, task_result, **kwargs):
        runs[task_result.task.module_path, tuple(map(str, task_result.args))] += 1

    task_finished.connect(record, dispatch_uid="test-coalescing-jobs")
    yield runs
    task_finished.disconnect(dispatch_uid="test-coalescing-jobs")


def _found(page: Page, query: str) -> bool:
    return any(hit.pk == page.pk for hit in type(page).objects.live().search(query))


def test_each_job_runs_once_after_the_block_on_the_final_rows(portal, finished_jobs):
    home = portal.site.root_page
    with coalescing_jobs(), publishing_without_review("test: a page built in one go"):
        page = StandardPage(title="Lịch tiếp công dân (bản nháp)", slug="lich-tiep-cong-dan")
        home.add_child(instance=page)
        publish(page)  # three saves of the page
        page.title = "Lịch tiếp công dân tháng 12 năm 2026"
        publish(page)  # two more
        assert not finished_jobs, "no job runs inside the block"
    assert finished_jobs, "the held jobs ran when the block ended"
    assert max(finished_jobs.values()) == 1, finished_jobs
    page_jobs = [job for job in finished_jobs if str(page.pk) in map(str, job[1])]
    assert {module for module, _args in page_jobs} >= {
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
    }
    # The index holds the final title, not the one of the first save.
    assert _found(page, "tháng 12 năm 2026")
    assert not _found(page, "nháp")


def test_jobs_of_a_failed_block_never_run(portal, finished_jobs):
    home = portal.site.root_page
    with (
        pytest.raises(RuntimeError),
        transaction.atomic(),
        coalescing_jobs(),
        publishing_without_review("test: a build that fails"),
    ):
        page = StandardPage(title="Trang sẽ bị hủy", slug="trang-se-bi-huy")
        home.add_child(instance=page)
        publish(page)
        raise RuntimeError("the build fails half way")
    assert not finished_jobs
    assert not StandardPage.objects.filter(slug="trang-se-bi-huy").exists()


def test_nested_blocks_join_the_outer_one(portal, finished_jobs):
    home = portal.site.root_page
    with coalescing_jobs(), publishing_without_review("test: nested blocks"):
        with coalescing_jobs():
            page = StandardPage(title="Thông báo tuyển dụng viên chức", slug="tuyen-dung")
            home.add_child(instance=page)
            publish(page)
        assert not finished_jobs, "the inner block leaves its jobs to the outer one"
    assert finished_jobs and max(finished_jobs.values()) == 1


def test_provisioning_runs_each_job_once_per_object(portal, finished_jobs):
    ward = Agency.objects.create(
        name="Ủy ban nhân dân xã Khánh Bình", domain_label="khanhbinh", kind=Agency.Kind.WARD
    )
    finished_jobs.clear()
    provision_agency(ward)
    assert finished_jobs
    assert max(finished_jobs.values()) == 1, [job for job, n in finished_jobs.items() if n > 1]
    ward = Agency.objects.get(pk=ward.pk)
    pages = Page.objects.descendant_of(ward.site.root_page, inclusive=True).live()
    assert pages.count() >= 5  # home, introduction and the interaction sections
    for page in pages.specific():
        words = re.sub(r"[^\w\s]", " ", page.title)  # "Hỏi - Đáp": a lone dash is query syntax
        assert _found(page, words), f"{page.title} is not in the search index"
