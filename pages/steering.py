"""Steering meeting: one topic per slide for the projector, the deck, and the decisions log."""
import datetime as dt
import html

import streamlit as st

from core import i18n, steering
from core.steering import charts as steering_charts
from ui import context

view = context.current()
lang, f = view.lang, view.filters

# Presentation mode: no sidebar and no toolbar, large type, the slide as tall as the window.
# Scoped to this page: the CSS only exists while this script renders. ``.st-key-steer_slide``
# is the slide: Streamlit gives a container of fixed height a flex basis of that height,
# which the CSS replaces by the window's height (less the page's top padding), so the
# body row (``height="stretch"``) and the chart in it take what the title and the controls
# leave, at any window size.
st.html("""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"] { display: none !important; }
.block-container { padding-top: 0.6rem !important; padding-bottom: 1rem !important;
                   max-width: 100% !important; }
div:has(> .st-key-steer_slide) { flex: 0 0 calc(100vh - 1.2rem) !important;
                                 height: calc(100vh - 1.2rem) !important; max-height: none !important; }
.st-key-steer_slide { height: 100% !important; overflow: visible !important; }
/* The app's demo badge and banner above the slide would push it below the window: the
   slide's footer carries the demo mark instead. A message from the shell (a page the role
   may not open, say) stays. */
[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]:has(~ div > .st-key-steer_slide):not(:has([data-testid="stAlert"]))
  { display: none !important; }
/* No scrollbar on the projector (the notes and the log below are still a scroll away): it
   would narrow the slide. A slide of another height must not make the browser scroll to
   keep its old anchor. */
* { scrollbar-width: none !important; }
[data-testid="stMain"], [data-testid="stAppViewContainer"], html, body { overflow-anchor: none !important; }
div:has(> .st-key-steer_numbers) { flex: 0 0 22% !important; width: 22% !important; min-width: 0 !important; }
.st-key-steer_numbers { overflow-y: auto !important; }
div:has(> .st-key-steer_main) { flex: 1 1 0 !important; width: auto !important; min-width: 0 !important; }
/* Line heights of 1.3 and more: a line's text box (the font's ascent to descent) stays
   inside its line, so no two texts' boxes overlap. */
.dv-title { font-size: clamp(1.8rem, 5.2vh, 3.6rem); font-weight: 700; line-height: 1.3;
            margin: 0; padding: 0; }
.dv-num { margin: 0 0 2.5vh 0; }
.dv-num .v { font-size: clamp(2.2rem, 7.4vh, 5.2rem); font-weight: 700; color: #0072B2;
             line-height: 1.3; }
.dv-num .l { font-size: clamp(1.1rem, 2.6vh, 1.9rem); color: #444; line-height: 1.35; }
.dv-line { font-size: clamp(1.2rem, 3.1vh, 2.1rem); margin: 0 0 1.2vh 0; line-height: 1.35; }
.dv-key { font-size: clamp(1.125rem, 2.2vh, 1.6rem); color: #333; margin: 0 0 0.4vh 0; line-height: 1.35; }
.dv-empty { font-size: clamp(1.3rem, 3.4vh, 2.3rem); color: #555; }
.dv-foot { font-size: clamp(0.95rem, 1.9vh, 1.35rem); color: #555; line-height: 1.35; }
.dv-demo { color: #B35900; }
</style>
""")

if f is None:
    st.title(view.t("steering.title"))
    st.info(view.t("empty.store"))
    st.stop()

TOTAL = len(steering.SLIDES)
index = min(max(st.session_state.get("steer_slide", 0), 0), TOTAL - 1)


def go(step):
    st.session_state["steer_slide"] = min(max(index + step, 0), TOTAL - 1)


slide = context.figure(view, steering.slide, lang, index)


def leave():
    # The next run reads the view from the URL again: switching pages drops the sidebar
    # widgets' state, and the query parameters (passed on below) keep the view.
    st.session_state["steer_leave"] = {k: st.query_params.get_all(k) for k in st.query_params}
    st.session_state["_url_read"] = False


# The height is replaced by the window's in the CSS above; a fixed height is what makes
# Streamlit share the room among the slide's "stretch" children.
with st.container(key="steer_slide", height=600, border=False, gap="small"):
    st.html(f'<h1 class="dv-title">{html.escape(slide.title)}</h1>')
    with st.container(key="steer_body", height="stretch", horizontal=True, gap="large"):
        with st.container(key="steer_numbers"):
            st.html("".join(f'<div class="dv-num"><div class="v">{html.escape(n.value)}</div>'
                            f'<div class="l">{html.escape(n.label)}</div></div>' for n in slide.numbers))
            if slide.chart is not None and slide.lines:
                # The canvas's key (the people it numbers instead of naming) under the
                # numbers, so it takes no height from the chart its names were placed for.
                st.html("".join(f'<p class="dv-key">{html.escape(text)}</p>' for _, text in slide.lines))
        with st.container(key="steer_main", height="stretch"):
            if slide.chart is not None:
                with st.container(key=f"steer_chart_{slide.key}", height="stretch"):
                    st.vega_lite_chart(steering_charts.slide_spec(slide.chart), width="stretch",
                                       height="stretch", key=f"steer_vega_{slide.key}")
            elif slide.lines:
                st.html("".join(f'<div class="dv-line">{html.escape(text)}</div>'
                                for _, text in slide.lines[:8]))
            elif slide.empty:
                st.html(f'<div class="dv-empty">{html.escape(slide.empty)}</div>')
    prev, number, nxt, out, foot = st.columns([1.5, 1.1, 1.5, 1.4, 3.6], vertical_alignment="center")
    # ← and → on the buttons; a presenter's clicker sends PageUp/PageDown, and space is "next":
    # those go to keyboard-only twins, kept out of sight (``st.button`` takes one shortcut).
    prev.button(view.t("steering.prev"), key="steer_prev", on_click=go, args=(-1,),
                disabled=index == 0, icon=":material/arrow_back:", width="stretch", shortcut="Left")
    number.markdown(f"**{view.t('steering.slide_number', n=index + 1, total=TOTAL)}**")
    nxt.button(view.t("steering.next"), key="steer_next", on_click=go, args=(1,),
               disabled=index == TOTAL - 1, icon=":material/arrow_forward:", width="stretch",
               shortcut="Right")
    out.button(view.t("steering.leave"), key="steer_leave_button", on_click=leave,
               icon=":material/close:", width="stretch", shortcut="Esc")
    mark = f'<strong class="dv-demo">{html.escape(view.t("demo.badge"))}</strong> · ' if view.demo else ""
    foot.html(f'<div class="dv-foot">{mark}{html.escape(steering.scope_line(f, lang, view.company))}</div>')
