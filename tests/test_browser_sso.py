"""Playwright: sign-in through an OpenID Connect provider (``oidc-provider-mock`` on
loopback) with ``st.login``: the role's pages, a reload that stays signed in, logging out,
and the access request of a person the provider knows but Draagvlak does not."""
import json
import secrets

import pytest

from core import access, sso, store, users
from test_browser import _free_port, browser, expect, serve  # noqa: F401

oidc_provider_mock = pytest.importorskip("oidc_provider_mock")

H1 = "[data-testid=stMain] h1"
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
ERIK = "erik@bedrijf.nl"
PIET = "piet@elders.nl"


def idle(page):
    page.wait_for_selector(IDLE, timeout=30_000)
    expect(page.locator("[data-testid=stStatusWidget]")).to_have_count(0, timeout=30_000)
    page.wait_for_selector(H1, timeout=30_000)


@pytest.fixture(scope="module")
def provider():
    """The mock identity provider on a free loopback port; yields its issuer URL."""
    people = [oidc_provider_mock.User(sub=ERIK, claims={"email": ERIK, "email_verified": True, "name": "Erik"}),
              oidc_provider_mock.User(sub=PIET, claims={"email": PIET, "email_verified": True,
                                                         "name": "Piet Elders"})]
    with oidc_provider_mock.run_server_in_thread(user_claims=people) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def org_app(demo_copy, provider, tmp_path):
    """The app on the demo store with Erik (editor, by address) and an admin with a password,
    its secrets.toml (written for this test only) pointing st.login at the mock provider."""
    s = store.Store(demo_copy)
    users.add_user(s, access.SYSTEM, "ada", "admin", password="correct horse 42")
    users.add_user(s, access.SYSTEM, "Erik", "editor", email=ERIK)
    s.close()
    port = _free_port()
    secrets_toml = tmp_path / "secrets.toml"
    secrets_toml.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        "[auth.microsoft]\n"
        'client_id = "draagvlak"\n'
        'client_secret = "test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")
    with serve(demo_copy, port=port, args=[f"--secrets.files={secrets_toml}"]) as url:
        yield url, demo_copy


def sign_in(page, url, who):
    page.goto(url)
    idle(page)
    expect(page.locator(H1)).to_have_text("Inloggen bij Draagvlak")
    page.get_by_role("button", name="Inloggen met Microsoft").click()
    page.get_by_placeholder("sub").fill(who)
    page.get_by_role("button", name="Authorize").click()
    expect(page.locator(H1)).not_to_have_text("Inloggen bij Draagvlak", timeout=30_000)
    idle(page)


def test_sign_in_reload_and_sign_out_through_the_provider(browser, org_app):  # noqa: F811
    url, db = org_app
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sign_in(page, url, ERIK)
    expect(page.locator(H1)).to_have_text("Overzicht · Demo Machinebouw B.V.")
    expect(page.locator("[data-testid=stMetric]").first).to_be_visible()
    nav = page.locator("[data-testid=stSidebarNav]")
    expect(nav.get_by_text("Gegevens", exact=True)).to_have_count(1)            # an editor's page
    expect(nav.get_by_text("Toegang & privacy", exact=True)).to_have_count(0)   # an admin's
    expect(page.get_by_text("Ingelogd als Erik (Bewerker) via Microsoft")).to_be_visible()

    page.reload()
    idle(page)
    expect(page.locator(H1)).to_have_text("Overzicht · Demo Machinebouw B.V.")
    expect(page.locator("[data-testid=stMetric]").first).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    # The provider's end-session page (st.logout's redirect), then back to the app.
    end = page.get_by_role("button", name="End session")
    expect(end).to_be_visible(timeout=90_000)
    end.click()
    idle(page)
    expect(page.locator(H1)).to_have_text("Inloggen bij Draagvlak")
    expect(page.locator("[data-testid=stMetric]")).to_have_count(0)
    expect(page.locator("[data-testid=stSidebarNav]")).to_have_count(0)
    page.reload()
    idle(page)
    expect(page.locator(H1)).to_have_text("Inloggen bij Draagvlak")
    expect(page.locator("[data-testid=stMetric]")).to_have_count(0)
    context.close()
    s = store.Store(db)
    logins = s.read().execute("SELECT actor, detail FROM audit_log WHERE action = 'user.login'").fetchall()
    s.close()
    # One sign-in, with the provider: the reload brought the same token, no new sign-in.
    assert len(logins) == 1 and logins[0][0] == "Erik"
    assert json.loads(logins[0][1])["provider"] == "microsoft" and json.loads(logins[0][1])["issued"] > 0


def test_a_person_without_a_role_gets_the_request_screen(browser, org_app):  # noqa: F811
    url, db = org_app
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sign_in(page, url, PIET)
    expect(page.locator(H1)).to_have_text("Nog geen toegang")
    expect(page.get_by_text("Vraag uw beheerder om toegang")).to_be_visible()
    expect(page.locator("[data-testid=stMetric]")).to_have_count(0)
    expect(page.locator("[data-testid=stSidebarNav]")).to_have_count(0)
    expect(page.get_by_text("Demo Machinebouw")).to_have_count(0)
    context.close()
    s = store.Store(db)
    assert [(r["email"], r["name"], r["provider"]) for r in sso.list_requests(s.read())] == [
        (PIET, "Piet Elders", "microsoft")]
    s.close()
