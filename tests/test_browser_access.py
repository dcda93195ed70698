"""Playwright: the login screen, a viewer asking for the Data page's URL, and user text that
must show as text (never as HTML or a Markdown link)."""
import pytest

from core import access, stakeholders, store, users
from test_browser import browser, expect, serve  # noqa: F401

PASSWORD = "correct horse 42"
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


def idle(page):
    page.wait_for_selector(IDLE, timeout=30_000)
    expect(page.locator("[data-testid=stStatusWidget]")).to_have_count(0, timeout=30_000)
    page.wait_for_selector("[data-testid=stMain] h1", timeout=30_000)


def log_in(page, name):
    page.get_by_label("Gebruikersnaam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("[data-testid=stMain] h1")).not_to_have_text("Inloggen bij Draagvlak",
                                                                     timeout=30_000)
    idle(page)


@pytest.fixture
def guarded(demo_copy):
    s = store.Store(demo_copy)
    users.add_user(s, access.SYSTEM, "dora", "viewer", password=PASSWORD)
    users.add_user(s, access.SYSTEM, "ada", "admin", password=PASSWORD)
    s.close()
    return demo_copy


def test_anonymous_browser_gets_the_login_screen_and_a_viewer_not_the_data_page(browser, guarded):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    with serve(guarded) as url:
        page.goto(url + "/data")
        idle(page)
        expect(page.locator("[data-testid=stMain] h1")).to_have_text("Inloggen bij Draagvlak")
        expect(page.locator("[data-testid=stMetric]")).to_have_count(0)
        expect(page.locator("[data-testid=stSidebarNav]")).to_have_count(0)
        expect(page.get_by_text("Demo Machinebouw")).to_have_count(0)

        # A viewer who asked for /data gets the Overview: Data is not among their pages.
        log_in(page, "dora")
        expect(page.locator("[data-testid=stMain] h1")).to_have_text("Overzicht · Demo Machinebouw B.V.")
        expect(page.locator("[data-testid=stMetric]").first).to_be_visible()
        expect(page.get_by_text("De pagina ‘Gegevens’ is niet beschikbaar voor uw rol")).to_be_visible()
        nav = page.locator("[data-testid=stSidebarNav]")
        expect(nav.get_by_text("Gegevens", exact=True)).to_have_count(0)
        expect(nav.get_by_text("Toegang & privacy", exact=True)).to_have_count(0)
        expect(nav.get_by_text("Stakeholders", exact=True)).to_have_count(1)
    context.close()


def test_an_admin_lands_on_the_page_the_link_named(browser, guarded):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    with serve(guarded) as url:
        page.goto(url + "/data")
        idle(page)
        log_in(page, "ada")
        expect(page.locator("[data-testid=stMain] h1")).to_have_text("Gegevens")
    context.close()


HOSTILE_NAME = 'Eve <img src=x onerror="window.__xss=1"> [klik](https://evil.example) **vet**'


def test_typed_names_and_notes_show_as_text(browser, demo_copy):  # noqa: F811
    s = store.Store(demo_copy)
    stakeholders.add_person(s, actor=access.SYSTEM, display_name=HOSTILE_NAME, department="Verkoop",
                            level="management", segment=None)
    s.close()
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    with serve(demo_copy) as url:
        page.goto(url + "/stakeholders")
        idle(page)
        # The never-assessed manager is named in a warning: literally, with its brackets.
        warning = page.locator("[data-testid=stAlertContentWarning]").filter(has_text="Eve")
        expect(warning).to_have_count(1)
        # (A zero-width space after "https" keeps Markdown from making it a link.)
        assert HOSTILE_NAME in warning.inner_text().replace("\u200b", "")
        expect(page.locator("a[href*='evil.example']")).to_have_count(0)
        expect(page.locator("img[src='x']")).to_have_count(0)
        assert page.evaluate("window.__xss") is None
    context.close()


def test_a_password_sign_in_survives_a_reload_until_logged_out(browser, guarded):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    with serve(guarded) as url:
        page.goto(url)
        idle(page)
        log_in(page, "dora")
        expect(page.locator("[data-testid=stMain] h1")).to_have_text("Overzicht · Demo Machinebouw B.V.")
        page.reload()
        idle(page)
        expect(page.locator("[data-testid=stMain] h1")).to_have_text("Overzicht · Demo Machinebouw B.V.")
        expect(page.locator("[data-testid=stMetric]").first).to_be_visible()
        page.get_by_role("button", name="Uitloggen").click()
        expect(page.locator("[data-testid=stMain] h1")).to_have_text("Inloggen bij Draagvlak", timeout=30_000)
        idle(page)
        page.reload()
        idle(page)
        expect(page.locator("[data-testid=stMain] h1")).to_have_text("Inloggen bij Draagvlak")
        expect(page.locator("[data-testid=stMetric]")).to_have_count(0)
    context.close()


def test_wrong_passwords_in_one_browser_do_not_stop_the_admin_in_another(browser, guarded):  # noqa: F811
    attacker = browser.new_context(viewport={"width": 1280, "height": 800})
    admin = browser.new_context(viewport={"width": 1280, "height": 800})
    with serve(guarded) as url:
        page = attacker.new_page()
        page.goto(url)
        idle(page)
        for n in range(5):
            page.get_by_label("Gebruikersnaam").fill("ada")
            page.get_by_label("Wachtwoord").fill(f"wrong password {n}")
            page.get_by_role("button", name="Inloggen").click()
            expect(page.locator("[data-testid=stAlertContentError]")).to_have_count(1, timeout=30_000)
            idle(page)
        expect(page.locator("[data-testid=stAlertContentError]")).to_contain_text(
            "Te veel mislukte pogingen vanaf deze browser")
        # Even the right password waits in that browser…
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        idle(page)
        expect(page.locator("[data-testid=stMain] h1")).to_have_text("Inloggen bij Draagvlak")
        # …while the admin, in another browser, signs in.
        other = admin.new_page()
        other.goto(url)
        idle(other)
        log_in(other, "ada")
        expect(other.locator("[data-testid=stMain] h1")).to_have_text("Overzicht · Demo Machinebouw B.V.")
    attacker.close()
    admin.close()
