"""R101 in a real browser: sign in, enrol TOTP from the page's secret, verify, reach the dashboard.

It also proves the admin works under the Content-Security-Policy: no violation is reported on the
way, on the dashboard or in the page editor.
"""

from __future__ import annotations

from base64 import b32decode

from django_otp.oath import totp

from cms.models import StandardPage


def test_sign_in_enrol_totp_and_reach_the_dashboard(portal, superuser, browser_page, site_url):
    violations: list[str] = []
    browser_page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    browser_page.on("pageerror", lambda error: violations.append(str(error)))

    browser_page.goto(site_url("camau.localhost", "/admin/"))
    browser_page.fill("#id_username", "superadmin")
    browser_page.fill("#id_password", "a-long-test-password")
    browser_page.locator("form.login-form button[type=submit]").click()

    # No admin page before the second factor: the sign-in leads to enrolment.
    browser_page.wait_for_url("**/admin/2fa/setup/**")
    assert browser_page.locator(".accounts-qr svg.segno").first.is_visible()
    secret = browser_page.locator("#totp-secret").get_attribute("data-secret")
    browser_page.fill("#id_token", f"{totp(b32decode(secret)):06d}")
    browser_page.click("#token-submit")

    browser_page.wait_for_selector("#backup-codes li")
    codes = browser_page.locator("#backup-codes li").all_text_contents()
    assert len(codes) == 10
    browser_page.click("#continue")
    browser_page.wait_for_url("**/admin/")
    assert browser_page.locator("#main").count() == 1
    assert "/2fa/" not in browser_page.url

    page = StandardPage.objects.descendant_of(portal.site.root_page).first()
    browser_page.goto(site_url("camau.localhost", f"/admin/pages/{page.pk}/edit/"))
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.locator("input[name=title]").input_value() == page.title
    assert not violations, "\n".join(violations)


def test_admin_login_fixture_gives_a_verified_browser_session(
    portal, superuser, admin_login, browser_page, site_url
):
    admin_login(superuser)
    browser_page.goto(site_url("camau.localhost", "/admin/pages/"))
    assert "/2fa/" not in browser_page.url and "/login/" not in browser_page.url
    assert browser_page.locator("#main").count() == 1
