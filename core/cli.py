"""The command line: ``python -m core init|demo|kpis``. It parses arguments and calls ``core``.

The modules of the other commands (import, deck, bench, users and privacy) are imported only
when their command runs or help lists every command: ``kpis --json`` must start in well
under a second, and python-pptx and the importers alone take a few tenths of one.
"""
import argparse
import datetime as dt
import importlib
import json
import sys

from core import kpis, store
from core.backup import StoreProblem
from core.filters import DEFAULT_PERIOD, PERIODS, for_period

# Commands defined here, which need none of the modules below.
OWN_COMMANDS = ("init", "demo", "backup", "restore", "check", "kpis")
# Commands of other modules: name -> (module, its function that adds the subparsers).
MODULE_COMMANDS = {
    "import": ("core.importers.cli", "add_parser"),
    "deck": ("core.deck", "add_parser"),
    "bench": ("core.bench", "add_parser"),
    **{name: ("core.access_cli", "add_parsers")
       for name in ("user", "erase", "person-export", "retention")},
}


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def _command_modules(argv):
    """The modules whose subcommands the parser needs for ``argv``: none for this module's
    own commands, the command's module for another's, and all of them otherwise (help, or
    a mistyped command, lists every command)."""
    command = argv[0] if argv else None
    if command in OWN_COMMANDS:
        return []
    if command in MODULE_COMMANDS:
        return [MODULE_COMMANDS[command]]
    return list(dict.fromkeys(MODULE_COMMANDS.values()))


def build_parser(argv=None):
    """The argument parser for ``argv`` (the arguments after ``python -m core``; default
    ``sys.argv[1:]``); see ``_command_modules`` for which commands it holds."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m core", description="Draagvlak store and KPIs.")
    db_help = "store path (default: $DRAAGVLAK_DB, else data/draagvlak.db)"
    sub = parser.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="create an empty store (or upgrade an existing one)")
    init.add_argument("--db", help=db_help)

    demo = sub.add_parser("demo", help="fill a new store with the demo company")
    demo.add_argument("--db", help=db_help)
    demo.add_argument("--employees", type=_positive, default=140)
    demo.add_argument("--months", type=_positive, default=12)
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--end", type=_date, help="last day of demo data (default: end of last month)")
    demo.add_argument("--replace", action="store_true", help="delete an existing store first")

    bk = sub.add_parser("backup", help="copy the store (safe while the app runs)")
    bk.add_argument("--db", help=db_help)
    bk.add_argument("--to", help="file to write (default: a new file in backups/ beside the store)")

    rs = sub.add_parser("restore", help="put a backup in the store's place (the replaced state is kept)")
    rs.add_argument("backup", nargs="?", help="backup file (default: the newest backup)")
    rs.add_argument("--db", help=db_help)

    ck = sub.add_parser("check", help="check the store's integrity (reads every page)")
    ck.add_argument("--db", help=db_help)

    for module, add in _command_modules(argv):
        getattr(importlib.import_module(module), add)(sub)

    kp = sub.add_parser("kpis", help="print the KPIs")
    kp.add_argument("--db", help=db_help)
    kp.add_argument("--json", action="store_true", help="print one JSON object")
    kp.add_argument("--as-of", type=_date, help="last day that counts (default: latest data)")
    kp.add_argument("--period", choices=PERIODS[:-1], default=DEFAULT_PERIOD,
                    help=f"period ending on as-of (default: {DEFAULT_PERIOD})")
    kp.add_argument("--department", action="append", default=[],
                    help="only this department (repeat for several)")
    return parser


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    path = store.resolve_path(args.db)
    if args.command == "init":
        s = store.Store(path)
        print(f"store ready: {path}")
        s.close()
        return 0
    if args.command == "demo":
        return _demo(args, path)
    if args.command in MODULE_COMMANDS:
        return importlib.import_module(MODULE_COMMANDS[args.command][0]).run(args)
    if args.command in ("backup", "restore", "check"):
        return _backup_command(args, path)
    return _kpis(args, path)


def _backup_command(args, path):
    from core import access, backup

    if args.command == "check":
        try:
            backup.check(path)
        except backup.StoreProblem as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            return 1
        print(f"ok: {path}")
        return 0
    if args.command == "backup":
        if not path.exists():
            print(f"error: no store at {path}", file=sys.stderr)
            return 1
        try:
            written = backup.backup(path, to=args.to, reason=None if args.to else "manual")
        except FileExistsError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"backup written: {written}")
        return 0
    source = args.backup
    if source is None:
        newest = backup.list_backups(path)
        if not newest:
            print(f"error: no backups of {path}", file=sys.stderr)
            return 1
        source = newest[0]["path"]
    try:
        kept = backup.restore(path, source, actor=access.SYSTEM)
    except (backup.StoreProblem, FileNotFoundError) as exc:
        print(f"error: cannot restore {source}: {exc}", file=sys.stderr)
        return 1
    print(f"restored {source} to {path}" + (f"; the replaced state is kept in {kept}" if kept else ""))
    return 0


def _demo(args, path):
    from core import demo

    if args.replace:
        remove_store(path)
    s = store.Store(path)
    try:
        counts = demo.build_demo(s, employees=args.employees, months=args.months,
                                 seed=args.seed, end=args.end)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        s.close()
    print(f"demo store written: {path}")
    for name, count in counts.items():
        print(f"  {name}: {count}")
    return 0


def remove_store(path):
    """Delete a store file with its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm"):
        p = path.with_name(path.name + suffix)
        if p.exists():
            p.unlink()


def _kpis(args, path):
    if not path.exists():
        print(f"error: no store at {path} (create one with 'python -m core init' or 'demo')",
              file=sys.stderr)
        return 1
    try:
        s = store.Store(path)
    except StoreProblem as exc:
        print(f"error: {path} is not a usable store ({exc}); see 'python -m core restore'",
              file=sys.stderr)
        return 1
    db = s.read()
    unknown = sorted(set(args.department) - set(kpis.departments(db)))
    if unknown:
        print(f"error: unknown department(s): {', '.join(unknown)}; known: "
              f"{', '.join(kpis.departments(db))}", file=sys.stderr)
        return 1
    as_of = args.as_of or kpis.data_as_of(db) or dt.date.today()
    f = for_period(args.period, as_of, args.department)
    result = kpis.summary(db, f)
    s.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_text(result)
    return 0


def _print_text(result):
    def pct(v):
        return "–" if v is None else f"{v:.0%}"

    acc, adopt = result["acceptance_rate"], result["adoption_rate"]
    print(f"as of {result['as_of']}")
    print(f"acceptance rate   {pct(acc['value'])} (n={acc['n']}, wave {acc['wave']})")
    print(f"adoption rate     {pct(adopt['value'])} ({adopt['active']}/{adopt['eligible']}, "
          f"{adopt['window_days']} days)")
    print(f"fear index        {pct(result['fear_index']['value'])}")
    enps = result["enps"]["value"]
    print(f"eNPS              {'–' if enps is None else f'{enps:+.0f}'}")
    for row in result["time_saved"]:
        print(f"time saved        {row['use_case']}: {pct(row['value'])}")
    st = result["stakeholders"]
    print(f"stakeholders      {st['key_champions']} key champions, {st['critical_blockers']} "
          f"critical blockers, {st['overdue']} overdue")
