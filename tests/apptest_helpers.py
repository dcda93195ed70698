"""Helpers for AppTest page tests: run the app on a given store and read what it shows."""
import re

from streamlit.testing.v1 import AppTest

from core import i18n

APP = str(__import__("pathlib").Path(__file__).resolve().parent.parent / "app.py")
_DOTTED = re.compile(r"[a-z_]+(?:\.[a-z_0-9]+)+")


def run_app(monkeypatch, db_path, lang=None, **widgets):
    """Run the app on the store at ``db_path``; optionally switch language and set sidebar widgets."""
    monkeypatch.setenv("DRAAGVLAK_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if lang:
        at.segmented_control(key="lang").set_value(lang).run()
    for key, value in widgets.items():
        at.get_by_key(key).set_value(value).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at):
    """``{label: (value, delta)}`` of every metric on the page."""
    return {m.label: (m.value, m.delta) for m in at.metric}


def captions(at):
    return [c.value for c in at.caption]


def visible_texts(at):
    """Every string the page shows in the elements these pages use."""
    texts = []
    for m in at.metric:
        texts += [m.label, m.value, m.delta or "", m.help or ""]
    for kind in ("title", "subheader", "header", "markdown", "caption", "success", "info",
                 "warning", "error"):
        texts += [e.value for e in getattr(at, kind)]
    for w in list(at.selectbox) + list(at.multiselect) + list(at.segmented_control):
        texts.append(w.label)
        texts += [str(o) for o in getattr(w, "options", [])]
    texts += [b.label for b in at.button] + [c.label for c in at.checkbox]
    return [t for t in texts if t]


def raw_keys(at):
    """Catalog keys that leaked onto the page untranslated."""
    return [t for t in visible_texts(at) if any(w in i18n.CATALOG for w in _DOTTED.findall(t))]
