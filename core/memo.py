"""A small in-process memo for core figures, keyed by store file and data version.

Every write through ``Store.write`` bumps the ``data_version`` setting in the same
transaction (a restore sets it above both the old and the restored value), so a value
computed from a store at version *v* is valid for as long as that store reports *v*.
A ``Memo`` keeps the most recently used values per ``(store file, data version, name,
args)``, at most ``max_entries`` of them, least recently used first out. No Streamlit here:
``core`` functions are also called by the CLI and the tests.

Never cached (computed every time): an in-memory store (no file to key on), and a
connection inside an open transaction — a write in progress sees its own uncommitted rows
under the old version, and a rollback would leave a cached value no later version undoes.
The version is read before the value is computed, so a write landing in between can only
store newer figures under the older version, never older figures under a newer one.

Use::

    _memo = memo.Memo(max_entries=64)

    def cube(db, wave_id):
        return _memo.get(db, "cube", (wave_id,), lambda: _compute(db, wave_id))

Values are shared between callers: return immutable values (tuples, frozen dataclasses),
or values no caller changes.
"""
import threading
from collections import OrderedDict


def version_key(db):
    """``(store file, data version)`` of a connection, or ``None`` when it must not be cached.

    :param db: a ``sqlite_utils.Database`` (or a ``sqlite3.Connection``) of a store.
    """
    conn = getattr(db, "conn", db)
    if conn.in_transaction:
        return None
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    if not path:
        return None
    row = conn.execute("SELECT value FROM settings WHERE key = 'data_version'").fetchone()
    return path, (row[0] if row else None)


class Memo:
    """A bounded, thread-safe LRU of values keyed by store file, data version, name and args.

    :param max_entries: how many values are kept (across stores, versions and names).
    """

    def __init__(self, max_entries=64):
        self.max_entries = max_entries
        self._values = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, db, name, args, compute):
        """Return ``compute()`` for ``(name, args)`` on this store at its current data version.

        :param name: what is computed (a function name).
        :param args: a hashable tuple of its other arguments (wave id, filters, ...).
        :param compute: a function of no arguments that computes the value from ``db``.
        """
        base = version_key(db)
        if base is None:
            return compute()
        key = base + (name, args)
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                self.hits += 1
                return self._values[key]
            self.misses += 1
        # Computed outside the lock: two threads may both compute a value once, never wait
        # on each other's queries.
        value = compute()
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.max_entries:
                self._values.popitem(last=False)
        return value

    def clear(self):
        """Forget every value (tests; never needed for correctness)."""
        with self._lock:
            self._values.clear()
            self.hits = self.misses = 0

    def __len__(self):
        return len(self._values)
