"""The store's schema, as numbered migrations. The only module that writes DDL.

Each migration runs once per store and is recorded in ``_sqlite_migrations``, so a store
made by an older Draagvlak upgrades itself when it is opened (see ``store.open_db``).
Add a new migration at the end; never edit one that has shipped. A migration carries its
own SQL and imports nothing of today's code (whose meaning may change): one that needs
derived data rebuilt marks it (``_rollups_stale``) for ``store.migrate``.
"""
from sqlite_utils import Migrations

from core import questionnaire

migrations = Migrations("draagvlak")


def known_migrations():
    """The names of every migration this Draagvlak has, in order (what a new store gets)."""
    from sqlite_utils import Database

    return [m.name for m in migrations.pending(Database(memory=True))]

LEVELS = ("management", "middle_management", "employee", "it")
SEGMENTS = ("innovator", "early_adopter", "early_majority", "late_majority", "laggard")
CATEGORIES = ("champion", "supporter", "neutral", "skeptic", "opponent")
USE_CASE_STATUSES = ("planned", "pilot", "rolled_out", "stopped")
PHASES = ("baseline", "after")


def _in(column, values, nullable=False):
    allowed = ", ".join(f"'{v}'" for v in values)
    check = f"{column} IN ({allowed})"
    return f"({column} IS NULL OR {check})" if nullable else check


