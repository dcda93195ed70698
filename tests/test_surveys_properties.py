"""Property tests of the anonymity engine: over random respondent sets and every filter
combination, no shown figure rests on fewer than N respondents, and no two shown figures
differ by a group smaller than N."""
import datetime as dt
import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SYSTEM, add_employees
from core import store, surveys
from core.filters import Filters

DEPTS = ("A", "B", "C", "D")
LEVELS = ("management", "middle_management", "employee", "it", None)
SEGMENTS = ("early_adopter", "early_majority", "late_majority", "laggard", None)
AS_OF = dt.date(2026, 10, 31)

respondent = st.tuples(st.sampled_from(DEPTS + (None,)), st.sampled_from(LEVELS),
                       st.sampled_from(SEGMENTS), st.integers(1, 5))
# Skewed department sizes make small groups common: that is where the rules matter.
respondents = st.lists(respondent, min_size=0, max_size=45)


def build(rows, minimum):
    """A store holding one wave of ``rows``; returns (store, wave id, respondents by index)."""
    path = Path(tempfile.mkdtemp()) / "p.db"
    s = store.Store(path)
    with s.write(SYSTEM) as db:
        store.set_setting(db, "min_group_size", minimum)
        add_employees(db, [(f"x-{d}", d, "employee", None, None) for d in DEPTS])
        wave = db["surveys"].insert({"name": "W", "held_on": "2026-10-01"}).last_pk
        for i, (dept, level, segment, value) in enumerate(rows):
            employee = None
            if segment is not None:
                employee = f"e{i}"
                db["employees"].insert({"id": employee, "department": dept or "A",
                                        "level": level or "employee", "segment": segment})
            rid = db["survey_respondents"].insert(
                {"survey_id": wave, "respondent": f"r{i}", "department": dept, "level": level,
                 "employee_id": employee}).last_pk
            db["survey_answers"].insert({"respondent_id": rid, "question_code": "INT1",
                                         "value": value})
    return s, wave


def shown_groups(s, wave, rows):
    """Every INT1 figure the page, exports and CLI can show, as (label, set of respondents)."""
    db = s.read()
    if not rows:
        # A wave nobody answered is not reported at all.
        assert surveys.acceptance_by_wave(db, Filters(as_of=AS_OF)) == []
        return []
    everyone = set(range(len(rows)))
    groups = []
    for k in range(len(DEPTS) + 1):
        for chosen in itertools.combinations(DEPTS, k):
            f = Filters(as_of=AS_OF, departments=chosen)
            members = {i for i in everyone if not chosen or rows[i][0] in chosen}
            fig = surveys.acceptance_by_wave(db, f)[0]
            if fig["value"] is not None:
                assert fig["n"] == len(members)
                groups.append((f"filter {chosen}", members))
            item = next(i for i in surveys.item_results(db, f, wave) if i["code"] == "INT1")
            assert (item["favourable"] is not None) == (fig["value"] is not None)
            wave_json = surveys.summary_json(db, f)["acceptance_by_wave"][0]
            assert (wave_json["value"] is not None) == (fig["value"] is not None)
    company = Filters(as_of=AS_OF)
    company_shown = surveys.acceptance_by_wave(db, company)[0]["value"] is not None
    breakdowns = {
        "department": [(c["group"], c["hidden"]) for c in surveys.heatmap(db, company, wave)
                       if c["code"] == "INT1"],
        "level": [(c["group"], c["hidden"]) for c in surveys.heatmap(db, company, wave, "level")
                  if c["code"] == "INT1"],
        "segment": [(r["segment"], r["hidden"]) for r in surveys.by_segment(db, company, wave)],
    }
    column = {"department": 0, "level": 1, "segment": 2}
    for dim, cells in breakdowns.items():
        hidden_members = set()
        for key, hidden in cells:
            if dim == "segment":
                members = {i for i in everyone if (rows[i][2] or "unassigned") == key}
            else:
                members = {i for i in everyone if rows[i][column[dim]] == key}
            if hidden:
                hidden_members |= members
            else:
                groups.append((f"{dim} {key}", members))
        # Everyone minus the shown cells of a breakdown is the hidden cells together.
        if hidden_members and company_shown:
            groups.append((f"{dim} hidden together", hidden_members))
    return groups


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=respondents, minimum=st.sampled_from([3, 5]))
def test_no_shown_figure_is_small_or_differs_from_another_by_a_small_group(rows, minimum):
    s, wave = build(rows, minimum)
    try:
        groups = shown_groups(s, wave, rows)
    finally:
        s.close()
    for label, members in groups:
        assert len(members) >= minimum, (label, len(members))
    for (label1, g1), (label2, g2) in itertools.permutations(groups, 2):
        if g2 < g1:
            assert len(g1 - g2) >= minimum, (label1, label2, len(g1 - g2))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sizes=st.lists(st.integers(0, 14), min_size=1, max_size=6), minimum=st.integers(3, 6))
def test_partition_hides_small_and_enough(sizes, minimum):
    counts = {f"d{i}": n for i, n in enumerate(sizes)}
    part = surveys.Partition(counts, minimum)
    hidden = {d for d in counts if counts[d] and not part.shows_department(d)}
    if part.company_shown:
        # Every department below the minimum hides, and the hidden ones hold at least N.
        assert {d for d, n in counts.items() if 0 < n < minimum} <= hidden
        assert not hidden or sum(counts[d] for d in hidden) >= minimum
        # Shown selections differ from each other by whole shown departments only.
        for k in range(1, len(counts) + 1):
            for chosen in itertools.combinations(counts, k):
                if part.shows(chosen):
                    assert part.n(chosen) >= minimum
                    assert not set(chosen) & hidden
    else:
        assert not any(part.shows((d,)) for d in counts) and not part.shows(())
