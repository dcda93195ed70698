"""AppTest: every card's change since the previous wave points the way its number moved and is
green when that way is good for the KPI (fear: down is good), grey when nothing changed."""
import re

import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from apptest_helpers import run_app
from conftest import SYSTEM, add_employees, add_wave
from core import kpis, store

UP, DOWN, NONE = (MetricProto.MetricDirection.UP, MetricProto.MetricDirection.DOWN,
                  MetricProto.MetricDirection.NONE)
GREEN, RED, GRAY = (MetricProto.MetricColor.GREEN, MetricProto.MetricColor.RED,
                    MetricProto.MetricColor.GRAY)

# Per wave, of 20 respondents: (agree to INT1, afraid in FEAR1, promoters in NPS1; the rest 7).
SCENARIOS = {
    "rise": ((10, 4, 4), (16, 8, 10)),
    "fall": ((16, 8, 10), (10, 4, 4)),
    "same": ((12, 6, 6), (12, 6, 6)),
}
# Card label → its KPI (whether a rise is good: kpis.LOWER_IS_BETTER).
CARDS = {"Acceptatie": "acceptance_rate", "Angstindex": "fear_index", "eNPS AI-tools": "enps"}


def _store(path, scenario):
    s = store.Store(path)
    with s.write(SYSTEM) as db:
        add_employees(db, [(f"{d[0]}{i}", d, "employee", "early_majority", "2026-01-01")
                           for d in ("Verkoop", "Productie") for i in range(10)])
        for name, day, (agree, afraid, promoters) in zip(
                ("Pulse 1", "Pulse 2"), ("2026-05-01", "2026-10-01"), SCENARIOS[scenario]):
            add_wave(db, name, day, [
                ("Verkoop" if i < 10 else "Productie",
                 {"INT1": 5 if i < agree else 2, "FEAR1": 4 if i < afraid else 1,
                  "NPS1": 10 if i < promoters else 7}) for i in range(20)])
    s.close()
    return path


def _shown_number(delta):
    """The signed whole number a delta text shows ("−6 procentpunt" → −6)."""
    number = re.match(r"([+−-]?)(\d+)", delta)
    return int(number.group(2)) * (-1 if number.group(1) in "−-" and number.group(1) else 1)


@pytest.mark.parametrize("page", ["overview", "acceptance"])
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_every_card_delta_points_the_way_its_number_moved(monkeypatch, tmp_path, page, scenario):
    at = run_app(monkeypatch, _store(tmp_path / "d.db", scenario))
    if page == "acceptance":
        at.switch_page("pages/acceptance.py").run()
        assert not at.exception
    with_delta = [m for m in at.metric if m.delta]
    assert {m.label for m in with_delta} == set(CARDS)      # every survey card shows its change
    for m in with_delta:
        kpi = CARDS[m.label]
        shown = _shown_number(m.delta)
        if scenario == "same":
            assert shown == 0 and (m.proto.direction, m.proto.color) == (NONE, GRAY), m.label
            continue
        assert (shown > 0) == (scenario == "rise"), m.label
        assert m.proto.direction == (UP if shown > 0 else DOWN), m.label
        good = (shown > 0) != (kpi in kpis.LOWER_IS_BETTER)
        assert m.proto.color == (GREEN if good else RED), m.label
        assert "-" not in m.delta                            # the typographic minus only


def test_a_fall_in_acceptance_is_a_red_down_arrow(monkeypatch, tmp_path):
    # The case: "↑ −9 pp" in green for a fall.
    at = run_app(monkeypatch, _store(tmp_path / "d.db", "fall"))
    card = next(m for m in at.metric if m.label == "Acceptatie")
    assert card.delta == "−30 procentpunt"                   # 80% → 50%
    assert (card.proto.direction, card.proto.color) == (DOWN, RED)
    fear = next(m for m in at.metric if m.label == "Angstindex")
    assert fear.delta == "−20 procentpunt"                   # 40% → 20%: good news
    assert (fear.proto.direction, fear.proto.color) == (DOWN, GREEN)