@migrations(name="0001_initial")
def m0001_initial(db):
    db.executescript(
        f"""
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE TABLE departments (
            name TEXT PRIMARY KEY
        );
        CREATE TABLE employees (
            id TEXT PRIMARY KEY,                -- pseudonym
            display_name TEXT,                  -- optional, only for the stakeholder map
            department TEXT NOT NULL REFERENCES departments(name),
            level TEXT NOT NULL CHECK ({_in("level", LEVELS)}),
            segment TEXT CHECK ({_in("segment", SEGMENTS, nullable=True)}),
            segment_source TEXT CHECK (segment_source IS NULL
                                       OR segment_source IN ('assessed', 'derived')),
            start_date TEXT,
            licensed_from TEXT,
            licensed_to TEXT,
            CHECK (licensed_to IS NULL OR licensed_from IS NULL OR licensed_to >= licensed_from)
        );
        CREATE INDEX employees_department ON employees(department);

        CREATE TABLE usage_daily (
            employee_id TEXT NOT NULL REFERENCES employees(id),
            day TEXT NOT NULL,
            tool TEXT NOT NULL,
            actions INTEGER NOT NULL CHECK (actions >= 0),
            minutes REAL CHECK (minutes IS NULL OR minutes >= 0),
            batch_id INTEGER REFERENCES import_batches(id),
            PRIMARY KEY (employee_id, day, tool)
        ) WITHOUT ROWID;
        CREATE INDEX usage_daily_day ON usage_daily(day, employee_id, actions);

        -- Rollup of usage_daily per person and ISO week (Monday), kept current by
        -- store.refresh_usage_weekly after every usage write: distinct counts of active
        -- people over weeks come from here, never from the raw daily rows.
        CREATE TABLE usage_weekly (
            week TEXT NOT NULL,
            employee_id TEXT NOT NULL REFERENCES employees(id),
            actions INTEGER NOT NULL,
            active_days INTEGER NOT NULL,
            PRIMARY KEY (week, employee_id)
        ) WITHOUT ROWID;

        CREATE TABLE trainings (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'lunch_learn',
            held_on TEXT NOT NULL,
            duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes > 0),
            batch_id INTEGER REFERENCES import_batches(id)
        );
        CREATE INDEX trainings_held_on ON trainings(held_on);
        CREATE TABLE training_attendance (
            training_id INTEGER NOT NULL REFERENCES trainings(id) ON DELETE CASCADE,
            employee_id TEXT NOT NULL REFERENCES employees(id),
            PRIMARY KEY (training_id, employee_id)
        ) WITHOUT ROWID;
        CREATE INDEX training_attendance_employee ON training_attendance(employee_id);
        CREATE TABLE training_requests (
            id INTEGER PRIMARY KEY,
            requested_on TEXT NOT NULL,
            department TEXT REFERENCES departments(name),
            employee_id TEXT REFERENCES employees(id),
            topic TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'planned', 'done', 'declined')),
            batch_id INTEGER REFERENCES import_batches(id)
        );
        CREATE INDEX training_requests_on ON training_requests(requested_on);

        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            submitted_on TEXT NOT NULL,
            department TEXT REFERENCES departments(name),
            title TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'under_review', 'adopted', 'rejected')),
            batch_id INTEGER REFERENCES import_batches(id)
        );
        CREATE INDEX suggestions_on ON suggestions(submitted_on);

        CREATE TABLE survey_questions (
            code TEXT PRIMARY KEY,
            construct TEXT NOT NULL,
            scale TEXT NOT NULL CHECK (scale IN ('agree5', 'nps11', 'text')),
            reversed INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL,
            text_nl TEXT NOT NULL,
            text_en TEXT NOT NULL
        );
        CREATE TABLE surveys (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            held_on TEXT NOT NULL,              -- the wave's reference date
            invited INTEGER CHECK (invited IS NULL OR invited >= 0),
            batch_id INTEGER REFERENCES import_batches(id)
        );
        CREATE TABLE survey_respondents (
            id INTEGER PRIMARY KEY,
            survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
            respondent TEXT NOT NULL,           -- pseudonym, unique within the wave
            department TEXT,
            level TEXT CHECK ({_in("level", LEVELS, nullable=True)}),
            employee_id TEXT REFERENCES employees(id),
            UNIQUE (survey_id, respondent)
        );
        CREATE INDEX survey_respondents_dept ON survey_respondents(survey_id, department);
        CREATE TABLE survey_answers (
            respondent_id INTEGER NOT NULL REFERENCES survey_respondents(id) ON DELETE CASCADE,
            question_code TEXT NOT NULL REFERENCES survey_questions(code),
            value REAL,
            text TEXT,
            PRIMARY KEY (respondent_id, question_code)
        ) WITHOUT ROWID;
        CREATE INDEX survey_answers_question ON survey_answers(question_code, respondent_id, value);

        CREATE TABLE stakeholder_assessments (
            id INTEGER PRIMARY KEY,
            employee_id TEXT NOT NULL REFERENCES employees(id),
            assessed_on TEXT NOT NULL,
            influence INTEGER NOT NULL CHECK (influence BETWEEN 1 AND 5),
            attitude INTEGER NOT NULL CHECK (attitude BETWEEN -2 AND 2),
            category TEXT NOT NULL CHECK ({_in("category", CATEGORIES)}),
            role_r INTEGER NOT NULL DEFAULT 0,
            role_a INTEGER NOT NULL DEFAULT 0,
            role_c INTEGER NOT NULL DEFAULT 0,
            role_i INTEGER NOT NULL DEFAULT 0,
            role_influencer INTEGER NOT NULL DEFAULT 0,
            next_action TEXT,
            action_owner TEXT,
            action_due TEXT,
            assessed_by TEXT,
            note TEXT,
            batch_id INTEGER REFERENCES import_batches(id)
        );
        CREATE INDEX stakeholder_assessments_emp ON stakeholder_assessments(employee_id, assessed_on);

        CREATE TABLE use_cases (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            department TEXT REFERENCES departments(name),
            owner TEXT,
            unit TEXT NOT NULL,
            hourly_rate REAL CHECK (hourly_rate IS NULL OR hourly_rate >= 0),
            start_date TEXT,
            status TEXT NOT NULL DEFAULT 'pilot' CHECK ({_in("status", USE_CASE_STATUSES)}),
            licence_cost_month REAL CHECK (licence_cost_month IS NULL OR licence_cost_month >= 0),
            training_hours REAL CHECK (training_hours IS NULL OR training_hours >= 0),
            implementation_cost REAL CHECK (implementation_cost IS NULL OR implementation_cost >= 0)
        );
        CREATE TABLE measurements (
            id INTEGER PRIMARY KEY,
            use_case_id INTEGER NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
            phase TEXT NOT NULL CHECK ({_in("phase", PHASES)}),
            measured_on TEXT NOT NULL,
            minutes_per_unit REAL CHECK (minutes_per_unit IS NULL OR minutes_per_unit > 0),
            units_per_month REAL CHECK (units_per_month IS NULL OR units_per_month >= 0),
            errors_per_unit REAL CHECK (errors_per_unit IS NULL OR errors_per_unit >= 0),
            note TEXT,
            batch_id INTEGER REFERENCES import_batches(id)
        );
        CREATE INDEX measurements_use_case ON measurements(use_case_id, phase, measured_on);

        CREATE TABLE targets (
            kpi TEXT PRIMARY KEY,
            target REAL NOT NULL,
            due_date TEXT
        );

        CREATE TABLE import_batches (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            filename TEXT,
            imported_at TEXT NOT NULL,
            imported_by TEXT,
            rows INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('done', 'undone'))
        );
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT,
            entity_id TEXT,
            detail TEXT
        );
        """
    )
    db["survey_questions"].insert_all(questionnaire.QUESTIONS)
    db["settings"].insert_all(
        [
            {"key": "company_name", "value": ""},
            {"key": "demo", "value": "0"},
            {"key": "data_version", "value": "0"},
            {"key": "min_group_size", "value": "5"},
            {"key": "adoption_window_days", "value": "28"},
            {"key": "reassess_after_days", "value": "183"},
        ]
    )
    db["targets"].insert_all(
        [{"kpi": kpi, "target": value, "due_date": None} for kpi, value in DEFAULT_TARGETS.items()]
    )


