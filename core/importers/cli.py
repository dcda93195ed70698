"""``python -m core import FILE [FILE …] [--db PATH] [--kind KIND] [--wave NAME]
[--date-order dmy|mdy|ymd] [--map FIELD=COLUMN …] [--mapping-name NAME] [--dry-run]``.

Every file is checked first; only when all are valid are they written, together, in one
transaction, after a backup of a store that already held data. On any invalid input: the
row/column messages on stderr, exit 1, and the store exactly as it was.
"""
import sys
from pathlib import Path

from core import access, i18n, store
from core.importers import (KINDS, ImportError_, apply_import, backup_before_import,
                            describe_date_reading, mapping, plan_import)
from core.importers.common import new_secret, store_secret


def add_parser(subparsers):
    """Add the ``import`` command to the CLI's subparsers."""
    p = subparsers.add_parser("import", help="import usage exports, survey results or templates")
    p.add_argument("files", nargs="+", metavar="FILE", help="CSV or .xlsx files")
    p.add_argument("--db", help="store path (default: $DRAAGVLAK_DB, else data/draagvlak.db)")
    p.add_argument("--kind", choices=KINDS, help="the files' format (default: recognised from the headers)")
    p.add_argument("--wave", help="name of the survey wave (default: 'Pulse YYYY-MM')")
    p.add_argument("--date-order", choices=("dmy", "mdy", "ymd"),
                   help="how to read dates such as 01/02/2026 (day-month, month-day, year first); "
                        "wins over what the file suggests")
    p.add_argument("--map", action="append", metavar="FIELD=COLUMN", default=None,
                   help="map a column of a file no importer knows to a field of --kind (usage: "
                        "person, day, tool, actions; survey: date, department, level, INT1 …); "
                        "repeat per field. A mapping saved for files with these headers applies "
                        "without it.")
    p.add_argument("--mapping-name", metavar="NAME",
                   help="save the --map mapping under this name for the next file of the same "
                        "columns (for usage without a tool column: the tool's name)")
    p.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    p.add_argument("--lang", choices=("nl", "en"), default="en", help="language of the messages")
    return p


def _summary(plan):
    s = plan.summary
    if "wave" in s:
        what = f"wave '{s['wave']}' ({s['held_on']}), {s['respondents']} respondents"
    elif "users" in s:
        what = f"{s['users']} people, {len(plan.records.get('usage', []))} usage rows"
    else:
        what = f"{s.get('rows', plan.rows)} rows"
    return f"{plan.filename}: {plan.kind}, {plan.rows} rows read, {what}"


def run(args):
    """Run the ``import`` command; return the exit code."""
    path = store.resolve_path(args.db)
    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    s = store.Store(path)
    try:
        db = s.read()
        secret = store_secret(db) or new_secret()
        try:
            columns = mapping.parse_cli(getattr(args, "map", None)) or None
        except mapping.MappingProblem as exc:
            print("error: " + i18n.t("data.err.map_syntax", args.lang, value=exc.column), file=sys.stderr)
            return 2
        name = getattr(args, "mapping_name", None)
        plans = [plan_import(db, f, kind=args.kind, wave=args.wave, secret=secret, lang=args.lang,
                             date_order=getattr(args, "date_order", None), columns=columns,
                             mapping_name=name)
                 for f in args.files]
        for p in plans:
            if p.mapping and p.mapping["saved"]:
                print(f"{p.filename}: " + i18n.t("data.mapping.applied", args.lang, name=p.mapping["name"]))
        for p in plans:
            reading = describe_date_reading(p, args.lang)
            if reading:
                print(f"{p.filename}: {reading}")
        bad = [p for p in plans if not p.ok]
        for p in bad:
            for message in p.messages(args.lang):
                print(f"error: {message}", file=sys.stderr)
        if bad:
            print(f"nothing imported: {len(bad)} of {len(plans)} file(s) invalid", file=sys.stderr)
            return 1
        if args.dry_run:
            for p in plans:
                print(_summary(p) + " (dry run: nothing written)")
            return 0
        try:
            # One outer transaction: each file's write joins it, so all land or none.
            backup_before_import(s)
            with s.write(access.SYSTEM):
                batches = [apply_import(s, p, access.SYSTEM, backup=False) for p in plans]
        except ImportError_ as exc:
            print(f"error: {exc.issue.message(args.lang)}", file=sys.stderr)
            print("nothing imported", file=sys.stderr)
            return 1
        for p, b in zip(plans, batches):
            print(_summary(p) + f" → batch {b}")
        if columns and name and not args.dry_run:
            try:
                mapping.save(s, name, plans[0].mapping["kind"], columns, plans[0].headers,
                             actor=access.SYSTEM)
                print(i18n.t("data.mapping.saved", args.lang, name=name))
            except mapping.MappingProblem as exc:
                print("error: " + i18n.t(f"data.map_error.{exc.code}", args.lang, column=exc.column or ""),
                      file=sys.stderr)
                return 1
        return 0
    finally:
        s.close()