with st.container(key="steer_keys"):
    for name, step, shortcut in (("pageup", -1, "PageUp"), ("pagedown", 1, "PageDown"),
                                 ("space", 1, "Space")):
        st.button(view.t("steering.prev" if step < 0 else "steering.next"),
                  key=f"steer_key_{name}", on_click=go, args=(step,), shortcut=shortcut)
st.html("""<style>.st-key-steer_keys { position: absolute !important; width: 1px !important;
height: 1px !important; overflow: hidden !important; opacity: 0; pointer-events: none; }</style>""")
leaving = st.session_state.pop("steer_leave", None)
if leaving is not None:
    st.switch_page("pages/overview.py", query_params=leaving)

# ---------------------------------------------------------------- below the slide
# A screen's height of blank space: on the projector only the slide is in view; the notes,
# the download and the decisions log are one scroll away.
st.html('<div style="height: 100vh"></div>')
with st.expander(view.t("steering.notes")):
    st.text(slide.notes)


def build_deck():
    # Made when asked for; python-pptx and the chart renderer load only then.
    from core.steering import deck
    return deck.build_deck(view.store.read(), f, lang, view.company)


st.download_button(
    view.t("steering.download"),
    data=build_deck,
    file_name=f"draagvlak-{f.as_of_iso}-{lang}.pptx",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    key="steer_download", icon=":material/download:",
)

st.subheader(view.t("steering.log.title"))
if view.can_edit:
    with st.form("steer_log_form", clear_on_submit=True, border=True):
        a, b = st.columns(2)
        held_on = a.date_input(view.t("steering.field.held_on"), value=dt.date.today(),
                               format="DD-MM-YYYY" if lang == "nl" else "YYYY-MM-DD", key="steer_held_on")
        kind = b.segmented_control(view.t("steering.field.kind"), options=list(steering.KINDS),
                                   format_func=lambda k: view.t(f"steering.kind.{k}"),
                                   default="action", key="steer_kind")
        text = st.text_input(view.t("steering.field.text"), max_chars=steering.MAX_TEXT, key="steer_text")
        c, d = st.columns(2)
        owner = c.text_input(view.t("steering.field.owner"), max_chars=steering.MAX_OWNER, key="steer_owner")
        due = d.date_input(view.t("steering.field.due_date"), value=None,
                           format="DD-MM-YYYY" if lang == "nl" else "YYYY-MM-DD", key="steer_due")
        if st.form_submit_button(view.t("steering.log.add"), type="primary", key="steer_add"):
            try:
                steering.add_item(view.store, {"held_on": held_on, "kind": kind, "text": text,
                                               "owner": owner, "due_date": due}, lang,
                                               actor=view.actor)
            except steering.Invalid as problem:
                for message in problem.problems:
                    st.error(message)
            else:
                st.session_state["steer_flash"] = view.t("steering.log.added")
                st.rerun()
if st.session_state.get("steer_flash"):
    st.success(st.session_state.pop("steer_flash"))

items = context.figure(view, steering.log_for_view)
if not items:
    st.caption(view.t("steering.log.empty"))
else:
    st.dataframe(
        [{view.t("steering.field.held_on"): i18n.fmt_date(dt.date.fromisoformat(i["held_on"]), lang),
          view.t("steering.field.kind"): view.t(f"steering.kind.{i['kind']}"),
          view.t("steering.field.text"): i["text"],
          view.t("steering.field.owner"): i["owner"] or "",
          view.t("steering.field.due_date"): i18n.fmt_date(dt.date.fromisoformat(i["due_date"]), lang)
          if i["due_date"] else "",
          view.t("steering.field.status"): view.t(f"steering.status.{i['status']}")
          if i["kind"] == "action" else ""} for i in items],
        hide_index=True, width="stretch")
    actions = {i["id"]: i for i in items if i["kind"] == "action"}
    if actions and view.can_edit:
        st.markdown(f"##### {view.t('steering.log.status_change')}")
        e, g, h = st.columns([3, 2, 1], vertical_alignment="bottom")
        chosen = e.selectbox(view.t("steering.field.action"), options=list(actions),
                             format_func=lambda k: f"{actions[k]['text']} — {actions[k]['owner']}",
                             key="steer_action")
        status = g.selectbox(view.t("steering.field.status"), options=list(steering.STATUSES),
                             format_func=lambda s: view.t(f"steering.status.{s}"), key="steer_status")
        if h.button(view.t("steering.log.save_status"), key="steer_save_status"):
            try:
                steering.set_status(view.store, chosen, status, lang, actor=view.actor)
            except steering.Invalid as problem:
                st.error(problem.problems[0])
            else:
                st.session_state["steer_flash"] = view.t("steering.log.saved")
                st.rerun()