# Targets a new store starts with; a company changes them in the targets table.
DEFAULT_TARGETS = {
    "acceptance_rate": 0.85,
    "adoption_rate": 0.75,
    "fear_index": 0.20,
    "enps": 10.0,
    "time_saved": 0.30,
}


@migrations(name="0002_business_case")
def m0002_business_case(db):
    # The business-case calculator's inputs, saved with the use case (rate and costs
    # already have columns): current minutes per unit, expected saving (fraction 0..1)
    # and expected units per month.
    db.execute("ALTER TABLE use_cases ADD COLUMN bc_minutes_per_unit REAL "
               "CHECK (bc_minutes_per_unit IS NULL OR bc_minutes_per_unit > 0)")
    db.execute("ALTER TABLE use_cases ADD COLUMN bc_saving REAL "
               "CHECK (bc_saving IS NULL OR bc_saving BETWEEN 0 AND 1)")
    db.execute("ALTER TABLE use_cases ADD COLUMN bc_units_per_month REAL "
               "CHECK (bc_units_per_month IS NULL OR bc_units_per_month >= 0)")


@migrations(name="0003_imports")
def m0003_imports(db):
    # Undoing an import removes exactly its rows: staff rows now carry their batch too, and
    # rows an import changed (rather than added) keep their previous content here so an
    # undo can put it back. ``before`` NULL marks a row the import added to a table that
    # has no batch_id (departments, use cases, mapped survey items). No foreign key on
    # batch_id: clearing the store deletes import_batches; importers drop orphans first.
    db.execute("ALTER TABLE employees ADD COLUMN batch_id INTEGER REFERENCES import_batches(id)")
    db.execute(
        """
        CREATE TABLE import_changes (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL,
            tbl TEXT NOT NULL,
            key TEXT NOT NULL,       -- JSON array of the row's primary key
            before TEXT              -- JSON object of the row before the import
        )
        """
    )
    db.execute("CREATE INDEX import_changes_batch ON import_changes(batch_id)")


