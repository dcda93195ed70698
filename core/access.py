"""Who may do what: three roles, the acting person, and the one check every write makes.

Roles are ordered, each including the rights of the one before:

- ``viewer`` (a director): reads every page; stakeholder notes only when granted
  (``see_notes``);
- ``editor`` (a project lead): also imports, edits, records assessments and measurements;
- ``admin``: also users, settings, erasure, retention and undoing anyone's import.

``Store.write(actor, …, role=…)`` calls ``require`` before it begins a transaction, so a
page that forgets a check still cannot write what its user may not. The command line, the
demo builder and migrations act as ``SYSTEM``; a store without users runs as ``LOCAL``.
"""
import dataclasses

ROLES = ("viewer", "editor", "admin")


def rank(role):
    """The position of ``role`` in ``ROLES`` (viewer 0, editor 1, admin 2).

    :raises ValueError: an unknown role name.
    """
    try:
        return ROLES.index(role)
    except ValueError:
        raise ValueError(f"unknown role: {role!r}; known: {', '.join(ROLES)}") from None


class PermissionDenied(Exception):
    """An actor tried something their role does not allow; ``actor`` and ``needed`` (a role name)."""

    def __init__(self, actor, needed):
        self.actor = actor
        self.needed = needed
        if isinstance(actor, Actor):
            who = f"{actor.name!r} (role {actor.role})"
        else:
            who = f"{actor!r}, which is not a signed-in actor,"
        super().__init__(f"permission denied: {who} may not do what needs role {needed}")


@dataclasses.dataclass(frozen=True)
class Actor:
    """The person (or process) a write is done for: name, role and whether notes are granted.

    ``name`` is what the audit log and ``import_batches.imported_by`` record.
    """

    name: str
    role: str
    see_notes: bool = False

    def __post_init__(self):
        rank(self.role)     # refuse an unknown role at once

    def can(self, role):
        """Whether this actor has ``role`` or a higher one."""
        return rank(self.role) >= rank(role)

    @property
    def may_see_notes(self):
        """Editors and admins always see stakeholder notes; a viewer only when granted."""
        return self.can("editor") or bool(self.see_notes)


SYSTEM = Actor("system", "admin", True)     # the command line, the demo builder, migrations
LOCAL = Actor("local", "admin", True)       # single-user local mode: no users defined yet


def require(actor, role):
    """Return when ``actor`` is an ``Actor`` holding ``role`` (or higher); raise otherwise.

    :raises PermissionDenied: a lower role, or anything that is not an ``Actor`` (a bare
        string such as ``"app"`` is refused: only a signed-in actor can write).
    """
    rank(role)
    if not isinstance(actor, Actor) or not actor.can(role):
        raise PermissionDenied(actor, role)


class InputError(ValueError):
    """Input a user can get wrong (a short password, a taken name, a bad setting).

    ``key`` is the message's catalog key (``core/texts/access.py``), ``params`` its
    placeholders; ``message(lang)`` gives it in words.
    """

    def __init__(self, key, **params):
        super().__init__(f"{key} {params}" if params else key)
        self.key = key
        self.params = params

    def message(self, lang):
        """The message in ``lang``; a ``role`` parameter is shown by its label."""
        from core import i18n

        params = dict(self.params)
        if params.get("role") in ROLES:
            params["role"] = i18n.t(f"access.role.{params['role']}", lang)
        return i18n.t(self.key, lang, **params)
