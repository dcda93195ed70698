"""Label placement on the stakeholder canvas (core.stakeholders.labels): on random maps no
two words touch, no word covers a marker, at the smallest plot and at every larger one."""
import itertools
import random

import pytest

from core.stakeholders import charts as sc
from core.stakeholders import labels

FIRST = ["Jan", "Anna", "Mohammed", "Els", "Pieter-Jan", "Fatima", "Wim", "Ngozi", "Ilse",
         "Jan Willem", "Ö", "Marie-Louise", "Bo"]
LAST = ["de Vries", "Jansen", "El Amrani", "van der Meulen", "Ng", "Bakker", "Hoekstra",
        "van Oldenbarnevelt", "Li", "Smit"]


def _person(rng, i):
    influence, attitude = rng.randint(1, 5), rng.randint(-2, 2)
    quadrant = "undecided" if attitude == 0 else (
        ("key_champions" if attitude > 0 else "critical_blockers") if influence >= 3
        else ("silent_supporters" if attitude > 0 else "grumblers"))
    previous = None
    if rng.random() < 0.35:
        previous = {"influence": rng.randint(1, 5), "attitude": rng.randint(-2, 2),
                    "assessed_on": "2026-03-01"}
    return {"employee_id": f"E{i:03d}", "label": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "quadrant": quadrant, "influence": influence, "attitude": attitude,
            "previous": previous}


def _scaled(box, sx, sy):
    """The box on a plot ``sx`` × ``sy`` times the smallest: its anchor moves, its size stays."""
    dx, dy = box.ax * (sx - 1), box.ay * (sy - 1)
    return (box.x0 + dx, box.y0 + dy, box.x1 + dx, box.y1 + dy)


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _check(persons, lang, counts, geometry):
    points, arrows, titles, placed, key = sc.place_words(persons, lang, counts, geometry)
    words = [t.box for t in titles.values()] + [label.box for label in placed.values()]
    markers = [labels.marker_box(*labels.to_px(p["x"], p["y"], sc.X_DOMAIN, sc.Y_DOMAIN, geometry),
                                 geometry.marker) for p in points]
    for box in words:
        assert box.x0 >= 0 and box.y0 >= 0 and box.y1 <= geometry.height
        assert box.x1 <= geometry.width + geometry.right_room
    for sx, sy in itertools.product((1, 1.25, 2, 3.5), (1, 1.6, 3)):
        drawn = [_scaled(b, sx, sy) for b in words]
        for a, b in itertools.combinations(drawn, 2):
            assert not _overlap(a, b), (sx, sy, a, b)
        for m in markers:
            mb = _scaled(m, sx, sy)
            for w in drawn[len(titles):]:
                assert not _overlap(w, mb), (sx, sy, w, mb)
    # Everyone is named on the chart, numbered on it, or named in the key.
    named = {eid for eid, label in placed.items() if not label.text.isdigit()}
    assert len(named) + len(key) == len(points)
    numbers = [n for n, _ in key if n is not None]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    return placed, key


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("geometry", [sc.PAGE, sc.SLIDE], ids=["page", "slide"])
def test_no_two_words_touch_on_random_maps(seed, geometry):
    rng = random.Random(seed)
    persons = [_person(rng, i) for i in range(rng.randint(1, 45))]
    counts = {place: rng.randint(0, 120) for place in ("key_champions", "critical_blockers",
                                                       "silent_supporters", "grumblers", "undecided")}
    _check(persons, rng.choice(["nl", "en"]), counts, geometry)


def test_a_crowded_cell_numbers_who_does_not_fit_and_the_same_map_gives_the_same_words():
    persons = [{"employee_id": f"E{i}", "label": f"Medewerker met een lange naam {i}",
                "quadrant": "key_champions", "influence": 4, "attitude": 1, "previous": None}
               for i in range(12)]
    placed, key = _check(persons, "nl", None, sc.PAGE)
    assert key, "twelve long names in one cell cannot all be written out"
    assert all(placed[f"E{i}"].text == str(n) for n, name in key if n is not None
               for i in range(12) if name == f"Medewerker met een lange naam {i}")
    assert sc.place_words(list(reversed(persons)), "nl", None, sc.PAGE)[3] == placed


def test_a_lone_person_is_named_right_of_the_marker():
    persons = [{"employee_id": "A", "label": "Anna", "quadrant": "grumblers", "influence": 1,
                "attitude": -1, "previous": None}]
    placed, key = _check(persons, "en", None, sc.PAGE)
    assert key == [] and placed["A"].text == "Anna"
    assert placed["A"].align == "left" and placed["A"].dx > 0 and placed["A"].dy == 0


def test_quadrant_titles_never_touch_even_in_dutch_with_large_counts():
    counts = {p: 1234 for p in ("key_champions", "critical_blockers", "silent_supporters",
                                "grumblers", "undecided")}
    for lang in ("nl", "en"):
        for geometry in (sc.PAGE, sc.SLIDE):
            boxes = [t.box for t in sc._titles(lang, counts, geometry).values()]
            for a, b in itertools.combinations(boxes, 2):
                assert a.apart(b), (lang, a, b)


def test_text_width_reads_accents_as_their_letter_and_unknown_characters_as_wide():
    # That the widths bound what Chromium draws is checked in the browser
    # (tests/test_browser_stakeholders.py); here, how characters outside the table count.
    assert labels.text_width("é", 10) == labels.text_width("e", 10)
    assert labels.text_width("漢", 10) >= labels.text_width("W", 10)
    assert labels.text_width("Anna", 18) == pytest.approx(labels.text_width("Anna", 9) * 2)