@migrations(name="0004_decisions")
def m0004_decisions(db):
    # The steering group's memory: per meeting date its decisions and action items. An
    # action has an owner, a due date and a status; a decision only its text.
    db.execute(
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            held_on TEXT NOT NULL UNIQUE
        )
        """
    )
    db.execute(
        """
        CREATE TABLE meeting_items (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            kind TEXT NOT NULL CHECK (kind IN ('decision', 'action')),
            text TEXT NOT NULL,
            owner TEXT,
            due_date TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
            status_on TEXT
        )
        """
    )
    db.execute("CREATE INDEX meeting_items_meeting ON meeting_items(meeting_id)")


ROLES = ("viewer", "editor", "admin")


@migrations(name="0005_access")
def m0005_access(db):
    # Users and roles (core/users.py). A name is unique ignoring case; a password is kept
    # only as a bcrypt hash and an e-mail address only as a keyed pseudonym (email_key),
    # for sign-in through an identity provider. Failed sign-ins lock an account for a while;
    # names that match no user are rate-limited in login_failures (kept small: a row is
    # dropped once its lock has passed).
    db.executescript(
        f"""
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            role TEXT NOT NULL CHECK ({_in("role", ROLES)}),
            password_hash TEXT,
            email_key TEXT UNIQUE,
            see_notes INTEGER NOT NULL DEFAULT 0 CHECK (see_notes IN (0, 1)),
            created_at TEXT NOT NULL,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            last_login TEXT,
            CHECK (password_hash IS NOT NULL OR email_key IS NOT NULL)
        );
        CREATE TABLE login_failures (
            name TEXT PRIMARY KEY,          -- lower-cased name that matches no user
            failures INTEGER NOT NULL,
            locked_until TEXT,
            last_at TEXT NOT NULL
        );

        -- The audit log is append-only for everyone who goes through SQLite, the app
        -- included: no row can be deleted, and an update may only blank detail and
        -- entity_id (the erasure of a person, core/privacy.py).
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only');
        END;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        WHEN NOT (NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor
                  AND NEW.action IS OLD.action AND NEW.entity IS OLD.entity
                  AND (NEW.entity_id IS OLD.entity_id OR NEW.entity_id IS NULL)
                  AND (NEW.detail IS OLD.detail OR NEW.detail IS NULL))
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only');
        END;

        INSERT OR IGNORE INTO settings (key, value) VALUES
            ('login_max_failures', '5'),
            ('login_lock_minutes', '15'),
            ('session_timeout_minutes', '30'),
            ('usage_retention_months', '0');
        """
    )


@migrations(name="0006_rollups")
def m0006_rollups(db):
    # Usage rolled up per person (and per person and tool): one row holds a person's whole
    # history, so the pages read one row per person however many years the store holds,
    # and join the small employees table for department, level, segment and licence (a
    # staff-list change then needs no refresh). Kept current by store.refresh_usage_weekly
    # in the transaction of every usage write; see its docstring for the encoding.
    db.executescript(
        """
        CREATE TABLE usage_series (
            tool TEXT NOT NULL,                 -- '' = all tools together
            employee_id TEXT NOT NULL REFERENCES employees(id),
            first_week TEXT NOT NULL,           -- Monday of the first stored week
            weeks INTEGER NOT NULL CHECK (weeks > 0),
            actions BLOB NOT NULL,              -- int32 little-endian per week
            days BLOB NOT NULL,                 -- per week a byte: bit i = Monday + i active
            UNIQUE (tool, employee_id)
        );
        CREATE INDEX usage_series_employee ON usage_series(employee_id);
        """
    )
    _rollups_stale(db)


def _rollups_stale(db):
    """Mark the usage rollups for a rebuild from the raw rows. Migrations carry their own
    SQL and never call today's functions: ``store.migrate`` rebuilds marked rollups with
    the rollup code of the Draagvlak that opens the store, in the same transaction."""
    db.execute("INSERT INTO settings (key, value) VALUES ('usage_rollups_stale', '1') "
               "ON CONFLICT(key) DO UPDATE SET value = '1'")


@migrations(name="0007_erasures")
def m0007_erasures(db):
    # Who was erased (core/privacy.py), so restoring an older backup erases them again:
    # only a keyed hash of the employee id (privacy.erasure_key), never the id, and the date.
    # Carried over into every restored store (core/backup.py restore).
    db.execute(
        """
        CREATE TABLE erasures (
            key TEXT PRIMARY KEY,
            erased_on TEXT NOT NULL
        )
        """
    )


@migrations(name="0008_drop_usage_weekly")
def m0008_drop_usage_weekly(db):
    # The person × week rollup: no page read it any more (they read usage_series), and
    # keeping it current cost an import of a million usage rows a million more writes.
    db.execute("DROP TABLE IF EXISTS usage_weekly")


@migrations(name="0009_rebuild_rollups")
def m0009_rebuild_rollups(db):
    # An import bringing more than store.STORED_LOOKUP_LIMIT series not yet stored (a usage
    # file of over a thousand new people) emptied the import's weeks in everyone else's
    # rollup. Fixed in store._stored_series; a store written before is rebuilt from its raw
    # rows once (weeks pruned by the retention setting keep their rollups).
    _rollups_stale(db)


@migrations(name="0010_sso")
def m0010_sso(db):
    # Sign-in without account locks (core/users.py): a failed sign-in slows down the source
    # that made it, never the account for everyone. login_failures now holds one row per
    # account and client (``name``: a keyed hash of both, never the typed text; ``account``:
    # the user's name when the account exists) with the time until which that source must
    # wait (``locked_until``); the users' own failure counts and locks are cleared and no
    # longer used (the columns stay: SQLite's DROP COLUMN opens the connection's temporary
    # database, after which an import can no longer set temp_store inside its transaction).
    # users.sessions_after voids every remembered password session issued before it (a
    # log-out, a new password). domain_roles gives everyone who signs in through the
    # identity provider with an address at a domain a role; access_requests holds who
    # signed in there without a role, until an admin grants or dismisses it.
    db.executescript(
        f"""
        DELETE FROM login_failures;
        ALTER TABLE login_failures ADD COLUMN account TEXT;
        UPDATE users SET failed_logins = 0, locked_until = NULL;
        ALTER TABLE users ADD COLUMN sessions_after TEXT;
        CREATE TABLE domain_roles (
            domain TEXT PRIMARY KEY,            -- lower-case, without the @
            role TEXT NOT NULL CHECK ({_in("role", ROLES)}),
            see_notes INTEGER NOT NULL DEFAULT 0 CHECK (see_notes IN (0, 1)),
            created_at TEXT NOT NULL
        );
        CREATE TABLE access_requests (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,         -- lower-case; removed once granted or dismissed
            name TEXT,
            provider TEXT,
            requested_at TEXT NOT NULL
        );
        """
    )


@migrations(name="0012_licences")
def m0012_licences(db):
    # Licences per AI tool (core/licences/): seats bought, price per seat per month (NULL =
    # unknown, never 0), from/until; from_staff_list = everyone with AI access on the staff
    # list holds a seat of it. licence_holders: who holds a seat of which tool, as the
    # exports that list licensed users say (M365 report, ChatGPT user_status) or the demo.
    # Self-contained SQL: no call into today's functions.
    db.executescript(
        """
        CREATE TABLE licences (
            id INTEGER PRIMARY KEY,
            tool TEXT NOT NULL CHECK (length(trim(tool)) > 0),
            seats INTEGER NOT NULL CHECK (seats > 0),
            price_per_month REAL CHECK (price_per_month IS NULL OR price_per_month >= 0),
            valid_from TEXT NOT NULL,
            valid_until TEXT,
            from_staff_list INTEGER NOT NULL DEFAULT 0 CHECK (from_staff_list IN (0, 1)),
            batch_id INTEGER REFERENCES import_batches(id),
            CHECK (valid_until IS NULL OR valid_until >= valid_from)
        );
        CREATE INDEX licences_tool ON licences(tool);
        CREATE TABLE licence_holders (
            tool TEXT NOT NULL,
            employee_id TEXT NOT NULL REFERENCES employees(id),
            held_from TEXT,
            held_until TEXT,
            source TEXT NOT NULL,
            batch_id INTEGER REFERENCES import_batches(id),
            PRIMARY KEY (tool, employee_id),
            CHECK (held_until IS NULL OR held_from IS NULL OR held_until >= held_from)
        ) WITHOUT ROWID;
        CREATE INDEX licence_holders_employee ON licence_holders(employee_id);
        """
    )


@migrations(name="0011_mappings")
def m0011_mappings(db):
    # Column mappings a user made for a file no importer knows, kept under the file's
    # header signature so next month's file of the same shape imports in one click.
    db.executescript(
        """
        CREATE TABLE column_mappings (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            signature TEXT NOT NULL UNIQUE,      -- core.importers.mapping.signature(headers)
            kind TEXT NOT NULL,                  -- usage, survey, or a template kind
            fields TEXT NOT NULL,                -- JSON {field: column in the file}
            headers TEXT NOT NULL,               -- JSON: the file's headers, as saved
            created_at TEXT NOT NULL,
            created_by TEXT
        );
        """
    )
