"""The anonymity engine: what may be shown. The one place that decides it, for every figure
and every point of every series, survey and usage alike, on every page, in ``kpis --json``,
the downloads, the deck and the slides.

The rule (Denning's "tracker" defence along a fixed hierarchy):

- The **minimum** is the setting ``min_group_size`` (default 5, never below 3):
  ``minimum(db)``, read here (through ``settings.value``, its one clamp) and nowhere else.
- A **figure about a group** of fewer people than the minimum is never shown, the whole
  company included (``company_hidden``). An empty group has nothing to reveal.
- Groups shown side by side (departments, segments, departments within one segment) hide
  those below the minimum, and when the hidden ones together are still below it, the next
  smallest too (``hidden_groups``, complementary suppression): the total minus the shown
  groups then never reveals a small one.
- A **selection** of groups (the department filter) is shown only when none of its groups
  is hidden (``selection_hidden``): two figures the filters can produce then differ by
  shown groups only, and "everyone" minus a selection holds all the hidden ones.
- A **breakdown of a selection** (its Rogers segments) is a table of cells (department ×
  segment): it is shown only when the selection itself is, and, for every segment, none of
  the selection's departments is hidden among that segment's departments
  (``breakdown_hidden``); otherwise the whole breakdown is hidden, so no cell can be had as
  the selection's total minus the others.
- A **category of a breakdown** whose people all sit in a few shown departments is hidden
  when those departments hold fewer than the minimum others (``hidden_categories``): the
  departments' figure minus the category's would single them out.
- **Series** decide all this per point, on that point's group sizes (``hidden_at``): a
  department licensed later is small at first and hidden until it is not.
"""
from core import settings

OPEN_TEXT_MINIMUM = 10     # text answers a group needs before its open answers are shown


def minimum(db):
    """Smallest group whose figures may be shown (setting ``min_group_size``, default 5,
    never below 3: ``settings.value``)."""
    return settings.value(db, "min_group_size")


def hidden_groups(sizes, minimum, forced=()):
    """Return the groups whose figures must be hidden so that no group below ``minimum`` shows.

    Groups below the minimum are hidden; if together they are still below it, the smallest
    shown groups are hidden too until the hidden ones add up to the minimum (complementary
    suppression). Otherwise "everyone" minus the shown groups would reveal the small ones by
    difference. Empty groups are never hidden (there is nothing to reveal).

    :param sizes: ``{group: people}``; ``None`` may be a group (no department given).
    :param forced: groups hidden for another reason (``hidden_categories``).
    """
    hidden = {g for g, n in sizes.items() if 0 < n < minimum} | {g for g in forced if sizes.get(g)}
    shown = sorted((n, str(g), g) for g, n in sizes.items() if n >= minimum)
    while hidden and sum(sizes[g] for g in hidden) < minimum and shown:
        hidden.add(shown.pop(0)[2])
    return hidden


def company_hidden(total, minimum):
    """Whether a figure about the whole company (``total`` people) must be hidden."""
    return 0 < total < minimum


def selection_hidden(sizes, selection, minimum):
    """Whether a figure about the union of groups ``selection`` (empty: all) must be hidden.

    :param sizes: ``{group: people}`` of every group (the whole company's partition).
    """
    if not selection:
        return company_hidden(sum(sizes.values()), minimum)
    return bool(hidden_groups(sizes, minimum) & set(selection))


def breakdown_hidden(cells, selection, minimum):
    """Whether the breakdown of a selection of departments by a second dimension must be hidden.

    :param cells: ``{(department, category): people}`` for the whole company.
    :param selection: the selected departments (empty: the whole company, whose breakdown
        is governed by ``hidden_groups`` over the categories alone).
    """
    if not selection:
        return False
    by_category, totals = {}, {}
    for (dept, cat), n in cells.items():
        by_category.setdefault(cat, {})[dept] = n
        totals[dept] = totals.get(dept, 0) + n
    # A selection hidden as a whole has no breakdown either: one of its cells may be all of it.
    if selection_hidden(totals, selection, minimum):
        return True
    return any(hidden_groups(sizes, minimum) & set(selection) for sizes in by_category.values())


def hidden_categories(cells, selection, minimum):
    """The categories (Rogers segments) of a breakdown of ``selection`` (empty: the whole
    company) that must be hidden.

    ``hidden_groups`` on the categories' sizes within the selection, every category when
    ``breakdown_hidden`` hides the whole breakdown, and a category whose people all sit in
    departments that are shown while those departments hold fewer than the minimum others:
    the departments' figure minus the category's would single those few out.

    :param cells: ``{(department, category): people}`` for the whole company.
    """
    chosen = set(selection) or {d for d, _ in cells}
    sizes, totals = {}, {}
    for (dept, cat), n in cells.items():
        totals[dept] = totals.get(dept, 0) + n
        if dept in chosen:
            sizes[cat] = sizes.get(cat, 0) + n
    if breakdown_hidden(cells, selection, minimum):
        return {c for c, n in sizes.items() if n}
    shown_depts = set(totals) - hidden_groups(totals, minimum)
    forced = set()
    for cat, n in sizes.items():
        support = {d for (d, c), k in cells.items() if c == cat and k and d in chosen}
        if support and support <= shown_depts:
            rest = sum(totals[d] for d in support) - n
            if 0 < rest < minimum:
                forced.add(cat)
    return hidden_groups(sizes, minimum, forced)


def hidden_at(sizes_per_point, minimum):
    """``hidden_groups`` per point of a series: ``[set of groups]``, one per point.

    :param sizes_per_point: ``[{group: people}]``, oldest first.
    """
    return [hidden_groups(sizes, minimum) for sizes in sizes_per_point]
