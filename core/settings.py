"""The settings an admin may change in the app, with their defaults and allowed ranges.

Each is a whole number stored as text in the ``settings`` table (``store.get_setting``).
Reading never fails: a missing or unreadable value gives the default, a value outside the
range is clamped. Saving checks every value first and changes nothing unless all are valid.
"""
import dataclasses

from core import store


@dataclasses.dataclass(frozen=True)
class Setting:
    key: str
    default: int
    minimum: int
    maximum: int


# In the order the admin page shows them.
SETTINGS = (
    Setting("session_timeout_minutes", 30, 5, 24 * 60),    # idle minutes before logout
    Setting("login_max_failures", 5, 3, 20),                # failed logins before a lock
    Setting("login_lock_minutes", 15, 1, 24 * 60),          # how long a lock lasts
    Setting("usage_retention_months", 0, 0, 120),           # raw usage rows kept; 0 = all
    Setting("min_group_size", 5, 3, 50),                    # smallest group shown in figures
    Setting("adoption_window_days", 28, 1, 365),            # days an AI action counts as active
    Setting("keep_backups", 10, 1, 100),                    # automatic backups kept
    Setting("idle_seat_days", 60, 7, 365),                  # no action this long: an idle seat
)
BY_KEY = {s.key: s for s in SETTINGS}


class SettingsError(ValueError):
    """Values that cannot be saved: ``problems`` is a list of (key, catalog key, params)."""

    def __init__(self, problems):
        super().__init__("; ".join(f"{key}: {code}" for key, code, _ in problems))
        self.problems = problems


def value(db, key):
    """Return setting ``key`` as an int: its default when unset or unreadable, clamped to its range."""
    spec = BY_KEY[key]
    try:
        number = int(store.get_setting(db, key, str(spec.default)))
    except (TypeError, ValueError):
        return spec.default
    return min(spec.maximum, max(spec.minimum, number))


def values(db):
    """Return every admin setting as ``{key: int}``."""
    return {s.key: value(db, s.key) for s in SETTINGS}


def save(s, actor, changes):
    """Save ``{key: value}`` (admins only) in one write with one audit entry; return what changed.

    Raises ``SettingsError`` naming each bad value (unknown key, not a whole number, out of
    range), and then nothing is saved.
    """
    problems, clean = [], {}
    for key, raw in changes.items():
        spec = BY_KEY.get(key)
        if spec is None:
            problems.append((key, "settings.error.unknown", {}))
            continue
        try:
            number = int(raw)
            if number != float(raw):
                raise ValueError
        except (TypeError, ValueError):
            problems.append((key, "settings.error.number", {}))
            continue
        if not spec.minimum <= number <= spec.maximum:
            problems.append((key, "settings.error.range", {"min": spec.minimum, "max": spec.maximum}))
            continue
        clean[key] = number
    if problems:
        raise SettingsError(problems)
    current = values(s.read())
    changed = {k: v for k, v in clean.items() if current[k] != v}
    if changed:
        with s.write(actor, "settings.update", entity="settings", detail=changed, role="admin") as db:
            for key, number in changed.items():
                store.set_setting(db, key, number)
    return changed
