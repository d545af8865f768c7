"""Whole processes, as an operator runs them: the embedded demo and the production deploy check."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time

import pytest
import requests

from tests.conftest import ROOT, SERVICE_VARS, manage


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_embedded_demo_loads_twice_and_serves_every_host(embedded_demo, tmp_path):
    first = embedded_demo.load_output  # migrate + load_demo on a fresh SQLite file, as `make demo` does
    assert "81 agencies" in first
    assert "password: demo-password-for-test" in first
    env = embedded_demo.copy_to(tmp_path)
    second = manage(["load_demo"], env)
    assert "created" not in second  # a rerun repairs, it does not duplicate
    count = manage(["shell", "-c", "from wagtail.models import Site; print(Site.objects.count())"], env)
    assert count.strip().splitlines()[-1] == "81"

    port = free_port()
    env = {**env, "PORT": str(port)}  # as `PORT=… make demo`: links carry the served port
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}/"
        for _ in range(100):  # until the server answers (its first page, of 81 sites, takes seconds)
            try:
                requests.get(base, timeout=30)
                break
            except requests.RequestException:
                time.sleep(0.2)
        portal = requests.get(base, headers={"Host": "camau.localhost"}, timeout=10)
        assert portal.status_code == 200
        assert "Cổng Thông tin điện tử tỉnh Cà Mau" in portal.text
        assert "Ủy ban nhân dân phường An Xuyên" in portal.text  # the directory
        ward = requests.get(base, headers={"Host": f"anxuyen.camau.localhost:{port}"}, timeout=10)
        assert ward.status_code == 200
        assert '<p class="site-header__agency">Ủy ban nhân dân phường An Xuyên' in ward.text
        assert f'href="http://camau.localhost:{port}/"' in ward.text
        unknown = requests.get(base, headers={"Host": "unknown.example.org"}, timeout=10)
        assert unknown.status_code == 200 and "Cổng Thông tin điện tử tỉnh Cà Mau" in unknown.text
        regulation = requests.get(
            base + "van-ban/qd-68-2026-qd-ubnd/", headers={"Host": "camau.localhost"}, timeout=10
        )
        assert regulation.status_code == 200
        assert "Điều 1." in regulation.text
        # The embedded default's search (SQLite FTS5, folded, scored once per query) ranks by number and
        # by words typed without diacritics, filtered to the documents tab.
        for query, expected in (("68/2026", "68/2026/QĐ-UBND"), ("an ninh mang", "24/2018/QH14")):
            found = requests.get(
                base + "search/",
                params={"q": query, "tab": "documents"},
                headers={"Host": "camau.localhost"},
                timeout=30,
            )
            assert found.status_code == 200, query
            listing = found.text[found.text.index('class="search-results"') :]
            numbers = re.findall(r'<a href="[^"]+">[^<:]*? ([\w/…-]+/[\w-]+): ', listing)
            assert numbers[:1] == [expected], (query, numbers[:5])
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_production_settings_pass_the_deploy_check():
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        FIELD_ENCRYPTION_SALT=secrets.token_urlsafe(24),
        DATABASE_URL="postgres://cong:secret@127.0.0.1:5432/cong",
        REDIS_URL="redis://127.0.0.1:6379/0",
        SEARCH_URL="http://127.0.0.1:9200",
        SEARCH_ENGINE="elasticsearch8",
        PORTAL_DOMAIN="camau.gov.vn",
        ALLOWED_HOSTS="camau.gov.vn,.camau.gov.vn",
    )
    assert "no issues" in manage(["check", "--deploy", "--fail-level", "WARNING"], env)


def test_production_settings_refuse_to_start_without_secrets():
    env = {k: v for k, v in os.environ.items() if k not in (*SERVICE_VARS, "SECRET_KEY")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
